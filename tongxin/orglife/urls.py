from django.urls import path

from tongxin.orglife import views, views_ledgers, views_study

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
    path("committee/<int:org_id>/", views.committee, name="committee"),
    path("study/", views_study.study_page, name="study"),
    path("evaluations/", views_study.evaluation_page, name="evaluations"),
    path("me/", views_study.my_page, name="me"),
    path("ledgers/", views_ledgers.ledger_page, name="ledgers"),
    path("ledgers/<str:code>.<str:fmt>", views_ledgers.ledger_download, name="ledger_download"),
]
