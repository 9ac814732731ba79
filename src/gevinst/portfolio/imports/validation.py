"""Checking every row of an import and collecting every error, by row and column.

Nothing is written here. Look-ups (units, phases, programmes, people, existing references)
are loaded once per check, so a check costs the same few queries for 10 or 10,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation, Role, Unit
from gevinst.portfolio.imports import parsing
from gevinst.portfolio.imports.headings import (
    FIELDS,
    LANGS,
    KindTable,
    column_letter,
    normalise,
    words,
)
from gevinst.portfolio.imports.parsing import CellError, Sheet
from gevinst.portfolio.models import Initiative, MoneyYear, Phase, Programme

PROGRESS_EVERY = 500


@dataclass
class Outcome:
    errors: list[dict] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def check_mapping(kind: str, headers: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """The mapping as field key → column index; refuses unknown, doubled or missing fields."""
    fields = {f.key: f for f in FIELDS[kind]}
    chosen: dict[str, int] = {}
    problems = []
    for column, key in mapping.items():
        if not key:
            continue
        if key not in fields or not str(column).isdigit() or int(column) >= len(headers):
            problems.append(_("The mapping names a column or field that does not exist."))
            continue
        if key in chosen:
            problems.append(_("“%(field)s” is chosen for more than one column.")
                            % {"field": fields[key].label})
            continue
        chosen[key] = int(column)
    for f in FIELDS[kind]:
        if f.required and f.key not in chosen:
            problems.append(_("Choose the column that holds “%(field)s”.") % {"field": f.label})
    if problems:
        raise ValidationError(problems)
    return chosen


class _Checker:
    def __init__(self, kind: str, sheet: Sheet, mapping: dict[str, str]):
        self.kind = kind
        self.sheet = sheet
        self.columns = check_mapping(kind, sheet.headers, mapping)
        self.outcome = Outcome(rows=len(sheet.rows))

    def error(self, row: int, key: str | None, message: str, value=None) -> None:
        index = self.columns.get(key) if key else None
        self.outcome.errors.append({
            "row": row,
            "column": column_letter(index) if index is not None else "",
            "heading": self.sheet.headers[index] if index is not None else "",
            "field": key or "",
            "value": parsing.text(value)[:100] if value is not None else "",
            "message": message,
        })

    def cell(self, cells: list, key: str):
        index = self.columns.get(key)
        return cells[index] if index is not None else ""

    def convert(self, row: int, cells: list, key: str, convert: Callable, default=None):
        raw = self.cell(cells, key)
        try:
            return convert(raw)
        except CellError as exc:
            self.error(row, key, str(exc), raw)
            return default


def _index(items, key_of, value_of) -> tuple[dict, set]:
    """name → value, and the names that more than one item has (ambiguous)."""
    found, doubled = {}, set()
    for item in items:
        k = key_of(item)
        if not k:
            continue
        if k in found and found[k] != value_of(item):
            doubled.add(k)
        found[k] = value_of(item)
    return found, doubled


def _phase_words(organisation: Organisation) -> dict[str, int]:
    phases = list(Phase.objects.filter(organisation=organisation).values_list(
        "id", "key", "custom_name"))
    by_key = {key: pk for pk, key, _name in phases}
    out: dict[str, int] = {}
    for word, key in words("phase").items():
        if key in by_key:
            out[word] = by_key[key]
    for lang in LANGS:  # the names the app shows, in each language
        with translation.override(lang):
            for pk, key, _name in phases:
                try:
                    out.setdefault(normalise(str(Phase.Key(key).label)), pk)
                except ValueError:
                    pass
    for pk, key, name in phases:
        out[normalise(key)] = pk
        if name:
            out[normalise(name)] = pk
    return out


def _people(organisation: Organisation) -> dict[str, tuple[int, str]]:
    """email (lower case) → (user id, role) of the organisation's members."""
    return {email.lower(): (pk, role) for pk, email, role in
            Membership.objects.filter(organisation=organisation)
            .values_list("user_id", "user__email", "role")}


