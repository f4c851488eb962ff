from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WINDOW = "window", _("窗口")
    PHONE = "phone", _("电话")
    MAILBOX = "mailbox", _("信箱")
    ONLINE = "online", _("网上")
    GRID = "grid", _("网格员")


class AppealStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    ASSIGNED = "assigned", _("办理中")
    REPLIED = "replied", _("已答复")
    FOLLOWED_UP = "followed_up", _("已回访")
    CLOSED = "closed", _("已办结")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


SATISFIED_VALUES = {Satisfaction.SATISFIED, Satisfaction.BASIC}


class AppealAction(models.TextChoices):
    ASSIGN = "assign", _("交办")
    REMIND = "remind", _("催办")
    REPLY = "reply", _("答复")
    FOLLOW_UP = "follow_up", _("回访")
    REOPEN = "reopen", _("重新办理")
    CLOSE = "close", _("办结")


class DisputeKind(models.TextChoices):
    FAMILY = "family", _("婚姻家庭")
    NEIGHBOUR = "neighbour", _("邻里")
    NOISE = "noise", _("噪音")
    HEATING = "heating", _("供暖")
    PROPERTY = "property", _("物业")
    CORRIDOR = "corridor", _("楼道占用")
    DRAINAGE = "drainage", _("下水道堵塞")
    OTHER = "other", _("其他")


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("调解中")
    SUCCESS = "success", _("调解成功")
    FAILED = "failed", _("调解未成功")
    TRANSFERRED = "transferred", _("转办")


class Direction(models.TextChoices):
    IN = "in", _("入库（捐赠）")
    OUT = "out", _("出库（救助）")


class DonorKind(models.TextChoices):
    UNIT = "unit", _("单位")
    PUBLIC = "public", _("群众")
    MEMBER = "member", _("党员")


class ActivityKind(models.TextChoices):
    MEMBER_DAY = "member_day", _("党员义工日")
    CLINIC = "clinic", _("义诊")
    PATROL = "patrol", _("治安巡逻")
    HOME_HELP = "home_help", _("助老服务")
    CLEANUP = "cleanup", _("环境整治")
    OTHER = "other", _("其他")
