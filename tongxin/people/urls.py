from django.urls import path

from tongxin.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.xlsx", views.person_export, name="export"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/id-number/", views.person_reveal_id, name="reveal_id"),
]
