from django.urls import path

from tongxin.members import views, views_development, views_manage

app_name = "members"
urlpatterns = [
    path("dues/", views.dues_month, name="dues"),
    path("dues/generate/", views.dues_generate, name="dues_generate"),
    path("dues/bills/<int:pk>/pay/", views.dues_pay, name="dues_pay"),
    path("development/", views_development.development_list, name="development"),
    path("transfers/", views_manage.transfers, name="transfers"),
    path("<int:pk>/edit/", views_manage.member_edit, name="edit"),
    path("development/<int:pk>/", views_development.development_case, name="development_case"),
]
