"""Writes for Party members: membership, transfers (组织关系转接), contact, dues bills and payments."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.dates import add_months, month_start
from tongxin.core.errors import Conflict
from tongxin.core.permissions import require_cap
from tongxin.members.choices import DuesCategory, MemberStatus, PaymentMethod, Situation, TransferStatus
from tongxin.members.dues import dues_quote
from tongxin.members.models import TRANSFER_LETTER_VALID_DAYS, DuesBill, DuesPayment, Member, MemberTransfer
from tongxin.orgs.choices import BRANCH_KINDS, PartyOrgKind, UnitKind
from tongxin.orgs.models import PartyOrg, Unit

ALREADY_MEMBER = "此人已是党员，不能重复登记。"
PROBATION_MONTHS = 12


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
    elif person is not None and person.birth_date and add_months(person.birth_date, 18 * 12) > joined_on:
        errors["joined_on"] = ValidationError("入党时应年满18周岁。", code="too_young")
    if errors:
        raise ValidationError(errors)


def _org_in_scope(actor, org_id, *, field="org_id") -> PartyOrg | None:
    org = PartyOrg.objects.select_related("unit").filter(pk=org_id).first() if org_id is not None else None
    if org is not None and not scope_for(actor).covers_org(org.pk):
        return None
    return org


def _clean_extras(*, org, group_id, situation, dues_category, dues_base, residence_community_id) -> dict:
    errors, cleaned = {}, {}
    if group_id is not None:
        group = PartyOrg.objects.filter(pk=group_id, kind=PartyOrgKind.GROUP, parent=org).first() if org else None
        if group is None:
            errors["group_id"] = ValidationError("党小组应是所在党支部下的党小组。", code="not_found")
        cleaned["group"] = group
    if situation is not None:
        if situation not in Situation.values:
            errors["situation"] = ValidationError("状态应为在职、离退休或流动。", code="invalid_choice")
        cleaned["situation"] = situation
    if dues_category is not None:
        if dues_category not in DuesCategory.values:
            errors["dues_category"] = ValidationError("党费类别无效。", code="invalid_choice")
        cleaned["dues_category"] = dues_category
    if dues_base is not None:
        if Decimal(dues_base) < 0:
            errors["dues_base"] = ValidationError("党费计算基数不能为负数。", code="negative")
        cleaned["dues_base"] = Decimal(dues_base).quantize(Decimal("0.01"))
    if residence_community_id is not None:
        community = Unit.objects.filter(pk=residence_community_id, kind=UnitKind.COMMUNITY).first()
        if community is None:
            errors["residence_community_id"] = ValidationError("居住地社区不存在。", code="not_found")
        cleaned["residence_community"] = community
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def member_create(
    *, actor, person, org_id, status, joined_on, group_id=None, situation=None, dues_category=None,
    dues_base=None, residence_community_id=None,
) -> Member:  # fmt: skip
    require_cap(actor, Cap.MANAGE_PEOPLE)
    org = _org_in_scope(actor, org_id)
    clean_member_fields(org=org, status=status, joined_on=joined_on, person=person)
    extras = _clean_extras(
        org=org, group_id=group_id, situation=situation, dues_category=dues_category, dues_base=dues_base,
        residence_community_id=residence_community_id,
    )  # fmt: skip
    if Member.objects.filter(person=person).exists():
        raise Conflict({"person_id": ValidationError(ALREADY_MEMBER, code="duplicate")})
    probation_ends_on = add_months(joined_on, PROBATION_MONTHS) if status == MemberStatus.PROBATIONARY else None
    try:
        with transaction.atomic():
            return Member.objects.create(
                person=person, org=org, status=status, joined_on=joined_on, probation_ends_on=probation_ends_on,
                last_contact_on=timezone.localdate(), **extras,
            )  # fmt: skip
    except IntegrityError:
        raise Conflict({"person_id": ValidationError(ALREADY_MEMBER, code="duplicate")}) from None


@transaction.atomic
def member_update(
    *, actor, member: Member, group_id=None, situation=None, dues_category=None, dues_base=None,
    residence_community_id=None, clear_group: bool = False,
) -> Member:  # fmt: skip
    require_cap(actor, Cap.MANAGE_PEOPLE)
    member = Member.objects.select_for_update().get(pk=member.pk)
    extras = _clean_extras(
        org=member.org, group_id=group_id, situation=situation, dues_category=dues_category, dues_base=dues_base,
        residence_community_id=residence_community_id,
    )  # fmt: skip
    for field, value in extras.items():
        setattr(member, field, value)
    if clear_group:
        member.group = None
    member.save()
    return member


@transaction.atomic
def member_convert_to_full(*, actor, member: Member, on: datetime.date) -> Member:
    """预备党员转正 (after the branch assembly's resolution)."""
    require_cap(actor, Cap.MANAGE_PEOPLE)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.PROBATIONARY:
        raise Conflict({"status": ValidationError("只有预备党员可以转正。", code="not_probationary")})
    if member.probation_ends_on and on < member.probation_ends_on:
        raise ValidationError({"on": ValidationError("预备期未满，不能转正。", code="probation_not_over")})
    member.status = MemberStatus.FULL
    member.save()
    return member


def member_contact(*, members, on: datetime.date) -> int:
    """Record contact (a meeting attended, a visit): pushes back 失联. One UPDATE."""
    ids = [m.pk if hasattr(m, "pk") else m for m in members]
    return Member.objects.filter(pk__in=ids).exclude(last_contact_on__gte=on).update(last_contact_on=on)


# --- transfers ------------------------------------------------------------------------------------


@transaction.atomic
def transfer_issue(*, actor, member: Member, to_org_id, letter_number: str, issued_on: datetime.date,
                   valid_days: int = TRANSFER_LETTER_VALID_DAYS, note: str = "") -> MemberTransfer:  # fmt: skip
    """The sending branch issues an introduction letter; the member stays there until received."""
    require_cap(actor, Cap.MANAGE_PEOPLE)
    member = Member.objects.select_for_update().get(pk=member.pk)
    to_org = PartyOrg.objects.filter(pk=to_org_id, kind__in=BRANCH_KINDS).first() if to_org_id else None
    errors = {}
    if to_org is None:
        errors["to_org_id"] = ValidationError("转入组织应为一个党支部。", code="not_found")
    elif to_org.pk == member.org_id:
        errors["to_org_id"] = ValidationError("转入组织与现在的组织相同。", code="same_org")
    letter_number = " ".join(str(letter_number or "").split())
    if not letter_number or len(letter_number) > 50:
        errors["letter_number"] = ValidationError("请填写介绍信编号（50字以内）。", code="required")
    if not 1 <= int(valid_days) <= 365:
        errors["valid_days"] = ValidationError("有效天数应在1至365之间。", code="range")
    if errors:
        raise ValidationError(errors)
    if MemberTransfer.objects.filter(member=member, status=TransferStatus.ISSUED).exists():
        raise Conflict({"member": ValidationError("该党员已有一封未接收的介绍信。", code="open_transfer")})
    return MemberTransfer.objects.create(
        member=member, from_org_id=member.org_id, to_org=to_org, letter_number=letter_number, issued_on=issued_on,
        valid_until=issued_on + datetime.timedelta(days=int(valid_days)), note=note[:200], created_by=actor,
    )  # fmt: skip


@transaction.atomic
def transfer_receive(*, actor, transfer: MemberTransfer, received_on: datetime.date) -> MemberTransfer:
    """The receiving branch confirms within the letter's validity; the member moves there."""
    require_cap(actor, Cap.MANAGE_PEOPLE)
    transfer = MemberTransfer.objects.select_for_update().get(pk=transfer.pk)
    if not scope_for(actor).covers_org(transfer.to_org_id):
        raise Conflict({"to_org": ValidationError("只有转入组织可以接收。", code="not_receiving_org")})
    if transfer.status != TransferStatus.ISSUED:
        raise Conflict({"status": ValidationError("这封介绍信已不能接收。", code="not_open")})
    if received_on > transfer.valid_until:
        raise Conflict({"received_on": ValidationError("介绍信已过有效期，请转出组织重新开具。", code="expired")})
    if received_on < transfer.issued_on:
        raise ValidationError({"received_on": ValidationError("接收日期不能早于开具日期。", code="before_issue")})
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    member.org_id = transfer.to_org_id
    member.group = None
    member.last_contact_on = received_on
    member.save()
    transfer.status = TransferStatus.RECEIVED
    transfer.received_on = received_on
    transfer.save()
    return transfer


@transaction.atomic
def transfer_cancel(*, actor, transfer: MemberTransfer) -> MemberTransfer:
    require_cap(actor, Cap.MANAGE_PEOPLE)
    transfer = MemberTransfer.objects.select_for_update().get(pk=transfer.pk)
    if not scope_for(actor).covers_org(transfer.from_org_id):
        raise Conflict({"from_org": ValidationError("只有转出组织可以撤销介绍信。", code="not_sending_org")})
    if transfer.status != TransferStatus.ISSUED:
        raise Conflict({"status": ValidationError("只有未接收的介绍信可以撤销。", code="not_open")})
    transfer.status = TransferStatus.CANCELLED
    transfer.save()
    return transfer


def transfers_expire(*, today: datetime.date) -> int:
    """Letters past their validity that nobody received become 已过期 (idempotent)."""
    return MemberTransfer.objects.filter(status=TransferStatus.ISSUED, valid_until__lt=today).update(
        status=TransferStatus.EXPIRED
    )


# --- dues -----------------------------------------------------------------------------------------


def dues_bills_generate(*, org: PartyOrg, month: datetime.date) -> int:
    """Bills for every member of the branch for `month` from their current base and category.
    Idempotent: members who already have that month's bill keep it unchanged."""
    month = month_start(month)
    members = list(
        Member.objects.filter(org=org, joined_on__lte=month.replace(day=28)).exclude(dues_bills__month=month)
    )
    bills = []
    for member in members:
        rate, amount = dues_quote(
            category=member.dues_category, base=member.dues_base, farmer_amount=org.farmer_dues_amount
        )
        bills.append(
            DuesBill(
                member=member,
                org=org,
                month=month,
                category=member.dues_category,
                base=member.dues_base,
                rate=rate,
                amount=amount,
            )
        )
    DuesBill.objects.bulk_create(bills, ignore_conflicts=True)
    return len(bills)


@transaction.atomic
def dues_payment_record(*, actor, bill: DuesBill, paid_on: datetime.date, amount: Decimal, method: str) -> DuesPayment:
    require_cap(actor, Cap.MANAGE_PEOPLE)
    bill = DuesBill.objects.select_for_update().get(pk=bill.pk)
    if bill.is_paid:
        raise Conflict({"bill": ValidationError("该月党费已交清。", code="already_paid")})
    amount = Decimal(amount).quantize(Decimal("0.01"))
    errors = {}
    if method not in PaymentMethod.values:
        errors["method"] = ValidationError("交纳方式无效。", code="invalid_choice")
    if amount <= 0:
        errors["amount"] = ValidationError("金额应大于0。", code="not_positive")
    elif amount > bill.amount - bill.paid_amount:
        errors["amount"] = ValidationError(f"金额超过尚欠的 {bill.amount - bill.paid_amount} 元。", code="overpaid")
    if paid_on > timezone.localdate():
        errors["paid_on"] = ValidationError("交纳日期不能晚于今天。", code="future_date")
    elif paid_on < bill.month:
        errors["paid_on"] = ValidationError("交纳日期不能早于账单月份。", code="before_month")
    if errors:
        raise ValidationError(errors)
    payment = DuesPayment.objects.create(
        bill=bill, paid_on=paid_on, amount=amount, method=method,
        is_back_payment=month_start(paid_on) > bill.month, recorded_by=actor,
    )  # fmt: skip
    bill.paid_amount += amount
    bill.save(update_fields=["paid_amount"])
    member_contact(members=[bill.member_id], on=paid_on)
    return payment
