"""Status reports: per initiative per period, draft until published, then immutable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel
from gevinst.portfolio.models.initiatives import RAG, Initiative

DIMENSIONS = ("schedule", "cost", "scope", "risk", "benefits", "resources")


def _rag(label):
    return models.CharField(label, max_length=5, choices=RAG.choices, blank=True)


class StatusReport(TenantModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="status_reports", verbose_name=_("initiative"))
    period_start = models.DateField(
        _("period"), help_text=_("First day of the month or quarter reported on."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.DRAFT)
    overall = _rag(_("overall status"))
    summary = models.TextField(_("summary"), blank=True)
    schedule = _rag(_("schedule"))
    schedule_comment = models.TextField(_("comment on schedule"), blank=True)
    cost = _rag(_("cost"))
    cost_comment = models.TextField(_("comment on cost"), blank=True)
    scope = _rag(_("scope and quality"))
    scope_comment = models.TextField(_("comment on scope and quality"), blank=True)
    risk = _rag(_("risk"))
    risk_comment = models.TextField(_("comment on risk"), blank=True)
    benefits = _rag(_("benefits"))
    benefits_comment = models.TextField(_("comment on benefits"), blank=True)
    resources = _rag(_("resources"))
    resources_comment = models.TextField(_("comment on resources"), blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    forecast = models.DecimalField(_("forecast"), max_digits=14, decimal_places=2, null=True,
                                   blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               related_name="+", verbose_name=_("author"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("published by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "period_start"],
                                    name="statusreport_unique_period"),
        ]
        indexes = [
            models.Index(fields=["organisation", "period_start", "state"]),
            models.Index(fields=["initiative", "state", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.period_start:%Y-%m}"
