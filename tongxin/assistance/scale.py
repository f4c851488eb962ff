"""Casework at the reference "city" scale: 50,000 households over the scale city's communities,
~5,000 covered by 低保, ~6,000 applications at every step, and a year of monthly 低保 payments
(~60,000 rows). Bulk inserts; idempotent (skipped when households exist)."""

import datetime
import random
from decimal import Decimal

from django.db.models import Count

from tongxin.assistance.models import (
    Application,
    Coverage,
    Declaration,
    Household,
    HouseholdMember,
    Payment,
    PaymentRun,
    Standard,
)
from tongxin.core.dates import add_months, month_start
from tongxin.core.scale import ROOT, _bulk
from tongxin.orgs.models import Unit
from tongxin.people.models import Person

HOUSEHOLDS = 50_000


def build_casework_scale(*, today: datetime.date, seed: int = 3) -> int:
    root = Unit.objects.filter(name=ROOT, parent__isnull=True).first()
    if root is None or Household.objects.filter(township__parent__parent=root).exists():
        return 0
    rng = random.Random(seed)
    communities = {u.pk: u for u in Unit.objects.filter(kind="community", parent__parent__parent=root)}
    township_of = {u.pk: u.parent_id for u in communities.values()}
    people = list(
        Person.objects.filter(unit_id__in=communities, membership__isnull=True)
        .order_by("pk")
        .values_list("pk", "unit_id")
    )
    heads, rest = people[:HOUSEHOLDS], people[HOUSEHOLDS:]
    households = _bulk(Household, [
        Household(unit_id=unit_id, township_id=township_of[unit_id], head_id=pk, region_code=communities[unit_id].region_code
                  if communities[unit_id].region_code != "379900" else "370102", address=f"{communities[unit_id].name}{i}号",
                  stability=rng.choice(["stable", "basic", "unstable"]), bank_name="农商银行",
                  bank_account=f"6230{rng.randrange(10**11, 10**12)}")
        for i, (pk, unit_id) in enumerate(heads)
    ])  # fmt: skip
    by_unit: dict[int, list[Household]] = {}
    for h in households:
        by_unit.setdefault(h.unit_id, []).append(h)
    members = [HouseholdMember(household=h, person_id=h.head_id, relation="head", joined_on=today) for h in households]
    for pk, unit_id in rest:
        candidates = by_unit.get(unit_id)
        if candidates:
            members.append(HouseholdMember(household=rng.choice(candidates), person_id=pk,
                                           relation=rng.choice(["spouse", "child", "parent"]), joined_on=today))  # fmt: skip
    _bulk(HouseholdMember, members)
    size = dict(HouseholdMember.objects.values_list("household_id").annotate(n=Count("id")))
    first = add_months(month_start(today), -11)
    _bulk(Declaration, [
        Declaration(household=h, period=first, monthly_income=Decimal(rng.choice([0, 400, 800, 1500, 3000, 6000])),
                    assets=Decimal(rng.randrange(0, 50000)))
        for h in households
    ])  # fmt: skip
    for code in {h.region_code for h in households}:
        Standard.objects.get_or_create(region_code=code, programme="dibao", effective_from=datetime.date(2020, 1, 1),
                                       defaults={"monthly_amount": Decimal("850")})  # fmt: skip
    covered = households[::10]
    coverages = _bulk(Coverage, [
        Coverage(household=h, category="dibao", persons=size.get(h.pk, 1), started_on=first,
                 next_review_on=add_months(first, rng.choice([3, 6, 12])))
        for h in covered
    ])  # fmt: skip
    statuses = ["submitted", "accepted", "investigated", "township_approved", "in_notice", "confirmed", "refused"]
    applications = []
    for i, h in enumerate(households[1::8]):
        applied = today - datetime.timedelta(days=rng.randrange(0, 120))
        applications.append(Application(
            household=h, township_id=h.township_id, programme=rng.choice(["dibao", "temporary", "medical"]),
            applied_on=applied, due_on=applied + datetime.timedelta(days=42), status=statuses[i % len(statuses)],
        ))  # fmt: skip
    _bulk(Application, applications)
    townships = sorted({h.township_id for h in covered})
    runs = {}
    for m in range(12):
        month = add_months(first, m)
        for t in townships:
            runs[(t, month)] = PaymentRun(programme="dibao", township_id=t, month=month, status="locked")
    _bulk(PaymentRun, list(runs.values()))
    payments = [
        Payment(run=runs[(c.household.township_id, add_months(first, m))], household=c.household, coverage=c,
                programme="dibao", for_month=add_months(first, m), amount=Decimal(rng.randrange(100, 1500)),
                basis="规模数据")
        for c in coverages for m in range(12)
    ]  # fmt: skip
    _bulk(Payment, payments)
    return len(households)
