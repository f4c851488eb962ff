import pytest
from django.core.management import call_command

from tongxin.core.alerts import alerts_visible_to
from tongxin.core.calendar_services import calendar_year_save
from tongxin.core.models import Alert, PeriodicRun
from tongxin.core.periodic import periodic_check, registered_checks, run_checks

pytestmark = pytest.mark.django_db


def test_command_runs_every_registered_check_and_records_runs(capsys):
    call_command("run_periodic_checks")
    names = {c.name for c in registered_checks()}
    assert {"core.calendar_coverage", "accounts.expired_tokens", "core.db_optimize"} <= names
    assert set(PeriodicRun.objects.values_list("name", flat=True)) == names
    assert all(PeriodicRun.objects.values_list("ok", flat=True))


def test_running_twice_changes_nothing_the_second_time(time_machine_2026_11):
    run_checks()
    first = list(Alert.objects.values_list("key", "opened_at", "resolved_at"))
    run_checks()
    assert list(Alert.objects.values_list("key", "opened_at", "resolved_at")) == first
    assert Alert.objects.filter(key="core.calendar_coverage:2027", resolved_at__isnull=True).count() == 1


def test_calendar_gap_alert_is_for_administrators_and_resolves_when_entered(users, time_machine_2026_11):
    run_checks(only=["core.calendar_coverage"])
    assert [a.title for a in alerts_visible_to(users["admin"])] == ["2027年节假日安排尚未录入"]
    assert list(alerts_visible_to(users["officer"])) == []
    calendar_year_save(actor=users["admin"], year=2027, holidays="2027-01-01 元旦")
    run_checks(only=["core.calendar_coverage"])
    assert list(alerts_visible_to(users["admin"])) == []
    assert Alert.objects.get(key="core.calendar_coverage:2027").resolved_at is not None


def test_a_failing_check_is_recorded_and_does_not_stop_the_others():
    from tongxin.core import periodic

    @periodic_check("zz.broken", "总是失败")
    def broken(now):
        raise RuntimeError("boom")

    try:
        runs = {r.name: r for r in run_checks()}
        assert runs["zz.broken"].ok is False
        assert "boom" in runs["zz.broken"].summary
        assert runs["core.calendar_coverage"].ok is True
    finally:
        periodic._registry.pop("zz.broken")


@pytest.fixture
def time_machine_2026_11(monkeypatch):
    """Pin 'now' to 22 November 2026 (when next year's holidays are due but not yet covered)."""
    import datetime

    from django.utils import timezone

    fixed = datetime.datetime(2026, 11, 22, 10, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    return fixed
