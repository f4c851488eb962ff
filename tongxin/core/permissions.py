from django.core.exceptions import PermissionDenied

from tongxin.accounts.scope import scope_for


def require_cap(user, cap: str) -> None:
    if not scope_for(user).can(cap):
        raise PermissionDenied("您的角色没有此项操作的权限。")
