from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core import calendar_services, workdays
from tongxin.core.alerts import alerts_visible_to
from tongxin.core.forms import DateInput, StyledFormMixin
from tongxin.core.home import home_summary
from tongxin.core.models import CalendarYear, PeriodicRun


@login_required
def home(request):
    summary = home_summary(request.user)
    rank = {"danger": 0, "warning": 1, "info": 2}
    alerts = sorted(alerts_visible_to(request.user), key=lambda a: (rank.get(a.level, 3), a.opened_at))
    shown = alerts[:HOME_ALERTS]
    context = {"summary": summary, "alerts": shown, "more_alerts": len(alerts) - len(shown)}
    return render(request, "core/home.html", context)


HOME_ALERTS = 12


class WorkdayForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("起算日期"), widget=DateInput())
    days = forms.IntegerField(label=_("工作日数"), min_value=0, max_value=workdays.MAX_DAYS, initial=30)


class CalendarYearForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2200)
    note = forms.CharField(label=_("依据"), max_length=200, required=False, help_text=_("例如：国办发明电〔2026〕X号"))
    holidays = forms.CharField(
        label=_("放假日期"),
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "placeholder": "每行一个日期或日期段和名称，例如：\n2027-01-01 元旦\n2027-02-06~2027-02-13 春节",
            }
        ),
        required=False,
    )
    workdays = forms.CharField(
        label=_("调休上班日期"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "例如：\n2027-02-14 春节调休"}),
        required=False,
    )


@login_required
def calendar(request):
    today = timezone.localdate()
    result = None
    form = WorkdayForm(request.GET or None, initial={"start": today})
    if request.GET and form.is_valid():
        result = workdays.add_working_days(form.cleaned_data["start"], form.cleaned_data["days"])
    can_edit = request.user.is_authenticated and scope_for(request.user).can(Cap.MANAGE_CALENDAR)
    year_form = CalendarYearForm(initial={"year": today.year + 1}) if can_edit else None
    covered = workdays.official_years()
    years = [
        {"year": y, "source": workdays.year_source(y), "label": workdays.SOURCE_LABELS[workdays.year_source(y)]}
        for y in range(today.year - 1, today.year + 3)
    ]
    context = {
        "form": form,
        "result": result,
        "result_label": workdays.SOURCE_LABELS.get(result.source) if result else "",
        "years": years,
        "official_last": covered[-1],
        "admin_years": CalendarYear.objects.prefetch_related("days"),
        "year_form": year_form,
    }
    return render(request, "core/calendar.html", context)


@login_required
def calendar_year_save(request):
    if not scope_for(request.user).can(Cap.MANAGE_CALENDAR):
        raise PermissionDenied
    form = CalendarYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            year = calendar_services.calendar_year_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("已保存%(year)s年的节假日安排（%(days)s天）。") % {"year": year.year, "days": year.days.count()},
            )
            return redirect("core:calendar")
    return render(request, "core/calendar_year_form.html", {"year_form": form})


@login_required
@transaction.atomic
def calendar_year_delete(request, year):
    if not scope_for(request.user).can(Cap.MANAGE_CALENDAR) or request.method != "POST":
        raise PermissionDenied
    CalendarYear.objects.filter(year=year).delete()
    messages.success(request, _("已删除%(year)s年的录入数据，该年改按官方数据或仅周末计算。") % {"year": year})
    return redirect("core:calendar")


@login_required
def periodic_runs(request):
    if not scope_for(request.user).is_global:
        raise PermissionDenied
    runs = PeriodicRun.objects.all()[:200]
    from tongxin.core.periodic import registered_checks

    return render(request, "core/periodic_runs.html", {"runs": runs, "checks": registered_checks()})
