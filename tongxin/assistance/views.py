"""Casework pages: households, applications, monitoring, early warnings, payment runs, public notice."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.assistance import selectors, services
from tongxin.assistance.choices import (
    CHILD_CATEGORIES,
    OPEN_STATUSES,
    TEKUN_CATEGORIES,
    Action,
    AppStatus,
    Category,
    PayProgramme,
    Programme,
    Relation,
    ReviewOutcome,
    RunStatus,
    Stability,
    WarningStatus,
)
from tongxin.assistance.models import Application, Coverage, Payment, PaymentRun, Warning
from tongxin.core.actions import attempt
from tongxin.core.audit import history_for
from tongxin.core.excel import build_workbook, xlsx_response
from tongxin.core.idcard import mask_id_number
from tongxin.core.ids import valid_pk
from tongxin.core.models import ExportRecord
from tongxin.core.parsing import paging, parse_date, parse_month, parse_year
from tongxin.core.permissions import require_cap
from tongxin.members.views import mask_name, money
from tongxin.orgs.choices import UnitKind
from tongxin.orgs.models import Unit
from tongxin.people.models import Person
from tongxin.people.selectors import id_number_for, may_see_full_id, person_by_id_number


def _townships(user):
    qs = Unit.objects.visible_to(user).filter(kind=UnitKind.TOWNSHIP)
    return list(qs.order_by("name"))


# Households ---------------------------------------------------------------------------------------


@login_required
def household_list(request):
    require_cap(request.user, Cap.VIEW_CASES)
    q = request.GET.get("q", "").strip()[:50]
    qs = selectors.household_list(user=request.user, q=q)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    households = list(page.object_list)
    active = {}
    for row in Coverage.objects.filter(household__in=households, ended_on__isnull=True).values(
        "household_id", "category"
    ):
        active.setdefault(row["household_id"], set()).add(Category(row["category"]).label)
    for h in households:
        h.categories = sorted(active.get(h.pk, ()))
    counts = dict(
        Coverage.objects.visible_to(request.user)
        .filter(ended_on__isnull=True)
        .values_list("category")
        .annotate(n=Sum("persons"))
        .values_list("category", "n")
    )
    summary = [(Category(c).label, counts.get(c, 0)) for c in Category.values]
    return render(
        request, "assistance/household_list.html",
        {**paging(request, page), "page": page, "households": households, "q": q, "summary": summary,
         "can_manage": scope_for(request.user).can(Cap.MANAGE_CASES)},
    )  # fmt: skip


@login_required
def household_new(request):
    require_cap(request.user, Cap.VIEW_CASES)
    values = {"stability": Stability.BASIC}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("id_number", "region_code", "address", "stability", "bank_name",
                                                        "bank_account")}  # fmt: skip

        def create():
            head = person_by_id_number(request.user, values["id_number"])
            return services.household_create(
                actor=request.user, head=head, region_code=values["region_code"] or head.id_number[:6],
                address=values["address"] or head.address, stability=values["stability"] or Stability.BASIC,
                bank_name=values["bank_name"], bank_account=values["bank_account"],
            )  # fmt: skip

        ok, household = attempt(request, create, success=_("家庭已登记。"))
        if ok:
            return redirect("assistance:household", pk=household.pk)
    return render(request, "assistance/household_new.html", {"values": values, "stabilities": Stability.choices})


HOUSEHOLD_ACTIONS = {"add_member", "remove_member", "declaration", "condition", "coverage", "apply", "update"}


@login_required
def household_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    household = selectors.household_get_for_user(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in HOUSEHOLD_ACTIONS:
            raise Http404
        ok, target = attempt(request, lambda: _household_action(request, household, action), success=_("已保存。"))
        if ok and target:
            return target
        return redirect("assistance:household", pk=household.pk)
    members = list(household.members.select_related("person__condition").order_by("id"))
    ids = id_number_for(request.user, [m.person for m in members])
    for m in members:
        m.shown_id = ids[m.person_id]
        m.condition = getattr(m.person, "condition", None)
    declarations = list(household.declarations.order_by("-period")[:24])
    latest = declarations[0] if declarations else None
    per_capita = money(latest.monthly_income / len(members)) if latest and members else None
    context = {
        "household": household, "members": members, "declarations": declarations, "per_capita": per_capita,
        "coverages": household.coverages.select_related("person").order_by("ended_on", "-started_on"),
        "applications": household.applications.order_by("-applied_on", "-id"),
        "payments": Payment.objects.filter(household=household).select_related("run", "person")
        .order_by("-for_month", "-id")[:24],
        "history": history_for(household), "relations": [r for r in Relation.choices if r[0] != Relation.HEAD],
        "categories": Category.choices, "programmes": Programme.choices, "stabilities": Stability.choices,
        "today": timezone.localdate(), "can_manage": scope_for(request.user).can(Cap.MANAGE_CASES),
        "bank_account": household.bank_account if may_see_full_id(request.user) else _mask_account(
            household.bank_account),
    }  # fmt: skip
    return render(request, "assistance/household_detail.html", context)


def _mask_account(account: str) -> str:
    return account[:4] + "*" * max(len(account) - 8, 0) + account[-4:] if len(account) > 8 else account


def _household_action(request, household, action):
    post, user = request.POST, request.user
    if action == "add_member":
        person = person_by_id_number(user, post.get("id_number"))
        services.household_add_member(actor=user, household=household, person=person, relation=post.get("relation"))
    elif action == "remove_member":
        person = get_object_or_404(
            Person, pk=valid_pk(post.get("person_id")) or 0, household_membership__household=household
        )
        services.household_remove_member(actor=user, household=household, person=person)
    elif action == "declaration":
        period = parse_month(post.get("period"), None)
        if period is None:
            raise ValidationError({"period": ValidationError(_("请选择所属月份。"), code="required")})
        services.declaration_record(
            actor=user, household=household, period=period,
            monthly_income=post.get("monthly_income"), assets=post.get("assets"), note=post.get("note", ""),
        )  # fmt: skip
    elif action == "condition":
        person = get_object_or_404(
            Person, pk=valid_pk(post.get("person_id")) or 0, household_membership__household=household
        )
        services.condition_set(
            actor=user, person=person, disability_grade=post.get("disability_grade") or 0,
            serious_illness=bool(post.get("serious_illness")), living_alone=bool(post.get("living_alone")),
            self_care_loss=bool(post.get("self_care_loss")), monthly_income=post.get("monthly_income") or None,
        )  # fmt: skip
    elif action == "coverage":
        person = None
        if post.get("person_id"):
            person = get_object_or_404(
                Person, pk=valid_pk(post.get("person_id")) or 0, household_membership__household=household
            )
        services.coverage_add(
            actor=user, household=household, category=post.get("category"), person=person,
            started_on=parse_date(post.get("started_on"), field="started_on", label="纳入日期"),
        )  # fmt: skip
    elif action == "apply":
        application = services.application_create(
            actor=user, household=household, programme=post.get("programme"),
            applied_on=parse_date(post.get("applied_on"), field="applied_on", label="申请日期"),
            reason=post.get("reason", ""),
        )  # fmt: skip
        return redirect("assistance:application", pk=application.pk)
    elif action == "update":
        services.household_update(
            actor=user, household=household, address=post.get("address", ""), stability=post.get("stability"),
            bank_name=post.get("bank_name", ""), bank_account=post.get("bank_account", ""),
        )  # fmt: skip
    return None


@login_required
def coverage_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    coverage = selectors.coverage_get_for_user(request.user, pk)
    if request.method == "POST":
        action, post = request.POST.get("action"), request.POST
        if action == "review":
            attempt(request, lambda: services.review_record(
                actor=request.user, coverage=coverage, outcome=post.get("outcome"), note=post.get("note", ""),
                reviewed_on=parse_date(post.get("reviewed_on"), field="reviewed_on", label="复核日期"),
                monthly_income=post.get("monthly_income") or None,
            ), success=_("已保存。"))  # fmt: skip
        elif action == "suspend":
            attempt(request, lambda: services.coverage_suspend(
                actor=request.user, coverage=coverage, suspended=post.get("suspended") == "1",
                reason=post.get("reason", ""),
            ), success=_("已保存。"))  # fmt: skip
        else:
            raise Http404
        return redirect("assistance:coverage", pk=coverage.pk)
    return render(
        request, "assistance/coverage_detail.html",
        {"coverage": coverage, "reviews": coverage.reviews.select_related("reviewed_by"), "outcomes": ReviewOutcome.choices,
         "today": timezone.localdate(), "history": history_for(coverage),
         "can_manage": scope_for(request.user).can(Cap.MANAGE_CASES)},
    )  # fmt: skip


# Applications -------------------------------------------------------------------------------------


@login_required
def application_list(request):
    require_cap(request.user, Cap.VIEW_CASES)
    status = request.GET.get("status", "")
    status = status if status in AppStatus.values else ""
    programme = request.GET.get("programme", "")
    programme = programme if programme in Programme.values else ""
    overdue = request.GET.get("overdue") == "1"
    qs = selectors.application_list(user=request.user, status=status, programme=programme, overdue=overdue)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request, "assistance/application_list.html",
        {**paging(request, page), "page": page, "status": status, "programme": programme, "overdue": overdue, "statuses": AppStatus.choices,
         "programmes": Programme.choices, "townships": selectors.overdue_by_township(user=request.user),
         "today": timezone.localdate()},
    )  # fmt: skip


# Which buttons a status offers, in order.
NEXT_ACTIONS = {
    AppStatus.SUBMITTED: [Action.ACCEPT],
    AppStatus.ACCEPTED: [Action.INVESTIGATE],
    AppStatus.INVESTIGATED: [Action.TOWNSHIP_APPROVE],
    AppStatus.TOWNSHIP_APPROVED: [Action.START_NOTICE],
    AppStatus.IN_NOTICE: [Action.CONFIRM],
}


@login_required
def application_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    application = selectors.application_get_for_user(request.user, pk)
    if request.method == "POST":
        post = request.POST

        def act():
            if post.get("action") == "notified":
                return services.refusal_notified(
                    actor=request.user, application=application,
                    on=parse_date(post.get("on"), field="on", label="告知日期"),
                )  # fmt: skip
            return services.application_transition(
                actor=request.user, application=application, action=post.get("action", ""),
                note=post.get("note", ""), investigators=post.get("investigators", ""),
                verified_income=post.get("verified_income") or None, amount=post.get("amount") or None,
            )  # fmt: skip

        attempt(request, act, success=_("已办理。"))
        return redirect("assistance:application", pk=application.pk)
    scope = scope_for(request.user)
    from tongxin.assistance.services import TRANSITIONS

    actions = []
    if application.status in OPEN_STATUSES:
        for action in [*NEXT_ACTIONS.get(application.status, []), Action.EXTEND, Action.REFUSE]:
            if action == Action.EXTEND and application.extended:
                continue
            if scope.can(TRANSITIONS[action][2]):
                actions.append(action)
    household = application.household
    today = timezone.localdate()
    return render(
        request, "assistance/application_detail.html",
        {"application": application, "household": household, "actions": actions,
         "steps": application.steps.select_related("actor"), "visits": application.visits.all(),
         "today": today, "notice_over": bool(application.notice_ends_on and today > application.notice_ends_on),
         "members": household.members.count(), "history": history_for(application),
         "days_left": (application.due_on - today).days, "overdue_days": (today - application.due_on).days},
    )  # fmt: skip


@login_required
def refusal_letter(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    application = selectors.application_get_for_user(request.user, pk)
    if application.status != AppStatus.REFUSED:
        raise Http404
    return render(request, "assistance/refusal_letter.html", {"application": application})


# Monitoring ---------------------------------------------------------------------------------------


@login_required
def monitoring(request):
    require_cap(request.user, Cap.VIEW_CASES)
    today = timezone.localdate()
    year = parse_year(request.GET.get("year"), today.year)
    group = request.GET.get("group", "dibao")
    groups = {"dibao": ({Category.DIBAO}, _("低保")), "tekun": (TEKUN_CATEGORIES, _("特困")),
              "children": (CHILD_CATEGORIES, _("困境儿童等"))}  # fmt: skip
    if group not in groups:
        group = "dibao"
    figures = selectors.monthly_figures(user=request.user, year=year, categories=groups[group][0], today=today)
    due = Paginator(selectors.reviews_due(user=request.user, today=today), 50).get_page(request.GET.get("page"))
    return render(
        request, "assistance/monitoring.html",
        {"figures": figures, "year": year, "group": group, "groups": [(k, v[1]) for k, v in groups.items()],
         "due": due, **paging(request, due), "due_count": due.paginator.count, "today": today, "months": range(1, 13)},
    )  # fmt: skip


@login_required
def warning_list(request):
    require_cap(request.user, Cap.VIEW_CASES)
    if request.method == "POST":
        warning = selectors.warning_get_for_user(request.user, request.POST.get("warning_id"))
        if request.POST.get("action") == "apply":
            ok, application = attempt(
                request,
                lambda: services.warning_apply(
                    actor=request.user, warning=warning, programme=request.POST.get("programme", "")
                ),
                success=_("已发起申请。"),
            )
            if ok:
                return redirect("assistance:application", pk=application.pk)
        else:
            attempt(
                request,
                lambda: services.warning_dismiss(
                    actor=request.user, warning=warning, reason=request.POST.get("reason", "")
                ),
                success=_("已排除。"),
            )
        return redirect("assistance:warnings")
    status = request.GET.get("status", WarningStatus.OPEN)
    status = status if status in WarningStatus.values else WarningStatus.OPEN
    qs = (
        Warning.objects.visible_to(request.user)
        .filter(status=status)
        .select_related("person__unit", "rule", "application")
    )
    page = Paginator(qs.order_by("-raised_on", "id"), 30).get_page(request.GET.get("page"))
    warnings = list(page.object_list)
    ids = id_number_for(request.user, [w.person for w in warnings])
    for w in warnings:
        w.shown_id = ids[w.person_id]
    counts = dict(Warning.objects.visible_to(request.user).values_list("status").annotate(n=Count("id")))
    return render(
        request, "assistance/warnings.html",
        {**paging(request, page), "page": page, "warnings": warnings, "status": status,
         "statuses": [(v, label, counts.get(v, 0)) for v, label in WarningStatus.choices],
         "programmes": Programme.choices},
    )  # fmt: skip


# Payments -----------------------------------------------------------------------------------------


@login_required
def payment_runs(request):
    require_cap(request.user, Cap.VIEW_CASES)
    today = timezone.localdate()
    if request.method == "POST":

        def compute():
            township = (
                Unit.objects.visible_to(request.user).filter(pk=valid_pk(request.POST.get("township_id")) or 0).first()
            )
            if township is None:
                raise ValidationError({"township_id": ValidationError(_("请选择乡镇（街道）。"), code="required")})
            return services.run_compute(
                actor=request.user, programme=request.POST.get("programme", ""), township=township,
                month=parse_month(request.POST.get("month"), None),
            )  # fmt: skip

        ok, run = attempt(request, compute, success=_("已计算。"))
        if ok:
            return redirect("assistance:payment_run", pk=run.pk)
        return redirect("assistance:payments")
    runs = (
        PaymentRun.objects.visible_to(request.user)
        .select_related("township")
        .annotate(n=Count("payments"), total=Sum("payments__amount"))
        .order_by("-month", "township__name", "programme")
    )
    page = Paginator(runs, 30).get_page(request.GET.get("page"))
    for run in page.object_list:
        run.total = money(run.total)
    return render(
        request, "assistance/payment_runs.html",
        {**paging(request, page), "page": page, "townships": _townships(request.user), "programmes": PayProgramme.choices,
         "month": today.replace(day=1), "can_pay": scope_for(request.user).can(Cap.MANAGE_PAYMENTS)},
    )  # fmt: skip


@login_required
def payment_run(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    run = selectors.run_get_for_user(request.user, pk)
    if request.method == "POST":
        if request.POST.get("action") == "recompute":
            attempt(request, lambda: services.run_compute(
                actor=request.user, programme=run.programme, township=run.township, month=run.month
            ), success=_("已保存。"))  # fmt: skip
        else:
            attempt(request, lambda: services.run_advance(
                actor=request.user, run=run, action=request.POST.get("action", "")
            ), success=_("已保存。"))  # fmt: skip
        return redirect("assistance:payment_run", pk=run.pk)
    payments = list(run.payments.select_related("household__head", "household__unit", "person").order_by(
        "household__unit__name", "household_id", "for_month"))  # fmt: skip
    totals = run.payments.aggregate(total=Sum("amount"), households=Count("household", distinct=True))
    arrears = [p for p in payments if p.kind == "arrears"]
    return render(
        request, "assistance/payment_run.html",
        {"run": run, "payments": payments, "total": money(totals["total"]), "households": totals["households"],
         "arrears_total": money(sum(p.amount for p in arrears)), "arrears_count": len(arrears),
         "can_pay": scope_for(request.user).can(Cap.MANAGE_PAYMENTS)},
    )  # fmt: skip


@login_required
def payment_bank_export(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    run = selectors.run_get_for_user(request.user, pk)
    scope = scope_for(request.user)
    if not (scope.can(Cap.MANAGE_PAYMENTS) and scope.can(Cap.EXPORT)):
        raise PermissionDenied(_("您的角色不能导出发放名单。"))
    if run.status != RunStatus.LOCKED:
        return HttpResponse(_("批次锁定后才能导出银行代发文件。"), status=409, content_type="text/plain; charset=utf-8")
    payments = list(run.payments.select_related("household__head", "household__unit", "person").order_by(
        "household__unit__name", "household_id", "for_month"))  # fmt: skip
    full = may_see_full_id(request.user)
    rows = []
    for i, p in enumerate(payments, start=1):
        payee = p.household.head
        rows.append([
            i, run.township.name, p.household.unit.name, payee.name,
            payee.id_number if full else mask_id_number(payee.id_number), p.household.bank_name,
            p.household.bank_account, f"{p.for_month:%Y-%m}", p.get_kind_display(), p.amount,
            p.person.name if p.person_id else "",
        ])  # fmt: skip
    total = sum((p.amount for p in payments), start=money(0))
    rows.append(["合计", "", "", "", "", "", "", "", f"{len(payments)}笔", total, ""])
    ExportRecord.objects.create(
        actor=request.user,
        what=f"银行代发：{run}",
        query=f"run={run.pk}",
        row_count=len(payments),
        full_id_numbers=full,
    )
    content = build_workbook(
        f"{run.month:%Y-%m}{run.get_programme_display()}",
        ["序号", "乡镇（街道）", "社区（村）", "收款人", "身份证号", "开户银行", "账号", "所属月份", "类型", "金额（元）", "保障对象"],
        rows, widths=[6, 14, 14, 10, 22, 14, 24, 10, 8, 12, 10],
    )  # fmt: skip
    return xlsx_response(f"{run.township.name}-{run.month:%Y%m}-{run.get_programme_display()}-银行代发.xlsx", content)


# Public notice ------------------------------------------------------------------------------------


def public_notice(request, township_id):
    """公示: applications in their notice period, masked names and IDs only, no log-in."""
    township = get_object_or_404(Unit, pk=valid_pk(township_id) or 0, kind=UnitKind.TOWNSHIP)
    today = timezone.localdate()
    applications = (
        Application.objects.filter(township=township, status=AppStatus.IN_NOTICE)
        .select_related("household__head", "household__unit")
        .annotate(member_count=Count("household__members"))
        .order_by("notice_ends_on", "id")
    )
    rows = [
        {"name": mask_name(a.household.head.name), "id_number": mask_id_number(a.household.head.id_number),
         "community": a.household.unit.name, "programme": a.get_programme_display(), "members": a.member_count,
         "from": a.notice_starts_on, "until": a.notice_ends_on}
        for a in applications
    ]  # fmt: skip
    return render(request, "assistance/public_notice.html", {"township": township, "rows": rows, "today": today})
