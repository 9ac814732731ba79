"""Optimistic concurrency: a record's ``version`` must match what the editor started from."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Somebody else saved the record after this editor loaded it."""

    def __init__(self, instance, expected: int):
        self.instance = instance
        self.expected = expected
        super().__init__(
            _("Somebody else saved this record while you were editing it. Your changes are "
              "kept below but were not saved; compare with the current version and save again.")
        )


def claim_version(instance, expected: int | None) -> None:
    """Bump ``instance.version`` if it is still ``expected``; raise EditConflict otherwise.

    A single conditional UPDATE, so two writers can never both win, on SQLite or PostgreSQL.
    Call inside the writer's transaction, before saving the new values.
    """
    if expected is None:
        raise EditConflict(instance, -1)
    model = type(instance)
    claimed = model._base_manager.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(instance, expected)
    instance.version = expected + 1
