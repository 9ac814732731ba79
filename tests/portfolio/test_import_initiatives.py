"""Importing initiatives from Excel: every error by row and column, then all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from gevinst.core.models import Sequence
from gevinst.portfolio.imports.parsing import read_sheet
from gevinst.portfolio.models import Initiative, Phase
from gevinst.portfolio.services.imports import ImportRefused, do_import_sheet
from tests.portfolio.importbooks import NB, col, nb_row, workbook

pytestmark = pytest.mark.django_db

ROWS = 2000
# (index in the rows, heading, bad value): a dozen planted errors of every sort.
PLANTED = [
    (10, "Startdato", "31.02.2026"),              # no such date
    (150, "Sluttdato", "neste uke"),               # not a date
    (300, "Enhet", "Ukjent enhet"),                # unknown unit
    (451, "Referanse", "GAMMEL-00450"),            # duplicate of row index 450
    (600, "Tittel", ""),                           # empty title
    (750, "Fase", "Drømmefase"),                   # unknown phase
    (900, "Status", "Kanskje"),                    # unknown status
    (1050, "Prosjektleder", "nobody@fjordby.test"),  # unknown person
    (1200, "Eier", "employee@fjordby.test"),       # an employee cannot own an initiative
    (1350, "Sluttdato", dt.date(2025, 6, 1)),      # end before start
    (1500, "Program", "Finnes ikke"),              # unknown programme
    (1650, "Referanse", "INI-0001"),               # an initiative that exists already
    (1800, "Fyrtårn", "kanskje"),                  # neither yes nor no
    (1950, "Ambisjon", "Revolusjon"),              # unknown ambition
]


def _rows(planted=PLANTED):
    rows = [nb_row(i) for i in range(ROWS)]
    for index, heading, value in planted:
        rows[index][NB.index(heading)] = value
    return rows


def test_every_planted_error_is_reported_by_row_and_column_and_nothing_is_saved(scoped):
    org = scoped
    before = Initiative.objects.filter(organisation=org).count()
    sheet = read_sheet(workbook(NB, _rows()))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="initiatives", sheet=sheet)
    found = {(e["row"], e["column"]) for e in refused.value.errors}
    # Excel row = index + 2 (the headings are row 1).
    assert found == {(index + 2, col(heading)) for index, heading, _v in PLANTED}
    assert len(refused.value.errors) == len(PLANTED)
    by_row = {e["row"]: e for e in refused.value.errors}
    assert "31.02.2026" in by_row[12]["message"] and by_row[12]["heading"] == "Startdato"
    assert "row 452" in by_row[453]["message"]
    assert "INI-0001" in by_row[1652]["message"]
    assert by_row[1352]["field"] == "end_date"
    assert Initiative.objects.filter(organisation=org).count() == before


def test_after_fixing_the_errors_all_rows_are_saved_with_references_and_history(scoped,
                                                                                  people):
    org = scoped
    before = Initiative.objects.filter(organisation=org).count()
    last = Sequence.objects.get(organisation=org, name="INI").last_value
    history_before = Initiative.history.filter(organisation=org).count()
    sheet = read_sheet(workbook(NB, _rows(planted=[])))
    result = do_import_sheet(actor=people["pmo"], organisation=org, kind="initiatives",
                             sheet=sheet)
    assert len(result.created) == ROWS
    assert result.created[0] == f"INI-{last + 1:04d}"
    assert result.created[-1] == f"INI-{last + ROWS:04d}"
    assert result.sources["GAMMEL-00007"] == f"INI-{last + 8:04d}"
    assert Initiative.objects.filter(organisation=org).count() == before + ROWS
    assert Sequence.objects.get(organisation=org, name="INI").last_value == last + ROWS
    one = Initiative.objects.get(organisation=org, reference=f"INI-{last + 8:04d}")
    assert one.title == "Importert initiativ 7"
    assert one.search_text == one.compute_search_text() != ""
    assert one.phase.key == "planning" and one.status == "active"
    assert one.owning_unit.name == "Helse og velferd"
    assert one.owner.email == "contributor@fjordby.test"
    assert one.manager.email == "pmo@fjordby.test"
    assert (one.start_date, one.end_date) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert Initiative.objects.filter(organisation=org, search_text="").count() == 0
    created = Initiative.history.filter(organisation=org).count() - history_before
    assert created == ROWS
    assert one.history.get().history_user == people["pmo"]
    assert one.history.get().history_type == "+"
    # Like one created by hand, it gets its phase's checklist (to be worked at the gate).
    template = [t.text for t in one.phase.template_items.order_by("order", "pk")]
    assert template
    assert [i.text for i in one.checklist_items.order_by("order", "pk")] == template


@pytest.mark.parametrize("headers, row", [
    (["Title", "Phase", "Status", "Ambition", "Lighthouse", "Unit", "Start date", "End date",
      "Project manager"],
     ["English import", "Execution", "On hold", "Transform", "yes", "Helse og velferd",
      "2026-03-01", "01.06.2026", "PMO@fjordby.test"]),
    (["Tittel", "Fase", "Status", "Ambisjon", "Fyrtårn", "Enhet", "Startdato", "Sluttdato",
      "Prosjektleder"],
     ["Norsk import", "Gjennomføring", "På vent", "Transformere", "Ja", "helse og velferd",
      "01.03.2026", "2026-06-01", "pmo@fjordby.test"]),
    (["Titel", "Fas", "Status", "Ambition", "Fyrtorn", "Ansvarig enhet", "Startdatum",
      "Slutdatum", "Projektledare"],
     ["Svensk import", "Genomförande", "Pausad", "Transformera", "Ja", "Helse og velferd",
      "2026-03-01", "2026-06-01", "pmo@fjordby.test"]),
])
def test_headings_and_values_in_english_bokmal_and_swedish(scoped, headers, row):
    org = scoped
    sheet = read_sheet(workbook(headers, [row]))
    result = do_import_sheet(actor=None, organisation=org, kind="initiatives", sheet=sheet)
    made = Initiative.objects.get(organisation=org, reference=result.created[0])
    assert made.title == row[0]
    assert made.phase == Phase.objects.get(organisation=org, key="execution")
    assert made.status == "on_hold" and made.ambition == "transform" and made.is_lighthouse
    assert made.owning_unit.name == "Helse og velferd"
    assert made.manager.email == "pmo@fjordby.test"
    assert (made.start_date, made.end_date) == (dt.date(2026, 3, 1), dt.date(2026, 6, 1))


def test_unknown_values_in_any_language_are_errors(scoped):
    sheet = read_sheet(workbook(["Title", "Fas", "Status"],
                                [["A", "Genomförande", "Pausad"], ["B", "Whatever", "Aktiv"],
                                 ["C", "Idé", "Nope"]]))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="initiatives", sheet=sheet)
    assert {(e["row"], e["column"]) for e in refused.value.errors} == {(3, "B"), (4, "C")}


def test_formula_cells_are_read_as_their_values_and_formula_text_stays_text(scoped):
    sheet = read_sheet(workbook(
        ["Title", "Problem"],
        [["=HYPERLINK(\"http://evil.example\",\"click\")", "x"], ["placeholder", "y"]],
        formulas={(1, 0): ('="Computed "&"title"', "Computed title"),
                  (1, 1): ("=1+1", 2)}))
    result = do_import_sheet(actor=None, organisation=scoped, kind="initiatives", sheet=sheet)
    first, second = (Initiative.objects.get(organisation=scoped, reference=r)
                     for r in result.created)
    assert first.title == '=HYPERLINK("http://evil.example","click")'
    assert second.title == "Computed title"
    assert second.problem == "2"


def test_a_dry_run_checks_but_saves_nothing(scoped):
    before = Initiative.objects.filter(organisation=scoped).count()
    sheet = read_sheet(workbook(NB, [nb_row(1), nb_row(2)]))
    result = do_import_sheet(actor=None, organisation=scoped, kind="initiatives", sheet=sheet,
                             dry_run=True)
    assert result.rows == 2 and result.created == []
    assert Initiative.objects.filter(organisation=scoped).count() == before


def test_a_unit_of_another_organisation_is_unknown(scoped, other_org):
    from gevinst.core.models import Unit
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = Unit.objects.get(organisation=other_org, parent=None).name
    sheet = read_sheet(workbook(["Tittel", "Enhet"], [["A", foreign]]))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="initiatives", sheet=sheet)
    assert refused.value.errors[0]["column"] == "B"


def test_a_missing_title_column_is_refused_before_any_row(scoped):
    from django.core.exceptions import ValidationError

    sheet = read_sheet(workbook(["Fase"], [["Idé"]]))
    with pytest.raises(ValidationError, match="Title"):
        do_import_sheet(actor=None, organisation=scoped, kind="initiatives", sheet=sheet)
