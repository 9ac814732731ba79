"""Importing benefits from Excel: every error by row and column (the services' rules too),
nothing saved while any row fails, then all rows through the same services as the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from gevinst.benefits.models import Benefit, BenefitInitiative
from gevinst.core.models import Sequence
from gevinst.portfolio.imports.parsing import read_sheet
from gevinst.portfolio.services.imports import ImportRefused, do_import_sheet
from tests.portfolio.importbooks import workbook

pytestmark = pytest.mark.django_db

EN = ["Reference", "Title", "Description", "Dis-benefit", "Category", "Beneficiary",
      "Cashability", "Benefit owner", "Receiving unit", "Realising units", "Initiatives",
      "Objectives", "Enabling changes", "Preconditions", "Confidence",
      "Optimism adjustment %", "Valuation method", "Minutes saved per case",
      "Cases per year"]
ROWS = 200
CATEGORIES = ["Capacity freed", "Service quality", "Citizens and businesses", "Workforce"]


def en_row(i: int, **over) -> list:
    values = {
        "Reference": f"OLD-{i:05d}", "Title": f"Imported benefit {i}",
        "Description": "Less manual work", "Dis-benefit": "No",
        "Category": CATEGORIES[i % 4], "Beneficiary": "Case workers",
        "Cashability": "Non-cash", "Benefit owner": "viewer@fjordby.test",
        "Receiving unit": "Helse og velferd",
        # Every fourth benefit names its realising units and objectives.
        "Realising units": "Helse og velferd; Fjordby kommune sentral" if i % 4 == 0 else "",
        "Initiatives": "INI-0001 50; INI-0002 50", "Objectives": "OBJ-0001" if i % 4 == 0
        else "",
        "Enabling changes": "Digital form\nNew routine", "Preconditions": "Training",
        "Confidence": "High", "Optimism adjustment %": 10, "Valuation method": "Time saved",
        "Minutes saved per case": 12, "Cases per year": 1000,
    }
    values.update(over)
    return [values[h] for h in EN]


def col(heading: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[EN.index(heading)]


# (index in the rows, heading, bad value): every sort of error, parse and service rules.
PLANTED = [
    (5, "Category", "Magic"),                               # no such category
    (20, "Benefit owner", "nobody@fjordby.test"),           # not a member
    (35, "Receiving unit", "No such unit"),                 # unknown unit
    (50, "Initiatives", "INI-9999 50"),                     # unknown initiative
    (65, "Initiatives", "INI-0001 70; INI-0002 40"),        # attribution above 100 %
    (80, "Minutes saved per case", "twelve"),               # text in a number column
    (96, "Reference", "OLD-00095"),                         # the reference of row index 95
    (110, "Title", ""),                                     # empty title
    (125, "Reference", "BEN-0001"),                         # already a benefit in Gevinst
    (140, "Objectives", "OBJ-9999"),                        # unknown objective
    (155, "Realising units", "Helse og velferd; Nowhere"),  # unknown realising unit
    (170, "Optimism adjustment %", 150),                    # above 100 %
    (180, "Dis-benefit", "maybe"),                          # neither yes nor no
    # The services' rules, found by writing the row and rolling back:
    (185, "Cases per year", ""),                            # time saved needs the cases
    (195, "Cashability", "Not monetised"),                  # ... yet valued as time saved
]
# Where the services report the last one: at the valuation method's column.
WHERE = {195: "Valuation method"}


def _rows(planted=PLANTED):
    rows = [en_row(i) for i in range(ROWS)]
    for index, heading, value in planted:
        rows[index][EN.index(heading)] = value
    return rows


def _state(org):
    return (Benefit.objects.filter(organisation=org).count(),
            BenefitInitiative.objects.filter(organisation=org).count(),
            Sequence.objects.filter(organisation=org, name="BEN").values_list(
                "last_value", flat=True).first(),
            Benefit.history.filter(organisation=org).count())


def test_every_planted_error_is_reported_by_row_and_column_and_nothing_is_saved(scoped):
    org = scoped
    before = _state(org)
    sheet = read_sheet(workbook(EN, _rows()))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="benefits", sheet=sheet,
                        dry_run=True)
    errors = refused.value.errors
    expected = {(index + 2, col(WHERE.get(index, heading))) for index, heading, _v in PLANTED}
    assert {(e["row"], e["column"]) for e in errors} == expected
    assert len(errors) == len(PLANTED)
    by_row = {e["row"]: e for e in errors}
    assert "Magic" in by_row[7]["message"] and by_row[7]["heading"] == "Category"
    assert "nobody@fjordby.test" in by_row[22]["message"]
    assert "INI-9999" in by_row[52]["message"]
    assert "110 %" in by_row[67]["message"]
    assert "twelve" in by_row[82]["message"] and by_row[82]["value"] == "twelve"
    assert "row 97" in by_row[98]["message"]
    assert "BEN-0001" in by_row[127]["message"]
    assert by_row[187]["field"] == "cases_per_year"
    assert "valuation method" in by_row[197]["message"].lower()
    assert _state(org) == before


def test_an_import_with_errors_reports_them_all_and_saves_nothing(scoped):
    """Not a dry run: the rows the check passes are written, refused by the services where
    they break a rule, and rolled back with the rest."""
    org = scoped
    before = _state(org)
    planted = [(2, "Category", "Magic"), (5, "Cases per year", ""),
               (7, "Initiatives", "INI-0001 70; INI-0002 40")]
    rows = [en_row(i) for i in range(10)]
    for index, heading, value in planted:
        rows[index][EN.index(heading)] = value
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="benefits",
                        sheet=read_sheet(workbook(EN, rows)))
    assert [(e["row"], e["column"]) for e in refused.value.errors] == [
        (index + 2, col(heading)) for index, heading, _v in planted]
    assert _state(org) == before


def test_after_fixing_the_errors_every_row_is_saved_through_the_services(scoped, people):
    org = scoped
    count, links, last, _history = _state(org)
    sheet = read_sheet(workbook(EN, _rows(planted=[])))
    result = do_import_sheet(actor=people["pmo"], organisation=org, kind="benefits",
                             sheet=sheet)
    assert len(result.created) == ROWS
    assert result.created[0] == f"BEN-{last + 1:04d}"
    assert result.created[-1] == f"BEN-{last + ROWS:04d}"
    assert result.sources["OLD-00007"] == f"BEN-{last + 8:04d}"
    assert Benefit.objects.filter(organisation=org).count() == count + ROWS
    assert BenefitInitiative.objects.filter(organisation=org).count() == links + 2 * ROWS
    one = Benefit.objects.get(organisation=org, reference=f"BEN-{last + 8:04d}")
    assert one.title == "Imported benefit 7" and one.status == "identified"
    assert one.category == "workforce" and one.cashability == "non_cash"
    assert one.confidence == "high" and one.optimism_adjustment == Decimal("10")
    assert one.owner.email == "viewer@fjordby.test"
    assert one.owner_unit.name == "Helse og velferd"
    assert not one.realising_units.exists() and not one.objectives.exists()
    fourth = Benefit.objects.get(organisation=org, reference=f"BEN-{last + 9:04d}")
    assert sorted(u.name for u in fourth.realising_units.all()) == [
        "Fjordby kommune sentral", "Helse og velferd"]
    assert [o.reference for o in fourth.objectives.all()] == ["OBJ-0001"]
    assert sorted((link.initiative.reference, link.attribution) for link in one.links.all()) \
        == [("INI-0001", Decimal("50")), ("INI-0002", Decimal("50"))]
    assert one.enabling_change_list == ["Digital form", "New routine"]
    # The services kept the derived state: 12 min × 1000 cases ÷ 60 = 200 hours a year.
    assert one.annual_hours == Decimal("200.0")
    assert one.annual_value == (200 * org.loaded_hourly_cost).quantize(Decimal("0.01"))
    assert {h.history_user for h in fourth.history.all()} == {people["pmo"]}
    assert one.history.get().history_type == "+"


def test_a_single_initiative_without_a_share_gets_all_of_it(scoped):
    sheet = read_sheet(workbook(["Title", "Initiatives"], [["Alone", "ini-0002"]]))
    result = do_import_sheet(actor=None, organisation=scoped, kind="benefits", sheet=sheet)
    made = Benefit.objects.get(organisation=scoped, reference=result.created[0])
    assert [(link.initiative.reference, link.attribution) for link in made.links.all()] == [
        ("INI-0002", Decimal("100"))]


@pytest.mark.parametrize("cell, problem", [
    ("INI-0001; INI-0002", "Without a share: INI-0001, INI-0002"),
    ("INI-0001 60; INI-0001 40", "INI-0001 is named twice"),
    ("INI-0001 sixty", "is not an initiative with its share"),
    ("INI-0001 0", "above 0 and at most 100"),
])
def test_unclear_attribution_is_an_error_at_the_initiatives_column(scoped, cell, problem):
    sheet = read_sheet(workbook(["Title", "Initiatives"], [["A", cell]]))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="benefits", sheet=sheet,
                        dry_run=True)
    assert [(e["row"], e["column"]) for e in refused.value.errors] == [(2, "B")]
    assert problem in refused.value.errors[0]["message"]


@pytest.mark.parametrize("headers, row", [
    (["Tittel", "Kategori", "Budsjettvirkning", "Gevinsteier", "Enhet", "Initiativer",
      "Sikkerhet", "Verdsettingsmetode", "Kostnad per enhet", "Antall per år", "Ulempe"],
     ["Færre papirbrev", "Kontantfrigjørende", "Budsjettmessig", "VIEWER@fjordby.test",
      "helse og velferd", "INI-0001: 30 %", "Lav", "Enhetskostnad", "25,50", "1 000",
      "Nei"]),
    (["Titel", "Kategori", "Budgetpåverkan", "Nyttoägare", "Mottagande enhet", "Initiativ",
      "Säkerhet", "Värderingsmetod", "Styckkostnad", "Antal per år", "Nackdel"],
     ["Färre pappersbrev", "Kostnadsbesparande", "Kontant", "viewer@fjordby.test",
      "Helse og velferd", "INI-0001 (30 %)", "Låg", "Undviken styckkostnad", "25.5", 1000,
      "Nej"]),
])
def test_headings_and_values_in_bokmal_and_swedish(scoped, headers, row):
    sheet = read_sheet(workbook(headers, [row]))
    result = do_import_sheet(actor=None, organisation=scoped, kind="benefits", sheet=sheet)
    made = Benefit.objects.get(organisation=scoped, reference=result.created[0])
    assert made.title == row[0] and not made.is_disbenefit
    assert (made.category, made.cashability, made.confidence, made.valuation_method) == (
        "cash_releasing", "cash", "low", "unit_cost")
    assert (made.unit_cost, made.units_per_year) == (Decimal("25.50"), Decimal("1000"))
    assert made.annual_value == Decimal("25500.00")
    assert made.owner.email == "viewer@fjordby.test"
    assert made.links.get().attribution == Decimal("30")


def test_the_labels_gevinst_shows_are_understood_in_every_language(scoped):
    """An exported register (labels in the user's language) reads back."""
    rows = []
    for lang in ("en", "nb", "sv"):
        with translation.override(lang):
            rows.append([f"Label {lang}", str(Benefit.Category.PUBLIC_BODIES.label),
                         str(Benefit.Cashability.NOT_MONETISED.label),
                         str(Benefit.Valuation.NOT_MONETISED.label)])
    sheet = read_sheet(workbook(["Title", "Category", "Cashability", "Valuation method"],
                                rows))
    result = do_import_sheet(actor=None, organisation=scoped, kind="benefits", sheet=sheet)
    for ref in result.created:
        made = Benefit.objects.get(organisation=scoped, reference=ref)
        assert (made.category, made.cashability) == ("public_bodies", "not_monetised")


def test_the_templates_import_as_they_are(scoped):
    """The downloaded benefits template, example row and all, passes its own dry run."""
    from gevinst.portfolio.imports.template import template_bytes

    for lang in ("en", "nb", "sv"):
        with translation.override(lang):
            sheet = read_sheet(template_bytes("benefits", scoped))
            result = do_import_sheet(actor=None, organisation=scoped, kind="benefits",
                                     sheet=sheet, dry_run=True)
        assert result.rows == 1


def test_a_unit_of_another_organisation_is_unknown(scoped, other_org):
    from gevinst.core.models import Unit
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = Unit.objects.get(organisation=other_org, parent=None).name
        foreign_ben = Benefit.objects.filter(organisation=other_org).order_by(
            "-number").first().reference
    sheet = read_sheet(workbook(["Title", "Receiving unit", "Reference"],
                                [["A", foreign, foreign_ben]]))
    # Åsdal's BEN-0002 is not a benefit of Fjordby: as a file reference it is fine.
    assert foreign_ben == "BEN-0002"
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="benefits", sheet=sheet)
    assert [(e["row"], e["column"]) for e in refused.value.errors] == [(2, "B")]


def test_a_rule_about_a_column_that_is_not_in_the_file_is_shown_at_the_valuation_method(
        scoped):
    sheet = read_sheet(workbook(["Title", "Valuation method", "Minutes per case"],
                                [["Time", "Time saved", 12]]))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="benefits", sheet=sheet,
                        dry_run=True)
    [error] = refused.value.errors
    assert (error["row"], error["column"], error["heading"]) == (2, "B", "Valuation method")
    assert error["message"].startswith("Cases per year: ")
