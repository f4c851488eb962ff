from django.urls import path

from tongxin.orglife import views

app_name = "orglife"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/record/", views.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/sign-in/", views.meeting_sign_in, name="meeting_sign_in"),
    path("meetings/<int:pk>/upload/", views.meeting_upload, name="meeting_upload"),
    path("meetings/<int:pk>/<str:action>/", views.meeting_transition, name="meeting_transition"),
    path("compliance/", views.compliance_matrix, name="compliance"),
]
