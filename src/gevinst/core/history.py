"""Readable change history of any record that has ``history = HistoricalRecords()``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

HIDDEN_FIELDS = {"version", "created_at", "updated_at", "number", "organisation", "token_hash",
                 "key_hash"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str  # created, changed, deleted
    changes: list[Change] = field(default_factory=list)


def _display(model_field: models.Field, value, related: dict) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return str(obj) if obj is not None else _("(removed)")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def history_entries(instance, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: who changed what and when, with old and new values for people."""
    records = list(instance.history.select_related("history_user").order_by("-history_date",
                                                                             "-history_id")
                   [: limit + 1])
    model = type(instance)
    recorded = {f.attname for f in instance.history.model._meta.concrete_fields}
    fields = [f for f in model._meta.concrete_fields
              if f.name not in HIDDEN_FIELDS and not f.primary_key and f.attname in recorded]
    # Resolve every foreign key value that appears, one query per related model.
    wanted: dict[type, set] = {}
    for rec in records:
        for f in fields:
            if f.is_relation:
                value = getattr(rec, f.attname)
                if value is not None:
                    wanted.setdefault(f.related_model, set()).add(value)
    related: dict = {}
    for rel_model, pks in wanted.items():
        for obj in rel_model._base_manager.filter(pk__in=pks):
            related[(rel_model, obj.pk)] = obj
    entries = []
    kinds = {"+": "created", "~": "changed", "-": "deleted"}
    for index, rec in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        who = str(rec.history_user) if rec.history_user else _("system")
        entry = HistoryEntry(when=rec.history_date, who=who, kind=kinds[rec.history_type])
        for f in fields:
            new = getattr(rec, f.attname)
            old = getattr(older, f.attname) if older is not None else None
            if rec.history_type == "+" and (new is None or new == ""):
                continue
            if older is not None and old == new:
                continue
            if rec.history_type == "-":
                continue
            entry.changes.append(Change(
                label=str(f.verbose_name).capitalize(),
                old=_display(f, old, related) if older is not None else "",
                new=_display(f, new, related),
            ))
        if entry.changes or rec.history_type != "~":
            entries.append(entry)
    return entries
