"""Spreadsheet imports: the whole file is validated first; one bad row and nothing is imported.

Every bad row is reported as (row, column, message). Validation costs a constant number of queries
(the ID numbers already registered are looked up in chunks), then one transaction bulk-inserts the
rows and their audit records.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.audit import acting_as, audit_bulk_created
from tongxin.core.dates import add_months
from tongxin.core.excel import SheetError, parse_date, read_rows
from tongxin.core.permissions import require_cap
from tongxin.imports.models import ImportJob, ImportKind, ImportStatus
from tongxin.members.choices import MemberStatus
from tongxin.members.models import Member
from tongxin.members.services import PROBATION_MONTHS, clean_member_fields
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person
from tongxin.people.services import clean_person_fields, person_build

PEOPLE_COLUMNS = ["姓名", "身份证号", "手机号码", "住址"]
MEMBER_COLUMNS = [*PEOPLE_COLUMNS, "党员类别", "入党日期"]
COLUMNS = {ImportKind.PEOPLE: PEOPLE_COLUMNS, ImportKind.MEMBERS: MEMBER_COLUMNS}
FIELD_COLUMNS = {
    "name": "姓名",
    "id_number": "身份证号",
    "phone": "手机号码",
    "address": "住址",
    "status": "党员类别",
    "joined_on": "入党日期",
}
STATUS_BY_LABEL = {label: value for value, label in MemberStatus.choices} | {"正式": "full", "预备": "probationary"}
TEMPLATE_NOTES = {
    ImportKind.PEOPLE: [
        "每行一人。姓名、身份证号必填；手机号码、住址可空。",
        "身份证号为18位，末位可为X；请保持本列为文本格式，避免被转换成科学计数法。",
        "同一身份证号只能登记一次：文件内重复或系统中已登记的行都会报错。",
        "整个文件校验通过才会导入；有任何一行出错则一行也不导入，并列出所有错误行。",
    ],
    ImportKind.MEMBERS: [
        "每行一名党员，导入到上传时选择的党组织（党支部）。",
        "党员类别填“正式党员”或“预备党员”；入党日期格式为 2001-07-01。",
        "身份证号已在系统中登记的人员直接转为党员（姓名须一致）；未登记的同时登记为人员。",
        "整个文件校验通过才会导入；有任何一行出错则一行也不导入，并列出所有错误行。",
    ],
}


@dataclass
class RowPlan:
    row: int
    person: Person | None  # existing person (members import) or None
    fields: dict
    status: str = ""
    joined_on: datetime.date | None = None


def template_rows(kind: str) -> list[list[str]]:
    if kind == ImportKind.PEOPLE:
        return [["张三丰", "370102198001011237", "13800000000", "某某街道某某社区1号楼"]]
    return [["李四", "370102197503051218", "13900000000", "某某小区2号楼", "正式党员", "2001-07-01"]]


@transaction.atomic
def import_job_create(*, actor, kind, uploaded_file, unit_id=None, org_id=None) -> ImportJob:
    require_cap(actor, Cap.IMPORT)
    scope = scope_for(actor)
    errors = {}
    if kind not in ImportKind.values:
        errors["kind"] = ValidationError("导入内容无效。", code="invalid_choice")
    unit = org = None
    if kind == ImportKind.PEOPLE:
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
        if unit is None or not scope.covers_unit(unit.pk):
            errors["unit_id"] = ValidationError("请选择您权限范围内的登记单位。", code="required")
    if kind == ImportKind.MEMBERS:
        org = PartyOrg.objects.filter(pk=org_id).first() if org_id else None
        if org is None or not scope.covers_org(org.pk):
            errors["org_id"] = ValidationError("请选择您权限范围内的党组织。", code="required")
    name = getattr(uploaded_file, "name", "") or ""
    if uploaded_file is None:
        errors["file"] = ValidationError("请选择要上传的文件。", code="required")
    elif not name.lower().endswith(".xlsx"):
        errors["file"] = ValidationError("只能上传 .xlsx 文件（可先下载模板）。", code="file_type")
    if errors:
        raise ValidationError(errors)
    job = ImportJob.objects.create(
        kind=kind, file=uploaded_file, original_name=name[:200], unit=unit, org=org, created_by=actor
    )
    from tongxin.imports.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


def _err(row, column, message):
    return {"row": row, "column": column, "message": message}


def validate_rows(job: ImportJob, header: list[str], rows) -> tuple[list[dict], list[RowPlan]]:
    columns = COLUMNS[job.kind]
    if [h for h in header[: len(columns)]] != columns:
        return [_err(1, None, f"表头应为：{'、'.join(columns)}（请使用下载的模板）。")], []
    errors: list[dict] = []
    plans: list[RowPlan] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        values = (values + [""] * len(columns))[: len(columns)]
        cells = dict(zip(columns, values, strict=True))
        row_errors = []
        try:
            fields = clean_person_fields(
                name=cells["姓名"], id_number=cells["身份证号"], phone=cells["手机号码"], address=cells["住址"]
            )
        except ValidationError as exc:
            fields = None
            for field, errs in exc.error_dict.items():
                for e in errs:
                    row_errors.append(_err(number, FIELD_COLUMNS[field], e.messages[0]))
        plan = RowPlan(row=number, person=None, fields=fields or {})
        if fields:
            first = seen.setdefault(fields["id_number"], number)
            if first != number:
                row_errors.append(_err(number, "身份证号", f"与第{first}行的身份证号重复。"))
        if job.kind == ImportKind.MEMBERS:
            plan.status = STATUS_BY_LABEL.get(cells["党员类别"], "")
            if not plan.status:
                row_errors.append(_err(number, "党员类别", "党员类别应为“正式党员”或“预备党员”。"))
            plan.joined_on = parse_date(cells["入党日期"])
            if plan.joined_on is None:
                row_errors.append(_err(number, "入党日期", "入党日期应为有效日期，如 2001-07-01。"))
        errors.extend(row_errors)
        if not row_errors:
            plans.append(plan)
    _check_against_database(job, plans, errors)
    errors.sort(key=lambda e: e["row"] or 0)
    return errors, plans


def _check_against_database(job, plans: list[RowPlan], errors: list[dict]) -> None:
    numbers = [p.fields["id_number"] for p in plans]
    existing: dict[str, Person] = {}
    for start in range(0, len(numbers), 5000):
        chunk = numbers[start : start + 5000]
        for person in Person.objects.filter(id_number__in=chunk).only("id", "name", "id_number", "birth_date"):
            existing[person.id_number] = person
    member_person_ids = set()
    if job.kind == ImportKind.MEMBERS and existing:
        ids = [p.pk for p in existing.values()]
        for start in range(0, len(ids), 5000):
            member_person_ids |= set(
                Member.objects.filter(person_id__in=ids[start : start + 5000]).values_list("person_id", flat=True)
            )
    for plan in list(plans):
        number = plan.fields["id_number"]
        found = existing.get(number)
        problem = None
        if job.kind == ImportKind.PEOPLE and found is not None:
            problem = _err(plan.row, "身份证号", "该身份证号已登记，同一人不能重复登记。")
        elif job.kind == ImportKind.MEMBERS:
            if found is not None and found.name != plan.fields["name"]:
                problem = _err(plan.row, "姓名", f"该身份证号已登记的姓名为“{found.name}”，与本行不一致。")
            elif found is not None and found.pk in member_person_ids:
                problem = _err(plan.row, "身份证号", "此人已是党员，不能重复登记。")
            else:
                plan.person = found
                try:
                    probe = found or person_build(unit=None, **plan.fields)
                    clean_member_fields(org=job.org, status=plan.status, joined_on=plan.joined_on, person=probe)
                except ValidationError as exc:
                    field, errs = next(iter(exc.error_dict.items()))
                    problem = _err(plan.row, FIELD_COLUMNS.get(field), errs[0].messages[0])
        if problem:
            errors.append(problem)
            plans.remove(plan)


def _apply(job: ImportJob, plans: list[RowPlan]) -> int:
    unit = job.unit if job.kind == ImportKind.PEOPLE else job.org.unit
    new_people = [person_build(unit=unit, **p.fields) for p in plans if p.person is None]
    Person.objects.bulk_create(new_people, batch_size=2000)
    audit_bulk_created(
        actor=job.created_by,
        instances=new_people,
        fields=["name", "id_number", "gender", "birth_date", "phone", "address", "unit"],
        source=f"导入：{job.original_name}",
    )
    if job.kind == ImportKind.MEMBERS:
        by_number = {p.id_number: p for p in new_people}
        members = [
            Member(
                person=p.person or by_number[p.fields["id_number"]],
                org=job.org,
                status=p.status,
                joined_on=p.joined_on,
                probation_ends_on=add_months(p.joined_on, PROBATION_MONTHS) if p.status == "probationary" else None,
                last_contact_on=timezone.localdate(),
            )
            for p in plans
        ]
        Member.objects.bulk_create(members, batch_size=2000)
        audit_bulk_created(
            actor=job.created_by,
            instances=members,
            fields=["person", "org", "status", "joined_on"],
            source=f"导入：{job.original_name}",
        )
    return len(plans)


def import_run(job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("unit", "org__unit", "created_by").get(pk=job_id)
    if job.is_finished:
        return job  # idempotent: a retried task does nothing
    job.status = ImportStatus.RUNNING
    job.save(update_fields=["status"])
    with acting_as(job.created_by):
        try:
            with job.file.open("rb") as fh:
                header, rows = read_rows(fh, max_rows=settings.IMPORT_MAX_ROWS)
        except SheetError as exc:
            return _finish(job, errors=[_err(None, None, str(exc))], total=0)
        if not rows:
            return _finish(job, errors=[_err(None, None, "文件中没有数据行。")], total=0)
        errors, plans = validate_rows(job, header, rows)
        if errors:
            return _finish(job, errors=errors, total=len(rows))
        with transaction.atomic():
            imported = _apply(job, plans)
            return _finish(job, errors=[], total=len(rows), imported=imported)


def _finish(job, *, errors, total, imported=0) -> ImportJob:
    job.errors = errors
    job.total_rows = total
    job.imported_rows = imported
    job.status = ImportStatus.FAILED if errors else ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["errors", "total_rows", "imported_rows", "status", "finished_at"])
    return job
