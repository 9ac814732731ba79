"""Risks and opportunities, their actions, and the organisation's risk appetite.

A risk (or opportunity) lives at one level: an initiative, a programme or the whole
organisation. An initiative's risk can be escalated to its programme or to the organisation;
it keeps its initiative and then shows in the register of the level above as well.

Probability and impact (1–5) are assessed before action (inherent) and after the planned
actions (residual). Scores are probability × impact. The organisation's risk appetite gives,
per category, the score above which a risk needs a named decision to be accepted: a risk whose
current score (residual when assessed, else inherent) is above it is *above appetite* and
flagged everywhere until someone accepts it with a decision text. Fields marked "kept by the
service" are derived (risks/calc.py) and stored so that lists, filters and heat maps over tens
of thousands of risks are plain SQL.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Category(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic")
    FINANCIAL = "financial", _("Financial")
    DELIVERY = "delivery", _("Delivery and schedule")
    TECHNOLOGY = "technology", _("Technology and architecture")
    SECURITY = "security", _("Information security and data protection")
    LEGAL = "legal", _("Legal and compliance")
    SUPPLIER = "supplier", _("Supplier and market")
    PEOPLE = "people", _("People and competence")
    CHANGE = "change", _("Change and adoption")
    REPUTATION = "reputation", _("Reputation and trust")


class Risk(TenantModel):
    """A risk or an opportunity."""

    class Kind(models.TextChoices):
        RISK = "risk", _("Risk")
        OPPORTUNITY = "opportunity", _("Opportunity")

    class Level(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        PROGRAMME = "programme", _("Programme")
        ORGANISATION = "organisation", _("Organisation")

    class Proximity(models.TextChoices):
        IMMINENT = "imminent", _("Within 3 months")
        NEAR = "near", _("In 3 to 12 months")
        LATER = "later", _("Later than 12 months")

    class Strategy(models.TextChoices):
        REDUCE = "reduce", _("Reduce")
        AVOID = "avoid", _("Avoid")
        TRANSFER = "transfer", _("Transfer")
        SHARE = "share", pgettext_lazy("risk strategy", "Share")
        ACCEPT = "accept", _("Accept")
        MONITOR = "monitor", _("Monitor")
        EXPLOIT = "exploit", _("Exploit")
        ENHANCE = "enhance", _("Enhance")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        OCCURRED = "occurred", _("Occurred")
        CLOSED = "closed", _("Closed")

    # Strategies that fit each kind.
    RISK_STRATEGIES = (Strategy.REDUCE, Strategy.AVOID, Strategy.TRANSFER, Strategy.SHARE,
                       Strategy.ACCEPT, Strategy.MONITOR)
    OPPORTUNITY_STRATEGIES = (Strategy.EXPLOIT, Strategy.ENHANCE, Strategy.SHARE,
                              Strategy.ACCEPT, Strategy.MONITOR)

    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.RISK)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    cause = models.TextField(_("cause"), blank=True)
    effect = models.TextField(_("effect"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices,
                                default=Category.DELIVERY)
    proximity = models.CharField(_("proximity"), max_length=10, choices=Proximity.choices,
                                 default=Proximity.NEAR,
                                 help_text=_("When the risk could happen."))
    level = models.CharField(_("level"), max_length=12, choices=Level.choices,
                             default=Level.INITIATIVE)
    initiative = models.ForeignKey("portfolio.Initiative", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="risks",
                                   verbose_name=_("initiative"))
    programme = models.ForeignKey("portfolio.Programme", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="risks", verbose_name=_("programme"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("risk owner"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    probability = models.PositiveSmallIntegerField(_("probability"), validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=ONE_TO_FIVE)
    residual_probability = models.PositiveSmallIntegerField(
        _("probability after action"), validators=ONE_TO_FIVE, null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(
        _("impact after action"), validators=ONE_TO_FIVE, null=True, blank=True)
    strategy = models.CharField(_("strategy"), max_length=10, choices=Strategy.choices,
                                default=Strategy.REDUCE)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    # Kept by the service: probability × impact, before and after action (residual falls
    # back to the inherent score while the residual is not assessed), and the appetite flag.
    score = models.PositiveSmallIntegerField(pgettext_lazy("risk", "score"), default=1,
                                             editable=False)
    residual_score = models.PositiveSmallIntegerField(_("score after action"), default=1,
                                                      editable=False)
    above_appetite = models.BooleanField(_("above risk appetite"), default=False,
                                         editable=False)
    # A named decision to accept a risk above appetite. It holds for the score it was given
    # at (accepted_score): if the risk grows beyond that, it is flagged again.
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("accepted by"), editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    acceptance_decision = models.TextField(_("acceptance decision"), blank=True,
                                           editable=False)
    accepted_score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True, editable=False)
    escalation_reason = models.TextField(_("reason for escalation"), blank=True,
                                         editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at", "number"])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="risk_unique_reference"),
            models.UniqueConstraint(fields=["organisation", "number"],
                                    name="risk_unique_number"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "residual_score"],
                         name="risk_org_status_score"),
            models.Index(fields=["organisation", "next_review"], name="risk_org_review"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_accepted(self) -> bool:
        """Accepted by a named decision that still covers the current score."""
        return (self.accepted_at is not None and self.accepted_score is not None
                and self.residual_score <= self.accepted_score)


class RiskAction(TenantModel):
    """Something someone will do about a risk (or to seize an opportunity)."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("risk action status", "Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions",
                             verbose_name=_("risk"))
    description = models.TextField(_("action"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("action owner"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("risk action")
        verbose_name_plural = _("risk actions")
        ordering = ["risk_id", "due_date", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_date"],
                         name="riskaction_org_status_due"),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class RiskAppetite(TenantModel):
    """The score above which a risk of a category needs a named decision to be accepted.
    A category without a row uses ``DEFAULT_THRESHOLD``."""

    DEFAULT_THRESHOLD = 12

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    threshold = models.PositiveSmallIntegerField(
        _("highest acceptable score"), validators=[MinValueValidator(1), MaxValueValidator(25)],
        help_text=_("Risks scoring above this (probability × impact) need a named decision "
                    "to be accepted."))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("risk appetite")
        verbose_name_plural = _("risk appetite")
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "category"],
                                    name="risk_appetite_one_per_category"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.threshold}"
