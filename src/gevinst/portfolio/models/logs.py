"""The initiative log: decisions, change requests, issues and lessons learned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel
from gevinst.portfolio.models.initiatives import Initiative


class LogEntry(TenantModel):
    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        CHANGE_REQUEST = "change_request", _("Change request")
        ISSUE = "issue", _("Issue")
        LESSON = "lesson", _("Lesson learned")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="log",
                                   verbose_name=_("initiative"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occurred_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Lower-cased title and description, for the portfolio-wide lesson search.
    search_text = models.TextField(default="", editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at", "search_text"])

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "kind", "occurred_on"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = "\n".join([self.title, self.description]).lower()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)
