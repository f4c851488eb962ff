"""Periodic check: children whose home visit is overdue, per community."""

from collections import Counter

from django.utils import timezone

from tongxin.core.alerts import alerts_sync
from tongxin.core.periodic import periodic_check


@periodic_check("welfare.child_visits", "逾期未入户探访的儿童")
def child_visits_overdue(now):
    from tongxin.welfare.selectors import children_registry

    today = timezone.localtime(now).date()
    overdue = [row for row in children_registry(user=None, today=today) if row.overdue]
    per_unit = Counter((row.person.unit_id, row.person.unit.name if row.person.unit_id else "") for row in overdue)
    wanted = {
        f"welfare.child_visits:{unit_id}": {
            "title": f"{name}：{n}名儿童逾期未入户探访",
            "detail": "按儿童类别的探访频次计算。",
            "level": "warning",
            "unit_id": unit_id,
            "url": "/welfare/children/?overdue=1",
        }  # fmt: skip
        for (unit_id, name), n in per_unit.items()
        if unit_id
    }
    opened, resolved = alerts_sync(check_name="welfare.child_visits", wanted=wanted, now=now)
    return f"逾期未探访 {len(overdue)} 名；新提醒 {opened}，解除 {resolved}"
