"""Reading casework within the caller's scope; anything outside it is a 404."""

import datetime

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from tongxin.assistance.choices import OPEN_STATUSES
from tongxin.assistance.models import Application, Coverage, Household, PaymentRun, Warning
from tongxin.core.ids import valid_pk


def _get(qs, pk):
    pk = valid_pk(pk)
    obj = qs.filter(pk=pk).first() if pk is not None else None
    if obj is None:
        raise Http404
    return obj


def household_get_for_user(user, pk) -> Household:
    return _get(Household.objects.visible_to(user).select_related("head", "unit", "township"), pk)


def application_get_for_user(user, pk) -> Application:
    return _get(Application.objects.visible_to(user).select_related("household__head", "township"), pk)


def coverage_get_for_user(user, pk) -> Coverage:
    return _get(Coverage.objects.visible_to(user).select_related("household__head", "person"), pk)


def warning_get_for_user(user, pk) -> Warning:
    return _get(Warning.objects.visible_to(user).select_related("person", "rule"), pk)


def run_get_for_user(user, pk) -> PaymentRun:
    return _get(PaymentRun.objects.visible_to(user).select_related("township"), pk)


def household_list(*, user, q: str = ""):
    qs = Household.objects.visible_to(user).select_related("head", "unit", "township")
    if q:
        from tongxin.people.selectors import search_condition

        condition = search_condition(q)
        if condition is not None:
            from tongxin.assistance.models import HouseholdMember
            from tongxin.people.models import Person

            people = Person.objects.filter(condition).values("pk")
            qs = qs.filter(pk__in=HouseholdMember.objects.filter(person__in=people).values("household_id"))
    return qs.annotate(member_count=Count("members", distinct=True)).order_by("-id")


def application_list(*, user, status: str = "", programme: str = "", overdue: bool = False, township_id=None):
    qs = Application.objects.visible_to(user).select_related("household__head", "township")
    if status:
        qs = qs.filter(status=status)
    if programme:
        qs = qs.filter(programme=programme)
    if overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate())
    if township_id:
        qs = qs.filter(township_id=township_id)
    return qs.order_by("due_on", "id") if overdue else qs.order_by("-applied_on", "-id")


def overdue_by_township(*, user):
    """Open applications past their deadline, counted per township."""
    today = timezone.localdate()
    return list(
        Application.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .values("township_id", "township__name")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_on__lt=today)),
            due_soon=Count("id", filter=Q(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))),
        )
        .order_by("township__name")
    )


def monthly_figures(*, user, year: int, categories, today: datetime.date | None = None) -> dict:
    """New / exited / total covered persons per township and month of `year` (seed 003's
    "新纳入1100余人，退出2699人"), from coverage rows: three grouped queries whatever the size."""
    from django.db.models import Sum
    from django.db.models.functions import TruncMonth

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = Coverage.objects.visible_to(user).filter(category__in=list(categories))
    key = "household__township_id"
    base = dict(
        qs.filter(started_on__lt=start)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .values(key)
        .annotate(n=Sum("persons"))
        .values_list(key, "n")
    )
    new, exits = {}, {}
    for target, field in ((new, "started_on"), (exits, "ended_on")):
        rows = (
            qs.filter(**{f"{field}__range": (start, end)})
            .annotate(m=TruncMonth(field))
            .values(key, "m")
            .annotate(n=Sum("persons"))
        )
        for row in rows:
            month = row["m"].month if hasattr(row["m"], "month") else int(str(row["m"])[5:7])
            target[(row[key], month)] = row["n"]
    townships = {t for t in base} | {t for t, _ in new} | {t for t, _ in exits}
    from tongxin.orgs.models import Unit

    names = dict(Unit.objects.filter(pk__in=townships).values_list("pk", "name"))
    last_month = 12 if (today is None or today.year > year) else today.month
    result = []
    totals = [{"new": 0, "exit": 0, "total": 0} for _ in range(12)]
    for township in sorted(townships, key=lambda t: names.get(t, "")):
        running = base.get(township, 0)
        months = []
        for m in range(1, 13):
            n, x = new.get((township, m), 0), exits.get((township, m), 0)
            running += n - x
            cell = {"new": n, "exit": x, "total": running if m <= last_month else None}
            months.append(cell)
            totals[m - 1]["new"] += n
            totals[m - 1]["exit"] += x
            totals[m - 1]["total"] += running if m <= last_month else 0
        result.append({
            "township_id": township, "name": names.get(township, ""), "months": months,
            "new": sum(c["new"] for c in months), "exit": sum(c["exit"] for c in months),
            "total": months[last_month - 1]["total"],
        })  # fmt: skip
    for m in range(last_month, 12):
        totals[m]["total"] = None
    return {
        "rows": result, "months": totals, "new": sum(t["new"] for t in totals),
        "exit": sum(t["exit"] for t in totals), "total": totals[last_month - 1]["total"] if result else 0,
    }  # fmt: skip


def reviews_due(*, user, today: datetime.date, within_days: int = 30):
    return (
        Coverage.objects.visible_to(user)
        .filter(ended_on__isnull=True, next_review_on__lte=today + datetime.timedelta(days=within_days))
        # Prefetched, not joined: PostgreSQL would join all due rows before taking a page of them.
        .prefetch_related("household__head", "household__township", "person")
        .order_by("next_review_on", "id")
    )
