"""Casework services: every change to households, applications, coverage and payments goes through here.

Keyword-only, atomic; state changes lock the row first (`select_for_update`) so two reviewers acting at
once cannot both decide — the second sees the first's result and gets a conflict.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.assistance import rules
from tongxin.assistance.choices import (
    HOUSEHOLD_CATEGORIES,
    OPEN_STATUSES,
    PAY_CATEGORIES,
    Action,
    AppStatus,
    Category,
    PaymentKind,
    PayProgramme,
    Programme,
    Relation,
    ReviewOutcome,
    RunStatus,
    Stability,
    WarningStatus,
)
from tongxin.assistance.models import (
    Application,
    ApplicationStep,
    Condition,
    Coverage,
    Declaration,
    Household,
    HouseholdMember,
    InvestigationVisit,
    Payment,
    PaymentRun,
    Review,
    Warning,
)
from tongxin.core.dates import add_months, month_end, month_start
from tongxin.core.permissions import require_cap
from tongxin.core.tree import ancestor_ids
from tongxin.core.validation import FEN, clean_money, clean_text, field_error
from tongxin.core.workdays import add_working_days
from tongxin.orgs.choices import UnitKind
from tongxin.orgs.models import Unit


def township_of(unit: Unit) -> Unit:
    """The nearest 乡镇/街道 at or above `unit` (the unit itself when there is none)."""
    if unit.kind == UnitKind.TOWNSHIP:
        return unit
    ids = ancestor_ids(Unit, unit.pk)
    kinds = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "kind"))
    for pk in ids:
        if kinds.get(pk) == UnitKind.TOWNSHIP:
            return Unit.objects.get(pk=pk)
    return unit


# Households ---------------------------------------------------------------------------------------


@transaction.atomic
def household_create(
    *, actor, head, region_code: str, address: str, stability: str = Stability.BASIC,
    bank_name: str = "", bank_account: str = "", unit: Unit | None = None,
) -> Household:  # fmt: skip
    require_cap(actor, Cap.MANAGE_CASES)
    unit = unit or head.unit
    if unit is None:
        raise field_error("head_person_id", "户主没有登记单位（社区或村），请先在人员信息中填写。", "no_unit")
    if not scope_for(actor).covers_people_unit(unit.pk):
        raise field_error("unit", "所在单位不在您的权限范围内。", "out_of_scope")
    region_code = str(region_code or "").strip()
    if len(region_code) != 6 or not region_code.isdigit():
        raise field_error("region_code", "户籍地行政区划代码应为6位数字。", "region_code")
    if stability not in Stability.values:
        raise field_error("stability", "收入稳定程度无效。", "invalid_choice")
    household = Household(
        unit=unit, township=township_of(unit), head=head, region_code=region_code,
        address=clean_text("address", address, max_length=200, required=True, label="住址"), stability=stability,
        bank_name=clean_text("bank_name", bank_name, max_length=50, label="开户银行"),
        bank_account=clean_text("bank_account", bank_account, max_length=30, label="收款账号"),
    )  # fmt: skip
    household.save()
    _member_add(household, head, Relation.HEAD, field="head_person_id")
    return household


def _member_add(household, person, relation, *, field="person_id") -> HouseholdMember:
    existing = HouseholdMember.objects.filter(person=person).select_related("household__head").first()
    if existing is not None:
        if existing.household_id == household.pk:
            raise field_error(field, f"{person.name}已是本户成员。", "already_member", conflict=True)
        raise field_error(
            field, f"{person.name}已是{existing.household.head.name}户的成员，一个人只能属于一个家庭。",
            "in_other_household", conflict=True,
        )  # fmt: skip
    try:
        with transaction.atomic():
            return HouseholdMember.objects.create(
                household=household, person=person, relation=relation, joined_on=timezone.localdate()
            )
    except IntegrityError:
        raise field_error(field, f"{person.name}已是其他家庭的成员。", "in_other_household", conflict=True) from None


@transaction.atomic
def household_add_member(*, actor, household: Household, person, relation: str) -> HouseholdMember:
    require_cap(actor, Cap.MANAGE_CASES)
    if relation not in Relation.values:
        raise field_error("relation", "与户主关系无效：应为 spouse、child、parent、grandchild、grandparent、sibling 或 other。",
                   "invalid_choice")  # fmt: skip
    if relation == Relation.HEAD:
        raise field_error("relation", "一户只有一个户主。", "head_exists")
    Household.objects.select_for_update().get(pk=household.pk)
    return _member_add(household, person, relation)


@transaction.atomic
def household_remove_member(*, actor, household: Household, person) -> None:
    require_cap(actor, Cap.MANAGE_CASES)
    if person.pk == household.head_id:
        raise field_error("person_id", "不能移出户主。", "is_head", conflict=True)
    deleted, _ = HouseholdMember.objects.filter(household=household, person=person).delete()
    if not deleted:
        raise field_error("person_id", "此人不是本户成员。", "not_member")


@transaction.atomic
def household_update(*, actor, household: Household, **fields) -> Household:
    require_cap(actor, Cap.MANAGE_CASES)
    household = Household.objects.select_for_update().get(pk=household.pk)
    if "address" in fields:
        household.address = clean_text("address", fields["address"], max_length=200, required=True, label="住址")
    if "stability" in fields:
        if fields["stability"] not in Stability.values:
            raise field_error("stability", "收入稳定程度无效。", "invalid_choice")
        household.stability = fields["stability"]
    for name, label, size in (("bank_name", "开户银行", 50), ("bank_account", "收款账号", 30)):
        if name in fields:
            setattr(household, name, clean_text(name, fields[name], max_length=size, label=label))
    household.save()
    return household


@transaction.atomic
def declaration_record(*, actor, household, period: datetime.date, monthly_income, assets, note="") -> Declaration:
    require_cap(actor, Cap.MANAGE_CASES)
    if period is None:
        raise field_error("period", "请填写所属月份。", "required")
    declaration, _ = Declaration.objects.update_or_create(
        household=household, period=month_start(period),
        defaults={
            "monthly_income": clean_money("monthly_income", monthly_income, label="家庭月收入"),
            "assets": clean_money("assets", assets, label="家庭财产"),
            "note": clean_text("note", note, max_length=300, label="说明"), "declared_by": actor,
        },
    )  # fmt: skip
    return declaration


@transaction.atomic
def condition_set(*, actor, person, disability_grade=0, serious_illness=False, living_alone=False,
                  self_care_loss=False, monthly_income=None) -> Condition:  # fmt: skip
    require_cap(actor, Cap.MANAGE_CASES)
    try:
        grade = int(disability_grade or 0)
    except (TypeError, ValueError):
        grade = -1
    if not 0 <= grade <= 4:
        raise field_error("disability_grade", "残疾等级应为0（无）至4级。", "out_of_range")
    condition, _ = Condition.objects.update_or_create(
        person=person,
        defaults={
            "disability_grade": grade, "serious_illness": bool(serious_illness), "living_alone": bool(living_alone),
            "self_care_loss": bool(self_care_loss),
            "monthly_income": clean_money("monthly_income", monthly_income, required=False, label="个人月收入"),
        },
    )  # fmt: skip
    return condition


def latest_income(household, on: datetime.date) -> Decimal | None:
    row = household.declarations.filter(period__lte=on).order_by("-period").first()
    return row.monthly_income if row else None


# Coverage -----------------------------------------------------------------------------------------


def _next_review(category, stability, start: datetime.date) -> datetime.date | None:
    months = rules.review_months(category, stability)
    return add_months(start, months) if months else None


@transaction.atomic
def coverage_add(*, actor, household: Household, category: str, started_on: datetime.date, person=None,
                 application=None, persons: int | None = None) -> Coverage:  # fmt: skip
    require_cap(actor, Cap.MANAGE_CASES)
    if category not in Category.values:
        raise field_error("category", "类别无效。", "invalid_choice")
    if started_on is None:
        raise field_error("started_on", "请填写纳入日期。", "required")
    Household.objects.select_for_update().get(pk=household.pk)
    member_count = household.members.count()
    if category in HOUSEHOLD_CATEGORIES:
        person = None
    else:
        if person is None:
            raise field_error("person_id", "请选择保障对象（本户成员）。", "required")
        if not household.members.filter(person=person).exists():
            raise field_error("person_id", f"{person.name}不是本户成员。", "not_member")
    active = Coverage.objects.filter(category=category, ended_on__isnull=True)
    active = active.filter(person=person) if person else active.filter(household=household, person__isnull=True)
    if active.exists():
        label = Category(category).label
        raise field_error("category", f"{person.name if person else '该家庭'}已纳入{label}，不能重复纳入。", "already_covered",
                   conflict=True)  # fmt: skip
    return Coverage.objects.create(
        household=household, person=person, category=category, started_on=started_on, application=application,
        persons=persons or (member_count if person is None else 1),
        next_review_on=_next_review(category, household.stability, started_on),
    )  # fmt: skip


@transaction.atomic
def coverage_end(*, actor, coverage: Coverage, ended_on: datetime.date, reason: str) -> Coverage:
    require_cap(actor, Cap.MANAGE_CASES)
    coverage = Coverage.objects.select_for_update().get(pk=coverage.pk)
    if coverage.ended_on is not None:
        raise field_error("ended_on", "该对象已退出。", "already_ended", conflict=True)
    if ended_on is None or ended_on < coverage.started_on:
        raise field_error("ended_on", "退出日期不能早于纳入日期。", "invalid")
    coverage.ended_on = ended_on
    coverage.end_reason = clean_text("reason", reason, max_length=300, required=True, label="退出原因")
    coverage.next_review_on = None
    coverage.save()
    return coverage


@transaction.atomic
def coverage_suspend(*, actor, coverage: Coverage, suspended: bool, reason: str = "") -> Coverage:
    require_cap(actor, Cap.MANAGE_CASES)
    coverage = Coverage.objects.select_for_update().get(pk=coverage.pk)
    coverage.suspended = bool(suspended)
    coverage.suspend_reason = (
        clean_text("reason", reason, max_length=300, required=True, label="暂停原因") if suspended else ""
    )
    coverage.save()
    return coverage


@transaction.atomic
def review_record(*, actor, coverage: Coverage, reviewed_on: datetime.date, outcome: str, monthly_income=None,
                  note: str = "") -> Review:  # fmt: skip
    require_cap(actor, Cap.MANAGE_CASES)
    coverage = Coverage.objects.select_for_update(of=("self",)).select_related("household").get(pk=coverage.pk)
    if coverage.ended_on is not None:
        raise field_error("outcome", "该对象已退出，不再复核。", "already_ended", conflict=True)
    if outcome not in ReviewOutcome.values:
        raise field_error("outcome", "复核结论应为 continue、adjust 或 exit。", "invalid_choice")
    if reviewed_on is None or reviewed_on > timezone.localdate():
        raise field_error("reviewed_on", "复核日期不能晚于今天。", "future")
    income = clean_money("monthly_income", monthly_income, required=outcome == ReviewOutcome.ADJUST, label="家庭月收入")
    note = clean_text("note", note, max_length=2000, required=outcome == ReviewOutcome.EXIT, label="说明（退出原因）")
    review = Review.objects.create(
        coverage=coverage, reviewed_on=reviewed_on, outcome=outcome, monthly_income=income, note=note,
        reviewed_by=actor,
    )  # fmt: skip
    household = coverage.household
    if income is not None:
        previous = household.declarations.filter(period__lte=reviewed_on).order_by("-period").first()
        Declaration.objects.update_or_create(
            household=household, period=month_start(reviewed_on),
            defaults={"monthly_income": income, "assets": previous.assets if previous else Decimal("0"),
                      "note": f"动态复核核实：{note}"[:300], "declared_by": actor},
        )  # fmt: skip
    if outcome == ReviewOutcome.EXIT:
        coverage.ended_on = max(reviewed_on, coverage.started_on)
        coverage.end_reason = note[:300]
        coverage.next_review_on = None
    else:
        if outcome == ReviewOutcome.ADJUST and coverage.person_id is None:
            coverage.persons = household.members.count()
        coverage.next_review_on = _next_review(coverage.category, household.stability, reviewed_on)
    coverage.save()
    return review


# Applications -------------------------------------------------------------------------------------

TRANSITIONS = {
    Action.ACCEPT: ({AppStatus.SUBMITTED}, AppStatus.ACCEPTED, Cap.MANAGE_CASES),
    Action.INVESTIGATE: ({AppStatus.ACCEPTED}, AppStatus.INVESTIGATED, Cap.MANAGE_CASES),
    Action.TOWNSHIP_APPROVE: ({AppStatus.INVESTIGATED}, AppStatus.TOWNSHIP_APPROVED, Cap.REVIEW_CASES),
    Action.START_NOTICE: ({AppStatus.TOWNSHIP_APPROVED}, AppStatus.IN_NOTICE, Cap.REVIEW_CASES),
    Action.CONFIRM: ({AppStatus.IN_NOTICE}, AppStatus.CONFIRMED, Cap.CONFIRM_CASES),
    Action.REFUSE: (OPEN_STATUSES, AppStatus.REFUSED, Cap.REVIEW_CASES),
    Action.EXTEND: (OPEN_STATUSES, None, Cap.REVIEW_CASES),
}
# What each step needs first, for the message when a step is skipped.
PREREQUISITE = {
    Action.INVESTIGATE: "申请须先受理，才能入户调查。",
    Action.TOWNSHIP_APPROVE: "须先完成入户调查，乡镇才能审核。",
    Action.START_NOTICE: "须乡镇审核通过后才能公示。",
    Action.CONFIRM: "须公示期满后才能由县级确认。",
    Action.ACCEPT: "只有新提交的申请可以受理。",
}
PROGRAMME_CATEGORY = {Programme.DIBAO: Category.DIBAO, Programme.TEKUN: Category.TEKUN_DISPERSED}


def _step(application, action, from_status, actor, on, note):
    ApplicationStep.objects.create(
        application=application, action=action, from_status=from_status, to_status=application.status,
        actor=actor, at=timezone.now(), on=on, note=note,
    )  # fmt: skip


@transaction.atomic
def application_create(*, actor, household: Household, programme: str, applied_on: datetime.date,
                       reason: str = "") -> Application:  # fmt: skip
    require_cap(actor, Cap.MANAGE_CASES)
    if programme not in Programme.values:
        raise field_error("programme", "救助项目应为 dibao、tekun、temporary 或 medical。", "invalid_choice")
    today = timezone.localdate()
    if applied_on is None:
        raise field_error("applied_on", "请填写申请日期。", "required")
    if applied_on > today:
        raise field_error("applied_on", "申请日期不能晚于今天。", "future")
    if applied_on < today - datetime.timedelta(days=366 * 2):
        raise field_error("applied_on", "申请日期不能早于两年前。", "too_old")
    household = Household.objects.select_for_update().get(pk=household.pk)
    if Application.objects.filter(household=household, programme=programme, status__in=OPEN_STATUSES).exists():
        raise field_error("programme", "该家庭已有正在办理的同类申请。", "already_open", conflict=True)
    category = PROGRAMME_CATEGORY.get(programme)
    if category:
        covered = Coverage.objects.filter(category=category, ended_on__isnull=True)
        covered = (
            covered.filter(household=household)
            if category == Category.DIBAO
            else covered.filter(person_id=household.head_id)
        )
        if covered.exists():
            raise field_error("programme", f"已纳入{Category(category).label}，不需要再申请。", "already_covered",
                       conflict=True)  # fmt: skip
    limits = rules.time_limits(household.region_code)
    application = Application.objects.create(
        household=household, township_id=household.township_id, programme=programme, applied_on=applied_on,
        due_on=add_working_days(applied_on, limits.limit_days).date,
        reason=clean_text("reason", reason, max_length=2000, label="申请事由"), created_by=actor,
    )  # fmt: skip
    _step(application, "submit", "", actor, applied_on, application.reason)
    return application


@transaction.atomic
def application_transition(
    *, actor, application: Application, action: str, note: str = "", on: datetime.date | None = None,
    investigators: str = "", verified_income=None, amount=None,
) -> Application:  # fmt: skip
    if action not in TRANSITIONS:
        raise field_error("action", "操作无效：应为 accept、investigate、township_approve、start_notice、confirm、refuse 或 extend。",
                   "invalid_choice")  # fmt: skip
    note = clean_text("note", note, max_length=2000, label="意见")
    application = Application.objects.select_for_update(of=("self",)).select_related("household").get(pk=application.pk)
    allowed_from, target, cap = TRANSITIONS[action]
    if not scope_for(actor).can(cap):
        raise PermissionDenied("您的角色不能进行此项操作。")
    on = on or timezone.localdate()
    label = Action(action).label
    if application.status not in OPEN_STATUSES:
        raise field_error(
            "action", f"申请已办结（{application.get_status_display()}），不能再{label}。", "closed", conflict=True
        )
    if application.status not in allowed_from:
        hint = PREREQUISITE.get(action, "")
        raise field_error("action", f"申请当前为“{application.get_status_display()}”，不能{label}。{hint}",
                   "illegal_transition", conflict=True)  # fmt: skip
    limits = rules.time_limits(application.household.region_code)
    from_status = application.status
    if action == Action.EXTEND:
        if application.extended:
            raise field_error("action", "办理期限只能延长一次。", "already_extended", conflict=True)
        application.extended = True
        application.extend_reason = clean_text("note", note, max_length=300, required=True, label="延期原因")
        application.due_on = add_working_days(application.applied_on, limits.extended_limit_days).date
    elif action == Action.REFUSE:
        application.refusal_reason = clean_text("note", note, max_length=2000, required=True, label="不予批准的理由")
        application.decided_on = on
        application.refusal_notice_due_on = add_working_days(on, limits.refusal_notice_days).date
    elif action == Action.INVESTIGATE:
        InvestigationVisit.objects.create(
            application=application, visited_on=on,
            investigators=clean_text("investigators", investigators, max_length=100, label="调查人员") or str(actor),
            findings=note, recorded_by=actor,
            verified_income=clean_money("verified_income", verified_income, required=False, label="核实的家庭月收入"),
        )  # fmt: skip
        if verified_income not in (None, ""):
            previous = application.household.declarations.order_by("-period").first()
            Declaration.objects.update_or_create(
                household=application.household, period=month_start(on),
                defaults={"monthly_income": clean_money("verified_income", verified_income),
                          "assets": previous.assets if previous else Decimal("0"),
                          "note": "入户调查核实", "declared_by": actor},
            )  # fmt: skip
    elif action == Action.START_NOTICE:
        application.notice_starts_on = on
        application.notice_ends_on = on + datetime.timedelta(days=limits.notice_days - 1)
    elif action == Action.CONFIRM:
        if on <= application.notice_ends_on:
            raise field_error(
                "action", f"公示期至{application.notice_ends_on:%Y年%m月%d日}，期满后才能确认。", "notice_not_over",
                conflict=True,
            )  # fmt: skip
        application.decided_on = on
        if application.programme in (Programme.TEMPORARY, Programme.MEDICAL):
            application.amount = clean_money("amount", amount, required=False, label="救助金额")
    if target:
        application.status = target
    application.save()
    if action == Action.CONFIRM and application.programme in PROGRAMME_CATEGORY:
        category = PROGRAMME_CATEGORY[application.programme]
        coverage_add(
            actor=actor, household=application.household, category=category, started_on=month_start(on),
            person=None if category in HOUSEHOLD_CATEGORIES else application.household.head, application=application,
        )  # fmt: skip
    _step(application, action, from_status, actor, on, note)
    return application


@transaction.atomic
def refusal_notified(*, actor, application: Application, on: datetime.date) -> Application:
    require_cap(actor, Cap.REVIEW_CASES)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != AppStatus.REFUSED:
        raise field_error("on", "只有不予批准的申请需要书面告知。", "not_refused", conflict=True)
    if on is None or on < application.decided_on or on > timezone.localdate():
        raise field_error("on", "告知日期应在决定日期和今天之间。", "invalid")
    application.refusal_notified_on = on
    application.save()
    return application


# Early warnings -----------------------------------------------------------------------------------


def warning_matches(rule, today: datetime.date):
    """People matching `rule` who are not covered by any of its categories (one query)."""
    from tongxin.people.models import Person

    qs = Person.objects.all()
    if rule.min_age is not None:
        qs = qs.filter(birth_date__lte=add_months(today, -12 * rule.min_age))
    if rule.max_age is not None:
        qs = qs.filter(birth_date__gt=add_months(today, -12 * rule.max_age))
    if rule.min_disability_grade:
        qs = qs.filter(condition__disability_grade__gte=1)
    if rule.no_income:
        qs = qs.filter(condition__monthly_income=0)
    for flag in ("living_alone", "self_care_loss", "serious_illness"):
        if getattr(rule, flag):
            qs = qs.filter(**{f"condition__{flag}": True})
    categories = rule.category_list()
    household_cats = [c for c in categories if c in HOUSEHOLD_CATEGORIES]
    person_cats = [c for c in categories if c not in HOUSEHOLD_CATEGORIES]
    active = Q(ended_on__isnull=True)
    if person_cats:
        qs = qs.exclude(pk__in=Coverage.objects.filter(active, category__in=person_cats).values("person_id"))
    if household_cats:
        covered_households = Coverage.objects.filter(active, category__in=household_cats).values("household_id")
        qs = qs.exclude(pk__in=HouseholdMember.objects.filter(household_id__in=covered_households).values("person_id"))
    return qs


@transaction.atomic
def warnings_refresh(*, today: datetime.date) -> tuple[int, int]:
    """Raise a warning for every newly matching person; drop open warnings that no longer match."""
    from tongxin.assistance.models import WarningRule

    created = removed = 0
    for rule in WarningRule.objects.filter(active=True):
        matching = set(warning_matches(rule, today).values_list("pk", flat=True))
        existing = dict(Warning.objects.filter(rule=rule).values_list("person_id", "status"))
        new = [Warning(person_id=pk, rule=rule, raised_on=today) for pk in matching - existing.keys()]
        Warning.objects.bulk_create(new, ignore_conflicts=True)
        created += len(new)
        stale = [pk for pk, status in existing.items() if status == WarningStatus.OPEN and pk not in matching]
        removed += Warning.objects.filter(rule=rule, person_id__in=stale, status=WarningStatus.OPEN).delete()[0]
    return created, removed


@transaction.atomic
def warning_apply(*, actor, warning: Warning, programme: str) -> Application:
    """Act on a warning by opening an application (creating the person's household if needed)."""
    warning = Warning.objects.select_for_update(of=("self",)).select_related("person", "rule").get(pk=warning.pk)
    if warning.status != WarningStatus.OPEN:
        raise field_error("status", "该预警已处理。", "already_handled", conflict=True)
    person = warning.person
    membership = HouseholdMember.objects.filter(person=person).select_related("household").first()
    if membership is None:
        household = household_create(
            actor=actor, head=person, region_code=person.id_number[:6], address=person.address or "（待核实）"
        )
    else:
        household = membership.household
    application = application_create(
        actor=actor, household=household, programme=programme, applied_on=timezone.localdate(),
        reason=f"监测预警：{warning.rule.name}",
    )  # fmt: skip
    warning.status, warning.application = WarningStatus.APPLIED, application
    warning.acted_by, warning.acted_at = actor, timezone.now()
    warning.save()
    return application


@transaction.atomic
def warning_dismiss(*, actor, warning: Warning, reason: str) -> Warning:
    require_cap(actor, Cap.MANAGE_CASES)
    warning = Warning.objects.select_for_update().get(pk=warning.pk)
    if warning.status != WarningStatus.OPEN:
        raise field_error("status", "该预警已处理。", "already_handled", conflict=True)
    warning.dismiss_reason = clean_text("reason", reason, max_length=300, required=True, label="排除理由")
    warning.status = WarningStatus.DISMISSED
    warning.acted_by, warning.acted_at = actor, timezone.now()
    warning.save()
    return warning


# Payments -----------------------------------------------------------------------------------------

ARREARS_MONTHS = 12


def _months(first: datetime.date, last: datetime.date):
    m = month_start(first)
    while m <= last:
        yield m
        m = add_months(m, 1)


def _active_in(coverage, m: datetime.date) -> bool:
    return coverage.started_on <= month_end(m) and (coverage.ended_on is None or coverage.ended_on >= m)


def dibao_amount(standard: Decimal, household_income: Decimal, members: int, persons: int) -> Decimal:
    """低保 top-up: (standard − per-capita income) × covered persons, to the fen, never negative."""
    if members <= 0:
        return Decimal("0.00")
    gap = standard - household_income / Decimal(members)
    if gap <= 0:
        return Decimal("0.00")
    return (gap * persons).quantize(FEN, ROUND_HALF_UP)


def compute_payments(run: PaymentRun) -> tuple[list[Payment], list[dict]]:
    """The payments `run` should make and the people it stops (suspended, exited, no top-up)."""
    month = run.month
    earliest = add_months(month, -ARREARS_MONTHS)
    categories = {str(c) for c in _pay_categories(run.programme)}
    coverages = list(
        Coverage.objects.filter(household__township_id=run.township_id, category__in=categories)
        .filter(started_on__lte=month_end(month))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=add_months(month, -1)))
        .select_related("household__head", "person")
        .order_by("household_id", "id")
    )
    # Earlier months whose run has gone out already: a beneficiary missing from them gets arrears.
    earlier_runs = set(
        PaymentRun.objects.filter(programme=run.programme, township_id=run.township_id, month__gte=earliest,
                                  month__lt=month).values_list("month", flat=True)
    )  # fmt: skip
    paid = set(
        Payment.objects.filter(programme=run.programme, household__township_id=run.township_id,
                               for_month__gte=earliest, for_month__lte=month)
        .exclude(run=run).values_list("household_id", "person_id", "for_month")
    )  # fmt: skip
    household_ids = {c.household_id for c in coverages}
    declarations: dict[int, list] = {}
    for d in Declaration.objects.filter(household_id__in=household_ids, period__lte=month).order_by("-period"):
        declarations.setdefault(d.household_id, []).append(d)
    member_counts = dict(
        HouseholdMember.objects.filter(household_id__in=household_ids)
        .values("household_id").annotate(n=Count("id")).values_list("household_id", "n")
    )  # fmt: skip
    standards: dict[tuple[str, datetime.date], Decimal | None] = {}
    payments, stops = [], []
    for c in coverages:
        h = c.household
        who = c.person.name if c.person_id else h.head.name
        if c.ended_on is not None and c.ended_on < month:
            stops.append(
                {"name": who, "household_id": h.pk, "reason": f"已于{c.ended_on:%Y-%m-%d}退出：{c.end_reason}"}
            )
            continue
        if c.suspended:
            stops.append({"name": who, "household_id": h.pk, "reason": f"暂停发放：{c.suspend_reason}"})
            continue
        person_id = None if run.programme == PayProgramme.DIBAO else c.person_id
        for m in _months(max(month_start(c.started_on), earliest), month):
            if not _active_in(c, m) or (h.pk, person_id, m) in paid:
                continue
            if m != month and m not in earlier_runs:
                continue  # that month's own run will pay it
            key = (h.region_code, m)
            if key not in standards:
                standards[key] = rules.standard_for(h.region_code, run.programme, m)
            standard = standards[key]
            if standard is None:
                raise field_error("month", f"行政区划{h.region_code}尚未设置{m:%Y年%m月}的{run.get_programme_display()}标准，"
                           "请先在“保障标准”中录入。", "no_standard")  # fmt: skip
            if run.programme == PayProgramme.DIBAO:
                income = next((d.monthly_income for d in declarations.get(h.pk, []) if d.period <= m), Decimal("0"))
                members = member_counts.get(h.pk, 0)
                amount = dibao_amount(standard, income, members, c.persons)
                basis = f"（标准{standard} − 人均收入{(income / members if members else 0):.2f}）× {c.persons}人"
                if amount <= 0:
                    if m == month:
                        stops.append({"name": who, "household_id": h.pk, "reason": "人均收入不低于低保标准，无差额"})
                    continue
            else:
                amount, basis = standard, f"月标准{standard}"
            payments.append(
                Payment(
                    run=run,
                    household=h,
                    person_id=person_id,
                    coverage=c,
                    programme=run.programme,
                    for_month=m,
                    kind=PaymentKind.REGULAR if m == month else PaymentKind.ARREARS,
                    amount=amount,
                    basis=basis,
                )
            )
    return payments, stops


