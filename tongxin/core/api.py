import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from tongxin.core import workdays
from tongxin.core.api_base import responses

router = Router(tags=["工作日"])


class WorkingDaysQuery(Schema):
    start: datetime.date = Field(description="起算日期 YYYY-MM-DD（当天不计）")
    days: int = Field(ge=0, le=workdays.MAX_DAYS, description="工作日数")


class WorkingDaysOut(Schema):
    due_on: datetime.date
    source: str = Field(description="official：国务院公布；admin：管理员录入；weekends_only：仅按周末")


class BetweenQuery(Schema):
    start: datetime.date
    end: datetime.date


class BetweenOut(Schema):
    days: int
    source: str


@router.get(
    "/working-days",
    auth=None,
    response=responses({200: WorkingDaysOut}, public=True),
    summary="起算日后第 N 个工作日（按法定节假日与调休）",
)
def working_days(request, params: Query[WorkingDaysQuery]):
    result = workdays.add_working_days(params.start, params.days)
    return {"due_on": result.date, "source": result.source}


@router.get(
    "/working-days-between",
    auth=None,
    response=responses({200: BetweenOut}, public=True),
    summary="两个日期之间的工作日数（起日不计，止日计）",
)
def working_days_between(request, params: Query[BetweenQuery]):
    if abs((params.end - params.start).days) > workdays.MAX_DAYS * 2:
        from django.core.exceptions import ValidationError

        raise ValidationError({"end": ValidationError("日期跨度不能超过20年。", code="span_too_long")})
    result = workdays.working_days_between(params.start, params.end)
    return {"days": result.days, "source": result.source}
