from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "tongxin.orgs"
    verbose_name = "组织"

    def ready(self):
        from auditlog.registry import auditlog

        from tongxin.orgs.models import PartyOrg, Unit

        auditlog.register(PartyOrg)
        auditlog.register(Unit)
