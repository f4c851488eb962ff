from django.contrib import admin

from tongxin.core.admin import SystemAdminOnly
from tongxin.members.models import DevelopmentRule


@admin.register(DevelopmentRule)
class DevelopmentRuleAdmin(SystemAdminOnly, admin.ModelAdmin):
    list_display = ["label", "value", "unit", "basis"]
    list_editable = ["value"]
    readonly_fields = ["code"]
