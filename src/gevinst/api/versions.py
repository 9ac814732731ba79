"""Optimistic concurrency over the API: the version a client read, from the body or If-Match."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Status

VERSION_HELP = "The version you read; or send an If-Match header with it"


def version_from(request, given: int | None) -> int | None:
    """``given`` (the body's ``version``), else the If-Match header; None when neither is
    sent, -1 for an If-Match that is no version (so the edit conflicts, never overwrites)."""
    if given is not None:
        return given
    raw = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    if not raw:
        return None
    return int(raw) if raw.isdigit() else -1


def pop_version(request, data: dict) -> int | None:
    """``version_from`` for a payload dict, taking ``version`` out of it."""
    return version_from(request, data.pop("version", None))


def version_required() -> Status:
    """The 428 answer to an edit that did not say which version it read."""
    return Status(428, {"detail": _("Send the version you read (field 'version' or an "
                                    "If-Match header), so that concurrent edits are caught.")})
