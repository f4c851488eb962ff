import datetime

import pytest

from conftest import error_codes
from tongxin.members.models import Member

pytestmark = pytest.mark.django_db


class TestDuesQuote:
    def test_contract(self, api, users):
        client = api(users["secretary"])
        assert client.get("/api/v1/dues/quote", category="employed", base="5000").json() == {
            "rate": "0.01",
            "amount": "50.00",
        }
        assert client.get("/api/v1/dues/quote", category="employed", base="5000.01").json() == {
            "rate": "0.015",
            "amount": "75.00",
        }
        assert client.get("/api/v1/dues/quote", category="retired", base="3000").json() == {
            "rate": "0.005",
            "amount": "15.00",
        }
        assert client.get("/api/v1/dues/quote", category="farmer", base="0").json() == {"rate": "0", "amount": "0.20"}
        assert client.get("/api/v1/dues/quote", category="low_income", base="800").json() == {
            "rate": "0",
            "amount": "0.20",
        }

    def test_farmer_amount_of_a_branch(self, api, users, world):
        world.branch.farmer_dues_amount = "0.50"
        world.branch.save()
        body = (
            api(users["secretary"])
            .get("/api/v1/dues/quote", category="farmer", base="0", org_id=world.branch.pk)
            .json()
        )
        assert body == {"rate": "0", "amount": "0.50"}
        assert (
            api(users["secretary"])
            .get("/api/v1/dues/quote", category="farmer", base="0", org_id=world.street_org.pk)
            .status_code
            == 404
        )

    @pytest.mark.parametrize(
        ("params", "field"),
        [({"category": "teacher", "base": "100"}, "category"), ({"category": "employed", "base": "-1"}, "base"),
         ({"category": "employed", "base": "abc"}, "base"), ({"category": "employed"}, "base")],
    )  # fmt: skip
    def test_bad_category_or_negative_base_is_422(self, api, users, params, field):
        response = api(users["secretary"]).get("/api/v1/dues/quote", **params)
        assert response.status_code == 422
        assert error_codes(response)[0][0] == field


class TestMembersApi:
    def test_create_contract(self, api, users, world):
        person = world.person(world.centre, birth=(1980, 1985))
        response = api(users["secretary"]).post(
            "/api/v1/members",
            {"person_id": person.pk, "org_id": world.branch.pk, "status": "probationary", "joined_on": "2026-07-01"},
        )
        assert response.status_code == 201
        body = response.json()
        assert body["id"] == Member.objects.get(person=person).pk
        assert body["probation_ends_on"] == "2027-07-01"
        again = api(users["secretary"]).post(
            "/api/v1/members",
            {"person_id": person.pk, "org_id": world.branch.pk, "status": "full", "joined_on": "2026-07-01"},
        )
        assert again.status_code == 409 and error_codes(again) == [("person_id", "duplicate")]

    @pytest.mark.parametrize(
        ("payload", "expected"),
        [
            ({"status": "candidate"}, [("status", "enum")]),
            ({"joined_on": "2030-01-01"}, [("joined_on", "future_date")]),
            ({"joined_on": "2026-13-01"}, [("joined_on", "date_from_datetime_parsing")]),
            ({"org_id": 999999}, [("org_id", "not_found")]),
            ({"group_id": 999999}, [("group_id", "not_found")]),
            ({"dues_base": "-5"}, [("dues_base", "greater_than_equal")]),
            ({"extra": 1}, [("extra", "extra_forbidden")]),
        ],
    )
    def test_bad_input(self, api, users, world, payload, expected):
        person = world.person(world.centre, birth=(1980, 1985))
        data = {
            "person_id": person.pk,
            "org_id": world.branch.pk,
            "status": "full",
            "joined_on": "2010-07-01",
        } | payload
        response = api(users["secretary"]).post("/api/v1/members", data)
        assert response.status_code == 422
        assert error_codes(response) == expected
        assert not Member.objects.filter(person=person).exists()

    def test_person_or_org_outside_scope(self, api, users, world):
        outsider = world.person(world.other_community)
        response = api(users["secretary"]).post(
            "/api/v1/members",
            {"person_id": outsider.pk, "org_id": world.branch.pk, "status": "full", "joined_on": "2010-07-01"},
        )
        assert response.status_code == 404
        person = world.person(world.centre, birth=(1980, 1985))
        response = api(users["secretary"]).post(
            "/api/v1/members",
            {"person_id": person.pk, "org_id": world.other_branch.pk, "status": "full", "joined_on": "2010-07-01"},
        )
        assert response.status_code == 422 and error_codes(response) == [("org_id", "not_found")]

    def test_too_young_when_joining(self, api, users, world):
        person = world.person(world.centre, birth=(2000, 2000))
        response = api(users["secretary"]).post(
            "/api/v1/members",
            {"person_id": person.pk, "org_id": world.branch.pk, "status": "full", "joined_on": "2015-07-01"},
        )
        assert error_codes(response) == [("joined_on", "too_young")]

    def test_list_and_detail_are_scoped(self, api, users, world):
        inside = world.member(world.branch)
        outside = world.member(world.community_branch)
        body = api(users["secretary"]).get("/api/v1/members").json()
        assert inside.pk in {m["id"] for m in body["items"]} and outside.pk not in {m["id"] for m in body["items"]}
        assert api(users["secretary"]).get(f"/api/v1/members/{outside.pk}").status_code == 404
        assert api(users["worker"]).get(f"/api/v1/members/{outside.pk}").json()["org_id"] == world.community_branch.pk

    def test_double_registration_lets_the_community_see_the_member(self, api, users, world):
        member = world.member(world.branch)
        assert api(users["worker"]).get(f"/api/v1/members/{member.pk}").status_code == 404
        member.residence_community = world.community
        member.save()
        assert api(users["worker"]).get(f"/api/v1/members/{member.pk}").status_code == 200
        assert api(users["worker"]).get(f"/api/v1/people/{member.person_id}").status_code == 200

    def test_lost_contact_after_six_months(self, api, users, world):
        member = world.member(world.branch)
        member.last_contact_on = datetime.date.today() - datetime.timedelta(days=200)
        member.save()
        assert api(users["secretary"]).get(f"/api/v1/members/{member.pk}").json()["lost_contact"] is True
