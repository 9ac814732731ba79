"""The downloadable import template: headings in the user's language, an example row and a
second sheet that explains every column and its allowed values."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gevinst.core.models import Organisation
from gevinst.portfolio.imports.headings import (
    CHOICES,
    FIELDS,
    KINDS,
    LANGS,
    heading,
    shown_word,
)
from gevinst.portfolio.models import Phase


def _language() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in LANGS else "en"


def _example(kind: str, organisation: Organisation, lang: str) -> dict:
    today = timezone.localdate()
    if kind == "money":
        return {"reference": "INI-0001", "year": today.year, "kind": shown_word("kind", "budget",
                                                                                  lang),
                "investment": 500000, "operating_cost_change": -120000, "internal_hours": 400,
                "internal_cost": 300000, "external_purchases": 250000}
    return {"reference": "", "title": _("Digital building applications"),
            "problem": _("Applications arrive on paper and take weeks to register."),
            "target_state": _("Citizens apply online and follow their case."),
            "ambition": shown_word("ambition", "transform", lang),
            "is_lighthouse": {"en": "Yes", "nb": "Ja", "sv": "Ja"}[lang],
            "programme": "", "owning_unit": "", "owner": "", "manager": "",
            "phase": shown_word("phase", "planning", lang),
            "status": shown_word("status", "active", lang),
            "start_date": dt.date(today.year, 1, 1), "end_date": dt.date(today.year + 1, 6, 30)}


def _allowed(kind: str, key: str, organisation: Organisation, lang: str) -> str:
    if key == "phase":
        phases = Phase.objects.filter(organisation=organisation).order_by("order")
        return ", ".join(p.custom_name or shown_word("phase", p.key, lang)
                         if p.key in CHOICES["phase"] else str(p) for p in phases)
    if key in ("ambition", "status") or (kind == "money" and key == "kind"):
        return ", ".join(shown_word(key, value, lang) for value in CHOICES[key])
    if key == "is_lighthouse":
        return {"en": "Yes, No", "nb": "Ja, Nei", "sv": "Ja, Nej"}[lang]
    return ""


def template_bytes(kind: str, organisation: Organisation) -> bytes:
    lang = _language()
    fields = FIELDS[kind]
    spec = KINDS.get(kind)  # a kind of another app brings its own example and values
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date_fmt = book.add_format({"num_format": "dd.mm.yyyy"})
    if spec is not None:
        data = book.add_worksheet(str(spec.sheet_name)[:31])
        example = spec.example(organisation, lang)
    else:
        data = book.add_worksheet(_("Money per year")[:31] if kind == "money" else
                                  _("Initiatives")[:31])
        example = _example(kind, organisation, lang)
    for col, f in enumerate(fields):
        data.write_string(0, col, heading(f, lang), bold)
        value = example.get(f.key, "")
        if isinstance(value, dt.date):
            data.write_datetime(1, col, dt.datetime.combine(value, dt.time()), date_fmt)
        elif isinstance(value, int | float):
            data.write_number(1, col, value)
        else:
            data.write_string(1, col, str(value))
        data.set_column(col, col, max(14, len(heading(f, lang)) + 2))
    data.freeze_panes(1, 0)
    info = book.add_worksheet(_("Explanation")[:31])
    for col, title in enumerate([_("Column"), _("Required"), _("What to write"),
                                 _("Allowed values"), _("Other headings recognised")]):
        info.write_string(0, col, title, bold)
    for row, f in enumerate(fields, start=1):
        others = sorted({h for lang_headings in f.headings.values() for h in lang_headings}
                        - {heading(f, lang)})
        info.write_string(row, 0, heading(f, lang), bold)
        info.write_string(row, 1, _("Yes") if f.required else _("No"))
        info.write_string(row, 2, str(f.help), wrap)
        allowed = (spec.allowed(f.key, organisation, lang) if spec is not None
                   else _allowed(kind, f.key, organisation, lang))
        info.write_string(row, 3, allowed, wrap)
        info.write_string(row, 4, ", ".join(others), wrap)
    note_row = len(fields) + 2
    info.write_string(note_row, 0, _("The first row of the first sheet holds the headings; "
                                     "every later row is one record. Delete the example row "
                                     "before importing."), wrap)
    info.set_column(0, 0, 26)
    info.set_column(1, 1, 10)
    info.set_column(2, 2, 60)
    info.set_column(3, 3, 50)
    info.set_column(4, 4, 50)
    book.close()
    return buffer.getvalue()
