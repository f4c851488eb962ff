import pytest

from conftest import error_codes
from tongxin.orglife.models import Meeting

pytestmark = pytest.mark.django_db


def plan(client, org, **extra):
    data = {
        "org_id": org.pk,
        "kind": "branch_assembly",
        "planned_at": "2026-03-10T09:00:00+08:00",
        "place": "党员活动室",
        "topic": "学习党章",
    }
    return client.post("/api/v1/meetings", data | extra)


def test_plan_contract(api, users, world):
    response = plan(api(users["secretary"]), world.branch, agenda="一、学习\n二、讨论")
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == Meeting.objects.get().pk and body["status"] == "planned" and body["kind"] == "branch_assembly"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [({"kind": "party"}, [("kind", "enum")]), ({"planned_at": "tomorrow"}, [("planned_at", "datetime_from_date_parsing")]),
     ({"place": ""}, [("place", "required")]), ({"topic": "x" * 201}, [("topic", "string_too_long")]),
     ({"kind": "group"}, [("kind", "kind_org_mismatch")]), ({"org_id": 99999}, [("org_id", "not_found")])],
)  # fmt: skip
def test_plan_bad_input(api, users, world, extra, expected):
    response = plan(api(users["secretary"]), world.branch, **extra)
    assert response.status_code == 422
    assert error_codes(response)[:1] == expected
    assert not Meeting.objects.exists()


def test_org_outside_scope(api, users, world):
    response = plan(api(users["secretary"]), world.community_branch)
    assert response.status_code == 422 and error_codes(response) == [("org_id", "not_found")]


def test_record_contract_with_quorum(api, users, world):
    full = [world.member(world.branch) for _ in range(2)] + [users["member"].person.membership]
    probationary = [world.member(world.branch, status="probationary") for _ in range(3)]
    client = api(users["secretary"])
    meeting_id = plan(client, world.branch).json()["id"]
    body = {
        "held_at": "2026-03-10T09:05:00+08:00",
        "present": [full[0].person_id] + [m.person_id for m in probationary],
        "absent": [
            {"person_id": full[1].person_id, "reason": "出差"},
            {"person_id": full[2].person_id, "reason": "病假"},
        ],
        "minutes": "会议学习了党章。",
    }
    response = client.post(f"/api/v1/meetings/{meeting_id}/record", body)
    assert response.status_code == 200
    assert response.json()["quorum_met"] is False  # 1 of 3 full members; probationary members do not count
    body["present"] = [full[0].person_id, full[1].person_id]
    body["absent"] = [{"person_id": full[2].person_id, "reason": "病假"}]
    assert client.post(f"/api/v1/meetings/{meeting_id}/record", body).json()["quorum_met"] is True


def test_record_bad_input_and_illegal_state(api, users, world):
    client = api(users["secretary"])
    meeting_id = plan(client, world.branch).json()["id"]
    outsider = world.person(world.community)
    bad = client.post(
        f"/api/v1/meetings/{meeting_id}/record",
        {"held_at": "2026-03-10T09:00:00+08:00", "present": [outsider.pk], "absent": [], "minutes": "x"},
    )
    assert bad.status_code == 422 and error_codes(bad) == [("present", "not_expected")]
    assert client.post(f"/api/v1/meetings/{meeting_id}/transitions", {"action": "approve"}).status_code == 409
    cancel = client.post(f"/api/v1/meetings/{meeting_id}/transitions", {"action": "cancel"})
    assert cancel.json()["status"] == "cancelled"
    again = client.post(
        f"/api/v1/meetings/{meeting_id}/record",
        {"held_at": "2026-03-10T09:00:00+08:00", "present": [], "absent": [], "minutes": "x"},
    )
    assert again.status_code == 409 and error_codes(again) == [("status", "not_recordable")]
    assert client.post(f"/api/v1/meetings/{meeting_id}/transitions", {"action": "explode"}).status_code == 422


def test_meetings_outside_scope_are_404(api, users, world):
    meeting_id = plan(api(users["admin"]), world.community_branch).json()["id"]
    assert api(users["secretary"]).get(f"/api/v1/meetings/{meeting_id}").status_code == 404
    assert (
        api(users["secretary"]).post(f"/api/v1/meetings/{meeting_id}/transitions", {"action": "cancel"}).status_code
        == 404
    )
    assert api(users["worker"]).get(f"/api/v1/meetings/{meeting_id}").status_code == 200


def test_compliance_contract(api, users, world):
    client = api(users["secretary"])
    meeting_id = plan(client, world.branch, kind="theme_day", planned_at="2025-01-08T09:00:00+08:00").json()["id"]
    ids = [users["member"].person_id]
    client.post(
        f"/api/v1/meetings/{meeting_id}/record",
        {"held_at": "2025-01-08T09:00:00+08:00", "present": ids, "absent": [], "minutes": "记录"},
    )
    body = client.get(f"/api/v1/orgs/{world.branch.pk}/compliance", year=2025).json()
    assert [m["month"] for m in body["months"]] == list(range(1, 13))
    january = {k["kind"]: k for k in body["months"][0]["kinds"]}
    assert january["theme_day"] == {"kind": "theme_day", "required": True, "held": 1, "status": "ok"}
    assert january["branch_assembly"] == {"kind": "branch_assembly", "required": False, "held": 0, "status": "not_due"}
    march = {k["kind"]: k["status"] for k in body["months"][2]["kinds"]}
    assert march["branch_assembly"] == "missing" and march["theme_day"] == "missing"
    assert api(users["secretary"]).get(f"/api/v1/orgs/{world.street_org.pk}/compliance", year=2025).status_code == 404
    assert client.get(f"/api/v1/orgs/{world.branch.pk}/compliance", year=1800).status_code == 422
