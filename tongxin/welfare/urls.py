from django.urls import path

from tongxin.welfare import views

app_name = "welfare"
urlpatterns = [
    path("", views.institutions, name="institutions"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("assessments/", views.assessments, name="assessments"),
    path("children/", views.children, name="children"),
    path("children/<int:person_id>/", views.child_detail, name="child"),
]
