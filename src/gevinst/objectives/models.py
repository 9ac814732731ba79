"""Strategic objectives of an organisation, as a tree.

This is the part of the objectives module that benefits and initiatives link to; KPIs,
measurements and the objective pages arrive with the objectives issue.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel


class Objective(TenantModel):
    """A strategic objective (e.g. from the municipal digitalisation strategy)."""

    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("part of"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "number"])

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="objective_unique_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"
