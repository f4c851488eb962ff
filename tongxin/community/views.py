"""Service-desk pages: appeals, disputes, charity supermarket, volunteers, pairing, surveys; the public
notice board and the public survey form (no log-in)."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.community import selectors, services
from tongxin.community.choices import (
    ActivityKind,
    AppealAction,
    AppealStatus,
    Channel,
    Direction,
    DisputeKind,
    DisputeStatus,
    DonorKind,
    Satisfaction,
)
from tongxin.community.models import (
    Activity,
    Appeal,
    AppealCategory,
    CharityItem,
    CharityMovement,
    Dispute,
    Pairing,
    Participation,
    Survey,
    SurveyResponse,
    Volunteer,
)
from tongxin.core.actions import attempt
from tongxin.core.dates import month_end
from tongxin.core.ids import valid_pk
from tongxin.core.parsing import paging, parse_date, parse_month, parse_year
from tongxin.core.permissions import require_cap
from tongxin.core.phone import mask_mobile
from tongxin.members.models import Member
from tongxin.members.views import mask_name, money
from tongxin.orgs.choices import UnitKind
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.selectors import may_see_full_id, person_by_id_number

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
SAVED = gettext_lazy("已保存。")


def _communities(user):
    return list(Unit.objects.visible_to(user).filter(kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]).order_by("name"))


def _unit(user, value, field="community_id"):
    unit = Unit.objects.visible_to(user).filter(pk=valid_pk(value) or 0).first()
    if unit is None:
        raise ValidationError({field: ValidationError(_("请选择社区。"), code="required")})
    return unit


def _month_bounds(month: datetime.date):
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=TZ)
    end = datetime.datetime.combine(month_end(month) + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ)
    return start, end


def _can_manage(request):
    return scope_for(request.user).can(Cap.MANAGE_CASES)


# Appeals ------------------------------------------------------------------------------------------


@login_required
def appeal_list(request):
    require_cap(request.user, Cap.VIEW_CASES)
    if request.method == "POST":
        post = request.POST

        def create():
            received = post.get("received_at") or timezone.localtime().strftime("%Y-%m-%dT%H:%M")
            try:
                received_at = datetime.datetime.fromisoformat(received).replace(tzinfo=TZ)
            except ValueError:
                raise ValidationError(
                    {"received_at": ValidationError(_("受理时间格式不对。"), code="invalid")}
                ) from None
            return services.appeal_create(
                actor=request.user, community=_unit(request.user, post.get("community_id")), channel=post.get("channel"),
                category=post.get("category"), content=post.get("content", ""), received_at=received_at,
                contact_name=post.get("contact_name", ""), contact_phone=post.get("contact_phone", ""),
                proxy=post.get("proxy") == "1",
            )  # fmt: skip

        ok, appeal = attempt(request, create, success=_("诉求已受理。"))
        return redirect("community:appeal", pk=appeal.pk) if ok else redirect("community:appeals")
    today = timezone.localdate()
    month = parse_month(request.GET.get("month"), today.replace(day=1))
    visible = Appeal.objects.visible_to(request.user)
    scope = scope_for(request.user)
    ids = None if scope.is_global else scope.people_unit_ids
    figures = selectors.figures_from_summary(ids, month, month)
    year_figures = selectors.figures_from_summary(ids, month.replace(month=1), month.replace(month=12))
    keys = selectors.FIGURE_KEYS
    qs = visible.select_related("community", "category", "assignee_unit", "escalated_to")
    status = request.GET.get("status", "")
    if status in AppealStatus.values:
        qs = qs.filter(status=status)
    flag = request.GET.get("flag", "")
    if flag == "at_risk":
        qs = qs.filter(at_risk=True, status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED])
    elif flag == "overdue":
        qs = qs.filter(due_at__lt=timezone.now(), status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED])
    page = Paginator(qs.order_by("-received_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(
        request, "community/appeals.html",
        {**paging(request, page), "page": page, "figures": figures, "total": selectors.totals(figures, keys),
         "year_total": selectors.totals(year_figures, keys), "month": month, "status": status, "flag": flag,
         "statuses": AppealStatus.choices, "channels": Channel.choices, "categories": AppealCategory.objects.all(),
         "communities": _communities(request.user), "now": timezone.localtime(), "can_manage": _can_manage(request)},
    )  # fmt: skip


APPEAL_BUTTONS = {
    AppealStatus.RECEIVED: ["assign", "remind"],
    AppealStatus.ASSIGNED: ["reply", "remind", "assign"],
    AppealStatus.REPLIED: ["follow_up", "reopen"],
    AppealStatus.FOLLOWED_UP: ["close", "reopen"],
}


EVENT_LABELS = {"receive": gettext_lazy("受理"), "escalate": gettext_lazy("超时升级"), **dict(AppealAction.choices)}


@login_required
def appeal_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    appeal = selectors.get_visible(Appeal, request.user, pk, "community", "category", "assignee_unit", "escalated_to")
    if request.method == "POST":
        post = request.POST

        def act():
            unit = _unit(request.user, post.get("unit_id"), "unit_id") if post.get("unit_id") else None
            return services.appeal_transition(
                actor=request.user, appeal=appeal, action=post.get("action", ""), note=post.get("note", ""),
                satisfaction=post.get("satisfaction", ""), unit=unit,
            )  # fmt: skip

        attempt(request, act, success=_("已办理。"))
        return redirect("community:appeal", pk=appeal.pk)
    full = may_see_full_id(request.user)
    events = list(appeal.events.select_related("actor"))
    for e in events:
        e.label = EVENT_LABELS.get(e.action, e.action)
    units = [appeal.community] + [u for u in Unit.objects.visible_to(request.user).order_by("pk")[:300]
                                  if u.pk != appeal.community_id]  # fmt: skip
    return render(
        request, "community/appeal_detail.html",
        {"appeal": appeal, "events": events, "now": timezone.now(),
         "buttons": APPEAL_BUTTONS.get(appeal.status, []) if _can_manage(request) else [],
         "phone": appeal.contact_phone if full else mask_mobile(appeal.contact_phone),
         "satisfactions": Satisfaction.choices, "units": units},
    )  # fmt: skip


# Disputes -----------------------------------------------------------------------------------------


@login_required
def dispute_list(request):
    require_cap(request.user, Cap.VIEW_CASES)
    if request.method == "POST":
        post = request.POST
        ok, dispute = attempt(request, lambda: services.dispute_open(
            actor=request.user, community=_unit(request.user, post.get("community_id")), kind=post.get("kind"),
            parties=post.get("parties", ""), summary=post.get("summary", ""), mediator=post.get("mediator", ""),
            opened_on=parse_date(post.get("opened_on"), field="opened_on", label="受理日期"),
        ), success=SAVED)  # fmt: skip
        return redirect("community:dispute", pk=dispute.pk) if ok else redirect("community:disputes")
    today = timezone.localdate()
    year = parse_year(request.GET.get("year"), today.year)
    visible = Dispute.objects.visible_to(request.user)
    rates = selectors.dispute_rates(visible, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    total = {k: sum(r[k] for r in rates) for k in ("closed", "success", "failed", "transferred")}
    total["rate"] = selectors.percent(total["success"], total["closed"])
    page = Paginator(visible.select_related("community").order_by("-opened_on", "-id"), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request, "community/disputes.html",
        {**paging(request, page), "page": page, "rates": rates, "total": total, "year": year,
         "kinds": DisputeKind.choices, "communities": _communities(request.user), "today": today,
         "can_manage": _can_manage(request)},
    )  # fmt: skip


@login_required
def dispute_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    dispute = selectors.get_visible(Dispute, request.user, pk, "community")
    if request.method == "POST":
        post = request.POST
        if post.get("action") == "session":
            attempt(request, lambda: services.dispute_session(
                actor=request.user, dispute=dispute, note=post.get("note", ""),
                held_on=parse_date(post.get("held_on"), field="held_on", label="调解日期"),
            ), success=SAVED)  # fmt: skip
        else:
            attempt(request, lambda: services.dispute_close(
                actor=request.user, dispute=dispute, outcome=post.get("outcome", ""), agreement=post.get("agreement", ""),
                note=post.get("note", ""), closed_on=parse_date(post.get("closed_on"), field="closed_on", label="结案日期"),
            ), success=SAVED)  # fmt: skip
        return redirect("community:dispute", pk=dispute.pk)
    outcomes = [c for c in DisputeStatus.choices if c[0] != DisputeStatus.OPEN]
    return render(
        request, "community/dispute_detail.html",
        {"dispute": dispute, "sessions": dispute.sessions.all(), "outcomes": outcomes, "today": timezone.localdate(),
         "can_manage": _can_manage(request)},
    )  # fmt: skip


# Charity supermarket ------------------------------------------------------------------------------


@login_required
def charity(request):
    require_cap(request.user, Cap.VIEW_CASES)
    items = CharityItem.objects.visible_to(request.user)
    if request.method == "POST":
        post = request.POST
        if post.get("action") == "item":
            attempt(request, lambda: services.charity_item_create(
                actor=request.user, name=post.get("name", ""), unit=post.get("unit", ""),
                owner=_unit(request.user, post.get("community_id")),
            ), success=SAVED)  # fmt: skip
        else:

            def move():
                item = items.filter(pk=valid_pk(post.get("item_id")) or 0).first()
                if item is None:
                    raise ValidationError({"item_id": ValidationError(_("请选择物品。"), code="required")})
                recipient = None
                if post.get("direction") == Direction.OUT:
                    recipient = person_by_id_number(request.user, post.get("recipient_id_number"), "recipient")
                return services.charity_move(
                    actor=request.user, item=item, direction=post.get("direction", ""), quantity=post.get("quantity"),
                    value=post.get("value") or None, recipient=recipient, donor_kind=post.get("donor_kind", ""),
                    donor_name=post.get("donor_name", ""), note=post.get("note", ""),
                )  # fmt: skip

            ok, movement = attempt(request, move, success=SAVED)
            if ok and movement.direction == Direction.IN:
                return redirect("community:receipt", pk=movement.pk)
        return redirect("community:charity")
    today = timezone.localdate()
    month = parse_month(request.GET.get("month"), today.replace(day=1))
    statement = selectors.charity_statement(items, month, month_end(month))
    movements = (
        CharityMovement.objects.visible_to(request.user).select_related("item", "recipient").order_by("-at", "-id")[:50]
    )
    return render(
        request, "community/charity.html",
        {"statement": statement, "month": month, "movements": movements,
         "items": items.select_related("owner").order_by("owner__name", "name"),
         "communities": _communities(request.user), "donor_kinds": DonorKind.choices,
         "totals": {"value_in": sum(r["value_in"] for r in statement), "value_out": sum(r["value_out"] for r in statement)},
         "can_manage": _can_manage(request)},
    )  # fmt: skip


@login_required
def receipt(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    movement = selectors.get_visible(CharityMovement, request.user, pk, "item__owner")
    if movement.direction != Direction.IN:
        raise Http404
    return render(request, "community/receipt.html", {"m": movement})


# Volunteers ---------------------------------------------------------------------------------------


@login_required
def volunteers(request):
    require_cap(request.user, Cap.VIEW_CASES)
    if request.method == "POST":
        post = request.POST
        if post.get("action") == "register":
            attempt(request, lambda: services.volunteer_register(
                actor=request.user, person=person_by_id_number(request.user, post.get("id_number")),
                skills=post.get("skills", ""),
            ), success=SAVED)  # fmt: skip
        else:

            def create():
                org = None
                if post.get("org_id"):
                    org = PartyOrg.objects.visible_to(request.user).filter(pk=valid_pk(post.get("org_id")) or 0).first()
                try:
                    starts_at = datetime.datetime.fromisoformat(post.get("starts_at", "")).replace(tzinfo=TZ)
                except ValueError:
                    raise ValidationError(
                        {"starts_at": ValidationError(_("请填写开始时间。"), code="required")}
                    ) from None
                return services.activity_create(
                    actor=request.user, community=_unit(request.user, post.get("community_id")), org=org,
                    kind=post.get("kind"), title=post.get("title", ""), starts_at=starts_at, hours=post.get("hours"),
                )  # fmt: skip

            ok, activity = attempt(request, create, success=SAVED)
            if ok:
                return redirect("community:activity", pk=activity.pk)
        return redirect("community:volunteers")
    participations = Participation.objects.filter(activity__in=Activity.objects.visible_to(request.user))
    hours = {r["volunteer_id"]: r for r in selectors.volunteer_hours(participations)}
    page = Paginator(
        Volunteer.objects.visible_to(request.user).select_related("person__unit").order_by("-registered_on", "-id"), 30
    ).get_page(request.GET.get("page"))
    for v in page.object_list:
        row = hours.get(v.pk)
        v.hours, v.times = (row["hours"], row["times"]) if row else (0, 0)
    activities = (
        Activity.objects.visible_to(request.user).select_related("community", "org")
        .annotate(people=Count("participations"), served=Sum("participations__hours")).order_by("-starts_at")[:30]
    )  # fmt: skip
    return render(
        request, "community/volunteers.html",
        {**paging(request, page), "page": page, "activities": activities, "org_hours": selectors.org_hours(participations),
         "kinds": ActivityKind.choices, "communities": _communities(request.user),
         "orgs": PartyOrg.objects.visible_to(request.user).filter(kind__in=["branch", "joint_branch"]).order_by("name")[:300],
         "now": timezone.localtime(), "can_manage": _can_manage(request)},
    )  # fmt: skip


@login_required
def activity_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    activity = selectors.get_visible(Activity, request.user, pk, "community", "org")
    if request.method == "POST":
        post = request.POST
        if post.get("action") == "sign_up":

            def sign_up():
                volunteer = Volunteer.objects.visible_to(request.user).filter(
                    person__id_number=post.get("id_number", "").strip().upper()).first()  # fmt: skip
                if volunteer is None:
                    raise ValidationError({"id_number": ValidationError(_("此人还不是注册志愿者。"), code="not_found")})
                return services.activity_sign_up(actor=request.user, activity=activity, volunteer=volunteer)

            attempt(request, sign_up, success=SAVED)
        else:
            participation = get_object_or_404(
                Participation, activity=activity, pk=valid_pk(post.get("participation_id")) or 0
            )
            attempt(request, lambda: services.activity_sign_in(
                actor=request.user, participation=participation, hours=post.get("hours") or None), success=SAVED)  # fmt: skip
        return redirect("community:activity", pk=activity.pk)
    return render(
        request, "community/activity_detail.html",
        {"activity": activity, "participations": activity.participations.select_related("volunteer__person"),
         "can_manage": _can_manage(request)},
    )  # fmt: skip


# Pairing ------------------------------------------------------------------------------------------


@login_required
def pairings(request):
    require_cap(request.user, Cap.VIEW_CASES)
    visible = Pairing.objects.visible_to(request.user)
    if request.method == "POST":
        post = request.POST
        if post.get("action") == "visit":
            pairing = get_object_or_404(visible, pk=valid_pk(post.get("pairing_id")) or 0)
            attempt(request, lambda: services.pairing_visit(
                actor=request.user, pairing=pairing, help=post.get("help", ""),
                visited_on=parse_date(post.get("visited_on"), field="visited_on", label="走访日期"),
            ), success=SAVED)  # fmt: skip
        else:

            def create():
                from tongxin.assistance.models import Household

                member_person = person_by_id_number(request.user, post.get("member_id_number"), "member")
                member = Member.objects.filter(person=member_person).first()
                if member is None:
                    raise ValidationError({"member": ValidationError(_("此人不是党员。"), code="not_member")})
                head = person_by_id_number(request.user, post.get("head_id_number"), "household")
                household = Household.objects.visible_to(request.user).filter(head=head).first()
                if household is None:
                    raise ValidationError(
                        {"household": ValidationError(_("此人不是已登记家庭的户主。"), code="not_found")}
                    )
                return services.pairing_create(
                    actor=request.user, member=member, household=household,
                    visit_every_days=post.get("visit_every_days") or 30,
                    started_on=parse_date(post.get("started_on"), field="started_on", label="结对日期"),
                )  # fmt: skip

            attempt(request, create, success=SAVED)
        return redirect("community:pairings")
    today = timezone.localdate()
    rows = selectors.pairings_with_last_visit(visible, today)
    if request.GET.get("overdue") == "1":
        rows = [r for r in rows if r.overdue]
    return render(
        request, "community/pairings.html",
        {"rows": rows[:300], "overdue": sum(r.overdue for r in rows), "today": today, "can_manage": _can_manage(request),
         "overdue_only": request.GET.get("overdue") == "1"},
    )  # fmt: skip


# Surveys ------------------------------------------------------------------------------------------


@login_required
def surveys(request):
    require_cap(request.user, Cap.VIEW_CASES)
    if request.method == "POST":
        post = request.POST
        ok, survey = attempt(request, lambda: services.survey_create(
            actor=request.user, unit=_unit(request.user, post.get("unit_id"), "unit_id"), title=post.get("title", ""),
            opens_on=parse_date(post.get("opens_on"), field="opens_on", label="开始日期"),
            closes_on=parse_date(post.get("closes_on"), field="closes_on", label="截止日期"),
            questions=post.get("questions", "").splitlines()[:30],
        ), success=SAVED)  # fmt: skip
        return redirect("community:survey", pk=survey.pk) if ok else redirect("community:surveys")
    rows = list(
        Survey.objects.visible_to(request.user).select_related("unit")
        .annotate(n=Count("responses"), s=Sum("responses__satisfied"), b=Sum("responses__basic"),
                  d=Sum("responses__dissatisfied")).order_by("-opens_on")[:100]
    )  # fmt: skip
    for r in rows:
        r.rate = selectors.percent((r.s or 0) + (r.b or 0), (r.s or 0) + (r.b or 0) + (r.d or 0))
    return render(
        request, "community/surveys.html",
        {"rows": rows, "units": Unit.objects.visible_to(request.user).order_by("pk")[:300], "today": timezone.localdate(),
         "can_manage": _can_manage(request)},
    )  # fmt: skip


@login_required
def survey_detail(request, pk):
    require_cap(request.user, Cap.VIEW_CASES)
    survey = selectors.get_visible(Survey, request.user, pk, "unit")
    if request.method == "POST":
        answers = [request.POST.get(f"q{i}", "") for i in range(len(survey.questions))]
        attempt(request, lambda: services.survey_respond(
            survey=survey, answers=answers, respondent=request.POST.get("respondent", ""), actor=request.user,
            submitted_on=parse_date(request.POST.get("submitted_on"), field="submitted_on", label="测评日期"),
        ), success=SAVED)  # fmt: skip
        return redirect("community:survey", pk=survey.pk)
    per_question = []
    responses = list(survey.responses.all())
    for i, text in enumerate(survey.questions):
        counts = {v: sum(1 for r in responses if i < len(r.answers) and r.answers[i] == v) for v in Satisfaction.values}
        good = counts["satisfied"] + counts["basic"]
        per_question.append({"text": text, **counts, "rate": selectors.percent(good, sum(counts.values()))})
    return render(
        request, "community/survey_detail.html",
        {"survey": survey, "rate": selectors.survey_rate(survey.responses.all()), "per_question": per_question,
         "satisfactions": Satisfaction.choices, "today": timezone.localdate(),
         "public_url": request.build_absolute_uri(f"/survey/{survey.token}/"), "can_manage": _can_manage(request)},
    )  # fmt: skip


def survey_public(request, token):
    """The public form residents fill in (no log-in); one response per submission."""
    survey = get_object_or_404(Survey.objects.select_related("unit"), token=token)
    done = False
    if request.method == "POST":
        answers = [request.POST.get(f"q{i}", "") for i in range(len(survey.questions))]
        ok, _response = attempt(request, lambda: services.survey_respond(survey=survey, answers=answers))
        done = ok
    today = timezone.localdate()
    return render(
        request, "community/survey_public.html",
        {"survey": survey, "done": done, "open": survey.opens_on <= today <= survey.closes_on,
         "satisfactions": Satisfaction.choices},
    )  # fmt: skip


# Public notice board ------------------------------------------------------------------------------


def board_community(request, unit_id):
    """公示栏 of a community: appeals figures, charity statement, volunteer activities, dues of its
    branches, satisfaction — from records, with no personal data beyond masked names."""
    community = get_object_or_404(Unit, pk=valid_pk(unit_id) or 0, kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE])
    today = timezone.localdate()
    month = today.replace(day=1)
    year_rows = selectors.figures_from_summary([community.pk], month.replace(month=1), month)
    month_rows = selectors.figures_from_summary([community.pk], month, month)
    keys = selectors.FIGURE_KEYS
    start, end = _month_bounds(month)
    statement = selectors.charity_statement(CharityItem.objects.filter(owner=community), month, month_end(month))
    out = (
        CharityMovement.objects.filter(item__owner=community, direction=Direction.OUT, at__gte=start, at__lt=end)
        .select_related("item", "recipient").order_by("-at")[:30]
    )  # fmt: skip
    activities = (
        Activity.objects.filter(community=community).select_related("org")
        .annotate(people=Count("participations", filter=Q(participations__signed_in_at__isnull=False)),
                  served=Sum("participations__hours")).order_by("-starts_at")[:10]
    )  # fmt: skip
    surveys_ = SurveyResponse.objects.filter(survey__unit=community, submitted_on__year=today.year)
    branches = PartyOrg.objects.filter(unit=community, kind__in=["branch", "joint_branch"])
    return render(
        request, "community/board.html",
        {"title": community.name, "community": community, "today": today, "month": month,
         "appeals_month": selectors.totals(month_rows, keys), "appeals_year": selectors.totals(year_rows, keys),
         "statement": statement, "handouts": [(m, mask_name(m.recipient.name) if m.recipient_id else "") for m in out],
         "activities": activities, "survey": selectors.survey_rate(surveys_), "branches": _dues_summaries(branches, month)},
    )  # fmt: skip


def board_branch(request, org_id):
    """公示栏 of a Party branch: dues collection, its volunteer team's activities and hours, pairing."""
    org = get_object_or_404(PartyOrg, pk=valid_pk(org_id) or 0, kind__in=["branch", "joint_branch", "temporary_branch"])
    today = timezone.localdate()
    month = today.replace(day=1)
    participations = Participation.objects.filter(activity__org=org, signed_in_at__isnull=False)
    year_hours = participations.filter(activity__starts_at__year=today.year).aggregate(
        h=Sum("hours"), n=Count("volunteer", distinct=True))  # fmt: skip
    activities = (
        Activity.objects.filter(org=org).select_related("community")
        .annotate(people=Count("participations", filter=Q(participations__signed_in_at__isnull=False)),
                  served=Sum("participations__hours")).order_by("-starts_at")[:10]
    )  # fmt: skip
    pairs = Pairing.objects.filter(member__org=org, ended_on__isnull=True)
    return render(
        request, "community/board.html",
        {"title": org.name, "org": org, "today": today, "month": month, "branches": _dues_summaries([org], month),
         "activities": activities, "year_hours": year_hours, "pairs": pairs.count(),
         "pair_visits": pairs.filter(visits__visited_on__year=today.year).count()},
    )  # fmt: skip


def _dues_summaries(orgs, month):
    from tongxin.members.models import DuesBill

    rows = []
    for org in orgs:
        bills = DuesBill.objects.filter(org=org, month=month)
        agg = bills.aggregate(
            n=Count("id"), paid=Count("id", filter=Q(paid_amount__gte=F("amount"))), due=Sum("amount"),
            paid_amount=Sum("paid_amount"),
        )  # fmt: skip
        rows.append({"org": org, "n": agg["n"], "paid": agg["paid"], "due": money(agg["due"]),
                     "paid_amount": money(agg["paid_amount"]), "url": f"/notice/dues/{org.pk}/{month:%Y-%m}/"})  # fmt: skip
    return rows
