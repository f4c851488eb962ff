import json

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_and_logout(client, users):
    response = post_login(client, "worker", "Secret2026x")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_wrong_password_message_is_chinese(client, users):
    response = post_login(client, "worker", "nope")
    assert "用户名或密码错误" in response.content.decode()


def test_six_failures_lock_the_account_for_thirty_minutes(client, users):
    for _ in range(6):
        post_login(client, "worker", "wrong-password")
    response = post_login(client, "worker", "Secret2026x")  # right password, but locked
    assert response.status_code == 429
    assert "账号已锁定30分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same office is not affected.
    assert post_login(client, "staff", "Secret2026x").status_code == 302


def test_lockout_applies_to_api_tokens_too(client, users):
    def token(password):
        return client.post(
            "/api/v1/auth/token",
            json.dumps({"username": "worker", "password": password}),
            content_type="application/json",
        )

    for _ in range(6):
        assert token("wrong").status_code in (401, 429)
    locked = token("Secret2026x")
    assert locked.status_code == 429
    assert locked.json()["errors"][0]["code"] == "locked_out"


def test_lockout_settings():
    assert settings.AXES_FAILURE_LIMIT == 6
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_password_rules(users):
    for weak in ["short1", "12345678901", "onlyletters", "password123"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Tongxin2026x")


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_expire_when_idle_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_forms_are_csrf_protected(users):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "worker", "password": "Secret2026x"}).status_code == 403
    strict.force_login(users["worker"])
    assert strict.post("/people/new/", {"name": "x", "id_number": "y"}).status_code == 403


def test_django_admin_is_only_for_system_administrators(client, users):
    client.force_login(users["officer"])
    assert client.get("/admin/").status_code == 302  # to the admin log-in
    client.force_login(users["admin"])
    page = client.get("/admin/")
    assert page.status_code == 200 and "系统管理" in page.content.decode()
    assert client.get("/admin/accounts/user/").status_code == 200


def test_api_session_auth_needs_csrf(users):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["worker"])
    assert strict.get("/api/v1/people").status_code == 200
    assert strict.post("/api/v1/people", "{}", content_type="application/json").status_code == 403
