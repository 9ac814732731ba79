"""Demo gates (Fjordby and Åsdal): checklists worked through and gate decisions that match each
initiative's phase, all through the services. Idempotent: an initiative that already has
gate decisions is left alone.

Decisions before the initiative's current phase were taken before it was registered, so they
are recorded as earlier decisions; decisions at the current decision point (a deferral, for
example) are recorded as the portfolio office would record them today.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.portfolio.models import ChecklistItem, GateDecision, Initiative, Phase
from gevinst.portfolio.services.gates import (
    do_record_earlier_decision,
    do_record_gate_decision,
    do_update_checklist_item,
)

# Who decides at each decision point (DP1..DP6) in Fjordby.
DECIDED_BY = [
    "Porteføljerådet",
    "Porteføljerådet",
    "Kommunedirektørens ledergruppe",
    "Styringsgruppen",
    "Styringsgruppen",
    "Kommunedirektørens ledergruppe",
]
RATIONALE = [
    "Behovet er godt dokumentert, eier er utpekt og gevinstpotensialet tilsier at det er "
    "verdt å utrede konseptet.",
    "Alternativanalysen viser at valgt konsept gir best nytte for innbyggerne. "
    "Gevinsteier er utpekt og nullpunktsmålinger er planlagt.",
    "Prosjektplan, budsjett og gevinstrealiseringsplan er godkjent. Risiko er innenfor "
    "kommunens risikoappetitt.",
    "Løsningen er testet og akseptert, og driftsorganisasjonen er opplært. Prosjektet kan "
    "avsluttes.",
    "Gevinstene er overlevert linjen med avtalte målinger. Sluttrapport og erfaringer er "
    "registrert.",
    "Gevinstene er målt mot nullpunktet og i hovedsak realisert. Oppfølgingen avsluttes.",
]
CONDITIONS = [
    "Tillitsvalgte skal involveres før konseptvalget.",
    "Personvernkonsekvensvurdering (DPIA) må være godkjent før anskaffelsen lyses ut.",
    "Oppdatert kostnadsestimat legges fram for porteføljerådet innen tre måneder.",
    "Opplæring av alle nattevakter skal være gjennomført før full utrulling.",
    "Gevinstmålingene rapporteres kvartalsvis til porteføljerådet det første året.",
]
COMMENTS = [
    "Dokumentert i prosjektplanen, versjon 1.2.",
    "Behandlet og godkjent i styringsgruppemøtet.",
    "Drøftet med tillitsvalgte og verneombud i drøftingsmøte.",
    "Se vedlagt analyse i saksmappen.",
    "Avklart med gevinsteier, som har bekreftet ansvaret.",
    "Gjennomført sammen med personvernombudet.",
]
# Initiatives with a decision at their current decision point: title → (decision, rationale).
CURRENT = {
    "Digitalt innbyggerkort": (
        GateDecision.Decision.STOP,
        "Nasjonal løsning for digital identitet og innbyggerkort er varslet. Kommunen "
        "avventer den i stedet for å bygge en egen løsning."),
    "Automatisert saksbehandling av økonomisk sosialhjelp": (
        GateDecision.Decision.DEFER,
        "Hjemmelsgrunnlaget for automatiserte vedtak må avklares med Statsforvalteren før "
        "konseptvalg."),
    "Nytt pasientvarslingsanlegg på sykehjemmene": (
        GateDecision.Decision.DEFER,
        "Leverandøren har ikke levert godkjent versjon. Akseptansetest utsettes til ny "
        "versjon foreligger."),
    "Digital samhandling rundt barn og unge (BTI)": (
        GateDecision.Decision.DEFER,
        "Samarbeidsavtale med helseforetaket og nabokommunene må være på plass før "
        "planleggingen starter."),
}


def _dates(today: dt.date, count: int, number: int) -> list[dt.date]:
    """``count`` decision dates in the past 18 months, oldest first, a little apart."""
    first = today - dt.timedelta(days=520 - (number * 7) % 60)
    last = today - dt.timedelta(days=45 + number % 20)
    if count == 1:
        return [last]
    step = (last - first) / (count - 1)
    return [first + step * i for i in range(count)]


def _work_checklist(initiative: Initiative, actor: User, share: float) -> None:
    items = list(ChecklistItem.objects.filter(initiative=initiative, phase=initiative.phase)
                 .order_by("order", "pk"))
    worked = items[: round(len(items) * share)]
    for index, item in enumerate(worked):
        not_relevant = not item.is_mandatory and index % 5 == 3
        do_update_checklist_item(
            actor=actor, item=item, status="not_relevant" if not_relevant else "done",
            comment=("Ikke aktuelt: løses innenfor eksisterende avtale." if not_relevant
                     else COMMENTS[(initiative.number + index) % len(COMMENTS)]),
            expected_version=item.version)


def load_gates(organisation: Organisation, people: dict[str, User]) -> None:
    """Give the organisation's demo initiatives a gate history."""
    today = timezone.localdate()
    pmo, manager = people["pmo"], people["contributor"]
    phases = list(Phase.objects.filter(organisation=organisation).order_by("order"))
    position = {p.pk: i for i, p in enumerate(phases)}
    decided = set(GateDecision.objects.filter(organisation=organisation)
                  .values_list("initiative_id", flat=True))
    for initiative in (Initiative.objects.filter(organisation=organisation)
                       .select_related("phase").order_by("number")):
        if initiative.pk in decided:
            continue
        passed = position[initiative.phase_id]
        current = CURRENT.get(initiative.title)
        dates = _dates(today, passed + (1 if current else 0), initiative.number)
        for dp in range(passed):
            conditional = (initiative.number + dp) % 4 == 0
            do_record_earlier_decision(
                actor=pmo, initiative=initiative, from_phase=phases[dp],
                decision="approve_with_conditions" if conditional else "approve",
                decided_on=dates[dp], decided_by=DECIDED_BY[dp], rationale=RATIONALE[dp],
                conditions=CONDITIONS[(initiative.number + dp) % len(CONDITIONS)]
                if conditional else "", benefits_reviewed=True)
        if initiative.phase.pk == phases[-1].pk:
            continue
        _work_checklist(initiative, manager,
                        share=0.4 if initiative.status == "stopped" else 0.75)
        if current is None:
            continue
        decision, rationale = current
        if decision == GateDecision.Decision.STOP:
            do_record_earlier_decision(
                actor=pmo, initiative=initiative, from_phase=initiative.phase,
                decision=decision, decided_on=dates[-1], decided_by=DECIDED_BY[passed],
                rationale=rationale)
        else:
            do_record_gate_decision(
                actor=pmo, initiative=initiative, decision=decision, decided_on=dates[-1],
                decided_by=DECIDED_BY[passed], rationale=rationale, expected_version=None)
