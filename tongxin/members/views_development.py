import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.ids import valid_pk
from tongxin.members import development
from tongxin.members.choices import DevelopmentStage, DevelopmentStep
from tongxin.members.models import DevelopmentCase, DevelopmentRule
from tongxin.orgs.choices import BRANCH_KINDS
from tongxin.orgs.models import PartyOrg
from tongxin.people.selectors import person_get_for_user


def _cases(user):
    scope = scope_for(user)
    qs = DevelopmentCase.objects.select_related("person", "org").prefetch_related("steps")
    return qs if scope.is_global else qs.filter(org_id__in=scope.people_org_ids)


def _date(value):
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


@login_required
def development_list(request):
    scope = scope_for(request.user)
    if not scope.can(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    today = timezone.localdate()
    if request.method == "POST":
        person_pk = valid_pk(request.POST.get("person_id"))
        try:
            person = person_get_for_user(request.user, person_pk)
            case = development.development_apply(
                actor=request.user, person=person, org_id=valid_pk(request.POST.get("org_id")),
                applied_on=_date(request.POST.get("applied_on")) or today,
            )  # fmt: skip
        except Http404:
            messages.error(request, _("人员不存在或不在您的权限范围内。"))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已登记入党申请：%(name)s") % {"name": case.person.name})
            return redirect("members:development_case", pk=case.pk)
        return redirect("members:development")
    cases = list(_cases(request.user).order_by("stage", "applied_on"))
    open_cases = [c for c in cases if c.stage not in (DevelopmentStage.FULL, DevelopmentStage.STOPPED)]
    context = {
        "cases": cases,
        "due": development.due_steps(open_cases, today=today),
        "branches": PartyOrg.objects.visible_to(request.user).filter(kind__in=BRANCH_KINDS).order_by("pk"),
        "rules": DevelopmentRule.objects.all(),
        "can_edit": scope.can(Cap.MANAGE_PEOPLE),
        "today": today,
    }
    return render(request, "members/development_list.html", context)


@login_required
def development_case(request, pk):
    case = _cases(request.user).filter(pk=valid_pk(pk) or 0).first()
    if case is None:
        raise Http404
    if request.method == "POST":
        try:
            if request.POST.get("stop"):
                development.development_stop(actor=request.user, case=case, reason=request.POST.get("reason", ""))
            else:
                hours = request.POST.get("hours")
                development.development_step(
                    actor=request.user, case=case, step=request.POST.get("step", ""),
                    on=_date(request.POST.get("on")) or timezone.localdate(),
                    hours=int(hours) if hours and hours.isdigit() else None, note=request.POST.get("note", ""),
                )  # fmt: skip
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已保存。"))
        return redirect("members:development_case", pk=case.pk)
    context = {
        "case": case,
        "steps": case.steps.all(),
        "step_choices": DevelopmentStep.choices,
        "due": development.due_steps([case], today=timezone.localdate())
        if case.stage not in ("full", "stopped")
        else [],
        "can_edit": scope_for(request.user).can(Cap.MANAGE_PEOPLE),
        "today": timezone.localdate(),
    }
    return render(request, "members/development_case.html", context)
