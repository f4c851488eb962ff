"""Casework API: households and their members, assistance applications and their steps, payment runs."""

import datetime
from decimal import Decimal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from tongxin.assistance import selectors, services
from tongxin.assistance.choices import AppStatus, Programme
from tongxin.core.api_base import ObjectId, StrictSchema, responses
from tongxin.orgs.selectors import unit_get_for_user
from tongxin.people.selectors import person_get_for_user

households_router = Router(tags=["家庭"])
router = Router(tags=["社会救助"])


class HouseholdIn(StrictSchema):
    head_person_id: ObjectId
    region_code: str = Field(max_length=6, description="户籍地行政区划代码（6位）")
    address: str = Field(max_length=200)
    stability: str | None = Field(default=None, max_length=10, description="stable、basic（默认）、unstable")
    bank_name: str | None = Field(default=None, max_length=50)
    bank_account: str | None = Field(default=None, max_length=30)


class MemberIn(StrictSchema):
    person_id: ObjectId
    relation: str = Field(max_length=12, description="spouse、child、parent、grandchild、grandparent、sibling、other")


class MemberOut(Schema):
    person_id: int
    name: str
    relation: str


class HouseholdOut(Schema):
    id: int
    head_person_id: int
    region_code: str
    address: str
    unit_id: int
    township_id: int
    stability: str
    members: list[MemberOut]


def household_out(household) -> dict:
    members = household.members.select_related("person").order_by("id")
    return {
        "id": household.pk, "head_person_id": household.head_id, "region_code": household.region_code,
        "address": household.address, "unit_id": household.unit_id, "township_id": household.township_id,
        "stability": household.stability,
        "members": [{"person_id": m.person_id, "name": m.person.name, "relation": m.relation} for m in members],
    }  # fmt: skip


@households_router.post(
    "", response=responses({201: HouseholdOut}, 403, 404, 409), summary="登记家庭（户主自动成为第一名成员）"
)
def household_create(request, payload: HouseholdIn):
    head = person_get_for_user(request.user, payload.head_person_id)
    data = payload.dict(exclude={"head_person_id"}, exclude_none=True)
    household = services.household_create(actor=request.user, head=head, **data)
    return Status(201, household_out(household))


@households_router.get("/{int:household_id}", response=responses({200: HouseholdOut}, 404), summary="家庭详情")
def household_detail(request, household_id: int):
    return household_out(selectors.household_get_for_user(request.user, household_id))


@households_router.post(
    "/{int:household_id}/members",
    response=responses({201: HouseholdOut}, 403, 404, 409),
    summary="增加家庭成员；已属于其他家庭的人返回 409",
)
def household_member_add(request, household_id: int, payload: MemberIn):
    household = selectors.household_get_for_user(request.user, household_id)
    person = person_get_for_user(request.user, payload.person_id)
    services.household_add_member(actor=request.user, household=household, person=person, relation=payload.relation)
    return Status(201, household_out(household))


class ApplicationIn(StrictSchema):
    household_id: ObjectId
    programme: Programme = Field(description="dibao（低保）、tekun（特困）、temporary（临时救助）、medical（医疗救助）")
    applied_on: datetime.date
    reason: str | None = Field(default=None, max_length=2000)


class TransitionIn(StrictSchema):
    action: str = Field(
        max_length=20,
        description="accept 受理、investigate 入户调查、township_approve 乡镇审核通过、start_notice 开始公示（7天）、"
        "confirm 县级确认（公示期满后）、refuse 不予批准（note 写明理由）、extend 延期一次（note 写明原因）",
    )
    note: str | None = Field(default=None, max_length=2000)


class ApplicationOut(Schema):
    id: int
    household_id: int
    township_id: int
    programme: str
    applied_on: datetime.date
    status: str
    due_on: datetime.date = Field(description="办结期限：申请日起按工作日计算（法定节假日和调休按官方日历）")
    extended: bool
    notice_starts_on: datetime.date | None
    notice_ends_on: datetime.date | None
    decided_on: datetime.date | None
    refusal_reason: str
    refusal_notice_due_on: datetime.date | None


class ApplicationList(Schema):
    items: list[ApplicationOut]
    count: int


