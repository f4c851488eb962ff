import datetime

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from tongxin.core.ids import valid_pk
from tongxin.core.tree import subtree_ids_sql
from tongxin.orglife.models import Meeting
from tongxin.orgs.models import PartyOrg


def meeting_get_for_user(user, pk) -> Meeting:
    pk = valid_pk(pk)
    meeting = (
        Meeting.objects.visible_to(user).select_related("org", "org__parent").filter(pk=pk).first() if pk else None
    )
    if meeting is None:
        raise Http404
    return meeting


def _between(start, end) -> Q:
    """Held in [start, end), or not held yet and planned then."""
    return Q(held_at__gte=start, held_at__lt=end) | Q(held_at__isnull=True, planned_at__gte=start, planned_at__lt=end)


def meeting_list(*, user, org=None, kind=None, year=None, month=None, status=None):
    qs = Meeting.objects.visible_to(user).select_related("org")
    if org is not None:
        qs = qs.filter(org_id__in=subtree_ids_sql(PartyOrg, [org.pk]))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if year:
        tz = timezone.get_current_timezone()
        if month:
            start = datetime.datetime(year, month, 1, tzinfo=tz)
            end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
        else:
            start, end = datetime.datetime(year, 1, 1, tzinfo=tz), datetime.datetime(year + 1, 1, 1, tzinfo=tz)
        qs = qs.filter(_between(start, end))
    return qs.order_by("-planned_at", "-id")
