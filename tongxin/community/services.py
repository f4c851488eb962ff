"""Community service desk services. Appeals move through a locked state machine with time limits in
working days (or hours); the charity supermarket's stock is changed under a row lock and a CHECK
constraint, so it never goes below zero."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.community.choices import (
    SATISFIED_VALUES,
    ActivityKind,
    AppealAction,
    AppealStatus,
    Channel,
    Direction,
    DisputeKind,
    DisputeStatus,
    DonorKind,
    Satisfaction,
)
from tongxin.community.models import (
    Activity,
    Appeal,
    AppealCategory,
    AppealEvent,
    CharityItem,
    CharityMovement,
    Dispute,
    DisputeSession,
    Pairing,
    PairingVisit,
    Participation,
    Survey,
    SurveyResponse,
    Volunteer,
)
from tongxin.core.permissions import require_cap
from tongxin.core.validation import clean_text, field_error
from tongxin.core.workdays import add_working_days
from tongxin.orgs.choices import UnitKind
from tongxin.orgs.models import Unit

CENT = Decimal("0.01")
MAX_QTY = Decimal("9999999999.99")
COMMUNITY_KINDS = {UnitKind.COMMUNITY, UnitKind.VILLAGE}


def _community(actor, community: Unit, field="community_id") -> Unit:
    if community is None or community.kind not in COMMUNITY_KINDS:
        raise field_error(field, "请选择社区（村）。", "not_community")
    if not scope_for(actor).covers_people_unit(community.pk):
        raise field_error(field, "社区不在您的权限范围内。", "out_of_scope")
    return community


def _quantity(field, value, label, *, allow_zero=False) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except ArithmeticError:
        raise field_error(field, f"{label}应为数字。", "invalid") from None
    low = Decimal("0") if allow_zero else CENT
    if not amount.is_finite() or amount < low or amount > MAX_QTY:
        raise field_error(field, f"{label}应在{low}至{MAX_QTY}之间。", "out_of_range")
    return amount.quantize(CENT, ROUND_HALF_UP)


# Appeals ------------------------------------------------------------------------------------------


def appeal_due_at(received_at: datetime.datetime, category: AppealCategory) -> datetime.datetime:
    """The promised time: clock hours for urgent categories; otherwise the same time of day on the
    n-th official working day after the day of receipt."""
    if category.limit_hours:
        return received_at + datetime.timedelta(hours=category.limit_hours)
    local = timezone.localtime(received_at)
    day = add_working_days(local.date(), category.limit_working_days).date
    return local.replace(year=day.year, month=day.month, day=day.day)


def refresh_figures(appeal: Appeal) -> None:
    """Recount the AppealFigures row of the appeal's community and month of receipt."""
    from tongxin.community.models import AppealFigures
    from tongxin.community.selectors import FIGURE_KEYS, appeal_month_counts
    from tongxin.core.dates import add_months

    local = timezone.localtime(appeal.received_at)
    month = local.date().replace(day=1)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end_day = add_months(month, 1)
    end = start.replace(year=end_day.year, month=end_day.month)
    counts = appeal_month_counts(
        Appeal.objects.filter(community_id=appeal.community_id, received_at__gte=start, received_at__lt=end)
    ).get((appeal.community_id, month), dict.fromkeys(FIGURE_KEYS, 0))
    AppealFigures.objects.update_or_create(community_id=appeal.community_id, month=month, defaults=counts)


def rebuild_figures() -> int:
    """Recount every AppealFigures row from the appeals (after bulk loads)."""
    from tongxin.community.models import AppealFigures
    from tongxin.community.selectors import appeal_month_counts

    counts = appeal_month_counts(Appeal.objects.all())
    AppealFigures.objects.all().delete()
    AppealFigures.objects.bulk_create(
        [AppealFigures(community_id=c, month=m, **values) for (c, m), values in counts.items()], batch_size=1000
    )
    return len(counts)


def _event(appeal, action, from_status, actor, note, at=None):
    AppealEvent.objects.create(
        appeal=appeal, action=action, from_status=from_status, to_status=appeal.status, actor=actor,
        at=at or timezone.now(), note=note,
    )  # fmt: skip


