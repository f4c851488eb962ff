"""The reference "city" scale from DESIGN.md, generated with bulk inserts.

1 bureau, 300 Party organisations in one tree (city committee → county leading groups → county
and township committees → branches), 10,000 members, 200,000 persons over ~450 administrative
units (8 counties × 6 townships × 8 communities), and a year of meetings and dues bills. Generated names and valid, unique ID numbers.
No audit rows are written for this synthetic data (it is not anyone's edit).
"""

import datetime
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from tongxin.core.fakedata import IdentityMaker, keys_for
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person

ROOT = "规模测试市民政局"
COUNTIES, TOWNSHIPS, COMMUNITIES = 8, 6, 8
BATCH = 5000


@dataclass
class ScaleResult:
    created: bool
    units: int
    orgs: int
    people: int
    members: int
    seconds: float


def _bulk(model, objects):
    model.objects.bulk_create(objects, batch_size=BATCH)
    return objects


def build_orglife_scale(*, months: int = 12, seed: int = 2) -> int:
    """A year of meetings and dues bills for every branch of the scale city (idempotent: skipped if
    its meetings exist). Bulk inserts: ~10,000 meetings and ~120,000 dues bills."""
    import random
    from decimal import Decimal

    from tongxin.core.dates import add_months, month_start
    from tongxin.members.dues import dues_quote
    from tongxin.members.models import DuesBill
    from tongxin.orglife.models import Meeting
    from tongxin.orgs.choices import BRANCH_KINDS

    if not Unit.objects.filter(name=ROOT, parent__isnull=True).exists():
        return 0
    from tongxin.core.tree import subtree_ids

    city = PartyOrg.objects.get(name=f"{ROOT}机关党委")
    branches = list(
        PartyOrg.objects.filter(kind__in=BRANCH_KINDS, pk__in=subtree_ids(PartyOrg, [city.pk])).order_by("pk")
    )
    if not branches or Meeting.objects.filter(org__in=branches[:1]).exists():
        return 0
    rng = random.Random(seed)
    tz = datetime.timezone(datetime.timedelta(hours=8))
    today = timezone.localdate()
    first = month_start(add_months(today, -months + 1))
    meetings = []
    for org in branches:
        month = first
        while month < month_start(today):
            kinds = ["theme_day"] + (["branch_assembly", "lecture"] if month.month % 3 == 2 else [])
            for kind in kinds:
                if rng.random() < 0.93:
                    when = datetime.datetime(month.year, month.month, rng.randrange(3, 27), 9, tzinfo=tz)
                    meetings.append(Meeting(
                        org=org, kind=kind, status="approved", planned_at=when, held_at=when, place="党员活动室",
                        topic="学习", expected_count=35, present_count=30, voting_count=33, voting_present=29,
                        quorum_met=rng.random() < 0.97, minutes="会议记录",
                    ))  # fmt: skip
            month = add_months(month, 1)
    _bulk(Meeting, meetings)
    bills = []
    members = list(Member.objects.filter(org__in=branches).values_list("pk", "org_id"))
    month = first
    while month <= month_start(today):
        for member_id, org_id in members:
            base = Decimal(rng.randrange(2500, 13000))
            rate, amount = dues_quote(category="employed", base=base)
            paid = amount if rng.random() < 0.92 else Decimal("0")
            bills.append(
                DuesBill(
                    member_id=member_id,
                    org_id=org_id,
                    month=month,
                    category="employed",
                    base=base,
                    rate=rate,
                    amount=amount,
                    paid_amount=paid,
                )
            )
        month = add_months(month, 1)
    _bulk(DuesBill, bills)
    return len(meetings)


