import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tongxin.community import services
from tongxin.community.models import Appeal, AppealCategory, AppealFigures
from tongxin.community.selectors import appeal_figures, figures_from_summary
from tongxin.core.errors import Conflict
from tongxin.core.models import Alert, CalendarDay, CalendarYear
from tongxin.core.periodic import run_checks

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("code", "received", "due"),
    [
        ("environment", at(2026, 9, 30, 10, 0), at(2026, 10, 10, 10, 0)),  # National Day, then Saturday 10 Oct works
        ("consult", at(2026, 11, 20, 15, 30), at(2026, 11, 23, 15, 30)),  # Friday → Monday
        ("consult", at(2026, 9, 24, 9, 0), at(2026, 9, 28, 9, 0)),  # Mid-Autumn Friday and the weekend skipped
        ("emergency", at(2026, 10, 1, 23, 0), at(2026, 10, 2, 1, 0)),  # hours run through holidays
        ("utilities", at(2026, 10, 3, 8, 0), at(2026, 10, 4, 8, 0)),
    ],
)
def test_time_limits_in_working_days_or_hours(code, received, due):
    assert services.appeal_due_at(received, AppealCategory.objects.get(code=code)) == due


def test_time_limits_follow_an_administrator_entered_year(users):
    year = CalendarYear.objects.create(year=2031, entered_by=users["admin"])
    CalendarDay.objects.create(calendar_year=year, date=datetime.date(2031, 1, 2), name="元旦")
    CalendarDay.objects.create(calendar_year=year, date=datetime.date(2031, 1, 4), is_working_day=True)  # Saturday
    received = at(2031, 1, 1, 9, 0)  # Wednesday; 2 Jan is a holiday, Saturday 4 Jan a working day
    category = AppealCategory.objects.get(code="environment")
    assert services.appeal_due_at(received, category) == at(2031, 1, 6, 9, 0)


def test_api_categories_and_intake(world, users, api):
    body = api(users["worker"]).get("/api/v1/appeals/categories").json()
    codes = {c["code"]: c for c in body["items"]}
    assert codes["emergency"] == {"code": "emergency", "name": "紧急求助", "limit_working_days": None, "limit_hours": 2}
    assert codes["environment"]["limit_working_days"] == 3 and codes["environment"]["limit_hours"] is None
    response = api(users["worker"]).post("/api/v1/appeals", {
        "community_id": world.community.pk, "channel": "phone", "category": "environment",
        "content": "楼道堆放杂物", "received_at": "2026-09-30T10:00:00+08:00",
    })  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "received"
    assert datetime.datetime.fromisoformat(response.json()["due_at"]) == at(2026, 10, 10, 10, 0)


