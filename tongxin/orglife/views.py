import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.orglife import selectors, services
from tongxin.orglife.choices import RECORDABLE, MeetingKind, MeetingStatus
from tongxin.orglife.compliance import compliance_for, month_summary
from tongxin.orglife.forms import MeetingPlanForm, MeetingRecordForm, ReturnForm, UploadForm
from tongxin.orglife.models import Attendance
from tongxin.orgs.choices import BRANCH_KINDS, PartyOrgKind
from tongxin.orgs.models import PartyOrg
from tongxin.orgs.selectors import party_org_get_for_user, party_org_subtree
from tongxin.people.models import Person


def _without_page(query) -> str:
    """The current filters as a query string prefix for the pagination links."""
    query = query.copy()
    query.pop("page", None)
    return query.urlencode() + "&" if query else ""


def _int(value, low, high, default):
    try:
        value = int(value)
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


@login_required
def meeting_list(request):
    today = timezone.localdate()
    org = party_org_get_for_user(request.user, request.GET["org"]) if request.GET.get("org") else None
    year = _int(request.GET.get("year"), 2000, 2200, None)
    month = _int(request.GET.get("month"), 1, 12, None) if year else None
    kind = request.GET.get("kind") if request.GET.get("kind") in MeetingKind.values else None
    status = request.GET.get("status") if request.GET.get("status") in MeetingStatus.values else None
    qs = selectors.meeting_list(user=request.user, org=org, kind=kind, year=year, month=month, status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "org": org,
        "year": year,
        "month": month,
        "kind": kind,
        "status": status,
        "kinds": MeetingKind.choices,
        "statuses": MeetingStatus.choices,
        "years": range(today.year - 3, today.year + 2),
        "months": range(1, 13),
        "can_plan": scope_for(request.user).can(Cap.MANAGE_PEOPLE),
        "querystring_base": _without_page(request.GET),
    }
    return render(request, "orglife/meeting_list.html", context)


