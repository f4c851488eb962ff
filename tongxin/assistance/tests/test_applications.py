import datetime

import chinese_calendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tongxin.assistance import services
from tongxin.assistance.choices import AppStatus
from tongxin.assistance.models import Application, ApplicationStep, Coverage, InvestigationVisit, RegionRule
from tongxin.assistance.tests.conftest import walk
from tongxin.core.errors import Conflict
from tongxin.core.models import Alert
from tongxin.core.periodic import run_checks

TODAY = timezone.localdate()


def official_deadline(start, days):
    """An independent count straight from chinesecalendar (no admin years in these tests)."""
    day = start
    while days:
        day += datetime.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            days -= 1
    return day


def codes(exc):
    return [(field, e.code) for field, errors in exc.error_dict.items() for e in errors]


def test_api_application_gets_a_working_day_deadline(case, users, api):
    applied = datetime.date(2026, 9, 24)  # Mid-Autumn (25 Sep) and National Day (1–7 Oct) fall inside
    response = api(users["worker"]).post(
        "/api/v1/assistance/applications",
        {"household_id": case.household.pk, "programme": "dibao", "applied_on": applied.isoformat()},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert (
        body["due_on"] == official_deadline(applied, 30).isoformat() == "2026-11-12"
    )  # counted by hand: 3 in Sept, 27 from 8 Oct
    application = Application.objects.get(pk=body["id"])
    assert application.township_id == case.household.township_id
    assert list(application.steps.values_list("action", "actor__username")) == [("submit", "worker")]


def test_api_application_input_errors(case, users, api):
    client = api(users["worker"])
    url = "/api/v1/assistance/applications"
    base = {"household_id": case.household.pk, "programme": "dibao", "applied_on": TODAY.isoformat()}
    response = client.post(url, {**base, "programme": "housing"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "programme"
    response = client.post(url, {**base, "applied_on": "2026-02-30"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "applied_on"
    response = client.post(url, {**base, "applied_on": (TODAY + datetime.timedelta(days=1)).isoformat()})
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "future"
    response = client.post(url, {**base, "household_id": case.other.pk})
    assert response.status_code == 404  # 何坊社区 is not the worker's
    assert client.post(url, base).status_code == 201
    response = client.post(url, base)
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "already_open"
    assert Application.objects.count() == 1


def test_the_whole_dibao_path_through_the_api(case, users, api):
    worker, reviewer, staff = (api(users[u]) for u in ("worker", "reviewer", "staff"))
    body = worker.post(
        "/api/v1/assistance/applications",
        {"household_id": case.household.pk, "programme": "dibao", "applied_on": TODAY.isoformat()},
    ).json()
    url = f"/api/v1/assistance/applications/{body['id']}/transitions"
    for client, action, status in (
        (worker, "accept", "accepted"),
        (worker, "investigate", "investigated"),
        (reviewer, "township_approve", "township_approved"),
        (reviewer, "start_notice", "in_notice"),
    ):
        response = client.post(url, {"action": action, "note": "同意"})
        assert response.status_code == 200, response.content
        assert response.json()["status"] == status
    notice = response.json()
    assert notice["notice_starts_on"] == TODAY.isoformat()
    assert notice["notice_ends_on"] == (TODAY + datetime.timedelta(days=6)).isoformat()
    # Confirming before the 7-day notice is over is refused and changes nothing.
    response = staff.post(url, {"action": "confirm"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "notice_not_over"
    application = Application.objects.get(pk=body["id"])
    assert application.status == AppStatus.IN_NOTICE
    after_notice = application.notice_ends_on + datetime.timedelta(days=1)
    services.application_transition(actor=users["staff"], application=application, action="confirm", on=after_notice)
    application.refresh_from_db()
    assert application.status == AppStatus.CONFIRMED and application.decided_on == after_notice
    coverage = Coverage.objects.get(application=application)
    assert coverage.category == "dibao" and coverage.persons == 3 and coverage.person_id is None
    assert coverage.started_on == after_notice.replace(day=1)
    assert InvestigationVisit.objects.filter(application=application).count() == 1
    steps = list(application.steps.values_list("action", "from_status", "to_status", "actor__username"))
    assert steps == [
        ("submit", "", "submitted", "worker"),
        ("accept", "submitted", "accepted", "worker"),
        ("investigate", "accepted", "investigated", "worker"),
        ("township_approve", "investigated", "township_approved", "reviewer"),
        ("start_notice", "township_approved", "in_notice", "reviewer"),
        ("confirm", "in_notice", "confirmed", "staff"),
    ]
    # A closed case takes no further step.
    response = reviewer.post(url, {"action": "refuse", "note": "x"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "closed"


@pytest.mark.parametrize(
    ("done", "action"),
    [
        ([], "investigate"),
        (["accept"], "township_approve"),  # skipping the household investigation
        (["accept", "investigate"], "start_notice"),
        (["accept", "investigate", "township_approve"], "confirm"),  # no public notice at all
        (["accept"], "accept"),
    ],
)
def test_skipping_a_step_is_refused(case, users, done, action):
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="tekun", applied_on=TODAY
    )
    application = walk(application, users["admin"], done)
    with pytest.raises(Conflict) as exc:
        services.application_transition(actor=users["admin"], application=application, action=action)
    assert codes(exc.value) == [("action", "illegal_transition")]
    assert Application.objects.get(pk=application.pk).status == application.status
    assert application.steps.count() == 1 + len(done)


def test_roles_may_take_only_their_own_steps(case, users, api):
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="dibao", applied_on=TODAY
    )
    walk(application, users["worker"], ["accept", "investigate"])
    url = f"/api/v1/assistance/applications/{application.pk}/transitions"
    assert api(users["worker"]).post(url, {"action": "township_approve"}).status_code == 403
    application = walk(
        Application.objects.get(pk=application.pk), users["reviewer"], ["township_approve", "start_notice"]
    )
    with pytest.raises(PermissionDenied):
        services.application_transition(
            actor=users["reviewer"], application=application, action="confirm", on=TODAY + datetime.timedelta(days=30)
        )
    other_reviewer = users["admin"].__class__.objects.create_user("hf", password="x")
    from tongxin.accounts.services import role_assign

    role_assign(user=other_reviewer, role="township_reviewer", unit=case.other.township)
    assert api(other_reviewer).post(url, {"action": "refuse", "note": "x"}).status_code == 404
    assert api(users["worker"]).post(url, {"action": "fly"}).status_code == 422


def test_refusal_needs_written_reasons_and_is_notified_within_three_working_days(case, users):
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="temporary", applied_on=datetime.date(2026, 9, 28)
    )
    with pytest.raises(ValidationError) as exc:
        services.application_transition(actor=users["reviewer"], application=application, action="refuse")
    assert codes(exc.value) == [("note", "required")]
    refused = services.application_transition(
        actor=users["reviewer"], application=application, action="refuse", note="家庭人均收入高于当地低保标准",
        on=datetime.date(2026, 9, 30),
    )  # fmt: skip
    assert refused.status == AppStatus.REFUSED
    # 1 Oct–7 Oct are holidays and Saturday 10 Oct is an adjusted working day.
    assert refused.refusal_notice_due_on == datetime.date(2026, 10, 10)
    with pytest.raises(Conflict):
        services.application_transition(actor=users["reviewer"], application=refused, action="accept")


def test_extension_once_to_45_working_days_with_a_reason(case, users, api):
    applied = datetime.date(2026, 9, 24)
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="dibao", applied_on=applied
    )
    url = f"/api/v1/assistance/applications/{application.pk}/transitions"
    client = api(users["reviewer"])
    response = client.post(url, {"action": "extend"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "note"
    response = client.post(url, {"action": "extend", "note": "家庭成员在外地务工，需异地核查"})
    assert response.status_code == 200
    assert response.json()["due_on"] == official_deadline(applied, 45).isoformat()
    assert response.json()["status"] == "submitted" and response.json()["extended"] is True
    response = client.post(url, {"action": "extend", "note": "again"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "already_extended"


def test_time_limits_are_configurable_per_region(case, users):
    RegionRule.objects.create(region_code="371600", limit_days=20, extended_limit_days=30, notice_days=5)
    applied = datetime.date(2026, 9, 24)
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="dibao", applied_on=applied
    )
    assert application.due_on == official_deadline(applied, 20)  # the city's rule covers the county
    RegionRule.objects.create(region_code="371621", limit_days=25, extended_limit_days=40)
    application.delete()
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="dibao", applied_on=applied
    )
    assert application.due_on == official_deadline(applied, 25)


def test_overdue_applications_are_flagged_per_township_by_the_periodic_check(case, users, api):
    late = services.application_create(
        actor=users["worker"],
        household=case.household,
        programme="dibao",
        applied_on=TODAY - datetime.timedelta(days=80),
    )
    services.application_create(actor=users["staff"], household=case.other, programme="temporary", applied_on=TODAY)
    run_checks(only=["assistance.overdue"])
    alert = Alert.objects.open().get(check_name="assistance.overdue")
    assert alert.unit_id == case.household.township_id and "1件" in alert.title
    body = api(users["reviewer"]).get("/api/v1/assistance/applications", overdue="true").json()
    assert [a["id"] for a in body["items"]] == [late.pk]
    # Closing it resolves the alert on the next run.
    services.application_transition(actor=users["reviewer"], application=late, action="refuse", note="不符合条件")
    run_checks(only=["assistance.overdue"])
    assert not Alert.objects.open().filter(check_name="assistance.overdue").exists()


def test_every_step_is_in_the_audit_trail(case, users):
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="dibao", applied_on=TODAY
    )
    walk(application, users["worker"], ["accept"])
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_object(Application.objects.get(pk=application.pk))
    assert entries.count() >= 2
    assert ApplicationStep.objects.filter(application=application, action="accept").get().actor == users["worker"]
