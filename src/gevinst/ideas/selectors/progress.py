"""The public progress of the initiative an accepted idea became: what its author and every
member (the employee role included) may see from the idea's page, and nothing else of the
portfolio. Two queries: the phase model and the date of the last gate decision; the status
(RAG) of the latest published report is kept on the initiative."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max


@dataclass
class PhaseStep:
    name: str
    current: bool
    done: bool


@dataclass
class InitiativeProgress:
    reference: str
    title: str
    phase: str
    steps: list[PhaseStep]
    status: str
    status_label: str
    start_date: dt.date | None
    end_date: dt.date | None
    last_gate_date: dt.date | None
    rag: str  # "green" | "amber" | "red" | "" (no published report yet)
    rag_label: str
    rag_period: dt.date | None

    @property
    def current_step(self) -> int:
        """The current phase's place in the phase model (1-based; 0 when unknown)."""
        return next((n for n, s in enumerate(self.steps, 1) if s.current), 0)


def initiative_progress(initiative) -> InitiativeProgress:
    """Reference, title, the phase model in order with the current phase marked, status,
    start and end dates, the last gate decision's date, and the overall status (RAG) with
    the period of the latest published status report."""
    from gevinst.portfolio.models import GateDecision, Phase

    org_id = initiative.organisation_id
    phases = list(Phase.objects.filter(organisation_id=org_id).order_by("order"))
    current = next((p for p in phases if p.pk == initiative.phase_id), None)
    steps = [PhaseStep(name=str(p), current=p.pk == initiative.phase_id,
                       done=current is not None and p.order < current.order)
             for p in phases]
    last_gate = (GateDecision.objects.filter(organisation_id=org_id, initiative=initiative)
                 .aggregate(last=Max("decided_on"))["last"])
    return InitiativeProgress(
        reference=initiative.reference, title=initiative.title,
        phase=str(current) if current is not None else "",
        steps=steps, status=initiative.status, status_label=initiative.get_status_display(),
        start_date=initiative.start_date, end_date=initiative.end_date,
        last_gate_date=last_gate, rag=initiative.rag,
        rag_label=initiative.get_rag_display() if initiative.rag else "",
        rag_period=initiative.rag_period if initiative.rag else None,
    )
