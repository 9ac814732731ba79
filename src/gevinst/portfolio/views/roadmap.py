"""The roadmap: a timeline of initiatives (start → end, coloured by phase, a today marker),
as an HTML table whose rows carry the dates and phase as text; light enough for hundreds of
rows (one query for a page of rows, strings built in Python)."""

from __future__ import annotations

import datetime as dt
from html import escape

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core import charts
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.paging import CountedPaginator
from gevinst.portfolio import listing
from gevinst.portfolio.models import Initiative
from gevinst.portfolio.selectors import initiatives as selectors
from gevinst.portfolio.selectors.roadmap import Window, roadmap_rows
from gevinst.portfolio.views.initiatives import _filter_from

PAGE_SIZE = 100
COLUMNS = 6


def phase_colours(phases) -> dict[int, str]:
    return {p.pk: charts.PALETTE[i % len(charts.PALETTE)] for i, p in enumerate(phases)}


def _bar(row, window: Window, colour: str) -> str:
    start, end = row.start_date, row.end_date
    if start is None and end is None:
        return ""
    if (end is not None and end < window.start) or (start is not None and start > window.end):
        return ""
    left = window.position(start) if start else 0.0
    # The end date is the bar's last day: the bar runs to the end of it.
    right = window.position(end + dt.timedelta(days=1)) if end else 100.0
    attrs = ""
    if start is None or start < window.start:
        attrs += " data-open-start"
    if end is None or end > window.end:
        attrs += " data-open-end"
    return (f'<span class="gv-rm-bar"{attrs} style="left:{left:.2f}%;'
            f'width:{max(right - left, 0.3):.2f}%;--gv-phase:{colour}"></span>')


def rows_html(organisation, rows, phases, window: Window, today, by_programme: bool) -> str:
    """Rows (and, grouped, a <tbody> per programme) as escaped HTML strings."""
    base = escape(reverse("initiative_list", kwargs={"org_slug": organisation.slug}))
    names = {p.pk: escape(str(p)) for p in phases}
    colours = phase_colours(phases)
    statuses = {v: escape(str(label)) for v, label in Initiative.Status.choices}
    today_at = (f'<span class="gv-rm-today" style="left:{window.position(today):.2f}%">'
                "</span>") if window.start <= today <= window.end else ""
    year = f"--gv-year:{100 / window.years:.4f}%"
    no_programme = escape(_("No programme"))
    out, group = [], object()
    for r in rows:
        if by_programme and r.programme_id != group:
            if out:
                out.append("</tbody>")
            group = r.programme_id
            label = escape(r.programme__name) if r.programme_id else no_programme
            out.append(f'<tbody><tr><th scope="rowgroup" colspan="{COLUMNS}" '
                       f'class="gv-rm-group">{label}</th></tr>')
        ref = escape(r.reference)
        status = "" if r.status == "active" else (
            f' <span class="gv-muted">({statuses.get(r.status, "")})</span>')
        out.append(
            f'<tr><td><a class="ds-link" href="{base}{ref}/">{ref}</a></td>'
            f"<td>{escape(r.title)}</td>"
            f"<td>{names.get(r.phase_id, '')}{status}</td>"
            f"<td>{r.start_date.isoformat() if r.start_date else '—'}</td>"
            f"<td>{r.end_date.isoformat() if r.end_date else '—'}</td>"
            f'<td><div class="gv-rm-track" aria-hidden="true" style="{year}">'
            f"{_bar(r, window, colours.get(r.phase_id, '#555'))}{today_at}</div></td></tr>")
    if by_programme and out:
        out.append("</tbody>")
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


@role_required(READ_PORTFOLIO)
@require_GET
def roadmap(request, org_slug):
    org = request.organisation
    f = _filter_from(request)
    by_programme = request.GET.get("group") == "programme"
    today = timezone.localdate()
    window = Window.around(today, request.GET.get("from"), request.GET.get("years"))
    phases = list(selectors.phases(org))
    paginator = CountedPaginator(roadmap_rows(org, f, by_programme=by_programme), PAGE_SIZE,
                                 count_queryset=selectors.initiative_count_query(org, f))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    selects = [s for s in listing.filters(f, phases, selectors.unit_options(org),
                                          selectors.programmes(org))
               if s["name"] in ("programme", "phase", "unit", "status")]
    years = [{"year": window.first + i, "left": f"{100 * i / window.years:.4f}"}
             for i in range(window.years)]
    colours = phase_colours(phases)
    return render(request, "portfolio/roadmap.html", {
        "page": page, "query": query.urlencode(), "filters": selects,
        "rows": rows_html(org, page.object_list, phases, window, today, by_programme),
        "window": window, "years": years, "today": today, "by_programme": by_programme,
        "year_options": range(today.year - 5, today.year + 6),
        "years_options": range(1, 11),
        "legend": [{"name": str(p), "colour": colours[p.pk]} for p in phases],
        "today_at": (f"{window.position(today):.2f}"
                     if window.start <= today <= window.end else None),
    })
