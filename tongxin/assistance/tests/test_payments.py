import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tongxin.assistance import services
from tongxin.assistance.models import Coverage, Payment, PaymentRun
from tongxin.core.errors import Conflict
from tongxin.core.models import ExportRecord

NOV, OCT = datetime.date(2026, 11, 1), datetime.date(2026, 10, 1)


@pytest.mark.parametrize(
    ("standard", "income", "members", "persons", "expected"),
    [
        ("850", "1200", 3, 3, "1350.00"),  # (850 − 400) × 3
        ("850", "2550", 3, 3, "0.00"),  # per-capita income equals the standard
        ("850", "3000", 3, 3, "0.00"),  # above it: never negative
        ("800", "1000", 3, 2, "933.33"),  # (800 − 333.333…) × 2, half-up to the fen
        ("800", "1000.01", 3, 3, "1399.99"),
        ("850", "0", 1, 1, "850.00"),
        ("850", "100", 0, 0, "0.00"),
    ],
)
def test_dibao_top_up_arithmetic(standard, income, members, persons, expected):
    amount = services.dibao_amount(Decimal(standard), Decimal(income), members, persons)
    assert amount == Decimal(expected) and isinstance(amount, Decimal)


def _covered(case, users, *, started=OCT):
    staff = users["staff"]
    dibao = services.coverage_add(actor=staff, household=case.household, category="dibao", started_on=started)
    orphan_holder = case.other
    child = case.other_head  # registered as a child in need in the other township's household
    tekun = services.coverage_add(
        actor=staff, household=case.household, category="tekun_dispersed", started_on=started, person=case.spouse
    )
    return dibao, tekun, orphan_holder, child


def test_a_run_pays_each_beneficiary_from_the_programme_rules(case, users):
    dibao, _, _, _ = _covered(case, users)
    run = services.run_compute(actor=users["staff"], programme="dibao", township=case.household.township, month=NOV)
    payment = run.payments.get()
    assert payment.amount == Decimal("1350.00") and payment.for_month == NOV and payment.kind == "regular"
    assert payment.household_id == case.household.pk and payment.person_id is None
    tekun = services.run_compute(actor=users["staff"], programme="tekun", township=case.household.township, month=NOV)
    assert [(p.person_id, p.amount) for p in tekun.payments.all()] == [(case.spouse.pk, Decimal("1105.00"))]
    # Another township's run pays nobody from this one.
    other = services.run_compute(actor=users["staff"], programme="dibao", township=case.other.township, month=NOV)
    assert other.payments.count() == 0


def test_suspended_exited_and_no_gap_households_are_stopped(case, users):
    dibao, tekun, _, _ = _covered(case, users)
    services.coverage_suspend(actor=users["staff"], coverage=tekun, suspended=True, reason="外出务工，暂停核查")
    run = services.run_compute(actor=users["staff"], programme="tekun", township=case.household.township, month=NOV)
    assert run.payments.count() == 0 and "暂停发放" in run.stops[0]["reason"]
    services.declaration_record(
        actor=users["staff"], household=case.household, period=NOV, monthly_income="3000", assets="0"
    )
    run = services.run_compute(actor=users["staff"], programme="dibao", township=case.household.township, month=NOV)
    assert run.payments.count() == 0 and "无差额" in run.stops[0]["reason"]
    services.coverage_end(actor=users["staff"], coverage=dibao, ended_on=datetime.date(2026, 10, 20), reason="收入提高")
    run = services.run_compute(actor=users["staff"], programme="dibao", township=case.household.township, month=NOV)
    assert run.payments.count() == 0 and "退出" in run.stops[0]["reason"]


def test_missing_standard_is_a_clear_error_and_writes_nothing(case, users):
    from tongxin.assistance.models import Standard

    _covered(case, users)
    Standard.objects.filter(programme="dibao").delete()
    with pytest.raises(Exception) as exc:
        services.run_compute(actor=users["staff"], programme="dibao", township=case.household.township, month=NOV)
    assert exc.value.error_dict["month"][0].code == "no_standard"
    assert not Payment.objects.exists()


