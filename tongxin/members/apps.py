from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "tongxin.members"
    verbose_name = "党员"

    def ready(self):
        from tongxin.core.audit import audit_register
        from tongxin.members import checks  # noqa: F401  (periodic checks)
        from tongxin.members.models import (
            DevelopmentCase,
            DevelopmentRule,
            DevelopmentStepRecord,
            DuesBill,
            DuesPayment,
            Member,
            MemberTransfer,
        )

        for model in (
            Member,
            MemberTransfer,
            DuesBill,
            DuesPayment,
            DevelopmentCase,
            DevelopmentStepRecord,
            DevelopmentRule,
        ):
            audit_register(model)