class ApplicationFilter(Schema):
    status: AppStatus | None = None
    programme: Programme | None = None
    overdue: bool = False
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=10_000_000)


def application_out(a) -> dict:
    return {
        "id": a.pk, "household_id": a.household_id, "township_id": a.township_id, "programme": a.programme,
        "applied_on": a.applied_on, "status": a.status, "due_on": a.due_on, "extended": a.extended,
        "notice_starts_on": a.notice_starts_on, "notice_ends_on": a.notice_ends_on, "decided_on": a.decided_on,
        "refusal_reason": a.refusal_reason, "refusal_notice_due_on": a.refusal_notice_due_on,
    }  # fmt: skip


@router.post("/applications", response=responses({201: ApplicationOut}, 403, 404, 409), summary="提交救助申请")
def application_create(request, payload: ApplicationIn):
    household = selectors.household_get_for_user(request.user, payload.household_id)
    application = services.application_create(
        actor=request.user, household=household, programme=payload.programme, applied_on=payload.applied_on,
        reason=payload.reason or "",
    )  # fmt: skip
    return Status(201, application_out(application))


@router.get("/applications", response=responses({200: ApplicationList}), summary="救助申请列表")
def application_list(request, filters: Query[ApplicationFilter]):
    qs = selectors.application_list(
        user=request.user, status=filters.status or "", programme=filters.programme or "", overdue=filters.overdue
    )
    page = qs[filters.offset : filters.offset + filters.limit]
    return {"items": [application_out(a) for a in page], "count": qs.count()}


@router.get("/applications/{int:application_id}", response=responses({200: ApplicationOut}, 404), summary="申请详情")
def application_detail(request, application_id: int):
    return application_out(selectors.application_get_for_user(request.user, application_id))


@router.post(
    "/applications/{int:application_id}/transitions",
    response=responses({200: ApplicationOut}, 403, 404, 409),
    summary="办理一步：非法的步骤或并发冲突返回 409",
)
def application_transition(request, application_id: int, payload: TransitionIn):
    application = selectors.application_get_for_user(request.user, application_id)
    application = services.application_transition(
        actor=request.user, application=application, action=payload.action, note=payload.note or ""
    )
    return application_out(application)


class RunIn(StrictSchema):
    programme: str = Field(max_length=20, description="dibao、tekun、child_allowance")
    township_id: ObjectId
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")


class RunActionIn(StrictSchema):
    action: str = Field(max_length=10, description="review 复核、lock 锁定、reopen 退回重算")


class RunOut(Schema):
    id: int
    programme: str
    township_id: int
    month: str
    status: str
    count: int
    total: Decimal
    stops: list[dict]


def run_out(run) -> dict:
    from django.db.models import Count, Sum

    totals = run.payments.aggregate(n=Count("id"), total=Sum("amount"))
    return {
        "id": run.pk, "programme": run.programme, "township_id": run.township_id, "month": f"{run.month:%Y-%m}",
        "status": run.status, "count": totals["n"], "total": Decimal(str(totals["total"] or 0)).quantize(
            Decimal("0.01")), "stops": run.stops,
    }  # fmt: skip


@router.post("/payment-runs", response=responses({201: RunOut}, 403, 404, 409), summary="计算（或重算）月度发放批次")
def run_compute(request, payload: RunIn):
    township = unit_get_for_user(request.user, payload.township_id)
    year, month = (int(x) for x in payload.month.split("-"))
    if not (2000 <= year <= 2200 and 1 <= month <= 12):
        from django.core.exceptions import ValidationError

        raise ValidationError({"month": ValidationError("月份格式应为 YYYY-MM。", code="invalid")})
    run = services.run_compute(
        actor=request.user, programme=payload.programme, township=township, month=datetime.date(year, month, 1)
    )
    return Status(201, run_out(run))


@router.post(
    "/payment-runs/{int:run_id}/transitions", response=responses({200: RunOut}, 403, 404, 409), summary="复核、锁定"
)
def run_transition(request, run_id: int, payload: RunActionIn):
    run = selectors.run_get_for_user(request.user, run_id)
    return run_out(services.run_advance(actor=request.user, run=run, action=payload.action))
