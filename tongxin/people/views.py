from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.audit import audit_access, history_of_many
from tongxin.core.exports import export_people
from tongxin.members.models import Member
from tongxin.people import selectors, services
from tongxin.people.forms import PersonForm

PAGE_SIZE = 20


@login_required
def person_list(request):
    scope = scope_for(request.user)
    if not scope.can(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    q = request.GET.get("q", "")[: selectors.SEARCH_MAX]
    paginator = Paginator(selectors.person_list(user=request.user, q=q), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    people = list(page.object_list)
    context = {
        "page_obj": page,
        "people": people,
        "q": q,
        "querystring_base": urlencode({"q": q}) + "&" if q else "",
        "can_create": scope.can(Cap.MANAGE_PEOPLE),
        "can_export": scope.can(Cap.EXPORT),
    }
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/list.html"
    return render(request, template, context)


@login_required
def person_export(request):
    if not scope_for(request.user).can(Cap.EXPORT):
        raise PermissionDenied
    q = request.GET.get("q", "")[: selectors.SEARCH_MAX]
    return export_people(request.user, selectors.person_list(user=request.user, q=q), query=q)


@login_required
def person_create(request):
    if not scope_for(request.user).can(Cap.MANAGE_PEOPLE):
        raise PermissionDenied
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user,
                name=data["name"],
                id_number=data["id_number"],
                phone=data["phone"],
                address=data["address"],
                unit_id=data["unit"].pk if data["unit"] else None,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已登记：%(name)s") % {"name": person.name})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": _("登记人员")})


@login_required
def person_edit(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    if not scope_for(request.user).can(Cap.MANAGE_PEOPLE):
        raise PermissionDenied
    initial = {
        "name": person.name,
        "id_number": person.masked_id_number,
        "phone": person.phone,
        "address": person.address,
        "unit": person.unit,
    }
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        number = data["id_number"]
        if "*" in number:  # the masked number was left as it was
            number = person.id_number
        try:
            services.person_update(
                actor=request.user,
                person=person,
                name=data["name"],
                id_number=number,
                phone=data["phone"],
                address=data["address"],
                unit_id=data["unit"].pk if data["unit"] else None,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "title": _("修改：%(name)s") % {"name": person.name}, "person": person},
    )


@login_required
def person_detail(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    scope = scope_for(request.user)
    membership = Member.objects.select_related("org").filter(person=person).first()
    context = {
        "person": person,
        "membership": membership,
        "can_reveal": scope.can(Cap.VIEW_FULL_ID),
        "can_edit": scope.can(Cap.MANAGE_PEOPLE),
        "history": history_of_many([person, membership]),
    }
    return render(request, "people/detail.html", context)


@login_required
def person_reveal_id(request, pk):
    """The full ID number, for roles that need it; every view is recorded in the history."""
    person = selectors.person_get_for_user(request.user, pk)
    if not scope_for(request.user).can(Cap.VIEW_FULL_ID) or request.method != "POST":
        raise PermissionDenied
    audit_access(actor=request.user, instances=[person], what="查看完整身份证号")
    return HttpResponse(format_html('<span class="tx-mono" id="id-number">{}</span>', person.id_number))
