import pytest

from conftest import error_codes

pytestmark = pytest.mark.django_db


def test_working_days_contract(api):
    body = api().get("/api/v1/calendar/working-days", start="2026-09-28", days=5).json()
    assert body == {"due_on": "2026-10-10", "source": "official"}
    body = api().get("/api/v1/calendar/working-days", start="2027-09-30", days=1).json()
    assert body == {"due_on": "2027-10-01", "source": "weekends_only"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2026-02-30", "days": 1}, [("start", "date_from_datetime_parsing")]),
        ({"start": "2026-01-01", "days": -1}, [("days", "greater_than_equal")]),
        ({"start": "2026-01-01", "days": 10**12}, [("days", "less_than_equal")]),
        ({"start": "2026-01-01", "days": "ten"}, [("days", "int_parsing")]),
        ({"days": 3}, [("start", "missing")]),
    ],
)
def test_working_days_bad_input(api, params, expected):
    response = api().get("/api/v1/calendar/working-days", **params)
    assert response.status_code == 422
    assert error_codes(response) == expected


def test_working_days_between(api):
    assert api().get("/api/v1/calendar/working-days-between", start="2026-09-28", end="2026-10-10").json() == {
        "days": 5,
        "source": "official",
    }


def test_token_contract(api, users, client):
    import json

    ok = client.post(
        "/api/v1/auth/token",
        json.dumps({"username": "worker", "password": "Secret2026x"}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and len(ok.json()["token"]) > 20
    token = ok.json()["token"]
    me = client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200
    bad = client.post(
        "/api/v1/auth/token", json.dumps({"username": "worker", "password": "wrong"}), content_type="application/json"
    )
    assert bad.status_code == 401 and error_codes(bad) == [(None, "invalid_credentials")]
    unknown = client.post(
        "/api/v1/auth/token", json.dumps({"username": "ghost", "password": "x"}), content_type="application/json"
    )
    assert unknown.status_code == 401


def test_openapi_documents_every_status_code(client):
    schema = client.get("/api/v1/openapi.json").json()
    ops = {(path, method): op for path, methods in schema["paths"].items() for method, op in methods.items()}
    assert set(ops[("/api/v1/people", "post")]["responses"]) == {"201", "401", "403", "409", "422"}
    assert set(ops[("/api/v1/people/{person_id}", "get")]["responses"]) == {"200", "401", "404", "422"}
    assert set(ops[("/api/v1/auth/token", "post")]["responses"]) == {"200", "401", "422", "429"}
    for (path, method), op in ops.items():
        assert "422" in op["responses"], (path, method)
        assert any(code.startswith("2") for code in op["responses"]), (path, method)


def test_unknown_api_path_is_404_json(api, users):
    response = api(users["worker"]).get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert error_codes(response) == [(None, "not_found")]
