"""Excel exports of benefits realisation: the benefit register and the measurements.

Both honour the benefits overview's filters and sort (its query string, ``owner=me``
included), read through selectors.register.benefit_overview, and cost a fixed number of
queries however many rows. Texts are written as text (core/excel.py): a title such as
``=HYPERLINK(...)`` stays text in Excel. The register's columns carry the import's headings
in the user's language and values it reads back (owner by email, initiatives as
``INI-0001 60; INI-0002 40``), so that an export edited in Excel can be imported (as new
benefits, without their references). Imports of benefits and measurements, and their
templates, are on the shared import pages (``import_start``, ``import_template?kind=``).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.benefits import calc
from gevinst.benefits.imports.headings import BENEFIT_FIELDS
from gevinst.benefits.models import Benefit, BenefitInitiative, Health, Measurement, PlannedValue
from gevinst.benefits.selectors.register import FILTER_KEYS, benefit_overview
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.excel import xlsx_response
from gevinst.portfolio.imports.headings import heading

ME = "me"
# The register's columns that the import reads back, in the import's order.
IMPORTED = ("title", "description", "is_disbenefit", "category", "beneficiary", "cashability",
            "owner", "owner_unit", "realising_units", "initiatives", "objectives",
            "enabling_changes", "preconditions", "confidence", "optimism_adjustment",
            "valuation_method", "minutes_per_case", "cases_per_year", "unit_cost",
            "units_per_year", "contract_cost_before", "contract_cost_after")
NUMBERS = ("optimism_adjustment", "minutes_per_case", "cases_per_year", "unit_cost",
           "units_per_year", "contract_cost_before", "contract_cost_after")


def _params(request) -> dict:
    """The overview's filters and sort from the query string (``owner=me`` → the user)."""
    params = {key: request.GET.get(key, "") for key in (*FILTER_KEYS, "sort")}
    if params["owner"] == ME:
        params["owner"] = str(request.user.pk)
    return params


def _number(value) -> float | None:
    return None if value is None else float(value)


def _share(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _benefits(org, params) -> QuerySet[Benefit]:
    queryset, _active = benefit_overview(org, params)
    links = (BenefitInitiative.objects.filter(organisation=org)
             .select_related("initiative").only("id", "benefit_id", "attribution",
                                                "initiative__reference",
                                                "initiative__number")
             .order_by("initiative__number"))
    return (queryset.defer(None)
            .select_related("owner", "owner_unit")
            .prefetch_related("realising_units", "objectives",
                              Prefetch("links", queryset=links, to_attr="export_links")))


def _benefit_row(b: Benefit, labels: dict, tz) -> list:
    values = {
        "title": b.title, "description": b.description, "is_disbenefit": b.is_disbenefit,
        "category": labels["category"][b.category], "beneficiary": b.beneficiary,
        "cashability": labels["cashability"][b.cashability],
        "owner": b.owner.email if b.owner else None,
        "owner_unit": b.owner_unit.name if b.owner_unit else None,
        "realising_units": "; ".join(sorted(u.name for u in b.realising_units.all())),
        "initiatives": "; ".join(f"{link.initiative.reference} {_share(link.attribution)}"
                                 for link in b.export_links),
        "objectives": "; ".join(o.reference for o in
                                sorted(b.objectives.all(), key=lambda o: o.number)),
        "enabling_changes": b.enabling_changes, "preconditions": b.preconditions,
        "confidence": labels["confidence"][b.confidence],
        "valuation_method": labels["valuation"][b.valuation_method],
        **{name: _number(getattr(b, name)) for name in NUMBERS},
    }
    return [
        b.reference, *[values[key] for key in IMPORTED],
        str(b.owner) if b.owner else None,
        labels["status"][b.status], labels["health"][b.health], _number(b.achievement),
        b.next_due, b.last_measured, float(b.annual_value), float(b.annual_hours),
        b.handed_over_on, b.updated_at.astimezone(tz).replace(tzinfo=None),
    ]


@role_required(READ_PORTFOLIO)
@require_GET
def benefit_export(request, org_slug):
    """The benefit register to Excel: every benefit the overview shows with its filters, in
    its order, with every field, its links and its follow-up state."""
    org = request.organisation
    lang = _language()
    fields = {f.key: f for f in BENEFIT_FIELDS}
    headers = [
        _("Reference"), *[heading(fields[key], lang) for key in IMPORTED],
        _("Owner's name"), _("Status"), _("Follow-up status"), _("Achievement (%)"),
        _("Next measurement due"), _("Last measured period"),
        f"{_('Yearly value at full realisation')} ({org.currency})", _("Hours per year"),
        _("Handed over on"), _("Updated"),
    ]
    labels = {
        "category": {k: str(v) for k, v in Benefit.Category.choices},
        "cashability": {k: str(v) for k, v in Benefit.Cashability.choices},
        "confidence": {k: str(v) for k, v in Benefit.Confidence.choices},
        "valuation": {k: str(v) for k, v in Benefit.Valuation.choices},
        "status": {k: str(v) for k, v in Benefit.Status.choices},
        "health": {k: str(v) for k, v in Health.choices},
    }
    tz = timezone.get_current_timezone()
    rows = (_benefit_row(b, labels, tz)
            for b in _benefits(org, _params(request)).iterator(chunk_size=2000))
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"{org.slug}-benefits-{stamp}.xlsx", _("Benefits"), headers, rows)