def _pay_categories(programme):
    if programme not in PayProgramme.values:
        raise field_error("programme", "发放项目应为 dibao、tekun 或 child_allowance。", "invalid_choice")
    return PAY_CATEGORIES[PayProgramme(programme)]


@transaction.atomic
def run_compute(*, actor, programme: str, township: Unit, month: datetime.date) -> PaymentRun:
    """Compute (or recompute, while still a draft) a month's run for one township."""
    require_cap(actor, Cap.MANAGE_PAYMENTS)
    _pay_categories(programme)
    if not scope_for(actor).covers_people_unit(township.pk):
        raise field_error("township_id", "乡镇（街道）不在您的权限范围内。", "out_of_scope")
    if month is None:
        raise field_error("month", "请选择发放月份。", "required")
    month = month_start(month)
    if month > add_months(month_start(timezone.localdate()), 1):
        raise field_error("month", "只能计算本月或下月的发放。", "future")
    run, _ = PaymentRun.objects.get_or_create(programme=programme, township=township, month=month)
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise field_error("status", f"该批次{run.get_status_display()}，不能重新计算。", "not_draft", conflict=True)
    run.payments.all().delete()
    payments, stops = compute_payments(run)
    try:
        with transaction.atomic():
            Payment.objects.bulk_create(payments, batch_size=1000)
    except IntegrityError:
        raise field_error("month", "有对象本月已在其他批次中发放，不能重复发放。请刷新后重试。", "double_payment",
                   conflict=True) from None  # fmt: skip
    run.stops = stops
    run.computed_by, run.computed_at = actor, timezone.now()
    run.save()
    return run


@transaction.atomic
def run_advance(*, actor, run: PaymentRun, action: str) -> PaymentRun:
    """review (draft → reviewed), lock (reviewed → locked), reopen (reviewed → draft)."""
    require_cap(actor, Cap.MANAGE_PAYMENTS)
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    moves = {"review": (RunStatus.DRAFT, RunStatus.REVIEWED), "lock": (RunStatus.REVIEWED, RunStatus.LOCKED),
             "reopen": (RunStatus.REVIEWED, RunStatus.DRAFT)}  # fmt: skip
    if action not in moves:
        raise field_error("action", "操作应为 review、lock 或 reopen。", "invalid_choice")
    source, target = moves[action]
    if run.status != source:
        raise field_error(
            "action", f"该批次{run.get_status_display()}，不能进行此操作。", "illegal_transition", conflict=True
        )
    run.status = target
    now = timezone.now()
    if action == "review":
        run.reviewed_by, run.reviewed_at = actor, now
    elif action == "lock":
        run.locked_by, run.locked_at = actor, now
    else:
        run.reviewed_by = run.reviewed_at = None
    run.save()
    return run
