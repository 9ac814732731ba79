"""Importing risks from Excel: every error by row and column (the services' rules too),
nothing saved while any row fails, then all rows through the register's services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from gevinst.core.models import Sequence
from gevinst.portfolio.imports.parsing import read_sheet
from gevinst.portfolio.services.imports import ImportRefused, do_import_sheet
from gevinst.risks.models import Category, Risk, RiskAction
from tests.portfolio.importbooks import workbook

pytestmark = pytest.mark.django_db

EN = ["Reference", "Type", "Title", "Description", "Cause", "Effect", "Category",
      "Proximity", "Initiative", "Programme", "Risk owner", "Status", "Probability", "Impact",
      "Probability after action", "Impact after action", "Strategy", "Next review",
      "Actions"]
ROWS = 60
CATEGORIES = ["Supplier and market", "Technology", "People and competence", "Legal"]


def en_row(i: int, **over) -> list:
    values = {
        "Reference": f"OLD-{i:04d}", "Type": "Risk", "Title": f"Imported risk {i}",
        "Description": "Something may go wrong", "Cause": "A cause", "Effect": "An effect",
        "Category": CATEGORIES[i % 4], "Proximity": "Within 3 months",
        # Every third risk is an initiative's, every third a programme's, the rest the
        # organisation's.
        "Initiative": "INI-0001" if i % 3 == 0 else "",
        "Programme": "Digital velferd" if i % 3 == 1 else "",
        "Risk owner": "viewer@fjordby.test", "Status": "Open", "Probability": 3,
        "Impact": 2, "Probability after action": 2, "Impact after action": 2,
        "Strategy": "Reduce", "Next review": dt.date(2027, 1, 15),
        "Actions": "Train the staff; Write a routine" if i % 5 == 0 else "",
    }
    values.update(over)
    return [values[h] for h in EN]


def col(heading: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[EN.index(heading)]


# (index in the rows, heading, bad value): every sort of error, parse and service rules.
PLANTED = [
    (2, "Initiative", "INI-9999"),                   # unknown initiative
    (5, "Programme", "No such programme"),           # unknown programme
    (8, "Risk owner", "nobody@fjordby.test"),        # not a member
    (11, "Probability", 6),                          # not 1–5
    (14, "Impact", "high"),                          # not a number
    (17, "Probability after action", 2.5),           # not a whole number
    (20, "Category", "Weather"),                     # no such category
    (23, "Strategy", "Ignore"),                      # no such strategy
    (26, "Type", "Threatening"),                     # no such type
    (29, "Proximity", "Tomorrow"),                   # no such proximity
    (32, "Next review", "31.02.2027"),               # no such date
    (35, "Next review", "soon"),                     # not a date
    (38, "Title", ""),                               # empty title
    (41, "Reference", "OLD-0040"),                   # the reference of row index 40
    (44, "Reference", "RSK-0001"),                   # already a risk in Gevinst
    (47, "Impact after action", ""),                 # residual: one without the other
    (50, "Status", "Forgotten"),                     # no such status
    # A service's rule, found by writing the row and rolling back:
    (53, "Strategy", "Exploit"),                     # an opportunity's strategy on a risk
    (56, "Probability", ""),                         # empty probability
]


def _rows(planted=PLANTED):
    rows = [en_row(i) for i in range(ROWS)]
    for index, heading, value in planted:
        rows[index][EN.index(heading)] = value
    return rows


def _state(org):
    return (Risk.objects.filter(organisation=org).count(),
            RiskAction.objects.filter(organisation=org).count(),
            Sequence.objects.filter(organisation=org, name="RSK").values_list(
                "last_value", flat=True).first(),
            Risk.history.filter(organisation=org).count())


def test_every_planted_error_is_reported_by_row_and_column_and_nothing_is_saved(scoped):
    org = scoped
    before = _state(org)
    sheet = read_sheet(workbook(EN, _rows()))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="risks", sheet=sheet,
                        dry_run=True)
    errors = refused.value.errors
    expected = {(index + 2, col(heading)) for index, heading, _v in PLANTED}
    assert {(e["row"], e["column"]) for e in errors} == expected
    assert len(errors) == len(PLANTED)
    by_row = {e["row"]: e for e in errors}
    assert "INI-9999" in by_row[4]["message"]
    assert "No such programme" in by_row[7]["message"]
    assert "nobody@fjordby.test" in by_row[10]["message"]
    assert "1 to 5" in by_row[13]["message"] and by_row[13]["heading"] == "Probability"
    assert "“high”" in by_row[16]["message"] and by_row[16]["value"] == "high"
    assert "2.5" in by_row[19]["message"]
    assert "Weather" in by_row[22]["message"] and "category" in by_row[22]["message"]
    assert "Ignore" in by_row[25]["message"]
    assert "31.02.2027" in by_row[34]["message"] and "soon" in by_row[37]["message"]
    assert "empty" in by_row[40]["message"]
    assert "row 42" in by_row[43]["message"]
    assert "RSK-0001" in by_row[46]["message"]
    assert by_row[49]["field"] == "residual_impact"
    assert by_row[55]["field"] == "strategy" and "Exploit" in by_row[55]["message"]
    assert by_row[58]["field"] == "probability"
    assert _state(org) == before


def test_an_import_with_errors_saves_nothing_even_rows_the_services_accepted(scoped):
    """Not a dry run: the rows the check passes are written, refused by the services where
    they break a rule, and rolled back with the rest."""
    org = scoped
    before = _state(org)
    planted = [(2, "Category", "Weather"), (5, "Strategy", "Enhance")]
    rows = [en_row(i) for i in range(8)]
    for index, heading, value in planted:
        rows[index][EN.index(heading)] = value
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="risks",
                        sheet=read_sheet(workbook(EN, rows)))
    assert [(e["row"], e["column"]) for e in refused.value.errors] == [
        (index + 2, col(heading)) for index, heading, _v in planted]
    assert _state(org) == before


def test_after_fixing_the_errors_every_row_is_saved_through_the_services(scoped, people):
    org = scoped
    count, actions, last, _history = _state(org)
    result = do_import_sheet(actor=people["pmo"], organisation=org, kind="risks",
                             sheet=read_sheet(workbook(EN, _rows(planted=[]))))
    assert len(result.created) == ROWS
    assert result.created[0] == f"RSK-{last + 1:04d}"
    assert result.created[-1] == f"RSK-{last + ROWS:04d}"
    assert result.sources["OLD-0007"] == f"RSK-{last + 8:04d}"
    assert Risk.objects.filter(organisation=org).count() == count + ROWS
    # Every fifth row has two actions.
    assert RiskAction.objects.filter(organisation=org).count() == actions + 2 * (ROWS // 5)
    first = Risk.objects.get(organisation=org, reference=f"RSK-{last + 1:04d}")
    assert (first.level, first.initiative.reference, first.programme.name) == (
        "initiative", "INI-0001", "Digital velferd")
    assert (first.category, first.proximity, first.strategy, first.status) == (
        "supplier", "imminent", "reduce", "open")
    assert (first.score, first.residual_score, first.above_appetite) == (6, 4, False)
    assert first.next_review == dt.date(2027, 1, 15)
    assert first.owner.email == "viewer@fjordby.test"
    assert sorted(a.description for a in first.actions.all()) == [
        "Train the staff", "Write a routine"]
    second = Risk.objects.get(organisation=org, reference=f"RSK-{last + 2:04d}")
    assert (second.level, second.initiative, second.programme.name) == (
        "programme", None, "Digital velferd")
    third = Risk.objects.get(organisation=org, reference=f"RSK-{last + 3:04d}")
    assert (third.level, third.initiative, third.programme) == ("organisation", None, None)
    assert (third.category, third.proximity) == ("people", "imminent")
    assert {h.history_user for h in first.history.all()} == {people["pmo"]}


def test_a_risk_above_appetite_cannot_be_imported_as_accepted(scoped):
    """Accepting is a named decision on the risk's page; the import reports it at the
    strategy column (a service rule, found by the dry run's rehearsal)."""
    sheet = read_sheet(workbook(["Title", "Probability", "Impact", "Strategy"],
                                [["Too big to accept", 5, 5, "Accept"],
                                 ["Small enough", 2, 2, "Accept"]]))
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="risks", sheet=sheet,
                        dry_run=True)
    (error,) = refused.value.errors
    assert (error["row"], error["column"], error["field"]) == (2, "D", "strategy")
    assert "named decision" in error["message"]


