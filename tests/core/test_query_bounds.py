"""Every page and read endpoint of objectives and risks costs the same number of queries
however much data the organisation has: measured on the test world, then again after more
risks, actions, objectives, KPIs, measurements, links and benefits were added."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.benefits.services.benefits import do_create_benefit
from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective
from gevinst.objectives.services import (
    do_create_kpi,
    do_create_objective,
    do_link_initiative_objectives,
    do_record_kpi_measurement,
)
from gevinst.portfolio.models import Initiative, Programme
from gevinst.risks.models import Risk, RiskAction
from gevinst.risks.services import do_add_action, do_create_risk

# An absolute ceiling for any of these pages (the real check is that it does not grow).
CEILING = 30


def _web(org):
    kpi = Kpi.objects.get(organisation=org, reference="KPI-0001")
    measurement = KpiMeasurement.objects.filter(kpi=kpi).order_by("pk").first()
    action = RiskAction.objects.filter(organisation=org).order_by("pk").first()
    o = f"/o/{org.slug}"
    return [
        f"{o}/objectives/", f"{o}/objectives/?q=tid", f"{o}/objectives/new/",
        f"{o}/objectives/OBJ-0001/", f"{o}/objectives/OBJ-0001/edit/",
        f"{o}/objectives/OBJ-0001/history/", f"{o}/objectives/OBJ-0001/kpis/new/",
        f"{o}/objectives/OBJ-0001/kpis/KPI-0001/",
        f"{o}/objectives/OBJ-0001/kpis/KPI-0001/edit/",
        f"{o}/objectives/OBJ-0001/kpis/KPI-0001/measurements/{measurement.pk}/",
        f"{o}/objectives/export.xlsx",
        f"{o}/risks/", f"{o}/risks/?appetite=above&sort=-residual", f"{o}/risks/new/",
        f"{o}/risks/heatmap/", f"{o}/risks/heatmap/?kind=opportunity&basis=inherent",
        f"{o}/risks/due/", f"{o}/risks/appetite/", f"{o}/risks/export.xlsx",
        f"{o}/risks/RSK-0001/", f"{o}/risks/RSK-0001/edit/", f"{o}/risks/RSK-0001/history/",
        f"{o}/risks/RSK-0001/actions/new/", f"{o}/risks/RSK-0001/actions/{action.pk}/",
        f"{o}/initiatives/INI-0001/risks/", f"{o}/programmes/PRG-0001/risks/",
    ]


def _api(org):
    a = f"/api/v1/o/{org.slug}"
    return [
        f"{a}/risks/", f"{a}/risks/?appetite=above", f"{a}/risks/RSK-0001/",
        f"{a}/risks/RSK-0001/actions/", f"{a}/risks/heatmap", f"{a}/risk-appetite",
        f"{a}/initiatives/INI-0001/risk-suggestion",
        f"{a}/objectives/", f"{a}/objectives/OBJ-0001", f"{a}/objectives/OBJ-0001/kpis",
        f"{a}/kpis/KPI-0001", f"{a}/kpis/KPI-0001/measurements",
    ]


def _opportunity(org, people, title):
    do_create_risk(actor=people["pmo"], organisation=org, data={
        "kind": "opportunity", "strategy": "exploit", "title": title,
        "probability": 3, "impact": 4})


def _grow(org, people):
    """More of everything the pages list: risks with actions at every level, objectives with
    KPIs and measurements, initiatives and benefits linked to OBJ-0001."""
    pmo = people["pmo"]
    first = Initiative.objects.get(organisation=org, number=1)
    second = Initiative.objects.get(organisation=org, number=2)
    programme = Programme.objects.get(organisation=org, number=1)
    for n, where in enumerate([{"initiative": first}] * 3 + [{"programme": programme}]
                              + [{}] * 3):
        risk = do_create_risk(actor=pmo, organisation=org, data={
            "title": f"Risiko {n}", "category": ["supplier", "people", "security"][n % 3],
            "probability": 1 + n % 5, "impact": 5 - n % 5, "owner": people["contributor"],
            "next_review": dt.date(2026, 1, 1) + dt.timedelta(days=30 * n), **where})
        for m in range(2):
            do_add_action(actor=pmo, risk=risk, description=f"Handling {n}.{m}",
                          owner=people["viewer"], due_date=dt.date(2026, 3, 1))
    _opportunity(org, people, "Mulighet")
    top = Objective.objects.get(organisation=org, number=1)
    for n in range(2):
        child = do_create_objective(actor=pmo, organisation=org, title=f"Delmål {n}",
                                    parent=top, owner=people["viewer"])
        kpi = do_create_kpi(actor=pmo, objective=child, name=f"KPI {n}", unit="%",
                            direction="decrease", baseline_value=Decimal("50"),
                            baseline_date=dt.date(2026, 1, 1), target_value=Decimal("10"),
                            target_date=dt.date(2027, 12, 31))
        for month in (2, 4, 6):
            do_record_kpi_measurement(actor=pmo, kpi=kpi, measured_on=dt.date(2026, month, 1),
                                      value=Decimal(45 - month))
    share = Kpi.objects.get(organisation=org, reference="KPI-0001")
    for month in (1, 2, 3, 4, 5):
        do_record_kpi_measurement(actor=pmo, kpi=share, measured_on=dt.date(2026, month, 15),
                                  value=Decimal(20 + month))
    do_link_initiative_objectives(actor=pmo, initiative=second, objectives=[top])
    for n in range(3):
        do_create_benefit(actor=people["contributor"], organisation=org, title=f"Gevinst {n}",
                          objectives=[top], initiative=second, attribution=10)


def _counts(get, paths, django_assert_max_num_queries):
    counts = {}
    for path in paths:
        with django_assert_max_num_queries(CEILING) as captured:
            response = get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(captured.captured_queries)
    return counts


@pytest.mark.parametrize("kind", ["web", "api"])
def test_pages_cost_the_same_queries_with_more_data(kind, org, people, client_as, api,
                                                    django_assert_max_num_queries):
    with tenant_scope(org):  # an empty map skips listing its cells: start with one
        _opportunity(org, people, "Felles innkjøp")
    if kind == "web":
        client = client_as("admin")
        with tenant_scope(org):
            paths = _web(org)
        get = client.get
    else:
        call = api("admin")
        get, paths = (lambda path: call("get", path)), _api(org)
    before = _counts(get, paths, django_assert_max_num_queries)
    with tenant_scope(org):
        _grow(org, people)
        assert Risk.objects.filter(organisation=org).count() >= 10
    after = _counts(get, paths, django_assert_max_num_queries)
    grew = {p: (before[p], after[p]) for p in paths if after[p] > before[p]}
    assert grew == {}, f"queries grew with the data (before, after): {grew}"
