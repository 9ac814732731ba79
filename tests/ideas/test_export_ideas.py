"""Excel export of ideas: every column of an idea, its ratings and official answers on their
own sheets, the board's filters and sort, hidden ideas only for moderators, text stays text,
a fixed number of queries, employees refused and other organisations 404."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import next_reference
from gevinst.ideas.models import Idea, IdeaAnswer, IdeaRating, IdeaSupport, ScoringCriterion
from tests.conftest import person

pytestmark = pytest.mark.django_db

EXPORT = "/o/fjordby/ideas/export.xlsx"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _book(response) -> CalamineWorkbook:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "fjordby-ideas-" in response["Content-Disposition"]
    return CalamineWorkbook.from_filelike(io.BytesIO(response.content))


def _rows(book, name: str) -> list[dict]:
    sheet = book.get_sheet_by_name(name).to_python()
    return [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]


def _idea(org, title="Eksportert idé", author="contributor", units=(), **fields) -> Idea:
    """An idea made with the ORM, like the standing world's (the export only reads)."""
    with tenant_scope(org):
        number, reference = next_reference(org, "IDE")
        idea = Idea.objects.create(organisation=org, number=number, reference=reference,
                                   author=person(author), problem="Et problem.", title=title,
                                   **fields)
        idea.units.set(units)
        return idea


def test_every_column_of_an_idea_with_its_ratings(client_as, org):
    book = _book(client_as("viewer").get(EXPORT))
    assert book.sheet_names == ["Ideas", "Scores", "Answers"]
    (one,) = _rows(book, "Ideas")
    assert (one["Reference"], one["Title"], one["Status"]) == (
        "IDE-0001", "Digital timebestilling på helsestasjonen", "Under review")
    assert one["Problem"].startswith("Foreldre må ringe i telefontiden")
    assert (one["Proposal"], one["Expected benefit"]) == (
        "La foreldre bestille og flytte timer selv på nett.",
        "Kortere telefonkø og færre uteblitte timer.")
    assert (one["Affected units"], one["Submitted from unit"]) == (
        "Helse og velferd", "Helse og velferd")
    assert (one["Author"], one["Author's email"]) == ("Employee Fjordby",
                                                      "employee@fjordby.test")
    assert isinstance(one["Submitted"], dt.datetime)
    assert (one["Supports"], one["Comments"]) == (1.0, 2.0)
    # Rated on two of five criteria: no score, no band yet.
    assert (one["Score"], one["Priority"], one["Initiative"]) == ("", "", "")
    assert (one["Latest official answer"], one["Answered"]) == ("", "")
    assert one["Hidden by a moderator"] is False
    scores = _rows(book, "Scores")
    assert [(s["Idea"], s["Criterion"], s["Weight"], s["Rating"]) for s in scores] == [
        ("IDE-0001", "Strategic value", 1.0, 4.0), ("IDE-0001", "Qualitative benefit", 1.0, 4.0)]
    assert scores[0]["Rated by"] == "Pmo Fjordby"
    assert _rows(book, "Answers") == []


def test_a_scored_and_answered_idea_has_its_score_band_and_answers(client_as, org):
    with tenant_scope(org):
        idea = Idea.objects.get(organisation=org, reference="IDE-0001")
        at = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
        IdeaAnswer.objects.create(organisation=org, idea=idea, status="under_review",
                                  text="Vi ser på saken.", answered_by=person("pmo"))
        IdeaAnswer.objects.create(organisation=org, idea=idea, status="parked",
                                  text="Vi venter til neste år.", answered_by=person("admin"))
        Idea.objects.filter(pk=idea.pk).update(
            status="parked", answer="Vi venter til neste år.", answered_at=at,
            score=Decimal("3.40"), band="medium")
    book = _book(client_as("viewer").get(EXPORT))
    (one,) = _rows(book, "Ideas")
    assert (one["Status"], one["Score"], one["Priority"]) == ("Parked", 3.4, "Medium")
    assert one["Latest official answer"] == "Vi venter til neste år."
    assert isinstance(one["Answered"], dt.datetime)
    answers = _rows(book, "Answers")
    assert [(a["Idea"], a["Status"], a["Official answer"], a["Answered by"]) for a in answers] \
        == [("IDE-0001", "Under review", "Vi ser på saken.", "Pmo Fjordby"),
            ("IDE-0001", "Parked", "Vi venter til neste år.", "Admin Fjordby")]