@transaction.atomic
def build_scale(*, members: int = 10_000, people: int = 200_000, orgs: int = 300, seed: int = 1) -> ScaleResult:
    started = time.monotonic()
    if Unit.objects.filter(name=ROOT, parent__isnull=True).exists():
        return ScaleResult(False, 0, 0, 0, 0, 0.0)
    if people < members:
        raise ValueError("people must be at least members")
    maker = IdentityMaker(seed=seed)

    # Administrative tree.
    root = Unit.objects.create(name=ROOT, kind="bureau", region_code="379900")
    sections = _bulk(
        Unit, [Unit(name=f"第{i + 1}科", kind="section", parent=root, region_code="379900") for i in range(10)]
    )
    institutions = _bulk(
        Unit, [Unit(name=f"直属单位{i + 1}", kind="institution", parent=root, region_code="379900") for i in range(5)]
    )
    counties = _bulk(
        Unit,
        [
            Unit(name=f"第{i + 1}县民政局", kind="bureau", parent=root, region_code=f"3799{i + 1:02d}")
            for i in range(COUNTIES)
        ],
    )
    townships = _bulk(
        Unit,
        [
            Unit(name=f"{c.name[:-3]}第{j + 1}镇", kind="township", parent=c, region_code=c.region_code)
            for c in counties
            for j in range(TOWNSHIPS)
        ],
    )
    communities = _bulk(Unit, [Unit(name=f"{t.name}第{k + 1}社区", kind="community", parent=t, region_code=t.region_code) for t in townships for k in range(COMMUNITIES)])  # fmt: skip

    # Party tree: city committee and branches, county leading groups/committees, township
    # committees, then community branches until `orgs` organisations exist.
    committee = PartyOrg.objects.create(name="规模测试市民政局机关党委", kind="committee", unit=root)
    branches = _bulk(
        PartyOrg,
        [PartyOrg(name=f"{u.name}党支部", kind="branch", parent=committee, unit=u) for u in sections + institutions],
    )
    county_committees, leading_of = [], {}
    for c in counties:
        leading = PartyOrg.objects.create(name=f"{c.name}党组", kind="leading_group", parent=committee, unit=c)
        leading_of[c.pk] = leading
        county_committees.append(
            PartyOrg.objects.create(name=f"{c.name}机关党委", kind="committee", parent=leading, unit=c)
        )
    branches += _bulk(PartyOrg, [PartyOrg(name=f"{cc.unit.name}机关第{n + 1}党支部", kind="branch", parent=cc, unit=cc.unit) for cc in county_committees for n in range(2)])  # fmt: skip
    township_orgs = _bulk(
        PartyOrg,
        [PartyOrg(name=f"{t.name}党委", kind="committee", parent=leading_of[t.parent_id], unit=t) for t in townships],
    )
    township_of = {o.unit_id: o for o in township_orgs}
    remaining = max(0, orgs - PartyOrg.objects.filter(pk__gte=committee.pk).count())
    branches += _bulk(PartyOrg, [PartyOrg(name=f"{u.name}党支部", kind="branch", parent=township_of[u.parent_id], unit=u) for u in communities[:remaining]])  # fmt: skip

    # People: members first (registered at their branch's unit), then residents across communities.
    people_objs: list[Person] = []
    member_plan: list[tuple[int, PartyOrg]] = []
    for i in range(members):
        branch = branches[i % len(branches)]
        member_plan.append((len(people_objs), branch))
        people_objs.append(_person(maker, branch.unit, oldest=1940, youngest=2000))
    for i in range(people - members):
        people_objs.append(_person(maker, communities[i % len(communities)], oldest=1930, youngest=2024))
    _bulk(Person, people_objs)
    member_objs = [
        Member(person=people_objs[index], org=branch, status="full" if n % 20 else "probationary", joined_on=datetime.date(1990 + n % 35, 7, 1))
        for n, (index, branch) in enumerate(member_plan)
    ]  # fmt: skip
    _bulk(Member, member_objs)
    transaction.on_commit(analyze_database)
    unit_count = 1 + len(sections) + len(institutions) + len(counties) + len(townships) + len(communities)
    org_count = PartyOrg.objects.filter(pk__gte=committee.pk).count()
    return ScaleResult(True, unit_count, org_count, len(people_objs), len(member_objs), time.monotonic() - started)


def analyze_database() -> None:
    """Refresh the planner's statistics after a bulk load (both databases need them to pick the
    indexed search paths over 200,000 rows)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _person(maker: IdentityMaker, unit: Unit, *, oldest: int, youngest: int) -> Person:
    gender = maker.gender()
    birth = maker.birth_date(oldest, youngest)
    name = maker.name(gender)
    number = maker.id_number(unit.region_code if unit.region_code != "379900" else "370102", birth, gender)
    pinyin, initials = keys_for(name)
    return Person(
        name=name,
        id_number=number,
        gender=gender,
        birth_date=birth,
        phone=maker.phone(),
        address=f"{unit.name}{maker.rng.randrange(1, 300)}号",
        unit=unit,
        name_pinyin=pinyin,
        name_initials=initials,
        id_reversed=number[::-1],
        name_tail=name[1:],
    )
