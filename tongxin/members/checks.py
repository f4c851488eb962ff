"""Periodic checks for Party members: lost contact, transfer letters, monthly dues bills, probation."""

from django.db.models import Count
from django.utils import timezone

from tongxin.core.alerts import alerts_sync
from tongxin.core.dates import add_months
from tongxin.core.periodic import periodic_check
from tongxin.members.choices import MemberStatus
from tongxin.members.models import LOST_CONTACT_MONTHS, Member
from tongxin.members.services import dues_bills_generate, transfers_expire
from tongxin.orgs.choices import BRANCH_KINDS
from tongxin.orgs.models import PartyOrg


@periodic_check("members.lost_contact", "超过6个月没有联系的党员（失联）")
def lost_contact(now):
    today = timezone.localtime(now).date()
    cutoff = add_months(today, -LOST_CONTACT_MONTHS)
    rows = Member.objects.filter(last_contact_on__lt=cutoff).values("org_id").annotate(n=Count("id"))
    wanted = {
        f"members.lost_contact:{r['org_id']}": {
            "title": f"{r['n']}名党员超过6个月没有联系（失联）",
            "detail": "请尽快联系；参加组织生活、交纳党费都会更新联系日期。",
            "level": "warning",
            "party_org_id": r["org_id"],
            "url": f"/orgs/{r['org_id']}/",
        }
        for r in rows
    }
    opened, resolved = alerts_sync(check_name="members.lost_contact", wanted=wanted, now=now)
    return f"有失联党员的组织 {len(wanted)} 个；新提醒 {opened}，解除 {resolved}"


@periodic_check("members.transfers", "过期的组织关系介绍信")
def expire_transfers(now):
    return f"过期介绍信 {transfers_expire(today=timezone.localtime(now).date())} 封"


@periodic_check("members.dues_bills", "生成本月党费账单")
def monthly_dues_bills(now):
    today = timezone.localtime(now).date()
    made = sum(dues_bills_generate(org=org, month=today) for org in PartyOrg.objects.filter(kind__in=BRANCH_KINDS))
    return f"新生成账单 {made} 张"


@periodic_check("members.probation", "预备期将满的预备党员")
def probation_due(now):
    today = timezone.localtime(now).date()
    soon = add_months(today, 1)
    rows = (
        Member.objects.filter(status=MemberStatus.PROBATIONARY, probation_ends_on__lte=soon)
        .values("org_id")
        .annotate(n=Count("id"))
    )
    wanted = {
        f"members.probation:{r['org_id']}": {
            "title": f"{r['n']}名预备党员预备期已满或将在1个月内期满",
            "detail": "应及时讨论转正。",
            "level": "warning",
            "party_org_id": r["org_id"],
            "url": f"/orgs/{r['org_id']}/",
        }
        for r in rows
    }
    opened, resolved = alerts_sync(check_name="members.probation", wanted=wanted, now=now)
    return f"有预备期将满党员的组织 {len(wanted)} 个"
