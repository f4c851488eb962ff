from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.audit import history_for
from tongxin.core.exports import export_members, export_tree
from tongxin.members.choices import MemberStatus
from tongxin.orgs import selectors, services
from tongxin.orgs.forms import MoveForm, PartyOrgForm, PartyOrgSettingsForm, UnitForm
from tongxin.orgs.models import PartyOrg, Unit

MEMBERS_PAGE = 50


def tree_rows(nodes, counts) -> list[dict]:
    """Rows for a tree table, indented relative to the shallowest visible node."""
    top = min((n.tree_depth for n in nodes), default=0)
    return [{"node": n, "count": counts.get(n.pk, 0), "indent": min(n.tree_depth - top, 5)} for n in nodes]


@login_required
def org_list(request):
    orgs = list(selectors.party_org_list(user=request.user))
    counts = selectors.member_counts_by_org()
    if request.GET.get("export") == "xlsx":
        _require(request, Cap.EXPORT)
        return export_tree(request.user, orgs, title="党组织", counts=counts, count_label="党员数", with_unit=True)
    rows = tree_rows(orgs, counts)
    scope = scope_for(request.user)
    return render(
        request,
        "orgs/org_list.html",
        {"rows": rows, "can_create": scope.can(Cap.MANAGE_ORGS), "can_export": scope.can(Cap.EXPORT)},
    )


@login_required
def org_detail(request, pk):
    org = selectors.party_org_get_for_user(request.user, pk)
    scope = scope_for(request.user)
    subtree = list(selectors.party_org_subtree(user=request.user, org=org))
    counts = selectors.member_counts_by_org(within=[org.pk])
    ancestors = list(PartyOrg.objects.ancestors(org)) if org.parent_id else []
    members_qs = (
        selectors.members_in_subtree(org)
        .select_related("person", "org")
        .order_by("org__position", "org_id", "person__name_pinyin")
        if scope.can(Cap.VIEW_PEOPLE)
        else None
    )
    if members_qs is not None and request.GET.get("export") == "xlsx":
        _require(request, Cap.EXPORT)
        return export_members(request.user, members_qs, title=org.name)
    page = Paginator(members_qs, MEMBERS_PAGE).get_page(request.GET.get("page")) if members_qs is not None else None
    status_counts = {}
    if members_qs is not None:
        full = selectors.members_in_subtree(org).filter(status=MemberStatus.FULL).count()
        status_counts = {"full": full, "probationary": counts.get(org.pk, 0) - full}
    context = {
        "org": org,
        "ancestors": ancestors,
        "rows": tree_rows(subtree, counts),
        "chart": child_chart(subtree, org, counts),
        "member_total": counts.get(org.pk, 0),
        "status_counts": status_counts,
        "page_obj": page,
        "can_manage": scope.can(Cap.MANAGE_ORGS),
        "can_settings": scope.can(Cap.MANAGE_ORGS) or scope.can(Cap.MANAGE_PEOPLE),
        "can_export": scope.can(Cap.EXPORT) and members_qs is not None,
        "history": history_for(org),
    }
    return render(request, "orgs/org_detail.html", context)


def child_chart(subtree, node, counts) -> list[dict]:
    """Counts per direct child, for the bar chart (empty when there is nothing to compare)."""
    children = [{"name": n.name, "value": counts.get(n.pk, 0)} for n in subtree if n.parent_id == node.pk]
    return children if len(children) > 1 else []


def _require(request, cap):
    if not scope_for(request.user).can(cap):
        raise PermissionDenied


@login_required
def org_create(request):
    _require(request, Cap.MANAGE_ORGS)
    initial = {"parent": request.GET.get("parent")}
    form = PartyOrgForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = services.party_org_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                parent_id=data["parent"].pk if data["parent"] else None,
                unit_id=data["unit"].pk if data["unit"] else None,
                established_on=data["established_on"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已新建：%(name)s") % {"name": org.name})
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"form": form, "title": _("新建党组织"), "back": "orgs:list"})


