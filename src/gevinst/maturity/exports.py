"""The results of a maturity assessment to Excel: aggregates only, never an answer.

Three sheets: **Dimensions** (each dimension and the overall score: mean, band, median,
quartiles, respondents scored, change since the previous assessment), **Units** (the
reporting groups of five or more) and **Recommendations**. Built from the results view
model (selectors/results.py), so the workbook holds exactly what the page shows; every text
is written as text (core/excel.py), never as a formula.
"""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gevinst.core.excel import WORKBOOK_OPTIONS, write_sheet
from gevinst.maturity.selectors.results import CampaignResults


def _round(value, digits: int = 1):
    return round(float(value), digits) if value is not None else None


def dimension_headers() -> list[str]:
    return [pgettext("maturity", "Dimension"), _("Score"), _("Level"), _("Median"),
            _("Lower quartile"), _("Upper quartile"), _("Respondents scored"),
            _("Change since the previous")]


def unit_headers(results: CampaignResults) -> list[str]:
    return [_("Unit"), _("Respondents"), _("Invited"), _("Response rate (%)"),
            _("Overall score"), *results.dimension_names]


def recommendation_headers() -> list[str]:
    return [_("Rank"), pgettext("maturity", "Dimension"), _("Score"), _("Level now"),
            _("Next level"), _("Recommended action"), _("Initiative")]


def results_workbook(results: CampaignResults) -> bytes:
    rows = [*results.dimensions, *([results.overall] if results.overall else [])]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    formats = {"bold": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
               "date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"})}
    write_sheet(book, formats, _("Dimensions"), dimension_headers(), (
        [s.name, _round(s.mean), s.band or None, _round(s.median), _round(s.q1),
         _round(s.q3), s.n, _round(s.change)] for s in rows))
    write_sheet(book, formats, _("Units"), unit_headers(results), (
        [g.name, g.respondents, g.invited,
         _round(100 * g.response_rate) if g.response_rate is not None else None,
         _round(g.overall), *[_round(v) for v in g.dimensions]] for g in results.groups))
    write_sheet(book, formats, _("Recommendations"), recommendation_headers(), (
        [r.rank, r.dimension, _round(r.score), r.current, r.target, r.action,
         r.initiative_reference] for r in results.recommendations))
    book.close()
    return buffer.getvalue()
