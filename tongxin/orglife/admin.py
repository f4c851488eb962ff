from django.contrib import admin

from tongxin.core.admin import SystemAdminOnly
from tongxin.orglife.models import CommitteeMember, MeetingRule


@admin.register(MeetingRule)
class MeetingRuleAdmin(SystemAdminOnly, admin.ModelAdmin):
    list_display = ["kind", "applies_to", "period", "required_count", "active", "basis"]
    list_editable = ["period", "required_count", "active"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(SystemAdminOnly, admin.ModelAdmin):
    list_display = ["org", "member", "duty", "since"]
    raw_id_fields = ["org", "member"]
