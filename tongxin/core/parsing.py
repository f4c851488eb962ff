"""Reading dates and months from request parameters: a bad value is a field error, never a 500."""

import datetime

from django.core.exceptions import ValidationError


def parse_date(value, *, field: str, label: str = "日期", required: bool = True) -> datetime.date | None:
    text = str(value or "").strip()
    if not text:
        if required:
            raise ValidationError({field: ValidationError(f"请填写{label}。", code="required")})
        return None
    try:
        day = datetime.date.fromisoformat(text[:10])
    except ValueError:
        raise ValidationError({field: ValidationError(f"{label}格式应为 YYYY-MM-DD。", code="invalid")}) from None
    if not 2000 <= day.year <= 2200:
        raise ValidationError({field: ValidationError(f"{label}超出范围。", code="out_of_range")})
    return day


def parse_month(value, default: datetime.date) -> datetime.date:
    """'2026-11' -> 2026-11-01; anything else -> `default`."""
    try:
        year, month = (int(x) for x in str(value).split("-")[:2])
        return datetime.date(year, month, 1) if 2000 <= year <= 2200 else default
    except (TypeError, ValueError):
        return default


def parse_year(value, default: int) -> int:
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2200 else default


def paging(request, page) -> dict:
    """Context for templates/_pagination.html: the page and the current filters without `page`."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"page_obj": page, "querystring_base": query.urlencode() + "&" if query else ""}
