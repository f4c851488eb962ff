"""Social assistance: households and their members, what they declare, what they are covered by,
applications moving through the statutory steps, dynamic monitoring, and monthly payments."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongxin.assistance.choices import (
    Action,
    AppStatus,
    Category,
    PaymentKind,
    PayProgramme,
    Programme,
    Relation,
    ReviewOutcome,
    RunStatus,
    Stability,
    WarningStatus,
)
from tongxin.core.models import TimeStampedModel
from tongxin.orgs.models import region_code_validator

MONEY = {"max_digits": 12, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class ScopedByUnit(models.QuerySet):
    """Casework is seen by roles that hold `view_cases`, within their units' subtrees."""

    unit_field = "unit_id"

    def visible_to(self, user):
        from tongxin.accounts.roles import Cap
        from tongxin.accounts.scope import scope_for

        scope = scope_for(user)
        if scope.is_global:
            return self
        if not scope.can(Cap.VIEW_CASES):
            return self.none()
        return self.filter(**{f"{self.unit_field}__in": scope.people_unit_ids})


class HouseholdQuerySet(ScopedByUnit):
    pass


class Household(TimeStampedModel):
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所在社区（村）"), related_name="households", on_delete=models.PROTECT
    )
    township = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所属乡镇（街道）"), related_name="township_households", on_delete=models.PROTECT
    )
    head = models.ForeignKey("people.Person", verbose_name=_("户主"), related_name="+", on_delete=models.PROTECT)
    region_code = models.CharField(_("户籍地行政区划代码"), max_length=6, validators=[region_code_validator])
    address = models.CharField(_("住址"), max_length=200)
    stability = models.CharField(_("收入稳定程度"), max_length=10, choices=Stability.choices, default=Stability.BASIC)
    bank_name = models.CharField(_("开户银行"), max_length=50, blank=True)
    bank_account = models.CharField(_("收款账号"), max_length=30, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("家庭")
        ordering = ["-id"]
        indexes = [models.Index(fields=["township", "id"]), models.Index(fields=["unit", "id"])]

    def __str__(self):
        return f"{self.head.name}户"


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, verbose_name=_("家庭"), related_name="members", on_delete=models.CASCADE)
    # One household at a time: the database refuses a second row for the same person.
    person = models.OneToOneField(
        "people.Person", verbose_name=_("成员"), related_name="household_membership", on_delete=models.PROTECT
    )
    relation = models.CharField(_("与户主关系"), max_length=12, choices=Relation.choices)
    joined_on = models.DateField(_("加入日期"))

    class Meta:
        verbose_name = verbose_name_plural = _("家庭成员")
        ordering = ["household", "id"]

    def __str__(self):
        return f"{self.person} ({self.get_relation_display()})"


class Declaration(TimeStampedModel):
    """A household's income and assets as declared (and checked) for a period."""

    household = models.ForeignKey(
        Household, verbose_name=_("家庭"), related_name="declarations", on_delete=models.CASCADE
    )
    period = models.DateField(_("所属月份"), help_text=_("该月1日"))
    monthly_income = models.DecimalField(_("家庭月收入（元）"), validators=NON_NEGATIVE, **MONEY)
    assets = models.DecimalField(_("家庭财产（元）"), validators=NON_NEGATIVE, **MONEY)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("收入和财产申报")
        ordering = ["household", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["household", "period"], name="declaration_one_per_period"),
            models.CheckConstraint(condition=Q(monthly_income__gte=0, assets__gte=0), name="declaration_non_negative"),
        ]


