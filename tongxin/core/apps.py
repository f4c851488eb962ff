from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tongxin.core"
    verbose_name = "基础"

    def ready(self):
        # Register the foundation's periodic checks.
        from tongxin.core import checks  # noqa: F401
        from tongxin.core.audit import audit_register
        from tongxin.core.models import CalendarDay, CalendarYear

        audit_register(CalendarYear)
        audit_register(CalendarDay)
