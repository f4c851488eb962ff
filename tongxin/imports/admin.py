from django.contrib import admin

from tongxin.core.admin import ReadOnly
from tongxin.imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "kind", "original_name", "status", "total_rows", "imported_rows", "created_by"]
    list_filter = ["kind", "status"]
