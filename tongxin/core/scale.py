"""The reference "city" scale from DESIGN.md, generated with bulk inserts.

1 bureau, 300 Party organisations, 10,000 members, 200,000 persons over ~450 administrative
units (8 counties × 6 townships × 8 communities). Generated names and valid, unique ID numbers.
No audit rows are written for this synthetic data (it is not anyone's edit).
"""

import datetime
import time
from dataclasses import dataclass

from django.db import connection, transaction

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
    county_committees = []
    for c in counties:
        leading = PartyOrg.objects.create(name=f"{c.name}党组", kind="leading_group", unit=c)
        county_committees.append(
            PartyOrg.objects.create(name=f"{c.name}机关党委", kind="committee", parent=leading, unit=c)
        )
    branches += _bulk(PartyOrg, [PartyOrg(name=f"{cc.unit.name}机关第{n + 1}党支部", kind="branch", parent=cc, unit=cc.unit) for cc in county_committees for n in range(2)])  # fmt: skip
    township_orgs = _bulk(PartyOrg, [PartyOrg(name=f"{t.name}党委", kind="committee", unit=t) for t in townships])
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
