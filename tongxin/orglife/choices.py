from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    BRANCH_ASSEMBLY = "branch_assembly", _("支部党员大会")
    COMMITTEE = "committee", _("支委会")
    GROUP = "group", _("党小组会")
    LECTURE = "lecture", _("党课")
    THEME_DAY = "theme_day", _("主题党日")
    ORG_LIFE = "org_life", _("组织生活会")
    MEMBER_EVALUATION = "member_evaluation", _("民主评议党员")
    HEART_TALK = "heart_talk", _("谈心谈话")


# Meetings held as a 党员大会: more than half of the voting (full) members must be present.
ASSEMBLY_KINDS = {MeetingKind.BRANCH_ASSEMBLY, MeetingKind.ORG_LIFE, MeetingKind.MEMBER_EVALUATION}


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("已计划")
    RECORDED = "recorded", _("已记录")
    SUBMITTED = "submitted", _("已报上级审核")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("已退回")
    CANCELLED = "cancelled", _("已取消")


HELD_STATUSES = {MeetingStatus.RECORDED, MeetingStatus.SUBMITTED, MeetingStatus.APPROVED, MeetingStatus.RETURNED}

# action -> (allowed from, to)
TRANSITIONS = {
    "submit": ({MeetingStatus.RECORDED, MeetingStatus.RETURNED}, MeetingStatus.SUBMITTED),
    "approve": ({MeetingStatus.SUBMITTED}, MeetingStatus.APPROVED),
    "return": ({MeetingStatus.SUBMITTED}, MeetingStatus.RETURNED),
    "cancel": ({MeetingStatus.PLANNED}, MeetingStatus.CANCELLED),
}
RECORDABLE = {MeetingStatus.PLANNED, MeetingStatus.RECORDED, MeetingStatus.RETURNED}


class Period(models.TextChoices):
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    YEAR = "year", _("每年")


class AppliesTo(models.TextChoices):
    BRANCH = "branch", _("党支部")
    BRANCH_WITH_COMMITTEE = "branch_with_committee", _("设支委会的党支部")
    GROUP = "group", _("党小组")


class CommitteeDuty(models.TextChoices):
    SECRETARY = "secretary", _("书记")
    DEPUTY = "deputy", _("副书记")
    ORGANISATION = "organisation", _("组织委员")
    PROPAGANDA = "propaganda", _("宣传委员")
    DISCIPLINE = "discipline", _("纪检委员")
    MEMBER = "member", _("委员")


class StudyKind(models.TextChoices):
    READING = "reading", _("党员在读")
    TALK = "talk", _("党员在讲")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASIC = "basically_qualified", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")
