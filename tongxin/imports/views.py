from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.excel import build_workbook, xlsx_response
from tongxin.imports import selectors, services
from tongxin.imports.forms import ImportForm
from tongxin.imports.models import ImportKind


def _require_import(request):
    if not scope_for(request.user).can(Cap.IMPORT):
        raise PermissionDenied


@login_required
def import_list(request):
    _require_import(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.import_job_create(
                actor=request.user,
                kind=data["kind"],
                uploaded_file=data["file"],
                unit_id=data["unit"].pk if data["unit"] else None,
                org_id=data["org"].pk if data["org"] else None,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect("imports:detail", pk=job.pk)
    jobs = selectors.import_jobs_for_user(request.user)[:20]
    return render(request, "imports/list.html", {"form": form, "jobs": jobs, "kinds": ImportKind.choices})


@login_required
def import_template(request, kind):
    _require_import(request)
    if kind not in ImportKind.values:
        raise PermissionDenied
    label = ImportKind(kind).label
    content = build_workbook(
        f"{label}导入模板",
        services.COLUMNS[kind],
        services.template_rows(kind),
        widths=[12, 22, 14, 36, 10, 12],
        notes=services.TEMPLATE_NOTES[kind],
        text_columns=(2, 3),
        text_rows=2000,
    )
    return xlsx_response(f"{label}导入模板.xlsx", content)


@login_required
def import_detail(request, pk):
    job = selectors.import_job_get_for_user(request.user, pk)
    template = "imports/_status.html" if request.headers.get("HX-Request") else "imports/detail.html"
    return render(request, template, {"job": job, "errors": job.errors[:500]})


@login_required
def import_errors(request, pk):
    job = selectors.import_job_get_for_user(request.user, pk)
    if not job.errors:
        return redirect("imports:detail", pk=job.pk)
    rows = [[e.get("row") or "", e.get("column") or "", e.get("message")] for e in job.errors]
    content = build_workbook("错误行", ["行号", "列", "问题"], rows, widths=[8, 12, 80])
    return xlsx_response(f"导入错误-{job.original_name}", content)
