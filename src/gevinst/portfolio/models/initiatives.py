"""Portfolio: phases of the phase model and initiatives."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel, Unit


class Phase(TenantModel):
    """A phase of the organisation's phase model (default: Prosjektveiviseren-aligned)."""

    class Key(models.TextChoices):
        IDEA = "idea", _("Idea")
        CONCEPT = "concept", _("Concept")
        PLANNING = "planning", _("Planning")
        EXECUTION = "execution", _("Execution")
        CLOSING = "closing", _("Closing")
        REALISATION = "realisation", _("Realisation")
        CLOSED = "closed", _("Closed")

    key = models.CharField(_("key"), max_length=30)
    custom_name = models.CharField(
        _("name"), max_length=100, blank=True,
        help_text=_("Leave empty to use the standard, translated name."),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("What happens in this phase and what the next decision point asks."),
    )
    is_work_in_progress = models.BooleanField(
        _("counts as work in progress"), default=False,
        help_text=_("Initiatives in this phase count against the work-in-progress limit."),
    )

    history = HistoricalRecords()

    # Phases whose initiatives are being worked on (planned, built or rolled out).
    WORK_IN_PROGRESS_KEYS = ("planning", "execution", "closing")

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="phase_unique_key"),
            models.UniqueConstraint(fields=["organisation", "order"], name="phase_unique_order"),
        ]

    def __str__(self) -> str:
        if self.custom_name:
            return self.custom_name
        try:
            return str(Phase.Key(self.key).label)
        except ValueError:
            return self.key


class RAG(models.TextChoices):
    """Red-amber-green, as status reports and dashboards use it."""

    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")


class Initiative(TenantModel):
    """A digitalisation initiative (project, product or change) in the portfolio."""

    class Ambition(models.TextChoices):
        IMPROVE = "improve", _("Improve an existing process")
        TRANSFORM = "transform", _("Transform the service")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        STOPPED = "stopped", _("Stopped")
        COMPLETED = "completed", _("Completed")

    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(
        _("problem"), blank=True,
        help_text=_("What is wrong today, for whom, and how do we know?"),
    )
    target_state = models.TextField(
        _("target state"), blank=True,
        help_text=_("What would the ideal look like for the citizen?"),
    )
    proposal = models.TextField(
        _("proposal"), blank=True,
        help_text=_("What is proposed to be done (carried over from an idea)."),
    )
    expected_benefit = models.TextField(
        _("expected benefit"), blank=True,
        help_text=_("What would be better, for whom, and how could we tell?"),
    )
    affected_units = models.ManyToManyField(Unit, blank=True, related_name="+",
                                            verbose_name=_("affected units"))
    # The weighted score (1–5) an accepted idea had when it became this initiative.
    priority_score = models.DecimalField(_("priority score"), max_digits=4, decimal_places=2,
                                         null=True, blank=True, editable=False)
    ambition = models.CharField(_("ambition"), max_length=20, choices=Ambition.choices,
                                default=Ambition.IMPROVE)
    is_lighthouse = models.BooleanField(
        _("lighthouse"), default=False,
        help_text=_("A flagship initiative that shows the way for others."),
    )
    owning_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("owning unit"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("owner"))
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("manager"))
    programme = models.ForeignKey("portfolio.Programme", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="initiatives",
                                  verbose_name=_("programme"))
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="initiatives",
                              verbose_name=_("phase"))
    # Overall RAG of the latest published status report and its period (kept by the
    # status-report service, so that lists and dashboards filter without a subquery).
    rag = models.CharField(_("status (RAG)"), max_length=5, choices=RAG.choices, blank=True,
                           editable=False)
    rag_period = models.DateField(_("latest reported period"), null=True, blank=True,
                                  editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.ACTIVE)
    objectives = models.ManyToManyField("objectives.Objective", blank=True,
                                        related_name="initiatives",
                                        verbose_name=_("objectives"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Lower-cased reference, title, problem and target state: what the list search looks in,
    # kept ready so that a search does not upper-case every long text on every query.
    search_text = models.TextField(default="", editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at", "number",
                                                 "search_text", "rag", "rag_period"],
                                m2m_fields=[objectives, affected_units])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="initiative_unique_reference"),
            models.UniqueConstraint(fields=["organisation", "number"],
                                    name="initiative_unique_number"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "programme"]),
            models.Index(fields=["organisation", "rag"]),
            # The overview's common filter (active, by RAG) and the dashboard's one GROUP BY,
            # answered from the index instead of the wide rows.
            models.Index(fields=["organisation", "status", "rag"],
                         name="initiative_org_status_rag"),
            models.Index(fields=["organisation", "phase", "status", "rag", "ambition"],
                         name="initiative_dashboard"),
            models.Index(fields=["organisation", "phase"]),
            models.Index(fields=["organisation", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def compute_search_text(self) -> str:
        return "\n".join([self.reference, self.title, self.problem, self.target_state]).lower()

    def save(self, *args, **kwargs):
        self.search_text = self.compute_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)
