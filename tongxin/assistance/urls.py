from django.urls import path

from tongxin.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.household_list, name="households"),
    path("households/new/", views.household_new, name="household_new"),
    path("households/<int:pk>/", views.household_detail, name="household"),
    path("coverages/<int:pk>/", views.coverage_detail, name="coverage"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/refusal/", views.refusal_letter, name="refusal_letter"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("warnings/", views.warning_list, name="warnings"),
    path("payments/", views.payment_runs, name="payments"),
    path("payments/<int:pk>/", views.payment_run, name="payment_run"),
    path("payments/<int:pk>/bank.xlsx", views.payment_bank_export, name="payment_bank"),
]
