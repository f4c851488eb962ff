"""Reading the service desk within scope, and its figures — all counted from records."""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from tongxin.community.choices import SATISFIED_VALUES, AppealStatus, Direction, DisputeStatus
from tongxin.community.models import (
    CharityMovement,
    PairingVisit,
)
from tongxin.core.ids import valid_pk

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def get_visible(model, user, pk, *related):
    pk = valid_pk(pk)
    obj = model.objects.visible_to(user).select_related(*related).filter(pk=pk).first() if pk else None
    if obj is None:
        raise Http404
    return obj


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def appeal_figures(appeals, start: datetime.datetime, end: datetime.datetime) -> list[dict]:
    """Per community: received, handled (answered), on time %, satisfaction % of those followed up."""
    rows = (
        appeals.filter(received_at__gte=start, received_at__lt=end)
        .values("community_id", "community__name")
        .annotate(
            received=Count("id"),
            handled=Count("id", filter=Q(replied_at__isnull=False)),
            on_time=Count("id", filter=Q(replied_at__isnull=False, replied_at__lte=F("due_at"))),
            followed=Count("id", filter=~Q(satisfaction="")),
            satisfied=Count("id", filter=Q(satisfaction__in=list(SATISFIED_VALUES))),
            open=Count("id", filter=Q(status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED])),
        )
        .order_by("community__name")
    )
    result = []
    for row in rows:
        row["on_time_rate"] = percent(row["on_time"], row["handled"])
        row["satisfaction_rate"] = percent(row["satisfied"], row["followed"])
        result.append(row)
    return result


FIGURE_KEYS = ["received", "handled", "on_time", "followed", "satisfied", "open"]


def appeal_month_counts(appeals) -> dict[tuple[int, datetime.date], dict]:
    """The figures of `appeals` per (community, month of receipt) — what AppealFigures stores."""
    import zoneinfo

    from django.conf import settings
    from django.db.models.functions import TruncMonth

    rows = (
        appeals.annotate(m=TruncMonth("received_at", tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)))
        .values("community_id", "m")
        .annotate(
            received=Count("id"),
            handled=Count("id", filter=Q(replied_at__isnull=False)),
            on_time=Count("id", filter=Q(replied_at__isnull=False, replied_at__lte=F("due_at"))),
            followed=Count("id", filter=~Q(satisfaction="")),
            satisfied=Count("id", filter=Q(satisfaction__in=list(SATISFIED_VALUES))),
            open=Count("id", filter=Q(status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED])),
        )
    )
    result = {}
    for row in rows:
        month = row["m"].date() if isinstance(row["m"], datetime.datetime) else row["m"]
        result[(row["community_id"], month)] = {k: row[k] for k in FIGURE_KEYS}
    return result


def figures_from_summary(community_ids, first_month: datetime.date, last_month: datetime.date) -> list[dict]:
    """Per community between two months (inclusive), from the AppealFigures rows."""
    from tongxin.community.models import AppealFigures

    qs = AppealFigures.objects.filter(month__gte=first_month, month__lte=last_month)
    if community_ids is not None:
        qs = qs.filter(community_id__in=community_ids)
    rows = (
        qs.values("community_id", "community__name")
        .annotate(**{k: Sum(k) for k in FIGURE_KEYS})
        .order_by("community__name")
    )
    result = []
    for row in rows:
        row["on_time_rate"] = percent(row["on_time"], row["handled"])
        row["satisfaction_rate"] = percent(row["satisfied"], row["followed"])
        result.append(row)
    return result


def totals(rows: list[dict], keys: list[str]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in keys}
    if "handled" in total:
        total["on_time_rate"] = percent(total["on_time"], total["handled"])
        total["satisfaction_rate"] = percent(total["satisfied"], total["followed"])
    return total


