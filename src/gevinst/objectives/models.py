"""Strategic objectives of an organisation, as a tree, with their KPIs.

An objective (e.g. from the municipal digitalisation strategy) has one or more KPIs, each with
a baseline, a target and measurements over time. Initiatives (``Initiative.objectives``) and
benefits (``Benefit.objectives``) link to objectives; an objective's page shows its KPIs
against target and what contributes to it.
"""

from __future__ import annotations

from django.conf import settings
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
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("owner"))
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


class Kpi(TenantModel):
    """A key performance indicator of an objective: where it stood, where it should be, and
    its measurements over time. Direction and the arithmetic are those of benefit measures
    (benefits/calc.py: achievement is direction-aware)."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="kpis",
                                  verbose_name=_("objective"))
    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True,
                            help_text=_("e.g. %, hours, cases, NOK"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.INCREASE)
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    baseline_value = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    target_date = models.DateField(_("target date"))
    tolerance = models.DecimalField(
        _("tolerance (percentage points)"), max_digits=5, decimal_places=2, default=5,
        help_text=_("How far behind the straight line from baseline to target a KPI may be "
                    "and still count as within tolerance."))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "number"])

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["objective_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="kpi_unique_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"


class KpiMeasurement(TenantModel):
    """The value of a KPI on a day (one per KPI and day)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="measurements",
                            verbose_name=_("KPI"))
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("KPI measurement")
        verbose_name_plural = _("KPI measurements")
        ordering = ["kpi_id", "measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "measured_on"],
                                    name="kpi_measurement_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.measured_on}: {self.value}"
