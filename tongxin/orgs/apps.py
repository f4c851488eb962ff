from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "tongxin.orgs"
    verbose_name = "组织"

    def ready(self):
        from tongxin.core.audit import audit_register
        from tongxin.orgs.models import PartyOrg, Unit

        audit_register(PartyOrg)
        audit_register(Unit)
