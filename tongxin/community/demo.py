"""The service desk of 孙武街道's communities for the demo, through the services: a year of appeals
(handled, followed up, a few dissatisfied and reopened, some still open and at risk), mediated
disputes (seed 002's kinds), the charity supermarket, volunteer activities of the community branches,
members paired with 低保 households, and satisfaction surveys whose 100% comes from responses (seed 000)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from tongxin.assistance.models import Coverage
from tongxin.community import services
from tongxin.community.rules import ensure_default_categories
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person

CONTENTS = {
    "environment": ["楼道堆放杂物影响通行", "小区垃圾清运不及时", "绿化带有积水蚊虫多"],
    "utilities": ["暖气不热", "停水未通知", "楼道灯不亮"],
    "consult": ["咨询低保申请条件", "咨询高龄津贴办理", "咨询残疾人两项补贴"],
    "assistance": ["家中老人生病需要临时救助", "失业后生活困难"],
    "property": ["物业收费有异议", "电梯经常故障"],
    "neighbour": ["楼上噪音扰民", "邻居占用楼道"],
    "facility": ["健身器材损坏", "路面破损"],
    "emergency": ["独居老人联系不上"],
}
DISPUTES = [("family", "夫妻矛盾"), ("family", "父子争吵"), ("drainage", "下水道堵塞"), ("noise", "噪音扰邻"),
            ("heating", "供暖纠纷"), ("corridor", "挤占楼道"), ("neighbour", "邻里口角"), ("property", "物业服务")]  # fmt: skip


def build_community_demo(*, actor, street: Unit, today: datetime.date) -> None:
    ensure_default_categories()
    rng = random.Random(2002)
    now = timezone.now()
    communities = list(Unit.objects.filter(parent=street).order_by("pk"))
    residents = {c.pk: list(Person.objects.filter(unit=c, membership__isnull=True).order_by("pk")) for c in communities}
    # Appeals over the year.
    for i in range(150):
        community = communities[i % len(communities)]
        code = rng.choice(list(CONTENTS))
        received = now - datetime.timedelta(days=rng.randrange(1, 320), hours=rng.randrange(0, 9))
        person = rng.choice(residents[community.pk])
        appeal = services.appeal_create(
            actor=actor, community=community, channel=rng.choice(["window", "phone", "mailbox", "online", "grid"]),
            category=code, content=rng.choice(CONTENTS[code]), received_at=received, contact_name=person.name,
            contact_phone=person.phone, proxy=rng.random() < 0.15, resident=person,
        )  # fmt: skip
        span = appeal.due_at - received
        step = received + span * rng.choice([0.1, 0.3, 0.5, 0.7, 0.9, 1.2])
        services.appeal_transition(actor=actor, appeal=appeal, action="assign", now=received + span * 0.05)
        if rng.random() < 0.1:
            services.appeal_transition(
                actor=actor, appeal=appeal, action="remind", note="请加快办理", now=received + span * 0.5
            )
        services.appeal_transition(actor=actor, appeal=appeal, action="reply", note="已协调相关单位处理", now=step)
        satisfaction = rng.choices(["satisfied", "basic", "dissatisfied"], [85, 12, 3])[0]
        services.appeal_transition(actor=actor, appeal=appeal, action="follow_up", satisfaction=satisfaction,
                                   now=step + datetime.timedelta(days=1))  # fmt: skip
        if satisfaction == "dissatisfied":
            again = step + datetime.timedelta(days=2)
            services.appeal_transition(
                actor=actor, appeal=appeal, action="reopen", note="群众不满意，重新办理", now=again
            )
            services.appeal_transition(actor=actor, appeal=appeal, action="reply", note="再次上门处理",
                                       now=again + datetime.timedelta(days=1))  # fmt: skip
            services.appeal_transition(actor=actor, appeal=appeal, action="follow_up", satisfaction="basic",
                                       now=again + datetime.timedelta(days=2))  # fmt: skip
        services.appeal_transition(actor=actor, appeal=appeal, action="close", now=step + datetime.timedelta(days=4))
    for hours_ago, code in (
        (1, "emergency"),
        (30, "environment"),
        (60, "consult"),
        (100, "facility"),
        (200, "property"),
    ):
        community = communities[hours_ago % len(communities)]
        appeal = services.appeal_create(
            actor=actor, community=community, channel="phone", category=code, content=rng.choice(CONTENTS[code]),
            received_at=now - datetime.timedelta(hours=hours_ago), contact_name="居民",
        )  # fmt: skip
        services.appeal_transition(actor=actor, appeal=appeal, action="assign", now=appeal.received_at)
    services.appeals_check(now)
    # Disputes (seed 002: 夫妻矛盾、父子吵架、下水道堵塞、噪音扰邻、供暖纠纷、挤占楼道).
    for i in range(36):
        community = communities[i % len(communities)]
        kind, summary = DISPUTES[i % len(DISPUTES)]
        opened = today - datetime.timedelta(days=rng.randrange(5, 300))
        a, b = rng.sample(residents[community.pk], 2)
        dispute = services.dispute_open(actor=actor, community=community, kind=kind, parties=f"{a.name}、{b.name}",
                                        summary=summary, mediator="社区人民调解委员会", opened_on=opened)  # fmt: skip
        services.dispute_session(actor=actor, dispute=dispute, held_on=opened, note="听取双方意见，释法说理")
        if i < 33:
            outcome = "success" if i % 11 else "transferred"
            services.dispute_close(actor=actor, dispute=dispute, outcome=outcome, closed_on=min(today, opened + datetime.timedelta(days=3)),
                                   agreement="双方自愿达成协议，互相谅解" if outcome == "success" else "",
                                   note="" if outcome == "success" else "转派出所处理")  # fmt: skip
    # Charity supermarket: donations in, aid out to covered households.
    covered = list(Coverage.objects.filter(household__unit__in=communities, ended_on__isnull=True)
                   .select_related("household__head", "household__unit"))  # fmt: skip
    members = list(Member.objects.filter(org__unit__in=communities).select_related("person", "org"))
    for community in communities:
        items = [services.charity_item_create(actor=actor, name=n, unit=u, owner=community)
                 for n, u in (("大米", "袋"), ("食用油", "桶"), ("面粉", "袋"), ("棉被", "床"), ("善款", "元"))]  # fmt: skip
        for item in items:
            for _k in range(rng.randrange(3, 7)):
                qty = Decimal(rng.choice([500, 1000, 2000])) if item.name == "善款" else Decimal(rng.randrange(5, 30))
                value = qty if item.name == "善款" else qty * Decimal(rng.choice([30, 50, 80]))
                donor_kind = rng.choice(["unit", "public", "member"])
                donor = {"unit": "惠民农商银行", "public": "爱心居民", "member": rng.choice(members).person.name}[
                    donor_kind
                ]
                services.charity_move(actor=actor, item=item, direction="in", quantity=qty, value=value, donor_kind=donor_kind,
                                      donor_name=donor, at=now - datetime.timedelta(days=rng.randrange(1, 200)))  # fmt: skip
        here = [c for c in covered if c.household.unit_id == community.pk]
        for coverage in here[:10]:
            item = rng.choice(items[:4])
            item.refresh_from_db()
            qty = min(item.stock, Decimal(rng.randrange(1, 3)))
            if qty > 0:
                services.charity_move(actor=actor, item=item, direction="out", quantity=qty, recipient=coverage.household.head,
                                      at=now - datetime.timedelta(days=rng.randrange(0, 25)), note="节日慰问")  # fmt: skip
    # Volunteers and the community branches' volunteer teams.
    volunteers = []
    for community in communities:
        for person in residents[community.pk][:12]:
            volunteers.append(
                services.volunteer_register(
                    actor=actor, person=person, skills=rng.choice(["理发", "义诊", "维修", "陪聊", ""])
                )
            )
    for member in members[:30]:
        volunteers.append(services.volunteer_register(actor=actor, person=member.person, skills="党员志愿者"))
    branches = {o.unit_id: o for o in PartyOrg.objects.filter(unit__in=communities)}
    for community in communities:
        for m in range(6):
            starts = timezone.make_aware(datetime.datetime.combine(today.replace(day=1) - datetime.timedelta(days=30 * m) + datetime.timedelta(days=4), datetime.time(9)))  # fmt: skip
            kind = "member_day" if m % 2 == 0 else rng.choice(["clinic", "patrol", "home_help", "cleanup"])
            activity = services.activity_create(
                actor=actor, community=community, org=branches.get(community.pk) if kind == "member_day" else None,
                kind=kind, title={"member_day": "党员义工日", "clinic": "健康义诊", "patrol": "平安巡逻",
                                  "home_help": "助老上门服务", "cleanup": "环境整治"}[kind], starts_at=starts,
                hours=Decimal(rng.choice([2, 3, 4])),
            )  # fmt: skip
            for volunteer in rng.sample(volunteers, 8):
                participation = services.activity_sign_up(actor=actor, activity=activity, volunteer=volunteer)
                if starts < now and rng.random() < 0.85:
                    services.activity_sign_in(actor=actor, participation=participation)
    # Members paired with covered households.
    for member, coverage in zip(members, [c for c in covered if c.person_id is None][:18], strict=False):
        started = today - datetime.timedelta(days=rng.randrange(40, 300))
        pairing = services.pairing_create(actor=actor, member=member, household=coverage.household, started_on=started)
        for k in range(rng.randrange(0, 5)):
            visited = started + datetime.timedelta(days=25 * (k + 1))
            if visited <= today:
                services.pairing_visit(actor=actor, pairing=pairing, visited_on=visited, help=rng.choice(
                    ["送米面油", "帮助申请临时救助", "陪同就医", "辅导孩子作业"]))  # fmt: skip
    # Satisfaction surveys: 群众满意度测评达100% — from the responses themselves.
    for community in communities:
        survey = services.survey_create(actor=actor, unit=community, title=f"{today.year}年群众满意度测评",
                                        questions=["办事效率", "服务态度", "诉求办理结果", "党员作用发挥"],
                                        opens_on=datetime.date(today.year, 1, 1), closes_on=today)  # fmt: skip
        for _ in range(40):
            answers = [rng.choices(["satisfied", "basic"], [9, 1])[0] for _q in survey.questions]
            services.survey_respond(
                survey=survey, answers=answers, submitted_on=today - datetime.timedelta(days=rng.randrange(0, 60))
            )
