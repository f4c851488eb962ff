from django.urls import path

from tongxin.orgs import views

app_name = "orgs"
urlpatterns = [
    path("orgs/", views.org_list, name="list"),
    path("orgs/new/", views.org_create, name="create"),
    path("orgs/<int:pk>/", views.org_detail, name="detail"),
    path("orgs/<int:pk>/move/", views.org_move, name="move"),
    path("orgs/<int:pk>/edit/", views.org_edit, name="edit"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/move/", views.unit_move, name="unit_move"),
]