class Condition(TimeStampedModel):
    """A person's special conditions, used by early-warning rules and assessments."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("人员"), related_name="condition", on_delete=models.CASCADE
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("残疾等级"), default=0, validators=[MaxValueValidator(4)], help_text=_("0 表示无残疾，1–4 级")
    )
    serious_illness = models.BooleanField(_("重病"), default=False)
    living_alone = models.BooleanField(_("独居"), default=False)
    self_care_loss = models.BooleanField(_("失能（生活不能自理）"), default=False)
    monthly_income = models.DecimalField(_("个人月收入（元）"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)

    class Meta:
        verbose_name = verbose_name_plural = _("特殊情况")


class CoverageQuerySet(ScopedByUnit):
    unit_field = "household__unit_id"

    def active_on(self, day):
        return self.filter(started_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class Coverage(TimeStampedModel):
    """A household (低保) or a person (特困, children, …) in a category from a date until exit."""

    household = models.ForeignKey(Household, verbose_name=_("家庭"), related_name="coverages", on_delete=models.PROTECT)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("保障对象"),
        null=True,
        blank=True,
        related_name="coverages",
        on_delete=models.PROTECT,
    )
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    persons = models.PositiveSmallIntegerField(_("保障人数"), default=1)
    started_on = models.DateField(_("纳入日期"))
    ended_on = models.DateField(_("退出日期"), null=True, blank=True)
    end_reason = models.CharField(_("退出原因"), max_length=300, blank=True)
    suspended = models.BooleanField(_("暂停发放"), default=False)
    suspend_reason = models.CharField(_("暂停原因"), max_length=300, blank=True)
    next_review_on = models.DateField(_("下次复核"), null=True, blank=True)
    application = models.ForeignKey(
        "Application",
        verbose_name=_("批准的申请"),
        null=True,
        blank=True,
        related_name="coverages",
        on_delete=models.SET_NULL,
    )

    objects = CoverageQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("保障对象")
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["category", "ended_on"]),
            models.Index(fields=["next_review_on"]),
            models.Index(fields=["started_on"]),
            models.Index(fields=["ended_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="coverage_ends_after_start",
            )
        ]

    def __str__(self):
        who = self.person.name if self.person_id else str(self.household)
        return f"{who} {self.get_category_display()}"


class RegionRule(models.Model):
    """Time limits for one region (or the default, region code blank)."""

    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True, unique=True)
    limit_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), default=30)
    extended_limit_days = models.PositiveSmallIntegerField(_("延长后时限（工作日）"), default=45)
    notice_days = models.PositiveSmallIntegerField(_("公示期（天）"), default=7)
    refusal_notice_days = models.PositiveSmallIntegerField(_("不予批准书面告知时限（工作日）"), default=3)

    class Meta:
        verbose_name = verbose_name_plural = _("救助办理时限")
        constraints = [
            models.CheckConstraint(
                condition=Q(extended_limit_days__gte=models.F("limit_days")), name="region_rule_extension_longer"
            )
        ]

    def __str__(self):
        return self.region_code or "默认"


class Standard(models.Model):
    """A monthly standard (低保标准, 特困供养标准, 儿童基本生活费) for a region from a date."""

    region_code = models.CharField(_("行政区划代码"), max_length=6, validators=[region_code_validator])
    programme = models.CharField(_("项目"), max_length=20, choices=PayProgramme.choices)
    monthly_amount = models.DecimalField(_("月标准（元）"), validators=NON_NEGATIVE, **MONEY)
    effective_from = models.DateField(_("执行起始"))

    class Meta:
        verbose_name = verbose_name_plural = _("保障标准")
        ordering = ["region_code", "programme", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "programme", "effective_from"], name="standard_one_per_start"
            )
        ]

    def __str__(self):
        return f"{self.region_code} {self.get_programme_display()} {self.monthly_amount}"


class ReviewFrequency(models.Model):
    """How often a category (and, for 低保, a stability class) is reviewed."""

    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    stability = models.CharField(_("收入稳定程度"), max_length=10, choices=Stability.choices, blank=True)
    months = models.PositiveSmallIntegerField(_("复核间隔（月）"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = verbose_name_plural = _("动态复核频次")
        constraints = [models.UniqueConstraint(fields=["category", "stability"], name="review_frequency_unique")]

    def __str__(self):
        return f"{self.get_category_display()} {self.get_stability_display()} {self.months}个月"


class ApplicationQuerySet(ScopedByUnit):
    unit_field = "household__unit_id"


class Application(TimeStampedModel):
    household = models.ForeignKey(
        Household, verbose_name=_("家庭"), related_name="applications", on_delete=models.PROTECT
    )
    township = models.ForeignKey(
        "orgs.Unit", verbose_name=_("乡镇（街道）"), related_name="+", on_delete=models.PROTECT
    )
    programme = models.CharField(_("救助项目"), max_length=12, choices=Programme.choices)
    applied_on = models.DateField(_("申请日期"))
    status = models.CharField(_("状态"), max_length=20, choices=AppStatus.choices, default=AppStatus.SUBMITTED)
    due_on = models.DateField(_("办结期限"))
    extended = models.BooleanField(_("已延期"), default=False)
    extend_reason = models.CharField(_("延期原因"), max_length=300, blank=True)
    notice_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    notice_ends_on = models.DateField(_("公示截止"), null=True, blank=True)
    decided_on = models.DateField(_("办结日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予批准理由"), blank=True)
    refusal_notice_due_on = models.DateField(_("书面告知期限"), null=True, blank=True)
    refusal_notified_on = models.DateField(_("书面告知日期"), null=True, blank=True)
    amount = models.DecimalField(
        _("救助金额（元）"), null=True, blank=True, validators=NON_NEGATIVE,
        help_text=_("临时救助、医疗救助的一次性金额"), **MONEY,
    )  # fmt: skip
    reason = models.TextField(_("申请事由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("救助申请")
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["township", "status"]),
        ]

    def __str__(self):
        return f"{self.household} {self.get_programme_display()}申请"

    @property
    def is_open(self) -> bool:
        from tongxin.assistance.choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES


class ApplicationStep(models.Model):
    """Who did what, when: one row per transition."""

    application = models.ForeignKey(Application, related_name="steps", on_delete=models.CASCADE)
    action = models.CharField(_("操作"), max_length=20, choices=[("submit", "提交申请"), *Action.choices])
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("时间"))
    on = models.DateField(_("办理日期"))
    note = models.TextField(_("意见"), blank=True)

    class Meta:
        ordering = ["application", "at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.on}"


class InvestigationVisit(models.Model):
    """The household investigation (入户调查) that the `investigate` step records."""

    application = models.ForeignKey(Application, related_name="visits", on_delete=models.CASCADE)
    visited_on = models.DateField(_("调查日期"))
    investigators = models.CharField(_("调查人员"), max_length=100)
    findings = models.TextField(_("调查情况"))
    verified_income = models.DecimalField(
        _("核实的家庭月收入（元）"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("入户调查")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"入户调查 {self.visited_on}"


class Review(models.Model):
    """A dynamic-monitoring review (动态复核) of a coverage."""

    coverage = models.ForeignKey(Coverage, related_name="reviews", on_delete=models.CASCADE)
    reviewed_on = models.DateField(_("复核日期"))
    outcome = models.CharField(_("复核结论"), max_length=10, choices=ReviewOutcome.choices)
    monthly_income = models.DecimalField(
        _("核实的家庭月收入（元）"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY
    )
    note = models.TextField(_("说明"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("动态复核")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self):
        return f"复核 {self.reviewed_on} {self.get_outcome_display()}"


class WarningRule(models.Model):
    """An early-warning rule (as data): people matching every set condition and not covered by any
    of `covered_categories` look eligible and are listed."""

    name = models.CharField(_("名称"), max_length=100)
    active = models.BooleanField(_("启用"), default=True)
    min_age = models.PositiveSmallIntegerField(_("年龄不小于"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("年龄小于"), null=True, blank=True)
    min_disability_grade = models.PositiveSmallIntegerField(
        _("残疾（任一等级）"), null=True, blank=True, help_text=_("填 1 表示有残疾即可")
    )
    no_income = models.BooleanField(_("无收入"), default=False)
    living_alone = models.BooleanField(_("独居"), default=False)
    self_care_loss = models.BooleanField(_("失能"), default=False)
    serious_illness = models.BooleanField(_("重病"), default=False)
    covered_categories = models.CharField(
        _("未纳入以下类别"), max_length=200, help_text=_("类别代码，逗号分隔，例如 dibao,tekun_dispersed")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("预警规则")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def category_list(self) -> list[str]:
        return [c.strip() for c in self.covered_categories.split(",") if c.strip()]


class WarningQuerySet(ScopedByUnit):
    unit_field = "person__unit_id"


class Warning(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), related_name="assistance_warnings", on_delete=models.CASCADE
    )
    rule = models.ForeignKey(WarningRule, verbose_name=_("预警规则"), related_name="warnings", on_delete=models.CASCADE)
    status = models.CharField(_("处理状态"), max_length=10, choices=WarningStatus.choices, default=WarningStatus.OPEN)
    raised_on = models.DateField(_("预警日期"))
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dismiss_reason = models.CharField(_("排除理由"), max_length=300, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acted_at = models.DateTimeField(null=True, blank=True)

    objects = WarningQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("监测预警")
        ordering = ["status", "-raised_on", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "rule"], name="warning_one_per_rule")]


class PaymentRunQuerySet(ScopedByUnit):
    unit_field = "township_id"


class PaymentRun(TimeStampedModel):
    programme = models.CharField(_("发放项目"), max_length=20, choices=PayProgramme.choices)
    township = models.ForeignKey(
        "orgs.Unit", verbose_name=_("乡镇（街道）"), related_name="+", on_delete=models.PROTECT
    )
    month = models.DateField(_("发放月份"))
    status = models.CharField(_("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    computed_at = models.DateTimeField(_("计算时间"), null=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    stops = models.JSONField(_("停发名单"), default=list, blank=True)

    objects = PaymentRunQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("发放批次")
        ordering = ["-month", "township", "programme"]
        constraints = [models.UniqueConstraint(fields=["programme", "township", "month"], name="payment_run_unique")]

    def __str__(self):
        return f"{self.township} {self.month:%Y年%m月} {self.get_programme_display()}"


class Payment(models.Model):
    run = models.ForeignKey(PaymentRun, related_name="payments", on_delete=models.CASCADE)
    household = models.ForeignKey(Household, related_name="payments", on_delete=models.PROTECT)
    person = models.ForeignKey("people.Person", null=True, blank=True, related_name="+", on_delete=models.PROTECT)
    coverage = models.ForeignKey(Coverage, related_name="payments", on_delete=models.PROTECT)
    programme = models.CharField(max_length=20, choices=PayProgramme.choices)
    for_month = models.DateField(_("所属月份"))
    kind = models.CharField(_("类型"), max_length=10, choices=PaymentKind.choices, default=PaymentKind.REGULAR)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    basis = models.CharField(_("计算依据"), max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = _("发放明细")
        ordering = ["run", "household", "for_month", "id"]
        constraints = [
            # Nobody is paid twice for the same month and programme, whatever run it is in.
            models.UniqueConstraint(
                fields=["household", "programme", "for_month"],
                condition=Q(person__isnull=True),
                name="payment_once_per_household_month",
                violation_error_message="该家庭本月已发放过。",
            ),
            models.UniqueConstraint(
                fields=["person", "programme", "for_month"],
                condition=Q(person__isnull=False),
                name="payment_once_per_person_month",
                violation_error_message="此人本月已发放过。",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
        ]

    def __str__(self):
        return f"{self.for_month:%Y-%m} {self.amount}"
