"""Working-day arithmetic from the official holiday calendar — the one helper every time limit uses.

Sources, per year:
- ``admin``: an administrator entered the year's holidays and adjusted working days (CalendarYear);
- ``official``: the `chinesecalendar` package covers the year (State Council notices, with 调休);
- ``weekends_only``: neither — Saturdays and Sundays are rest days, everything else a working day.

An answer spanning several years carries the weakest source among them, so a caller can tell the
user when a deadline is provisional.
"""

import datetime
from dataclasses import dataclass

import chinese_calendar
from django.utils.translation import gettext_lazy as _

OFFICIAL = "official"
ADMIN = "admin"
WEEKENDS_ONLY = "weekends_only"
_STRENGTH = {OFFICIAL: 0, ADMIN: 1, WEEKENDS_ONLY: 2}
SOURCE_LABELS = {
    OFFICIAL: _("国务院公布的节假日安排"),
    ADMIN: _("管理员录入的节假日安排"),
    WEEKENDS_ONLY: _("仅按周末计算（该年度节假日尚未公布或录入）"),
}
MAX_DAYS = 3660


@dataclass(frozen=True)
class WorkdayResult:
    date: datetime.date
    source: str


@dataclass(frozen=True)
class WorkdayCount:
    days: int
    source: str


def official_years() -> range:
    """Years the installed chinesecalendar release covers."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


class _Calendar:
    """Loads admin-entered years once per calculation: one or two queries, whatever the span."""

    def __init__(self):
        from tongxin.core.models import CalendarDay, CalendarYear

        self.admin_years = set(CalendarYear.objects.values_list("year", flat=True))
        self.admin_days = {}
        if self.admin_years:
            self.admin_days = dict(
                CalendarDay.objects.filter(calendar_year__year__in=self.admin_years).values_list(
                    "date", "is_working_day"
                )
            )
        covered = official_years()
        self.official = set(covered)
        self.sources_used: set[str] = set()

    def source_for(self, year: int) -> str:
        if year in self.admin_years:
            return ADMIN
        if year in self.official:
            return OFFICIAL
        return WEEKENDS_ONLY

    def is_working_day(self, day: datetime.date) -> bool:
        source = self.source_for(day.year)
        self.sources_used.add(source)
        if source == ADMIN:
            if day in self.admin_days:
                return self.admin_days[day]
            return day.weekday() < 5
        if source == OFFICIAL:
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def weakest_source(self) -> str:
        return max(self.sources_used or {OFFICIAL}, key=_STRENGTH.__getitem__)


def add_working_days(start: datetime.date, days: int) -> WorkdayResult:
    """The `days`-th working day after `start` (`start` itself does not count; 0 returns `start`)."""
    if days < 0 or days > MAX_DAYS:
        raise ValueError(f"working days must be between 0 and {MAX_DAYS}")
    cal = _Calendar()
    current = start
    cal.sources_used.add(cal.source_for(start.year))
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if cal.is_working_day(current):
            remaining -= 1
    return WorkdayResult(current, cal.weakest_source())


def working_days_between(start: datetime.date, end: datetime.date) -> WorkdayCount:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if abs((end - start).days) > MAX_DAYS * 2:
        raise ValueError("date span too long")
    cal = _Calendar()
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    current = start
    cal.sources_used.add(cal.source_for(start.year))
    while current < end:
        current += datetime.timedelta(days=1)
        if cal.is_working_day(current):
            count += 1
    return WorkdayCount(sign * count, cal.weakest_source())


def is_working_day(day: datetime.date) -> tuple[bool, str]:
    cal = _Calendar()
    return cal.is_working_day(day), cal.source_for(day.year)


def year_source(year: int) -> str:
    return _Calendar().source_for(year)
