from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from tongxin.accounts.models import RoleAssignment, User
from tongxin.accounts.roles import Role
from tongxin.accounts.scope import forget_scope


@transaction.atomic
def user_create(*, username, password, display_name="", person=None, is_superuser=False) -> User:
    user = User(username=username, display_name=display_name, person=person)
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise ValidationError({"password": e.error_list}) from None
    user.set_password(password)
    if is_superuser:
        user.is_superuser = user.is_staff = True
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def role_assign(*, user, role, party_org=None, unit=None) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": ValidationError("角色无效。", code="invalid_choice")})
    if (party_org is None) == (unit is None):
        raise ValidationError("角色授权必须且只能指定一个党组织或一个单位作为范围。", code="scope_root")
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, party_org=party_org, unit=unit)
    if role == Role.SYSTEM_ADMIN and not user.is_staff:
        # System administrators use the Django admin; nobody else does.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    forget_scope(user)
    return assignment
