from django.apps import AppConfig


class OrglifeConfig(AppConfig):
    name = "tongxin.orglife"
    verbose_name = "组织生活"

    def ready(self):
        from tongxin.core.audit import audit_register
        from tongxin.orglife import checks  # noqa: F401  (periodic checks)
        from tongxin.orglife.models import (
            Attendance,
            CommitteeMember,
            Evaluation,
            Meeting,
            MeetingRule,
            StudyRecord,
            StudySession,
        )

        for model in (Meeting, Attendance, CommitteeMember, MeetingRule, StudyRecord, StudySession, Evaluation):
            audit_register(model)
