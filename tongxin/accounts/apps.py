from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tongxin.accounts"
    verbose_name = "账号与权限"

    def ready(self):
        from tongxin.accounts.models import RoleAssignment, User
        from tongxin.core.audit import audit_register

        audit_register(User, exclude=("password", "last_login"))
        audit_register(RoleAssignment)
