from django.urls import path

from tongxin.community import views

app_name = "community"
urlpatterns = [
    path("appeals/", views.appeal_list, name="appeals"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal"),
    path("disputes/", views.dispute_list, name="disputes"),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute"),
    path("charity/", views.charity, name="charity"),
    path("charity/receipts/<int:pk>/", views.receipt, name="receipt"),
    path("volunteers/", views.volunteers, name="volunteers"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("pairings/", views.pairings, name="pairings"),
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
]