def test_the_export_honours_the_boards_filters_and_sort(client_as, org):
    with tenant_scope(org):
        other = Unit.objects.get(organisation=org, name="Fjordby kommune sentral")
    parked = _idea(org, title="Parkert idé om brøyting", status="parked", support_count=5)
    unit_idea = _idea(org, title="Sentral idé", units=[other])
    client = client_as("viewer")

    def refs(query):
        return [r["Reference"] for r in _rows(_book(client.get(EXPORT + query)), "Ideas")]

    assert refs("") == [unit_idea.reference, parked.reference, "IDE-0001"]
    assert refs("?sort=supported") == [parked.reference, "IDE-0001", unit_idea.reference]
    assert refs("?status=parked") == [parked.reference]
    assert refs("?q=brøyting") == [parked.reference]
    assert refs(f"?unit={other.pk}") == [unit_idea.reference]
    # The Scores and Answers sheets hold those of the exported ideas only.
    assert _rows(_book(client.get(EXPORT + "?status=parked")), "Scores") == []


def test_hidden_ideas_are_exported_only_to_moderators(client_as, org):
    hidden = _idea(org, title="Skjult idé", author="viewer", hidden=True,
                   hidden_reason="Personopplysninger")
    assert hidden.reference not in [
        r["Reference"] for r in _rows(_book(client_as("viewer").get(EXPORT)), "Ideas")]
    rows = {r["Reference"]: r for r in _rows(_book(client_as("pmo").get(EXPORT)), "Ideas")}
    assert rows[hidden.reference]["Hidden by a moderator"] is True
    assert rows["IDE-0001"]["Hidden by a moderator"] is False


def test_a_formula_like_title_is_exported_as_text(client_as, org):
    _idea(org, title=FORMULA, proposal="=1+1")
    response = client_as("viewer").get(EXPORT)
    rows = _rows(_book(response), "Ideas")
    assert FORMULA in [r["Title"] for r in rows]
    assert "=1+1" in [r["Proposal"] for r in rows]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheets = [archive.read(f"xl/worksheets/sheet{n}.xml").decode() for n in (1, 2, 3)]
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert all("<f>" not in xml and "HYPERLINK" not in xml for xml in sheets)
    assert "HYPERLINK" in strings  # a shared string: text, not a formula


def test_the_export_costs_a_fixed_number_of_queries(client_as, org,
                                                    django_assert_max_num_queries):
    client = client_as("viewer")
    with django_assert_max_num_queries(12) as few:
        client.get(EXPORT)
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        criteria = list(ScoringCriterion.objects.filter(organisation=org))
    for n in range(20):
        idea = _idea(org, title=f"Mange {n}", unit=unit, units=[unit])
        with tenant_scope(org):
            IdeaSupport.objects.create(organisation=org, idea=idea, user=person("viewer"))
            IdeaAnswer.objects.create(organisation=org, idea=idea, status="under_review",
                                      text="Takk!", answered_by=person("pmo"))
            for criterion in criteria:
                IdeaRating.objects.create(organisation=org, idea=idea, criterion=criterion,
                                          rating=3, rated_by=person("pmo"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = _book(client.get(EXPORT))
    assert len(_rows(book, "Ideas")) == 21
    assert len(_rows(book, "Scores")) == 2 + 20 * len(criteria)
    assert len(_rows(book, "Answers")) == 20


def test_employees_may_not_export_and_other_organisations_get_404(client_as):
    assert client_as("employee").get(EXPORT).status_code == 403
    assert client_as("viewer").post(EXPORT).status_code == 405
    assert client_as("viewer", "asdal").get(EXPORT).status_code == 404
    assert client_as("admin", "asdal").get(EXPORT).status_code == 404