@transaction.atomic
def appeal_create(*, actor, community: Unit, channel: str, category: str, content: str,
                  received_at: datetime.datetime, contact_name: str = "", contact_phone: str = "",
                  proxy: bool = False, resident=None) -> Appeal:  # fmt: skip
    require_cap(actor, Cap.MANAGE_CASES)
    _community(actor, community)
    if channel not in Channel.values:
        raise field_error("channel", "渠道应为 window、phone、mailbox、online 或 grid。", "invalid_choice")
    category_obj = AppealCategory.objects.filter(code=str(category or "")).first()
    if category_obj is None:
        raise field_error("category", "诉求类别不存在，请从 /api/v1/appeals/categories 选择。", "invalid_choice")
    if received_at is None:
        raise field_error("received_at", "请填写受理时间。", "required")
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    now = timezone.now()
    if received_at > now + datetime.timedelta(minutes=5):
        raise field_error("received_at", "受理时间不能晚于现在。", "future")
    if received_at < now - datetime.timedelta(days=366):
        raise field_error("received_at", "受理时间不能早于一年前。", "too_old")
    appeal = Appeal.objects.create(
        community=community, channel=channel, category=category_obj, received_at=received_at,
        clock_started_at=received_at,
        due_at=appeal_due_at(received_at, category_obj),
        content=clean_text("content", content, max_length=5000, required=True, label="诉求内容"),
        contact_name=clean_text("contact_name", contact_name, max_length=50, label="诉求人姓名"),
        contact_phone=clean_text("contact_phone", contact_phone, max_length=20, label="联系电话"),
        proxy=bool(proxy), resident=resident,
    )  # fmt: skip
    _event(appeal, "receive", "", actor, "", at=received_at)
    refresh_figures(appeal)
    return appeal


APPEAL_MOVES = {
    AppealAction.ASSIGN: {AppealStatus.RECEIVED, AppealStatus.ASSIGNED},
    AppealAction.REMIND: {AppealStatus.RECEIVED, AppealStatus.ASSIGNED},
    AppealAction.REPLY: {AppealStatus.ASSIGNED},
    AppealAction.FOLLOW_UP: {AppealStatus.REPLIED},
    AppealAction.REOPEN: {AppealStatus.REPLIED, AppealStatus.FOLLOWED_UP},
    AppealAction.CLOSE: {AppealStatus.FOLLOWED_UP},
}
APPEAL_HINTS = {
    AppealAction.REPLY: "请先交办再答复。",
    AppealAction.FOLLOW_UP: "答复后才能回访。",
    AppealAction.CLOSE: "回访群众后才能办结。",
}


