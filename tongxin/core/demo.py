"""The demo city: a civil-affairs bureau built from the source documents' own facts.

- 市直民政系统：1个党总支、14个党支部、党员286名 (seed 004, 滨州);
- 市社会福利中心党支部 with 43 members, among them the elderly members' group 耄耋党小组 of 18 (seed 000);
- a county bureau (党组, seed 001/003) with its 机关党支部 and 社会救助党支部;
- a street (街道) with communities, community Party branches and residents (seed 002).

Generated names and valid ID numbers; never real people.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.accounts.roles import Role
from tongxin.accounts.services import role_assign, user_create
from tongxin.core.audit import audit_bulk_created
from tongxin.core.fakedata import IdentityMaker
from tongxin.members.models import Member
from tongxin.orgs.choices import PartyOrgKind as K
from tongxin.orgs.choices import UnitKind as U
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person
from tongxin.people.services import person_build

CITY = "滨州市民政局"
DEMO_PASSWORD = "Tongxin2026"
CITY_REGION, URBAN_REGION, COUNTY_REGION = "371600", "371602", "371621"

SECTIONS = ["办公室", "组织人事科", "规划财务科", "社会救助科", "养老服务科", "儿童福利科", "社会事务科", "基层政权和社区治理科", "慈善事业促进和社会工作科", "区划地名科"]  # fmt: skip
# The 14 branches of the bureau's general branch and their member counts (286 in all).
BRANCHES = [
    ("机关第一党支部", "办公室", 22), ("机关第二党支部", "组织人事科", 20), ("机关第三党支部", "规划财务科", 19),
    ("社会救助党支部", "社会救助科", 18), ("养老服务党支部", "养老服务科", 18), ("儿童福利党支部", "儿童福利科", 17),
    ("社会事务党支部", "社会事务科", 16), ("基层政权党支部", "基层政权和社区治理科", 18),
    ("慈善社工党支部", "慈善事业促进和社会工作科", 19), ("区划地名党支部", "区划地名科", 21),
    ("市救助管理站党支部", "市救助管理站", 20), ("市殡葬管理所党支部", "市殡葬管理所", 17),
    ("市婚姻登记处党支部", "市婚姻登记处", 18), ("市社会福利中心党支部", "市社会福利中心", 43),
]  # fmt: skip
INSTITUTIONS = ["市社会福利中心", "市救助管理站", "市殡葬管理所", "市婚姻登记处"]
WELFARE_GROUPS = [("耄耋党小组", 18), ("养老护理党小组", 13), ("育幼服务党小组", 12)]
COMMUNITIES = [("乐安社区", 32, 240), ("武定府社区", 26, 200), ("鼓楼社区", 21, 160)]  # (name, members, residents)

DEMO_USERS = [
    # username, display name, role, scope kind, scope name
    ("admin", "系统管理员", Role.SYSTEM_ADMIN, "unit", CITY),
    ("zuzhi", "局组织委员", Role.ORG_OFFICER, "org", "中共滨州市民政局机关总支部委员会"),
    ("shuji", "福利中心支部书记", Role.BRANCH_SECRETARY, "org", "市社会福利中心党支部"),
    ("dangyuan", "福利中心党员", Role.PARTY_MEMBER, "org", "市社会福利中心党支部"),
    ("yewu", "县局救助股业务员", Role.BUSINESS_STAFF, "unit", "惠民县民政局"),
    ("shenhe", "孙武街道审核员", Role.TOWNSHIP_REVIEWER, "unit", "孙武街道"),
    ("shegong", "乐安社区社工", Role.COMMUNITY_WORKER, "unit", "乐安社区"),
]


@dataclass
class DemoResult:
    created: bool
    logins: list[tuple[str, str, str]]


def demo_logins() -> list[tuple[str, str, str]]:
    return [(u, DEMO_PASSWORD, f"{Role(role).label}（{scope}）") for u, _, role, _, scope in DEMO_USERS]


def demo_exists() -> bool:
    return Unit.objects.filter(name=CITY, parent__isnull=True).exists()


class _Builder:
    def __init__(self):
        self.maker = IdentityMaker(seed=2026)
        self.people: list[Person] = []
        self.pending_members: list[tuple[Person, PartyOrg, PartyOrg | None, str, datetime.date]] = []

    def unit(self, name, kind, parent=None, region=""):
        return Unit.objects.create(
            name=name, kind=kind, parent=parent, region_code=region or (parent.region_code if parent else "")
        )

    def org(self, name, kind, parent=None, unit=None, established=None):
        return PartyOrg.objects.create(name=name, kind=kind, parent=parent, unit=unit, established_on=established)

    def person(self, unit, region, *, oldest, youngest, male_share=0.5, address=""):
        m = self.maker
        gender = m.gender(male_share)
        birth = m.birth_date(oldest, youngest)
        person = person_build(
            name=m.name(gender),
            id_number=m.id_number(region, birth, gender),
            phone=m.phone() if birth.year > 1945 else "",
            address=address,
            unit=unit,
        )
        self.people.append(person)
        return person

    def members(self, count, org, unit, region, *, group=None, oldest=1965, youngest=1998, retired=False):
        m = self.maker
        for _ in range(count):
            person = self.person(unit, region, oldest=oldest, youngest=youngest, male_share=0.55)
            earliest = person.birth_date.year + 19
            joined_year = m.rng.randrange(earliest, max(earliest + 1, 2025))
            joined = datetime.date(joined_year, m.rng.choice([1, 3, 5, 6, 7, 9, 11]), m.rng.randrange(1, 28))
            status = "probationary" if (not retired and m.rng.random() < 0.05) else "full"
            if status == "probationary":
                joined = datetime.date(2026, m.rng.randrange(1, 10), m.rng.randrange(1, 28))
            self.pending_members.append((person, org, group, status, joined))

    def save(self):
        Person.objects.bulk_create(self.people, batch_size=1000)
        audit_bulk_created(actor=None, instances=self.people, fields=["name", "id_number", "unit"], source="演示数据")
        members = [Member(person=p, org=o, group=g, status=s, joined_on=j) for p, o, g, s, j in self.pending_members]
        Member.objects.bulk_create(members, batch_size=1000)
        audit_bulk_created(
            actor=None, instances=members, fields=["person", "org", "status", "joined_on"], source="演示数据"
        )


@transaction.atomic
def build_demo() -> DemoResult:
    if demo_exists():
        return DemoResult(False, demo_logins())
    b = _Builder()
    city = b.unit(CITY, U.BUREAU, region=CITY_REGION)
    section = {name: b.unit(name, U.SECTION, city) for name in SECTIONS}
    institution = {name: b.unit(name, U.INSTITUTION, city) for name in INSTITUTIONS}
    host = section | institution
    county = b.unit("惠民县民政局", U.BUREAU, city, COUNTY_REGION)
    county_sections = [b.unit(n, U.SECTION, county) for n in ["办公室", "社会救助股", "养老服务股"]]
    street = b.unit("孙武街道", U.TOWNSHIP, county, COUNTY_REGION)
    communities = {name: b.unit(name, U.COMMUNITY, street) for name, _, _ in COMMUNITIES}

    general = b.org(
        "中共滨州市民政局机关总支部委员会", K.GENERAL_BRANCH, unit=city, established=datetime.date(2009, 6, 18)
    )
    branches = {}
    for name, unit_name, count in BRANCHES:
        branch = b.org(name, K.BRANCH, general, host[unit_name], datetime.date(2010, 3, 1))
        branches[name] = branch
        if name == "市社会福利中心党支部":
            for group_name, group_count in WELFARE_GROUPS:
                group = b.org(group_name, K.GROUP, branch, host[unit_name], datetime.date(2019, 7, 1))
                elderly = group_name == "耄耋党小组"
                b.members(
                    group_count, branch, host[unit_name], URBAN_REGION, group=group,
                    oldest=1932 if elderly else 1968, youngest=1946 if elderly else 1999, retired=elderly,
                )  # fmt: skip
        else:
            b.members(count, branch, host[unit_name], URBAN_REGION)

    leading = b.org("中共惠民县民政局党组", K.LEADING_GROUP, unit=county, established=datetime.date(2001, 5, 1))
    county_org = b.org("中共惠民县民政局机关委员会", K.COMMITTEE, leading, county)
    b.members(
        25, b.org("县民政局机关党支部", K.BRANCH, county_org, county_sections[0]), county_sections[0], COUNTY_REGION
    )
    b.members(
        12, b.org("县社会救助党支部", K.BRANCH, county_org, county_sections[1]), county_sections[1], COUNTY_REGION
    )

    street_org = b.org("中共孙武街道工作委员会", K.COMMITTEE, unit=street, established=datetime.date(2005, 1, 1))
    roads = ["乐安大街", "渤海七路", "黄河五路", "鼓楼街", "武定府路", "孙子兵法城东路"]
    for name, member_count, resident_count in COMMUNITIES:
        unit = communities[name]
        branch = b.org(f"{name}党支部", K.BRANCH, street_org, unit, datetime.date(2012, 9, 1))
        b.members(member_count, branch, unit, COUNTY_REGION, oldest=1940, youngest=1990)
        for i in range(resident_count):
            road = b.maker.rng.choice(roads)
            address = f"孙武街道{name}{road}{b.maker.rng.randrange(1, 200)}号{b.maker.rng.randrange(1, 6)}单元"
            if i % 5 == 0:
                b.person(unit, COUNTY_REGION, oldest=1930, youngest=1960, address=address)
            elif i % 7 == 0:
                b.person(unit, COUNTY_REGION, oldest=2010, youngest=2024, address=address)
            else:
                b.person(unit, COUNTY_REGION, oldest=1961, youngest=2005, address=address)
    b.save()

    scopes = {"unit": {u.name: u for u in Unit.objects.all()}, "org": {o.name: o for o in PartyOrg.objects.all()}}
    welfare_member = (
        Member.objects.filter(org=branches["市社会福利中心党支部"], group__name="养老护理党小组")
        .select_related("person")
        .first()
    )
    secretary = (
        Member.objects.filter(org=branches["市社会福利中心党支部"], group__name="育幼服务党小组")
        .select_related("person")
        .first()
    )
    for username, display, role, kind, scope_name in DEMO_USERS:
        person = {"dangyuan": welfare_member.person, "shuji": secretary.person}.get(username)
        user = User.objects.filter(username=username).first() or user_create(
            username=username, password=DEMO_PASSWORD, display_name=display, person=person,
            is_superuser=(role == Role.SYSTEM_ADMIN),
        )  # fmt: skip
        target = scopes[kind][scope_name]
        role_assign(user=user, role=role, **({"unit": target} if kind == "unit" else {"party_org": target}))
    from tongxin.core.audit import acting_as
    from tongxin.orglife.demo import build_orglife_demo

    admin = User.objects.get(username="admin")
    with acting_as(admin):
        build_orglife_demo(actor=admin, today=timezone.localdate())
        from tongxin.assistance.demo import build_casework_demo

        build_casework_demo(actor=admin, today=timezone.localdate(), county=county, street=street)
        from tongxin.community.demo import build_community_demo

        build_community_demo(actor=admin, street=street, today=timezone.localdate())
    return DemoResult(True, demo_logins())
