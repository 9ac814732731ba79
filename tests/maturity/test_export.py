"""The results as PDF and Excel: the PDF is a real PDF named after the assessment; the
workbook holds aggregates (dimensions, units, recommendations), never an answer."""

from __future__ import annotations

import io
import json

import pytest
from python_calamine import CalamineWorkbook

from gevinst.core.excel import XLSX_TYPE
from gevinst.core.scoping import tenant_scope
from gevinst.maturity.models import Recommendation, Response
from tests.maturity.test_results_selectors import (
    add_unit_with_members,
    close_new_campaign,
    expected_means,
    helse,
    world_campaign,
)

pytestmark = pytest.mark.django_db

BASE = "/o/fjordby/maturity/MAT-0001/results"


def _rows(book, name: str) -> list[dict]:
    sheet = book.get_sheet_by_name(name).to_python()
    return [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]


def test_the_pdf_is_a_real_pdf_named_after_the_assessment(client_as):
    response = client_as("viewer").get(f"{BASE}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "MAT-0001" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_the_pdf_and_the_workbook_are_for_readers_of_the_organisation_only(client_as):
    assert client_as("employee").get(f"{BASE}.pdf").status_code == 403
    assert client_as("employee").get(f"{BASE}.xlsx").status_code == 403
    assert client_as("admin", "asdal").get(f"{BASE}.pdf").status_code == 404
    assert client_as("admin", "asdal").get(f"{BASE}.xlsx").status_code == 404


def test_the_workbook_holds_the_scores_per_dimension(client_as):
    campaign = world_campaign()
    expected = expected_means(campaign)
    content = campaign.model_version.content
    response = client_as("viewer").get(f"{BASE}.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
    assert "MAT-0001" in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Dimensions", "Units", "Recommendations"]
    rows = _rows(book, "Dimensions")
    names = [d["name"]["en"] for d in content["dimensions"]]
    assert [r["Dimension"] for r in rows] == [*names, "Overall"]
    for dimension, row in zip(content["dimensions"], rows, strict=False):
        assert row["Score"] == pytest.approx(expected[dimension["key"]], abs=0.05)
        assert row["Respondents scored"] == 5
    assert rows[-1]["Score"] == pytest.approx(expected["overall"], abs=0.05)
    with tenant_scope(campaign.organisation):
        ranked = list(Recommendation.objects.filter(campaign=campaign).order_by("rank"))
    recommendations = _rows(book, "Recommendations")
    assert [r["Rank"] for r in recommendations] == [r.rank for r in ranked]
    assert _rows(book, "Units") == []  # one group only: the whole is the group


def test_the_workbook_holds_no_answers(client_as, org):
    skole = add_unit_with_members(org, "Skole", 5)
    campaign = close_new_campaign(org, [helse(org), skole])
    response = client_as("viewer").get(
        f"/o/fjordby/maturity/{campaign.reference}/results.xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    units = _rows(book, "Units")
    assert [(u["Unit"], u["Respondents"]) for u in units] == [("Helse og velferd", 5),
                                                              ("Skole", 5)]
    cells = {str(cell) for name in book.sheet_names
             for row in book.get_sheet_by_name(name).to_python() for cell in row}
    content = campaign.model_version.content
    questions = {q["key"] for d in content["dimensions"] for q in d["questions"]} | {
        q["text"]["en"] for d in content["dimensions"] for q in d["questions"]}
    assert not cells & questions
    with tenant_scope(org):
        answers = list(Response.objects.filter(campaign=campaign)
                       .values_list("answers", flat=True))
    assert len(answers) == 10
    assert not cells & {json.dumps(a) for a in answers}
    # Every sheet is one row per dimension, unit or recommendation: 10 respondents never
    # make 10 rows.
    assert len(_rows(book, "Dimensions")) == len(content["dimensions"]) + 1
