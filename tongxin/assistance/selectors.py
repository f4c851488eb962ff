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