def _move_view(request, *, node, model, move, detail_url, list_url):
    """The move form for either tree: pick a new parent, the service refuses cycles and bad kinds."""
    form = MoveForm(request.POST or None, queryset=model.objects.visible_to(request.user).with_tree_fields())
    if request.method == "POST" and form.is_valid():
        parent = form.cleaned_data["parent"]
        try:
            move(parent.pk if parent else None)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已移动：%(name)s（连同下级）") % {"name": node.name})
            return redirect(detail_url, pk=node.pk)
    return render(
        request, "orgs/form.html", {"form": form, "title": _("移动：%(name)s") % {"name": node.name}, "back": list_url}
    )


@login_required
def org_edit(request, pk):
    org = selectors.party_org_get_for_user(request.user, pk)
    scope = scope_for(request.user)
    if not (scope.can(Cap.MANAGE_ORGS) or scope.can(Cap.MANAGE_PEOPLE)):
        raise PermissionDenied
    initial = {
        "name": org.name, "established_on": org.established_on, "term_started_on": org.term_started_on,
        "term_years": org.term_years or "", "farmer_dues_amount": org.farmer_dues_amount,
    }  # fmt: skip
    form = PartyOrgSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_org_update(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("orgs:detail", pk=org.pk)
    return render(
        request,
        "orgs/form.html",
        {"form": form, "title": _("修改：%(name)s") % {"name": org.name}, "back": "orgs:list"},
    )


@login_required
def org_move(request, pk):
    _require(request, Cap.MANAGE_ORGS)
    org = selectors.party_org_get_for_user(request.user, pk)
    return _move_view(
        request,
        node=org,
        model=PartyOrg,
        move=lambda parent_id: services.party_org_move(actor=request.user, org=org, new_parent_id=parent_id),
        detail_url="orgs:detail",
        list_url="orgs:list",
    )


@login_required
def unit_list(request):
    units = list(selectors.unit_list(user=request.user))
    counts = selectors.person_counts_by_unit()
    if request.GET.get("export") == "xlsx":
        _require(request, Cap.EXPORT)
        return export_tree(
            request.user, units, title="行政单位", counts=counts, count_label="登记人数", with_unit=False
        )
    scope = scope_for(request.user)
    return render(
        request,
        "orgs/unit_list.html",
        {
            "rows": tree_rows(units, counts),
            "can_create": scope.can(Cap.MANAGE_UNITS),
            "can_export": scope.can(Cap.EXPORT),
        },
    )


@login_required
def unit_detail(request, pk):
    unit = selectors.unit_get_for_user(request.user, pk)
    subtree = list(selectors.unit_subtree(user=request.user, unit=unit))
    counts = selectors.person_counts_by_unit(within=[unit.pk])
    ancestors = list(Unit.objects.ancestors(unit)) if unit.parent_id else []
    orgs = list(PartyOrg.objects.visible_to(request.user).filter(unit=unit))
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "rows": tree_rows(subtree, counts),
        "chart": child_chart(subtree, unit, counts),
        "person_total": counts.get(unit.pk, 0),
        "orgs": orgs,
        "can_manage": scope_for(request.user).can(Cap.MANAGE_UNITS),
        "history": history_for(unit),
    }
    return render(request, "orgs/unit_detail.html", context)


@login_required
def unit_create(request):
    _require(request, Cap.MANAGE_UNITS)
    form = UnitForm(request.POST or None, user=request.user, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                parent_id=data["parent"].pk if data["parent"] else None,
                region_code=data["region_code"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已新建：%(name)s") % {"name": unit.name})
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(request, "orgs/form.html", {"form": form, "title": _("新建行政单位"), "back": "orgs:unit_list"})


@login_required
def unit_move(request, pk):
    _require(request, Cap.MANAGE_UNITS)
    unit = selectors.unit_get_for_user(request.user, pk)
    return _move_view(
        request,
        node=unit,
        model=Unit,
        move=lambda parent_id: services.unit_move(actor=request.user, unit=unit, new_parent_id=parent_id),
        detail_url="orgs:unit_detail",
        list_url="orgs:unit_list",
    )
