"""Writes for organisation life: plan, record (attendance and quorum), submit, approve or return."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.errors import Conflict
from tongxin.core.permissions import require_cap
from tongxin.members.choices import MemberStatus
from tongxin.members.models import Member
from tongxin.members.services import member_contact
from tongxin.orglife.choices import (
    ASSEMBLY_KINDS,
    RECORDABLE,
    TRANSITIONS,
    MeetingKind,
    MeetingStatus,
)
from tongxin.orglife.models import Attendance, CommitteeMember, Meeting, MeetingEvent, MeetingFile
from tongxin.orgs.choices import PartyOrgKind
from tongxin.orgs.models import PartyOrg

TEXT_LIMITS = {"place": 100, "topic": 200, "agenda": 5000, "minutes": 50_000}
MAX_FILE_BYTES = 10 * 1024 * 1024
ALLOWED_FILE_TYPES = (".jpg", ".jpeg", ".png", ".pdf", ".doc", ".docx", ".xls", ".xlsx")


def _event(meeting, action, actor, note=""):
    MeetingEvent.objects.create(meeting=meeting, action=action, actor=actor, note=note[:300])


def _require_org_writer(actor, org) -> None:
    require_cap(actor, Cap.MANAGE_PEOPLE)
    if not scope_for(actor).covers_org(org.pk):
        raise ValidationError({"org_id": ValidationError("党组织不存在或不在您的权限范围内。", code="not_found")})


def _clean_text(field, value, *, required) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: ValidationError("此项为必填项。", code="required")})
    if len(text) > TEXT_LIMITS[field]:
        raise ValidationError({field: ValidationError(f"不能超过{TEXT_LIMITS[field]}个字符。", code="max_length")})
    return text


@transaction.atomic
def meeting_plan(*, actor, org_id, kind, planned_at: datetime.datetime, place, topic, agenda="") -> Meeting:
    """定时间、定地点、定内容、定程序. Past dates are allowed, to bring paper records in."""
    org = PartyOrg.objects.filter(pk=org_id).first() if org_id is not None else None
    if org is None:
        raise ValidationError({"org_id": ValidationError("党组织不存在或不在您的权限范围内。", code="not_found")})
    _require_org_writer(actor, org)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": ValidationError("会议类型无效。", code="invalid_choice")})
    if (kind == MeetingKind.GROUP) != (org.kind == PartyOrgKind.GROUP):
        message = "党小组会由党小组召开。" if kind == MeetingKind.GROUP else "党小组只召开党小组会。"
        raise ValidationError({"kind": ValidationError(message, code="kind_org_mismatch")})
    if timezone.is_naive(planned_at):
        planned_at = timezone.make_aware(planned_at)
    fields = {
        "place": _clean_text("place", place, required=True),
        "topic": _clean_text("topic", topic, required=True),
        "agenda": _clean_text("agenda", agenda, required=False),
    }
    meeting = Meeting.objects.create(org=org, kind=kind, planned_at=planned_at, created_by=actor, **fields)
    _event(meeting, "plan", actor)
    return meeting


def expected_attendees(meeting: Meeting) -> dict[int, bool]:
    """{person_id: votes} for who should attend: the committee for 支委会, the Party group for
    党小组会, every member of the branch (Party groups included) otherwise. Only full members vote."""
    if meeting.kind == MeetingKind.COMMITTEE:
        seats = CommitteeMember.objects.filter(org=meeting.org).values_list("member__person_id", flat=True)
        return dict.fromkeys(seats, True)
    if meeting.kind == MeetingKind.GROUP:
        members = Member.objects.filter(group=meeting.org)
    else:
        members = Member.objects.filter(org=meeting.org)
    return {pid: status == MemberStatus.FULL for pid, status in members.values_list("person_id", "status")}


def member_is_expected(meeting: Meeting, member: Member, committee_org_ids) -> bool:
    """The rule of `expected_attendees` for one member, without a query (committee seats given)."""
    if meeting.kind == MeetingKind.COMMITTEE:
        return meeting.org_id in committee_org_ids
    if meeting.kind == MeetingKind.GROUP:
        return meeting.org_id == member.group_id
    return meeting.org_id == member.org_id


def _quorum(kind, voting_count, voting_present) -> bool:
    """More than half of those with a vote, for 党员大会-type meetings, 支委会 and 党小组会."""
    if kind in ASSEMBLY_KINDS or kind in (MeetingKind.COMMITTEE, MeetingKind.GROUP):
        return voting_count > 0 and voting_present * 2 > voting_count
    return True


@transaction.atomic
def meeting_record(
    *, actor, meeting: Meeting, held_at: datetime.datetime, present: list[int], absent: list[dict], minutes: str
) -> Meeting:
    """Record who came (present ids; absent with a reason), compute quorum and store the minutes.
    A meeting short of quorum is recorded and flagged (quorum_met = False), never silently accepted."""
    meeting = Meeting.objects.select_for_update().select_related("org").get(pk=meeting.pk)
    _require_org_writer(actor, meeting.org)
    if meeting.status not in RECORDABLE:
        raise Conflict(
            {"status": ValidationError(f"会议{meeting.get_status_display()}，不能再修改记录。", code="not_recordable")}
        )
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    errors = {}
    if held_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["held_at"] = ValidationError("召开时间不能晚于现在。", code="future")
    expected = expected_attendees(meeting)
    present_ids = list(dict.fromkeys(present))
    absent_ids = [a["person_id"] for a in absent]
    unknown = [pid for pid in present_ids + absent_ids if pid not in expected]
    if unknown:
        errors["present" if unknown[0] in present_ids else "absent"] = ValidationError(
            f"这些人员不是本次会议的应到人员：{', '.join(map(str, unknown[:10]))}", code="not_expected"
        )
    both = set(present_ids) & set(absent_ids)
    if both:
        errors["absent"] = ValidationError("同一人不能既出席又缺席。", code="both")
    reasons = {}
    for item in absent:
        reason = str(item.get("reason") or "").strip()
        if not reason:
            errors["absent"] = ValidationError("请填写缺席原因。", code="reason_required")
        elif len(reason) > 100:
            errors["absent"] = ValidationError("缺席原因不能超过100个字符。", code="max_length")
        reasons[item["person_id"]] = reason
    if meeting.kind == MeetingKind.HEART_TALK and len(present_ids) < 2:
        errors["present"] = ValidationError("谈心谈话至少要有两人参加。", code="too_few")
    try:
        minutes = _clean_text("minutes", minutes, required=True)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)

    signed = dict(
        Attendance.objects.filter(meeting=meeting, signed_in_at__isnull=False).values_list("person_id", "signed_in_at")
    )
    Attendance.objects.filter(meeting=meeting).delete()
    rows = []
    for person_id, votes in expected.items():
        is_present = person_id in present_ids
        rows.append(
            Attendance(
                meeting=meeting, person_id=person_id, present=is_present, votes=votes,
                absence_reason="" if is_present else reasons.get(person_id, "未说明"),
                signed_in_at=signed.get(person_id),
            )
        )  # fmt: skip
    Attendance.objects.bulk_create(rows)
    voting_count = sum(1 for v in expected.values() if v)
    voting_present = sum(1 for pid in present_ids if expected[pid])
    meeting.held_at = held_at
    meeting.minutes = minutes
    meeting.expected_count = len(expected)
    meeting.present_count = len(present_ids)
    meeting.voting_count = voting_count
    meeting.voting_present = voting_present
    meeting.quorum_met = _quorum(meeting.kind, voting_count, voting_present)
    meeting.status = MeetingStatus.RECORDED
    meeting.return_reason = ""
    meeting.save()
    note = "" if meeting.quorum_met else f"未达到法定人数：有表决权{voting_count}人，实到{voting_present}人"
    _event(meeting, "record", actor, note)
    member_ids = Member.objects.filter(person_id__in=present_ids).values_list("pk", flat=True)
    member_contact(members=list(member_ids), on=timezone.localtime(held_at).date())
    return meeting


def can_check(actor, meeting: Meeting) -> bool:
    """The superior organisation checks: the caller's scope must cover the meeting's parent org."""
    scope = scope_for(actor)
    if scope.is_global:
        return True
    return meeting.org.parent_id is not None and scope.covers_org(meeting.org.parent_id) and scope.can(Cap.MANAGE_ORGS)


@transaction.atomic
def meeting_transition(*, actor, meeting: Meeting, action: str, note: str = "") -> Meeting:
    if action not in TRANSITIONS:
        raise ValidationError(
            {"action": ValidationError("操作无效：应为 submit、approve、return 或 cancel。", code="invalid_choice")}
        )
    meeting = Meeting.objects.select_for_update().select_related("org").get(pk=meeting.pk)
    allowed_from, target = TRANSITIONS[action]
    if action in ("approve", "return"):
        if not can_check(actor, meeting):
            raise Conflict(
                {"action": ValidationError("会议由上级党组织审核，您不能审核本组织的会议。", code="not_superior")}
            )
    else:
        _require_org_writer(actor, meeting.org)
    if meeting.status not in allowed_from:
        raise Conflict(
            {
                "action": ValidationError(
                    f"会议当前{meeting.get_status_display()}，不能进行此操作。", code="illegal_transition"
                )
            }
        )
    note = str(note or "").strip()[:300]
    if action == "return" and not note:
        raise ValidationError({"note": ValidationError("退回时请写明原因。", code="reason_required")})
    meeting.status = target
    if action == "return":
        meeting.return_reason = note
    meeting.save()
    _event(meeting, action, actor, note)
    return meeting


@transaction.atomic
def attendance_sign_in(*, actor, meeting: Meeting) -> Attendance:
    """A member signs in to a meeting of their own organisation (phone page)."""
    if actor.person_id is None:
        raise ValidationError("此账号未关联人员信息，不能签到。", code="no_person")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict({"status": ValidationError("只能为尚未记录的会议签到。", code="not_planned")})
    expected = expected_attendees(meeting)
    if actor.person_id not in expected:
        raise Conflict({"person": ValidationError("您不是本次会议的应到人员。", code="not_expected")})
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting, person_id=actor.person_id,
        defaults={"present": True, "votes": expected[actor.person_id], "signed_in_at": timezone.now()},
    )  # fmt: skip
    return attendance


@transaction.atomic
def meeting_attach(*, actor, meeting: Meeting, uploaded_file) -> MeetingFile:
    _require_org_writer(actor, meeting.org)
    name = getattr(uploaded_file, "name", "") or ""
    if not name.lower().endswith(ALLOWED_FILE_TYPES):
        raise ValidationError(
            {"file": ValidationError("只能上传照片（jpg、png）或 pdf、Word、Excel 文件。", code="file_type")}
        )
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ValidationError({"file": ValidationError("文件不能超过10 MB。", code="too_large")})
    attached = MeetingFile.objects.create(meeting=meeting, file=uploaded_file, name=name[:200], uploaded_by=actor)
    _event(meeting, "attach", actor, name)
    return attached


@transaction.atomic
def committee_seat_add(*, actor, org, member_id, duty, since: datetime.date) -> CommitteeMember:
    from tongxin.orglife.choices import CommitteeDuty

    _require_org_writer(actor, org)
    member = Member.objects.filter(pk=member_id, org=org, status=MemberStatus.FULL).first()
    if member is None:
        raise ValidationError({"member_id": ValidationError("支委会成员应是本支部的正式党员。", code="not_member")})
    if duty not in CommitteeDuty.values:
        raise ValidationError({"duty": ValidationError("职务无效。", code="invalid_choice")})
    if CommitteeMember.objects.filter(org=org).count() >= 7:
        raise Conflict({"member_id": ValidationError("支委会成员一般为3至5人，最多不超过7人。", code="too_many")})
    if CommitteeMember.objects.filter(org=org, member=member).exists():
        raise Conflict({"member_id": ValidationError("该党员已是支委会成员。", code="duplicate")})
    return CommitteeMember.objects.create(org=org, member=member, duty=duty, since=since)


@transaction.atomic
def committee_seat_remove(*, actor, seat: CommitteeMember) -> None:
    _require_org_writer(actor, seat.org)
    seat.delete()
