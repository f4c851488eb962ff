"""A year of organisation life for the demo city, with realistic gaps (so compliance has something
true to say): meetings through the services, committees, dues bills and payments."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from tongxin.core.dates import add_months, month_start
from tongxin.members.models import DuesBill, DuesPayment, Member
from tongxin.members.services import dues_bills_generate
from tongxin.orglife import services
from tongxin.orglife.choices import MeetingKind
from tongxin.orglife.models import CommitteeMember
from tongxin.orgs.choices import BRANCH_KINDS, PartyOrgKind
from tongxin.orgs.models import PartyOrg

TZ = timezone.get_fixed_timezone(8 * 60)
PLACES = ["党员活动室", "三楼会议室", "党建文化长廊", "社区服务中心会议室", "红色教育基地"]
TOPICS = {
    MeetingKind.BRANCH_ASSEMBLY: [
        "学习贯彻党的二十届四中全会精神",
        "讨论发展党员和预备党员转正",
        "传达上级会议精神，部署季度工作",
    ],
    MeetingKind.COMMITTEE: ["研究本月支部工作", "研究党费收缴和使用", "研究“一老一小”服务项目推进"],
    MeetingKind.GROUP: ["学习《中国共产党章程》", "交流学习体会", "走访慰问困难党员"],
    MeetingKind.LECTURE: ["书记讲党课：践行“民政为民、民政爱民”", "专题党课：兜牢民生底线", "党课：传承红色基因"],
    MeetingKind.THEME_DAY: ["主题党日：志愿服务进社区", "主题党日：重温入党誓词", "主题党日：参观红色教育基地"],
    MeetingKind.ORG_LIFE: ["年度组织生活会：对照检查，开展批评和自我批评"],
    MeetingKind.MEMBER_EVALUATION: ["年度民主评议党员"],
    MeetingKind.HEART_TALK: ["支部书记与党员谈心谈话"],
}
ABSENCE = ["出差", "病假", "外出学习", "值班", "事假"]
DUTIES = ["secretary", "deputy", "organisation", "propaganda", "discipline"]


def build_orglife_demo(*, actor, today: datetime.date, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    orgs = list(
        PartyOrg.objects.filter(kind__in=[*BRANCH_KINDS, PartyOrgKind.GROUP]).select_related("unit").order_by("pk")
    )
    branches = [o for o in orgs if o.kind in BRANCH_KINDS]
    _committees(branches, rng, today)
    counts = {"meetings": 0, "short_of_quorum": 0}
    first = month_start(add_months(today, -11))
    for org in orgs:
        kinds = [MeetingKind.GROUP] if org.kind == PartyOrgKind.GROUP else [MeetingKind.THEME_DAY]
        if org.kind != PartyOrgKind.GROUP and CommitteeMember.objects.filter(org=org).exists():
            kinds.append(MeetingKind.COMMITTEE)
        diligence = rng.choice([0.99, 0.98, 0.97, 0.95, 0.9])  # some branches are more careless
        month = first
        while month <= month_start(today):
            current = month == month_start(today)
            for kind in kinds:
                if not current and rng.random() < diligence:
                    counts["meetings"] += _meeting(org, kind, month, rng, actor, counts)
            if org.kind != PartyOrgKind.GROUP and month.month in (2, 5, 8, 11) and not current:
                for kind in (MeetingKind.BRANCH_ASSEMBLY, MeetingKind.LECTURE):
                    if rng.random() < diligence:
                        counts["meetings"] += _meeting(org, kind, month, rng, actor, counts)
            if org.kind != PartyOrgKind.GROUP and month.month == 12 and not current:
                for kind in (MeetingKind.ORG_LIFE, MeetingKind.MEMBER_EVALUATION, MeetingKind.HEART_TALK):
                    counts["meetings"] += _meeting(org, kind, month, rng, actor, counts)
            month = add_months(month, 1)
        # What is coming up: this month's theme day (for sign-in on members' phones).
        if org.kind != PartyOrgKind.GROUP:
            services.meeting_plan(
                actor=actor, org_id=org.pk, kind=MeetingKind.THEME_DAY,
                planned_at=datetime.datetime(today.year, today.month, min(today.day + 3, 28), 14, 30, tzinfo=TZ),
                place=rng.choice(PLACES), topic=rng.choice(TOPICS[MeetingKind.THEME_DAY]), agenda="一、集体学习\n二、志愿服务\n三、交流体会",
            )  # fmt: skip
    counts.update(_dues(branches, rng, first, today, actor))
    return counts


def _committees(branches, rng, today):
    for branch in branches:
        full = list(Member.objects.filter(org=branch, status="full").order_by("pk"))
        if len(full) < 7:
            continue
        seats = 5 if len(full) >= 20 else 3
        started = datetime.date(today.year - rng.choice([0, 1, 1, 2, 2, 2]), rng.choice([3, 6, 9]), 1)
        branch.term_started_on = started
        branch.save(update_fields=["term_started_on"])
        CommitteeMember.objects.bulk_create(
            CommitteeMember(org=branch, member=m, duty=DUTIES[i], since=started) for i, m in enumerate(full[:seats])
        )


def _meeting(org, kind, month, rng, actor, counts) -> int:
    day = rng.randrange(3, 26)
    when = datetime.datetime(month.year, month.month, day, rng.choice([9, 14, 15]), 0, tzinfo=TZ)
    meeting = services.meeting_plan(
        actor=actor, org_id=org.pk, kind=kind, planned_at=when, place=rng.choice(PLACES),
        topic=rng.choice(TOPICS[kind]), agenda="一、传达学习\n二、讨论\n三、部署",
    )  # fmt: skip
    expected = list(services.expected_attendees(meeting))
    if not expected:
        return 1
    share = rng.choice([0.35, 0.45]) if rng.random() < 0.06 else rng.uniform(0.75, 1.0)
    rng.shuffle(expected)
    cut = max(2 if kind == MeetingKind.HEART_TALK else 1, round(len(expected) * share))
    present, absent = expected[:cut], [{"person_id": p, "reason": rng.choice(ABSENCE)} for p in expected[cut:]]
    meeting = services.meeting_record(
        actor=actor, meeting=meeting, held_at=when, present=present, absent=absent,
        minutes=f"{meeting.get_kind_display()}：{meeting.topic}。与会同志进行了学习讨论，形成一致意见。",
    )  # fmt: skip
    counts["short_of_quorum"] += 0 if meeting.quorum_met else 1
    roll = rng.random()
    if roll < 0.75:
        services.meeting_transition(actor=actor, meeting=meeting, action="submit")
        meeting.refresh_from_db()
        if roll < 0.62:
            services.meeting_transition(actor=actor, meeting=meeting, action="approve")
        elif roll < 0.66:
            services.meeting_transition(
                actor=actor, meeting=meeting, action="return", note="缺少会议照片，请补充后重新报送"
            )
    return 1


def _dues(branches, rng, first, today, actor) -> dict:
    members = list(Member.objects.filter(org__in=branches))
    for m in members:
        if m.situation == "retired" or m.person.birth_date.year < 1963:
            m.situation, m.dues_category = "retired", "retired"
            m.dues_base = Decimal(rng.randrange(2800, 7200))
        elif m.org.unit and m.org.unit.kind == "community" and rng.random() < 0.15:
            m.dues_category, m.dues_base = "low_income", Decimal("0")
        else:
            m.dues_base = Decimal(rng.randrange(3600, 12800))
    Member.objects.bulk_update(members, ["situation", "dues_category", "dues_base"], batch_size=500)
    month = first
    while month <= month_start(today):
        for branch in branches:
            dues_bills_generate(org=branch, month=month)
        month = add_months(month, 1)
    payments, bills = [], list(DuesBill.objects.filter(org__in=branches))
    for bill in bills:
        current = bill.month == month_start(today)
        if rng.random() < (0.55 if current else 0.93):
            late = not current and rng.random() < 0.08
            paid_month = add_months(bill.month, 1) if late else bill.month
            paid_on = min(paid_month.replace(day=rng.randrange(3, 20)), today)
            payments.append(
                DuesPayment(
                    bill=bill,
                    paid_on=paid_on,
                    amount=bill.amount,
                    method=rng.choice(["wechat", "wechat", "cash", "bank"]),
                    is_back_payment=late,
                    recorded_by=actor,
                )
            )
            bill.paid_amount = bill.amount
    DuesPayment.objects.bulk_create(payments, batch_size=1000)
    DuesBill.objects.bulk_update(bills, ["paid_amount"], batch_size=1000)
    return {"dues_bills": len(bills), "dues_payments": len(payments)}
