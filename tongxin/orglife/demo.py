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
    counts.update(_study(branches, rng, first, today, actor))
    counts.update(_evaluations(branches, rng, today))
    counts.update(_development(branches, rng, today, actor))
    return counts


WELFARE_BRANCH = "市社会福利中心党支部"
BOOKS = [
    "《习近平谈治国理政》第五卷",
    "《中国共产党章程》",
    "《习近平关于民政工作论述摘编》",
    "《党的二十大报告》",
    "《民政工作条例》",
    "《中国共产党纪律处分条例》",
]
TALKS = [
    "“一老一小”服务中的党员先锋作用",
    "学习二十届四中全会精神",
    "民政为民、民政爱民",
    "红色家风故事",
    "防范养老诈骗",
]


def _split(total: int, parts: int, rng, low: int) -> list[int]:
    """`parts` positive integers, each at least `low`, summing exactly to `total`."""
    values = [low] * parts
    for _ in range(total - low * parts):
        values[rng.randrange(parts)] += 1
    return values


def _study(branches, rng, first, today, actor) -> dict:
    """Seed 000's figures for the welfare centre (党员在读274次，阅读时长2192分钟；党员在讲11次，受众300余人)
    are what its records add up to; other branches read in proportion."""
    from tongxin.orglife.models import StudyRecord

    records = []
    days = (today - first).days
    for branch in branches:
        members = list(Member.objects.filter(org=branch).values_list("person_id", flat=True))
        if not members:
            continue
        if branch.name == WELFARE_BRANCH:
            readings, reading_minutes, talks, audience = 274, 2192, 11, 312
        else:
            readings = rng.randrange(len(members) * 2, len(members) * 5)
            reading_minutes, talks = readings * rng.randrange(6, 11), rng.randrange(1, 5)
            audience = talks * rng.randrange(15, 40)
        for minutes in _split(reading_minutes, readings, rng, 3):
            on = first + datetime.timedelta(days=rng.randrange(days))
            records.append(
                StudyRecord(
                    person_id=rng.choice(members),
                    org=branch,
                    kind="reading",
                    on=on,
                    title=rng.choice(BOOKS),
                    minutes=minutes,
                    created_by=actor,
                )
            )
        for heads in _split(audience, talks, rng, 8):
            on = first + datetime.timedelta(days=rng.randrange(days))
            records.append(
                StudyRecord(
                    person_id=rng.choice(members),
                    org=branch,
                    kind="talk",
                    on=on,
                    title=rng.choice(TALKS),
                    audience=heads,
                    created_by=actor,
                )
            )
    StudyRecord.objects.bulk_create(records, batch_size=2000)
    return {"study_records": len(records)}


def _evaluations(branches, rng, today) -> dict:
    from tongxin.orglife.models import Evaluation

    year = today.year - 1
    rows = []
    for member in Member.objects.filter(org__in=branches, joined_on__year__lte=year):
        roll = rng.random()
        grade = "excellent" if roll < 0.12 else ("basically_qualified" if roll > 0.985 else "qualified")
        rows.append(Evaluation(member=member, org_id=member.org_id, year=year, grade=grade))
    Evaluation.objects.bulk_create(rows, batch_size=2000)
    return {"evaluations": len(rows)}


def _development(branches, rng, today, actor) -> dict:
    """A few people at every stage, some with steps overdue."""
    from tongxin.core.fakedata import IdentityMaker
    from tongxin.members import development as dev
    from tongxin.people.services import person_build

    maker = IdentityMaker(seed=77)
    made = 0
    plans = [  # months since application, steps done (step, months after application)
        (0.5, []),
        (2, []),
        (5, [("first_talk", 0.5), ("activist", 1)]),
        (9, [("first_talk", 0.5), ("activist", 1)]),
        (
            16,
            [
                ("first_talk", 0.5),
                ("activist", 1),
                ("activist_review", 7),
                ("activist_review", 13),
                ("candidate", 14),
                ("training", 15),
            ],
        ),
        (
            20,
            [
                ("first_talk", 0.5),
                ("activist", 1),
                ("activist_review", 7),
                ("candidate", 13),
                ("training", 14),
                ("branch_resolution", 15),
                ("approval", 16),
                ("probationary", 16),
            ],
        ),
    ]
    # Only county and community branches get someone admitted as probationary: the bureau keeps its 286.
    bureau_plans = [p for p in plans if not any(step == "probationary" for step, _ in p[1])]
    for branch in branches[:6] + branches[-5:]:
        choices = plans if branch in branches[-5:] else bureau_plans
        for months_ago, steps in rng.sample(choices, 3):
            born = maker.birth_date(1988, 2003)
            gender = maker.gender()
            person = person_build(
                name=maker.name(gender),
                id_number=maker.id_number("371602", born, gender),
                phone=maker.phone(),
                address="",
                unit=branch.unit,
            )
            person.save()
            applied = today - datetime.timedelta(days=int(months_ago * 30.5))
            case = dev.development_apply(actor=actor, person=person, org_id=branch.pk, applied_on=applied)
            for step, after in steps:
                on = min(applied + datetime.timedelta(days=int(after * 30.5)), today)
                dev.development_step(actor=actor, case=case, step=step, on=on, hours=24 if step == "training" else None)
            made += 1
    return {"development_cases": made}


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
        if not meeting.quorum_met:
            services.meeting_transition(
                actor=actor, meeting=meeting, action="return", note="未达到法定人数，请说明情况或另行召开"
            )
        elif roll < 0.62:
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
