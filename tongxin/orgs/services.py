"""Writes to the two organisation trees: create, update, move (cycles refused)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import forget_scope, scope_for
from tongxin.core.permissions import require_cap
from tongxin.core.tree import ancestor_ids
from tongxin.orgs.choices import PARTY_PARENT_KINDS, UNIT_PARENT_KINDS, PartyOrgKind, UnitKind
from tongxin.orgs.models import PartyOrg, Unit, region_code_validator

NAME_MAX = 100


def _clean_name(name) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError({"name": ValidationError("请填写名称。", code="required")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": ValidationError(f"名称不能超过{NAME_MAX}个字符。", code="max_length")})
    return name


def _get_in_scope(model, pk, *, field: str, scope):
    if pk is None:
        return None
    node = model.objects.filter(pk=pk).first()
    covered = node is not None and (scope.covers_org(node.pk) if model is PartyOrg else scope.covers_unit(node.pk))
    if not covered:
        raise ValidationError({field: ValidationError("上级不存在或不在您的权限范围内。", code="not_found")})
    return node


def _check_parent_kind(kind, parent, allowed: dict, labels) -> None:
    parent_kind = parent.kind if parent is not None else None
    if parent_kind not in allowed[kind]:
        where = f"“{labels(parent_kind).label}”之下" if parent_kind else "顶层"
        raise ValidationError(
            {"parent_id": ValidationError(f"“{labels(kind).label}”不能设在{where}。", code="parent_kind")}
        )


def _check_no_cycle(model, node, new_parent) -> None:
    if new_parent is None:
        return
    if node.pk in ancestor_ids(model, new_parent.pk):
        raise ValidationError({"parent_id": ValidationError("不能把组织移到它自己或它的下级之下。", code="cycle")})


def _require_root_permission(scope, parent):
    if parent is None and not scope.is_global:
        raise ValidationError({"parent_id": ValidationError("请选择上级组织。", code="required")})


@transaction.atomic
def party_org_create(*, actor, name, kind, parent_id=None, unit_id=None, established_on=None) -> PartyOrg:
    require_cap(actor, Cap.MANAGE_ORGS)
    scope = scope_for(actor)
    name = _clean_name(name)
    if kind not in PartyOrgKind.values:
        raise ValidationError({"kind": ValidationError("党组织类型无效。", code="invalid_choice")})
    parent = _get_in_scope(PartyOrg, parent_id, field="parent_id", scope=scope)
    _require_root_permission(scope, parent)
    _check_parent_kind(kind, parent, PARTY_PARENT_KINDS, PartyOrgKind)
    unit = _get_in_scope(Unit, unit_id, field="unit_id", scope=scope) if unit_id is not None else None
    if unit is None and parent is not None:
        unit = parent.unit
    if established_on and established_on > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"established_on": ValidationError("成立日期不合理。", code="invalid")})
    org = PartyOrg.objects.create(name=name, kind=kind, parent=parent, unit=unit, established_on=established_on)
    forget_scope(actor)
    return org


@transaction.atomic
def party_org_update(
    *, actor, org: PartyOrg, name, unit_id=None, established_on=None, term_started_on=None, term_years=None,
    farmer_dues_amount=None,
) -> PartyOrg:  # fmt: skip
    """Name and settings. Branch secretaries may change their own branch's term and dues settings."""
    scope = scope_for(actor)
    if not (scope.can(Cap.MANAGE_ORGS) or (scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(org.pk))):
        require_cap(actor, Cap.MANAGE_ORGS)
    org = PartyOrg.objects.select_for_update().get(pk=org.pk)
    name = _clean_name(name)
    if name != org.name and not scope.can(Cap.MANAGE_ORGS):
        raise ValidationError({"name": ValidationError("党组织名称由组织委员修改。", code="permission")})
    org.name = name
    if unit_id is not None:
        org.unit = _get_in_scope(Unit, unit_id, field="unit_id", scope=scope)
    org.established_on = established_on
    org.term_started_on = term_started_on
    if term_years is not None and term_years not in (3, 5):
        raise ValidationError({"term_years": ValidationError("任期应为3年或5年。", code="invalid_choice")})
    org.term_years = term_years
    if farmer_dues_amount is not None:
        from decimal import Decimal

        amount = Decimal(farmer_dues_amount)
        if not Decimal("0.20") <= amount <= Decimal("1.00"):
            raise ValidationError(
                {"farmer_dues_amount": ValidationError("农民党员每月党费应在0.20至1.00元之间。", code="range")}
            )
        org.farmer_dues_amount = amount
    org.save()
    return org


