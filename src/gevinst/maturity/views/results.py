"""The results of a maturity assessment (readers of the portfolio): the page, the same as
PDF and as Excel (aggregates only), and the portfolio office's one click from a
recommendation to an initiative."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gevinst.core.access import role_required
from gevinst.core.excel import XLSX_TYPE
from gevinst.core.pdf import pdf_response, render_pdf
from gevinst.maturity import access
from gevinst.maturity.charts import radar_svg
from gevinst.maturity.exports import results_workbook
from gevinst.maturity.selectors.benchmark import benchmark
from gevinst.maturity.selectors.campaigns import get_campaign, get_recommendation
from gevinst.maturity.selectors.results import campaign_results
from gevinst.maturity.services.recommendations import do_convert_recommendation


def _chart(results, bench, chart_id: str):
    if not results.shown or not results.dimensions:
        return None
    series = [{"label": _("%(reference)s (this assessment)")
               % {"reference": results.campaign.reference},
               "values": [d.mean for d in results.dimensions], "style": "current"}]
    if results.previous is not None:
        series.append({"label": _("%(reference)s (previous assessment)")
                       % {"reference": results.previous.reference},
                       "values": [d.previous for d in results.dimensions],
                       "style": "previous"})
    if bench is not None:
        series.append({"label": _("Median of similar organisations"),
                       "values": [b.median for b in bench.dimensions], "style": "peers"})
    return radar_svg(results.dimension_names, series, chart_id=chart_id,
                     title=_("Maturity per dimension, %(reference)s")
                     % {"reference": results.campaign.reference})


def _context(request, campaign: str, *, chart_id: str) -> dict:
    org = request.organisation
    found = get_campaign(org, campaign)
    results = campaign_results(found)
    bench = benchmark(found, org) if results.shown else None
    return {"campaign": found, "results": results, "benchmark": bench,
            "chart": _chart(results, bench, chart_id),
            "can_convert": access.can_convert(request.membership)}


@role_required(access.READ_RESULTS)
@require_GET
def results(request, org_slug, campaign):
    return render(request, "maturity/results.html",
                  _context(request, campaign, chart_id="maturity-radar"))


@role_required(access.READ_RESULTS)
@require_GET
def results_pdf(request, org_slug, campaign):
    context = _context(request, campaign, chart_id="maturity-radar-pdf")
    context.update(pdf=True, can_convert=False, org=request.organisation)
    pdf = render_pdf("maturity/results_pdf.html", context, request=request)
    found = context["campaign"]
    return pdf_response(f"{found.reference}-{slugify(_('maturity results'))}.pdf", pdf)


@role_required(access.READ_RESULTS)
@require_GET
def results_xlsx(request, org_slug, campaign):
    org = request.organisation
    found = get_campaign(org, campaign)
    response = HttpResponse(results_workbook(campaign_results(found)),
                            content_type=XLSX_TYPE)
    name = f"{org.slug}-{found.reference}-{slugify(_('maturity results'))}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(access.CONVERT_RECOMMENDATIONS)
@require_POST
def recommendation_convert(request, org_slug, campaign, recommendation_id):
    org = request.organisation
    found = get_campaign(org, campaign)
    recommendation = get_recommendation(found, recommendation_id)
    try:
        initiative = do_convert_recommendation(actor=request.user,
                                               recommendation=recommendation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        url = reverse("initiative_detail", kwargs={"org_slug": org.slug,
                                                   "reference": initiative.reference})
        messages.success(request, format_html(
            _("Initiative {reference} made in the phase Idea: {link}."),
            reference=initiative.reference,
            link=format_html('<a class="ds-link" href="{}">{}</a>', url, initiative.title)))
    return redirect(reverse("maturity_results", kwargs={"org_slug": org.slug,
                                                        "campaign": found.reference})
                    + "#recommendations-heading")


urlpatterns = [
    path("maturity/<str:campaign>/results/", results, name="maturity_results"),
    path("maturity/<str:campaign>/results.pdf", results_pdf, name="maturity_results_pdf"),
    path("maturity/<str:campaign>/results.xlsx", results_xlsx, name="maturity_results_xlsx"),
    path("maturity/<str:campaign>/recommendations/<int:recommendation_id>/initiative/",
         recommendation_convert, name="maturity_recommendation_convert"),
]
