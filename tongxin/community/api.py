"""Service-desk API: appeal categories, appeals and their steps; charity items and stock movements."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status
from pydantic import Field

from tongxin.community import services
from tongxin.community.choices import Channel, Direction
from tongxin.community.models import AppealCategory, CharityItem
from tongxin.community.selectors import get_visible
from tongxin.core.api_base import ObjectId, StrictSchema, responses
from tongxin.orgs.selectors import unit_get_for_user
from tongxin.people.selectors import person_get_for_user

appeals_router = Router(tags=["群众诉求"])
charity_router = Router(tags=["爱心超市"])


class CategoryOut(Schema):
    code: str
    name: str
    limit_working_days: int | None
    limit_hours: int | None


class CategoryList(Schema):
    items: list[CategoryOut]


@appeals_router.get("/categories", response=responses({200: CategoryList}), summary="诉求类别及承诺时限")
def category_list(request):
    return {
        "items": [
            {"code": c.code, "name": c.name, "limit_working_days": c.limit_working_days, "limit_hours": c.limit_hours}
            for c in AppealCategory.objects.order_by("position", "id")
        ]
    }


class AppealIn(StrictSchema):
    community_id: ObjectId
    channel: Channel = Field(description="window、phone、mailbox、online、grid")
    category: str = Field(max_length=30, description="类别代码，见 GET /appeals/categories")
    content: str = Field(max_length=5000)
    received_at: datetime.datetime
    contact_name: str | None = Field(default=None, max_length=50)
    contact_phone: str | None = Field(default=None, max_length=20)
    proxy: bool = Field(default=False, description="代办")


class AppealTransitionIn(StrictSchema):
    action: str = Field(max_length=20, description="assign、remind、reply（note 为答复内容）、follow_up、reopen、close")
    note: str | None = Field(default=None, max_length=5000)
    satisfaction: str | None = Field(default=None, max_length=20, description="回访时：satisfied、basic、dissatisfied")
    unit_id: ObjectId | None = Field(default=None, description="交办时的承办单位（默认受理社区）")


class AppealOut(Schema):
    id: int
    community_id: int
    channel: str
    category: str
    status: str
    received_at: datetime.datetime
    due_at: datetime.datetime = Field(description="承诺办结时间：按工作日（法定节假日和调休按官方日历）或小时计算")
    at_risk: bool
    escalation_level: int
    satisfaction: str
    reminders: int


def appeal_out(a) -> dict:
    return {
        "id": a.pk, "community_id": a.community_id, "channel": a.channel, "category": a.category.code,
        "status": a.status, "received_at": a.received_at, "due_at": a.due_at, "at_risk": a.at_risk,
        "escalation_level": a.escalation_level, "satisfaction": a.satisfaction, "reminders": a.reminders,
    }  # fmt: skip


@appeals_router.post("", response=responses({201: AppealOut}, 403, 404), summary="受理群众诉求")
def appeal_create(request, payload: AppealIn):
    community = unit_get_for_user(request.user, payload.community_id)
    appeal = services.appeal_create(
        actor=request.user, community=community, channel=payload.channel, category=payload.category,
        content=payload.content, received_at=payload.received_at, contact_name=payload.contact_name or "",
        contact_phone=payload.contact_phone or "", proxy=payload.proxy,
    )  # fmt: skip
    return Status(201, appeal_out(appeal))


@appeals_router.get("/{int:appeal_id}", response=responses({200: AppealOut}, 404), summary="诉求详情")
def appeal_detail(request, appeal_id: int):
    from tongxin.community.models import Appeal

    return appeal_out(get_visible(Appeal, request.user, appeal_id, "category"))


@appeals_router.post(
    "/{int:appeal_id}/transitions",
    response=responses({200: AppealOut}, 403, 404, 409),
    summary="交办、催办、答复、回访、重办、办结",
)
def appeal_transition(request, appeal_id: int, payload: AppealTransitionIn):
    from tongxin.community.models import Appeal

    appeal = get_visible(Appeal, request.user, appeal_id, "category")
    unit = unit_get_for_user(request.user, payload.unit_id) if payload.unit_id else None
    appeal = services.appeal_transition(
        actor=request.user, appeal=appeal, action=payload.action, note=payload.note or "",
        satisfaction=payload.satisfaction or "", unit=unit,
    )  # fmt: skip
    return appeal_out(appeal)


class ItemIn(StrictSchema):
    name: str = Field(max_length=50)
    unit: str = Field(max_length=10, description="计量单位，如 袋、件、元")
    community_id: ObjectId | None = Field(default=None, description="爱心超市所在社区（默认本人所在单位）")


class ItemOut(Schema):
    id: int
    name: str
    unit: str
    owner_id: int
    stock: Decimal


class MovementIn(StrictSchema):
    item_id: ObjectId
    direction: Direction = Field(description="in（捐赠入库）或 out（救助出库）")
    quantity: Decimal = Field(gt=0, le=Decimal("9999999999.99"), decimal_places=2)
    value: Decimal | None = Field(default=None, ge=0, le=Decimal("9999999999.99"), decimal_places=2)
    recipient_person_id: ObjectId | None = None
    donor_kind: str | None = Field(default=None, max_length=10, description="unit、public、member")
    donor_name: str | None = Field(default=None, max_length=100)


class MovementOut(Schema):
    id: int
    item_id: int
    direction: str
    quantity: Decimal
    stock: Decimal = Field(description="本次出入库后的库存")


@charity_router.post("/items", response=responses({201: ItemOut}, 403, 404, 409), summary="登记爱心超市物品")
def item_create(request, payload: ItemIn):
    owner = unit_get_for_user(request.user, payload.community_id) if payload.community_id else None
    item = services.charity_item_create(actor=request.user, name=payload.name, unit=payload.unit, owner=owner)
    return Status(
        201, {"id": item.pk, "name": item.name, "unit": item.unit, "owner_id": item.owner_id, "stock": item.stock}
    )


@charity_router.post(
    "/movements", response=responses({201: MovementOut}, 403, 404, 409), summary="捐赠入库或救助出库；库存不足返回 409"
)
def movement_create(request, payload: MovementIn):
    item = get_visible(CharityItem, request.user, payload.item_id)
    recipient = person_get_for_user(request.user, payload.recipient_person_id) if payload.recipient_person_id else None
    movement = services.charity_move(
        actor=request.user, item=item, direction=payload.direction, quantity=payload.quantity, value=payload.value,
        recipient=recipient, donor_kind=payload.donor_kind or "", donor_name=payload.donor_name or "",
    )  # fmt: skip
    return Status(201, {"id": movement.pk, "item_id": item.pk, "direction": movement.direction,
                        "quantity": movement.quantity, "stock": movement.stock_after})  # fmt: skip
