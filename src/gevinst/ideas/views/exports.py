"""Excel export of ideas from staff (``idea_export``, ideas/export.xlsx).

It honours the idea board's filters and sort (its query string: sort, unit, status, q) and
costs a fixed number of queries however many ideas; the workbook (sheets Ideas, Scores and
Answers) is built in ideas/exports.py. For those who read the portfolio
(``access.can_export``); ideas hidden by a moderator only for the moderators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from gevinst.core.excel import XLSX_TYPE
from gevinst.ideas import access
from gevinst.ideas.exports import export_queryset, ideas_workbook


@require_GET
def idea_export(request, org_slug):
    """Every idea the board shows with its filters, in its order, with their ratings and
    official answers."""
    if not access.can_export(request.membership):
        raise PermissionDenied
    org = request.organisation
    ideas = export_queryset(org, request.membership, request.GET)
    response = HttpResponse(ideas_workbook(org, ideas), content_type=XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{org.slug}-ideas-{stamp}.xlsx"'
    return response


urlpatterns = [
    path("ideas/export.xlsx", idea_export, name="idea_export"),
]
