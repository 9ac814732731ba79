"""Excel export of the risk register: every field (scores, appetite, acceptance,
escalation) on the Risks sheet, the actions on their own, the overview's filters, text
stays text, a fixed number of queries, and other organisations get 404."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative
from gevinst.risks.models import Risk
from gevinst.risks.services import (
    do_accept_risk,
    do_add_action,
    do_create_risk,
    do_escalate_risk,
)
from tests.conftest import person

pytestmark = pytest.mark.django_db

EXPORT = "/o/fjordby/risks/export.xlsx"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _book(response) -> CalamineWorkbook:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "fjordby-risks-" in response["Content-Disposition"]
    return CalamineWorkbook.from_filelike(io.BytesIO(response.content))


def _rows(book, name: str) -> list[dict]:
    sheet = book.get_sheet_by_name(name).to_python()
    return [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]


def _risk(org, title="Eksportert risiko", **data):
    with tenant_scope(org):
        return do_create_risk(actor=person("pmo"), organisation=org, data={
            "title": title, "probability": 2, "impact": 2, **data})


def test_every_field_of_every_risk_with_scores_appetite_and_acceptance(client_as, org):
    with tenant_scope(org):
        big = Risk.objects.get(organisation=org, reference="RSK-0002")
        do_accept_risk(actor=person("pmo"), risk=big, decision="Vi lever med det i 2027.")
        first = Risk.objects.get(organisation=org, reference="RSK-0001")
        do_escalate_risk(actor=person("pmo"), risk=first, level="programme",
                         reason="Gjelder hele programmet.")
    book = _book(client_as("viewer").get(EXPORT))
    assert book.sheet_names == ["Risks", "Actions"]
    rows = {r["Reference"]: r for r in _rows(book, "Risks")}
    assert set(rows) == {"RSK-0001", "RSK-0002"}
    one = rows["RSK-0001"]
    assert (one["Type"], one["Title"], one["Category"], one["Proximity"]) == (
        "Risk", "Innlåsing hos leverandør", "Supplier and market", "In 3 to 12 months")
    assert (one["Cause"], one["Effect"]) == ("Én leverandør eier dataformatet.",
                                             "Dyrt å bytte system.")
    assert (one["Initiative"], one["Programme"], one["Risk owner"]) == (
        "INI-0001", "PRG-0001", "contributor@fjordby.test")
    assert (one["Probability"], one["Impact"], one["Probability after action"],
            one["Impact after action"]) == (4.0, 4.0, 3.0, 3.0)
    assert (one["Score"], one["Score after action"]) == (16.0, 9.0)
    assert one["Highest acceptable score (risk appetite)"] == 12.0
    assert (one["Above risk appetite"], one["Needs a decision"]) == (False, False)
    assert (one["Strategy"], one["Status"], one["Next review"]) == (
        "Reduce", "Open", dt.date(2026, 10, 1))
    assert (one["Level"], one["Escalated on"] != "", one["Reason for escalation"]) == (
        "Programme", True, "Gjelder hele programmet.")
    assert one["Open actions"] == 1.0
    two = rows["RSK-0002"]
    assert (two["Score"], two["Score after action"], two["Above risk appetite"]) == (
        20.0, 20.0, True)
    assert two["Needs a decision"] is False  # accepted
    assert (two["Accepted by"], two["Acceptance decision"], two["Score when accepted"]) == (
        "Pmo Fjordby", "Vi lever med det i 2027.", 20.0)
    assert isinstance(two["Accepted"], dt.datetime)
    assert (two["Initiative"], two["Programme"], two["Level"]) == ("", "", "Organisation")
    (action,) = _rows(book, "Actions")
    assert (action["Risk"], action["Action"], action["Action owner"], action["Due date"],
            action["Status"]) == ("RSK-0001", "Forhandle exit-klausul og dataeksport",
                                  "contributor@fjordby.test", dt.date(2026, 11, 1),
                                  "Planned")


def test_a_risk_above_appetite_without_a_decision_needs_one(client_as):
    rows = {r["Reference"]: r for r in _rows(_book(client_as("viewer").get(EXPORT)), "Risks")}
    assert (rows["RSK-0002"]["Above risk appetite"], rows["RSK-0002"]["Needs a decision"],
            rows["RSK-0002"]["Accepted by"]) == (True, True, "")


def test_a_formula_like_title_is_exported_as_text(client_as, org):
    risk = _risk(org, title=FORMULA)
    with tenant_scope(org):
        do_add_action(actor=person("pmo"), risk=risk, description="=1+1")
    response = client_as("viewer").get(EXPORT)
    book = _book(response)
    assert FORMULA in [r["Title"] for r in _rows(book, "Risks")]
    assert "=1+1" in [r["Action"] for r in _rows(book, "Actions")]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheets = [archive.read(f"xl/worksheets/sheet{n}.xml").decode() for n in (1, 2)]
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert all("<f>" not in xml and "HYPERLINK" not in xml for xml in sheets)
    assert "HYPERLINK" in strings  # a shared string: text, not a formula


def test_the_export_honours_the_overviews_filters_and_sort(client_as, org):
    with tenant_scope(org):
        second = Initiative.objects.get(organisation=org, number=2)
    made = [_risk(org, title=f"Filter {n}", initiative=second, category="legal")
            for n in range(2)]
    client = client_as("viewer")
    legal = _rows(_book(client.get(EXPORT + "?category=legal&sort=reference")), "Risks")
    assert [r["Reference"] for r in legal] == [r.reference for r in made]
    decision = _rows(_book(client.get(EXPORT + "?appetite=needs_decision")), "Risks")
    assert [r["Reference"] for r in decision] == ["RSK-0002"]
    # The Actions sheet holds the actions of the exported risks only.
    assert _rows(_book(client.get(EXPORT + "?category=legal")), "Actions") == []


def test_the_export_costs_a_fixed_number_of_queries(client_as, org,
                                                    django_assert_max_num_queries):
    client = client_as("viewer")
    with django_assert_max_num_queries(12) as few:
        client.get(EXPORT)
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=2)
        for n in range(25):
            risk = _risk(org, title=f"Mange {n}", initiative=initiative,
                         owner=person("viewer"))
            do_add_action(actor=person("pmo"), risk=risk, description="Gjør noe",
                          owner=person("viewer"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = _book(client.get(EXPORT))
    assert len(_rows(book, "Risks")) == 27 and len(_rows(book, "Actions")) == 26


def test_employees_may_not_export_and_other_organisations_get_404(client_as):
    assert client_as("employee").get(EXPORT).status_code == 403
    assert client_as("viewer", "asdal").get(EXPORT).status_code == 404
    assert client_as("admin", "asdal").get(EXPORT).status_code == 404


def test_an_exported_register_imports_again_as_new_risks(client_as, org):
    """The export's first columns are what the import reads (the reference left out: the
    import only adds)."""
    from gevinst.portfolio.imports.parsing import read_sheet
    from gevinst.portfolio.services.imports import do_import_sheet
    from tests.portfolio.importbooks import workbook

    sheet = _book(client_as("pmo").get(EXPORT)).get_sheet_by_name("Risks").to_python()
    headers, rows = sheet[0][1:], [row[1:] for row in sheet[1:]]
    with tenant_scope(org):
        result = do_import_sheet(actor=None, organisation=org, kind="risks",
                                 sheet=read_sheet(workbook(headers, rows)))
        copies = {r.title: r for r in Risk.objects.filter(organisation=org,
                                                           reference__in=result.created)}
    copy = copies["Innlåsing hos leverandør"]
    assert (copy.initiative.reference, copy.programme.reference, copy.owner.email) == (
        "INI-0001", "PRG-0001", "contributor@fjordby.test")
    assert (copy.category, copy.proximity, copy.score, copy.residual_score) == (
        "supplier", "near", 16, 9)
    assert copy.next_review == dt.date(2026, 10, 1)
    big = copies["Lav digital kompetanse i hjemmetjenesten"]
    assert (big.level, big.above_appetite, big.residual_probability) == (
        "organisation", True, None)
