"""Welfare: institutions and their beds and residents, ability and needs assessments, and children's
welfare (home visits, case tracking). Children themselves are coverage rows of the assistance registry."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tongxin.assistance.choices import Category
from tongxin.assistance.models import ScopedByUnit
from tongxin.core.models import TimeStampedModel
from tongxin.welfare.choices import AssessmentKind, CaseEntryKind, CaseStatus, InstitutionKind


class InstitutionQuerySet(ScopedByUnit):
    pass


class Institution(TimeStampedModel):
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所在乡镇（街道）或主管单位"), related_name="institutions", on_delete=models.PROTECT
    )
    kind = models.CharField(_("类型"), max_length=20, choices=InstitutionKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    location = models.CharField(_("地址（村、社区）"), max_length=200, blank=True)
    beds_total = models.PositiveIntegerField(_("床位"), default=0)
    beds_nursing = models.PositiveIntegerField(_("其中护理型床位"), default=0)
    opened_on = models.DateField(_("建成日期"), null=True, blank=True)
    public = models.BooleanField(_("公办"), default=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("福利机构")
        ordering = ["kind", "name", "id"]
        indexes = [models.Index(fields=["kind", "unit"])]
        constraints = [
            models.CheckConstraint(condition=Q(beds_nursing__lte=F("beds_total")), name="institution_nursing_le_total")
        ]

    def __str__(self):
        return self.name


class ResidencyQuerySet(ScopedByUnit):
    unit_field = "institution__unit_id"


class Residency(TimeStampedModel):
    institution = models.ForeignKey(
        Institution, verbose_name=_("机构"), related_name="residencies", on_delete=models.PROTECT
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), related_name="residencies", on_delete=models.PROTECT
    )
    nursing = models.BooleanField(_("护理型床位"), default=False)
    admitted_on = models.DateField(_("入住日期"))
    left_on = models.DateField(_("离院日期"), null=True, blank=True)
    leave_reason = models.CharField(_("离院原因"), max_length=200, blank=True)

    objects = ResidencyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("入住")
        ordering = ["-admitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_on__isnull=True), name="residency_one_open_per_person",
                violation_error_message="此人已在院。",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("admitted_on")), name="residency_leaves_after"
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.person} @ {self.institution}"


class AssessmentQuerySet(ScopedByUnit):
    unit_field = "person__unit_id"


class Assessment(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), related_name="assessments", on_delete=models.PROTECT
    )
    kind = models.CharField(_("评估类型"), max_length=10, choices=AssessmentKind.choices)
    assessed_on = models.DateField(_("评估日期"))
    assessor = models.CharField(_("评估人员"), max_length=100)
    scores = models.JSONField(_("评分"), default=dict, blank=True)
    total = models.PositiveSmallIntegerField(_("总分"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("能力等级"), null=True, blank=True)
    needs = models.JSONField(_("服务需求"), default=list, blank=True)
    institution = models.ForeignKey(
        Institution, null=True, blank=True, related_name="assessments", on_delete=models.SET_NULL
    )
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("评估")
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["kind", "assessed_on"])]

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} {self.assessed_on}"

    @property
    def level_label(self) -> str:
        from tongxin.welfare.choices import ABILITY_LEVELS

        return next((str(label) for _, level, label in ABILITY_LEVELS if level == self.level), "")


class VisitRule(models.Model):
    """How often a child in a category must be visited at home (入户探访)."""

    category = models.CharField(_("类别"), max_length=20, choices=Category.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("探访间隔（天）"))

    class Meta:
        verbose_name = verbose_name_plural = _("探访频次")

    def __str__(self):
        return f"{self.get_category_display()} {self.days}天"


class ChildScoped(ScopedByUnit):
    unit_field = "person__unit_id"


class ChildVisit(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("儿童"), related_name="child_visits", on_delete=models.PROTECT
    )
    visited_on = models.DateField(_("探访日期"))
    visitors = models.CharField(_("探访人员"), max_length=100)
    findings = models.TextField(_("探访情况"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ChildScoped.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("入户探访")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["person", "visited_on"])]

    def __str__(self):
        return f"{self.person} {self.visited_on}"


class ChildCase(TimeStampedModel):
    """个案跟踪: a plan, the actions taken and the follow-ups, until closed."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("儿童"), related_name="child_cases", on_delete=models.PROTECT
    )
    opened_on = models.DateField(_("立案日期"))
    problem = models.TextField(_("主要问题"))
    plan = models.TextField(_("帮扶计划"))
    status = models.CharField(_("状态"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    outcome = models.TextField(_("结案情况"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ChildScoped.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("儿童个案")
        ordering = ["status", "-opened_on", "-id"]

    def __str__(self):
        return f"{self.person} 个案 {self.opened_on}"


class CaseEntry(models.Model):
    case = models.ForeignKey(ChildCase, related_name="entries", on_delete=models.CASCADE)
    on = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=10, choices=CaseEntryKind.choices)
    text = models.TextField(_("内容"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["case", "on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on}"
