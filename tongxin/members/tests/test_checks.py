import datetime

import pytest
from django.utils import timezone

from tongxin.core.models import Alert
from tongxin.core.periodic import run_checks
from tongxin.members import services
from tongxin.members.models import DuesBill, MemberTransfer

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_lost_contact_alert_and_its_resolution(users, world):
    member = world.member(world.branch)
    member.last_contact_on = datetime.date(2026, 5, 1)
    member.save()
    run_checks(only=["members.lost_contact"])
    alert = Alert.objects.get(check_name="members.lost_contact", resolved_at__isnull=True)
    assert alert.party_org_id == world.branch.pk and alert.title.startswith("1名党员")
    services.member_contact(members=[member], on=datetime.date(2026, 11, 20))
    run_checks(only=["members.lost_contact"])
    assert not Alert.objects.filter(check_name="members.lost_contact", resolved_at__isnull=True).exists()


def test_expired_letters_and_monthly_bills(users, world):
    member = world.member(world.branch)
    services.transfer_issue(actor=users["officer"], member=member, to_org_id=world.other_branch.pk, letter_number="1",
                            issued_on=datetime.date(2026, 8, 1), valid_days=30)  # fmt: skip
    run_checks(only=["members.transfers", "members.dues_bills"])
    assert MemberTransfer.objects.get().status == "expired"
    assert DuesBill.objects.filter(month=datetime.date(2026, 11, 1)).count() == 2  # both members of the branch
    run_checks(only=["members.dues_bills"])
    assert DuesBill.objects.filter(month=datetime.date(2026, 11, 1)).count() == 2  # idempotent


def test_probation_due_alert(users, world):
    member = world.member(world.branch, status="probationary")
    member.probation_ends_on = datetime.date(2026, 12, 10)
    member.save()
    run_checks(only=["members.probation"])
    assert Alert.objects.get(check_name="members.probation").party_org_id == world.branch.pk
