"""Benefits realisation: benefits, their links to initiatives, value profile, measures,
planned trajectory and measurements.

A benefit belongs to the line organisation that gains it, not to a project: its owner is a
line manager, and its measures and measurements go on after the initiatives that enable it
have closed. Fields marked "kept by the service" are derived (benefits/calc.py) and stored so
that lists, filters and totals over tens of thousands of benefits need no per-row work.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel, Unit

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Health(models.TextChoices):
    """How a measure (and, as its worst measure, a benefit) is doing against its plan."""

    ON_TRACK = "on_track", _("On track")
    WITHIN_TOLERANCE = "within_tolerance", _("Within tolerance")
    BEHIND = "behind", _("Behind")
    NOT_MEASURED = "not_measured", _("Not measured when due")
    NO_DATA = "no_data", _("No measurements yet")


# Worst first: a benefit's health is that of its worst measure.
HEALTH_SEVERITY = {
    Health.BEHIND: 4, Health.NOT_MEASURED: 3, Health.WITHIN_TOLERANCE: 2,
    Health.ON_TRACK: 1, Health.NO_DATA: 0,
}


class Benefit(TenantModel):
    """A benefit (or dis-benefit) that one or more initiatives enable."""

    class Category(models.TextChoices):
        CASH_RELEASING = "cash_releasing", _("Cash-releasing")
        CAPACITY_FREED = "capacity_freed", _("Capacity freed")
        SERVICE_QUALITY = "service_quality", _("Service quality")
        CITIZENS = "citizens", _("Citizens and businesses")
        PUBLIC_BODIES = "public_bodies", _("Other public bodies")
        RISK = "risk", _("Risk and compliance")
        WORKFORCE = "workforce", _("Workforce")
        ENVIRONMENT = "environment", _("Environment")

    class Cashability(models.TextChoices):
        CASH = "cash", _("Cash-releasing")
        NON_CASH = "non_cash", _("Non-cash (capacity freed)")
        NOT_MONETISED = "not_monetised", _("Not monetised")

    class Confidence(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        PROFILED = "profiled", _("Profiled")
        APPROVED = "approved", _("Approved")
        IN_REALISATION = "in_realisation", _("In realisation")
        HANDED_OVER = "handed_over", _("Handed over")
        REALISED = "realised", _("Realised")
        PARTLY_REALISED = "partly_realised", _("Partly realised")
        NOT_REALISED = "not_realised", _("Not realised")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Valuation(models.TextChoices):
        TIME_SAVED = "time_saved", _("Time saved")
        UNIT_COST = "unit_cost", _("Unit cost avoided")
        CONTRACT = "contract", _("Contract difference")
        NOT_MONETISED = "not_monetised", _("Not monetised")

    # Statuses in which the benefit is followed up (measured, reminded, alerted).
    FOLLOWED_UP = (Status.APPROVED, Status.IN_REALISATION, Status.HANDED_OVER)
    # Final assessments; a withdrawn benefit is out of every total.
    CLOSED = (Status.REALISED, Status.PARTLY_REALISED, Status.NOT_REALISED, Status.WITHDRAWN)

    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_disbenefit = models.BooleanField(
        _("dis-benefit"), default=False,
        help_text=_("A negative consequence someone will experience; its value counts "
                    "against the benefits."))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices,
                                default=Category.CAPACITY_FREED)
    beneficiary = models.CharField(_("beneficiary"), max_length=200, blank=True,
                                   help_text=_("Who gains: citizens, staff, a unit, ..."))
    cashability = models.CharField(_("cashability"), max_length=20, choices=Cashability.choices,
                                   default=Cashability.NON_CASH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("benefit owner"),
        help_text=_("A line manager in the unit that gains, not the project."))
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("receiving unit"))
    realising_units = models.ManyToManyField(Unit, blank=True, related_name="+",
                                             verbose_name=_("realising units"))
    initiatives = models.ManyToManyField("portfolio.Initiative", through="BenefitInitiative",
                                         related_name="benefits",
                                         verbose_name=_("initiatives"))
    objectives = models.ManyToManyField("objectives.Objective", blank=True,
                                        related_name="benefits", verbose_name=_("objectives"))
    enabling_changes = models.TextField(
        _("enabling changes"), blank=True,
        help_text=_("Changes in work, organisation or systems that make the benefit "
                    "possible; one per line."))
    preconditions = models.TextField(_("preconditions"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices,
                                  default=Confidence.MEDIUM)
    optimism_adjustment = models.DecimalField(
        _("optimism adjustment (%)"), max_digits=5, decimal_places=2, default=Decimal("0"),
        validators=PERCENT,
        help_text=_("Planned values are reduced by this share to correct for optimism bias."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.IDENTIFIED)
    status_comment = models.TextField(_("status comment"), blank=True)
    baseline_plan_date = models.DateField(
        _("baseline planned by"), null=True, blank=True,
        help_text=_("When a measure has no baseline yet: the date by which it will have one."))
    baseline_plan = models.TextField(_("plan to establish the baseline"), blank=True)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True,
                                      editable=False)
    # Valuation (per year, at full realisation).
    valuation_method = models.CharField(_("valuation method"), max_length=20,
                                        choices=Valuation.choices,
                                        default=Valuation.NOT_MONETISED)
    minutes_per_case = models.DecimalField(_("minutes saved per case"), max_digits=10,
                                           decimal_places=2, null=True, blank=True)
    cases_per_year = models.DecimalField(_("cases per year"), max_digits=14, decimal_places=2,
                                         null=True, blank=True)
    unit_cost = models.DecimalField(_("cost avoided per unit"), max_digits=14,
                                    decimal_places=2, null=True, blank=True)
    units_per_year = models.DecimalField(_("units per year"), max_digits=14, decimal_places=2,
                                         null=True, blank=True)
    contract_cost_before = models.DecimalField(_("yearly contract cost before"), max_digits=14,
                                               decimal_places=2, null=True, blank=True)
    contract_cost_after = models.DecimalField(_("yearly contract cost after"), max_digits=14,
                                              decimal_places=2, null=True, blank=True)
    # Kept by the service (calc.py): value per year at full realisation (negative for a
    # dis-benefit; zero when not monetised), hours per year, follow-up state.
    annual_value = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"),
                                       editable=False)
    annual_hours = models.DecimalField(max_digits=14, decimal_places=1, default=Decimal("0"),
                                       editable=False)
    health = models.CharField(_("follow-up status"), max_length=20, choices=Health.choices,
                              default=Health.NO_DATA, editable=False)
    achievement = models.DecimalField(_("achievement (%)"), max_digits=9, decimal_places=1,
                                      null=True, blank=True, editable=False)
    next_due = models.DateField(_("next measurement due"), null=True, blank=True,
                                editable=False)
    last_measured = models.DateField(_("last measured period"), null=True, blank=True,
                                     editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "number", "annual_value", "annual_hours",
                         "health", "achievement", "next_due", "last_measured"],
        m2m_fields=[realising_units, objectives])

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="benefit_unique_reference"),
            models.UniqueConstraint(fields=["organisation", "number"],
                                    name="benefit_unique_number"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "health"]),
            models.Index(fields=["organisation", "category"]),
            models.Index(fields=["organisation", "owner"]),
            models.Index(fields=["organisation", "owner_unit"]),
            models.Index(fields=["organisation", "next_due"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def enabling_change_list(self) -> list[str]:
        return [line.strip() for line in self.enabling_changes.splitlines() if line.strip()]

    @property
    def is_monetised(self) -> bool:
        return (self.cashability != self.Cashability.NOT_MONETISED
                and self.valuation_method != self.Valuation.NOT_MONETISED)


class BenefitInitiative(TenantModel):
    """An initiative's share in a benefit. The shares of a benefit add up to at most 100 %,
    so that a benefit is never counted twice across initiatives."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="links",
                                verbose_name=_("benefit"))
    initiative = models.ForeignKey("portfolio.Initiative", on_delete=models.CASCADE,
                                   related_name="benefit_links", verbose_name=_("initiative"))
    attribution = models.DecimalField(_("attribution (%)"), max_digits=5, decimal_places=2,
                                      default=Decimal("100"), validators=PERCENT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benefit of an initiative")
        verbose_name_plural = _("benefits of initiatives")
        constraints = [
            models.UniqueConstraint(fields=["benefit", "initiative"],
                                    name="benefitinitiative_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "initiative"])]

    def __str__(self) -> str:
        return f"{self.benefit_id} ← {self.initiative_id} ({self.attribution} %)"


class BenefitYear(TenantModel):
    """One year of a benefit's value profile: the planned share of the full yearly value,
    and (kept by the service) the planned and the realised value of that year."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="years",
                                verbose_name=_("benefit"))
    year = models.PositiveSmallIntegerField(_("year"))
    share = models.DecimalField(
        _("share of full value (%)"), max_digits=6, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))])
    planned_value = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"),
                                        editable=False)
    realised_value = models.DecimalField(max_digits=16, decimal_places=2, null=True,
                                         blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["planned_value", "realised_value"])

    class Meta:
        verbose_name = _("year of the value profile")
        verbose_name_plural = _("value profile")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["benefit", "year"], name="benefityear_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.share} %"


class Measure(TenantModel):
    """How a benefit is measured: baseline, target, tolerance and a planned trajectory."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        HALF_YEARLY = "half_yearly", _("Every six months")
        YEARLY = "yearly", _("Yearly")

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="measures",
                                verbose_name=_("benefit"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40,
                            help_text=_("e.g. hours per year, %, number of letters"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.INCREASE)
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    method = models.TextField(_("method"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices,
                                 default=Frequency.QUARTERLY)
    baseline_value = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4,
                                         null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_evidence = models.TextField(_("baseline evidence"), blank=True)
    target_value = models.DecimalField(_("target"), max_digits=16, decimal_places=4,
                                       null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    tolerance = models.DecimalField(
        _("tolerance (percentage points)"), max_digits=5, decimal_places=2,
        default=Decimal("10"), validators=PERCENT,
        help_text=_("How far behind the planned achievement a measurement may be and still "
                    "count as within tolerance."))
    # Kept by the service.
    health = models.CharField(_("follow-up status"), max_length=20, choices=Health.choices,
                              default=Health.NO_DATA, editable=False)
    achievement = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True,
                                      editable=False)
    next_due = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "health", "achievement",
                                                 "next_due"])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["organisation", "next_due"])]

    def __str__(self) -> str:
        return self.name

    @property
    def has_baseline(self) -> bool:
        return self.baseline_value is not None and self.baseline_date is not None


class PlannedValue(TenantModel):
    """The planned trajectory: the value a measure should have reached in a period."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="plan",
                                verbose_name=_("measure"))
    period = models.DateField(_("period"), help_text=_("The first day of the period."))
    value = models.DecimalField(_("planned value"), max_digits=16, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned value")
        verbose_name_plural = _("planned trajectory")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="plannedvalue_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"


class Measurement(TenantModel):
    """What a measure showed in a period (actual), and what is expected (forecast)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE,
                                related_name="measurements", verbose_name=_("measure"))
    period = models.DateField(_("period"), help_text=_("The first day of the period."))
    actual = models.DecimalField(_("actual"), max_digits=16, decimal_places=4, null=True,
                                 blank=True)
    forecast = models.DecimalField(_("forecast"), max_digits=16, decimal_places=4, null=True,
                                   blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True,
                                help_text=_("Where the figure comes from: report, link, "
                                            "extract."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("verified by"))
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Kept by the service: achievement of the actual against baseline and target.
    achievement = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True,
                                      editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "achievement", "recorded_at"])

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"],
                                    name="measurement_unique_period"),
        ]
        indexes = [models.Index(fields=["organisation", "period"])]

    def __str__(self) -> str:
        return f"{self.period}: {self.actual}"


class FollowUpDigest(TenantModel):
    """That a person got the day's follow-up digest (so a second run sends nothing)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    sent_on = models.DateField()
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user", "sent_on"],
                                    name="followupdigest_unique_day"),
        ]
