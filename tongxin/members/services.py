from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.errors import Conflict
from tongxin.core.permissions import require_cap
from tongxin.members.choices import MemberStatus
from tongxin.members.models import Member
from tongxin.orgs.choices import PartyOrgKind
from tongxin.orgs.models import PartyOrg

ALREADY_MEMBER = "此人已是党员，不能重复登记。"


def clean_member_fields(*, org: PartyOrg | None, status, joined_on, person=None) -> None:
    errors = {}
    if org is None:
        errors["org_id"] = ValidationError("党组织不存在或不在您的权限范围内。", code="not_found")
    elif org.kind == PartyOrgKind.GROUP:
        errors["org_id"] = ValidationError("党员应登记在党支部（党小组通过支部管理）。", code="org_kind")
    if status not in MemberStatus.values:
        errors["status"] = ValidationError("党员类别应为正式党员或预备党员。", code="invalid_choice")
    if joined_on is None:
        errors["joined_on"] = ValidationError("请填写入党日期。", code="required")
    elif joined_on > timezone.localdate():
        errors["joined_on"] = ValidationError("入党日期不能晚于今天。", code="future_date")
    elif person is not None and person.birth_date and (joined_on.year - person.birth_date.year) < 18:
        errors["joined_on"] = ValidationError("入党时应年满18周岁。", code="too_young")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def member_create(*, actor, person, org_id, status, joined_on) -> Member:
    require_cap(actor, Cap.MANAGE_PEOPLE)
    scope = scope_for(actor)
    org = PartyOrg.objects.filter(pk=org_id).first() if org_id is not None else None
    if org is not None and not scope.covers_org(org.pk):
        org = None
    clean_member_fields(org=org, status=status, joined_on=joined_on, person=person)
    if Member.objects.filter(person=person).exists():
        raise Conflict({"person_id": ValidationError(ALREADY_MEMBER, code="duplicate")})
    try:
        with transaction.atomic():
            return Member.objects.create(person=person, org=org, status=status, joined_on=joined_on)
    except IntegrityError:
        raise Conflict({"person_id": ValidationError(ALREADY_MEMBER, code="duplicate")}) from None