def test_an_opportunity_gets_an_opportunitys_default_strategy(scoped):
    sheet = read_sheet(workbook(["Type", "Title", "Probability", "Impact"],
                                [["Opportunity", "Shared purchasing", 3, 4]]))
    result = do_import_sheet(actor=None, organisation=scoped, kind="risks", sheet=sheet)
    made = Risk.objects.get(organisation=scoped, reference=result.created[0])
    assert (made.kind, made.strategy, made.level, made.above_appetite) == (
        "opportunity", "exploit", "organisation", False)


@pytest.mark.parametrize("headers, row", [
    (["Tittel", "Type", "Kategori", "Nærhet", "Initiativ", "Risikoeier", "Status",
      "Sannsynlighet", "Konsekvensgrad", "Sannsynlighet etter tiltak",
      "Konsekvensgrad etter tiltak", "Strategi", "Neste gjennomgang", "Handlinger"],
     ["Innlåsing", "Risiko", "Leverandør", "Innen 3 måneder", "ini-0001",
      "CONTRIBUTOR@fjordby.test", "Åpen", "4", "4,0", 3, 3, "Overføre", "15.01.2027",
      "Exit-klausul\nDataeksport"]),
    (["Titel", "Typ", "Kategori", "Närhet", "Initiativ", "Riskägare", "Status",
      "Sannolikhet", "Konsekvensgrad", "Sannolikhet efter åtgärd",
      "Konsekvensgrad efter åtgärd", "Strategi", "Nästa genomgång", "Åtgärder"],
     ["Inlåsning", "Risk", "Leverantör och marknad", "Inom 3 månader", "INI-0001",
      "contributor@fjordby.test", "Öppen", 4, 4, "3", "3", "Överföra", "2027-01-15",
      "Exitklausul; Dataexport"]),
])
def test_headings_and_values_in_bokmal_and_swedish(scoped, headers, row):
    result = do_import_sheet(actor=None, organisation=scoped, kind="risks",
                             sheet=read_sheet(workbook(headers, [row])))
    made = Risk.objects.get(organisation=scoped, reference=result.created[0])
    assert made.title == row[0]
    assert (made.kind, made.category, made.proximity, made.status, made.strategy) == (
        "risk", "supplier", "imminent", "open", "transfer")
    assert (made.probability, made.impact, made.residual_probability,
            made.residual_impact) == (4, 4, 3, 3)
    assert (made.score, made.residual_score) == (16, 9)
    assert made.initiative.reference == "INI-0001"
    assert made.owner.email == "contributor@fjordby.test"
    assert made.next_review == dt.date(2027, 1, 15)
    assert made.actions.count() == 2


