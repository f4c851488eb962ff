"""Party membership: a Person in one Party organisation (the foundation's part; issue-level
detail — development, dues, transfers — builds on this)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.dates import add_months
from tongxin.core.models import TimeStampedModel
from tongxin.members.choices import (
    DevelopmentStage,
    DevelopmentStep,
    DuesCategory,
    MemberStatus,
    PaymentMethod,
    Situation,
    TransferStatus,
)


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        from tongxin.accounts.scope import scope_for

        scope = scope_for(user)
        if scope.is_global:
            return self
        return self.filter(
            models.Q(org_id__in=scope.people_org_ids) | models.Q(residence_community_id__in=scope.people_unit_ids)
        )

    def in_subtree_of(self, org_ids_sql):
        """Members whose branch or Party group lies in the given subtree (a subquery of ids)."""
        return self.filter(models.Q(org_id__in=org_ids_sql) | models.Q(group_id__in=org_ids_sql))


class Member(TimeStampedModel):
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        related_name="membership",
        on_delete=models.PROTECT,
        error_messages={"unique": "此人已是党员。"},
    )
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("所在党组织"), related_name="members", on_delete=models.PROTECT
    )
    group = models.ForeignKey(
        "orgs.PartyOrg",
        verbose_name=_("所在党小组"),
        null=True,
        blank=True,
        related_name="group_members",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(_("党员类别"), max_length=20, choices=MemberStatus.choices)
    joined_on = models.DateField(_("入党日期"))
    probation_ends_on = models.DateField(_("预备期满"), null=True, blank=True)
    situation = models.CharField(_("状态"), max_length=20, choices=Situation.choices, default=Situation.EMPLOYED)
    last_contact_on = models.DateField(_("最近联系日期"), null=True, blank=True)
    dues_category = models.CharField(
        _("党费类别"), max_length=20, choices=DuesCategory.choices, default=DuesCategory.EMPLOYED
    )
    dues_base = models.DecimalField(
        _("党费计算基数"), max_digits=10, decimal_places=2, default=Decimal("0"),
        help_text=_("在职：每月税后固定工资；离退休：每月养老金"),
    )  # fmt: skip
    residence_community = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("居住地社区（双报到）"),
        null=True,
        blank=True,
        related_name="registered_members",
        on_delete=models.SET_NULL,
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("党员")
        indexes = [models.Index(fields=["org", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dues_base__gte=0), name="member_dues_base_not_negative",
                violation_error_message=_("党费计算基数不能为负数。"),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.person} ({self.org})"

    def is_lost_contact(self, today: datetime.date) -> bool:
        """失联: no contact for over six months."""
        return self.last_contact_on is not None and self.last_contact_on < add_months(today, -LOST_CONTACT_MONTHS)


LOST_CONTACT_MONTHS = 6
TRANSFER_LETTER_VALID_DAYS = 90


class MemberTransfer(TimeStampedModel):
    """组织关系转接: an introduction letter from one branch to another, valid for a period."""

    member = models.ForeignKey(Member, verbose_name=_("党员"), related_name="transfers", on_delete=models.CASCADE)
    from_org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("转出组织"), related_name="+", on_delete=models.PROTECT
    )
    to_org = models.ForeignKey("orgs.PartyOrg", verbose_name=_("转入组织"), related_name="+", on_delete=models.PROTECT)
    letter_number = models.CharField(_("介绍信编号"), max_length=50)
    issued_on = models.DateField(_("开具日期"))
    valid_until = models.DateField(_("有效期至"))
    status = models.CharField(_("状态"), max_length=20, choices=TransferStatus.choices, default=TransferStatus.ISSUED)
    received_on = models.DateField(_("接收日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = verbose_name_plural = _("组织关系转接")
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(status="issued"), name="one_open_transfer_per_member",
                violation_error_message=_("该党员已有一封未接收的介绍信。"),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("issued_on")), name="transfer_valid_after_issue",
                violation_error_message=_("有效期不能早于开具日期。"),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.member.person} {self.from_org} → {self.to_org}"


class DuesBill(models.Model):
    """One member's dues for one month, fixed when the bill is made (base, category, rate, amount)."""

    member = models.ForeignKey(Member, verbose_name=_("党员"), related_name="dues_bills", on_delete=models.CASCADE)
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党组织"), related_name="dues_bills", on_delete=models.PROTECT
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    category = models.CharField(_("党费类别"), max_length=20, choices=DuesCategory.choices)
    base = models.DecimalField(_("计算基数"), max_digits=10, decimal_places=2)
    rate = models.DecimalField(_("比例"), max_digits=5, decimal_places=4)
    amount = models.DecimalField(_("应交金额"), max_digits=10, decimal_places=2)
    paid_amount = models.DecimalField(_("已交金额"), max_digits=10, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ["-month", "member_id"]
        verbose_name = verbose_name_plural = _("党费账单")
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="one_dues_bill_per_member_month",
                                    violation_error_message=_("该党员本月的党费账单已存在。")),
            models.CheckConstraint(condition=models.Q(amount__gte=0, paid_amount__gte=0), name="dues_bill_amounts_not_negative"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["org", "month"])]

    def __str__(self):
        return f"{self.member.person} {self.month:%Y-%m} {self.amount}"

    @property
    def is_paid(self) -> bool:
        return self.paid_amount >= self.amount


