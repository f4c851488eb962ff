from django.urls import path

from tongxin.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("template/<str:kind>.xlsx", views.import_template, name="template"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/errors.xlsx", views.import_errors, name="errors"),
]
