"""The benefits import: one benefit per row, registered through the same services as the
benefit pages (do_create_benefit, do_link_initiative), so that every rule is the same.

The check reads every cell and looks up people, units, initiatives and objectives (loaded
once, whatever the number of rows); the writer registers the benefits and reports what the
services refuse, by row and column. The import only adds: a reference that is already a
benefit in Gevinst is an error, as in the initiatives import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.benefits.imports.common import Columns, items, optional_number, service_errors
from gevinst.benefits.imports.headings import BENEFIT_FIELDS, words
from gevinst.benefits.models import Benefit
from gevinst.benefits.services.benefits import do_create_benefit, do_link_initiative
from gevinst.core.models import Organisation, Unit, User
from gevinst.objectives.models import Objective
from gevinst.portfolio.imports import parsing
from gevinst.portfolio.imports.headings import normalise
from gevinst.portfolio.imports.parsing import CellError, Sheet
from gevinst.portfolio.imports.validation import (
    PROGRESS_EVERY,
    Checker,
    Outcome,
    index_by,
    members,
)
from gevinst.portfolio.models import Initiative
from gevinst.portfolio.services.imports import ImportRefused, ImportResult

HUNDRED = Decimal("100")
TEXTS = ("description", "beneficiary", "enabling_changes", "preconditions")
INPUTS = ("minutes_per_case", "cases_per_year", "unit_cost", "units_per_year",
          "contract_cost_before", "contract_cost_after")
# Model field (in a service's error) → import field.
FIELD_KEYS = {"attribution": "initiatives", "initiative": "initiatives",
              "baseline_plan_date": None, "baseline_plan": None}
# A valuation input that is not in the file is reported at the valuation method's column.
FALLBACK = {key: "valuation_method" for key in INPUTS}
# "INI-0001 60", "INI-0001: 60 %", "INI-0001 (60 %)", or "INI-0001" alone.
SHARE = re.compile(r"^(?P<ref>\S+?)\s*(?:[:=]\s*|\s+)(?P<share>[0-9]+(?:[.,][0-9]+)?)\s*%?$")


class _Lookup:
    """Units and objectives by name, code or reference, inside the organisation."""

    def __init__(self, organisation: Organisation):
        units = list(Unit.objects.filter(organisation=organisation)
                     .values_list("id", "name", "code"))
        self.unit_names, self.unit_doubled = index_by(units, lambda u: normalise(u[1]),
                                                      lambda u: u[0])
        self.unit_codes, _doubled = index_by(units, lambda u: normalise(u[2] or ""), lambda u: u[0])
        objectives = list(Objective.objects.filter(organisation=organisation)
                          .values_list("id", "reference", "title"))
        self.objective_refs = {normalise(ref): pk for pk, ref, _t in objectives}
        self.objective_titles, self.objective_doubled = index_by(
            objectives, lambda o: normalise(o[2]), lambda o: o[0])

    def unit(self, text: str) -> tuple[int | None, str]:
        key = normalise(text)
        if key in self.unit_codes:
            return self.unit_codes[key], ""
        if key in self.unit_doubled:
            return None, _("Several units are called “%(unit)s”; write the unit's code "
                           "instead.") % {"unit": text[:50]}
        if key in self.unit_names:
            return self.unit_names[key], ""
        return None, _("There is no unit “%(unit)s” in this organisation.") % {"unit": text[:50]}

    def objective(self, text: str) -> tuple[int | None, str]:
        key = normalise(text)
        if key in self.objective_refs:
            return self.objective_refs[key], ""
        if key in self.objective_doubled:
            return None, _("Several objectives are called “%(title)s”; write the objective's "
                           "reference instead.") % {"title": text[:50]}
        if key in self.objective_titles:
            return self.objective_titles[key], ""
        return None, _("There is no objective “%(objective)s” in this organisation.") % {
            "objective": text[:50]}


def _shares(raw, initiatives: dict[str, tuple[int, str]]) -> tuple[list, list[str]]:
    """"INI-0001 60; INI-0002 40" → [(initiative id, Decimal share)], problems."""
    parts = items(raw)
    out: list[tuple[int, Decimal]] = []
    problems: list[str] = []
    seen: set[int] = set()
    unshared: list[str] = []
    for part in parts:
        clean = part.replace("(", " ").replace(")", " ").strip()
        m = SHARE.match(clean)
        ref, share_text = (m["ref"], m["share"]) if m else (clean, None)
        if " " in ref:
            problems.append(_("“%(part)s” is not an initiative with its share. Write the "
                              "reference and the share in %%, e.g. INI-0001 60.")
                            % {"part": part[:50]})
            continue
        found = initiatives.get(normalise(ref))
        if found is None:
            problems.append(_("There is no initiative %(ref)s in this organisation.")
                            % {"ref": ref[:50]})
            continue
        if found[0] in seen:
            problems.append(_("%(ref)s is named twice.") % {"ref": found[1]})
            continue
        seen.add(found[0])
        if share_text is None:
            if len(parts) > 1:
                unshared.append(found[1])
                continue
            share = HUNDRED
        else:
            try:
                share = parsing.number(share_text, max_digits=5, decimal_places=2)
            except CellError as exc:
                problems.append(str(exc))
                continue
        if share <= 0 or share > HUNDRED:
            problems.append(_("The share of %(ref)s must be above 0 and at most 100 %%.")
                            % {"ref": found[1]})
            continue
        out.append((found[0], share))
    if unshared:
        problems.append(_("Give the share of each initiative in %%, e.g. INI-0001 60; "
                          "INI-0002 40. Without a share: %(refs)s.")
                        % {"refs": ", ".join(unshared)})
    total = sum((share for _pk, share in out), Decimal("0"))
    if total > HUNDRED:
        problems.append(_("The shares add up to %(total)s %%; at most 100 %% can be "
                          "attributed, so that the benefit is never counted twice.")
                        % {"total": f"{total.normalize():f}"})
    return out, problems


def check_benefits(organisation: Organisation, sheet: Sheet, mapping: dict[str, str],
                   progress: Callable[[int], None] | None = None) -> Outcome:
    c = Checker("benefits", sheet, mapping)
    columns = Columns.of(c, BENEFIT_FIELDS)
    lookup = _Lookup(organisation)
    people = members(organisation)
    initiatives = {normalise(ref): (pk, ref) for pk, ref in
                   Initiative.objects.filter(organisation=organisation)
                   .values_list("id", "reference")}
    existing = {normalise(r): r for r in Benefit.objects.filter(organisation=organisation)
                .values_list("reference", flat=True)}
    choices = {key: words(key) for key in ("category", "cashability", "confidence",
                                           "valuation_method")}
    defaults = {"category": Benefit.Category.CAPACITY_FREED,
                "cashability": Benefit.Cashability.NON_CASH,
                "confidence": Benefit.Confidence.MEDIUM,
                "valuation_method": Benefit.Valuation.NOT_MONETISED}
    unknown_choice = {
        "category": _("“%(value)s” is not a category. Write one of: cash-releasing, capacity "
                      "freed, service quality, citizens and businesses, other public bodies, "
                      "risk and compliance, workforce, environment."),
        "cashability": _("“%(value)s” is not a cashability. Write cash-releasing, non-cash "
                         "or not monetised."),
        "confidence": _("“%(value)s” is not a confidence. Write high, medium or low."),
        "valuation_method": _("“%(value)s” is not a valuation method. Write time saved, unit "
                              "cost avoided, contract difference or not monetised."),
    }
    seen_refs: dict[str, int] = {}
    max_title = Benefit._meta.get_field("title").max_length

    for done, (row, cells) in enumerate(sheet.rows, start=1):
        record: dict = {"row": row, "_cells": cells, "_columns": columns}
        ref_raw = c.cell(cells, "reference")
        ref = parsing.text(ref_raw)
        if ref:
            key = normalise(ref)
            if key in existing:
                c.error(row, "reference", _("%(ref)s is already a benefit in Gevinst. This "
                                            "import only adds new benefits: remove the "
                                            "reference or the row.")
                        % {"ref": existing[key]}, ref_raw)
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
            c.error(row, "title", _("The title is empty. Every benefit needs a title."),
                    title_raw)
        elif len(title) > max_title:
            c.error(row, "title", _("The title has %(n)s characters; at most %(max)s are "
                                    "allowed.") % {"n": len(title), "max": max_title}, title_raw)
        record["title"] = title
        for key in TEXTS:
            record[key] = parsing.text(c.cell(cells, key))
        record["is_disbenefit"] = c.convert(row, cells, "is_disbenefit", parsing.boolean, False)
        for key, table in choices.items():
            raw = c.cell(cells, key)
            word = normalise(parsing.text(raw))
            record[key] = table.get(word) if word else defaults[key]
            if record[key] is None:
                c.error(row, key, unknown_choice[key] % {"value": parsing.text(raw)[:50]}, raw)
        # Owner: a member of the organisation (as the benefit form offers).
        owner_raw = c.cell(cells, "owner")
        email = parsing.text(owner_raw).lower()
        record["owner_id"] = None
        if email:
            found = people.get(email)
            if found is None:
                c.error(row, "owner", _("Nobody with the email address %(email)s is a member "
                                        "of this organisation.") % {"email": email[:100]},
                        owner_raw)
            else:
                record["owner_id"] = found[0]
        unit_raw = c.cell(cells, "owner_unit")
        record["owner_unit_id"] = None
        if parsing.text(unit_raw):
            record["owner_unit_id"], problem = lookup.unit(parsing.text(unit_raw))
            if problem:
                c.error(row, "owner_unit", problem, unit_raw)
        for key, find in (("realising_units", lookup.unit), ("objectives", lookup.objective)):
            raw = c.cell(cells, key)
            ids = []
            for part in items(raw):
                pk, problem = find(part)
                if problem:
                    c.error(row, key, problem, raw)
                elif pk not in ids:
                    ids.append(pk)
            record[key] = ids
        init_raw = c.cell(cells, "initiatives")
        record["initiatives"], problems = _shares(init_raw, initiatives)
        for problem in problems:
            c.error(row, "initiatives", problem, init_raw)
        adjustment = c.convert(row, cells, "optimism_adjustment",
                               lambda v: parsing.number(v, max_digits=5, decimal_places=2))
        if adjustment is not None and not 0 <= adjustment <= HUNDRED:
            c.error(row, "optimism_adjustment", _("Enter a share from 0 to 100 %."),
                    c.cell(cells, "optimism_adjustment"))
        record["optimism_adjustment"] = adjustment if adjustment is not None else Decimal("0")
        for key in INPUTS:
            record[key] = c.convert(row, cells, key, optional_number)
        c.outcome.records.append(record)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    return c.outcome


def write_benefits(*, actor: User | None, organisation: Organisation,
                   records: list[dict]) -> ImportResult:
    """Register each record's benefit and link its initiatives, a row at a time through the
    services; raise ImportRefused with every row they refuse (the caller's transaction then
    saves nothing)."""
    result = ImportResult(rows=len(records))
    user_ids = {r["owner_id"] for r in records if r["owner_id"]}
    unit_ids = ({r["owner_unit_id"] for r in records if r["owner_unit_id"]}
                | {pk for r in records for pk in r["realising_units"]})
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    units = {u.pk: u for u in Unit.objects.filter(organisation=organisation, pk__in=unit_ids)}
    objectives = {o.pk: o for o in Objective.objects.filter(
        organisation=organisation, pk__in={pk for r in records for pk in r["objectives"]})}
    initiatives = {i.pk: i for i in Initiative.objects.filter(
        organisation=organisation,
        pk__in={pk for r in records for pk, _share in r["initiatives"]}
    ).only("id", "organisation_id", "reference")}
    errors: list[dict] = []
    for r in records:
        fields = {key: r[key] for key in ("description", "is_disbenefit", "category",
                                          "beneficiary", "cashability", "enabling_changes",
                                          "preconditions", "confidence",
                                          "optimism_adjustment", "valuation_method", *INPUTS)}
        fields.update(owner=users.get(r["owner_id"]), owner_unit=units.get(r["owner_unit_id"]))
        if r["realising_units"]:  # (an empty list would cost the service a write for nothing)
            fields["realising_units"] = [units[pk] for pk in r["realising_units"]]
        if r["objectives"]:
            fields["objectives"] = [objectives[pk] for pk in r["objectives"]]
        try:
            with transaction.atomic():  # a refused row leaves nothing behind
                benefit = do_create_benefit(actor=actor, organisation=organisation,
                                            title=r["title"], **fields)
                for initiative_id, share in r["initiatives"]:
                    do_link_initiative(actor=actor, benefit=benefit,
                                       initiative=initiatives[initiative_id],
                                       attribution=share)
        except ValidationError as exc:
            errors.extend(service_errors(exc, r, FIELD_KEYS, FALLBACK))
            continue
        result.created.append(benefit.reference)
        if r["source_reference"]:
            result.sources[r["source_reference"]] = benefit.reference
    if errors:
        raise ImportRefused(errors)
    return result
