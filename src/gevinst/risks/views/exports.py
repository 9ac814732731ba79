"""Excel export of the risk register (``risks_export``, risks/export.xlsx).

It honours the risk overview's filters and sort (its query string), reads through
selectors.overview_queryset and costs a fixed number of queries however many risks; the
workbook (sheets Risks and Actions) is built in risks/exports.py. The import of risks and
its template are on the shared import pages (``import_start``, ``import_template?kind=risks``).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.excel import XLSX_TYPE
from gevinst.risks.exports import register_workbook
from gevinst.risks.selectors import overview_queryset


@role_required(READ_PORTFOLIO)
@require_GET
def risks_export(request, org_slug):
    """Every risk and opportunity the overview shows with its filters, in its order, with
    every field, and their actions."""
    org = request.organisation
    risks, _active = overview_queryset(org, request.GET)
    language = (get_language() or "en").split("-")[0]
    response = HttpResponse(register_workbook(org, risks, language), content_type=XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{org.slug}-risks-{stamp}.xlsx"'
    return response


urlpatterns = [
    path("risks/export.xlsx", risks_export, name="risks_export"),
]
