"""Importing measurements from Excel: periods checked against each measure's frequency,
every error by row and column, nothing saved while any row fails, then every row through
the measurement grid's service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit, Measurement
from gevinst.benefits.services.benefits import do_change_benefit_status, do_create_benefit
from gevinst.benefits.services.measures import do_create_measure
from gevinst.portfolio.imports.parsing import read_sheet
from gevinst.portfolio.services.imports import ImportRefused, do_import_sheet
from tests.portfolio.importbooks import workbook

pytestmark = pytest.mark.django_db

EN = ["Benefit", "Measure", "Period", "Actual", "Forecast", "Comment", "Evidence"]
PER_BENEFIT = 50  # months from January 2021


def make_benefits(org, people, count=4):
    """``count`` profiled benefits with a monthly measure "Antall brev", and one that is
    only identified (with the same measure)."""
    refs = []
    for k in range(count + 1):
        benefit = do_create_benefit(actor=people["contributor"], organisation=org,
                                    title=f"Færre brev {k}")
        do_create_measure(actor=people["contributor"], benefit=benefit, name="Antall brev",
                          unit="brev", direction="decrease", frequency="monthly",
                          baseline_value=Decimal("1000"), baseline_date=dt.date(2020, 12, 1),
                          target_value=Decimal("500"), target_date=dt.date(2025, 12, 31))
        if k < count:
            do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="profiled")
        refs.append(benefit.reference)
    return refs[:count], refs[count]


def _month(i: int) -> dt.date:
    return dt.date(2021 + i // 12, i % 12 + 1, 1)


def rows_for(refs, planted=(), identified=None):
    rows = []
    for ref in refs:
        for m in range(PER_BENEFIT):
            rows.append([ref, "Antall brev", _month(m), 1000 - 5 * m, "", "", "Fagsystem"])
    # BEN-0001 of the test world: quarterly "Spart tid" (Q1 2026 is measured already).
    rows += [["BEN-0001", "Spart tid", "2026-Q2", 260, "", "Etter plan", ""],
             ["BEN-0001", "1", dt.date(2026, 7, 1), "", 330, "", ""],
             ["ben-0001", "spart tid", "Q4 2026", "410,5", "", "", ""],
             ["BEN-0001", "Spart tid", dt.date(2027, 1, 1), 420, "", "", ""]]
    for index, heading, value in planted:
        rows[index][EN.index(heading)] = identified if value is IDENTIFIED else value
    return rows


IDENTIFIED = object()  # stands for the reference of the identified benefit
PLANTED = [
    (10, "Period", dt.date(2021, 11, 15)),   # inside a month, not its first day
    (30, "Period", "2023-Q2"),               # a quarter, but the measure is monthly
    (50, "Benefit", "BEN-9999"),             # no such benefit
    (70, "Measure", "Nonexistent"),          # no such measure of the benefit
    (90, "Actual", "many"),                  # text in a number column
    (110, "Actual", ""),                     # neither actual nor forecast
    (130, "Period", _month(29)),             # the same period as the row before
    (150, "Benefit", IDENTIFIED),            # a benefit that is only identified
    (202, "Period", "2026-04"),              # a month, but the measure is quarterly
    (203, "Period", dt.date(2026, 1, 1)),    # measured already (in the test world)
]


def col(heading: str) -> str:
    return "ABCDEFG"[EN.index(heading)]


@pytest.fixture
def world(scoped, people):
    refs, identified = make_benefits(scoped, people)
    return scoped, refs, identified


def _state(org):
    return (Measurement.objects.filter(organisation=org).count(),
            Measurement.history.filter(organisation=org).count(),
            sorted(Benefit.objects.filter(organisation=org)
                   .values_list("reference", "status", "health", "last_measured")))


def test_every_planted_error_is_reported_by_row_and_column_and_nothing_is_saved(world):
    org, refs, identified = world
    before = _state(org)
    sheet = read_sheet(workbook(EN, rows_for(refs, PLANTED, identified)))
    assert len(sheet.rows) == 4 * PER_BENEFIT + 4
    with pytest.raises(ImportRefused) as refused:
        do_import_sheet(actor=None, organisation=org, kind="measurements", sheet=sheet,
                        dry_run=True)
    errors = refused.value.errors
    assert {(e["row"], e["column"]) for e in errors} == {
        (index + 2, col(heading)) for index, heading, _v in PLANTED}
    assert len(errors) == len(PLANTED)
    by_row = {e["row"]: e for e in errors}
    assert "2021-11-15 is not the first day of a period" in by_row[12]["message"]
    assert "Monthly" in by_row[12]["message"]
    assert "starts 2021-11-01" in by_row[12]["message"]
    assert "“2023-Q2” is a period of the frequency “Quarterly”" in by_row[32]["message"]
    assert "BEN-9999" in by_row[52]["message"]
    assert "Nonexistent" in by_row[72]["message"] and "1 Antall brev" in by_row[72]["message"]
    assert "many" in by_row[92]["message"] and by_row[92]["heading"] == "Actual"
    assert "actual value or a forecast" in by_row[112]["message"]
    assert "Row 131" in by_row[132]["message"]
    assert identified in by_row[152]["message"] and "profiled" in by_row[152]["message"]
    assert "“2026-04” is a period of the frequency “Monthly”" in by_row[204]["message"]
    assert "already has a measurement" in by_row[205]["message"]
    assert _state(org) == before


def test_after_fixing_the_errors_every_row_is_recorded(world, people):
    org, refs, _identified = world
    before = Measurement.objects.filter(organisation=org).count()
    sheet = read_sheet(workbook(EN, rows_for(refs)))
    result = do_import_sheet(actor=people["pmo"], organisation=org, kind="measurements",
                             sheet=sheet)
    assert result.rows == 4 * PER_BENEFIT + 4
    assert Measurement.objects.filter(organisation=org).count() == before + result.rows
    first = Benefit.objects.get(organisation=org, reference=refs[0])
    assert first.last_measured == _month(PER_BENEFIT - 1)  # the follow-up state is kept
    assert first.status == "profiled"
    row = Measurement.objects.get(organisation=org, measure__benefit=first,
                                  period=dt.date(2021, 3, 1))
    assert row.actual == Decimal("990") and row.evidence == "Fagsystem"
    assert row.recorded_by == people["pmo"]
    assert row.achievement == Decimal("2.0")  # (990 − 1000) ÷ (500 − 1000)
    shared = {m.period: m for m in Measurement.objects.filter(
        organisation=org, measure__benefit__reference="BEN-0001")}
    assert shared[dt.date(2026, 4, 1)].actual == Decimal("260")
    assert shared[dt.date(2026, 4, 1)].comment == "Etter plan"
    assert shared[dt.date(2026, 7, 1)].actual is None
    assert shared[dt.date(2026, 7, 1)].forecast == Decimal("330")
    assert shared[dt.date(2026, 10, 1)].actual == Decimal("410.5")
    assert shared[dt.date(2026, 4, 1)].history.get().history_user == people["pmo"]


@pytest.mark.parametrize("value, frequency, expected", [
    (dt.date(2026, 4, 1), "quarterly", ""),
    ("01.07.2026", "half_yearly", ""),
    (2026, "yearly", ""),
    ("2026", "monthly", "frequency “Yearly”, but this measure's frequency is “Monthly”"),
    ("2026-H2", "half_yearly", ""),
    ("H1 2026", "quarterly", "“2026-H1” is a period of the frequency “Every six months”"),
    ("2026-11", "monthly", ""),
    ("11.2026", "monthly", ""),
    ("K3 2026", "quarterly", ""),
    (dt.date(2026, 5, 1), "quarterly", "the period it falls in starts 2026-04-01"),
])
def test_periods_as_dates_or_as_themselves(value, frequency, expected):
    from gevinst.benefits.imports.measurements import check_period, read_period

    assert expected in check_period(read_period(value), frequency)
    if not expected:
        assert check_period(read_period(value), frequency) == ""


@pytest.mark.parametrize("value", ["2026-Q5", "2026-13", "H3 2026", "next spring"])
def test_a_period_that_does_not_exist_is_an_error(value):
    from gevinst.benefits.imports.measurements import read_period
    from gevinst.portfolio.imports.parsing import CellError

    with pytest.raises(CellError, match="is not a period"):
        read_period(value)


def test_headings_in_bokmal(world):
    org, refs, _identified = world
    sheet = read_sheet(workbook(["Gevinst", "Måleindikator", "Periode", "Faktisk", "Prognose",
                                 "Kommentar", "Dokumentasjon"],
                                [[refs[1], "Antall brev", "2021-01", "995", "", "Ok",
                                  "Rapport"]]))
    result = do_import_sheet(actor=None, organisation=org, kind="measurements", sheet=sheet)
    assert result.rows == 1
    made = Measurement.objects.get(organisation=org, measure__benefit__reference=refs[1])
    assert (made.period, made.actual, made.comment, made.evidence) == (
        dt.date(2021, 1, 1), Decimal("995"), "Ok", "Rapport")
