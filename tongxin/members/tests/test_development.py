import datetime

import pytest
from django.core.exceptions import ValidationError

from tongxin.core.errors import Conflict
from tongxin.members import development as dev
from tongxin.members.models import DevelopmentCase, DevelopmentRule, Member

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def case(users, world):
    person = world.person(world.centre, birth=(1995, 1995))
    return dev.development_apply(
        actor=users["secretary"], person=person, org_id=world.branch.pk, applied_on=D(2024, 3, 1)
    )


def step(users, case, name, on, **kw):
    return dev.development_step(actor=users["secretary"], case=case, step=name, on=on, **kw)


def test_the_whole_path_to_full_membership(users, case):
    step(users, case, "first_talk", D(2024, 3, 20))
    step(users, case, "activist", D(2024, 4, 1))
    step(users, case, "activist_review", D(2024, 10, 1))
    step(users, case, "candidate", D(2025, 4, 1))
    step(users, case, "training", D(2025, 5, 10), hours=24)
    step(users, case, "branch_resolution", D(2025, 6, 5))
    step(users, case, "approval", D(2025, 7, 1))
    step(users, case, "probationary", D(2025, 7, 1))
    member = Member.objects.get(person=case.person)
    assert (member.status, member.probation_ends_on) == ("probationary", D(2026, 7, 1))
    with pytest.raises(Conflict):
        step(users, case, "full", D(2026, 6, 30))
    step(users, case, "full", D(2026, 7, 1))
    member.refresh_from_db()
    case.refresh_from_db()
    assert (member.status, case.stage) == ("full", "full")


def test_applicant_must_be_eighteen(users, world):
    person = world.person(world.centre, birth=(2008, 2008))
    with pytest.raises(ValidationError) as info:
        dev.development_apply(actor=users["secretary"], person=person, org_id=world.branch.pk, applied_on=D(2025, 1, 1))
    assert info.value.error_dict["applied_on"][0].code == "too_young"


def test_steps_follow_in_order(users, case):
    with pytest.raises(Conflict) as info:
        step(users, case, "activist", D(2024, 4, 1))
    assert "派人谈话" in info.value.messages[0]
    with pytest.raises(Conflict):
        step(users, case, "candidate", D(2025, 4, 1))


def test_activist_is_cultivated_at_least_a_year(users, case):
    step(users, case, "first_talk", D(2024, 3, 20))
    step(users, case, "activist", D(2024, 4, 1))
    with pytest.raises(Conflict) as info:
        step(users, case, "candidate", D(2025, 3, 31))
    assert info.value.error_dict["on"][0].code == "too_early"
    step(users, case, "candidate", D(2025, 4, 1))


def test_training_is_at_least_24_hours_and_rules_are_editable(users, case):
    step(users, case, "first_talk", D(2024, 3, 20))
    step(users, case, "activist", D(2024, 4, 1))
    step(users, case, "candidate", D(2025, 4, 1))
    with pytest.raises(ValidationError):
        step(users, case, "training", D(2025, 5, 10), hours=23)
    DevelopmentRule.objects.filter(code="training_hours").update(value=20)
    step(users, case, "training", D(2025, 5, 10), hours=20)


def test_due_and_overdue_steps(users, world, case):
    today = D(2024, 4, 15)
    due = dev.due_steps(DevelopmentCase.objects.prefetch_related("steps"), today=today)
    assert [(d.step, d.due_on, d.overdue) for d in due] == [("first_talk", D(2024, 4, 1), True)]  # talk within a month
    step(users, case, "first_talk", D(2024, 3, 20))
    step(users, case, "activist", D(2024, 4, 1))
    due = dev.due_steps(DevelopmentCase.objects.prefetch_related("steps"), today=D(2024, 12, 1))
    assert [(d.step, d.due_on, d.overdue) for d in due] == [("activist_review", D(2024, 10, 1), True)]
    step(users, case, "activist_review", D(2024, 10, 1))
    due = dev.due_steps(DevelopmentCase.objects.prefetch_related("steps"), today=D(2024, 12, 1))
    assert [(d.due_on, d.overdue) for d in due] == [(D(2025, 4, 1), False)]


def test_approval_within_three_months_of_the_resolution(users, case):
    for name, on, kw in [("first_talk", D(2024, 3, 20), {}), ("activist", D(2024, 4, 1), {}), ("candidate", D(2025, 4, 1), {}),
                         ("training", D(2025, 5, 1), {"hours": 24}), ("branch_resolution", D(2025, 6, 5), {})]:  # fmt: skip
        step(users, case, name, on, **kw)
    due = dev.due_steps(DevelopmentCase.objects.prefetch_related("steps"), today=D(2025, 9, 6))
    assert [(d.step, d.due_on, d.overdue) for d in due] == [("approval", D(2025, 9, 5), True)]


def test_one_open_case_per_person_and_stop(users, case):
    with pytest.raises(Conflict):
        dev.development_apply(
            actor=users["secretary"], person=case.person, org_id=case.org_id, applied_on=D(2024, 5, 1)
        )
    with pytest.raises(ValidationError):
        dev.development_stop(actor=users["secretary"], case=case, reason="")
    dev.development_stop(actor=users["secretary"], case=case, reason="本人申请暂缓")
    dev.development_apply(actor=users["secretary"], person=case.person, org_id=case.org_id, applied_on=D(2025, 5, 1))


def test_pages_are_scoped(login, users, world, case):
    assert login(users["secretary"]).get(f"/members/development/{case.pk}/").status_code == 200
    assert login(users["worker"]).get(f"/members/development/{case.pk}/").status_code == 404
    page = login(users["officer"]).get("/members/development/")
    assert case.person.name in page.content.decode()
