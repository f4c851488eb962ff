"""Dues pages: a branch's bills for a month with payments, the unpaid list, and the public notice."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.dates import month_start
from tongxin.members import services
from tongxin.members.choices import PaymentMethod
from tongxin.members.dues import FEN
from tongxin.members.models import DuesBill
from tongxin.orgs.choices import BRANCH_KINDS
from tongxin.orgs.models import PartyOrg
from tongxin.orgs.selectors import party_org_get_for_user


def _month(value, default: datetime.date) -> datetime.date:
    try:
        year, month = (int(x) for x in str(value).split("-"))
        return datetime.date(year, month, 1) if 2000 <= year <= 2200 else default
    except (TypeError, ValueError):
        return default


def _branch(request) -> PartyOrg:
    visible = PartyOrg.objects.visible_to(request.user).filter(kind__in=BRANCH_KINDS)
    if request.GET.get("org"):
        org = party_org_get_for_user(request.user, request.GET["org"])
        if org.kind not in BRANCH_KINDS:
            raise Http404
        return org
    org = visible.order_by("pk").first()
    if org is None:
        raise Http404
    return org


def money(value) -> Decimal:
    """A database sum as Decimal yuan to the fen (SQLite returns sums of decimals as floats)."""
    return Decimal(str(value or 0)).quantize(FEN, ROUND_HALF_UP)


def mask_name(name: str) -> str:
    """张三丰 -> 张*丰, 李四 -> 李*: for public notices."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


@login_required
def dues_month(request):
    if not scope_for(request.user).can(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    today = timezone.localdate()
    org = _branch(request)
    month = _month(request.GET.get("month"), month_start(today))
    unpaid_only = request.GET.get("unpaid") == "1"
    bills = (
        DuesBill.objects.filter(org=org, month=month)
        .select_related("member__person")
        .order_by("member__person__name_pinyin")
    )
    totals = bills.aggregate(due=Sum("amount"), paid=Sum("paid_amount"))
    rows = [b for b in bills if not (unpaid_only and b.is_paid)]
    arrears = (
        DuesBill.objects.filter(org=org, month__lt=month)
        .exclude(paid_amount__gte=F("amount"))
        .select_related("member__person")
        .order_by("month", "member__person__name_pinyin")
    )
    context = {
        "org": org,
        "month": month,
        "rows": rows,
        "unpaid_only": unpaid_only,
        "due": money(totals["due"]),
        "paid": money(totals["paid"]),
        "unpaid_count": sum(1 for b in bills if not b.is_paid),
        "arrears": list(arrears[:200]),
        "branches": PartyOrg.objects.visible_to(request.user).filter(kind__in=BRANCH_KINDS).order_by("pk"),
        "methods": PaymentMethod.choices,
        "can_record": scope_for(request.user).can(Cap.MANAGE_PEOPLE),
        "today": today,
    }
    return render(request, "members/dues_month.html", context)


@login_required
def dues_generate(request):
    org = _branch(request)
    if request.method != "POST" or not scope_for(request.user).can(Cap.MANAGE_PEOPLE):
        raise PermissionDenied
    month = _month(request.POST.get("month"), month_start(timezone.localdate()))
    made = services.dues_bills_generate(org=org, month=month)
    messages.success(request, _("已生成账单 %(n)s 张。") % {"n": made})
    return redirect(f"/members/dues/?org={org.pk}&month={month:%Y-%m}")


@login_required
def dues_pay(request, pk):
    bill = (
        DuesBill.objects.select_related("org", "member__person")
        .filter(pk=pk, org__in=PartyOrg.objects.visible_to(request.user))
        .first()
    )
    if bill is None:
        raise Http404
    if request.method == "POST":
        try:
            amount = Decimal(request.POST.get("amount") or bill.amount - bill.paid_amount)
            paid_on = datetime.date.fromisoformat(request.POST.get("paid_on", ""))
        except (ArithmeticError, ValueError):
            messages.error(request, _("金额或日期格式不对。"))
        else:
            try:
                services.dues_payment_record(
                    actor=request.user, bill=bill, paid_on=paid_on, amount=amount, method=request.POST.get("method", "")
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, f"{bill.member.person.name}：{message}")
            else:
                messages.success(
                    request,
                    _("已登记 %(name)s 的党费 %(amount)s 元。") % {"name": bill.member.person.name, "amount": amount},
                )
    return redirect(f"/members/dues/?org={bill.org_id}&month={bill.month:%Y-%m}")


def dues_notice(request, org_id, year, month):
    """The monthly public notice (公示): who paid and how much, names masked, never the base (income)."""
    org = PartyOrg.objects.filter(pk=org_id, kind__in=BRANCH_KINDS).first()
    if org is None or not 1 <= month <= 12 or not 2000 <= year <= 2200:
        raise Http404
    first = datetime.date(year, month, 1)
    bills = (
        DuesBill.objects.filter(org=org, month=first)
        .select_related("member__person")
        .order_by("member__person__name_pinyin")
    )
    rows = [{"name": mask_name(b.member.person.name), "amount": b.amount, "paid": b.is_paid} for b in bills]
    totals = bills.aggregate(due=Sum("amount"), paid=Sum("paid_amount"))
    context = {
        "org": org,
        "month": first,
        "rows": rows,
        "due": money(totals["due"]),
        "paid": money(totals["paid"]),
        "paid_count": sum(1 for r in rows if r["paid"]),
    }
    return render(request, "members/dues_notice.html", context)
