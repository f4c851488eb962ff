from tongxin.assistance.models import HouseholdMember
from tongxin.orgs.models import Unit


def test_api_creates_a_household_with_its_head_as_first_member(world, users, api):
    head = world.person(world.community, name="孙红梅")
    response = api(users["worker"]).post(
        "/api/v1/households", {"head_person_id": head.pk, "region_code": "371621", "address": "乐安大街9号"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["unit_id"] == world.community.pk and body["township_id"] == world.street.pk
    assert body["members"] == [{"person_id": head.pk, "name": "孙红梅", "relation": "head"}]


def test_a_person_can_be_in_one_household_only(case, world, users, api):
    client = api(users["staff"])
    response = client.post(
        f"/api/v1/households/{case.other.pk}/members", {"person_id": case.child.pk, "relation": "child"}
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "in_other_household"
    assert "王建国户" in response.json()["errors"][0]["message"]
    response = client.post(
        f"/api/v1/households/{case.household.pk}/members", {"person_id": case.child.pk, "relation": "child"}
    )
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "already_member"
    # Heads count too: the other head cannot join this household.
    response = client.post(
        f"/api/v1/households/{case.household.pk}/members", {"person_id": case.other_head.pk, "relation": "other"}
    )
    assert response.status_code == 409
    assert HouseholdMember.objects.get(person=case.child).household_id == case.household.pk


def test_member_input_is_checked_field_by_field(
    case,
    world,
    users,
    api,
):
    client = api(users["staff"])
    newcomer = world.person(world.community)
    url = f"/api/v1/households/{case.household.pk}/members"
    response = client.post(url, {"person_id": newcomer.pk, "relation": "head"})
    assert response.status_code == 422 and response.json()["errors"][0] == {
        "field": "relation", "code": "head_exists", "message": "一户只有一个户主。"
    }  # fmt: skip
    response = client.post(url, {"person_id": newcomer.pk, "relation": "cousin"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "relation"
    response = client.post(url, {"person_id": newcomer.pk, "relation": "child", "extra": 1})
    assert response.status_code == 422
    response = client.post(url, {"person_id": 99999999, "relation": "child"})
    assert response.status_code == 404
    assert not HouseholdMember.objects.filter(person=newcomer).exists()


def test_household_needs_a_registered_unit_and_a_region_code(world, users, api):
    client = api(users["admin"])  # only a global role sees a person registered with no unit
    drifter = world.person(None)
    response = client.post(
        "/api/v1/households", {"head_person_id": drifter.pk, "region_code": "371621", "address": "x"}
    )
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "no_unit"
    head = world.person(world.community)
    response = client.post("/api/v1/households", {"head_person_id": head.pk, "region_code": "37162", "address": "x"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "region_code"


def test_households_are_scoped_by_township_and_role(case, world, users, api):
    other_reviewer = world.user("other_reviewer", "township_reviewer", unit=world.other_street)
    assert api(users["reviewer"]).get(f"/api/v1/households/{case.household.pk}").status_code == 200
    assert api(other_reviewer).get(f"/api/v1/households/{case.household.pk}").status_code == 404
    assert api(other_reviewer).get(f"/api/v1/households/{case.other.pk}").status_code == 200
    # A community worker sees their community only; a branch secretary sees no casework at all.
    assert api(users["worker"]).get(f"/api/v1/households/{case.other.pk}").status_code == 404
    assert api(users["secretary"]).get(f"/api/v1/households/{case.household.pk}").status_code == 404
    head = world.person(world.centre)
    response = api(users["secretary"]).post(
        "/api/v1/households", {"head_person_id": head.pk, "region_code": "371602", "address": "x"}
    )
    assert response.status_code == 403
    assert Unit.objects.filter(households__isnull=False).distinct().count() == 2
