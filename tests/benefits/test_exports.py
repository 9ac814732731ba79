"""Excel exports of the benefit register and of measurements: the overview's filters, every
field, text stays text, a fixed number of queries, and other organisations get 404."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from gevinst.benefits.models import Benefit
from gevinst.core.scoping import tenant_scope

pytestmark = pytest.mark.django_db

EXPORT = "/o/fjordby/benefits/export.xlsx"
MEASUREMENTS = "/o/fjordby/benefits/measurements/export.xlsx"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return CalamineWorkbook.from_filelike(io.BytesIO(response.content)) \
        .get_sheet_by_index(0).to_python()


def _rows(sheet) -> list[dict]:
    return [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]


def _add_benefits(org, people, n: int, **fields):
    from gevinst.benefits.services.benefits import do_create_benefit
    from gevinst.portfolio.models import Initiative

    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=2)
        return [do_create_benefit(actor=people["contributor"], organisation=org,
                                  title=fields.pop("title", f"Eksport {i}"),
                                  initiative=initiative, attribution=Decimal("0.5"),
                                  **fields) for i in range(n)]


def test_the_register_has_every_field_links_and_follow_up(client_as):
    rows = _rows(_sheet(client_as("viewer").get(EXPORT)))
    one = next(r for r in rows if r["Reference"] == "BEN-0001")
    assert one["Title"] == "Spart tid i saksbehandling"
    assert one["Initiatives"] == "INI-0001 60; INI-0002 40"
    assert one["Objectives"] == "OBJ-0001"
    assert one["Benefit owner"] == "viewer@fjordby.test"
    assert one["Receiving unit"] == "Helse og velferd"
    assert one["Category"] == "Capacity freed" and one["Valuation method"] == "Time saved"
    assert one["Dis-benefit"] is False
    assert one["Minutes saved per case"] == 12.0 and one["Cases per year"] == 5000.0
    assert one["Enabling changes"] == "Digital søknad\nNye rutiner i tildelingen"
    assert one["Status"] == "In realisation"
    assert one["Hours per year"] == 1000.0  # 12 × 5000 ÷ 60
    assert one["Last measured period"] == dt.date(2026, 1, 1)


def test_a_formula_like_title_is_exported_as_text(client_as, org, people):
    _add_benefits(org, people, 1, title=FORMULA)
    response = client_as("viewer").get(EXPORT)
    rows = _rows(_sheet(response))
    assert FORMULA in [r["Title"] for r in rows]
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet_xml = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet_xml and "HYPERLINK" not in sheet_xml
    assert "HYPERLINK" in strings  # a shared string: text, not a formula


def test_the_export_honours_the_overviews_filters_and_sort(client_as, org, people):
    _add_benefits(org, people, 2, category="environment")
    client = client_as("viewer")
    env = _rows(_sheet(client.get(EXPORT + "?category=environment&sort=reference")))
    assert [r["Category"] for r in env] == ["Environment", "Environment"]
    assert env[0]["Reference"] < env[1]["Reference"]
    mine = _rows(_sheet(client.get(EXPORT + "?owner=me")))  # the viewer owns BEN-0001
    assert [r["Reference"] for r in mine] == ["BEN-0001"]
    found = _rows(_sheet(client.get(EXPORT + "?q=spart")))
    assert [r["Reference"] for r in found] == ["BEN-0001"]


def test_the_register_export_costs_a_fixed_number_of_queries(client_as, org, people,
                                                             django_assert_max_num_queries):
    client = client_as("viewer")
    _add_benefits(org, people, 3)
    with django_assert_max_num_queries(12) as few:
        client.get(EXPORT)
    _add_benefits(org, people, 30, realising_units=[], objectives=[])
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = _rows(_sheet(client.get(EXPORT)))
    assert len(rows) == 34


def test_measurements_one_row_per_measure_and_period_with_the_plan(client_as):
    rows = _rows(_sheet(client_as("viewer").get(MEASUREMENTS)))
    assert len(rows) == 1
    row = rows[0]
    assert (row["Benefit"], row["Measure"], row["Unit"]) == ("BEN-0001", "Spart tid", "timer")
    assert row["Period"] == dt.date(2026, 1, 1)
    assert (row["Planned"], row["Actual"]) == (175.0, 190.0)
    assert row["Achievement (%)"] == 30.0  # (190 − 100) ÷ (400 − 100)
    assert row["Recorded by"] == "Contributor Fjordby"
    assert row["Verified by"] == row["Forecast"] == row["Comment"] == ""  # empty cells


def test_measurements_follow_the_filters_and_cost_a_fixed_number_of_queries(
        client_as, org, people, django_assert_max_num_queries):
    from gevinst.benefits.services.benefits import do_change_benefit_status
    from gevinst.benefits.services.measures import do_create_measure, do_record_measurements

    client = client_as("viewer")
    with django_assert_max_num_queries(10) as few:
        client.get(MEASUREMENTS)
    with tenant_scope(org):
        benefit = _add_benefits(org, people, 1, category="environment",
                                title=FORMULA)[0]
        measure = do_create_measure(actor=people["contributor"], benefit=benefit,
                                    name="CO2", unit="tonn", frequency="monthly")
        do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="profiled")
        do_record_measurements(actor=people["contributor"], entries=[
            {"measure": measure, "period": dt.date(2026, m, 1), "data": {"actual": m}}
            for m in range(1, 13)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = _rows(_sheet(client.get(MEASUREMENTS)))
    assert len(rows) == 13
    env = _rows(_sheet(client.get(MEASUREMENTS + "?category=environment")))
    assert [r["Period"] for r in env] == [dt.date(2026, m, 1) for m in range(1, 13)]
    assert {r["Benefit title"] for r in env} == {FORMULA}  # text, as in the register


@pytest.mark.parametrize("path", [EXPORT, MEASUREMENTS])
def test_employees_may_not_export_and_other_organisations_get_404(client_as, path):
    assert client_as("employee").get(path).status_code == 403
    assert client_as("viewer", "asdal").get(path).status_code == 404
    assert client_as("admin", "asdal").get(path).status_code == 404


def test_an_exported_register_imports_again_as_new_benefits(client_as, org):
    """The export's headings and values are what the import reads (references left out:
    the import only adds)."""
    from gevinst.portfolio.imports.parsing import read_sheet
    from gevinst.portfolio.services.imports import do_import_sheet
    from tests.portfolio.importbooks import workbook

    sheet = _sheet(client_as("pmo").get(EXPORT))
    headers, rows = sheet[0][1:], [row[1:] for row in sheet[1:]]
    with tenant_scope(org):
        # BEN-0001 is shared 60/40 by INI-0001 and INI-0002: a copy may take the same.
        result = do_import_sheet(actor=None, organisation=org, kind="benefits",
                                 sheet=read_sheet(workbook(headers, rows)))
        copy = Benefit.objects.get(organisation=org, reference=result.created[0])
        assert copy.title == "Spart tid i saksbehandling"
        assert copy.owner.email == "viewer@fjordby.test"
        assert copy.minutes_per_case == Decimal("12.00")
        assert sorted((link.initiative.reference, link.attribution)
                      for link in copy.links.all()) == [("INI-0001", Decimal("60.00")),
                                                        ("INI-0002", Decimal("40.00"))]
