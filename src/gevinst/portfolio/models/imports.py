"""Excel imports: one job per uploaded workbook, from mapping through dry run to import."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gevinst.core.models import TenantModel


class ImportJob(TenantModel):
    """An uploaded workbook and what became of it.

    The file lives under ``GEVINST_VAR_DIR/imports/<organisation id>/``; the job keeps the
    headings found in it, the chosen column mapping, every error of the last check (row and
    column) and the progress of a check or import running as a background task.
    """

    class Kind(models.TextChoices):
        INITIATIVES = "initiatives", _("Initiatives")
        MONEY = "money", _("Money per year")
        BENEFITS = "benefits", _("Benefits")
        MEASUREMENTS = "measurements", _("Measurements")
        RISKS = "risks", _("Risks and opportunities")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for the column mapping")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        CHECKED = "checked", _("Checked")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    class Action(models.TextChoices):
        CHECK = "check", _("Dry run")
        IMPORT = "import", _("Import")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    file_path = models.CharField(max_length=500, editable=False)  # relative to GEVINST_VAR_DIR
    sheet_name = models.CharField(_("sheet"), max_length=100, blank=True)
    headers = models.JSONField(default=list, editable=False)
    mapping = models.JSONField(default=dict, editable=False)  # column index (str) → field key
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.UPLOADED)
    action = models.CharField(_("step"), max_length=10, choices=Action.choices, blank=True)
    errors = models.JSONField(default=list, editable=False)  # [{row, column, field, message}]
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    result = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
