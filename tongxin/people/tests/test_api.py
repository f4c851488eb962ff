"""The exact integration contract of /api/v1/people (issue #2, item 9)."""

import datetime
import json

import pytest
from auditlog.models import LogEntry

from conftest import error_codes
from tongxin.core.idcard import make_id_number
from tongxin.people.models import Person

pytestmark = pytest.mark.django_db
NUMBER = make_id_number("110105", datetime.date(1949, 12, 31), 2)  # 11010519491231002X


def test_create_returns_201_with_derived_fields(api, users, world):
    response = api(users["worker"]).post(
        "/api/v1/people",
        {"name": "张三丰", "id_number": NUMBER.lower(), "phone": "13800138000", "address": "乐安大街1号"},
    )
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("name", "gender", "birth_date")} == {
        "name": "张三丰",
        "gender": "female",
        "birth_date": "1949-12-31",
    }
    assert body["id_number"] == "1101**********002X"  # a community worker sees it masked
    assert Person.objects.get(pk=body["id"]).id_number == "11010519491231002X"


def test_roles_that_need_the_number_see_it_in_full_and_it_is_audited(api, users):
    response = api(users["staff"]).post("/api/v1/people", {"name": "张三丰", "id_number": NUMBER})
    assert response.json()["id_number"] == NUMBER
    person_id = response.json()["id"]
    accesses = LogEntry.objects.get_for_object(Person(pk=person_id)).filter(action=LogEntry.Action.ACCESS)
    assert accesses.count() == 1
    api(users["staff"]).get(f"/api/v1/people/{person_id}")
    assert accesses.count() == 2


def test_duplicate_is_409_in_the_error_shape(api, users):
    client = api(users["worker"])
    assert client.post("/api/v1/people", {"name": "张三丰", "id_number": NUMBER}).status_code == 201
    response = client.post("/api/v1/people", {"name": "张三丰", "id_number": NUMBER.lower()})
    assert response.status_code == 409
    assert error_codes(response) == [("id_number", "duplicate")]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"name": "张三丰", "id_number": "110105194912310021"}, [("id_number", "id_checksum")]),
        ({"name": "张三丰"}, [("id_number", "missing")]),
        ({"name": "张三丰", "id_number": NUMBER, "phone": "123"}, [("phone", "phone_invalid")]),
        ({"name": "张三丰", "id_number": NUMBER, "nickname": "x"}, [("nickname", "extra_forbidden")]),
        ({"name": 12, "id_number": NUMBER}, [("name", "string_type")]),
        ({"name": "张" * 100_000, "id_number": NUMBER}, [("name", "string_too_long")]),
        ({"name": "张三丰", "id_number": NUMBER, "unit_id": 10**30}, [("unit_id", "less_than_equal")]),
        ({"name": "张三丰", "id_number": NUMBER, "unit_id": 999999}, [("unit_id", "not_found")]),
        ([1, 2, 3], None),
        ("just a string", None),
    ],
)
def test_bad_input_is_422_field_level_and_saves_nothing(api, users, payload, expected):
    before = Person.objects.count()
    response = api(users["worker"]).post("/api/v1/people", payload)
    assert response.status_code == 422
    assert all(set(e) == {"field", "code", "message"} for e in response.json()["errors"])
    if expected is not None:
        assert error_codes(response) == expected
    assert Person.objects.count() == before


@pytest.mark.parametrize("raw", ['{"name": ', "not json", "\x00\x01", '{"name": "a", "id_number": "1"'])
def test_malformed_json_is_a_4xx_in_the_error_shape(api, users, raw):
    response = api(users["worker"]).post("/api/v1/people", raw=raw)
    assert 400 <= response.status_code < 500
    assert response.json()["errors"][0]["code"] == "malformed_json"


def test_search_by_initials_and_last_digits(api, users):
    client = api(users["worker"])
    client.post("/api/v1/people", {"name": "张三丰", "id_number": NUMBER})
    body = client.get("/api/v1/people", q="zsf").json()
    assert body["count"] == 1 and body["items"][0]["name"] == "张三丰"
    assert client.get("/api/v1/people", q="002x").json()["count"] == 1
    assert client.get("/api/v1/people", q="lisi").json() == {"items": [], "count": 0}


def test_list_is_scoped_and_paged(api, users, world):
    for _ in range(5):
        world.person(world.community)
    world.person(world.other_community)
    body = api(users["worker"]).get("/api/v1/people", limit=2, offset=0).json()
    assert body["count"] == 5 and len(body["items"]) == 2
    assert api(users["worker"]).get("/api/v1/people", limit=1000).status_code == 422
    assert api(users["worker"]).get("/api/v1/people", q="x" * 100_000).status_code == 422


def test_detail_outside_scope_or_unknown_is_404(api, users, world):
    outsider = world.person(world.other_community)
    for pk in (outsider.pk, 999999, 10**25):
        response = api(users["worker"]).get(f"/api/v1/people/{pk}")
        assert response.status_code == 404
        assert error_codes(response) == [(None, "not_found")]
    assert api(users["worker"]).get("/api/v1/people/abc").status_code == 404
    assert api(users["staff"]).get(f"/api/v1/people/{outsider.pk}").json()["id_number"] == outsider.id_number


def test_superuser_sees_everyone(api, users, world):
    world.person(world.other_community)
    assert api(users["admin"]).get("/api/v1/people").json()["count"] == Person.objects.count()


def test_without_token_is_401(api, world):
    response = api().get("/api/v1/people")
    assert response.status_code == 401
    assert error_codes(response) == [(None, "not_authenticated")]
    bad = api()
    bad.headers["HTTP_AUTHORIZATION"] = "Bearer nonsense"
    assert bad.get("/api/v1/people").status_code == 401


def test_party_member_cannot_create_people(api, users):
    response = api(users["member"]).post("/api/v1/people", {"name": "张三丰", "id_number": NUMBER})
    assert response.status_code == 403
    assert error_codes(response) == [(None, "permission_denied")]


def test_created_person_is_audited_with_the_token_user(api, users):
    person_id = api(users["worker"]).post("/api/v1/people", {"name": "张三丰", "id_number": NUMBER}).json()["id"]
    entry = LogEntry.objects.get_for_object(Person(pk=person_id)).get(action=LogEntry.Action.CREATE)
    assert entry.actor == users["worker"]
    assert json.loads(json.dumps(entry.changes))["name"] == ["None", "张三丰"]
