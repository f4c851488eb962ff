"""Editing a member (situation, dues base and category, Party group, 双报到) and transfers."""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.ids import valid_pk
from tongxin.members import services
from tongxin.members.choices import DuesCategory, Situation
from tongxin.members.models import Member, MemberTransfer
from tongxin.members.selectors import member_get_for_user
from tongxin.orgs.choices import BRANCH_KINDS, PartyOrgKind, UnitKind
from tongxin.orgs.models import PartyOrg, Unit


def _require_manager(request):
    if not scope_for(request.user).can(Cap.MANAGE_PEOPLE):
        raise PermissionDenied


@login_required
def member_edit(request, pk):
    _require_manager(request)
    member = member_get_for_user(request.user, pk)
    if member is None:
        raise Http404
    if request.method == "POST":
        try:
            base = Decimal(request.POST.get("dues_base") or "0")
        except InvalidOperation:
            messages.error(request, _("党费计算基数应为数字。"))
        else:
            group_id = valid_pk(request.POST.get("group_id"))
            community_id = valid_pk(request.POST.get("residence_community_id"))
            try:
                services.member_update(
                    actor=request.user, member=member, group_id=group_id, clear_group=group_id is None,
                    situation=request.POST.get("situation"), dues_category=request.POST.get("dues_category"),
                    dues_base=base, residence_community_id=community_id,
                )  # fmt: skip
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("people:detail", pk=member.person_id)
    context = {
        "member": member,
        "groups": PartyOrg.objects.filter(parent=member.org, kind=PartyOrgKind.GROUP),
        "situations": Situation.choices,
        "categories": DuesCategory.choices,
        "communities": Unit.objects.filter(kind=UnitKind.COMMUNITY).order_by("name"),
    }
    return render(request, "members/member_edit.html", context)


@login_required
def transfers(request):
    _require_manager(request)
    scope = scope_for(request.user)
    today = timezone.localdate()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "issue":
                member = member_get_for_user(request.user, request.POST.get("member_id"))
                if member is None:
                    raise ValidationError(_("党员不存在或不在您的权限范围内。"))
                services.transfer_issue(
                    actor=request.user, member=member, to_org_id=valid_pk(request.POST.get("to_org_id")),
                    letter_number=request.POST.get("letter_number", ""),
                    issued_on=datetime.date.fromisoformat(request.POST.get("issued_on") or today.isoformat()),
                    valid_days=int(request.POST.get("valid_days") or 90),
                )  # fmt: skip
            else:
                transfer = (
                    _transfers_for(request.user).filter(pk=valid_pk(request.POST.get("transfer_id")) or 0).first()
                )
                if transfer is None:
                    raise Http404
                if action == "receive":
                    services.transfer_receive(actor=request.user, transfer=transfer, received_on=today)
                elif action == "cancel":
                    services.transfer_cancel(actor=request.user, transfer=transfer)
        except (ValidationError, ValueError) as error:
            for message in getattr(error, "messages", [_("日期或天数格式不对。")]):
                messages.error(request, message)
        else:
            messages.success(request, _("已保存。"))
        return redirect("members:transfers")
    context = {
        "transfers": _transfers_for(request.user).select_related("member__person", "from_org", "to_org")[:200],
        "members": Member.objects.visible_to(request.user)
        .filter(org_id__in=scope.org_ids if not scope.is_global else Member.objects.values("org_id"))
        .select_related("person")
        .order_by("person__name_pinyin")[:2000],
        "branches": PartyOrg.objects.filter(kind__in=BRANCH_KINDS).order_by("pk"),
        "today": today,
        "scope_org_ids": scope.org_ids,
        "is_global": scope.is_global,
    }
    return render(request, "members/transfers.html", context)


def _transfers_for(user):
    scope = scope_for(user)
    qs = MemberTransfer.objects.all()
    return qs if scope.is_global else qs.filter(Q(from_org_id__in=scope.org_ids) | Q(to_org_id__in=scope.org_ids))
