"""Reading welfare records within scope: capacity by region, the children's registry with visits due."""

import datetime

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.http import Http404

from tongxin.assistance.choices import CHILD_CATEGORIES
from tongxin.assistance.models import Coverage
from tongxin.core.ids import valid_pk
from tongxin.welfare.choices import InstitutionKind
from tongxin.welfare.models import ChildCase, ChildVisit, Institution, Residency
from tongxin.welfare.services import next_visit_due, visit_days


def institution_get_for_user(user, pk) -> Institution:
    pk = valid_pk(pk)
    obj = Institution.objects.visible_to(user).select_related("unit").filter(pk=pk).first() if pk else None
    if obj is None:
        raise Http404
    return obj


def capacity_by_region(*, user, kind: str = "") -> dict:
    """Institutions, beds, nursing beds and residents per unit, and totals per kind — from records."""
    qs = Institution.objects.visible_to(user)
    if kind:
        qs = qs.filter(kind=kind)
    occupied = dict(
        Residency.objects.filter(left_on__isnull=True, institution__in=qs)
        .values("institution__unit_id")
        .annotate(n=Count("id"))
        .values_list("institution__unit_id", "n")
    )
    rows = list(
        qs.values("unit_id", "unit__name")
        .annotate(
            institutions=Count("id"), beds=Sum("beds_total"), nursing=Sum("beds_nursing"),
            **{k: Count("id", filter=Q(kind=k)) for k in InstitutionKind.values},
        )
        .order_by("unit__name")
    )  # fmt: skip
    for row in rows:
        row["occupied"] = occupied.get(row["unit_id"], 0)
    by_kind = {
        r["kind"]: r
        for r in qs.values("kind").annotate(n=Count("id"), beds=Sum("beds_total"), nursing=Sum("beds_nursing"))
    }
    kinds = [
        {"kind": k, "label": label, "n": by_kind.get(k, {}).get("n", 0), "beds": by_kind.get(k, {}).get("beds") or 0,
         "nursing": by_kind.get(k, {}).get("nursing") or 0}
        for k, label in InstitutionKind.choices
    ]  # fmt: skip
    return {"rows": rows, "kinds": kinds, "occupied": sum(occupied.values())}


def children_registry(*, user, today: datetime.date):
    """Registered children with their last home visit, the next one due and whether it is overdue.
    `user=None` reads every record (the periodic check)."""
    last_visit = ChildVisit.objects.filter(person_id=OuterRef("person_id")).values("person_id").annotate(
        last=Max("visited_on")).values("last")  # fmt: skip
    open_case = ChildCase.objects.filter(person_id=OuterRef("person_id"), status="open").values("pk")[:1]
    rows = list(
        (Coverage.objects.all() if user is None else Coverage.objects.visible_to(user))
        .filter(category__in=CHILD_CATEGORIES, ended_on__isnull=True, person__isnull=False)
        .select_related("person__unit", "household")
        .annotate(last_visit=Subquery(last_visit), open_case=Subquery(open_case))
        .order_by("person__unit__name", "person__name_pinyin")
    )
    days = visit_days()
    for row in rows:
        row.next_due = next_visit_due(row.category, row.last_visit, row.started_on, days)
        row.overdue = row.next_due < today
    return rows
