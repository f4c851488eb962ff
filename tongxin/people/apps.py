from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tongxin.people"
    verbose_name = "人员"

    def ready(self):
        from tongxin.core import lookups  # noqa: F401  (registers the `prefix` lookup)
        from tongxin.core.audit import audit_register
        from tongxin.people.models import Person

        audit_register(Person, exclude=("name_pinyin", "name_initials", "id_reversed", "name_tail"))
