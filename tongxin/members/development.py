"""Member development (发展党员): the five stages, their dated steps and the time rules.

Order is enforced (a step needs the one before it); the rules that the regulations state as
minimums are enforced too (cultivated ≥ 12 months before becoming a candidate, ≥ 24 hours of
training before the branch assembly, the probation year); the deadlines (talk within a month,
reviews every six months, approval within three months) feed the due and overdue list.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.dates import add_months
from tongxin.core.errors import Conflict
from tongxin.core.permissions import require_cap
from tongxin.members.choices import DevelopmentStage, DevelopmentStep, MemberStatus
from tongxin.members.models import DevelopmentCase, DevelopmentRule, DevelopmentStepRecord, Member
from tongxin.orgs.choices import BRANCH_KINDS
from tongxin.orgs.models import PartyOrg

S = DevelopmentStep
# step -> (stage the case must be in, steps that must already be recorded, stage afterwards)
FLOW = {
    S.FIRST_TALK: ({DevelopmentStage.APPLICANT}, set(), None),
    S.ACTIVIST: ({DevelopmentStage.APPLICANT}, {S.FIRST_TALK}, DevelopmentStage.ACTIVIST),
    S.ACTIVIST_REVIEW: ({DevelopmentStage.ACTIVIST}, {S.ACTIVIST}, None),
    S.CANDIDATE: ({DevelopmentStage.ACTIVIST}, {S.ACTIVIST}, DevelopmentStage.CANDIDATE),
    S.TRAINING: ({DevelopmentStage.CANDIDATE}, {S.CANDIDATE}, None),
    S.BRANCH_RESOLUTION: ({DevelopmentStage.CANDIDATE}, {S.TRAINING}, None),
    S.APPROVAL: ({DevelopmentStage.CANDIDATE}, {S.BRANCH_RESOLUTION}, None),
    S.PROBATIONARY: ({DevelopmentStage.CANDIDATE}, {S.APPROVAL}, DevelopmentStage.PROBATIONARY),
    S.FULL: ({DevelopmentStage.PROBATIONARY}, {S.PROBATIONARY}, DevelopmentStage.FULL),
}


def rules() -> dict[str, int]:
    return dict(DevelopmentRule.objects.values_list("code", "value"))


def _require(actor, org_id):
    require_cap(actor, Cap.MANAGE_PEOPLE)
    if not scope_for(actor).covers_org(org_id):
        raise ValidationError({"org_id": ValidationError("党组织不存在或不在您的权限范围内。", code="not_found")})


@transaction.atomic
def development_apply(*, actor, person, org_id, applied_on: datetime.date) -> DevelopmentCase:
    org = PartyOrg.objects.filter(pk=org_id, kind__in=BRANCH_KINDS).first() if org_id else None
    if org is None:
        raise ValidationError({"org_id": ValidationError("请选择一个党支部。", code="not_found")})
    _require(actor, org.pk)
    limits = rules()
    errors = {}
    if applied_on > timezone.localdate():
        errors["applied_on"] = ValidationError("日期不能晚于今天。", code="future_date")
    elif add_months(person.birth_date, 12 * limits.get("min_age", 18)) > applied_on:
        errors["applied_on"] = ValidationError(
            f"递交入党申请时应年满{limits.get('min_age', 18)}周岁。", code="too_young"
        )
    if errors:
        raise ValidationError(errors)
    if Member.objects.filter(person=person).exists():
        raise Conflict({"person_id": ValidationError("此人已是党员。", code="already_member")})
    if (
        DevelopmentCase.objects.filter(person=person)
        .exclude(stage__in=[DevelopmentStage.FULL, DevelopmentStage.STOPPED])
        .exists()
    ):
        raise Conflict({"person_id": ValidationError("此人已有进行中的发展记录。", code="open_case")})
    return DevelopmentCase.objects.create(person=person, org=org, applied_on=applied_on)


@transaction.atomic
def development_step(
    *, actor, case: DevelopmentCase, step: str, on: datetime.date, hours: int | None = None, note: str = ""
) -> DevelopmentStepRecord:
    case = DevelopmentCase.objects.select_for_update().select_related("person").get(pk=case.pk)
    _require(actor, case.org_id)
    if step not in S.values:
        raise ValidationError({"step": ValidationError("步骤无效。", code="invalid_choice")})
    stages, needed, next_stage = FLOW[step]
    done = {s.step: s.on for s in case.steps.all()}
    if case.stage not in stages:
        raise Conflict(
            {
                "step": ValidationError(
                    f"当前阶段为{case.get_stage_display()}，不能进行“{S(step).label}”。", code="wrong_stage"
                )
            }
        )
    missing = [str(S(s).label) for s in needed if s not in done]
    if missing:
        raise Conflict({"step": ValidationError(f"请先完成：{'、'.join(missing)}。", code="step_order")})
    if on > timezone.localdate():
        raise ValidationError({"on": ValidationError("日期不能晚于今天。", code="future_date")})
    earliest = max([case.applied_on, *done.values()])
    if on < earliest:
        raise ValidationError({"on": ValidationError(f"日期不能早于上一步（{earliest}）。", code="before_previous")})
    limits = rules()
    if step == S.CANDIDATE and on < add_months(done[S.ACTIVIST], limits.get("activist_min", 12)):
        ready = add_months(done[S.ACTIVIST], limits.get("activist_min", 12))
        raise Conflict(
            {
                "on": ValidationError(
                    f"入党积极分子须培养教育{limits.get('activist_min', 12)}个月以上，{ready}之后才能确定为发展对象。",
                    code="too_early",
                )
            }
        )
    if step == S.TRAINING and (hours or 0) < limits.get("training_hours", 24):
        raise ValidationError(
            {"hours": ValidationError(f"集中培训不少于{limits.get('training_hours', 24)}学时。", code="too_short")}
        )
    if step == S.FULL:
        member = Member.objects.filter(person=case.person).first()
        ends = member.probation_ends_on if member else None
        if ends and on < ends:
            raise Conflict({"on": ValidationError(f"预备期到{ends}才满，不能提前转正。", code="probation_not_over")})
    record = DevelopmentStepRecord.objects.create(
        case=case, step=step, on=on, hours=hours, note=str(note or "")[:200], recorded_by=actor
    )
    if step == S.PROBATIONARY:
        Member.objects.create(
            person=case.person, org=case.org, status=MemberStatus.PROBATIONARY, joined_on=on,
            probation_ends_on=add_months(on, limits.get("probation", 12)), last_contact_on=on,
        )  # fmt: skip
    if step == S.FULL:
        Member.objects.filter(person=case.person).update(status=MemberStatus.FULL)
    if next_stage:
        case.stage = next_stage
        case.save(update_fields=["stage", "updated_at"])
    return record


@transaction.atomic
def development_stop(*, actor, case: DevelopmentCase, reason: str) -> DevelopmentCase:
    case = DevelopmentCase.objects.select_for_update().get(pk=case.pk)
    _require(actor, case.org_id)
    if case.stage in (DevelopmentStage.FULL, DevelopmentStage.STOPPED, DevelopmentStage.PROBATIONARY):
        raise Conflict({"stage": ValidationError("这个阶段不能停止发展。", code="wrong_stage")})
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError("请写明原因。", code="required")})
    case.stage = DevelopmentStage.STOPPED
    case.stopped_reason = reason[:200]
    case.save()
    return case


@dataclass
class DueStep:
    case: DevelopmentCase
    step: str
    due_on: datetime.date
    overdue: bool

    @property
    def label(self) -> str:
        return str(S(self.step).label)


def due_steps(cases, *, today: datetime.date) -> list[DueStep]:
    """The next dated step of each open case, soonest first (cases must prefetch 'steps')."""
    limits = rules()
    result = []
    for case in cases:
        done = {}
        reviews = []
        for s in case.steps.all():
            done[s.step] = s.on
            if s.step == S.ACTIVIST_REVIEW:
                reviews.append(s.on)
        step = due = None
        if case.stage == DevelopmentStage.APPLICANT and S.FIRST_TALK not in done:
            step, due = S.FIRST_TALK, add_months(case.applied_on, limits.get("talk_within", 1))
        elif case.stage == DevelopmentStage.ACTIVIST:
            last = max([done[S.ACTIVIST], *reviews])
            step, due = S.ACTIVIST_REVIEW, add_months(last, limits.get("activist_review", 6))
        elif case.stage == DevelopmentStage.CANDIDATE and S.BRANCH_RESOLUTION in done and S.APPROVAL not in done:
            step, due = S.APPROVAL, add_months(done[S.BRANCH_RESOLUTION], limits.get("approval_within", 3))
        elif case.stage == DevelopmentStage.PROBATIONARY and S.PROBATIONARY in done:
            step, due = S.FULL, add_months(done[S.PROBATIONARY], limits.get("probation", 12))
        if step:
            result.append(DueStep(case, step, due, due < today))
    return sorted(result, key=lambda d: d.due_on)