def test_keys_and_the_labels_gevinst_shows_are_understood_in_every_language(scoped):
    """An exported register (labels in the user's language) reads back; so do the stored
    values."""
    rows = [["Keys", "risk", "security", "later", "closed", "monitor"]]
    for lang in ("en", "nb", "sv"):
        with translation.override(lang):
            rows.append([f"Label {lang}", str(Risk.Kind.RISK.label),
                         str(Category.SECURITY.label),
                         str(Risk.Proximity.LATER.label), str(Risk.Status.CLOSED.label),
                         str(Risk.Strategy.MONITOR.label)])
    headers = ["Title", "Type", "Category", "Proximity", "Status", "Strategy"]
    rows = [[*r, 2, 2] for r in rows]
    result = do_import_sheet(actor=None, organisation=scoped, kind="risks",
                             sheet=read_sheet(workbook([*headers, "Probability", "Impact"],
                                                       rows)))
    for ref in result.created:
        made = Risk.objects.get(organisation=scoped, reference=ref)
        assert (made.kind, made.category, made.proximity, made.status, made.strategy) == (
            "risk", "security", "later", "closed", "monitor")


def test_the_templates_import_as_they_are(scoped):
    """The downloaded risks template, example row and all, passes its own dry run and its
    import makes the example risk."""
    from gevinst.portfolio.imports.template import template_bytes

    for lang in ("en", "nb", "sv"):
        with translation.override(lang):
            sheet = read_sheet(template_bytes("risks", scoped))
            result = do_import_sheet(actor=None, organisation=scoped, kind="risks",
                                     sheet=sheet, dry_run=True)
        assert result.rows == 1
    with translation.override("nb"):
        result = do_import_sheet(actor=None, organisation=scoped, kind="risks",
                                 sheet=read_sheet(template_bytes("risks", scoped)))
    made = Risk.objects.get(organisation=scoped, reference=result.created[0])
    assert (made.category, made.score, made.residual_score, made.initiative.reference) == (
        "supplier", 16, 9, "INI-0001")
    assert made.actions.count() == 2


def test_an_initiative_or_owner_of_another_organisation_is_unknown(scoped, other_org):
    sheet = read_sheet(workbook(["Title", "Probability", "Impact", "Initiative", "Risk owner",
                                 "Programme"],
                                [["A", 2, 2, "INI-0003", "pmo@asdal.test", "Smart bygd"]]))
    # Åsdal has INI-0003, PRG-0002 "Smart bygd" and pmo@asdal.test; Fjordby has none.
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="risks", sheet=sheet,
                        dry_run=True)
    assert {(e["row"], e["column"]) for e in refused.value.errors} == {
        (2, "D"), (2, "E"), (2, "F")}


def test_no_heading_names_two_columns_in_any_language():
    """Field labels are translated (in Norwegian, "Tiltak" is an initiative): no heading
    or label may name two columns, whatever the user's language."""
    from gevinst.portfolio.imports.headings import LANGS, normalise
    from gevinst.risks.imports.headings import RISK_FIELDS

    clashes = []
    for lang in LANGS:
        with translation.override(lang):
            owner: dict[str, str] = {}
            for field in RISK_FIELDS:
                names = {normalise(field.key), normalise(str(field.label))} | {
                    normalise(h) for hs in field.headings.values() for h in hs}
                for name in names:
                    if owner.setdefault(name, field.key) != field.key:
                        clashes.append((lang, name, owner[name], field.key))
    assert clashes == []
