from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "tongxin.welfare"
    verbose_name = "福利"

    def ready(self):
        from tongxin.core.audit import audit_register
        from tongxin.welfare import checks  # noqa: F401  (periodic checks)
        from tongxin.welfare.models import (
            Assessment,
            CaseEntry,
            ChildCase,
            ChildVisit,
            Institution,
            Residency,
            VisitRule,
        )

        for model in (Institution, Residency, Assessment, VisitRule, ChildVisit, ChildCase, CaseEntry):
            audit_register(model)