@transaction.atomic
def appeal_transition(*, actor, appeal: Appeal, action: str, note: str = "", satisfaction: str = "",
                      unit: Unit | None = None, now: datetime.datetime | None = None) -> Appeal:  # fmt: skip
    if action not in APPEAL_MOVES:
        raise field_error("action", "操作应为 assign、remind、reply、follow_up、reopen 或 close。", "invalid_choice")
    if not scope_for(actor).can(Cap.MANAGE_CASES):
        raise PermissionDenied("您的角色不能办理诉求。")
    note = clean_text("note", note, max_length=5000, label="说明")
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("category", "community").get(pk=appeal.pk)
    label = AppealAction(action).label
    if appeal.status == AppealStatus.CLOSED:
        raise field_error("action", f"诉求已办结，不能再{label}。", "closed", conflict=True)
    if appeal.status not in APPEAL_MOVES[action]:
        raise field_error("action", f"诉求当前为“{appeal.get_status_display()}”，不能{label}。{APPEAL_HINTS.get(action, '')}",
                   "illegal_transition", conflict=True)  # fmt: skip
    now = now or timezone.now()
    from_status = appeal.status
    if action == AppealAction.ASSIGN:
        target = unit or appeal.community
        if not scope_for(actor).covers_people_unit(target.pk) and target.pk != appeal.community_id:
            raise field_error("unit_id", "承办单位不在您的权限范围内。", "out_of_scope")
        appeal.assignee_unit, appeal.status = target, AppealStatus.ASSIGNED
    elif action == AppealAction.REMIND:
        appeal.reminders += 1
    elif action == AppealAction.REPLY:
        appeal.reply = clean_text("note", note, max_length=5000, required=True, label="答复内容")
        appeal.replied_at, appeal.status, appeal.at_risk = now, AppealStatus.REPLIED, False
    elif action == AppealAction.FOLLOW_UP:
        if satisfaction not in Satisfaction.values:
            raise field_error("satisfaction", "回访请记录满意度：satisfied（满意）、basic（基本满意）或 dissatisfied（不满意）。",
                       "required")  # fmt: skip
        appeal.satisfaction, appeal.followed_up_at, appeal.status = satisfaction, now, AppealStatus.FOLLOWED_UP
    elif action == AppealAction.REOPEN:
        appeal.reopened += 1
        appeal.status, appeal.satisfaction, appeal.reply, appeal.replied_at = AppealStatus.ASSIGNED, "", "", None
        appeal.followed_up_at, appeal.at_risk, appeal.escalation_level, appeal.escalated_to = None, False, 0, None
        appeal.clock_started_at = now
        appeal.due_at = appeal_due_at(now, appeal.category)
    elif action == AppealAction.CLOSE:
        if appeal.satisfaction not in SATISFIED_VALUES and not note:
            raise field_error("note", "群众不满意时办结，请写明理由（或选择重新办理）。", "reason_required")
        appeal.status, appeal.closed_at = AppealStatus.CLOSED, now
    appeal.save()
    _event(
        appeal, action, from_status, actor, note or (Satisfaction(satisfaction).label if satisfaction else ""), at=now
    )
    refresh_figures(appeal)
    return appeal


def appeal_flags(appeal: Appeal, now: datetime.datetime) -> tuple[bool, int, Unit | None]:
    """(at risk, escalation level, unit escalated to) for an open appeal at `now`.

    At risk: under 25% of the promised time remains. Overdue: escalated one level up the unit tree
    (community → township → county), and one more level for each further whole time limit that passes.
    """
    total = (appeal.due_at - appeal.clock_started_at).total_seconds()
    remaining = (appeal.due_at - now).total_seconds()
    if remaining >= 0:
        return remaining < 0.25 * total, 0, None
    levels = 1 + int(-remaining // max(total, 1))
    unit, level = appeal.community, 0
    chain = []
    while unit.parent_id is not None and level < levels:
        unit = unit.parent
        chain.append(unit)
        level += 1
    return False, len(chain), chain[-1] if chain else None


@transaction.atomic
def appeals_check(now: datetime.datetime) -> tuple[int, int]:
    """Set at-risk and escalation on every open appeal (the periodic check does this, so time alone
    moves an appeal along, not only a change to it). Returns (at risk, escalated) counts."""
    risky = escalated = 0
    open_appeals = Appeal.objects.filter(status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED]).select_related(
        "community__parent__parent"
    )
    for appeal in open_appeals:
        at_risk, level, unit = appeal_flags(appeal, now)
        unit_id = unit.pk if unit else None
        risky += at_risk
        escalated += level > 0
        if (appeal.at_risk, appeal.escalation_level, appeal.escalated_to_id) != (at_risk, level, unit_id):
            previous = appeal.escalation_level
            Appeal.objects.filter(pk=appeal.pk).update(at_risk=at_risk, escalation_level=level, escalated_to_id=unit_id)
            if level > previous:
                AppealEvent.objects.create(
                    appeal=appeal, action="escalate", from_status=appeal.status, to_status=appeal.status, at=now,
                    note=f"超过承诺时限，升级至{unit.name}",
                )  # fmt: skip
    return risky, escalated


# Disputes -----------------------------------------------------------------------------------------


