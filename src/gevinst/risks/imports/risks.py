"""The risks import: one risk or opportunity per row, registered through the same services
as the register's pages (do_create_risk, do_add_action), so that every rule is the same
(strategy fits the type, both values after action or neither, no "accept" above the risk
appetite without a named decision, the level derived from initiative and programme).

The check reads every cell and looks up people, initiatives and programmes (loaded once,
whatever the number of rows) and reports every problem by row and column; the writer
registers the risks inside the import's one transaction and reports what the services
refuse, by row and column too. The import only adds: a reference that is already a risk in
Gevinst is an error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.benefits.imports.common import Columns, items, service_errors
from gevinst.core.models import Organisation, User
from gevinst.portfolio.imports import parsing
from gevinst.portfolio.imports.headings import normalise
from gevinst.portfolio.imports.parsing import Sheet
from gevinst.portfolio.imports.validation import (
    PROGRESS_EVERY,
    Checker,
    Outcome,
    index_by,
    members,
)
from gevinst.portfolio.models import Initiative, Programme
from gevinst.portfolio.services.imports import ImportRefused, ImportResult
from gevinst.risks.imports.headings import RISK_FIELDS, words
from gevinst.risks.models import Risk

TEXTS = ("description", "cause", "effect")
SCORES = ("probability", "impact", "residual_probability", "residual_impact")
CHOICE_KEYS = ("kind", "category", "proximity", "status", "strategy")
# Model field (in a service's error) → import field.
FIELD_KEYS = {"level": "initiative", "organisation": None, "residual_score": None,
              "score": None}
# A service error about a field that is not in the file: at this field's column instead.
FALLBACK = {"residual_impact": "residual_probability", "residual_probability":
            "residual_impact", "programme": "initiative", "initiative": "programme"}
DEFAULT_STRATEGY = {Risk.Kind.RISK: Risk.Strategy.REDUCE,
                    Risk.Kind.OPPORTUNITY: Risk.Strategy.EXPLOIT}


def _unknown_choice(key: str) -> str:
    return {
        "kind": _("“%(value)s” is not a type. Write risk or opportunity."),
        "category": _("“%(value)s” is not a category. Write one of: strategic, financial, "
                      "delivery and schedule, technology and architecture, information "
                      "security and data protection, legal and compliance, supplier and "
                      "market, people and competence, change and adoption, reputation and "
                      "trust."),
        "proximity": _("“%(value)s” is not a proximity. Write within 3 months, in 3 to 12 "
                       "months or later than 12 months."),
        "status": _("“%(value)s” is not a status. Write open, occurred or closed."),
        "strategy": _("“%(value)s” is not a strategy. Write reduce, avoid, transfer, share, "
                      "accept or monitor for a risk; exploit, enhance, share, accept or "
                      "monitor for an opportunity."),
    }[key]


def score_value(value) -> int | None:
    """A probability or impact: a whole number from 1 to 5 (None for an empty cell)."""
    if parsing.text(value) == "":
        return None
    try:
        number = parsing.number(value, max_digits=6, decimal_places=2)
    except parsing.CellError:
        number = None
    if number is None or number != number.to_integral_value() or not 1 <= number <= 5:
        raise parsing.CellError(_("“%(value)s” is not a whole number from 1 to 5.")
                                % {"value": parsing.text(value)[:50]})
    return int(number)


def check_risks(organisation: Organisation, sheet: Sheet, mapping: dict[str, str],
                progress: Callable[[int], None] | None = None) -> Outcome:
    c = Checker("risks", sheet, mapping)
    columns = Columns.of(c, RISK_FIELDS)
    people = members(organisation)
    initiatives = {normalise(ref): (pk, ref) for pk, ref in
                   Initiative.objects.filter(organisation=organisation)
                   .values_list("id", "reference")}
    programmes = list(Programme.objects.filter(organisation=organisation)
                      .values_list("id", "name", "reference"))
    prog_names, prog_doubled = index_by(programmes, lambda p: normalise(p[1]), lambda p: p[0])
    prog_refs = {normalise(ref): pk for pk, _name, ref in programmes}
    existing = {normalise(r): r for r in Risk.objects.filter(organisation=organisation)
                .values_list("reference", flat=True)}
    choices = {key: words(key) for key in CHOICE_KEYS}
    defaults = {"kind": Risk.Kind.RISK, "category": Risk._meta.get_field("category").default,
                "proximity": Risk.Proximity.NEAR, "status": Risk.Status.OPEN}
    seen_refs: dict[str, int] = {}
    max_title = Risk._meta.get_field("title").max_length

    for done, (row, cells) in enumerate(sheet.rows, start=1):
        record: dict = {"row": row, "_cells": cells, "_columns": columns}
        ref_raw = c.cell(cells, "reference")
        ref = parsing.text(ref_raw)
        if ref:
            key = normalise(ref)
            if key in existing:
                c.error(row, "reference", _("%(ref)s is already a risk in Gevinst. This import "
                                            "only adds new risks: remove the reference or the "
                                            "row.") % {"ref": existing[key]}, ref_raw)
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
            c.error(row, "title", _("The title is empty. Every risk needs a title."),
                    title_raw)
        elif len(title) > max_title:
            c.error(row, "title", _("The title has %(n)s characters; at most %(max)s are "
                                    "allowed.") % {"n": len(title), "max": max_title}, title_raw)
        record["title"] = title
        for key in TEXTS:
            record[key] = parsing.text(c.cell(cells, key))
        for key in CHOICE_KEYS:
            raw = c.cell(cells, key)
            word = normalise(parsing.text(raw))
            record[key] = choices[key].get(word) if word else defaults.get(key)
            if word and record[key] is None:
                c.error(row, key, _unknown_choice(key) % {"value": parsing.text(raw)[:50]},
                        raw)
        if not normalise(parsing.text(c.cell(cells, "strategy"))):
            record["strategy"] = DEFAULT_STRATEGY.get(record["kind"], Risk.Strategy.REDUCE)
        for key in SCORES:
            record[key] = c.convert(row, cells, key, score_value)
        for key in ("probability", "impact"):
            if not parsing.text(c.cell(cells, key)):
                c.error(row, key, _("Empty. Write a whole number from 1 to 5."), "")
        given = {key: parsing.text(c.cell(cells, key)) != "" for key in SCORES[2:]}
        if given["residual_probability"] != given["residual_impact"]:
            missing = ("residual_impact" if given["residual_probability"]
                       else "residual_probability")
            c.error(row, missing, _("Give both the probability and the impact after action, "
                                    "or neither."), "")
        record["next_review"] = c.convert(row, cells, "next_review", parsing.date)
        # Where the risk lives: an initiative, else a programme, else the organisation.
        init_raw = c.cell(cells, "initiative")
        record["initiative_id"] = None
        if parsing.text(init_raw):
            found = initiatives.get(normalise(parsing.text(init_raw)))
            if found is None:
                c.error(row, "initiative", _("There is no initiative %(ref)s in this "
                                             "organisation.")
                        % {"ref": parsing.text(init_raw)[:50]}, init_raw)
            else:
                record["initiative_id"] = found[0]
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
        record["actions"] = items(c.cell(cells, "actions"))
        c.outcome.records.append(record)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    return c.outcome


def write_risks(*, actor: User | None, organisation: Organisation,
                records: list[dict]) -> ImportResult:
    """Register each record's risk (and its actions), a row at a time through the services;
    raise ImportRefused with every row they refuse (the caller's transaction then saves
    nothing)."""
    from gevinst.risks.services import do_add_action, do_create_risk

    result = ImportResult(rows=len(records))
    users = {u.pk: u for u in User.objects.filter(
        pk__in={r["owner_id"] for r in records if r["owner_id"]})}
    initiatives = {i.pk: i for i in Initiative.objects.filter(
        organisation=organisation, pk__in={r["initiative_id"] for r in records
                                           if r["initiative_id"]}).select_related("programme")}
    programmes = {p.pk: p for p in Programme.objects.filter(
        organisation=organisation, pk__in={r["programme_id"] for r in records
                                           if r["programme_id"]})}
    errors: list[dict] = []
    for r in records:
        data = {key: r[key] for key in ("kind", "title", *TEXTS, "category", "proximity",
                                        "status", "strategy", *SCORES, "next_review")}
        data.update(initiative=initiatives.get(r["initiative_id"]),
                    programme=programmes.get(r["programme_id"]),
                    owner=users.get(r["owner_id"]))
        try:
            with transaction.atomic():  # a refused row leaves nothing behind
                risk = do_create_risk(actor=actor, organisation=organisation, data=data)
                for description in r["actions"]:
                    do_add_action(actor=actor, risk=risk, description=description)
        except ValidationError as exc:
            found = service_errors(exc, r, {**FIELD_KEYS, "description": "actions"},
                                   FALLBACK)
            errors.extend(found)
            continue
        result.created.append(risk.reference)
        if r["source_reference"]:
            result.sources[r["source_reference"]] = risk.reference
    if errors:
        raise ImportRefused(errors)
    return result
