from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("人员")
    MEMBERS = "members", _("党组织党员")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("校验中")
    FAILED = "failed", _("有错误，未导入")
    DONE = "done", _("已导入")


class ImportJob(models.Model):
    """One uploaded spreadsheet. Validated whole; imported all-or-nothing."""

    kind = models.CharField(_("导入内容"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=200)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("登记单位"), null=True, blank=True, on_delete=models.PROTECT)
    org = models.ForeignKey("orgs.PartyOrg", verbose_name=_("党组织"), null=True, blank=True, on_delete=models.PROTECT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("上传人"))
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    imported_rows = models.PositiveIntegerField(_("导入行数"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = _("导入任务")

    def __str__(self):
        return f"{self.get_kind_display()} {self.original_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.FAILED, ImportStatus.DONE)
