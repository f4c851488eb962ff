"""Administrators enter a year's holidays and adjusted working days (for years chinesecalendar
does not cover yet)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from tongxin.accounts.roles import Cap
from tongxin.core.audit import audit_bulk_created
from tongxin.core.models import CalendarDay, CalendarYear
from tongxin.core.permissions import require_cap

_LINE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:\s*[~～至-]{1,2}\s*(\d{4}-\d{1,2}-\d{1,2}))?\s*(.*)$")


def parse_day_lines(text: str, *, year: int, field: str) -> list[tuple[datetime.date, str]]:
    """ "2027-01-01 元旦" or "2027-02-06~2027-02-13 春节", one per line."""
    days = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            raise ValidationError({field: ValidationError(f"第{number}行格式不对：“{line[:30]}”。", code="format")})
        try:
            start = datetime.date.fromisoformat(_pad(match.group(1)))
            end = datetime.date.fromisoformat(_pad(match.group(2))) if match.group(2) else start
        except ValueError:
            raise ValidationError({field: ValidationError(f"第{number}行的日期不存在。", code="date")}) from None
        if end < start or (end - start).days > 31:
            raise ValidationError({field: ValidationError(f"第{number}行的日期段不合理。", code="range")})
        if start.year != year or end.year != year:
            raise ValidationError({field: ValidationError(f"第{number}行的日期不在{year}年内。", code="year")})
        name = match.group(3).strip()[:50]
        current = start
        while current <= end:
            days.append((current, name))
            current += datetime.timedelta(days=1)
    return days


def _pad(text: str) -> str:
    y, m, d = text.split("-")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


@transaction.atomic
def calendar_year_save(*, actor, year: int, note: str = "", holidays: str = "", workdays: str = "") -> CalendarYear:
    """Replace the entered days of `year` with these (the whole year is entered at once)."""
    require_cap(actor, Cap.MANAGE_CALENDAR)
    if not 2000 <= int(year) <= 2200:
        raise ValidationError({"year": ValidationError("年份应在2000至2200之间。", code="range")})
    rest = parse_day_lines(holidays, year=year, field="holidays")
    work = parse_day_lines(workdays, year=year, field="workdays")
    if not rest:
        raise ValidationError({"holidays": ValidationError("请至少录入一个放假日期。", code="required")})
    clash = {d for d, _ in rest} & {d for d, _ in work}
    if clash:
        first = min(clash)
        raise ValidationError({"workdays": ValidationError(f"{first} 同时被填为放假和调休上班。", code="clash")})
    for day, _ in work:
        if day.weekday() < 5:
            raise ValidationError(
                {"workdays": ValidationError(f"{day} 是工作日，不需要填为调休上班。", code="not_weekend")}
            )
    calendar_year, _ = CalendarYear.objects.update_or_create(year=year, defaults={"note": note, "entered_by": actor})
    calendar_year.days.all().delete()
    days = [
        CalendarDay(calendar_year=calendar_year, date=d, is_working_day=False, name=n) for d, n in dict(rest).items()
    ]
    days += [
        CalendarDay(calendar_year=calendar_year, date=d, is_working_day=True, name=n) for d, n in dict(work).items()
    ]
    CalendarDay.objects.bulk_create(days)
    audit_bulk_created(
        actor=actor, instances=days, fields=["date", "is_working_day", "name"], source=f"{year}年节假日录入"
    )
    return calendar_year
