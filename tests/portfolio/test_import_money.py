"""Importing money per year: every error by row and column, all or nothing, upsert."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.portfolio.imports.parsing import read_sheet
from gevinst.portfolio.models import Initiative, MoneyYear
from gevinst.portfolio.services.imports import ImportRefused, do_import_sheet
from tests.portfolio.importbooks import workbook

pytestmark = pytest.mark.django_db

SV = ["Referens", "År", "Typ", "Investering", "Förändring i driftskostnad", "Interna timmar",
      "Intern kostnad", "Externa inköp"]
EN = ["Reference", "Year", "Kind", "Investment", "Change in operating cost", "Internal hours",
      "Internal cost", "External purchases"]


def _money(org):
    return {(m.initiative.reference, m.year, m.kind): m for m in
            MoneyYear.objects.filter(organisation=org).select_related("initiative")}


def test_money_rows_in_swedish_are_added(scoped, people):
    org = scoped
    rows = [["INI-0002", 2027, "Budget", 1_000_000, -50_000, 120.5, "90 000", "1 234,50"],
            ["ini-0002", "2028", "Prognos", "2 000 000", "", "", "", ""],
            ["INI-0002", 2027.0, "Utfall", 10, 0, 0, 0, 0]]
    result = do_import_sheet(actor=people["pmo"], organisation=org, kind="money",
                             sheet=read_sheet(workbook(SV, rows)))
    assert result.rows == 3 and result.updated == 0
    money = _money(org)
    budget = money[("INI-0002", 2027, "budget")]
    assert budget.investment == Decimal("1000000.00")
    assert budget.operating_cost_change == Decimal("-50000.00")
    assert budget.internal_hours == Decimal("120.5")
    assert budget.internal_cost == Decimal("90000.00")
    assert budget.external_purchases == Decimal("1234.50")
    assert money[("INI-0002", 2028, "forecast")].investment == Decimal("2000000")
    assert money[("INI-0002", 2027, "actual")].investment == Decimal("10")
    assert budget.history.get().history_user == people["pmo"]


def test_money_for_an_existing_year_and_kind_is_updated_with_history(scoped, people):
    org = scoped
    do_import_sheet(actor=None, organisation=org, kind="money",
                    sheet=read_sheet(workbook(EN, [["INI-0002", 2030, "Budget", 1, 2, 3, 4, 5]])))
    first = _money(org)[("INI-0002", 2030, "budget")]
    result = do_import_sheet(actor=people["admin"], organisation=org, kind="money",
                             sheet=read_sheet(workbook(EN, [["INI-0002", 2030, "budget", 10,
                                                             20, 30, 40, 50]])))
    assert result.updated == 1
    again = _money(org)[("INI-0002", 2030, "budget")]
    assert again.pk == first.pk and again.investment == Decimal("10")
    assert again.version == first.version + 1
    assert again.history.count() == 2
    assert again.history.first().history_user == people["admin"]


def test_every_money_error_is_reported_and_nothing_is_saved(scoped):
    org = scoped
    before = MoneyYear.objects.filter(organisation=org).count()
    rows = [
        ["INI-0002", 2027, "Budsjett", 1, 1, 1, 1, 1],        # fine
        ["INI-9999", 2027, "Budget", 1, 1, 1, 1, 1],          # unknown initiative
        ["", 2027, "Budget", 1, 1, 1, 1, 1],                  # empty reference
        ["INI-0002", "neste år", "Budget", 1, 1, 1, 1, 1],    # not a year
        ["INI-0002", 2027, "Drøm", 1, 1, 1, 1, 1],            # unknown kind
        ["INI-0002", 2028, "Budget", "mye", 1, 1, 1, 1],      # text in a number column
        ["INI-0002", 2028, "Faktisk", 1, 1, "1,2,3", 1, 1],   # not a number
        ["INI-0002", 2027, "budget", 1, 1, 1, 1, 1],          # same as row 2
        ["INI-0002", 2029, "Prognose", 1e15, 1, 1, 1, 1],     # too large
    ]
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="money",
                        sheet=read_sheet(workbook(SV, rows)))
    assert {(e["row"], e["column"]) for e in refused.value.errors} == {
        (3, "A"), (4, "A"), (5, "B"), (6, "C"), (7, "D"), (8, "F"), (9, "C"), (10, "D")}
    duplicate = next(e for e in refused.value.errors if e["row"] == 9)
    assert "row 2" in duplicate["message"]
    assert MoneyYear.objects.filter(organisation=org).count() == before


def test_money_cannot_be_imported_to_another_organisations_initiative(scoped, other_org):
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = Initiative.objects.filter(organisation=other_org).order_by("-number") \
            .first().reference
    assert not Initiative.objects.filter(organisation=scoped, reference=foreign).exists()
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=scoped, kind="money",
                        sheet=read_sheet(workbook(EN, [[foreign, 2027, "Budget", 1, 1, 1, 1,
                                                        1]])))
    assert refused.value.errors[0]["column"] == "A"
