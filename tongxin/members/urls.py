from django.urls import path

from tongxin.members import views

app_name = "members"
urlpatterns = [
    path("dues/", views.dues_month, name="dues"),
    path("dues/generate/", views.dues_generate, name="dues_generate"),
    path("dues/bills/<int:pk>/pay/", views.dues_pay, name="dues_pay"),
]
