"""Organisation life under 五定: meetings planned (time, place, content, agenda), recorded with
attendance and quorum, and checked by the superior organisation; the rules of how often."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.models import TimeStampedModel
from tongxin.orglife.choices import AppliesTo, CommitteeDuty, Grade, MeetingKind, MeetingStatus, Period, StudyKind


class MeetingRule(models.Model):
    """How often a kind of meeting is required (editable: regions differ)."""

    kind = models.CharField(_("会议类型"), max_length=30, choices=MeetingKind.choices, unique=True)
    applies_to = models.CharField(_("适用于"), max_length=30, choices=AppliesTo.choices)
    period = models.CharField(_("频次"), max_length=10, choices=Period.choices)
    required_count = models.PositiveSmallIntegerField(_("每期至少"), default=1)
    active = models.BooleanField(_("启用"), default=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("组织生活频次规则")

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_period_display()}"


class CommitteeMember(models.Model):
    """A seat on a branch committee (支委会)."""

    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党支部"), related_name="committee", on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("党员"), related_name="committee_seats", on_delete=models.CASCADE
    )
    duty = models.CharField(_("职务"), max_length=20, choices=CommitteeDuty.choices)
    since = models.DateField(_("任职日期"))

    class Meta:
        ordering = ["org_id", "id"]
        verbose_name = verbose_name_plural = _("支委会成员")
        constraints = [
            models.UniqueConstraint(fields=["org", "member"], name="one_seat_per_member",
                                    violation_error_message=_("该党员已是支委会成员。"))
        ]  # fmt: skip

    def __str__(self):
        return f"{self.org} {self.get_duty_display()} {self.member.person}"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        from tongxin.accounts.scope import scope_for

        scope = scope_for(user)
        if scope.is_global:
            return self
        return self.filter(org_id__in=scope.org_ids)


class Meeting(TimeStampedModel):
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党组织"), related_name="meetings", on_delete=models.PROTECT
    )
    kind = models.CharField(_("会议类型"), max_length=30, choices=MeetingKind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    # 五定: time, place, content, procedure (agenda); the check comes with the superior's review.
    planned_at = models.DateTimeField(_("计划时间"))
    place = models.CharField(_("地点"), max_length=100)
    topic = models.CharField(_("内容"), max_length=200)
    agenda = models.TextField(_("议程"), blank=True)
    held_at = models.DateTimeField(_("召开时间"), null=True, blank=True)
    minutes = models.TextField(_("会议记录"), blank=True)
    expected_count = models.PositiveIntegerField(_("应到"), default=0)
    present_count = models.PositiveIntegerField(_("实到"), default=0)
    voting_count = models.PositiveIntegerField(_("有表决权的应到人数"), default=0)
    voting_present = models.PositiveIntegerField(_("有表决权的实到人数"), default=0)
    quorum_met = models.BooleanField(_("达到法定人数"), null=True)
    return_reason = models.CharField(_("退回原因"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_at", "-id"]
        verbose_name = verbose_name_plural = _("会议")
        indexes = [models.Index(fields=["org", "kind", "held_at"]), models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.org} {self.get_kind_display()} {self.planned_at:%Y-%m-%d}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), related_name="attendance", on_delete=models.CASCADE)
    person = models.ForeignKey("people.Person", verbose_name=_("人员"), related_name="+", on_delete=models.PROTECT)
    present = models.BooleanField(_("出席"), default=False)
    absence_reason = models.CharField(_("缺席原因"), max_length=100, blank=True)
    votes = models.BooleanField(_("有表决权"), default=False, help_text=_("正式党员（或支委会成员）"))
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = verbose_name_plural = _("出席情况")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")]

    def __str__(self):
        return f"{self.meeting} {self.person} {'出席' if self.present else '缺席'}"


class MeetingFile(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), related_name="files", on_delete=models.CASCADE)
    file = models.FileField(_("文件"), upload_to="meetings/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("会议照片和文件")

    def __str__(self):
        return self.name


EVENT_LABELS = {
    "plan": _("计划"), "record": _("记录"), "submit": _("报上级审核"), "approve": _("审核通过"),
    "return": _("退回"), "cancel": _("取消"), "attach": _("上传文件"),
}  # fmt: skip


class MeetingEvent(models.Model):
    """What happened to a meeting and who did it: its history (planned, recorded, submitted, …)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), related_name="events", on_delete=models.CASCADE)
    action = models.CharField(_("操作"), max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = _("会议记录事件")

    def __str__(self):
        return f"{self.meeting} {self.action}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class StudyRecord(models.Model):
    """党员在读 (material and minutes read) or 党员在讲 (a talk given and its audience)."""

    person = models.ForeignKey("people.Person", verbose_name=_("党员"), related_name="+", on_delete=models.PROTECT)
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党组织"), related_name="study_records", on_delete=models.PROTECT
    )
    kind = models.CharField(_("类别"), max_length=10, choices=StudyKind.choices)
    on = models.DateField(_("日期"))
    title = models.CharField(_("学习材料或宣讲题目"), max_length=200)
    minutes = models.PositiveIntegerField(_("时长（分钟）"), default=0)
    audience = models.PositiveIntegerField(_("受众人数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = verbose_name_plural = _("学习记录")
        indexes = [models.Index(fields=["org", "on"]), models.Index(fields=["person", "on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__lte=1440), name="study_minutes_within_a_day",
                                   violation_error_message=_("一次学习时长不能超过1440分钟。")),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} {self.on}"


class StudySession(models.Model):
    """理论学习中心组 (or branch) collective study session."""

    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党组织"), related_name="study_sessions", on_delete=models.PROTECT
    )
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("学习内容"), max_length=200)
    minutes = models.PositiveIntegerField(_("时长（分钟）"))
    attendees = models.ManyToManyField("people.Person", verbose_name=_("参加人员"), related_name="+", blank=True)
    speakers = models.CharField(_("发言人"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = verbose_name_plural = _("集体学习")

    def __str__(self):
        return f"{self.org} {self.held_on} {self.topic}"


class Evaluation(models.Model):
    """民主评议党员: one grade per member per year."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("党员"), related_name="evaluations", on_delete=models.CASCADE
    )
    org = models.ForeignKey("orgs.PartyOrg", verbose_name=_("党组织"), related_name="+", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.CharField(_("评议等次"), max_length=30, choices=Grade.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "member_id"]
        verbose_name = verbose_name_plural = _("民主评议")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_grade_per_member_year",
                                    violation_error_message=_("该党员本年度已有评议等次。")),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.member} {self.year} {self.get_grade_display()}"