def check_initiatives(organisation: Organisation, sheet: Sheet, mapping: dict[str, str],
                      progress: Callable[[int], None] | None = None) -> Outcome:
    c = _Checker("initiatives", sheet, mapping)
    units = list(Unit.objects.filter(organisation=organisation).values_list("id", "name", "code"))
    unit_names, unit_doubled = _index(units, lambda u: normalise(u[1]), lambda u: u[0])
    unit_codes, _codes_doubled = _index(units, lambda u: normalise(u[2]), lambda u: u[0])
    programmes = list(Programme.objects.filter(organisation=organisation)
                      .values_list("id", "name", "reference"))
    prog_names, prog_doubled = _index(programmes, lambda p: normalise(p[1]), lambda p: p[0])
    prog_refs = {normalise(ref): pk for pk, _n, ref in programmes}
    phase_words = _phase_words(organisation)
    first_phase = (Phase.objects.filter(organisation=organisation).order_by("order")
                   .values_list("id", flat=True).first())
    people = _people(organisation)
    ambition_words, status_words = words("ambition"), words("status")
    existing = set(Initiative.objects.filter(organisation=organisation)
                   .values_list("reference", flat=True))
    existing_norm = {normalise(r): r for r in existing}
    seen_refs: dict[str, int] = {}
    max_title = Initiative._meta.get_field("title").max_length

    def choice(row, cells, key, table, default):
        raw = c.cell(cells, key)
        word = normalise(parsing.text(raw))
        if not word:
            return default
        if word in table:
            return table[word]
        if key == "ambition":
            message = _("“%(value)s” is not an ambition. Write improve or transform.")
        elif key == "status":
            message = _("“%(value)s” is not a status. Write active, on hold, stopped or "
                        "completed.")
        else:
            message = _("“%(value)s” is not a phase of this organisation's phase model.")
        c.error(row, key, message % {"value": parsing.text(raw)[:50]}, raw)
        return default

    def person(row, cells, key):
        raw = c.cell(cells, key)
        email = parsing.text(raw).lower()
        if not email:
            return None
        found = people.get(email)
        if found is None:
            c.error(row, key, _("Nobody with the email address %(email)s is a member of this "
                                "organisation.") % {"email": email[:100]}, raw)
            return None
        if found[1] == Role.EMPLOYEE:
            c.error(row, key, _("%(email)s is an employee; choose a person who works with the "
                                "portfolio.") % {"email": email[:100]}, raw)
            return None
        return found[0]

    for done, (row, cells) in enumerate(sheet.rows, start=1):
        record: dict = {"row": row}
        ref_raw = c.cell(cells, "reference")
        ref = parsing.text(ref_raw)
        if ref:
            key = normalise(ref)
            if key in existing_norm:
                c.error(row, "reference", _("%(ref)s is already an initiative in Gevinst. This "
                                            "import only adds new initiatives: remove the "
                                            "reference or the row.")
                        % {"ref": existing_norm[key]}, ref_raw)
            elif key in seen_refs:
                c.error(row, "reference", _("The reference %(ref)s is also on row %(other)s; "
                                            "each reference may appear once.")
                        % {"ref": ref[:50], "other": seen_refs[key]}, ref_raw)
            else:
                seen_refs[key] = row
        record["source_reference"] = ref
        title_raw = c.cell(cells, "title")
        title = parsing.text(title_raw)
        if not title:
            c.error(row, "title", _("The title is empty. Every initiative needs a title."),
                    title_raw)
        elif len(title) > max_title:
            c.error(row, "title", _("The title has %(n)s characters; at most %(max)s are "
                                    "allowed.") % {"n": len(title), "max": max_title}, title_raw)
        record["title"] = title
        record["problem"] = parsing.text(c.cell(cells, "problem"))
        record["target_state"] = parsing.text(c.cell(cells, "target_state"))
        record["ambition"] = choice(row, cells, "ambition", ambition_words,
                                    Initiative.Ambition.IMPROVE)
        record["status"] = choice(row, cells, "status", status_words, Initiative.Status.ACTIVE)
        record["phase_id"] = choice(row, cells, "phase", phase_words, first_phase)
        record["is_lighthouse"] = c.convert(row, cells, "is_lighthouse", parsing.boolean, False)
        record["start_date"] = c.convert(row, cells, "start_date", parsing.date)
        record["end_date"] = c.convert(row, cells, "end_date", parsing.date)
        if (record["start_date"] and record["end_date"]
                and record["end_date"] < record["start_date"]):
            c.error(row, "end_date", _("The end date %(end)s is before the start date "
                                       "%(start)s.") % {"end": record["end_date"].isoformat(),
                                                        "start": record["start_date"].isoformat()},
                    c.cell(cells, "end_date"))
        unit_raw = c.cell(cells, "owning_unit")
        unit = normalise(parsing.text(unit_raw))
        record["owning_unit_id"] = None
        if unit:
            if unit in unit_codes:
                record["owning_unit_id"] = unit_codes[unit]
            elif unit in unit_doubled:
                c.error(row, "owning_unit", _("Several units are called “%(unit)s”; write the "
                                              "unit's code instead.")
                        % {"unit": parsing.text(unit_raw)[:50]}, unit_raw)
            elif unit in unit_names:
                record["owning_unit_id"] = unit_names[unit]
            else:
                c.error(row, "owning_unit", _("There is no unit “%(unit)s” in this "
                                              "organisation.")
                        % {"unit": parsing.text(unit_raw)[:50]}, unit_raw)
        prog_raw = c.cell(cells, "programme")
        prog = normalise(parsing.text(prog_raw))
        record["programme_id"] = None
        if prog:
            if prog in prog_refs:
                record["programme_id"] = prog_refs[prog]
            elif prog in prog_doubled:
                c.error(row, "programme", _("Several programmes are called “%(name)s”; write "
                                            "the programme's reference instead.")
                        % {"name": parsing.text(prog_raw)[:50]}, prog_raw)
            elif prog in prog_names:
                record["programme_id"] = prog_names[prog]
            else:
                c.error(row, "programme", _("There is no programme “%(name)s” in this "
                                            "organisation.")
                        % {"name": parsing.text(prog_raw)[:50]}, prog_raw)
        record["owner_id"] = person(row, cells, "owner")
        record["manager_id"] = person(row, cells, "manager")
        c.outcome.records.append(record)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    if first_phase is None:
        c.error(sheet.header_row, None, _("This organisation has no phase model yet."))
    return c.outcome