def _move(model, *, actor, node, new_parent_id, allowed, labels):
    scope = scope_for(actor)
    new_parent = _get_in_scope(model, new_parent_id, field="parent_id", scope=scope)
    _require_root_permission(scope, new_parent)
    # Lock the node and the new parent's ancestors, then check: two crossing moves (A under B,
    # B under A) serialise on the rows they share, and the second sees the first's result.
    lock_ids = {node.pk} | (set(ancestor_ids(model, new_parent.pk)) if new_parent else set())
    list(model.objects.select_for_update().filter(pk__in=lock_ids).order_by("pk").values_list("pk", flat=True))
    node = model.objects.get(pk=node.pk)
    old_parent_id = node.parent_id
    _check_no_cycle(model, node, new_parent)
    _check_parent_kind(node.kind, new_parent, allowed, labels)
    # One UPDATE moves the whole subtree: descendants hang off `parent_id`, depth is computed.
    model.objects.filter(pk=node.pk).update(parent=new_parent)
    forget_scope(actor)
    node.parent = new_parent
    node.parent_id = new_parent.pk if new_parent else None
    # auditlog listens to save(), not update(): record the move explicitly.
    from auditlog.models import LogEntry

    LogEntry.objects.log_create(
        node,
        action=LogEntry.Action.UPDATE,
        changes={"parent": [str(old_parent_id), str(node.parent_id)]},
    )
    return node


@transaction.atomic
def party_org_move(*, actor, org: PartyOrg, new_parent_id) -> PartyOrg:
    require_cap(actor, Cap.MANAGE_ORGS)
    if not scope_for(actor).covers_org(org.pk):
        raise ValidationError({"id": ValidationError("组织不存在。", code="not_found")})
    return _move(
        PartyOrg, actor=actor, node=org, new_parent_id=new_parent_id, allowed=PARTY_PARENT_KINDS, labels=PartyOrgKind
    )


def _clean_region(region_code) -> str:
    region_code = str(region_code or "").strip()
    if region_code:
        try:
            region_code_validator(region_code)
        except ValidationError as e:
            raise ValidationError({"region_code": e}) from None
    return region_code


@transaction.atomic
def unit_create(*, actor, name, kind, parent_id=None, region_code="") -> Unit:
    require_cap(actor, Cap.MANAGE_UNITS)
    scope = scope_for(actor)
    name = _clean_name(name)
    if kind not in UnitKind.values:
        raise ValidationError({"kind": ValidationError("单位类型无效。", code="invalid_choice")})
    parent = _get_in_scope(Unit, parent_id, field="parent_id", scope=scope)
    _require_root_permission(scope, parent)
    _check_parent_kind(kind, parent, UNIT_PARENT_KINDS, UnitKind)
    region_code = _clean_region(region_code) or (parent.region_code if parent else "")
    unit = Unit.objects.create(name=name, kind=kind, parent=parent, region_code=region_code)
    forget_scope(actor)
    return unit


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent_id) -> Unit:
    require_cap(actor, Cap.MANAGE_UNITS)
    if not scope_for(actor).covers_unit(unit.pk):
        raise ValidationError({"id": ValidationError("单位不存在。", code="not_found")})
    return _move(Unit, actor=actor, node=unit, new_parent_id=new_parent_id, allowed=UNIT_PARENT_KINDS, labels=UnitKind)