@transaction.atomic
def dispute_open(*, actor, community, kind, parties, summary, mediator, opened_on) -> Dispute:
    require_cap(actor, Cap.MANAGE_CASES)
    _community(actor, community)
    if kind not in DisputeKind.values:
        raise field_error("kind", "纠纷类型无效。", "invalid_choice")
    if opened_on is None or opened_on > timezone.localdate():
        raise field_error("opened_on", "受理日期不能晚于今天。", "future")
    return Dispute.objects.create(
        community=community, kind=kind, opened_on=opened_on,
        parties=clean_text("parties", parties, max_length=200, required=True, label="当事人"),
        summary=clean_text("summary", summary, max_length=5000, required=True, label="纠纷情况"),
        mediator=clean_text("mediator", mediator, max_length=50, required=True, label="调解员"),
    )  # fmt: skip


@transaction.atomic
def dispute_session(*, actor, dispute: Dispute, held_on, note) -> DisputeSession:
    require_cap(actor, Cap.MANAGE_CASES)
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.status != DisputeStatus.OPEN:
        raise field_error("dispute", "纠纷已结案。", "closed", conflict=True)
    if held_on is None or held_on < dispute.opened_on or held_on > timezone.localdate():
        raise field_error("held_on", "调解日期应在受理日期和今天之间。", "invalid")
    return DisputeSession.objects.create(
        dispute=dispute,
        held_on=held_on,
        note=clean_text("note", note, max_length=5000, required=True, label="调解情况"),
    )


@transaction.atomic
def dispute_close(*, actor, dispute: Dispute, outcome: str, closed_on, agreement: str = "", note: str = "") -> Dispute:
    require_cap(actor, Cap.MANAGE_CASES)
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.status != DisputeStatus.OPEN:
        raise field_error("outcome", "纠纷已结案。", "closed", conflict=True)
    if outcome not in (DisputeStatus.SUCCESS, DisputeStatus.FAILED, DisputeStatus.TRANSFERRED):
        raise field_error("outcome", "结果应为调解成功、调解未成功或转办。", "invalid_choice")
    if closed_on is None or closed_on < dispute.opened_on or closed_on > timezone.localdate():
        raise field_error("closed_on", "结案日期应在受理日期和今天之间。", "invalid")
    dispute.agreement = clean_text("agreement", agreement, max_length=10000, required=outcome == DisputeStatus.SUCCESS,
                              label="调解协议内容")  # fmt: skip
    dispute.outcome_note = clean_text("note", note, max_length=2000, required=outcome != DisputeStatus.SUCCESS,
                                 label="说明（未成功的原因或转办单位）")  # fmt: skip
    dispute.status, dispute.closed_on = outcome, closed_on
    dispute.save()
    return dispute


# Charity supermarket ------------------------------------------------------------------------------


def home_unit(user) -> Unit:
    """The unit a user works for: their first unit assignment, their organisation's unit, or the root."""
    for assignment in user.role_assignments.select_related("unit", "party_org__unit").order_by("pk"):
        if assignment.unit_id:
            return assignment.unit
        if assignment.party_org_id and assignment.party_org.unit_id:
            return assignment.party_org.unit
    return Unit.objects.filter(parent__isnull=True).order_by("pk").first()


@transaction.atomic
def charity_item_create(*, actor, name: str, unit: str, owner: Unit | None = None) -> CharityItem:
    require_cap(actor, Cap.MANAGE_CASES)
    owner = owner or home_unit(actor)
    if owner is None or not scope_for(actor).covers_people_unit(owner.pk):
        raise field_error("community_id", "爱心超市所在单位不在您的权限范围内。", "out_of_scope")
    name = clean_text("name", name, max_length=50, required=True, label="物品名称")
    unit = clean_text("unit", unit, max_length=10, required=True, label="计量单位")
    if CharityItem.objects.filter(owner=owner, name=name, unit=unit).exists():
        raise field_error("name", f"{owner.name}爱心超市已有“{name}（{unit}）”。", "duplicate", conflict=True)
    try:
        with transaction.atomic():
            return CharityItem.objects.create(owner=owner, name=name, unit=unit)
    except IntegrityError:
        raise field_error("name", "该物品已登记。", "duplicate", conflict=True) from None