@role_required(READ_PORTFOLIO)
@require_GET
def measurement_export(request, org_slug):
    """Every measurement of the benefits the overview shows with its filters: one row per
    measure and period with the value planned for that period (the planned trajectory in
    force then), the actual, the forecast and its achievement."""
    org = request.organisation
    queryset, _active = benefit_overview(org, _params(request))
    ids = queryset.order_by().values("pk")
    plans: dict[int, dict] = {}
    for measure_id, period, value in (PlannedValue.objects
                                      .filter(organisation=org, measure__benefit_id__in=ids)
                                      .values_list("measure_id", "period", "value")):
        plans.setdefault(measure_id, {})[period] = value
    measurements = (Measurement.objects.filter(organisation=org, measure__benefit_id__in=ids)
                    .select_related("measure", "measure__benefit", "recorded_by",
                                    "verified_by")
                    .only("id", "period", "actual", "forecast", "achievement", "comment",
                          "evidence", "verified_at", "measure__id", "measure__name",
                          "measure__unit", "measure__order", "measure__benefit__id",
                          "measure__benefit__number", "measure__benefit__reference",
                          "measure__benefit__title", "recorded_by__email",
                          "recorded_by__full_name", "verified_by__email",
                          "verified_by__full_name")
                    .order_by("measure__benefit__number", "measure__order", "measure_id",
                              "period"))
    headers = [_("Benefit"), _("Benefit title"), _("Measure"), _("Unit"), _("Period"),
               _("Planned"), pgettext("measurement", "Actual"), _("Forecast"),
               _("Achievement (%)"), _("Comment"), _("Evidence"), _("Recorded by"),
               _("Verified by")]

    def row(m: Measurement) -> list:
        measure = m.measure
        planned = calc.planned_for(plans.get(measure.pk, {}), m.period)
        return [measure.benefit.reference, measure.benefit.title, measure.name, measure.unit,
                m.period, _number(planned), _number(m.actual), _number(m.forecast),
                _number(m.achievement), m.comment, m.evidence,
                str(m.recorded_by) if m.recorded_by else None,
                str(m.verified_by) if m.verified_by else None]

    rows = (row(m) for m in measurements.iterator(chunk_size=2000))
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"{org.slug}-measurements-{stamp}.xlsx", _("Measurements"), headers,
                         rows)


urlpatterns = [
    path("benefits/export.xlsx", benefit_export, name="benefit_export"),
    path("benefits/measurements/export.xlsx", measurement_export, name="measurement_export"),
]
