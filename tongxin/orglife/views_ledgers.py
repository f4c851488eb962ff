import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.excel import XLSX_TYPE
from tongxin.core.models import ExportRecord
from tongxin.orglife import ledgers
from tongxin.orgs.models import PartyOrg
from tongxin.orgs.selectors import party_org_get_for_user

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period(request):
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = today.replace(month=1, day=1)
    try:
        end = datetime.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    if end < start or (end - start).days > 366 * 5:
        start, end = today.replace(month=1, day=1), today
    return start, end


@login_required
def ledger_page(request):
    scope = scope_for(request.user)
    if not scope.can(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    orgs = PartyOrg.objects.visible_to(request.user).with_tree_fields()
    org = (
        party_org_get_for_user(request.user, request.GET["org"])
        if request.GET.get("org")
        else orgs.order_by("tree_ordering").first()
    )
    if org is None:
        raise Http404
    start, end = _period(request)
    context = {
        "org": org,
        "orgs": orgs,
        "start": start,
        "end": end,
        "ledgers": [(code, title) for code, (title, _) in ledgers.LEDGERS.items()],
    }
    return render(request, "orglife/ledgers.html", context)


@login_required
def ledger_download(request, code, fmt):
    scope = scope_for(request.user)
    if code not in ledgers.LEDGERS or fmt not in ("xlsx", "docx") or not scope.can(Cap.EXPORT):
        raise Http404
    org = party_org_get_for_user(request.user, request.GET.get("org"))
    start, end = _period(request)
    full_ids = scope.can(Cap.VIEW_FULL_ID)
    ledger = ledgers.build(code, org, start, end, full_ids=full_ids)
    if code in ledgers.PERSONAL:
        ExportRecord.objects.create(
            actor=request.user, what=f"台账：{ledger.title}（{org.name}）"[:100], query=f"{start}~{end}",
            row_count=len(ledger.rows), full_id_numbers=full_ids and code == "roster",
        )  # fmt: skip
    if fmt == "xlsx":
        content, mime = ledgers.to_xlsx(ledger, org, start, end), XLSX_TYPE
    else:
        content, mime = ledgers.to_docx(ledger, org, start, end), DOCX_TYPE
    from urllib.parse import quote

    response = HttpResponse(content, content_type=mime)
    name = f"{org.name}-{ledger.title.replace('“', '').replace('”', '')}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