@login_required
def meeting_plan(request):
    if not scope_for(request.user).can(Cap.MANAGE_PEOPLE):
        raise PermissionDenied
    initial = {"org": request.GET.get("org"), "kind": request.GET.get("kind")}
    form = MeetingPlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_plan(
                actor=request.user, org_id=data["org"].pk, kind=data["kind"], planned_at=data["planned_at"],
                place=data["place"], topic=data["topic"], agenda=data["agenda"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已计划：%(name)s") % {"name": str(meeting)})
            return redirect("orglife:meeting", pk=meeting.pk)
    return render(request, "orglife/meeting_plan.html", {"form": form})


def _attendance_rows(meeting):
    """Everyone expected, with what was recorded (or signed in) for them — two queries."""
    expected = services.expected_attendees(meeting)
    people = {p.pk: p for p in Person.objects.filter(pk__in=expected).order_by("name_pinyin")}
    recorded = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    return [
        {"person": person, "votes": expected[pid], "attendance": recorded.get(pid)} for pid, person in people.items()
    ]


@login_required
def meeting_detail(request, pk):
    meeting = selectors.meeting_get_for_user(request.user, pk)
    scope = scope_for(request.user)
    can_write = scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(meeting.org_id)
    rows = _attendance_rows(meeting)
    record_form = None
    if can_write and meeting.status in RECORDABLE:
        initial_time = meeting.held_at or min(meeting.planned_at, timezone.now())
        record_form = MeetingRecordForm(
            initial={"held_at": timezone.localtime(initial_time), "minutes": meeting.minutes}
        )
    context = {
        "meeting": meeting,
        "rows": rows,
        "record_form": record_form,
        "return_form": ReturnForm(),
        "upload_form": UploadForm() if can_write else None,
        "can_write": can_write,
        "can_check": services.can_check(request.user, meeting),
        "events": meeting.events.select_related("actor"),
        "files": meeting.files.all(),
        "signed_in": any(
            r["attendance"] and r["attendance"].signed_in_at for r in rows if r["person"].pk == request.user.person_id
        ),
        "is_expected": any(r["person"].pk == request.user.person_id for r in rows),
    }
    return render(request, "orglife/meeting_detail.html", context)


@login_required
def meeting_record(request, pk):
    meeting = selectors.meeting_get_for_user(request.user, pk)
    if request.method != "POST":
        return redirect("orglife:meeting", pk=meeting.pk)
    form = MeetingRecordForm(request.POST)
    present, absent = [], []
    for row in _attendance_rows(meeting):
        pid = row["person"].pk
        if request.POST.get(f"att-{pid}") == "present":
            present.append(pid)
        else:
            absent.append({"person_id": pid, "reason": request.POST.get(f"reason-{pid}", "")[:100]})
    if form.is_valid():
        try:
            meeting = services.meeting_record(
                actor=request.user, meeting=meeting, held_at=form.cleaned_data["held_at"], present=present,
                absent=absent, minutes=form.cleaned_data["minutes"],
            )  # fmt: skip
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if meeting.quorum_met:
                messages.success(request, _("已记录，达到法定人数。"))
            else:
                messages.warning(
                    request,
                    _("已记录，但未达到法定人数：有表决权%(n)s人，实到%(p)s人。")
                    % {"n": meeting.voting_count, "p": meeting.voting_present},
                )
    else:
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, f"{form.fields[field].label}：{message}" if field in form.fields else message)
    return redirect("orglife:meeting", pk=meeting.pk)


@login_required
def meeting_transition(request, pk, action):
    meeting = selectors.meeting_get_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.meeting_transition(
                actor=request.user, meeting=meeting, action=action, note=request.POST.get("note", "")
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已更新状态。"))
    return redirect("orglife:meeting", pk=meeting.pk)


@login_required
def meeting_sign_in(request, pk):
    meeting = selectors.meeting_get_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.attendance_sign_in(actor=request.user, meeting=meeting)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已签到。"))
    return (
        redirect(request.POST.get("next") or "orglife:meeting", pk=meeting.pk)
        if not request.POST.get("next")
        else redirect(request.POST["next"])
    )


@login_required
def meeting_upload(request, pk):
    meeting = selectors.meeting_get_for_user(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_attach(actor=request.user, meeting=meeting, uploaded_file=form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已上传。"))
    return redirect("orglife:meeting", pk=meeting.pk)


@login_required
def compliance_matrix(request):
    today = timezone.localdate()
    year = _int(request.GET.get("year"), 2000, 2200, today.year)
    visible = PartyOrg.objects.visible_to(request.user)
    if request.GET.get("org"):
        root = party_org_get_for_user(request.user, request.GET["org"])
    else:
        root = visible.with_tree_fields().order_by("tree_ordering").first()
    orgs = []
    if root is not None:
        subtree = (
            party_org_subtree(user=request.user, org=root)
            .select_related(None)
            .only("id", "name", "kind", "parent_id", "established_on")
        )
        orgs = [o for o in subtree if o.kind in BRANCH_KINDS or o.kind == PartyOrgKind.GROUP]
    matrix = compliance_for(orgs, year, today=today)
    meetings_url = reverse("orglife:meetings")
    status_text = {"ok": _("已落实"), "missing": _("应开未开"), "not_due": _("未到期")}
    marks = {"ok": "✓", "missing": "✗", "not_due": "·"}
    kind_labels = {code: str(label) for code, label in MeetingKind.choices}
    rows = []
    for org in orgs:
        months = matrix[org.pk]
        # 12 cells × up to 300 organisations: each row is built here as one escaped string; through
        # the template engine the rows were most of the page's time.
        parts = [
            '<tr><td class="text-nowrap">',
            '<span class="text-muted">└</span> ' if org.kind == PartyOrgKind.GROUP else "",
            f'<a href="/orgs/{org.pk}/">{escape(org.name)}</a></td>',
        ]
        for index, kinds in enumerate(months, start=1):
            status = month_summary(kinds)
            title = "、".join(kind_labels[c.kind] for c in kinds if c.status == "missing")
            title = f"{status_text['missing']}：{title}" if title else status_text[status]
            parts.append(
                f'<td class="cell"><a class="dot dot-{status}" title="{escape(title)}" data-status="{status}" '
                f'href="{meetings_url}?org={org.pk}&amp;year={year}&amp;month={index}">{marks[status]}</a></td>'
            )
        missing = sum(1 for kinds in months for c in kinds if c.status == "missing")
        parts.append(f'<td class="text-end{" text-danger fw-bold" if missing else ""}">{missing}</td></tr>')
        # Every value above is escaped, an integer, or one of our fixed words.
        rows.append({"org": org, "html": mark_safe("".join(parts)), "missing": missing})
    # The organisations worth choosing as a root: those with branches under them, and the current one.
    roots = (
        visible.filter(Q(kind__in=["committee", "general_branch", "leading_group"]) | Q(pk=getattr(root, "pk", None)))
        .with_tree_fields()
        .only("id", "name", "kind", "parent_id")
    )
    context = {
        "rows": rows,
        "root": root,
        "roots": roots,
        "year": year,
        "years": range(today.year - 3, today.year + 1),
        "months": range(1, 13),
    }
    return render(request, "orglife/compliance.html", context)


@login_required
def committee(request, org_id):
    """A branch's committee (支委会): seats, duties, term."""
    from tongxin.members.models import Member
    from tongxin.orglife.choices import CommitteeDuty
    from tongxin.orglife.models import CommitteeMember

    org = party_org_get_for_user(request.user, org_id)
    if org.kind not in BRANCH_KINDS:
        raise Http404
    scope = scope_for(request.user)
    can_edit = scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(org.pk)
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                seat = CommitteeMember.objects.filter(org=org, pk=_int(request.POST["remove"], 1, 2**62, 0)).first()
                if seat is None:
                    raise Http404
                services.committee_seat_remove(actor=request.user, seat=seat)
            else:
                since = datetime.date.fromisoformat(request.POST.get("since") or timezone.localdate().isoformat())
                services.committee_seat_add(
                    actor=request.user, org=org, member_id=_int(request.POST.get("member_id"), 1, 2**62, 0),
                    duty=request.POST.get("duty", ""), since=since,
                )  # fmt: skip
        except (ValidationError, ValueError) as error:
            for message in getattr(error, "messages", [_("日期格式不对。")]):
                messages.error(request, message)
        else:
            messages.success(request, _("已保存。"))
        return redirect("orglife:committee", org_id=org.pk)
    seats = CommitteeMember.objects.filter(org=org).select_related("member__person")
    context = {
        "org": org,
        "seats": seats,
        "candidates": Member.objects.filter(org=org, status="full")
        .exclude(committee_seats__org=org)
        .select_related("person")
        .order_by("person__name_pinyin"),
        "duties": CommitteeDuty.choices,
        "can_edit": can_edit,
        "today": timezone.localdate(),
    }
    return render(request, "orglife/committee.html", context)
