"""Periodic checks for organisation life: meetings due and overdue, branch-structure warnings."""

from django.utils import timezone

from tongxin.core.alerts import alerts_sync
from tongxin.core.periodic import periodic_check
from tongxin.orglife.choices import MeetingKind
from tongxin.orglife.compliance import MISSING, compliance_for, structure_warnings
from tongxin.orgs.choices import BRANCH_KINDS, PartyOrgKind
from tongxin.orgs.models import PartyOrg

KIND_LABELS = dict(MeetingKind.choices)


def _orgs():
    return list(PartyOrg.objects.filter(kind__in=[*BRANCH_KINDS, PartyOrgKind.GROUP]).select_related("unit"))


@periodic_check("orglife.compliance", "本月应开和逾期未开的组织生活")
def meetings_due_and_overdue(now):
    today = timezone.localtime(now).date()
    orgs = _orgs()
    matrix = compliance_for(orgs, today.year, today=today)
    wanted = {}
    for org in orgs:
        months = matrix[org.pk]
        due = [c.kind for c in months[today.month - 1] if c.required and c.status != "ok"]
        if due:
            wanted[f"orglife.due:{org.pk}:{today:%Y-%m}"] = {
                "title": f"{org.name}：本月应召开 " + "、".join(str(KIND_LABELS[k]) for k in due),
                "detail": "按组织生活频次规则，本月（或本季度、本年度）还没有达到法定人数的会议记录。",
                "level": "warning",
                "party_org_id": org.pk,
                "url": f"/orglife/meetings/new/?org={org.pk}",
            }
        overdue = [
            f"{month}月{KIND_LABELS[c.kind]}"
            for month, cells in enumerate(months[: today.month - 1], start=1)
            for c in cells
            if c.status == MISSING
        ]
        if overdue:
            wanted[f"orglife.overdue:{org.pk}:{today.year}"] = {
                "title": f"{org.name}：逾期未开 {len(overdue)} 项",
                "detail": "、".join(overdue[:12]) + ("等" if len(overdue) > 12 else ""),
                "level": "danger",
                "party_org_id": org.pk,
                "url": f"/orglife/compliance/?org={org.pk}&year={today.year}",
            }
    opened, resolved = alerts_sync(check_name="orglife.compliance", wanted=wanted, now=now)
    return f"本月应开 {sum(k.startswith('orglife.due') for k in wanted)} 个组织，逾期 {sum(k.startswith('orglife.overdue') for k in wanted)} 个；新提醒 {opened}，解除 {resolved}"


@periodic_check("orglife.structure", "支部设置预警（人数、支委会、任期）")
def branch_structure(now):
    today = timezone.localtime(now).date()
    orgs = _orgs()
    names = {o.pk: o.name for o in orgs}
    wanted = {}
    for org_id, items in structure_warnings(orgs, today=today).items():
        for index, (level, text) in enumerate(items):
            kind = text[:6]
            wanted[f"orglife.structure:{org_id}:{index}:{kind}"] = {
                "title": f"{names[org_id]}：{text}",
                "detail": "",
                "level": level,
                "party_org_id": org_id,
                "url": f"/orgs/{org_id}/",
            }
    opened, resolved = alerts_sync(check_name="orglife.structure", wanted=wanted, now=now)
    return f"预警 {len(wanted)} 条；新提醒 {opened}，解除 {resolved}"
