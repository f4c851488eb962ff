"""Pages for study records, democratic evaluation and a member's own pages (phone-sized)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.tree import subtree_ids_sql
from tongxin.members.models import DuesBill, Member
from tongxin.orglife import services, study
from tongxin.orglife.choices import Grade, MeetingStatus, StudyKind
from tongxin.orglife.models import Attendance, CommitteeMember, Evaluation, Meeting, StudyRecord, StudySession
from tongxin.orgs.choices import BRANCH_KINDS
from tongxin.orgs.models import PartyOrg
from tongxin.orgs.selectors import party_org_get_for_user


def _date(value, default):
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return default


def _root(request):
    if request.GET.get("org"):
        return party_org_get_for_user(request.user, request.GET["org"])
    org = PartyOrg.objects.visible_to(request.user).with_tree_fields().order_by("tree_ordering").first()
    if org is None:
        raise Http404
    return org


@login_required
def study_page(request):
    scope = scope_for(request.user)
    if not scope.can(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    today = timezone.localdate()
    org = _root(request)
    start = _date(request.GET.get("start"), today.replace(month=1, day=1))
    end = _date(request.GET.get("end"), today)
    records = StudyRecord.objects.filter(org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), on__gte=start, on__lte=end)
    by_person = study.study_totals_by_person(records)
    members = list(
        Member.objects.in_subtree_of(subtree_ids_sql(PartyOrg, [org.pk]))
        .select_related("person")
        .order_by("person__name_pinyin")
    )
    if request.method == "POST" and request.POST.get("session"):
        try:
            study.study_session_add(
                actor=request.user, org=org, held_on=_date(request.POST.get("held_on"), today),
                topic=request.POST.get("topic", ""), minutes=int(request.POST.get("session_minutes") or 0),
                speakers=request.POST.get("speakers", ""),
                attendee_ids=[int(x) for x in request.POST.getlist("attendees") if x.isdigit()],
            )  # fmt: skip
        except (ValidationError, ValueError) as error:
            for message in getattr(error, "messages", [_("数字格式不对。")]):
                messages.error(request, message)
        else:
            messages.success(request, _("已登记集体学习。"))
        return redirect(request.get_full_path())
    if request.method == "POST":
        try:
            study.study_record_add(
                actor=request.user, person_id=int(request.POST.get("person_id") or 0), kind=request.POST.get("kind", ""),
                on=_date(request.POST.get("on"), today), title=request.POST.get("title", ""),
                minutes=int(request.POST.get("minutes") or 0), audience=int(request.POST.get("audience") or 0),
            )  # fmt: skip
        except (ValidationError, ValueError) as error:
            for message in getattr(error, "messages", [_("数字格式不对。")]):
                messages.error(request, message)
        else:
            messages.success(request, _("已登记学习记录。"))
        return redirect(request.get_full_path())
    context = {
        "org": org,
        "start": start,
        "end": end,
        "totals": study.study_totals(records),
        "rows": [{"member": m, "totals": by_person.get(m.person_id)} for m in members],
        "recent": records.select_related("person").order_by("-on", "-id")[:20],
        "sessions": StudySession.objects.filter(
            org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), held_on__gte=start, held_on__lte=end
        )
        .annotate(n=Count("attendees"))
        .order_by("-held_on")[:20],
        "kinds": StudyKind.choices,
        "can_add": scope.can(Cap.MANAGE_PEOPLE),
        "roots": PartyOrg.objects.visible_to(request.user).with_tree_fields(),
        "today": today,
    }
    return render(request, "orglife/study.html", context)


@login_required
def evaluation_page(request):
    scope = scope_for(request.user)
    if not scope.can(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    today = timezone.localdate()
    org = _root(request)
    if org.kind not in BRANCH_KINDS:
        branch = (
            PartyOrg.objects.visible_to(request.user)
            .filter(kind__in=BRANCH_KINDS, pk__in=subtree_ids_sql(PartyOrg, [org.pk]))
            .order_by("pk")
            .first()
        )
        if branch is None:
            raise Http404
        org = branch
    try:
        year = int(request.GET.get("year") or today.year - 1)
    except ValueError:
        year = today.year - 1
    members = list(
        Member.objects.filter(org=org, joined_on__year__lte=year)
        .select_related("person")
        .order_by("person__name_pinyin")
    )
    if request.method == "POST":
        saved = 0
        for member in members:
            grade = request.POST.get(f"grade-{member.pk}")
            if grade:
                try:
                    study.evaluation_set(actor=request.user, member=member, year=year, grade=grade)
                    saved += 1
                except ValidationError as error:
                    messages.error(request, f"{member.person.name}：{error.messages[0]}")
        messages.success(request, _("已保存 %(n)s 人的评议等次。") % {"n": saved})
        return redirect(f"{request.path}?org={org.pk}&year={year}")
    evaluations = Evaluation.objects.filter(org=org, year=year)
    grades = dict(evaluations.values_list("member_id", "grade"))
    counts = study.grade_counts(evaluations)
    context = {
        "org": org,
        "year": year,
        "years": range(today.year - 4, today.year + 1),
        "rows": [{"member": m, "grade": grades.get(m.pk, "")} for m in members],
        "grades": Grade.choices,
        "counts": [(label, counts[code]) for code, label in Grade.choices],
        "can_edit": scope.can(Cap.MANAGE_PEOPLE) and scope.covers_org(org.pk),
        "branches": PartyOrg.objects.visible_to(request.user).filter(kind__in=BRANCH_KINDS).order_by("pk"),
    }
    return render(request, "orglife/evaluation.html", context)


@login_required
def my_page(request):
    """A member's own page: next meetings (with sign-in), study, dues, record."""
    today = timezone.localdate()
    member = (
        Member.objects.select_related("org", "group", "person").filter(person_id=request.user.person_id).first()
        if request.user.person_id
        else None
    )
    if member is None:
        return render(request, "orglife/me.html", {"member": None})
    if request.method == "POST":
        try:
            study.study_record_add(
                actor=request.user, person_id=member.person_id, kind=StudyKind.READING, on=_date(request.POST.get("on"), today),
                title=request.POST.get("title", ""), minutes=int(request.POST.get("minutes") or 0),
            )  # fmt: skip
        except (ValidationError, ValueError) as error:
            for message in getattr(error, "messages", [_("数字格式不对。")]):
                messages.error(request, message)
        else:
            messages.success(request, _("已记下这次学习。"))
        return redirect("orglife:me")
    org_ids = [member.org_id] + ([member.group_id] if member.group_id else [])
    seats = set(CommitteeMember.objects.filter(member=member).values_list("org_id", flat=True))
    upcoming = [
        m
        for m in Meeting.objects.filter(
            org_id__in=org_ids,
            status=MeetingStatus.PLANNED,
            planned_at__gte=timezone.now() - datetime.timedelta(hours=12),
        )
        .select_related("org")
        .order_by("planned_at")[:10]
        if services.member_is_expected(m, member, seats)
    ]
    signed = set(
        Attendance.objects.filter(
            meeting__in=upcoming, person_id=member.person_id, signed_in_at__isnull=False
        ).values_list("meeting_id", flat=True)
    )
    year_start = today.replace(month=1, day=1)
    my_records = StudyRecord.objects.filter(person_id=member.person_id)
    context = {
        "member": member,
        "upcoming": [{"meeting": m, "signed": m.pk in signed} for m in upcoming],
        "study_year": study.study_totals(my_records.filter(on__gte=year_start)),
        "recent_study": my_records.order_by("-on", "-id")[:5],
        "bills": DuesBill.objects.filter(member=member, month__gte=year_start.replace(year=today.year - 1)).order_by(
            "-month"
        )[:14],
        "attended": Attendance.objects.filter(
            person_id=member.person_id, present=True, meeting__held_at__date__gte=year_start
        ).count(),
        "evaluations": member.evaluations.order_by("-year")[:5],
        "transfers": member.transfers.select_related("from_org", "to_org")[:5],
        "today": today,
    }
    return render(request, "orglife/me.html", context)
