"""Shared fixtures: a small organisation world with one user per role, API clients."""

import datetime

import pytest
from django.test import Client

from tongxin.accounts.models import ApiToken
from tongxin.accounts.roles import Role
from tongxin.accounts.services import role_assign, user_create
from tongxin.core.fakedata import IdentityMaker
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.services import person_build

PASSWORD = "Secret2026x"


class World:
    """Two bureaus' worth of trees, so every test has an inside and an outside of each scope."""

    def __init__(self):
        self.maker = IdentityMaker(seed=7)
        unit = Unit.objects.create
        self.city = unit(name="市民政局", kind="bureau", region_code="371600")
        self.section = unit(name="社会救助科", kind="section", parent=self.city, region_code="371600")
        self.centre = unit(name="市社会福利中心", kind="institution", parent=self.city, region_code="371600")
        self.county = unit(name="县民政局", kind="bureau", parent=self.city, region_code="371621")
        self.street = unit(name="孙武街道", kind="township", parent=self.county, region_code="371621")
        self.community = unit(name="乐安社区", kind="community", parent=self.street, region_code="371621")
        self.other_street = unit(name="何坊街道", kind="township", parent=self.county, region_code="371621")
        self.other_community = unit(name="何坊社区", kind="community", parent=self.other_street, region_code="371621")
        org = PartyOrg.objects.create
        self.general = org(name="机关党总支", kind="general_branch", unit=self.city)
        self.branch = org(name="福利中心党支部", kind="branch", parent=self.general, unit=self.centre)
        self.group = org(name="耄耋党小组", kind="group", parent=self.branch, unit=self.centre)
        self.other_branch = org(name="社会救助党支部", kind="branch", parent=self.general, unit=self.section)
        self.street_org = org(name="孙武街道党工委", kind="committee", unit=self.street)
        self.community_branch = org(name="乐安社区党支部", kind="branch", parent=self.street_org, unit=self.community)

    def person(self, unit, *, name=None, birth=(1960, 1990), region="371602", gender=None):
        gender = gender or self.maker.gender()
        born = self.maker.birth_date(*birth)
        p = person_build(
            name=name or self.maker.name(gender),
            id_number=self.maker.id_number(region, born, gender),
            phone="",
            address="",
            unit=unit,
        )
        p.save()
        return p

    def member(self, org, *, status="full", unit=None, group=None, **kwargs):
        person = self.person(unit or org.unit, **kwargs)
        return Member.objects.create(
            person=person, org=org, group=group, status=status, joined_on=datetime.date(2010, 7, 1)
        )

    def user(self, username, role, *, org=None, unit=None, person=None, superuser=False):
        user = user_create(
            username=username, password=PASSWORD, display_name=username, person=person, is_superuser=superuser
        )
        if role:
            role_assign(user=user, role=role, party_org=org, unit=unit)
        return user


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def users(world):
    w = world
    member = w.member(w.branch, group=w.group)
    return {
        "admin": w.user("admin", None, superuser=True),
        "officer": w.user("officer", Role.ORG_OFFICER, org=w.general),
        "secretary": w.user("secretary", Role.BRANCH_SECRETARY, org=w.branch),
        "member": w.user("member", Role.PARTY_MEMBER, org=w.branch, person=member.person),
        "staff": w.user("staff", Role.BUSINESS_STAFF, unit=w.county),
        "reviewer": w.user("reviewer", Role.TOWNSHIP_REVIEWER, unit=w.street),
        "worker": w.user("worker", Role.COMMUNITY_WORKER, unit=w.community),
    }


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do


class ApiClient:
    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user)}"

    def get(self, path, **params):
        return self.client.get(path, params, **self.headers)

    def post(self, path, data=None, raw=None):
        import json

        body = raw if raw is not None else json.dumps(data)
        return self.client.post(path, body, content_type="application/json", **self.headers)


@pytest.fixture
def api():
    return ApiClient


def error_codes(response) -> list[tuple]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]