@transaction.atomic
def charity_move(*, actor, item: CharityItem, direction: str, quantity, value=None, recipient=None,
                 donor_kind: str = "", donor_name: str = "", note: str = "",
                 at: datetime.datetime | None = None) -> CharityMovement:  # fmt: skip
    """A donation in or aid out. The item row is locked first; an "out" that would take the stock
    below zero is refused (and the CHECK constraint would refuse it anyway)."""
    require_cap(actor, Cap.MANAGE_CASES)
    if direction not in Direction.values:
        raise field_error("direction", "方向应为 in（入库）或 out（出库）。", "invalid_choice")
    quantity = _quantity("quantity", quantity, "数量")
    value = _quantity("value", value, "估值", allow_zero=True) if value not in (None, "") else Decimal("0.00")
    if donor_kind and donor_kind not in DonorKind.values:
        raise field_error("donor_kind", "捐赠方类型应为 unit、public 或 member。", "invalid_choice")
    item = CharityItem.objects.select_for_update().get(pk=item.pk)
    if direction == Direction.OUT:
        if item.stock - quantity < 0:
            raise field_error("quantity", f"库存不足：{item.name}现有{item.stock}{item.unit}，不能出库{quantity}{item.unit}。",
                       "insufficient_stock", conflict=True)  # fmt: skip
        CharityItem.objects.filter(pk=item.pk).update(stock=F("stock") - quantity)
    else:
        CharityItem.objects.filter(pk=item.pk).update(stock=F("stock") + quantity)
    item.refresh_from_db(fields=["stock"])
    return CharityMovement.objects.create(
        item=item, direction=direction, quantity=quantity, value=value, stock_after=item.stock,
        donor_kind=donor_kind if direction == Direction.IN else "",
        donor_name=clean_text("donor_name", donor_name, max_length=100, label="捐赠方") if direction == Direction.IN else "",
        recipient=recipient if direction == Direction.OUT else None, at=at or timezone.now(),
        note=clean_text("note", note, max_length=200, label="说明"), recorded_by=actor,
    )  # fmt: skip


# Volunteers ---------------------------------------------------------------------------------------


@transaction.atomic
def volunteer_register(*, actor, person, skills: str = "", registered_on=None) -> Volunteer:
    require_cap(actor, Cap.MANAGE_CASES)
    if Volunteer.objects.filter(person=person).exists():
        raise field_error("person_id", f"{person.name}已是注册志愿者。", "duplicate", conflict=True)
    return Volunteer.objects.create(
        person=person, registered_on=registered_on or timezone.localdate(),
        skills=clean_text("skills", skills, max_length=200, label="特长"),
    )  # fmt: skip


@transaction.atomic
def activity_create(*, actor, community, kind, title, starts_at, hours, org=None) -> Activity:
    require_cap(actor, Cap.MANAGE_CASES)
    _community(actor, community)
    if kind not in ActivityKind.values:
        raise field_error("kind", "活动类型无效。", "invalid_choice")
    if starts_at is None:
        raise field_error("starts_at", "请填写开始时间。", "required")
    hours = _quantity("hours", hours, "时长")
    if hours < Decimal("0.5") or hours > 24:
        raise field_error("hours", "时长应在0.5至24小时之间。", "out_of_range")
    return Activity.objects.create(
        community=community, org=org, kind=kind, starts_at=starts_at, hours=hours,
        title=clean_text("title", title, max_length=100, required=True, label="活动名称"),
    )  # fmt: skip


@transaction.atomic
def activity_sign_up(*, actor, activity: Activity, volunteer: Volunteer) -> Participation:
    require_cap(actor, Cap.MANAGE_CASES)
    if Participation.objects.filter(activity=activity, volunteer=volunteer).exists():
        raise field_error("volunteer_id", f"{volunteer.person.name}已报名。", "duplicate", conflict=True)
    try:
        with transaction.atomic():
            return Participation.objects.create(activity=activity, volunteer=volunteer, signed_up_at=timezone.now())
    except IntegrityError:
        raise field_error("volunteer_id", "已报名。", "duplicate", conflict=True) from None


