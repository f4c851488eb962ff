"""Casework for the demo city, built through the services so every figure is a real record.

- 惠民县's townships and their welfare institutions: 10 elderly care institutions with 1740 beds of
  which 1395 nursing, 911 农村幸福院 and 22 community elderly-care service centres (seed 003);
- 孙武街道's residents grouped into households; 低保, 特困 and children's cases with their history
  (entries and exits over two years), applications at every step (some overdue, some refused);
- payment runs for the last two months locked and this month's computed; needs assessments
  "300余人次" (seed 000), ability assessments, children's home visits and a tracked case.
"""

import datetime
import random
from decimal import Decimal

from tongxin.assistance import services
from tongxin.assistance.models import Household, Standard, WarningRule
from tongxin.core.dates import add_months, month_start
from tongxin.core.errors import Conflict
from tongxin.orgs.choices import UnitKind
from tongxin.orgs.models import Unit
from tongxin.people.models import Person
from tongxin.welfare import services as welfare
from tongxin.welfare.choices import ADL_ITEMS, NEEDS
from tongxin.welfare.models import Institution

TOWNSHIPS = ["何坊街道", "石庙镇", "桑落墅镇", "淄角镇", "胡集镇", "李庄镇", "麻店镇", "魏集镇", "清河镇", "姜楼镇", "辛店镇",
             "大年陈镇", "皂户李镇"]  # fmt: skip
# Ten care institutions: (name, beds, nursing beds) — 1740 beds, 1395 nursing.
CARE_HOMES = [
    ("惠民县社会福利中心", 400, 360), ("惠民县中心敬老院", 260, 220), ("孙武街道颐养院", 120, 96),
    ("何坊街道敬老院", 150, 110), ("石庙镇敬老院", 140, 105), ("桑落墅镇敬老院", 130, 98),
    ("淄角镇敬老院", 160, 120), ("胡集镇颐养中心", 150, 112), ("李庄镇敬老院", 110, 84),
    ("魏集镇敬老院", 120, 90),
]  # fmt: skip
HAPPINESS_HOMES = 911
SERVICE_CENTRES = 22


def build_casework_demo(*, actor, today: datetime.date, county: Unit, street: Unit) -> None:
    rng = random.Random(2026)
    townships = [street] + [
        Unit.objects.create(name=n, kind=UnitKind.TOWNSHIP, parent=county, region_code="371621") for n in TOWNSHIPS
    ]
    _institutions(actor, rng, county, townships)
    for programme, amount in (("dibao", "850"), ("tekun", "1105"), ("child_allowance", "1500")):
        Standard.objects.create(region_code="371621", programme=programme, monthly_amount=Decimal(amount),
                                effective_from=datetime.date(2024, 1, 1))  # fmt: skip
    Standard.objects.create(region_code="371621", programme="dibao", monthly_amount=Decimal("880"),
                            effective_from=datetime.date(2026, 7, 1))  # fmt: skip
    WarningRule.objects.create(
        name="残疾、60岁以上、无收入，未纳入低保或特困", min_age=60, min_disability_grade=1, no_income=True,
        covered_categories="dibao,tekun_dispersed,tekun_central",
    )  # fmt: skip
    WarningRule.objects.create(
        name="独居失能老人，未纳入特困或低保", min_age=60, living_alone=True, self_care_loss=True,
        covered_categories="dibao,tekun_dispersed,tekun_central",
    )  # fmt: skip
    households = _households(actor, rng, street)
    _casework(actor, rng, today, households, street)
    _assessments_and_children(actor, rng, today, street)
    _payments(actor, today, street)
    services.warnings_refresh(today=today)


