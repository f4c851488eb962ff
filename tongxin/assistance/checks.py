"""Periodic checks for casework: overdue applications and refusal notices, reviews due, early warnings."""

from django.db.models import Count, Q
from django.utils import timezone

from tongxin.assistance.choices import OPEN_STATUSES, AppStatus
from tongxin.assistance.models import Application, Coverage, Warning
from tongxin.assistance.services import warnings_refresh
from tongxin.core.alerts import alerts_sync
from tongxin.core.periodic import periodic_check
from tongxin.orgs.models import Unit


@periodic_check("assistance.overdue", "逾期的救助申请和未按时书面告知的不予批准决定")
def overdue_applications(now):
    today = timezone.localtime(now).date()
    overdue = (
        Application.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today)
        .values("township_id")
        .annotate(n=Count("id"))
    )
    unnotified = (
        Application.objects.filter(
            status=AppStatus.REFUSED, refusal_notified_on__isnull=True, refusal_notice_due_on__lt=today
        )
        .values("township_id")
        .annotate(n=Count("id"))
    )
    names = dict(Unit.objects.values_list("pk", "name"))
    wanted = {}
    for row in overdue:
        wanted[f"assistance.overdue:{row['township_id']}"] = {
            "title": f"{names[row['township_id']]}：{row['n']}件救助申请超过办理时限",
            "detail": "办理时限按工作日计算（默认30个工作日，延期后45个工作日）。",
            "level": "danger", "unit_id": row["township_id"], "url": "/assistance/applications/?overdue=1",
        }  # fmt: skip
    for row in unnotified:
        wanted[f"assistance.unnotified:{row['township_id']}"] = {
            "title": f"{names[row['township_id']]}：{row['n']}件不予批准决定未按时书面告知",
            "detail": "不予批准的，应在3个工作日内书面告知申请人并说明理由。",
            "level": "danger", "unit_id": row["township_id"], "url": "/assistance/applications/?status=refused",
        }  # fmt: skip
    opened, resolved = alerts_sync(check_name="assistance.overdue", wanted=wanted, now=now)
    total = sum(r["n"] for r in overdue)
    return f"逾期申请 {total} 件，涉及 {len(wanted)} 项提醒；新提醒 {opened}，解除 {resolved}"


@periodic_check("assistance.reviews", "到期未复核的保障对象（动态监测）")
def reviews_due(now):
    today = timezone.localtime(now).date()
    rows = (
        Coverage.objects.filter(ended_on__isnull=True, next_review_on__lt=today)
        .values("household__township_id", "household__township__name")
        .annotate(n=Count("id"))
    )
    wanted = {
        f"assistance.reviews:{r['household__township_id']}": {
            "title": f"{r['household__township__name']}：{r['n']}个保障对象逾期未复核",
            "detail": "按类别和收入稳定程度确定的复核频次已到期。",
            "level": "warning",
            "unit_id": r["household__township_id"],
            "url": "/assistance/monitoring/",
        }  # fmt: skip
        for r in rows
    }
    opened, resolved = alerts_sync(check_name="assistance.reviews", wanted=wanted, now=now)
    return f"逾期未复核 {sum(r['n'] for r in rows)} 个；新提醒 {opened}，解除 {resolved}"


@periodic_check("assistance.warnings", "低收入人口监测预警（疑似符合条件但未纳入保障）")
def early_warnings(now):
    today = timezone.localtime(now).date()
    created, removed = warnings_refresh(today=today)
    rows = (
        Warning.objects.filter(Q(status="open"), person__unit__isnull=False)
        .values("person__unit_id", "person__unit__name")
        .annotate(n=Count("id"))
    )
    wanted = {
        f"assistance.warnings:{r['person__unit_id']}": {
            "title": f"{r['person__unit__name']}：{r['n']}条监测预警待处理",
            "detail": "疑似符合救助条件但尚未纳入保障，请核实后发起申请或写明理由排除。",
            "level": "warning",
            "unit_id": r["person__unit_id"],
            "url": "/assistance/warnings/",
        }  # fmt: skip
        for r in rows
    }
    opened, resolved = alerts_sync(check_name="assistance.warnings", wanted=wanted, now=now)
    return f"新预警 {created}，不再符合 {removed}；提醒：新 {opened}，解除 {resolved}"
