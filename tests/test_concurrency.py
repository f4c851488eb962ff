"""Races that only a real database with row locks can settle: proven on PostgreSQL."""

import datetime
import threading

import pytest
from django.conf import settings
from django.db import connections

from tongxin.core.errors import Conflict
from tongxin.core.idcard import make_id_number
from tongxin.core.tree import ancestor_ids
from tongxin.orgs import services as org_services
from tongxin.orgs.models import PartyOrg
from tongxin.people import services as people_services
from tongxin.people.models import Person

pytestmark = [
    pytest.mark.postgres,
    # Decided at collection, so a skipped test never sets up (and flushes) a transactional database.
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row-lock races are proven on PostgreSQL (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_together(*calls):
    """Run each call in its own thread and connection; return (results, errors) in order."""
    results, errors = [None] * len(calls), [None] * len(calls)

    def runner(i, call):
        try:
            results[i] = call()
        except Exception as exc:  # collected and asserted on by the test
            errors[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results, errors


def test_two_clerks_registering_the_same_id_at_once(users, monkeypatch):
    number = make_id_number("371621", datetime.date(1970, 1, 1), 101)
    barrier = threading.Barrier(2, timeout=10)
    original_save = Person.save

    def save_together(self, *args, **kwargs):
        barrier.wait()  # both passed the "already registered?" check before either inserts
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Person, "save", save_together)
    worker, staff = users["worker"], users["staff"]
    _, errors = run_together(
        lambda: people_services.person_create(actor=worker, name="张三丰", id_number=number),
        lambda: people_services.person_create(actor=staff, name="张三丰", id_number=number),
    )
    assert Person.objects.filter(id_number=number).count() == 1
    assert sorted(type(e).__name__ for e in errors if e) == ["Conflict"]
    conflict = next(e for e in errors if e)
    assert isinstance(conflict, Conflict) and conflict.error_dict["id_number"][0].code == "duplicate"


def test_crossing_moves_cannot_make_a_cycle(users, world, monkeypatch):
    a = PartyOrg.objects.create(name="甲", kind="branch", parent=world.general)
    b = PartyOrg.objects.create(name="乙", kind="branch", parent=world.general)
    barrier = threading.Barrier(2, timeout=10)
    local = threading.local()

    def ancestors_then_wait(model, node_id):
        ids = ancestor_ids(model, node_id)
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait()  # both computed what to lock before either locks
        return ids

    monkeypatch.setattr(org_services, "ancestor_ids", ancestors_then_wait)
    monkeypatch.setitem(org_services.PARTY_PARENT_KINDS, "branch", {None, "general_branch", "branch"})
    admin = users["admin"]
    _, errors = run_together(
        lambda: org_services.party_org_move(actor=admin, org=a, new_parent_id=b.pk),
        lambda: org_services.party_org_move(actor=admin, org=b, new_parent_id=a.pk),
    )
    failures = [e for e in errors if e]
    assert len(failures) == 1
    assert failures[0].error_dict["parent_id"][0].code == "cycle"
    a.refresh_from_db()
    b.refresh_from_db()
    assert not (a.parent_id == b.pk and b.parent_id == a.pk)
    # The tree still ends at a root from both nodes.
    assert ancestor_ids(PartyOrg, a.pk)[-1] == world.general.pk
    assert ancestor_ids(PartyOrg, b.pk)[-1] == world.general.pk


def test_two_reviewers_deciding_one_application_at_once(users, world, monkeypatch):
    """One confirms while the other refuses: exactly one decision stands, the other gets a conflict.

    Each thread pauses (up to 2 s) after reading the application and before deciding; with the row
    lock the second reader is still waiting for the lock, so the pause simply times out. Without it,
    both would read "in notice" and both would decide — which this test would catch.
    """
    from tongxin.assistance import rules, services
    from tongxin.assistance.models import Application, ApplicationStep, Coverage

    head = world.person(world.community, name="钱多多")
    household = services.household_create(actor=users["staff"], head=head, region_code="371621", address="乐安大街3号")
    today = datetime.date.today()
    application = services.application_create(
        actor=users["worker"], household=household, programme="dibao", applied_on=today
    )
    for action in ("accept", "investigate", "township_approve", "start_notice"):
        application = services.application_transition(
            actor=users["staff"], application=application, action=action, on=today - datetime.timedelta(days=10)
        )
    barrier = threading.Barrier(2, timeout=2)
    original = rules.time_limits

    def read_then_wait(region_code):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return original(region_code)

    monkeypatch.setattr(rules, "time_limits", read_then_wait)
    staff = users["staff"]
    _, errors = run_together(
        lambda: services.application_transition(actor=staff, application=application, action="confirm"),
        lambda: services.application_transition(actor=staff, application=application, action="refuse", note="收入超标"),
    )
    assert sorted(type(e).__name__ for e in errors if e) == ["Conflict"]
    conflict = next(e for e in errors if e)
    assert conflict.error_dict["action"][0].code == "closed"
    application.refresh_from_db()
    decisions = ApplicationStep.objects.filter(application=application, action__in=["confirm", "refuse"])
    assert decisions.count() == 1
    assert Coverage.objects.filter(application=application).count() == (1 if application.status == "confirmed" else 0)
    assert Application.objects.get(pk=application.pk).status == decisions.get().to_status


def test_two_clerks_giving_out_the_last_stock_at_once(users, world, monkeypatch):
    """Stock 5; two clerks each give out 3 at the same moment: one succeeds, the other is refused,
    and the stock ends at 2, never -1. Both threads pause after validating their input and before
    locking, so without the row lock both would read 5."""
    from tongxin.community import services
    from tongxin.community.models import CharityItem, CharityMovement

    item = services.charity_item_create(actor=users["worker"], name="大米", unit="袋")
    services.charity_move(actor=users["worker"], item=item, direction="in", quantity=5)
    barrier = threading.Barrier(2, timeout=10)
    original = services._quantity

    def validate_then_wait(field, value, label, **kwargs):
        result = original(field, value, label, **kwargs)
        if field == "quantity":
            barrier.wait()
        return result

    monkeypatch.setattr(services, "_quantity", validate_then_wait)
    worker, staff = users["worker"], users["staff"]
    _, errors = run_together(
        lambda: services.charity_move(actor=worker, item=item, direction="out", quantity=3),
        lambda: services.charity_move(actor=staff, item=item, direction="out", quantity=3),
    )
    assert sorted(type(e).__name__ for e in errors if e) == ["Conflict"]
    assert next(e for e in errors if e).error_dict["quantity"][0].code == "insufficient_stock"
    assert CharityItem.objects.get(pk=item.pk).stock == 2
    assert CharityMovement.objects.filter(item=item, direction="out").count() == 1