def _payments(actor, today, street):
    """The last two months' runs locked, this month's computed — then a child registered late, whose
    missed month this month's run pays as arrears."""
    for months_back in (2, 1, 0):
        month = add_months(month_start(today), -months_back)
        for programme in ("dibao", "tekun", "child_allowance"):
            run = services.run_compute(actor=actor, programme=programme, township=street, month=month)
            if months_back:
                services.run_advance(actor=actor, run=run, action="review")
                services.run_advance(actor=actor, run=run, action="lock")
    late = (
        Person.objects.filter(unit__parent=street, birth_date__year__gte=2012, household_membership__isnull=False)
        .exclude(coverages__isnull=False)
        .order_by("pk")
        .first()
    )
    if late is not None:
        household = Household.objects.get(members__person=late)
        services.coverage_add(actor=actor, household=household, category="orphan", person=late,
                              started_on=add_months(month_start(today), -1))  # fmt: skip
        services.run_compute(actor=actor, programme="child_allowance", township=street, month=month_start(today))


def _institutions(actor, rng, county, townships):
    by_name = {t.name: t for t in townships}
    for name, beds, nursing in CARE_HOMES:
        unit = next((u for n, u in by_name.items() if name.startswith(n)), county)
        welfare.institution_save(actor=actor, unit=unit, kind="care_home", name=name, beds_total=beds,
                                 beds_nursing=nursing, opened_on=datetime.date(rng.randrange(2005, 2022), 6, 1))  # fmt: skip
    rows = []
    for i in range(HAPPINESS_HOMES):
        unit = townships[i % len(townships)]
        village = f"{unit.name[:-1]}第{i // len(townships) + 1}村"
        rows.append(Institution(unit=unit, kind="happiness_home", name=f"{village}幸福院", location=village,
                                beds_total=rng.choice([0, 0, 4, 6, 8]), opened_on=datetime.date(rng.randrange(2014, 2026), 3, 1)))  # fmt: skip
    for i in range(SERVICE_CENTRES):
        unit = townships[i % len(townships)]
        rows.append(Institution(unit=unit, kind="service_centre", name=f"{unit.name}第{i // len(townships) + 1}综合养老服务中心",
                                beds_total=rng.choice([10, 20, 30]), opened_on=datetime.date(2023, 9, 1)))  # fmt: skip
    for unit in townships[:6]:
        rows.append(Institution(unit=unit, kind="canteen", name=f"{unit.name}长者食堂"))
        rows.append(Institution(unit=unit, kind="day_care", name=f"{unit.name}日间照料中心", beds_total=12))
    Institution.objects.bulk_create(rows, batch_size=1000)
    from tongxin.core.audit import audit_bulk_created

    audit_bulk_created(actor=actor, instances=rows, fields=["name", "kind", "unit", "beds_total"], source="演示数据")


