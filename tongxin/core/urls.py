from django.urls import path

from tongxin.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/years/", views.calendar_year_save, name="calendar_year_save"),
    path("calendar/years/<int:year>/delete/", views.calendar_year_delete, name="calendar_year_delete"),
    path("periodic/", views.periodic_runs, name="periodic_runs"),
]
