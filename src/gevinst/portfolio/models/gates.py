"""Gate governance: checklists per phase and the decision records that move initiatives.

A phase's checklist is defined once per organisation (``ChecklistTemplateItem``) and copied
to each initiative when it enters the phase (``ChecklistItem``), where it is worked through.
Moving to the next phase, stopping or deferring is always a ``GateDecision``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel
from gevinst.portfolio.models.initiatives import Initiative, Phase


class ChecklistTemplateItem(TenantModel):
    """An item of a phase's checklist in the organisation's phase model."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="template_items",
                              verbose_name=_("phase"))
    text = models.CharField(_("text"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    is_mandatory = models.BooleanField(_("mandatory"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item in the phase model")
        verbose_name_plural = _("checklist items in the phase model")
        ordering = ["phase__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class ChecklistItem(TenantModel):
    """An initiative's copy of a checklist item, worked through while it is in the phase."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        NOT_RELEVANT = "not_relevant", _("Not relevant")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="checklist_items", verbose_name=_("initiative"))
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("phase"))
    template_item = models.ForeignKey(ChecklistTemplateItem, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")
    text = models.CharField(_("text"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    is_mandatory = models.BooleanField(_("mandatory"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["phase__order", "order", "pk"]
        indexes = [models.Index(fields=["initiative", "phase"])]

    def __str__(self) -> str:
        return self.text


class GateDecision(TenantModel):
    """A decision at a decision point: approve (with or without conditions), defer or stop."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
        DEFER = "defer", _("Defer")
        STOP = "stop", _("Stop")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="gate_decisions", verbose_name=_("initiative"))
    from_phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("from phase"))
    to_phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+", null=True,
                                 blank=True, verbose_name=_("to phase"))
    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices)
    decided_on = models.DateField(_("decision date"))
    decided_by = models.CharField(
        _("decided by"), max_length=200,
        help_text=_("The person or body that took the decision, e.g. the management group."),
    )
    rationale = models.TextField(_("rationale"))
    conditions = models.TextField(_("conditions"), blank=True)
    # Benefits are reviewed at every decision point (an approval records the review).
    benefits_reviewed = models.BooleanField(_("benefits reviewed"), default=False)
    benefits_review = models.TextField(
        _("benefits review"), blank=True,
        help_text=_("What the review of the initiative's benefits found: still valid, "
                    "owners in place, profile realistic."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        ordering = ["decided_on", "pk"]
        indexes = [models.Index(fields=["initiative", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.get_decision_display()} ({self.decided_on})"
