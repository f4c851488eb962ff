from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "tongxin.members"
    verbose_name = "党员"

    def ready(self):
        from auditlog.registry import auditlog

        from tongxin.members.models import Member

        auditlog.register(Member)
