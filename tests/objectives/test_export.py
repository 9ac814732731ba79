"""Excel export of objectives: three sheets (objectives, KPIs, KPI measurements) with the
page's numbers, text stays text, a fixed number of queries, and other organisations get 404.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from python_calamine import CalamineWorkbook

from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Objective
from gevinst.objectives.services import (
    do_create_kpi,
    do_create_objective,
    do_record_kpi_measurement,
)
from tests.conftest import person

EXPORT = "/o/fjordby/objectives/export.xlsx"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _book(response) -> CalamineWorkbook:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="fjordby-objectives-')
    return CalamineWorkbook.from_filelike(io.BytesIO(response.content))


def _rows(book, name) -> list[dict]:
    sheet = book.get_sheet_by_name(name).to_python()
    return [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]


def test_three_sheets_with_the_objectives_kpis_and_measurements(client_as):
    book = _book(client_as("viewer").get(EXPORT))
    assert book.sheet_names == ["Objectives", "KPIs", "KPI measurements"]
    [objective] = _rows(book, "Objectives")
    assert objective["Reference"] == "OBJ-0001"
    assert objective["Title"] == "Mer tid til kjerneoppgaver"
    assert objective["KPIs"] == 1 and objective["Health"] == "On track"
    assert objective["Initiatives"] == 1 and objective["Benefits"] == 1
    assert objective["Yearly value of the contributing benefits (NOK)"] == 750000.0
    assert objective["Benefits slipping"] == 1 and objective["Off track"] is True
    [kpi] = _rows(book, "KPIs")
    assert (kpi["Objective"], kpi["Reference"], kpi["Unit"]) == ("OBJ-0001", "KPI-0001", "%")
    assert kpi["Direction"] == "Higher is better"
    assert (kpi["Baseline"], kpi["Target"], kpi["Latest value"]) == (20.0, 80.0, 35.0)
    assert kpi["Baseline date"] == dt.date(2026, 1, 1)
    assert kpi["Latest measured on"] == dt.date(2026, 6, 30)
    assert kpi["Achievement (%)"] == 25.0
    assert kpi["Expected achievement on that day (%)"] == 24.7
    [row] = _rows(book, "KPI measurements")
    assert (row["KPI"], row["Date"], row["Value"]) == ("KPI-0001", dt.date(2026, 6, 30),
                                                       35.0)
    assert row["Expected value"] == 34.8148  # 20 + 60 × 180 / 729
    assert row["Health"] == "On track" and row["Recorded by"] == "pmo@fjordby.test"


def test_text_that_looks_like_a_formula_stays_text(client_as, org):
    with tenant_scope(org):
        objective = do_create_objective(actor=person("pmo"), organisation=org, title=FORMULA)
        kpi = do_create_kpi(actor=person("pmo"), objective=objective, name=FORMULA,
                            baseline_value=Decimal(0), baseline_date=dt.date(2026, 1, 1),
                            target_value=Decimal(1), target_date=dt.date(2026, 12, 31))
        do_record_kpi_measurement(actor=person("pmo"), kpi=kpi,
                                  measured_on=dt.date(2026, 3, 1), value=Decimal(0),
                                  comment=FORMULA)
    response = client_as("viewer").get(EXPORT)
    book = _book(response)
    assert FORMULA in [r["Title"] for r in _rows(book, "Objectives")]
    assert FORMULA in [r["Name"] for r in _rows(book, "KPIs")]
    assert FORMULA in [r["Comment"] for r in _rows(book, "KPI measurements")]
    import zipfile

    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist()
                         if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets


def test_export_costs_a_fixed_number_of_queries(client_as, org,
                                                django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(EXPORT)
    with tenant_scope(org):
        top = Objective.objects.get(organisation=org, number=1)
        for i in range(5):
            objective = do_create_objective(actor=person("pmo"), organisation=org,
                                            title=f"Mål {i}", parent=top)
            kpi = do_create_kpi(actor=person("pmo"), objective=objective, name=f"KPI {i}",
                                baseline_value=Decimal(0), baseline_date=dt.date(2026, 1, 1),
                                target_value=Decimal(10), target_date=dt.date(2026, 12, 31))
            for month in (2, 5):
                do_record_kpi_measurement(actor=person("pmo"), kpi=kpi,
                                          measured_on=dt.date(2026, month, 1),
                                          value=Decimal(month))
    with django_assert_max_num_queries(12):
        book = _book(client.get(EXPORT))
    assert len(_rows(book, "Objectives")) == 6
    assert len(_rows(book, "KPI measurements")) == 11


def test_other_organisation_gets_404(client_as):
    assert client_as("viewer", "asdal").get(EXPORT).status_code == 404
