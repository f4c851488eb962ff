from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tongxin.people"
    verbose_name = "人员"

    def ready(self):
        from auditlog.registry import auditlog

        from tongxin.core import lookups  # noqa: F401  (registers the `prefix` lookup)
        from tongxin.people.models import Person

        auditlog.register(Person, exclude_fields=["name_pinyin", "name_initials", "id_reversed", "name_tail"])