def test_api_intake_errors(world, users, api):
    client = api(users["worker"])
    base = {"community_id": world.community.pk, "channel": "phone", "category": "environment", "content": "x",
            "received_at": timezone.now().isoformat()}  # fmt: skip
    assert client.post("/api/v1/appeals", {**base, "channel": "fax"}).status_code == 422
    response = client.post("/api/v1/appeals", {**base, "category": "nope"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "category"
    response = client.post("/api/v1/appeals", {**base, "content": "  "})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "content"
    assert client.post("/api/v1/appeals", {**base, "community_id": world.other_community.pk}).status_code == 404
    response = client.post("/api/v1/appeals", {**base, "community_id": world.street.pk})
    assert response.status_code == 404  # the worker's scope is the community only
    response = api(users["reviewer"]).post("/api/v1/appeals", {**base, "community_id": world.street.pk})
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "not_community"
    assert not Appeal.objects.exists()


def _appeal(world, users, code="environment", received=None):
    return services.appeal_create(
        actor=users["worker"], community=world.community, channel="window", category=code, content="路灯不亮",
        received_at=received or timezone.now(), contact_name="张大爷", contact_phone="13800001111",
    )  # fmt: skip


def test_the_whole_path_and_every_illegal_step(world, users, api):
    appeal = _appeal(world, users)
    client = api(users["worker"])
    url = f"/api/v1/appeals/{appeal.pk}/transitions"
    response = client.post(url, {"action": "reply", "note": "已修"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "illegal_transition"
    assert client.post(url, {"action": "close"}).status_code == 409
    assert client.post(url, {"action": "assign"}).json()["status"] == "assigned"
    assert client.post(url, {"action": "remind", "note": "请尽快"}).json()["reminders"] == 1
    response = client.post(url, {"action": "reply"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "note"
    assert client.post(url, {"action": "reply", "note": "已联系物业更换灯泡"}).json()["status"] == "replied"
    response = client.post(url, {"action": "follow_up"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "satisfaction"
    body = client.post(url, {"action": "follow_up", "satisfaction": "dissatisfied"}).json()
    assert body["status"] == "followed_up" and body["satisfaction"] == "dissatisfied"
    response = client.post(url, {"action": "close"})
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "reason_required"
    body = client.post(url, {"action": "reopen", "note": "群众反映仍不亮"}).json()
    assert body["status"] == "assigned" and body["satisfaction"] == ""
    client.post(url, {"action": "reply", "note": "更换线路"})
    client.post(url, {"action": "follow_up", "satisfaction": "satisfied"})
    assert client.post(url, {"action": "close"}).json()["status"] == "closed"
    response = client.post(url, {"action": "remind"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "closed"
    assert client.post(url, {"action": "dance"}).status_code == 422
    actions = list(Appeal.objects.get(pk=appeal.pk).events.values_list("action", flat=True))
    assert actions == ["receive", "assign", "remind", "reply", "follow_up", "reopen", "reply", "follow_up", "close"]


def test_at_risk_and_escalation_are_set_by_the_periodic_check(world, users):
    now = timezone.now()
    fresh = _appeal(world, users, "emergency", now - datetime.timedelta(minutes=30))
    risky = _appeal(world, users, "emergency", now - datetime.timedelta(minutes=100))  # 20 of 120 minutes left
    late = _appeal(world, users, "emergency", now - datetime.timedelta(hours=3))  # 1 hour over
    very_late = _appeal(world, users, "emergency", now - datetime.timedelta(hours=5))  # 3 hours over: two levels
    run_checks(only=["community.appeals"])
    state = {a.pk: (a.at_risk, a.escalation_level, a.escalated_to_id) for a in Appeal.objects.all()}
    assert state[fresh.pk] == (False, 0, None)
    assert state[risky.pk] == (True, 0, None)
    assert state[late.pk] == (False, 1, world.street.pk)
    assert state[very_late.pk] == (False, 2, world.county.pk)
    titles = set(Alert.objects.open().filter(check_name="community.appeals").values_list("title", flat=True))
    assert "乐安社区：1件诉求临近承诺时限" in titles and "孙武街道：1件诉求超时升级到本级" in titles
    # The township reviewer now sees the escalated appeal; a reply takes it off the lists.
    assert Appeal.objects.visible_to(users["reviewer"]).filter(pk=late.pk).exists()
    services.appeal_transition(actor=users["worker"], appeal=late, action="assign")
    services.appeal_transition(actor=users["worker"], appeal=late, action="reply", note="已处理")
    run_checks(only=["community.appeals"])
    assert "孙武街道：1件诉求超时升级到本级" not in set(
        Alert.objects.open().filter(check_name="community.appeals").values_list("title", flat=True)
    )


def test_figures_per_community_from_records(world, users):
    now = timezone.now()
    on_time = _appeal(world, users, "consult", now - datetime.timedelta(hours=1))
    late = _appeal(world, users, "emergency", now - datetime.timedelta(hours=5))
    _appeal(world, users, "consult")  # still open
    for appeal, satisfaction in ((on_time, "satisfied"), (late, "dissatisfied")):
        services.appeal_transition(actor=users["worker"], appeal=appeal, action="assign")
        services.appeal_transition(actor=users["worker"], appeal=appeal, action="reply", note="已办")
        services.appeal_transition(actor=users["worker"], appeal=appeal, action="follow_up", satisfaction=satisfaction)
    rows = appeal_figures(Appeal.objects.all(), now - datetime.timedelta(days=1), now + datetime.timedelta(days=1))
    assert len(rows) == 1
    row = rows[0]
    assert (row["received"], row["handled"], row["on_time"], row["followed"], row["satisfied"]) == (3, 2, 1, 2, 1)
    assert str(row["on_time_rate"]) == "50.0" and str(row["satisfaction_rate"]) == "50.0"
    # The per-community-month summary the pages read is kept equal to the live count by every change...
    month = timezone.localdate().replace(day=1)
    summary = {k: v for k, v in figures_from_summary(None, month.replace(month=1), month.replace(month=12))[0].items()}
    for key in ("received", "handled", "on_time", "followed", "satisfied", "open"):
        assert summary[key] == row[key], key
    # ... and rebuilt the same from scratch after a bulk load.
    AppealFigures.objects.all().delete()
    services.rebuild_figures()
    rebuilt = figures_from_summary(None, month.replace(month=1), month.replace(month=12))[0]
    assert all(rebuilt[k] == row[k] for k in ("received", "handled", "on_time", "followed", "satisfied", "open"))


def test_appeals_are_scoped(world, users, api):
    appeal = _appeal(world, users)
    other = world.user("hf", "community_worker", unit=world.other_community)
    assert api(other).get(f"/api/v1/appeals/{appeal.pk}").status_code == 404
    assert api(other).post(f"/api/v1/appeals/{appeal.pk}/transitions", {"action": "assign"}).status_code == 404
    assert api(users["secretary"]).get(f"/api/v1/appeals/{appeal.pk}").status_code == 404
    assert api(users["reviewer"]).get(f"/api/v1/appeals/{appeal.pk}").status_code == 200
    with pytest.raises(ValidationError):
        services.appeal_transition(actor=users["worker"], appeal=appeal, action="follow_up")
    with pytest.raises(Conflict):
        services.appeal_transition(actor=users["worker"], appeal=appeal, action="follow_up", satisfaction="satisfied")
