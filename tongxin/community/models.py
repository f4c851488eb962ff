"""The community service desk (五心工作法): appeals with promised time limits, mediation, the charity
supermarket, volunteers, pairing members with households, and satisfaction surveys."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tongxin.assistance.models import ScopedByUnit
from tongxin.community.choices import (
    ActivityKind,
    AppealStatus,
    Channel,
    Direction,
    DisputeKind,
    DisputeStatus,
    DonorKind,
    Satisfaction,
)
from tongxin.core.models import TimeStampedModel

QTY = {"max_digits": 12, "decimal_places": 2}


class AppealCategory(models.Model):
    """A category and its promised time limit: working days, or clock hours for urgent matters."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    limit_working_days = models.PositiveSmallIntegerField(_("时限（工作日）"), null=True, blank=True)
    limit_hours = models.PositiveSmallIntegerField(_("时限（小时）"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("诉求类别")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(limit_working_days__isnull=False, limit_hours__isnull=True)
                           | Q(limit_working_days__isnull=True, limit_hours__isnull=False)),
                name="appeal_category_one_limit",
                violation_error_message="时限填工作日或小时其中一项。",
            )
        ]  # fmt: skip

    def __str__(self):
        return self.name


class AppealQuerySet(ScopedByUnit):
    unit_field = "community_id"

    def visible_to(self, user):
        """Seen in the receiving community's scope and by the units it was assigned or escalated to."""
        from tongxin.accounts.roles import Cap
        from tongxin.accounts.scope import scope_for

        scope = scope_for(user)
        if scope.is_global:
            return self
        if not scope.can(Cap.VIEW_CASES):
            return self.none()
        units = scope.people_unit_ids
        return self.filter(Q(community_id__in=units) | Q(assignee_unit_id__in=units) | Q(escalated_to_id__in=units))


class Appeal(TimeStampedModel):
    community = models.ForeignKey("orgs.Unit", verbose_name=_("社区"), related_name="appeals", on_delete=models.PROTECT)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    category = models.ForeignKey(AppealCategory, verbose_name=_("类别"), on_delete=models.PROTECT)
    content = models.TextField(_("诉求内容"))
    resident = models.ForeignKey(
        "people.Person", verbose_name=_("诉求人"), null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    contact_name = models.CharField(_("诉求人姓名"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    proxy = models.BooleanField(_("代办"), default=False, help_text=_("由工作人员替群众代为办理"))
    received_at = models.DateTimeField(_("受理时间"))
    due_at = models.DateTimeField(_("承诺办结时间"))
    clock_started_at = models.DateTimeField(_("计时起点"), help_text=_("受理时间；重新办理时从重新办理时起算"))
    status = models.CharField(_("状态"), max_length=12, choices=AppealStatus.choices, default=AppealStatus.RECEIVED)
    assignee_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("承办单位"), null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, related_name="+",
        on_delete=models.SET_NULL,
    )  # fmt: skip
    reminders = models.PositiveSmallIntegerField(_("催办次数"), default=0)
    at_risk = models.BooleanField(_("临期"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("升级次数"), default=0)
    escalated_to = models.ForeignKey(
        "orgs.Unit", verbose_name=_("升级至"), null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    reply = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices, blank=True)
    followed_up_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("重新办理次数"), default=0)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("群众诉求")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["community", "received_at"]),
            models.Index(fields=["status", "due_at"]),
        ]

    def __str__(self):
        return f"{self.category} {self.received_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status in (AppealStatus.RECEIVED, AppealStatus.ASSIGNED)


class AppealFigures(models.Model):
    """Per community and month of receipt: the appeal figures, kept by the appeal services (each change
    recounts its community-month), so yearly and city-wide figures add up twelve rows per community
    instead of scanning every appeal."""

    community = models.ForeignKey("orgs.Unit", related_name="+", on_delete=models.CASCADE)
    month = models.DateField()
    received = models.PositiveIntegerField(default=0)
    handled = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    followed = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "month"], name="appeal_figures_unique")]
        indexes = [models.Index(fields=["month", "community"])]

    def __str__(self):
        return f"{self.community_id} {self.month:%Y-%m}"


class AppealEvent(models.Model):
    appeal = models.ForeignKey(Appeal, related_name="events", on_delete=models.CASCADE)
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["appeal", "at", "id"]

    def __str__(self):
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class DisputeQuerySet(ScopedByUnit):
    unit_field = "community_id"


