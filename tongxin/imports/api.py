from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from tongxin.core.api_base import ObjectId, responses
from tongxin.imports import selectors, services
from tongxin.imports.models import ImportKind

router = Router(tags=["数据导入"])


class ImportForm(Schema):
    kind: ImportKind = Field(description="people（人员）或 members（党组织党员）")
    unit_id: ObjectId | None = Field(default=None, description="people：登记单位")
    org_id: ObjectId | None = Field(default=None, description="members：导入到的党组织")


class ImportErrorRow(Schema):
    row: int | None
    column: str | None
    message: str


class ImportOut(Schema):
    id: int
    kind: str
    status: str = Field(description="pending、running、failed（有错误，未导入任何行）、done")
    total_rows: int
    imported_rows: int
    errors: list[ImportErrorRow]


def job_out(job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "total_rows": job.total_rows,
        "imported_rows": job.imported_rows,
        "errors": job.errors,
    }


@router.post("", response=responses({202: ImportOut}, 403), summary="上传 .xlsx 导入（先整体校验，有错则不导入）")
def import_create(request, form: Form[ImportForm], file: File[UploadedFile]):
    job = services.import_job_create(
        actor=request.user, kind=form.kind, uploaded_file=file, unit_id=form.unit_id, org_id=form.org_id
    )
    return Status(202, job_out(job))


@router.get("/{int:job_id}", response=responses({200: ImportOut}, 404), summary="导入任务的状态和错误行")
def import_detail(request, job_id: int):
    job = selectors.import_job_get_for_user(request.user, job_id)
    if job is None:
        raise Http404
    return job_out(job)