def dispute_rates(disputes, start: datetime.date, end: datetime.date) -> list[dict]:
    """Per community: closed in the period by outcome, and the success rate (seed 002's 调处成功率)."""
    rows = (
        disputes.filter(closed_on__gte=start, closed_on__lte=end)
        .values("community_id", "community__name")
        .annotate(
            closed=Count("id"),
            success=Count("id", filter=Q(status=DisputeStatus.SUCCESS)),
            failed=Count("id", filter=Q(status=DisputeStatus.FAILED)),
            transferred=Count("id", filter=Q(status=DisputeStatus.TRANSFERRED)),
        )
        .order_by("community__name")
    )
    result = []
    for row in rows:
        row["rate"] = percent(row["success"], row["closed"])
        result.append(row)
    return result


def charity_statement(items, month_start: datetime.date, month_end: datetime.date) -> list[dict]:
    """Per item: stock at the start of the month, in, out, stock at the end, and the values."""
    import zoneinfo

    from django.conf import settings

    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(month_start, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(month_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    opening = (
        CharityMovement.objects.filter(item_id=OuterRef("pk"), at__lt=start)
        .order_by("-at", "-id")
        .values("stock_after")[:1]
    )
    in_month = Q(movements__at__gte=start, movements__at__lt=end)
    rows = (
        items.annotate(
            opening=Coalesce(Subquery(opening), ZERO),
            qty_in=Coalesce(Sum("movements__quantity", filter=in_month & Q(movements__direction=Direction.IN)), ZERO),
            qty_out=Coalesce(Sum("movements__quantity", filter=in_month & Q(movements__direction=Direction.OUT)), ZERO),
            value_in=Coalesce(Sum("movements__value", filter=in_month & Q(movements__direction=Direction.IN)), ZERO),
            value_out=Coalesce(Sum("movements__value", filter=in_month & Q(movements__direction=Direction.OUT)), ZERO),
        )
        .select_related("owner")
        .order_by("owner__name", "name")
    )
    result = []
    for item in rows:
        q = Decimal("0.01")
        opening_qty = Decimal(str(item.opening)).quantize(q)
        qty_in, qty_out = Decimal(str(item.qty_in)).quantize(q), Decimal(str(item.qty_out)).quantize(q)
        result.append({
            "item": item, "opening": opening_qty, "in": qty_in, "out": qty_out, "closing": opening_qty + qty_in - qty_out,
            "value_in": Decimal(str(item.value_in)).quantize(q), "value_out": Decimal(str(item.value_out)).quantize(q),
        })  # fmt: skip
    return result


def volunteer_hours(participations) -> list[dict]:
    return list(
        participations.filter(signed_in_at__isnull=False)
        .values("volunteer_id", "volunteer__person__name")
        .annotate(hours=Sum("hours"), times=Count("id"))
        .order_by("-hours", "volunteer__person__name")
    )


def org_hours(participations) -> list[dict]:
    """Hours served in activities organised by each Party branch (its volunteer team)."""
    return list(
        participations.filter(signed_in_at__isnull=False, activity__org__isnull=False)
        .values("activity__org_id", "activity__org__name")
        .annotate(
            hours=Sum("hours"), people=Count("volunteer", distinct=True), activities=Count("activity", distinct=True)
        )
        .order_by("-hours")
    )


def pairings_with_last_visit(pairings, today: datetime.date):
    last = (
        PairingVisit.objects.filter(pairing_id=OuterRef("pk"))
        .values("pairing_id")
        .annotate(m=Max("visited_on"))
        .values("m")
    )
    rows = list(
        pairings.filter(ended_on__isnull=True)
        .select_related("member__person", "member__org", "household__head", "household__unit")
        .annotate(last_visit=Subquery(last), visit_count=Count("visits"))
        .order_by("household__unit__name", "id")
    )
    for p in rows:
        due = (p.last_visit or p.started_on) + datetime.timedelta(days=p.visit_every_days)
        p.next_due, p.overdue = due, due < today
    return rows


def survey_rate(responses) -> dict:
    totals_ = responses.aggregate(s=Sum("satisfied"), b=Sum("basic"), d=Sum("dissatisfied"), n=Count("id"))
    s, b, d = (totals_[k] or 0 for k in ("s", "b", "d"))
    return {"responses": totals_["n"], "satisfied": s, "basic": b, "dissatisfied": d,
            "rate": percent(s + b, s + b + d)}  # fmt: skip
