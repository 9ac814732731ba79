"""The measurements import: one measurement (a measure of a benefit in a period) per row,
recorded through do_record_measurements, the service of the measurement grid, so that the
rules are the same (all or nothing, the benefit profiled and not withdrawn, an approved
benefit moves into realisation, the follow-up state is refreshed).

The period. A period is named by its first day, as everywhere in Gevinst: 01.04.2026 is the
second quarter of a quarterly measure and April of a monthly one. A date inside a period
(15.05.2026) is an error, not moved to its period, so that a figure never lands in a period
it was not meant for; the message names the period the date falls in. The period may also
be written as itself, which must then be a period of the measure's frequency: 2026-04 (a
month), 2026-Q2 or Q2 2026 (a quarter; K2 in Norwegian), 2026-H1 (a half year), 2026 (a
year).

The import only adds. A measurement that Gevinst already has for the measure and period is
an error (correct it on the benefit's page, where a corrected figure loses its
verification), and so is a second row for the same measure and period.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gevinst.benefits import calc
from gevinst.benefits.imports.common import Columns, optional_number, service_errors
from gevinst.benefits.imports.headings import MEASUREMENT_FIELDS
from gevinst.benefits.models import Benefit, Measure, Measurement
from gevinst.benefits.services.measures import GridErrors, do_record_measurements
from gevinst.core.models import Organisation, User
from gevinst.portfolio.imports import parsing
from gevinst.portfolio.imports.headings import normalise
from gevinst.portfolio.imports.parsing import CellError, Sheet
from gevinst.portfolio.imports.validation import PROGRESS_EVERY, Checker, Outcome
from gevinst.portfolio.services.imports import ImportRefused, ImportResult

NUMBER = {"max_digits": 16, "decimal_places": 4}
NOT_MEASURED = (Benefit.Status.IDENTIFIED, Benefit.Status.WITHDRAWN)

# Periods written as themselves: pattern → (frequency, year group, number group).
_LABELS = (
    (re.compile(r"^(\d{4})$"), "yearly", 1, None),
    (re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$"), "monthly", 1, 2),
    (re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$"), "monthly", 2, 1),
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*[QK](\d)$", re.I), "quarterly", 1, 2),
    (re.compile(r"^[QK](\d)\s*[-/ ]?\s*(\d{4})$", re.I), "quarterly", 2, 1),
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*H(\d)$", re.I), "half_yearly", 1, 2),
    (re.compile(r"^H(\d)\s*[-/ ]?\s*(\d{4})$", re.I), "half_yearly", 2, 1),
)


def period_label(value) -> tuple[dt.date, str] | None:
    """A period written as itself → (its first day, its frequency); None if the value is
    not such a label (then it is read as a date)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    raw = str(value).strip()
    for pattern, frequency, year_group, number_group in _LABELS:
        m = pattern.match(raw)
        if not m:
            continue
        year = int(m.group(year_group))
        number = int(m.group(number_group)) if number_group else 1
        months = calc.MONTHS_PER_PERIOD[frequency]
        if not 1900 <= year <= 2200 or not 1 <= number <= 12 // months:
            raise CellError(_("“%(value)s” is not a period.") % {"value": raw[:50]})
        return dt.date(year, (number - 1) * months + 1, 1), frequency
    return None


def read_period(value) -> tuple[dt.date, str | None] | None:
    """(first day, frequency of a label or None for a date), None for an empty cell."""
    if parsing.text(value) == "":
        return None
    label = period_label(value)
    if label is not None:
        return label
    try:
        day = parsing.date(value)
    except CellError:
        raise CellError(_("“%(value)s” is not a period. Write the first day of the period as "
                          "a date (01.04.2026), or the period as 2026-04, 2026-Q2, 2026-H1 or "
                          "2026.") % {"value": parsing.text(value)[:50]}) from None
    return day, None


def frequency_name(frequency: str) -> str:
    return str(Measure.Frequency(frequency).label)


def check_period(period: tuple[dt.date, str | None], frequency: str) -> str:
    """Why ``period`` is not a period of a measure of ``frequency`` ('' if it is)."""
    day, written_as = period
    if written_as is not None:
        if written_as != frequency:
            return _("“%(period)s” is a period of the frequency “%(written)s”, but this "
                     "measure's frequency is “%(frequency)s”.") % {
                "period": _label(day, written_as), "written": frequency_name(written_as),
                "frequency": frequency_name(frequency)}
        return ""
    start = calc.period_start(day, frequency)
    if start != day:
        return _("%(date)s is not the first day of a period of this measure (frequency "
                 "“%(frequency)s”); the period it falls in starts %(start)s.") % {
            "date": day.isoformat(), "frequency": frequency_name(frequency),
            "start": start.isoformat()}
    return ""


