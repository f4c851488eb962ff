import json

import pytest

pytestmark = pytest.mark.django_db


def test_a_body_over_the_upload_limit_is_a_4xx_in_the_error_shape(client, settings):
    body = json.dumps({"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10), "password": "y"})
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["errors"][0]["code"] == "request_too_large"
    assert response.status_code == 413
