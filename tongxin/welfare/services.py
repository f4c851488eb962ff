"""Welfare services: institutions and residents, assessments, children's home visits and cases."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.assistance.choices import CHILD_CATEGORIES, Category
from tongxin.assistance.models import Coverage
from tongxin.core.errors import Conflict
from tongxin.core.permissions import require_cap
from tongxin.core.validation import clean_text, field_error
from tongxin.welfare.choices import (
    ABILITY_LEVELS,
    ADL_ITEMS,
    NEEDS,
    AssessmentKind,
    CaseEntryKind,
    CaseStatus,
    InstitutionKind,
)
from tongxin.welfare.models import (
    Assessment,
    CaseEntry,
    ChildCase,
    ChildVisit,
    Institution,
    Residency,
    VisitRule,
)

MAX_BEDS = 100_000


def _count(field, value, label) -> int:
    try:
        number = int(str(value).strip() or 0)
    except (TypeError, ValueError):
        raise field_error(field, f"{label}应为整数。", "invalid") from None
    if not 0 <= number <= MAX_BEDS:
        raise field_error(field, f"{label}应在0至{MAX_BEDS}之间。", "out_of_range")
    return number


def _not_future(field, day, label):
    if day is None:
        raise field_error(field, f"请填写{label}。", "required")
    if day > timezone.localdate():
        raise field_error(field, f"{label}不能晚于今天。", "future")
    return day


@transaction.atomic
def institution_save(*, actor, unit, kind, name, location="", beds_total=0, beds_nursing=0, opened_on=None,
                     public=True, institution: Institution | None = None) -> Institution:  # fmt: skip
    require_cap(actor, Cap.MANAGE_WELFARE)
    if unit is None or not scope_for(actor).covers_people_unit(unit.pk):
        raise field_error("unit", "所在单位不在您的权限范围内。", "out_of_scope")
    if kind not in InstitutionKind.values:
        raise field_error("kind", "机构类型无效。", "invalid_choice")
    total, nursing = _count("beds_total", beds_total, "床位"), _count("beds_nursing", beds_nursing, "护理型床位")
    if nursing > total:
        raise field_error("beds_nursing", "护理型床位不能多于总床位。", "too_many")
    if institution is not None:
        institution = Institution.objects.select_for_update().get(pk=institution.pk)
        occupied = institution.residencies.filter(left_on__isnull=True).count()
        if total < occupied:
            raise field_error(
                "beds_total", f"现有{occupied}人在院，床位不能少于在院人数。", "below_occupied", conflict=True
            )
    institution = institution or Institution()
    institution.unit, institution.kind, institution.public = unit, kind, bool(public)
    institution.name = clean_text("name", name, max_length=100, required=True, label="名称")
    institution.location = clean_text("location", location, max_length=200, label="地址")
    institution.beds_total, institution.beds_nursing, institution.opened_on = total, nursing, opened_on
    institution.save()
    return institution


@transaction.atomic
def residency_admit(*, actor, institution: Institution, person, admitted_on, nursing=False) -> Residency:
    """Admit a resident; never more residents than beds (nor nursing residents than nursing beds)."""
    require_cap(actor, Cap.MANAGE_WELFARE)
    _not_future("admitted_on", admitted_on, "入住日期")
    institution = Institution.objects.select_for_update().get(pk=institution.pk)
    open_rows = institution.residencies.filter(left_on__isnull=True)
    if open_rows.count() >= institution.beds_total:
        raise field_error(
            "institution", f"{institution.name}床位已满（{institution.beds_total}张）。", "full", conflict=True
        )
    if nursing and open_rows.filter(nursing=True).count() >= institution.beds_nursing:
        raise field_error("nursing", "护理型床位已满。", "nursing_full", conflict=True)
    current = Residency.objects.filter(person=person, left_on__isnull=True).select_related("institution").first()
    if current is not None:
        raise field_error(
            "person_id", f"{person.name}已在{current.institution.name}入住。", "already_resident", conflict=True
        )
    try:
        with transaction.atomic():
            return Residency.objects.create(
                institution=institution, person=person, admitted_on=admitted_on, nursing=bool(nursing)
            )
    except IntegrityError:
        raise field_error("person_id", f"{person.name}已在院。", "already_resident", conflict=True) from None


@transaction.atomic
def residency_discharge(*, actor, residency: Residency, left_on, reason: str) -> Residency:
    require_cap(actor, Cap.MANAGE_WELFARE)
    residency = Residency.objects.select_for_update().get(pk=residency.pk)
    if residency.left_on is not None:
        raise field_error("left_on", "已离院。", "already_left", conflict=True)
    _not_future("left_on", left_on, "离院日期")
    if left_on < residency.admitted_on:
        raise field_error("left_on", "离院日期不能早于入住日期。", "invalid")
    residency.left_on = left_on
    residency.leave_reason = clean_text("reason", reason, max_length=200, required=True, label="离院原因")
    residency.save()
    return residency


def ability_level(total: int) -> int:
    return next(level for lowest, level, _ in ABILITY_LEVELS if total >= lowest)


@transaction.atomic
def assess_ability(*, actor, person, assessed_on, assessor: str, scores: dict, institution=None,
                   note: str = "") -> Assessment:  # fmt: skip
    """Score the ten daily-living items; the total (0–100) gives the level."""
    require_cap(actor, Cap.MANAGE_WELFARE)
    _not_future("assessed_on", assessed_on, "评估日期")
    errors, clean = {}, {}
    for code, label, allowed in ADL_ITEMS:
        raw = (scores or {}).get(code)
        try:
            value = int(str(raw))
        except (TypeError, ValueError):
            value = None
        if value not in allowed:
            errors[f"scores.{code}"] = ValidationError(
                f"{label}的得分应为 {'、'.join(str(a) for a in allowed)} 之一。", code="invalid_score"
            )
        else:
            clean[code] = value
    if errors:
        raise ValidationError(errors)
    total = sum(clean.values())
    return Assessment.objects.create(
        person=person, kind=AssessmentKind.ABILITY, assessed_on=assessed_on, scores=clean, total=total,
        level=ability_level(total), institution=institution, recorded_by=actor,
        assessor=clean_text("assessor", assessor, max_length=100, required=True, label="评估人员"),
        note=clean_text("note", note, max_length=2000, label="说明"),
    )  # fmt: skip


@transaction.atomic
def assess_needs(*, actor, person, assessed_on, assessor: str, needs: list, institution=None,
                 note: str = "") -> Assessment:  # fmt: skip
    require_cap(actor, Cap.MANAGE_WELFARE)
    _not_future("assessed_on", assessed_on, "评估日期")
    known = {code for code, _ in NEEDS}
    chosen = [n for n in dict.fromkeys(needs or []) if n in known]
    if not chosen or len(chosen) != len(set(needs or [])):
        raise field_error("needs", "请选择服务需求（助餐、助浴、助洁、助急、助医、护理、精神慰藉、康复）。", "invalid")
    return Assessment.objects.create(
        person=person, kind=AssessmentKind.NEEDS, assessed_on=assessed_on, needs=chosen, institution=institution,
        assessor=clean_text("assessor", assessor, max_length=100, required=True, label="评估人员"),
        note=clean_text("note", note, max_length=2000, label="说明"), recorded_by=actor,
    )  # fmt: skip


DEFAULT_VISIT_DAYS = {Category.DE_FACTO: 30, Category.ORPHAN: 90, Category.CHILD_DIFFICULTY: 90}


def visit_days() -> dict[str, int]:
    """Days between home visits per child category (rows of VisitRule override the defaults)."""
    days = {str(k): v for k, v in DEFAULT_VISIT_DAYS.items()}
    days.update(dict(VisitRule.objects.values_list("category", "days")))
    return days


def _require_child(person):
    if not Coverage.objects.filter(person=person, category__in=CHILD_CATEGORIES, ended_on__isnull=True).exists():
        raise field_error("person_id", f"{person.name}不在儿童福利对象名册中。", "not_registered")


@transaction.atomic
def child_visit_record(*, actor, person, visited_on, visitors: str, findings: str) -> ChildVisit:
    require_cap(actor, Cap.MANAGE_WELFARE)
    _require_child(person)
    _not_future("visited_on", visited_on, "探访日期")
    return ChildVisit.objects.create(
        person=person, visited_on=visited_on, recorded_by=actor,
        visitors=clean_text("visitors", visitors, max_length=100, required=True, label="探访人员"),
        findings=clean_text("findings", findings, max_length=5000, required=True, label="探访情况"),
    )  # fmt: skip


@transaction.atomic
def case_open(*, actor, person, opened_on, problem: str, plan: str) -> ChildCase:
    require_cap(actor, Cap.MANAGE_WELFARE)
    _require_child(person)
    _not_future("opened_on", opened_on, "立案日期")
    if ChildCase.objects.filter(person=person, status=CaseStatus.OPEN).exists():
        raise field_error("person_id", f"{person.name}已有跟踪中的个案。", "already_open", conflict=True)
    return ChildCase.objects.create(
        person=person, opened_on=opened_on, opened_by=actor,
        problem=clean_text("problem", problem, max_length=5000, required=True, label="主要问题"),
        plan=clean_text("plan", plan, max_length=5000, required=True, label="帮扶计划"),
    )  # fmt: skip


@transaction.atomic
def case_add_entry(*, actor, case: ChildCase, on, kind: str, text: str) -> CaseEntry:
    require_cap(actor, Cap.MANAGE_WELFARE)
    case = ChildCase.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.OPEN:
        raise field_error("case", "个案已结案。", "closed", conflict=True)
    if kind not in CaseEntryKind.values:
        raise field_error("kind", "类型应为帮扶措施或跟踪回访。", "invalid_choice")
    _not_future("on", on, "日期")
    if on < case.opened_on:
        raise field_error("on", "日期不能早于立案日期。", "invalid")
    return CaseEntry.objects.create(
        case=case, on=on, kind=kind, recorded_by=actor, text=clean_text("text", text, max_length=5000, required=True,
                                                                   label="内容"),
    )  # fmt: skip


@transaction.atomic
def case_close(*, actor, case: ChildCase, closed_on, outcome: str) -> ChildCase:
    require_cap(actor, Cap.MANAGE_WELFARE)
    case = ChildCase.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.OPEN:
        raise Conflict({"case": ValidationError("个案已结案。", code="closed")})
    _not_future("closed_on", closed_on, "结案日期")
    if closed_on < case.opened_on:
        raise field_error("closed_on", "结案日期不能早于立案日期。", "invalid")
    case.status, case.closed_on = CaseStatus.CLOSED, closed_on
    case.outcome = clean_text("outcome", outcome, max_length=5000, required=True, label="结案情况")
    case.save()
    return case


def next_visit_due(
    category: str, last_visit: datetime.date | None, registered: datetime.date, days: dict
) -> datetime.date:
    return (last_visit or registered) + datetime.timedelta(days=days.get(category, 90))
