import datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from tongxin.core.api_base import ObjectId, StrictSchema, responses
from tongxin.orgs import selectors, services
from tongxin.orgs.choices import PartyOrgKind, UnitKind

orgs_router = Router(tags=["党组织"])
units_router = Router(tags=["行政单位"])


class OrgIn(StrictSchema):
    name: str = Field(max_length=100)
    kind: PartyOrgKind = Field(
        description="committee, leading_group, general_branch, branch, joint_branch, temporary_branch, group"
    )
    parent_id: ObjectId | None = Field(description="上级党组织；顶层组织为 null（仅系统管理员）")
    established_on: datetime.date | None = None
    unit_id: ObjectId | None = Field(default=None, description="所在单位；不填时沿用上级的单位")


class OrgOut(Schema):
    id: int
    name: str
    kind: str
    kind_name: str
    parent_id: int | None
    unit_id: int | None
    established_on: datetime.date | None


class OrgDetail(OrgOut):
    member_count: int = Field(description="本组织及下级组织的党员总数")
    children: list[OrgOut]


class OrgList(Schema):
    items: list[OrgOut]
    count: int


class MoveIn(StrictSchema):
    parent_id: ObjectId | None = Field(description="新的上级；null 表示移到顶层（仅系统管理员）")


class UnitIn(StrictSchema):
    name: str = Field(max_length=100)
    kind: UnitKind = Field(description="bureau, section, institution, township, community, village")
    parent_id: ObjectId | None
    region_code: str | None = Field(default=None, max_length=6, description="6位行政区划代码")


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_name: str
    parent_id: int | None
    region_code: str


class UnitDetail(UnitOut):
    person_count: int = Field(description="本单位及下级单位登记的人员总数")
    children: list[UnitOut]


class UnitList(Schema):
    items: list[UnitOut]
    count: int


class OrgFilter(Schema):
    kind: PartyOrgKind | None = None


class UnitFilter(Schema):
    kind: UnitKind | None = None


def org_out(org) -> dict:
    return {
        "id": org.pk,
        "name": org.name,
        "kind": org.kind,
        "kind_name": org.get_kind_display(),
        "parent_id": org.parent_id,
        "unit_id": org.unit_id,
        "established_on": org.established_on,
    }


def unit_out(unit) -> dict:
    return {
        "id": unit.pk,
        "name": unit.name,
        "kind": unit.kind,
        "kind_name": unit.get_kind_display(),
        "parent_id": unit.parent_id,
        "region_code": unit.region_code,
    }


@orgs_router.get("", response=responses({200: OrgList}), summary="我可见的党组织（树序）")
def org_list(request, filters: Query[OrgFilter]):
    orgs = list(selectors.party_org_list(user=request.user, kind=filters.kind))
    return {"items": [org_out(o) for o in orgs], "count": len(orgs)}


@orgs_router.post("", response=responses({201: OrgOut}, 403), summary="新建党组织")
def org_create(request, payload: OrgIn):
    org = services.party_org_create(actor=request.user, **payload.dict())
    return Status(201, org_out(org))


@orgs_router.get("/{int:org_id}", response=responses({200: OrgDetail}, 404), summary="党组织详情")
def org_detail(request, org_id: int):
    org = selectors.party_org_get_for_user(request.user, org_id)
    children = selectors.party_org_list(user=request.user).filter(parent_id=org.pk)
    return {
        **org_out(org),
        "member_count": selectors.members_in_subtree(org).count(),
        "children": [org_out(c) for c in children],
    }


@orgs_router.post("/{int:org_id}/move", response=responses({200: OrgOut}, 403, 404), summary="移动党组织（连同下级）")
def org_move(request, org_id: int, payload: MoveIn):
    org = selectors.party_org_get_for_user(request.user, org_id)
    return org_out(services.party_org_move(actor=request.user, org=org, new_parent_id=payload.parent_id))


@units_router.get("", response=responses({200: UnitList}), summary="我可见的行政单位（树序）")
def unit_list(request, filters: Query[UnitFilter]):
    units = list(selectors.unit_list(user=request.user, kind=filters.kind))
    return {"items": [unit_out(u) for u in units], "count": len(units)}


@units_router.post("", response=responses({201: UnitOut}, 403), summary="新建行政单位")
def unit_create(request, payload: UnitIn):
    unit = services.unit_create(actor=request.user, **payload.dict())
    return Status(201, unit_out(unit))


@units_router.get("/{int:unit_id}", response=responses({200: UnitDetail}, 404), summary="行政单位详情")
def unit_detail(request, unit_id: int):
    unit = selectors.unit_get_for_user(request.user, unit_id)
    children = selectors.unit_list(user=request.user).filter(parent_id=unit.pk)
    return {
        **unit_out(unit),
        "person_count": selectors.people_in_unit_subtree(unit).count(),
        "children": [unit_out(c) for c in children],
    }


@units_router.post(
    "/{int:unit_id}/move", response=responses({200: UnitOut}, 403, 404), summary="移动行政单位（连同下级）"
)
def unit_move(request, unit_id: int, payload: MoveIn):
    unit = selectors.unit_get_for_user(request.user, unit_id)
    return unit_out(services.unit_move(actor=request.user, unit=unit, new_parent_id=payload.parent_id))