class Dispute(TimeStampedModel):
    community = models.ForeignKey(
        "orgs.Unit", verbose_name=_("社区"), related_name="disputes", on_delete=models.PROTECT
    )
    kind = models.CharField(_("类型"), max_length=12, choices=DisputeKind.choices)
    parties = models.CharField(_("当事人"), max_length=200)
    summary = models.TextField(_("纠纷情况"))
    mediator = models.CharField(_("调解员"), max_length=50)
    opened_on = models.DateField(_("受理日期"))
    status = models.CharField(_("结果"), max_length=12, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    agreement = models.TextField(_("调解协议"), blank=True)
    outcome_note = models.TextField(_("说明"), blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("矛盾纠纷")
        ordering = ["-opened_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.parties}"


class DisputeSession(models.Model):
    dispute = models.ForeignKey(Dispute, related_name="sessions", on_delete=models.CASCADE)
    held_on = models.DateField(_("调解日期"))
    note = models.TextField(_("调解情况"))

    class Meta:
        ordering = ["dispute", "held_on", "id"]

    def __str__(self):
        return f"{self.held_on}"


class CharityItemQuerySet(ScopedByUnit):
    unit_field = "owner_id"


class CharityItem(TimeStampedModel):
    owner = models.ForeignKey(
        "orgs.Unit", verbose_name=_("爱心超市所在单位"), related_name="charity_items", on_delete=models.PROTECT
    )
    name = models.CharField(_("物品"), max_length=50)
    unit = models.CharField(_("计量单位"), max_length=10)
    stock = models.DecimalField(_("库存"), default=Decimal("0"), **QTY)

    objects = CharityItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("爱心超市物品")
        ordering = ["owner", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="charity_stock_never_negative"),
            models.UniqueConstraint(fields=["owner", "name", "unit"], name="charity_item_unique"),
        ]

    def __str__(self):
        return f"{self.name}（{self.unit}）"


class CharityMovementQuerySet(ScopedByUnit):
    unit_field = "item__owner_id"


class CharityMovement(models.Model):
    item = models.ForeignKey(CharityItem, verbose_name=_("物品"), related_name="movements", on_delete=models.PROTECT)
    direction = models.CharField(_("方向"), max_length=3, choices=Direction.choices)
    quantity = models.DecimalField(_("数量"), validators=[MinValueValidator(Decimal("0.01"))], **QTY)
    value = models.DecimalField(_("估值（元）"), default=Decimal("0"), **QTY)
    stock_after = models.DecimalField(_("结存"), **QTY)
    donor_kind = models.CharField(_("捐赠方类型"), max_length=10, choices=DonorKind.choices, blank=True)
    donor_name = models.CharField(_("捐赠方"), max_length=100, blank=True)
    recipient = models.ForeignKey(
        "people.Person", verbose_name=_("受助人"), null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    at = models.DateTimeField(_("时间"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = CharityMovementQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("爱心超市出入库")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["item", "at"])]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="charity_movement_positive"),
            models.CheckConstraint(condition=Q(stock_after__gte=0), name="charity_movement_stock_after"),
        ]

    def __str__(self):
        return f"{self.get_direction_display()} {self.item} {self.quantity}"


class VolunteerQuerySet(ScopedByUnit):
    unit_field = "person__unit_id"


class Volunteer(TimeStampedModel):
    person = models.OneToOneField(
        "people.Person", verbose_name=_("人员"), related_name="volunteer", on_delete=models.PROTECT
    )
    registered_on = models.DateField(_("注册日期"))
    skills = models.CharField(_("特长"), max_length=200, blank=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("志愿者")
        ordering = ["-registered_on", "-id"]

    def __str__(self):
        return str(self.person)


class ActivityQuerySet(ScopedByUnit):
    unit_field = "community_id"


class Activity(TimeStampedModel):
    community = models.ForeignKey(
        "orgs.Unit", verbose_name=_("地点（社区）"), related_name="+", on_delete=models.PROTECT
    )
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("组织的党支部"), null=True, blank=True, related_name="volunteer_activities",
        on_delete=models.PROTECT, help_text=_("党支部志愿服务队的活动计入该支部"),
    )  # fmt: skip
    kind = models.CharField(_("类型"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("活动"), max_length=100)
    starts_at = models.DateTimeField(_("开始时间"))
    hours = models.DecimalField(_("时长（小时）"), max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])  # fmt: skip

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("志愿服务活动")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return self.title


class Participation(models.Model):
    activity = models.ForeignKey(Activity, related_name="participations", on_delete=models.CASCADE)
    volunteer = models.ForeignKey(Volunteer, related_name="participations", on_delete=models.PROTECT)
    signed_up_at = models.DateTimeField(_("报名时间"))
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    hours = models.DecimalField(_("服务时长"), max_digits=4, decimal_places=1, default=Decimal("0"))

    class Meta:
        ordering = ["activity", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="participation_once"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="participation_hours_non_negative"),
        ]

    def __str__(self):
        return f"{self.volunteer} @ {self.activity}"


class PairingQuerySet(ScopedByUnit):
    unit_field = "household__unit_id"


class Pairing(TimeStampedModel):
    member = models.ForeignKey(
        "members.Member", verbose_name=_("党员"), related_name="pairings", on_delete=models.PROTECT
    )
    household = models.ForeignKey(
        "assistance.Household", verbose_name=_("帮扶家庭"), related_name="pairings", on_delete=models.PROTECT
    )
    started_on = models.DateField(_("结对日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    visit_every_days = models.PositiveSmallIntegerField(_("走访间隔（天）"), default=30)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("结对帮扶")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "household"], condition=Q(ended_on__isnull=True), name="pairing_once_while_active"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="pairing_ends_after"
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.household}"


class PairingVisit(models.Model):
    pairing = models.ForeignKey(Pairing, related_name="visits", on_delete=models.CASCADE)
    visited_on = models.DateField(_("走访日期"))
    help = models.TextField(_("帮扶内容"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.visited_on}"


class SurveyQuerySet(ScopedByUnit):
    unit_field = "unit_id"


class Survey(TimeStampedModel):
    token = models.UUIDField(_("公开测评链接"), default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("测评对象单位"), related_name="surveys", on_delete=models.PROTECT
    )
    title = models.CharField(_("名称"), max_length=100)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    questions = models.JSONField(_("题目"), default=list, help_text=_("每题一个满意度评价：满意 / 基本满意 / 不满意"))

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("满意度测评")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="survey_closes_after_opening")
        ]

    def __str__(self):
        return self.title


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, related_name="responses", on_delete=models.CASCADE)
    submitted_on = models.DateField(_("测评日期"))
    respondent = models.CharField(_("测评人"), max_length=50, blank=True, help_text=_("可匿名"))
    answers = models.JSONField(_("回答"), default=list)
    satisfied = models.PositiveSmallIntegerField(default=0)
    basic = models.PositiveSmallIntegerField(default=0)
    dissatisfied = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_on", "-id"]

    def __str__(self):
        return f"{self.survey} {self.submitted_on}"