@transaction.atomic
def activity_sign_in(*, actor, participation: Participation, hours=None) -> Participation:
    require_cap(actor, Cap.MANAGE_CASES)
    participation = Participation.objects.select_for_update().select_related("activity").get(pk=participation.pk)
    if participation.signed_in_at is not None:
        raise field_error("participation", "已签到。", "already_signed_in", conflict=True)
    hours = participation.activity.hours if hours in (None, "") else _quantity("hours", hours, "服务时长")
    if hours > 24:
        raise field_error("hours", "服务时长不能超过24小时。", "out_of_range")
    participation.signed_in_at, participation.hours = timezone.now(), hours
    participation.save()
    return participation


# Pairing ------------------------------------------------------------------------------------------


@transaction.atomic
def pairing_create(*, actor, member, household, started_on, visit_every_days=30) -> Pairing:
    require_cap(actor, Cap.MANAGE_CASES)
    try:
        days = int(visit_every_days)
    except (TypeError, ValueError):
        days = 0
    if not 7 <= days <= 365:
        raise field_error("visit_every_days", "走访间隔应为7至365天。", "out_of_range")
    if started_on is None or started_on > timezone.localdate():
        raise field_error("started_on", "结对日期不能晚于今天。", "future")
    if Pairing.objects.filter(member=member, household=household, ended_on__isnull=True).exists():
        raise field_error("household_id", "该党员已与此家庭结对。", "duplicate", conflict=True)
    return Pairing.objects.create(member=member, household=household, started_on=started_on, visit_every_days=days)


@transaction.atomic
def pairing_visit(*, actor, pairing: Pairing, visited_on, help: str) -> PairingVisit:
    require_cap(actor, Cap.MANAGE_CASES)
    if pairing.ended_on is not None:
        raise field_error("pairing", "结对已结束。", "ended", conflict=True)
    if visited_on is None or visited_on < pairing.started_on or visited_on > timezone.localdate():
        raise field_error("visited_on", "走访日期应在结对日期和今天之间。", "invalid")
    return PairingVisit.objects.create(
        pairing=pairing, visited_on=visited_on, recorded_by=actor,
        help=clean_text("help", help, max_length=5000, required=True, label="帮扶内容"),
    )  # fmt: skip


# Surveys ------------------------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, actor, unit: Unit, title: str, opens_on, closes_on, questions: list[str]) -> Survey:
    require_cap(actor, Cap.MANAGE_CASES)
    if unit is None or not scope_for(actor).covers_people_unit(unit.pk):
        raise field_error("unit_id", "测评对象单位不在您的权限范围内。", "out_of_scope")
    if opens_on is None or closes_on is None or closes_on < opens_on:
        raise field_error("closes_on", "截止日期不能早于开始日期。", "invalid")
    questions = [q.strip()[:200] for q in questions if q and q.strip()]
    if not 1 <= len(questions) <= 30:
        raise field_error("questions", "请填写1至30道测评题目（每行一道）。", "invalid")
    return Survey.objects.create(
        unit=unit, opens_on=opens_on, closes_on=closes_on, questions=questions,
        title=clean_text("title", title, max_length=100, required=True, label="名称"),
    )  # fmt: skip


@transaction.atomic
def survey_respond(*, survey: Survey, answers: list[str], submitted_on=None, respondent: str = "",
                   actor=None) -> SurveyResponse:  # fmt: skip
    """One response: a satisfaction answer (satisfied / basic / dissatisfied) for every question."""
    day = submitted_on or timezone.localdate()
    if not survey.opens_on <= day <= survey.closes_on:
        raise field_error("survey", f"测评时间为{survey.opens_on}至{survey.closes_on}。", "not_open", conflict=True)
    if len(answers) != len(survey.questions) or any(a not in Satisfaction.values for a in answers):
        raise field_error("answers", "请为每一道题选择满意、基本满意或不满意。", "incomplete")
    return SurveyResponse.objects.create(
        survey=survey, submitted_on=day, answers=list(answers), recorded_by=actor,
        respondent=clean_text("respondent", respondent, max_length=50, label="测评人"),
        satisfied=answers.count(Satisfaction.SATISFIED), basic=answers.count(Satisfaction.BASIC),
        dissatisfied=answers.count(Satisfaction.DISSATISFIED),
    )  # fmt: skip
