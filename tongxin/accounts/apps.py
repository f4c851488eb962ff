from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tongxin.accounts"
    verbose_name = "账号与权限"

    def ready(self):
        from auditlog.registry import auditlog

        from tongxin.accounts.models import RoleAssignment, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(RoleAssignment)
