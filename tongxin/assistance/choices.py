from django.db import models
from django.utils.translation import gettext_lazy as _


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    GRANDCHILD = "grandchild", _("孙子女")
    GRANDPARENT = "grandparent", _("祖父母")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")


class Stability(models.TextChoices):
    """低保家庭的收入稳定程度，决定动态复核频次。"""

    STABLE = "stable", _("收入基本稳定")
    BASIC = "basic", _("收入有一定变化")
    UNSTABLE = "unstable", _("收入变化较大")


class Category(models.TextChoices):
    DIBAO = "dibao", _("低保")
    DIBAO_EDGE = "dibao_edge", _("低保边缘")
    TEKUN_DISPERSED = "tekun_dispersed", _("特困（分散供养）")
    TEKUN_CENTRAL = "tekun_central", _("特困（集中供养）")
    ORPHAN = "orphan", _("孤儿")
    DE_FACTO = "de_facto", _("事实无人抚养儿童")
    CHILD_DIFFICULTY = "child_difficulty", _("困境儿童")
    DISABLED = "disabled", _("残疾人")
    DISABLED_ELDERLY = "disabled_elderly", _("失能老人")
    YOUFU = "youfu", _("优抚对象")


# Categories that cover the whole household (the rest cover one person).
HOUSEHOLD_CATEGORIES = {Category.DIBAO, Category.DIBAO_EDGE}
CHILD_CATEGORIES = {Category.ORPHAN, Category.DE_FACTO, Category.CHILD_DIFFICULTY}
TEKUN_CATEGORIES = {Category.TEKUN_DISPERSED, Category.TEKUN_CENTRAL}


class Programme(models.TextChoices):
    """What an application asks for (the API's `programme`)."""

    DIBAO = "dibao", _("最低生活保障")
    TEKUN = "tekun", _("特困人员救助供养")
    TEMPORARY = "temporary", _("临时救助")
    MEDICAL = "medical", _("医疗救助")


class PayProgramme(models.TextChoices):
    """What a monthly payment run pays."""

    DIBAO = "dibao", _("低保金")
    TEKUN = "tekun", _("特困供养金")
    CHILD_ALLOWANCE = "child_allowance", _("儿童基本生活费")


PAY_CATEGORIES = {
    PayProgramme.DIBAO: {Category.DIBAO},
    PayProgramme.TEKUN: TEKUN_CATEGORIES,
    PayProgramme.CHILD_ALLOWANCE: {Category.ORPHAN, Category.DE_FACTO},
}


class AppStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申请")
    ACCEPTED = "accepted", _("已受理")
    INVESTIGATED = "investigated", _("已入户调查")
    TOWNSHIP_APPROVED = "township_approved", _("乡镇审核通过")
    IN_NOTICE = "in_notice", _("公示中")
    CONFIRMED = "confirmed", _("县级确认，已批准")
    REFUSED = "refused", _("不予批准")


OPEN_STATUSES = {
    AppStatus.SUBMITTED, AppStatus.ACCEPTED, AppStatus.INVESTIGATED, AppStatus.TOWNSHIP_APPROVED, AppStatus.IN_NOTICE,
}  # fmt: skip


class Action(models.TextChoices):
    ACCEPT = "accept", _("受理")
    INVESTIGATE = "investigate", _("入户调查")
    TOWNSHIP_APPROVE = "township_approve", _("乡镇审核通过")
    START_NOTICE = "start_notice", _("开始公示")
    CONFIRM = "confirm", _("县级确认")
    REFUSE = "refuse", _("不予批准")
    EXTEND = "extend", _("延长办理期限")


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("继续享受")
    ADJUST = "adjust", _("调整保障金额")
    EXIT = "exit", _("退出")


class WarningStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    APPLIED = "applied", _("已发起申请")
    DISMISSED = "dismissed", _("已排除")


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("已计算，待复核")
    REVIEWED = "reviewed", _("已复核，待锁定")
    LOCKED = "locked", _("已锁定")


class PaymentKind(models.TextChoices):
    REGULAR = "regular", _("当月")
    ARREARS = "arrears", _("补发")
