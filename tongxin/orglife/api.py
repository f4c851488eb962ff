import datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from tongxin.core.api_base import ObjectId, StrictSchema, responses
from tongxin.orglife import selectors, services
from tongxin.orglife.choices import MeetingKind, MeetingStatus
from tongxin.orglife.compliance import compliance_for
from tongxin.orgs.api import orgs_router
from tongxin.orgs.selectors import party_org_get_for_user

router = Router(tags=["组织生活"])


class MeetingIn(StrictSchema):
    org_id: ObjectId
    kind: MeetingKind = Field(
        description="branch_assembly, committee, group, lecture, theme_day, org_life, member_evaluation, heart_talk"
    )
    planned_at: datetime.datetime = Field(description="计划时间（ISO 8601）；可以是过去的时间，用于补录纸质记录")
    place: str = Field(max_length=100)
    topic: str = Field(max_length=200)
    agenda: str | None = Field(default=None, max_length=5000)


class AbsentIn(StrictSchema):
    person_id: ObjectId
    reason: str = Field(max_length=100)


class RecordIn(StrictSchema):
    held_at: datetime.datetime
    present: list[ObjectId] = Field(max_length=2000, description="出席人员的 person id")
    absent: list[AbsentIn] = Field(default_factory=list, max_length=2000)
    minutes: str = Field(max_length=50_000)


class TransitionIn(StrictSchema):
    action: str = Field(
        max_length=20,
        description="submit（报上级审核）、approve（审核通过）、return（退回，须写原因）、cancel（取消计划）",
    )
    note: str | None = Field(default=None, max_length=300)


class MeetingOut(Schema):
    id: int
    org_id: int
    kind: str
    status: str
    planned_at: datetime.datetime
    place: str
    topic: str
    agenda: str
    held_at: datetime.datetime | None
    expected_count: int
    present_count: int
    voting_count: int
    voting_present: int
    quorum_met: bool | None = Field(description="只有正式党员有表决权；预备党员不计入法定人数")
    return_reason: str


class MeetingList(Schema):
    items: list[MeetingOut]
    count: int


class MeetingFilter(Schema):
    org_id: ObjectId | None = None
    kind: MeetingKind | None = None
    status: MeetingStatus | None = None
    year: int | None = Field(default=None, ge=2000, le=2200)
    month: int | None = Field(default=None, ge=1, le=12)
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class KindStatus(Schema):
    kind: str
    required: bool
    held: int
    status: str = Field(description="ok、missing（应开未开）、not_due")


class MonthOut(Schema):
    month: int
    kinds: list[KindStatus]


class ComplianceOut(Schema):
    months: list[MonthOut]


class YearQuery(Schema):
    year: int = Field(ge=2000, le=2200)


def meeting_out(m) -> dict:
    return {
        "id": m.pk, "org_id": m.org_id, "kind": m.kind, "status": m.status, "planned_at": m.planned_at,
        "place": m.place, "topic": m.topic, "agenda": m.agenda, "held_at": m.held_at,
        "expected_count": m.expected_count, "present_count": m.present_count, "voting_count": m.voting_count,
        "voting_present": m.voting_present, "quorum_met": m.quorum_met, "return_reason": m.return_reason,
    }  # fmt: skip


@router.post("", response=responses({201: MeetingOut}, 403), summary="计划一次会议（五定：时间、地点、内容、程序）")
def meeting_plan(request, payload: MeetingIn):
    meeting = services.meeting_plan(actor=request.user, **payload.dict())
    return Status(201, meeting_out(meeting))


@router.get("", response=responses({200: MeetingList}, 404), summary="会议列表")
def meeting_list(request, filters: Query[MeetingFilter]):
    org = party_org_get_for_user(request.user, filters.org_id) if filters.org_id else None
    qs = selectors.meeting_list(
        user=request.user, org=org, kind=filters.kind, year=filters.year, month=filters.month, status=filters.status
    )
    return {"items": [meeting_out(m) for m in qs[filters.offset : filters.offset + filters.limit]], "count": qs.count()}


@router.get("/{int:meeting_id}", response=responses({200: MeetingOut}, 404), summary="会议详情")
def meeting_detail(request, meeting_id: int):
    return meeting_out(selectors.meeting_get_for_user(request.user, meeting_id))


@router.post(
    "/{int:meeting_id}/record",
    response=responses({200: MeetingOut}, 403, 404, 409),
    summary="记录会议：出席、缺席及原因、会议记录；计算法定人数",
)
def meeting_record(request, meeting_id: int, payload: RecordIn):
    meeting = selectors.meeting_get_for_user(request.user, meeting_id)
    meeting = services.meeting_record(
        actor=request.user, meeting=meeting, held_at=payload.held_at, present=payload.present,
        absent=[a.dict() for a in payload.absent], minutes=payload.minutes,
    )  # fmt: skip
    return meeting_out(meeting)


@router.post(
    "/{int:meeting_id}/transitions",
    response=responses({200: MeetingOut}, 403, 404, 409),
    summary="报审、审核通过、退回、取消",
)
def meeting_transition(request, meeting_id: int, payload: TransitionIn):
    meeting = selectors.meeting_get_for_user(request.user, meeting_id)
    return meeting_out(
        services.meeting_transition(actor=request.user, meeting=meeting, action=payload.action, note=payload.note or "")
    )


@orgs_router.get(
    "/{int:org_id}/compliance", response=responses({200: ComplianceOut}, 404), summary="某年逐月的组织生活落实情况"
)
def org_compliance(request, org_id: int, params: Query[YearQuery]):
    org = party_org_get_for_user(request.user, org_id)
    months = compliance_for([org], params.year)[org.pk]
    return {
        "months": [
            {
                "month": i,
                "kinds": [{"kind": c.kind, "required": c.required, "held": c.held, "status": c.status} for c in cells],
            }
            for i, cells in enumerate(months, start=1)
        ]
    }