def test_arrears_for_a_month_whose_run_went_out_without_them_and_never_twice(case, users):
    staff, township = users["staff"], case.household.township
    october = services.run_compute(actor=staff, programme="dibao", township=township, month=OCT)
    assert october.payments.count() == 0
    services.run_advance(actor=staff, run=october, action="review")
    services.run_advance(actor=staff, run=october, action="lock")
    # Confirmed late: covered from October, after October's run was locked.
    _covered(case, users, started=OCT)
    november = services.run_compute(actor=staff, programme="dibao", township=township, month=NOV)
    rows = sorted((p.for_month, p.kind, p.amount) for p in november.payments.all())
    assert rows == [(OCT, "arrears", Decimal("1350.00")), (NOV, "regular", Decimal("1350.00"))]
    # Recomputing the draft replaces its rows, never adds to them.
    november = services.run_compute(actor=staff, programme="dibao", township=township, month=NOV)
    assert november.payments.count() == 2
    # December's run does not pay October or November again.
    services.run_advance(actor=staff, run=november, action="review")
    services.run_advance(actor=staff, run=november, action="lock")
    with pytest.raises(Conflict):
        services.run_compute(actor=staff, programme="dibao", township=township, month=NOV)


def test_the_database_refuses_a_second_payment_for_the_same_month_and_programme(case, users):
    dibao, tekun, _, _ = _covered(case, users)
    run = services.run_compute(actor=users["staff"], programme="dibao", township=case.household.township, month=NOV)
    other_run = PaymentRun.objects.create(programme="dibao", township=case.other.township, month=NOV)
    duplicate = Payment(
        run=other_run, household=case.household, coverage=dibao, programme="dibao", for_month=NOV, amount=1, basis="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    tekun_run = services.run_compute(
        actor=users["staff"], programme="tekun", township=case.household.township, month=NOV
    )
    person_duplicate = Payment(
        run=other_run, household=case.household, person=case.spouse, coverage=tekun, programme="tekun",
        for_month=NOV, amount=1, basis="x",
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        person_duplicate.save()
    assert run.payments.count() == 1 and tekun_run.payments.count() == 1


def test_run_lifecycle_and_bank_export(case, users, client):
    _covered(case, users)
    staff = users["staff"]
    run = services.run_compute(actor=staff, programme="dibao", township=case.household.township, month=NOV)
    client.force_login(staff)
    url = f"/assistance/payments/{run.pk}/bank.xlsx"
    assert client.get(url).status_code == 409  # only a locked run goes to the bank
    with pytest.raises(Conflict):
        services.run_advance(actor=staff, run=run, action="lock")
    services.run_advance(actor=staff, run=run, action="review")
    services.run_advance(actor=staff, run=run, action="lock")
    response = client.get(url)
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][3] == "王建国" and rows[1][4] == case.head.id_number and rows[1][6] == "6230000000000001"
    assert rows[1][9] == 1350 and rows[-1][9] == 1350
    record = ExportRecord.objects.get()
    assert record.actor == staff and record.row_count == 1 and record.full_id_numbers
    # Out of scope: the other township's reviewer gets a 404.
    from tongxin.accounts.services import role_assign

    outsider = users["admin"].__class__.objects.create_user("hf", password="x")
    role_assign(user=outsider, role="business_staff", unit=case.other.township)
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_payment_run_api(case, users, api):
    _covered(case, users)
    client = api(users["staff"])
    response = client.post(
        "/api/v1/assistance/payment-runs",
        {"programme": "dibao", "township_id": case.household.township_id, "month": "2026-11"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["count"] == 1 and response.json()["total"] == "1350.00"
    run_id = response.json()["id"]
    response = client.post(f"/api/v1/assistance/payment-runs/{run_id}/transitions", {"action": "lock"})
    assert response.status_code == 409
    response = api(users["reviewer"]).post(
        "/api/v1/assistance/payment-runs",
        {"programme": "dibao", "township_id": case.household.township_id, "month": "2026-11"},
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/assistance/payment-runs",
        {"programme": "dibao", "township_id": case.household.township_id, "month": "2026-13"},
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "month"
    assert Coverage.objects.count() == 2
