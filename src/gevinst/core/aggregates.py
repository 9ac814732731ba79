"""Per-organisation caching of aggregates that many readers ask for and few writes change
(the totals of the benefits overview, the planned-vs-actual dashboard).

Every write that can change a topic's numbers marks it: ``mark_changed(org_id, topic)``
inserts a ``DataChange`` row in the writer's transaction (signals do it for the models of a
topic; bulk writes call it themselves). Readers ask ``cached(org_id, topic, name, params,
compute)``: the cache key carries the newest mark's id and the number of marks, read in one
indexed query, so that

- a write's own transaction sees its new mark at once (the next read recomputes);
- other readers see the mark when the write commits, never before;
- a mark committed out of order (a smaller id committing after a larger one) still changes
  the key, because the number of marks changes;
- writers never update a shared row, so no lock is held or waited for.

The daily follow-up prunes old marks (``prune``), leaving a fresh one. Values live in the
default cache (the database cache table unless configured otherwise) for ``TIMEOUT`` seconds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max

from gevinst.core.models import DataChange
from gevinst.core.scoping import unscoped

TIMEOUT = 3600
_MISSING = object()


def mark_changed(organisation_id: int | None, topic: str) -> None:
    """Record that data of ``topic`` changed in the organisation (in the current
    transaction)."""
    if organisation_id is not None:
        DataChange(organisation_id=organisation_id, topic=topic).save()


def version(organisation_id: int, topic: str) -> str:
    """The topic's data version: newest mark and number of marks."""
    with unscoped():  # filtered by organisation explicitly; also runs in background work
        got = DataChange.objects.filter(organisation_id=organisation_id, topic=topic) \
            .aggregate(last=Max("id"), n=Count("id"))
    return f"{got['last'] or 0}.{got['n']}"


def cached(organisation_id: int, topic: str, name: str, params, compute: Callable):
    """``compute()``, cached for the organisation's current data version of ``topic`` and
    ``params`` (anything JSON can write; sorted dicts/lists give stable keys)."""
    digest = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode(),
                          usedforsecurity=False).hexdigest()[:16]
    key = f"agg:{topic}:{organisation_id}:{version(organisation_id, topic)}:{name}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def prune(organisation_id: int, topic: str) -> int:
    """Delete the marks of a topic but the newest, then add a fresh one (so no older
    version key can come back). Returns how many were deleted."""
    with unscoped():
        marks = DataChange.objects.filter(organisation_id=organisation_id, topic=topic)
        last = marks.aggregate(last=Max("id"))["last"]
        deleted = marks.filter(id__lt=last).delete()[0] if last else 0
    mark_changed(organisation_id, topic)
    return deleted
