"""What the import templates of benefits and measurements show: an example row and the
allowed values of each column (portfolio/imports/template.py writes the workbook)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.benefits import calc
from gevinst.benefits.imports.headings import CHOICES, shown_word
from gevinst.benefits.models import Benefit, Measure
from gevinst.core.models import Organisation

YES_NO = {"en": "Yes, No", "nb": "Ja, Nei", "sv": "Ja, Nej"}


def benefit_example(organisation: Organisation, lang: str) -> dict:
    return {
        "reference": "", "title": _("Fewer paper letters"),
        "description": _("Letters to citizens go to their digital mailbox instead of by post."),
        "is_disbenefit": {"en": "No", "nb": "Nei", "sv": "Nej"}[lang],
        "category": shown_word("category", "cash_releasing", lang),
        "beneficiary": _("The municipality"),
        "cashability": shown_word("cashability", "cash", lang),
        "confidence": shown_word("confidence", "medium", lang), "optimism_adjustment": 10,
        "valuation_method": shown_word("valuation_method", "unit_cost", lang),
        "unit_cost": 25, "units_per_year": 40000,
        "enabling_changes": _("Digital mailbox as the default channel"),
    }


def benefit_allowed(key: str, organisation: Organisation, lang: str) -> str:
    if key in CHOICES:
        return ", ".join(shown_word(key, value, lang) for value in CHOICES[key])
    if key == "is_disbenefit":
        return YES_NO[lang]
    if key == "initiatives":
        return "INI-0001 60; INI-0002 40"
    return ""


def measurement_example(organisation: Organisation, lang: str) -> dict:
    """A measure of the organisation's, if it has one, at the start of the current period."""
    measure = (Measure.objects.filter(organisation=organisation)
               .exclude(benefit__status__in=(Benefit.Status.IDENTIFIED,
                                             Benefit.Status.WITHDRAWN))
               .select_related("benefit").order_by("benefit__number", "order", "pk").first())
    today = timezone.localdate()
    if measure is None:
        return {"benefit": "BEN-0001", "measure": "1",
                "period": calc.period_start(today, "quarterly"), "actual": 120,
                "comment": _("From the case system's monthly report")}
    return {"benefit": measure.benefit.reference, "measure": measure.name,
            "period": calc.period_start(today, measure.frequency), "actual": 120,
            "comment": _("From the case system's monthly report")}


def measurement_allowed(key: str, organisation: Organisation, lang: str) -> str:
    if key == "period":
        return "01.04.2026, 2026-04, 2026-Q2, 2026-H1, 2026"
    return ""
