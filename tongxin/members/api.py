import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tongxin.core.api_base import ObjectId, StrictSchema, responses
from tongxin.members import selectors, services
from tongxin.members.choices import DuesCategory, MemberStatus, Situation
from tongxin.members.dues import dues_quote
from tongxin.orgs.selectors import party_org_get_for_user
from tongxin.people.selectors import person_get_for_user

router = Router(tags=["党员"])
dues_router = Router(tags=["党费"])


class MemberIn(StrictSchema):
    person_id: ObjectId
    org_id: ObjectId = Field(description="所在党支部")
    status: MemberStatus = Field(description="full（正式党员）或 probationary（预备党员）")
    joined_on: datetime.date = Field(description="入党日期 YYYY-MM-DD")
    group_id: ObjectId | None = Field(default=None, description="所在党小组（可选）")
    situation: Situation | None = Field(default=None, description="employed、retired、mobile")
    dues_category: DuesCategory | None = None
    dues_base: Decimal | None = Field(default=None, ge=0, le=10_000_000, max_digits=10, decimal_places=2)
    residence_community_id: ObjectId | None = Field(default=None, description="居住地社区（双报到）")


class MemberOut(Schema):
    id: int
    person_id: int
    name: str
    org_id: int
    group_id: int | None
    status: str
    joined_on: datetime.date
    probation_ends_on: datetime.date | None
    situation: str
    lost_contact: bool = Field(description="超过6个月没有联系（失联）")
    dues_category: str
    residence_community_id: int | None


class MemberList(Schema):
    items: list[MemberOut]
    count: int


class MemberFilter(Schema):
    org_id: ObjectId | None = Field(default=None, description="只看这个党组织（含下级）")
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class QuoteQuery(Schema):
    category: DuesCategory
    base: Decimal = Field(ge=0, le=10_000_000, max_digits=12, decimal_places=2, description="月计算基数（元）")
    org_id: ObjectId | None = Field(default=None, description="农民党员按该党支部设定的金额")


class QuoteOut(Schema):
    rate: str = Field(description="比例，如 0.015；定额类别为 0")
    amount: str = Field(description="每月应交金额，两位小数")


def member_out(member, today) -> dict:
    return {
        "id": member.pk,
        "person_id": member.person_id,
        "name": member.person.name,
        "org_id": member.org_id,
        "group_id": member.group_id,
        "status": member.status,
        "joined_on": member.joined_on,
        "probation_ends_on": member.probation_ends_on,
        "situation": member.situation,
        "lost_contact": member.is_lost_contact(today),
        "dues_category": member.dues_category,
        "residence_community_id": member.residence_community_id,
    }


@router.post("", response=responses({201: MemberOut}, 403, 404, 409), summary="登记党员")
def member_create(request, payload: MemberIn):
    from django.utils import timezone

    person = person_get_for_user(request.user, payload.person_id)
    data = payload.dict(exclude={"person_id"})
    member = services.member_create(actor=request.user, person=person, **data)
    return Status(201, member_out(member, timezone.localdate()))


@router.get("", response=responses({200: MemberList}, 404), summary="我可见的党员")
def member_list(request, filters: Query[MemberFilter]):
    from django.utils import timezone

    org = party_org_get_for_user(request.user, filters.org_id) if filters.org_id else None
    qs = selectors.member_list(user=request.user, org=org)
    today = timezone.localdate()
    items = [member_out(m, today) for m in qs[filters.offset : filters.offset + filters.limit]]
    return {"items": items, "count": qs.count()}


@router.get("/{int:member_id}", response=responses({200: MemberOut}, 404), summary="党员详情")
def member_detail(request, member_id: int):
    from django.utils import timezone

    member = selectors.member_get_for_user(request.user, member_id)
    if member is None:
        raise Http404
    return member_out(member, timezone.localdate())


@dues_router.get("/quote", response=responses({200: QuoteOut}, 404), summary="按2008年规定计算每月党费")
def quote(request, params: Query[QuoteQuery]):
    farmer_amount = Decimal("0.20")
    if params.org_id is not None:
        farmer_amount = party_org_get_for_user(request.user, params.org_id).farmer_dues_amount
    rate, amount = dues_quote(category=params.category, base=params.base, farmer_amount=farmer_amount)
    return {"rate": format(rate.normalize(), "f") if rate else "0", "amount": f"{amount:.2f}"}
