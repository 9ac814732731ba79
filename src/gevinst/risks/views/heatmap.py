"""The heat map page of the organisation, and the heat map context that the initiative's and
the programme's risk pages embed (risks/_heatmap.html)."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.risks.selectors.heatmap import BASES, KINDS, heat_map


def _switch(query: QueryDict, key: str, options: list[tuple[str, str]], current: str
            ) -> list[dict]:
    """Links that switch one parameter of the heat map and keep the others."""
    out = []
    for value, label in options:
        params = query.copy()
        params[key] = value
        out.append({"value": value, "label": label, "current": value == current,
                    "href": f"?{params.urlencode()}#heatmap"})
    return out


def heatmap_context(request, *, initiative=None, programme=None) -> dict:
    """What risks/_heatmap.html needs: the map for ``?kind=`` and ``?basis=`` (risks after
    action by default), the switches, and the overview link of a cell's full list."""
    org = request.organisation
    kind = request.GET.get("kind", "risk")
    basis = request.GET.get("basis", "residual")
    kind = kind if kind in KINDS else "risk"
    basis = basis if basis in BASES else "residual"
    heatmap = heat_map(org, kind=kind, basis=basis, initiative=initiative, programme=programme)
    query = request.GET.copy()
    query.pop("page", None)
    overview = QueryDict(mutable=True)
    overview.update({"kind": kind, "basis": basis, "status": "open"})
    if initiative is not None:
        overview["initiative"] = initiative.reference
    elif programme is not None:
        overview["programme"] = programme.reference
    return {
        "heatmap": heatmap,
        "heatmap_kinds": _switch(query, "kind", [("risk", _("Risks")),
                                                 ("opportunity", _("Opportunities"))], kind),
        "heatmap_bases": _switch(query, "basis", [("residual", _("After action")),
                                                  ("inherent", _("Before action"))], basis),
        "heatmap_risk_base": reverse("risk_overview", kwargs={"org_slug": org.slug}),
        "heatmap_overview": (reverse("risk_overview", kwargs={"org_slug": org.slug})
                             + "?" + overview.urlencode()),
    }


@role_required(READ_PORTFOLIO)
@require_GET
def risk_heatmap(request, org_slug):
    """The organisation's heat map: every open risk (or opportunity) of every level."""
    return render(request, "risks/heatmap.html", heatmap_context(request))


urlpatterns = [
    path("risks/heatmap/", risk_heatmap, name="risk_heatmap"),
]
