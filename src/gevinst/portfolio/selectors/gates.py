"""Every read of the phase model, the checklists and the gate decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from gevinst.core.models import Organisation
from gevinst.portfolio.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    GateDecision,
    Initiative,
    Phase,
)


def decision_point_label(index: int) -> str:
    """DP1 is the decision point after the first phase."""
    return _("DP%(n)s") % {"n": index + 1}


@dataclass
class PhaseRow:
    phase: Phase
    items: list[ChecklistTemplateItem]
    in_use: int  # initiatives in the phase now
    decision_point: str  # to the next phase; "" for the last phase
    is_first: bool = False
    is_last: bool = False
    next_phase: Phase | None = None

    @property
    def mandatory_count(self) -> int:
        return sum(1 for i in self.items if i.is_mandatory)


def phase_model(organisation: Organisation) -> list[PhaseRow]:
    """The phases in order with their checklist templates and the decision points between
    them (two queries)."""
    from django.db.models import Count

    phases = list(
        Phase.objects.filter(organisation=organisation).order_by("order")
        .annotate(n=Count("initiatives"))
        .prefetch_related(Prefetch(
            "template_items",
            queryset=ChecklistTemplateItem.objects.filter(organisation=organisation)
            .order_by("order", "pk")))
    )
    rows = []
    for index, phase in enumerate(phases):
        last = index == len(phases) - 1
        rows.append(PhaseRow(phase=phase, items=list(phase.template_items.all()), in_use=phase.n,
                             decision_point="" if last else decision_point_label(index),
                             is_first=index == 0, is_last=last,
                             next_phase=None if last else phases[index + 1]))
    return rows


def get_phase(organisation: Organisation, phase_id: int) -> Phase:
    phase = Phase.objects.filter(organisation=organisation, pk=phase_id).first()
    if phase is None:
        raise Http404
    return phase


def get_template_item(organisation: Organisation, item_id: int) -> ChecklistTemplateItem:
    item = (ChecklistTemplateItem.objects.filter(organisation=organisation, pk=item_id)
            .select_related("phase").first())
    if item is None:
        raise Http404
    return item


def get_checklist_item(initiative: Initiative, item_id: int) -> ChecklistItem:
    item = (ChecklistItem.objects
            .filter(organisation_id=initiative.organisation_id, initiative=initiative,
                    pk=item_id).select_related("phase").first())
    if item is None:
        raise Http404
    return item


def checklist(initiative: Initiative) -> list[ChecklistItem]:
    """Every checklist item the initiative has had, phase by phase."""
    return list(ChecklistItem.objects
                .filter(organisation_id=initiative.organisation_id, initiative=initiative)
                .select_related("phase").order_by("phase__order", "order", "pk"))


def decisions(initiative: Initiative) -> list[GateDecision]:
    return list(GateDecision.objects
                .filter(organisation_id=initiative.organisation_id, initiative=initiative)
                .select_related("from_phase", "to_phase", "recorded_by")
                .order_by("decided_on", "pk"))


@dataclass
class GateView:
    """What the initiative's "Phases and gates" tab shows."""

    phases: list[Phase]
    current_items: list[ChecklistItem]
    earlier: list[tuple[Phase, list[ChecklistItem]]]
    decisions: list[GateDecision]
    next_phase: Phase | None
    decision_point: str
    open_mandatory: list[ChecklistItem] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # phase id -> "DPn" after it


def gate_view(initiative: Initiative) -> GateView:
    phases = list(Phase.objects.filter(organisation_id=initiative.organisation_id)
                  .order_by("order"))
    labels = {p.pk: decision_point_label(i) for i, p in enumerate(phases[:-1])}
    index = next((i for i, p in enumerate(phases) if p.pk == initiative.phase_id), None)
    upcoming = phases[index + 1] if index is not None and index + 1 < len(phases) else None
    items = checklist(initiative)
    current = [i for i in items if i.phase_id == initiative.phase_id]
    earlier: dict[int, tuple[Phase, list[ChecklistItem]]] = {}
    for item in items:
        if item.phase_id != initiative.phase_id:
            earlier.setdefault(item.phase_id, (item.phase, []))[1].append(item)
    records = decisions(initiative)
    for record in records:
        record.decision_point = labels.get(record.from_phase_id, "")
    return GateView(
        phases=phases, current_items=current, earlier=list(earlier.values()),
        decisions=records, next_phase=upcoming,
        decision_point=labels.get(initiative.phase_id, ""),
        open_mandatory=[i for i in current
                        if i.is_mandatory and i.status == ChecklistItem.Status.OPEN],
        labels=labels,
    )


def phases_for_api(organisation: Organisation) -> list[Phase]:
    rows = phase_model(organisation)
    for row in rows:
        row.phase.items = row.items
        row.phase.decision_point = row.decision_point
    return [row.phase for row in rows]
