from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "tongxin.community"
    verbose_name = "社区服务"

    def ready(self):
        from tongxin.community import checks  # noqa: F401  (periodic checks)
        from tongxin.community.models import (
            Activity,
            Appeal,
            AppealCategory,
            CharityItem,
            CharityMovement,
            Dispute,
            Pairing,
            Participation,
            Survey,
            Volunteer,
        )
        from tongxin.core.audit import audit_register

        for model in (
            AppealCategory, Appeal, Dispute, CharityItem, CharityMovement, Volunteer, Activity, Participation,
            Pairing, Survey,
        ):  # fmt: skip
            audit_register(model)