def _label(day: dt.date, frequency: str) -> str:
    if frequency == "yearly":
        return str(day.year)
    if frequency == "monthly":
        return f"{day.year}-{day.month:02d}"
    if frequency == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-H{(day.month - 1) // 6 + 1}"


def check_measurements(organisation: Organisation, sheet: Sheet, mapping: dict[str, str],
                       progress: Callable[[int], None] | None = None) -> Outcome:
    c = Checker("measurements", sheet, mapping)
    columns = Columns.of(c, MEASUREMENT_FIELDS)
    benefits = {normalise(ref): (pk, ref, status) for pk, ref, status in
                Benefit.objects.filter(organisation=organisation)
                .values_list("id", "reference", "status")}
    used = {benefits[k][0] for k in {normalise(parsing.text(c.cell(cells, "benefit")))
                                     for _row, cells in sheet.rows} if k in benefits}
    by_benefit: dict[int, list[tuple]] = defaultdict(list)  # benefit → (id, order, name, freq)
    for row in (Measure.objects.filter(organisation=organisation, benefit_id__in=used)
                .order_by("order", "pk").values_list("id", "benefit_id", "order", "name",
                                                     "frequency")):
        by_benefit[row[1]].append((row[0], row[2], row[3], row[4]))
    measure_ids = [m[0] for rows in by_benefit.values() for m in rows]
    existing = set(Measurement.objects.filter(organisation=organisation,
                                              measure_id__in=measure_ids)
                   .values_list("measure_id", "period"))
    seen: dict[tuple[int, dt.date], int] = {}

    for done, (row, cells) in enumerate(sheet.rows, start=1):
        record: dict = {"row": row, "_cells": cells, "_columns": columns, "measure_id": None}
        ref_raw = c.cell(cells, "benefit")
        ref = parsing.text(ref_raw)
        benefit = benefits.get(normalise(ref))
        if not ref:
            c.error(row, "benefit", _("The benefit is empty. Write the reference of a benefit "
                                      "(BEN-…)."), ref_raw)
        elif benefit is None:
            c.error(row, "benefit", _("There is no benefit %(ref)s in this organisation.")
                    % {"ref": ref[:50]}, ref_raw)
        elif benefit[2] in NOT_MEASURED:
            c.error(row, "benefit", _("%(ref)s is %(status)s: measurements are recorded once "
                                      "the benefit is profiled, and not for a withdrawn "
                                      "benefit.")
                    % {"ref": benefit[1],
                       "status": str(Benefit.Status(benefit[2]).label).lower()}, ref_raw)
        measure = None
        measure_raw = c.cell(cells, "measure")
        name = parsing.text(measure_raw)
        if benefit is not None and not name:
            c.error(row, "measure", _("The measure is empty. Write the name of one of the "
                                      "benefit's measures, or its number."), measure_raw)
        elif benefit is not None:
            own = by_benefit.get(benefit[0], [])
            named = [m for m in own if normalise(m[2]) == normalise(name)]
            if not named and name.isdigit():
                named = [m for m in own if m[1] == int(name)]
            if len(named) == 1:
                measure = named[0]
            elif named:
                c.error(row, "measure", _("%(ref)s has several measures called “%(name)s”; "
                                          "write the measure's number instead.")
                        % {"ref": benefit[1], "name": name[:50]}, measure_raw)
            else:
                c.error(row, "measure", _("%(ref)s has no measure “%(name)s”. Its measures: "
                                          "%(names)s.")
                        % {"ref": benefit[1], "name": name[:50],
                           "names": ", ".join(f"{m[1]} {m[2]}" for m in own) or "—"},
                        measure_raw)
        period_raw = c.cell(cells, "period")
        period = c.convert(row, cells, "period", read_period)
        if period is None and parsing.text(period_raw) == "":
            c.error(row, "period", _("The period is empty. Write the first day of the "
                                     "period."), period_raw)
        elif period is not None and measure is not None:
            problem = check_period(period, measure[3])
            if problem:
                c.error(row, "period", problem, period_raw)
                period = None
        record["period"] = period[0] if period else None
        record["actual"] = c.convert(row, cells, "actual",
                                     lambda v: optional_number(v, **NUMBER))
        record["forecast"] = c.convert(row, cells, "forecast",
                                       lambda v: optional_number(v, **NUMBER))
        if (parsing.text(c.cell(cells, "actual")) == ""
                and parsing.text(c.cell(cells, "forecast")) == ""):
            c.error(row, "actual", _("Enter an actual value or a forecast."),
                    c.cell(cells, "actual"))
        record["comment"] = parsing.text(c.cell(cells, "comment"))
        record["evidence"] = parsing.text(c.cell(cells, "evidence"))
        if measure is not None and record["period"] is not None:
            record["measure_id"] = measure[0]
            identity = (measure[0], record["period"])
            if identity in existing:
                c.error(row, "period", _("%(ref)s already has a measurement of “%(measure)s” "
                                         "for %(period)s. This import only adds "
                                         "measurements: correct that one on the benefit's "
                                         "page, or remove the row.")
                        % {"ref": benefit[1], "measure": measure[2][:50],
                           "period": record["period"].isoformat()}, period_raw)
            elif identity in seen:
                c.error(row, "period", _("Row %(other)s has the same measure and period; each "
                                         "period of a measure may appear once.")
                        % {"other": seen[identity]}, period_raw)
            else:
                seen[identity] = row
        c.outcome.records.append(record)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    return c.outcome


def write_measurements(*, actor: User | None, organisation: Organisation,
                       records: list[dict]) -> ImportResult:
    """Record every row with do_record_measurements (one call: all or nothing); raise
    ImportRefused with the rows and columns it refuses."""
    measures = {m.pk: m for m in Measure.objects.filter(
        organisation=organisation, pk__in={r["measure_id"] for r in records})
        .select_related("benefit")}
    for measure in measures.values():
        measure.benefit.organisation = organisation  # refresh_benefit reads it
    entries = [{"measure": measures[r["measure_id"]], "period": r["period"],
                "data": {"actual": r["actual"], "forecast": r["forecast"],
                         "comment": r["comment"], "evidence": r["evidence"]}}
               for r in records]
    try:
        saved = do_record_measurements(actor=actor, entries=entries)
    except GridErrors as exc:
        errors = []
        for index, fields in sorted(exc.rows.items()):
            errors.extend(service_errors(ValidationError(fields), records[index], {}))
        raise ImportRefused(errors) from exc
    return ImportResult(rows=len(saved))
