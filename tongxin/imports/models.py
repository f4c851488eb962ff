from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportKind(models.TextChoices):
    PEOPLE = "people", "人员"
    MEMBERS = "members", "党组织党员"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "校验中"
    FAILED = "failed", "有错误，未导入"
    DONE = "done", "已导入"


class ImportJob(models.Model):
    """One uploaded spreadsheet. Validated whole; imported all-or-nothing."""

    kind = models.CharField("导入内容", max_length=20, choices=ImportKind.choices)
    status = models.CharField("状态", max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    file = models.FileField("文件", upload_to="imports/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    unit = models.ForeignKey("orgs.Unit", verbose_name="登记单位", null=True, blank=True, on_delete=models.PROTECT)
    org = models.ForeignKey("orgs.PartyOrg", verbose_name="党组织", null=True, blank=True, on_delete=models.PROTECT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="上传人")
    created_at = models.DateTimeField("上传时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    imported_rows = models.PositiveIntegerField("导入行数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "导入任务"

    def __str__(self):
        return f"{self.get_kind_display()} {self.original_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.FAILED, ImportStatus.DONE)
