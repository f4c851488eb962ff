from django.contrib import admin

from tongxin.accounts.scope import scope_for
from tongxin.core.models import Alert, CalendarDay, CalendarYear, ExportRecord, PeriodicRun


def _is_system_admin(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and scope_for(user).is_global


# Django admin is for system administrators only.
admin.site.has_permission = _is_system_admin


class SystemAdminOnly:
    """Full rights for system administrators (superuser or the system_admin role), none for others."""

    def has_module_permission(self, request):
        return _is_system_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_system_admin(request)

    def has_add_permission(self, request, *args):
        return _is_system_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_system_admin(request)

    def has_delete_permission(self, request, obj=None):
        return _is_system_admin(request)


class ReadOnly(SystemAdminOnly):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CalendarDayInline(SystemAdminOnly, admin.TabularInline):
    model = CalendarDay
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(SystemAdminOnly, admin.ModelAdmin):
    list_display = ["year", "note", "entered_by", "created_at"]
    inlines = [CalendarDayInline]


@admin.register(ExportRecord)
class ExportRecordAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["at", "actor", "what", "row_count", "full_id_numbers"]
    list_filter = ["full_id_numbers"]


@admin.register(PeriodicRun)
class PeriodicRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["started_at", "name", "ok", "summary"]
    list_filter = ["name", "ok"]


@admin.register(Alert)
class AlertAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["opened_at", "title", "level", "party_org", "unit", "role", "resolved_at"]
    list_filter = ["check_name", "level"]
