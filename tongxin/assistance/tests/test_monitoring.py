import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tongxin.assistance import selectors, services
from tongxin.assistance.models import Coverage, Declaration, ReviewFrequency, Warning, WarningRule
from tongxin.core.dates import add_months
from tongxin.core.errors import Conflict
from tongxin.core.models import Alert
from tongxin.core.periodic import run_checks

TODAY = timezone.localdate()


@pytest.mark.parametrize(("stability", "months"), [("stable", 12), ("basic", 6), ("unstable", 3)])
def test_dibao_review_frequency_follows_income_stability(case, users, stability, months):
    services.household_update(actor=users["staff"], household=case.household, stability=stability)
    case.household.refresh_from_db()
    start = datetime.date(2026, 1, 1)
    coverage = services.coverage_add(actor=users["staff"], household=case.household, category="dibao", started_on=start)
    assert coverage.next_review_on == add_months(start, months)


def test_review_frequency_is_data(case, users):
    ReviewFrequency.objects.create(category="tekun_dispersed", months=6)
    start = datetime.date(2026, 1, 1)
    coverage = services.coverage_add(
        actor=users["staff"], household=case.household, category="tekun_dispersed", started_on=start,
        person=case.head,
    )  # fmt: skip
    assert coverage.next_review_on == datetime.date(2026, 7, 1)


def test_reviews_adjust_or_exit(case, users):
    staff = users["staff"]
    coverage = services.coverage_add(
        actor=staff, household=case.household, category="dibao", started_on=datetime.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.review_record(actor=staff, coverage=coverage, reviewed_on=TODAY, outcome="adjust")
    assert exc.value.error_dict["monthly_income"][0].code == "required"
    services.review_record(actor=staff, coverage=coverage, reviewed_on=TODAY, outcome="adjust", monthly_income="1800")
    declaration = Declaration.objects.get(household=case.household, period=TODAY.replace(day=1))
    assert declaration.monthly_income == Decimal("1800.00") and declaration.assets == Decimal("5000.00")
    coverage.refresh_from_db()
    assert coverage.next_review_on == add_months(TODAY, 6)
    with pytest.raises(ValidationError):
        services.review_record(actor=staff, coverage=coverage, reviewed_on=TODAY, outcome="exit")  # reason needed
    services.review_record(actor=staff, coverage=coverage, reviewed_on=TODAY, outcome="exit", note="子女就业，收入超标")
    coverage.refresh_from_db()
    assert (
        coverage.ended_on == TODAY and coverage.end_reason == "子女就业，收入超标" and coverage.next_review_on is None
    )
    with pytest.raises(Conflict):
        services.review_record(actor=staff, coverage=coverage, reviewed_on=TODAY, outcome="continue")


def test_overdue_reviews_raise_an_alert(case, users):
    services.coverage_add(
        actor=users["staff"], household=case.household, category="dibao", started_on=add_months(TODAY, -8)
    )
    run_checks(only=["assistance.reviews"])
    alert = Alert.objects.open().get(check_name="assistance.reviews")
    assert alert.unit_id == case.household.township_id and "1个" in alert.title
    assert selectors.reviews_due(user=users["reviewer"], today=TODAY).count() == 1


def test_monthly_new_exit_total_per_township(case, users, world):
    staff = users["staff"]
    year = 2026
    services.coverage_add(actor=staff, household=case.household, category="dibao", started_on=datetime.date(2025, 6, 1))
    other = services.coverage_add(
        actor=staff, household=case.other, category="dibao", started_on=datetime.date(2026, 3, 1)
    )
    services.coverage_end(actor=staff, coverage=other, ended_on=datetime.date(2026, 5, 10), reason="收入提高")
    figures = selectors.monthly_figures(user=staff, year=year, categories=["dibao"], today=datetime.date(2026, 11, 22))
    rows = {r["name"]: r for r in figures["rows"]}
    assert rows["孙武街道"]["months"][0] == {"new": 0, "exit": 0, "total": 3}
    assert rows["何坊街道"]["months"][2] == {"new": 1, "exit": 0, "total": 1}
    assert rows["何坊街道"]["months"][4] == {"new": 0, "exit": 1, "total": 0}
    assert rows["何坊街道"]["months"][11]["total"] is None  # December has not happened yet
    assert (figures["new"], figures["exit"], figures["total"]) == (1, 1, 3)
    # The reviewer of 孙武街道 sees their own township only.
    figures = selectors.monthly_figures(user=users["reviewer"], year=year, categories=["dibao"])
    assert [r["name"] for r in figures["rows"]] == ["孙武街道"]


def test_early_warning_rules_list_uncovered_people_and_each_is_acted_on(case, users, world):
    rule = WarningRule.objects.create(
        name="残疾、60岁以上、无收入、未纳入低保特困", min_age=60, min_disability_grade=1, no_income=True,
        covered_categories="dibao,tekun_dispersed,tekun_central",
    )  # fmt: skip
    elderly = world.person(world.community, name="周老汉", birth=(1940, 1950))
    covered = world.person(world.community, name="吴老太", birth=(1940, 1950))
    young = world.person(world.community, name="郑青年", birth=(1990, 1995))
    for person in (elderly, covered, young):
        services.condition_set(actor=users["staff"], person=person, disability_grade=2, monthly_income="0")
    services.household_add_member(actor=users["staff"], household=case.household, person=covered, relation="parent")
    services.coverage_add(actor=users["staff"], household=case.household, category="dibao", started_on=TODAY)
    run_checks(only=["assistance.warnings"])
    assert list(Warning.objects.values_list("person__name", flat=True)) == ["周老汉"]
    run_checks(only=["assistance.warnings"])  # idempotent
    warning = Warning.objects.get()
    assert warning.rule == rule
    with pytest.raises(ValidationError):
        services.warning_dismiss(actor=users["worker"], warning=warning, reason="")
    application = services.warning_apply(actor=users["worker"], warning=warning, programme="tekun")
    assert application.household.head == elderly and application.status == "submitted"
    warning.refresh_from_db()
    assert warning.status == "applied" and warning.application == application
    with pytest.raises(Conflict):
        services.warning_dismiss(actor=users["worker"], warning=warning, reason="重复")
    assert Coverage.objects.count() == 1
