from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "tongxin.assistance"
    verbose_name = "社会救助"

    def ready(self):
        from tongxin.assistance import checks  # noqa: F401  (periodic checks)
        from tongxin.assistance.models import (
            Application,
            Condition,
            Coverage,
            Declaration,
            Household,
            HouseholdMember,
            PaymentRun,
            RegionRule,
            Review,
            ReviewFrequency,
            Standard,
            Warning,
            WarningRule,
        )
        from tongxin.core.audit import audit_register

        for model in (
            Household, HouseholdMember, Declaration, Condition, Coverage, Application, Review, Warning,
            WarningRule, PaymentRun, RegionRule, Standard, ReviewFrequency,
        ):  # fmt: skip
            audit_register(model)