def check_money(organisation: Organisation, sheet: Sheet, mapping: dict[str, str],
                progress: Callable[[int], None] | None = None) -> Outcome:
    c = _Checker("money", sheet, mapping)
    initiatives = {normalise(ref): pk for ref, pk in
                   Initiative.objects.filter(organisation=organisation)
                   .values_list("reference", "id")}
    kind_words = words("kind")
    seen: dict[tuple, int] = {}
    amounts = [("investment", 14, 2), ("operating_cost_change", 14, 2),
               ("internal_hours", 10, 1), ("internal_cost", 14, 2),
               ("external_purchases", 14, 2)]
    for done, (row, cells) in enumerate(sheet.rows, start=1):
        record: dict = {"row": row}
        ref_raw = c.cell(cells, "reference")
        ref = parsing.text(ref_raw)
        record["initiative_id"] = initiatives.get(normalise(ref))
        if not ref:
            c.error(row, "reference", _("The reference is empty. Write the reference of an "
                                        "initiative (INI-…)."), ref_raw)
        elif record["initiative_id"] is None:
            c.error(row, "reference", _("There is no initiative %(ref)s in this organisation.")
                    % {"ref": ref[:50]}, ref_raw)
        record["year"] = c.convert(row, cells, "year", parsing.year)
        kind_raw = c.cell(cells, "kind")
        record["kind"] = kind_words.get(normalise(parsing.text(kind_raw)))
        if record["kind"] is None:
            c.error(row, "kind", _("“%(value)s” is not a kind. Write budget, actual or "
                                   "forecast.") % {"value": parsing.text(kind_raw)[:50]},
                    kind_raw)
        for key, digits, places in amounts:
            record[key] = c.convert(row, cells, key, lambda v, d=digits, p=places:
                                    parsing.number(v, max_digits=d, decimal_places=p))
        identity = (record["initiative_id"], record["year"], record["kind"])
        if None not in identity:
            if identity in seen:
                c.error(row, "kind", _("%(ref)s already has %(kind)s for %(year)s on row "
                                       "%(other)s.")
                        % {"ref": ref, "kind": MoneyYear.Kind(record["kind"]).label,
                           "year": record["year"], "other": seen[identity]}, kind_raw)
            else:
                seen[identity] = row
        c.outcome.records.append(record)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    return c.outcome


CHECKS = KindTable({"initiatives": check_initiatives, "money": check_money}, "check")

# For the checks of other apps' kinds (benefits/imports/).
Checker = _Checker
index_by = _index
members = _people