def _households(actor, rng, street):
    """Group each community's residents (not Party members) into households of one to four."""
    from tongxin.members.models import Member

    households = []
    members = set(Member.objects.values_list("person_id", flat=True))
    for community in Unit.objects.filter(parent=street).order_by("pk"):
        people = [p for p in Person.objects.filter(unit=community).order_by("pk") if p.pk not in members]
        adults = [p for p in people if p.birth_date.year < 2006]
        children = [p for p in people if p.birth_date.year >= 2006]
        rng.shuffle(adults)
        for head in adults[: len(adults) * 2 // 3]:
            household = services.household_create(
                actor=actor, head=head, region_code="371621", address=head.address or f"{community.name}",
                stability=rng.choice(["stable", "basic", "basic", "unstable"]), bank_name="惠民农商银行",
                bank_account=f"6230{rng.randrange(10**11, 10**12)}",
            )  # fmt: skip
            households.append(household)
        spare = adults[len(adults) * 2 // 3 :]
        for i, person in enumerate(spare + children):
            target = households[-1 - (i % max(1, min(len(households), 40)))]
            relation = "child" if person.birth_date.year >= 2006 else rng.choice(["spouse", "parent", "sibling"])
            try:
                services.household_add_member(actor=actor, household=target, person=person, relation=relation)
            except Conflict:  # already in a household: leave them where they are
                continue
    return households


def _casework(actor, rng, today, households, street):
    first = add_months(month_start(today), -22)
    income = {}
    for household in households:
        n = household.members.count()
        monthly = Decimal(rng.choice([0, 300, 600, 900, 1200, 1800, 2600, 4000])) * min(n, 3) / 2
        income[household.pk] = monthly
        services.declaration_record(actor=actor, household=household, period=first, monthly_income=monthly,
                                    assets=Decimal(rng.randrange(0, 20000)))  # fmt: skip
    poor = [h for h in households if income[h.pk] / max(1, h.members.count()) < 700]
    rng.shuffle(poor)
    covered = poor[:36]
    for i, household in enumerate(covered):
        started = add_months(first, rng.randrange(0, 14))
        coverage = services.coverage_add(actor=actor, household=household, category="dibao", started_on=started)
        if i % 6 == 0:
            ended = add_months(started, rng.randrange(4, 9))
            if ended < today:
                services.coverage_end(
                    actor=actor, coverage=coverage, ended_on=ended, reason="家庭收入提高，超过低保标准"
                )
    elderly_heads = [h for h in households if h.head.birth_date.year < 1960 and h not in covered]
    for household in elderly_heads[:8]:
        services.coverage_add(actor=actor, household=household, category="tekun_dispersed", person=household.head,
                              started_on=add_months(first, rng.randrange(0, 18)))  # fmt: skip
    for household in covered[:4]:
        services.coverage_add(actor=actor, household=household, category="disabled",
                              person=household.head, started_on=first)  # fmt: skip
    # Applications at every step, applied over the last three months.
    candidates = [h for h in households if h not in covered and h not in elderly_heads[:8]]
    rng.shuffle(candidates)
    plans = (
        [("dibao", ["accept", "investigate", "township_approve", "start_notice", "confirm"])] * 6
        + [("dibao", ["accept", "investigate", "township_approve", "start_notice"])] * 3
        + [("dibao", ["accept", "investigate", "township_approve"])] * 2
        + [("dibao", ["accept", "investigate"])] * 3
        + [("dibao", ["accept"])] * 3
        + [("dibao", [])] * 2
        + [("temporary", ["accept", "investigate", "township_approve", "start_notice", "confirm"])] * 3
        + [("medical", ["accept", "investigate"])] * 2
        + [("dibao", ["accept", "investigate", "refuse"])] * 3
        + [("tekun", ["accept", "investigate", "township_approve", "start_notice", "confirm"])] * 1
    )
    notes = {
        "accept": "材料齐全，予以受理", "township_approve": "经审核，符合条件", "start_notice": "在社区公示栏公示",
        "confirm": "经县级确认，予以批准", "refuse": "家庭人均收入高于当地低保标准",
    }  # fmt: skip
    for household, (programme, steps) in zip(candidates, plans, strict=False):
        late = len(steps) <= 2 and rng.random() < 0.4
        applied = today - datetime.timedelta(days=rng.randrange(60, 80) if late else rng.randrange(8, 40))
        if "confirm" in steps:
            applied = today - datetime.timedelta(days=rng.randrange(40, 75))
        application = services.application_create(
            actor=actor, household=household, programme=programme, applied_on=applied, reason="家庭困难，申请救助"
        )
        day = applied
        for action in steps:
            day += datetime.timedelta(days=rng.randrange(2, 5) if action != "confirm" else 8)
            day = min(day, today)
            if action == "start_notice" and "confirm" not in steps:
                day = today - datetime.timedelta(days=rng.randrange(0, 5))
            services.application_transition(
                actor=actor, application=application, action=action, on=day,
                note="入户核查：住房、收入、财产与申报一致" if action == "investigate" else notes.get(action, ""),
                investigators="社区工作者、街道救助员" if action == "investigate" else "",
                amount=Decimal(rng.choice([800, 1500, 3000])) if action == "confirm" else None,
            )  # fmt: skip
    # Reviews: a few done on time, some due.
    from tongxin.assistance.models import Coverage

    for coverage in Coverage.objects.filter(category="dibao", ended_on__isnull=True, next_review_on__lt=today)[:10]:
        services.review_record(actor=actor, coverage=coverage, reviewed_on=today - datetime.timedelta(days=3),
                               outcome="continue", note="入户复核，家庭情况无变化")  # fmt: skip
    # Conditions for the early-warning rules.
    elderly = list(Person.objects.filter(unit__parent=street, birth_date__year__lt=1960).order_by("pk")[:30])
    for i, person in enumerate(elderly):
        services.condition_set(actor=actor, person=person, disability_grade=rng.choice([0, 0, 1, 2, 3]) if i % 3 else 2,
                               monthly_income=Decimal("0") if i % 4 == 0 else Decimal("600"),
                               living_alone=i % 5 == 0, self_care_loss=i % 7 == 0)  # fmt: skip


def _assessments_and_children(actor, rng, today, street):
    elderly = list(Person.objects.filter(unit__parent=street, birth_date__year__lt=1961).order_by("pk"))
    year_start = datetime.date(today.year, 1, 1)
    span = (today - year_start).days
    need_codes = [c for c, _ in NEEDS]
    for i in range(318):  # 需求评估300余人次
        welfare.assess_needs(
            actor=actor, person=elderly[i % len(elderly)], assessed_on=year_start + datetime.timedelta(days=rng.randrange(span)),
            assessor="第三方评估机构", needs=rng.sample(need_codes, rng.randrange(1, 4)),
        )  # fmt: skip
    for person in elderly[:60]:
        scores = {code: rng.choice(allowed[-2:] if rng.random() < 0.6 else allowed) for code, _, allowed in ADL_ITEMS}
        welfare.assess_ability(actor=actor, person=person, assessor="评估员2名",
                               assessed_on=year_start + datetime.timedelta(days=rng.randrange(span)), scores=scores)  # fmt: skip
    home = Institution.objects.get(name="孙武街道颐养院")
    for person in elderly[60:84]:
        welfare.residency_admit(actor=actor, institution=home, person=person, nursing=rng.random() < 0.6,
                                admitted_on=today - datetime.timedelta(days=rng.randrange(30, 900)))  # fmt: skip
    # Children in the registry, with visits (some overdue) and one tracked case.
    children = [
        p
        for p in Person.objects.filter(unit__parent=street, birth_date__year__gte=2010).order_by("pk")
        if hasattr(p, "household_membership")
    ][:9]
    categories = ["orphan", "de_facto", "de_facto", "child_difficulty", "child_difficulty", "child_difficulty",
                  "orphan", "de_facto", "child_difficulty"]  # fmt: skip
    for person, category in zip(children, categories, strict=False):
        household = Household.objects.get(members__person=person)
        services.coverage_add(actor=actor, household=household, category=category, person=person,
                              started_on=add_months(month_start(today), -rng.randrange(3, 20)))  # fmt: skip
        for k in range(rng.randrange(0, 4)):
            welfare.child_visit_record(
                actor=actor, person=person, visitors="儿童主任、社工",
                visited_on=today - datetime.timedelta(days=15 + 35 * k + rng.randrange(0, 20)),
                findings=rng.choice(["监护人照料到位，就学正常", "家中老人年迈，需关注冬季取暖", "孩子情绪稳定，成绩中等"]),
            )  # fmt: skip
    if children:
        case = welfare.case_open(actor=actor, person=children[1], opened_on=today - datetime.timedelta(days=40),
                                 problem="父亲服刑、母亲离家，由年迈祖母照料，学习跟不上",
                                 plan="链接助学资源，志愿者每周课业辅导，家庭指导")  # fmt: skip
        welfare.case_add_entry(actor=actor, case=case, on=today - datetime.timedelta(days=30), kind="action",
                               text="联系学校安排课后辅导")  # fmt: skip
        welfare.case_add_entry(actor=actor, case=case, on=today - datetime.timedelta(days=7), kind="follow_up",
                               text="电话回访，成绩有提升")  # fmt: skip
