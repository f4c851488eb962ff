"""The foundation's own periodic checks."""

import datetime

from django.utils import timezone

from tongxin.core import workdays
from tongxin.core.alerts import alerts_sync
from tongxin.core.periodic import periodic_check


@periodic_check("core.calendar_coverage", "节假日安排是否已覆盖今明两年")
def calendar_coverage(now):
    """From October on, next year's holidays should be known; the current year always."""
    today = timezone.localtime(now).date()
    years = [today.year] + ([today.year + 1] if today.month >= 10 else [])
    wanted = {}
    for year in years:
        if workdays.year_source(year) == workdays.WEEKENDS_ONLY:
            wanted[f"core.calendar_coverage:{year}"] = {
                "title": f"{year}年节假日安排尚未录入",
                "detail": (
                    f"系统内置的法定节假日数据只到{workdays.official_years()[-1]}年。"
                    f"在录入{year}年的节假日和调休工作日之前，涉及{year}年的期限只按周末计算。"
                ),
                "level": "danger" if year == today.year else "warning",
                "url": "/calendar/",
                "role": "system_admin",
            }
    opened, resolved = alerts_sync(check_name="core.calendar_coverage", wanted=wanted, now=now)
    return f"缺少节假日的年度 {len(wanted)} 个；新提醒 {opened}，解除 {resolved}"


@periodic_check("accounts.expired_tokens", "清理过期的接口令牌")
def purge_expired_tokens(now):
    from tongxin.accounts.models import ApiToken

    deleted, _ = ApiToken.objects.filter(expires_at__lt=now - datetime.timedelta(days=1)).delete()
    return f"删除过期令牌 {deleted} 个"


@periodic_check("core.db_optimize", "更新数据库查询统计（SQLite：PRAGMA optimize）")
def optimize_database(now):
    """SQLite keeps no statistics by itself; `PRAGMA optimize` refreshes them when worthwhile and
    is cheap when not. PostgreSQL's autovacuum already does this."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return "PostgreSQL 由 autovacuum 维护统计信息"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return "已运行 PRAGMA optimize"
