import pytest

from conftest import error_codes
from tongxin.orgs.models import PartyOrg, Unit

pytestmark = pytest.mark.django_db


def test_org_list_is_the_callers_visible_orgs(api, users, world):
    body = api(users["secretary"]).get("/api/v1/orgs").json()
    assert body["count"] == 2
    assert {(o["name"], o["kind"], o["parent_id"]) for o in body["items"]} == {
        ("福利中心党支部", "branch", world.general.pk),
        ("耄耋党小组", "group", world.branch.pk),
    }
    assert set(body["items"][0]) >= {"id", "name", "kind", "parent_id"}
    assert api(users["admin"]).get("/api/v1/orgs").json()["count"] == PartyOrg.objects.count()


def test_org_create_contract(api, users, world):
    response = api(users["officer"]).post(
        "/api/v1/orgs",
        {"name": "第三党支部", "kind": "branch", "parent_id": world.general.pk, "established_on": "2026-07-01"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["kind"], body["parent_id"], body["established_on"]) == (
        "第三党支部",
        "branch",
        world.general.pk,
        "2026-07-01",
    )


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"name": "x", "kind": "party", "parent_id": None}, [("kind", "enum")]),
        ({"name": "x", "kind": "branch"}, [("parent_id", "missing")]),
        ({"name": "x", "kind": "branch", "parent_id": 999999}, [("parent_id", "not_found")]),
        ({"name": "x", "kind": "branch", "parent_id": "abc"}, [("parent_id", "int_parsing")]),
        ({"name": "", "kind": "branch", "parent_id": None}, [("name", "required")]),
        ({"name": "x", "kind": "branch", "parent_id": None, "established_on": "2026-02-30"}, None),
    ],
)
def test_org_create_bad_input(api, users, payload, expected):
    before = PartyOrg.objects.count()
    response = api(users["admin"]).post("/api/v1/orgs", payload)
    assert response.status_code == 422
    if expected:
        assert error_codes(response) == expected
    assert PartyOrg.objects.count() == before


def test_org_detail_and_move(api, users, world):
    world.member(world.branch)
    world.member(world.branch, group=world.group)
    detail = api(users["officer"]).get(f"/api/v1/orgs/{world.branch.pk}").json()
    assert detail["member_count"] == 3  # two here plus the fixture's member in the Party group
    assert [c["name"] for c in detail["children"]] == ["耄耋党小组"]
    assert api(users["officer"]).get(f"/api/v1/orgs/{world.street_org.pk}").status_code == 404
    cycle = api(users["admin"]).post(f"/api/v1/orgs/{world.general.pk}/move", {"parent_id": world.branch.pk})
    assert cycle.status_code == 422 and error_codes(cycle) == [("parent_id", "cycle")]
    moved = api(users["admin"]).post(f"/api/v1/orgs/{world.other_branch.pk}/move", {"parent_id": world.street_org.pk})
    assert moved.status_code == 200 and moved.json()["parent_id"] == world.street_org.pk


def test_units_contract(api, users, world):
    body = api(users["reviewer"]).get("/api/v1/units").json()
    assert {u["name"] for u in body["items"]} == {"孙武街道", "乐安社区"}
    assert api(users["admin"]).get("/api/v1/units", kind="community").json()["count"] == 2
    created = api(users["admin"]).post(
        "/api/v1/units",
        {"name": "新城社区", "kind": "community", "parent_id": world.street.pk, "region_code": "371621"},
    )
    assert created.status_code == 201
    assert created.json()["kind"] == "community" and Unit.objects.filter(name="新城社区").exists()
    bad = api(users["admin"]).post(
        "/api/v1/units", {"name": "x", "kind": "village", "parent_id": world.street.pk, "region_code": "12ab"}
    )
    assert bad.status_code == 422 and error_codes(bad) == [("region_code", "region_code")]
    denied = api(users["reviewer"]).post(
        "/api/v1/units", {"name": "x", "kind": "community", "parent_id": world.street.pk}
    )
    assert denied.status_code == 403
    assert api(users["reviewer"]).get(f"/api/v1/units/{world.other_street.pk}").status_code == 404
    assert api(users["reviewer"]).get(f"/api/v1/units/{world.street.pk}").json()["children"][0]["name"] == "乐安社区"
