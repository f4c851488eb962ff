"""Study records, collective study and democratic evaluation: writes and the figures they produce."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.errors import Conflict
from tongxin.members.models import Member
from tongxin.orglife.choices import Grade, StudyKind
from tongxin.orglife.models import Evaluation, StudyRecord, StudySession


def _member_for(actor, person_id) -> Member:
    """Members record their own study; secretaries (people managers) for anyone in scope."""
    member = Member.objects.select_related("org").filter(person_id=person_id).first()
    if member is None:
        raise ValidationError({"person_id": ValidationError("此人不是党员。", code="not_member")})
    scope = scope_for(actor)
    own = actor.person_id == person_id
    if not own and not (scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(member.org_id)):
        raise ValidationError({"person_id": ValidationError("党员不存在或不在您的权限范围内。", code="not_found")})
    return member


@transaction.atomic
def study_record_add(
    *, actor, person_id: int, kind: str, on: datetime.date, title: str, minutes: int = 0, audience: int = 0
) -> StudyRecord:
    member = _member_for(actor, person_id)
    errors = {}
    if kind not in StudyKind.values:
        errors["kind"] = ValidationError("类别应为党员在读或党员在讲。", code="invalid_choice")
    title = " ".join(str(title or "").split())
    if not title:
        errors["title"] = ValidationError("请填写学习材料或宣讲题目。", code="required")
    elif len(title) > 200:
        errors["title"] = ValidationError("不能超过200个字符。", code="max_length")
    if on > timezone.localdate():
        errors["on"] = ValidationError("日期不能晚于今天。", code="future_date")
    if kind == StudyKind.READING and not 1 <= int(minutes) <= 1440:
        errors["minutes"] = ValidationError("阅读时长应在1至1440分钟之间。", code="range")
    if kind == StudyKind.TALK and not 1 <= int(audience) <= 100_000:
        errors["audience"] = ValidationError("请填写受众人数。", code="range")
    if errors:
        raise ValidationError(errors)
    return StudyRecord.objects.create(
        person_id=person_id, org_id=member.org_id, kind=kind, on=on, title=title,
        minutes=int(minutes) if kind == StudyKind.READING else int(minutes or 0), audience=int(audience or 0), created_by=actor,
    )  # fmt: skip


@dataclass
class StudyTotals:
    reading_count: int
    reading_minutes: int
    talk_count: int
    talk_audience: int

    def statement(self) -> str:
        """The sentence the bureau's reports use, from the records."""
        return (
            f"组织“党员在读”{self.reading_count}次，阅读时长{self.reading_minutes}分钟；"
            f"“党员在讲”{self.talk_count}次，受众{self.talk_audience}人"
        )


def study_totals(records) -> StudyTotals:
    row = records.aggregate(
        rc=Count("id", filter=Q(kind=StudyKind.READING)),
        rm=Sum("minutes", filter=Q(kind=StudyKind.READING)),
        tc=Count("id", filter=Q(kind=StudyKind.TALK)),
        ta=Sum("audience", filter=Q(kind=StudyKind.TALK)),
    )
    return StudyTotals(row["rc"] or 0, int(row["rm"] or 0), row["tc"] or 0, int(row["ta"] or 0))


def study_totals_by_person(records) -> dict[int, StudyTotals]:
    rows = records.values("person_id").annotate(
        rc=Count("id", filter=Q(kind=StudyKind.READING)),
        rm=Sum("minutes", filter=Q(kind=StudyKind.READING)),
        tc=Count("id", filter=Q(kind=StudyKind.TALK)),
        ta=Sum("audience", filter=Q(kind=StudyKind.TALK)),
    )
    return {r["person_id"]: StudyTotals(r["rc"], int(r["rm"] or 0), r["tc"], int(r["ta"] or 0)) for r in rows}


@transaction.atomic
def evaluation_set(*, actor, member: Member, year: int, grade: str, note: str = "") -> Evaluation:
    scope = scope_for(actor)
    if not (scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(member.org_id)):
        raise ValidationError({"member": ValidationError("党员不存在或不在您的权限范围内。", code="not_found")})
    if grade not in Grade.values:
        raise ValidationError(
            {"grade": ValidationError("评议等次应为优秀、合格、基本合格或不合格。", code="invalid_choice")}
        )
    if not 2000 <= int(year) <= timezone.localdate().year:
        raise ValidationError({"year": ValidationError("年度不合理。", code="range")})
    if member.joined_on.year > int(year):
        raise Conflict({"year": ValidationError("该年度此人还不是党员。", code="not_member_yet")})
    evaluation, _ = Evaluation.objects.update_or_create(
        member=member, year=year, defaults={"grade": grade, "org_id": member.org_id, "note": str(note or "")[:200]}
    )
    return evaluation


def grade_counts(evaluations) -> dict[str, int]:
    counts = dict(evaluations.values("grade").annotate(n=Count("id")).values_list("grade", "n"))
    return {g: counts.get(g, 0) for g in Grade.values}


@transaction.atomic
def study_session_add(
    *, actor, org, held_on: datetime.date, topic: str, minutes: int, speakers: str = "", attendee_ids=()
) -> StudySession:
    """A collective study session (理论学习中心组 or branch study) with who took part."""
    scope = scope_for(actor)
    if not (scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(org.pk)):
        raise ValidationError({"org_id": ValidationError("党组织不存在或不在您的权限范围内。", code="not_found")})
    errors = {}
    topic = " ".join(str(topic or "").split())
    if not topic or len(topic) > 200:
        errors["topic"] = ValidationError("请填写学习内容（200字以内）。", code="required")
    if not 1 <= int(minutes) <= 1440:
        errors["minutes"] = ValidationError("时长应在1至1440分钟之间。", code="range")
    if held_on > timezone.localdate():
        errors["held_on"] = ValidationError("日期不能晚于今天。", code="future_date")
    from tongxin.core.tree import subtree_ids_sql
    from tongxin.orgs.models import PartyOrg

    members = set(Member.objects.in_subtree_of(subtree_ids_sql(PartyOrg, [org.pk])).values_list("person_id", flat=True))
    attendees = [pid for pid in attendee_ids if pid in members]
    if len(attendees) != len(set(attendee_ids)):
        errors["attendees"] = ValidationError("参加人员应是本组织的党员。", code="not_member")
    if errors:
        raise ValidationError(errors)
    session = StudySession.objects.create(
        org=org,
        held_on=held_on,
        topic=topic,
        minutes=int(minutes),
        speakers=str(speakers or "")[:200],
        created_by=actor,
    )
    session.attendees.set(attendees)
    return session
