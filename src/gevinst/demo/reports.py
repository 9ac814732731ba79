"""Demo status reports: a year of monthly published reports for the organisation's active
initiatives, with trends that tell a story (steady, improving, slipping from green to amber
to red, wobbling), Norwegian comments, and a draft for the current month for a few.

Idempotent: periods that already have a report are left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gevinst.core.models import Organisation
from gevinst.portfolio import periods
from gevinst.portfolio.models import DIMENSIONS, StatusReport
from gevinst.portfolio.selectors.reports import expected_to_report
from gevinst.portfolio.services.reports import do_create_report, do_publish_report

LEVELS = ("green", "amber", "red")
MONTHS = 12

# Overall level per month, oldest first (0 green, 1 amber, 2 red), and the dimensions that
# drive it (the others trail one level behind).
PATTERNS = [
    ("steady", [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], ("resources",)),
    ("slipping", [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2], ("schedule", "cost")),
    ("improving", [2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0], ("risk", "resources")),
    ("wobbling", [0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0], ("scope", "benefits")),
    ("late benefits", [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], ("benefits",)),
]

COMMENTS = {
    "schedule": ("Milepælene holdes.",
                 "Leveransen av integrasjonen er forsinket med to uker.",
                 "Hovedmilepælen glipper; ny plan legges fram for styringsgruppen."),
    "cost": ("Innenfor budsjett.",
             "Økte lisenskostnader dekkes foreløpig av reserven.",
             "Prognosen overstiger budsjettet; det trengs en tilleggsbevilgning."),
    "scope": ("Omfanget er stabilt og kvaliteten god.",
              "To endringsønsker er til vurdering i styringsgruppen.",
              "Testene viser vesentlige feil som må rettes før innføring."),
    "risk": ("Ingen nye vesentlige risikoer.",
             "Avhengigheten til leverandørens oppgradering følges tett.",
             "Høy risiko for at leverandøren ikke leverer i tide."),
    "benefits": ("Gevinstene følger gevinstplanen.",
                 "Gevinstuttaket starter senere enn planlagt.",
                 "Gevinstene er usikre; gevinstplanen må revideres."),
    "resources": ("Teamet er fullt bemannet.",
                  "Fagressursene fra tjenesten er bare delvis frigjort.",
                  "Nøkkelpersoner er borte, og prosjektet mangler kapasitet."),
}
SUMMARIES = (
    "Arbeidet går etter planen, og brukerne i tjenesten er godt involvert.",
    "Arbeidet er i rute på de fleste områder, men har utfordringer som følges opp.",
    "Prosjektet har alvorlige avvik og trenger beslutninger fra styringsgruppen.",
)
FORECAST_FACTOR = (Decimal("1.00"), Decimal("1.08"), Decimal("1.22"))


def _content(pattern_index: int, month: int, budget: Decimal) -> dict:
    _name, levels, drivers = PATTERNS[pattern_index % len(PATTERNS)]
    overall = levels[month]
    data = {"overall": LEVELS[overall], "summary": SUMMARIES[overall]}
    for dim in DIMENSIONS:
        level = overall if dim in drivers else max(0, overall - 1)
        data[dim] = LEVELS[level]
        data[f"{dim}_comment"] = COMMENTS[dim][level]
    cost_level = LEVELS.index(data["cost"])
    data["budget"] = budget
    data["actual"] = (budget * (month + 1) / (MONTHS + 2)).quantize(Decimal("1000"))
    data["forecast"] = (budget * FORECAST_FACTOR[cost_level]).quantize(Decimal("1000"))
    return data


@transaction.atomic
def load_status_reports(organisation: Organisation, today: dt.date | None = None) -> int:
    """Create the demo reports for ``organisation`` (inside its tenant scope); returns how
    many were created."""
    today = today or timezone.localdate()
    cadence = organisation.status_report_cadence
    last = periods.last_finished_period(today, cadence)
    months = list(reversed(periods.recent_periods(last, cadence, MONTHS)))  # oldest first
    current = periods.period_start(today, cadence)
    created = 0
    initiatives = (expected_to_report(organisation).select_related("organisation", "manager")
                   .order_by("number"))
    for index, initiative in enumerate(initiatives):
        actor = initiative.manager or initiative.owner
        if actor is None:
            continue
        existing = set(StatusReport.objects.filter(organisation=organisation,
                                                   initiative=initiative)
                       .values_list("period_start", flat=True))
        budget = Decimal(1_500_000 + 750_000 * (index % 7))
        started = periods.period_start(initiative.start_date or months[0], cadence)
        skip_last = index % 4 == 3  # a few have not reported for the month just finished
        for month, period in enumerate(months):
            if period < started or period in existing:
                continue
            data = _content(index, month, budget)
            report = do_create_report(actor=actor, initiative=initiative, period_start=period,
                                      data=data)
            created += 1
            if skip_last and period == last:
                continue  # left as a draft
            do_publish_report(actor=actor, report=report, expected_version=report.version)
        if index % 3 == 0 and current not in existing:
            do_create_report(actor=actor, initiative=initiative, period_start=current,
                             data={"summary": "Utkast: oppdateres før fristen."})
            created += 1
    return created
