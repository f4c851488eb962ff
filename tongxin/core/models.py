"""Foundation models: base classes, the working-day calendar, periodic-check runs and alerts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class CalendarYear(models.Model):
    """A year whose holidays and adjusted working days an administrator has entered.

    For such a year the entered days are authoritative; weekdays not entered are working days and
    weekends not entered are rest days.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("例如国务院办公厅通知文号"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        ordering = ["year"]
        verbose_name = verbose_name_plural = _("节假日年度")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2200),
                name="calendar_year_range",
                violation_error_message="年份应在2000至2200之间。",
            )
        ]

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """One holiday (休) or adjusted working day (班) of an administrator-entered year."""

    calendar_year = models.ForeignKey(CalendarYear, related_name="days", on_delete=models.CASCADE)
    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("调休上班"), default=False, help_text=_("勾选表示该日为调休工作日"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("例如 春节、国庆节"))

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = _("节假日与调休")

    def __str__(self):
        return f"{self.date} {'班' if self.is_working_day else '休'} {self.name}"


class PeriodicRun(models.Model):
    """One execution of one registered periodic check."""

    name = models.CharField(_("检查"), max_length=100, db_index=True)
    started_at = models.DateTimeField(_("开始"), default=timezone.now)
    finished_at = models.DateTimeField(_("结束"), null=True, blank=True)
    ok = models.BooleanField(_("成功"), default=False)
    summary = models.TextField(_("结果"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = verbose_name_plural = _("定期检查记录")

    def __str__(self):
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"


class AlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Alert(models.Model):
    """Something a person has to act on, raised and resolved by periodic checks (idempotent by key).

    An alert belongs to a Party organisation or an administrative unit, so scope decides who sees
    it; `role` narrows it to one role (e.g. calendar gaps are for system administrators).
    """

    class Level(models.TextChoices):
        INFO = "info", _("提示")
        WARNING = "warning", _("预警")
        DANGER = "danger", _("逾期")

    key = models.CharField(max_length=200, unique=True)
    check_name = models.CharField(_("检查"), max_length=100, db_index=True)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.WARNING)
    title = models.CharField(_("事项"), max_length=200)
    detail = models.TextField(_("说明"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    party_org = models.ForeignKey("orgs.PartyOrg", null=True, blank=True, on_delete=models.CASCADE)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(_("角色"), max_length=30, blank=True)
    opened_at = models.DateTimeField(_("提出时间"), default=timezone.now)
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-level", "opened_at"]
        verbose_name = verbose_name_plural = _("待办提醒")

    def __str__(self):
        return self.title


class ExportRecord(models.Model):
    """Every export of a list holding personal data: who, when, what, how many rows, unmasked or not."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("操作人"))
    at = models.DateTimeField(_("时间"), default=timezone.now)
    what = models.CharField(_("导出内容"), max_length=100)
    query = models.CharField(_("筛选条件"), max_length=300, blank=True)
    row_count = models.PositiveIntegerField(_("行数"))
    full_id_numbers = models.BooleanField(_("含完整身份证号"), default=False)

    class Meta:
        ordering = ["-at"]
        verbose_name = verbose_name_plural = _("导出记录")

    def __str__(self):
        return f"{self.what}（{self.row_count}行）"
