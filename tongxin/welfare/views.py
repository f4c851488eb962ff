"""Welfare pages: institutions with capacity by region, residents, assessments, children's welfare."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.assistance.choices import CHILD_CATEGORIES
from tongxin.assistance.models import Coverage
from tongxin.core.actions import attempt
from tongxin.core.audit import history_for
from tongxin.core.ids import valid_pk
from tongxin.core.parsing import paging, parse_date, parse_year
from tongxin.core.permissions import require_cap
from tongxin.orgs.models import Unit
from tongxin.people.selectors import id_number_for, person_by_id_number, person_get_for_user
from tongxin.welfare import selectors, services
from tongxin.welfare.choices import ADL_ITEMS, NEEDS, AssessmentKind, CaseEntryKind, InstitutionKind
from tongxin.welfare.models import Assessment, ChildCase, Institution, Residency


def _done(request, func):
    return attempt(request, func, success=_("已保存。"))[0]


@login_required
def institutions(request):
    require_cap(request.user, Cap.VIEW_CASES)
    kind = request.GET.get("kind", "")
    kind = kind if kind in InstitutionKind.values else ""
    if request.method == "POST":
        post = request.POST

        def create():
            unit = Unit.objects.visible_to(request.user).filter(pk=valid_pk(post.get("unit_id")) or 0).first()
            services.institution_save(
                actor=request.user, unit=unit, kind=post.get("kind"), name=post.get("name"),
                location=post.get("location", ""), beds_total=post.get("beds_total") or 0,
                beds_nursing=post.get("beds_nursing") or 0, public=post.get("public") == "1",
                opened_on=parse_date(post.get("opened_on"), field="opened_on", label="建成日期", required=False),
            )  # fmt: skip

        _done(request, create)
        return redirect("welfare:institutions")
    qs = (
        Institution.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(occupied=Count("residencies", filter=Q(residencies__left_on__isnull=True)))
    )
    if kind:
        qs = qs.filter(kind=kind)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(location__contains=q))
    page = Paginator(qs.order_by("kind", "unit__name", "name", "id"), 50).get_page(request.GET.get("page"))
    capacity = selectors.capacity_by_region(user=request.user, kind=kind)
    return render(
        request, "welfare/institutions.html",
        {**paging(request, page), "page": page, "capacity": capacity, "kind": kind, "kinds": InstitutionKind.choices, "q": q,
         "units": Unit.objects.visible_to(request.user).order_by("pk")[:500],
         "can_manage": scope_for(request.user).can(Cap.MANAGE_WELFARE)},
    )  # fmt: skip


@login_required
def institution_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    institution = selectors.institution_get_for_user(request.user, pk)
    if request.method == "POST":
        post, action = request.POST, request.POST.get("action")
        if action == "admit":
            _done(request, lambda: services.residency_admit(
                actor=request.user, institution=institution, person=person_by_id_number(request.user, post.get("id_number")),
                admitted_on=parse_date(post.get("admitted_on"), field="admitted_on", label="入住日期"),
                nursing=post.get("nursing") == "1",
            ))  # fmt: skip
        elif action == "discharge":
            residency = Residency.objects.filter(
                institution=institution, pk=valid_pk(post.get("residency_id")) or 0
            ).first()
            if residency is None:
                raise Http404
            _done(request, lambda: services.residency_discharge(
                actor=request.user, residency=residency, reason=post.get("reason", ""),
                left_on=parse_date(post.get("left_on"), field="left_on", label="离院日期"),
            ))  # fmt: skip
        elif action == "beds":
            _done(request, lambda: services.institution_save(
                actor=request.user, institution=institution, unit=institution.unit, kind=institution.kind,
                name=post.get("name", institution.name), location=post.get("location", ""),
                beds_total=post.get("beds_total"), beds_nursing=post.get("beds_nursing"),
                opened_on=institution.opened_on, public=institution.public,
            ))  # fmt: skip
        else:
            raise Http404
        return redirect("welfare:institution", pk=institution.pk)
    residents = list(
        institution.residencies.filter(left_on__isnull=True).select_related("person").order_by("admitted_on")
    )
    ids = id_number_for(request.user, [r.person for r in residents])
    for r in residents:
        r.shown_id = ids[r.person_id]
    left = institution.residencies.filter(left_on__isnull=False).select_related("person").order_by("-left_on")[:50]
    return render(
        request, "welfare/institution_detail.html",
        {"institution": institution, "residents": residents, "left": left, "today": timezone.localdate(),
         "nursing_used": sum(1 for r in residents if r.nursing), "history": history_for(institution),
         "can_manage": scope_for(request.user).can(Cap.MANAGE_WELFARE)},
    )  # fmt: skip


@login_required
def assessments(request):
    require_cap(request.user, Cap.VIEW_CASES)
    today = timezone.localdate()
    if request.method == "POST":
        post = request.POST

        def record():
            person = person_by_id_number(request.user, post.get("id_number"))
            day = parse_date(post.get("assessed_on"), field="assessed_on", label="评估日期")
            if post.get("kind") == AssessmentKind.ABILITY:
                services.assess_ability(
                    actor=request.user, person=person, assessed_on=day, assessor=post.get("assessor", ""),
                    scores={code: post.get(f"score_{code}") for code, _, _ in ADL_ITEMS}, note=post.get("note", ""),
                )  # fmt: skip
            else:
                services.assess_needs(
                    actor=request.user, person=person, assessed_on=day, assessor=post.get("assessor", ""),
                    needs=post.getlist("needs"), note=post.get("note", ""),
                )  # fmt: skip

        _done(request, record)
        return redirect("welfare:assessments")
    year = parse_year(request.GET.get("year"), today.year)
    visible = Assessment.objects.visible_to(request.user)
    counts = dict(visible.filter(assessed_on__year=year).values_list("kind").annotate(n=Count("id")))
    levels = dict(
        visible.filter(assessed_on__year=year, kind=AssessmentKind.ABILITY).values_list("level").annotate(n=Count("id"))
    )
    page = Paginator(visible.select_related("person__unit").order_by("-assessed_on", "-id"), 30).get_page(
        request.GET.get("page")
    )
    need_labels = dict(NEEDS)
    for a in page.object_list:
        a.need_labels = "、".join(str(need_labels.get(n, n)) for n in a.needs)
    from tongxin.welfare.choices import ABILITY_LEVELS

    return render(
        request, "welfare/assessments.html",
        {**paging(request, page), "page": page, "year": year, "ability_count": counts.get("ability", 0), "needs_count": counts.get("needs", 0),
         "levels": [(label, levels.get(level, 0)) for _, level, label in ABILITY_LEVELS], "items": ADL_ITEMS,
         "needs": NEEDS, "today": today, "can_manage": scope_for(request.user).can(Cap.MANAGE_WELFARE)},
    )  # fmt: skip


@login_required
def children(request):
    require_cap(request.user, Cap.VIEW_CASES)
    today = timezone.localdate()
    rows = selectors.children_registry(user=request.user, today=today)
    overdue_only = request.GET.get("overdue") == "1"
    shown = [r for r in rows if r.overdue] if overdue_only else rows
    by_category = {}
    for r in rows:
        by_category[r.get_category_display()] = by_category.get(r.get_category_display(), 0) + 1
    open_cases = ChildCase.objects.visible_to(request.user).filter(status="open").count()
    return render(
        request, "welfare/children.html",
        {"rows": shown[:500], "total": len(rows), "overdue": sum(r.overdue for r in rows), "overdue_only": overdue_only,
         "by_category": sorted(by_category.items()), "open_cases": open_cases, "today": today},
    )  # fmt: skip


@login_required
def child_detail(request, person_id):
    require_cap(request.user, Cap.VIEW_CASES)
    person = person_get_for_user(request.user, person_id)
    coverages = Coverage.objects.visible_to(request.user).filter(person=person, category__in=CHILD_CATEGORIES)
    if not coverages.exists():
        raise Http404
    if request.method == "POST":
        post, action = request.POST, request.POST.get("action")
        if action == "visit":
            _done(request, lambda: services.child_visit_record(
                actor=request.user, person=person, visitors=post.get("visitors", ""), findings=post.get("findings", ""),
                visited_on=parse_date(post.get("visited_on"), field="visited_on", label="探访日期"),
            ))  # fmt: skip
        elif action == "open_case":
            _done(request, lambda: services.case_open(
                actor=request.user, person=person, problem=post.get("problem", ""), plan=post.get("plan", ""),
                opened_on=parse_date(post.get("opened_on"), field="opened_on", label="立案日期"),
            ))  # fmt: skip
        elif action in ("entry", "close"):
            case = ChildCase.objects.filter(person=person, pk=valid_pk(post.get("case_id")) or 0).first()
            if case is None:
                raise Http404
            if action == "entry":
                _done(request, lambda: services.case_add_entry(
                    actor=request.user, case=case, kind=post.get("kind", ""), text=post.get("text", ""),
                    on=parse_date(post.get("on"), field="on", label="日期"),
                ))  # fmt: skip
            else:
                _done(request, lambda: services.case_close(
                    actor=request.user, case=case, outcome=post.get("outcome", ""),
                    closed_on=parse_date(post.get("closed_on"), field="closed_on", label="结案日期"),
                ))  # fmt: skip
        else:
            raise Http404
        return redirect("welfare:child", person_id=person.pk)
    return render(
        request, "welfare/child_detail.html",
        {"person": person, "shown_id": id_number_for(request.user, [person])[person.pk],
         "coverages": coverages.select_related("household__head"), "visits": person.child_visits.all()[:100],
         "cases": person.child_cases.prefetch_related("entries"), "entry_kinds": CaseEntryKind.choices,
         "today": timezone.localdate(), "can_manage": scope_for(request.user).can(Cap.MANAGE_WELFARE)},
    )  # fmt: skip
