"""Periodic checks: appeals at risk and overdue (escalated), pairs not visited in time."""

from django.db.models import Count

from tongxin.community.choices import AppealStatus
from tongxin.community.models import Appeal
from tongxin.community.services import appeals_check
from tongxin.core.alerts import alerts_sync
from tongxin.core.periodic import periodic_check


@periodic_check("community.appeals", "诉求临期和超时升级")
def appeals_at_risk_and_overdue(now):
    risky, escalated = appeals_check(now)
    open_appeals = Appeal.objects.filter(status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED])
    wanted = {}
    for row in open_appeals.filter(at_risk=True).values("community_id", "community__name").annotate(n=Count("id")):
        wanted[f"community.at_risk:{row['community_id']}"] = {
            "title": f"{row['community__name']}：{row['n']}件诉求临近承诺时限", "level": "warning",
            "detail": "剩余时间不足承诺时限的25%。", "unit_id": row["community_id"],
            "url": "/community/appeals/?flag=at_risk",
        }  # fmt: skip
    for row in (
        open_appeals.filter(escalated_to__isnull=False)
        .values("escalated_to_id", "escalated_to__name")
        .annotate(n=Count("id"))
    ):
        wanted[f"community.escalated:{row['escalated_to_id']}"] = {
            "title": f"{row['escalated_to__name']}：{row['n']}件诉求超时升级到本级", "level": "danger",
            "detail": "超过承诺时限未答复，已升级督办。", "unit_id": row["escalated_to_id"],
            "url": "/community/appeals/?flag=overdue",
        }  # fmt: skip
    opened, resolved = alerts_sync(check_name="community.appeals", wanted=wanted, now=now)
    return f"临期 {risky} 件，超时升级 {escalated} 件；新提醒 {opened}，解除 {resolved}"
