from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberStatus(models.TextChoices):
    FULL = "full", _("正式党员")
    PROBATIONARY = "probationary", _("预备党员")


class Situation(models.TextChoices):
    """Stored situation; 失联 (lost contact) is derived from the last contact date."""

    EMPLOYED = "employed", _("在职")
    RETIRED = "retired", _("离退休")
    MOBILE = "mobile", _("流动")


class DuesCategory(models.TextChoices):
    EMPLOYED = "employed", _("在职")
    RETIRED = "retired", _("离退休")
    FARMER = "farmer", _("农民")
    STUDENT = "student", _("学生")
    UNEMPLOYED = "unemployed", _("下岗失业")
    LOW_INCOME = "low_income", _("享受低保")


class TransferStatus(models.TextChoices):
    ISSUED = "issued", _("已开具，待接收")
    RECEIVED = "received", _("已接收")
    CANCELLED = "cancelled", _("已撤销")
    EXPIRED = "expired", _("已过期")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("现金")
    WECHAT = "wechat", _("微信")
    ALIPAY = "alipay", _("支付宝")
    BANK = "bank", _("银行转账")


class DevelopmentStage(models.TextChoices):
    APPLICANT = "applicant", _("入党申请人")
    ACTIVIST = "activist", _("入党积极分子")
    CANDIDATE = "candidate", _("发展对象")
    PROBATIONARY = "probationary", _("预备党员")
    FULL = "full", _("正式党员")
    STOPPED = "stopped", _("停止发展")


class DevelopmentStep(models.TextChoices):
    FIRST_TALK = "first_talk", _("派人谈话")
    ACTIVIST = "activist", _("确定为入党积极分子")
    ACTIVIST_REVIEW = "activist_review", _("培养考察（半年一次）")
    CANDIDATE = "candidate", _("确定为发展对象")
    TRAINING = "training", _("集中培训")
    BRANCH_RESOLUTION = "branch_resolution", _("支部党员大会讨论接收")
    APPROVAL = "approval", _("上级党委审批")
    PROBATIONARY = "probationary", _("接收为预备党员")
    FULL = "full", _("转为正式党员")
