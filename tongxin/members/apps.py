from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "tongxin.members"
    verbose_name = "党员"

    def ready(self):
        from tongxin.core.audit import audit_register
        from tongxin.members.models import Member

        audit_register(Member)
