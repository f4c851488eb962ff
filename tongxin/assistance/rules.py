"""Rules that differ by region, read from data with the national defaults as fallback.

A region code is matched most specific first: the county (371621), its city (371600), its province
(370000), then the default row (blank). Without any row the defaults of 《最低生活保障审核确认办法》
apply: 30 working days, extendable to 45, a 7-day public notice, refusal notified within 3 working days.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from tongxin.assistance.choices import Category, Stability
from tongxin.assistance.models import RegionRule, ReviewFrequency, Standard


@dataclass(frozen=True)
class TimeLimits:
    limit_days: int = 30
    extended_limit_days: int = 45
    notice_days: int = 7
    refusal_notice_days: int = 3
    source: str = "默认"


def region_candidates(region_code: str) -> list[str]:
    code = (region_code or "").strip()
    if len(code) != 6:
        return [""]
    return list(dict.fromkeys([code, code[:4] + "00", code[:2] + "0000", ""]))


def time_limits(region_code: str) -> TimeLimits:
    candidates = region_candidates(region_code)
    rows = {r.region_code: r for r in RegionRule.objects.filter(region_code__in=candidates)}
    for code in candidates:
        row = rows.get(code)
        if row is not None:
            return TimeLimits(
                row.limit_days, row.extended_limit_days, row.notice_days, row.refusal_notice_days, code or "默认"
            )
    return TimeLimits()


def standard_for(region_code: str, programme: str, month: datetime.date) -> Decimal | None:
    """The monthly standard in force on the first of `month` for the most specific region with one."""
    candidates = [c for c in region_candidates(region_code) if c]
    rows = Standard.objects.filter(region_code__in=candidates, programme=programme, effective_from__lte=month)
    best = {}
    for row in rows.order_by("-effective_from"):
        best.setdefault(row.region_code, row.monthly_amount)
    for code in candidates:
        if code in best:
            return best[code]
    return None


DEFAULT_REVIEW_MONTHS = {
    (Category.DIBAO, Stability.STABLE): 12,
    (Category.DIBAO, Stability.BASIC): 6,
    (Category.DIBAO, Stability.UNSTABLE): 3,
    (Category.DIBAO_EDGE, ""): 12,
    (Category.TEKUN_DISPERSED, ""): 12,
    (Category.TEKUN_CENTRAL, ""): 12,
}


def review_months(category: str, stability: str = "") -> int | None:
    """Months between reviews (None: the category is not reviewed by dynamic monitoring)."""
    keys = [(category, stability), (category, "")]
    rows = {(r.category, r.stability): r.months for r in ReviewFrequency.objects.filter(category=category)}
    for key in keys:
        if key in rows:
            return rows[key]
    for key in keys:
        if key in DEFAULT_REVIEW_MONTHS:
            return DEFAULT_REVIEW_MONTHS[key]
    return None