class DuesPayment(models.Model):
    bill = models.ForeignKey(DuesBill, verbose_name=_("账单"), related_name="payments", on_delete=models.PROTECT)
    paid_on = models.DateField(_("交纳日期"))
    amount = models.DecimalField(_("金额"), max_digits=10, decimal_places=2)
    method = models.CharField(_("方式"), max_length=20, choices=PaymentMethod.choices)
    is_back_payment = models.BooleanField(_("补缴"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = verbose_name_plural = _("党费交纳")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="dues_payment_positive")]

    def __str__(self):
        return f"{self.bill} {self.amount}"


class DevelopmentRule(models.Model):
    """A time rule of member development (《中国共产党发展党员工作细则》), editable as data."""

    code = models.CharField(_("代码"), max_length=30, unique=True)
    label = models.CharField(_("规则"), max_length=100)
    value = models.PositiveIntegerField(_("数值"))
    unit = models.CharField(
        _("单位"), max_length=10, choices=[("years", _("年")), ("months", _("月")), ("hours", _("学时"))]
    )
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("发展党员时间规则")

    def __str__(self):
        return f"{self.label}：{self.value}{self.get_unit_display()}"


class DevelopmentCase(TimeStampedModel):
    """One person's path from application to full membership."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), related_name="development_cases", on_delete=models.PROTECT
    )
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党支部"), related_name="development_cases", on_delete=models.PROTECT
    )
    applied_on = models.DateField(_("递交入党申请书"))
    stage = models.CharField(
        _("阶段"), max_length=20, choices=DevelopmentStage.choices, default=DevelopmentStage.APPLICANT
    )
    stopped_reason = models.CharField(_("停止原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["applied_on", "id"]
        verbose_name = verbose_name_plural = _("发展党员")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=~models.Q(stage__in=["full", "stopped"]), name="one_open_development_case",
                violation_error_message=_("此人已有进行中的发展记录。"),
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.person} {self.get_stage_display()}"


class DevelopmentStepRecord(models.Model):
    case = models.ForeignKey(
        DevelopmentCase, verbose_name=_("发展记录"), related_name="steps", on_delete=models.CASCADE
    )
    step = models.CharField(_("步骤"), max_length=30, choices=DevelopmentStep.choices)
    on = models.DateField(_("日期"))
    hours = models.PositiveIntegerField(_("学时"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["on", "id"]
        verbose_name = verbose_name_plural = _("发展步骤")

    def __str__(self):
        return f"{self.case} {self.get_step_display()} {self.on}"
