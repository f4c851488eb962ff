from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tongxin.accounts.models import RoleAssignment, User
from tongxin.core.admin import SystemAdminOnly


class RoleAssignmentInline(SystemAdminOnly, admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = []
    raw_id_fields = ["party_org", "unit"]


@admin.register(User)
class TongxinUserAdmin(SystemAdminOnly, UserAdmin):
    list_display = ["username", "display_name", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "display_name"]
    raw_id_fields = ["person"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("display_name", "person", "email")}),
        ("状态", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
