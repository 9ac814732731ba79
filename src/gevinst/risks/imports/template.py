"""What the risks import template shows: an example row and the allowed values of each
column (portfolio/imports/template.py writes the workbook)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.models import Organisation
from gevinst.portfolio.models import Initiative
from gevinst.risks.imports.headings import CHOICES, shown_word


def risk_example(organisation: Organisation, lang: str) -> dict:
    """A supplier lock-in risk of the organisation's first initiative (if it has one)."""
    initiative = (Initiative.objects.filter(organisation=organisation).order_by("number")
                  .values_list("reference", flat=True).first())
    today = timezone.localdate()
    return {
        "reference": "", "kind": shown_word("kind", "risk", lang),
        "title": _("Supplier lock-in"),
        "description": _("The case system can only be changed with the supplier's help."),
        "cause": _("One supplier owns the data format."),
        "effect": _("Changing system later becomes slow and expensive."),
        "category": shown_word("category", "supplier", lang),
        "proximity": shown_word("proximity", "near", lang),
        "initiative": initiative or "", "programme": "", "owner": "",
        "status": shown_word("status", "open", lang),
        "probability": 4, "impact": 4, "residual_probability": 3, "residual_impact": 3,
        "strategy": shown_word("strategy", "reduce", lang),
        "next_review": today + dt.timedelta(days=90),
        "actions": _("Negotiate an exit clause; Require data export in a standard format"),
    }


def risk_allowed(key: str, organisation: Organisation, lang: str) -> str:
    if key in CHOICES:
        return ", ".join(shown_word(key, value, lang) for value in CHOICES[key])
    if key in ("probability", "impact", "residual_probability", "residual_impact"):
        return "1, 2, 3, 4, 5"
    return ""
