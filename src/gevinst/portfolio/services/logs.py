"""Every write to the initiative log: decisions, change requests, issues, lessons learned."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import User
from gevinst.core.versioning import claim_version
from gevinst.portfolio.models import Initiative, LogEntry

ENTRY_FIELDS = ("kind", "title", "description", "occurred_on")
# Only these kinds are worked on and closed; a decision or a lesson simply stands.
CLOSABLE = (LogEntry.Kind.CHANGE_REQUEST, LogEntry.Kind.ISSUE)


def _validate(entry: LogEntry) -> None:
    errors: dict[str, list[str]] = {}
    entry.title = (entry.title or "").strip()
    if not entry.title:
        errors["title"] = [_("Give the entry a title.")]
    if entry.kind not in LogEntry.Kind.values:
        errors["kind"] = [_("Choose decision, change request, issue or lesson learned.")]
    if entry.occurred_on is None:
        errors["occurred_on"] = [_("Give the date.")]
    if entry.status == LogEntry.Status.CLOSED and entry.kind not in CLOSABLE:
        errors["kind"] = [_("Only issues and change requests can be closed; reopen the entry "
                            "before you change its kind.")]
    try:
        entry.full_clean(exclude=["organisation", "initiative", "author", *errors.keys()],
                         validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_log_entry(*, actor: User | None, initiative: Initiative, **fields) -> LogEntry:
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unknown log entry fields: {sorted(unknown)}")
    entry = LogEntry(organisation_id=initiative.organisation_id, initiative=initiative,
                     author=actor, **fields)
    _validate(entry)
    entry._history_user = actor
    entry.save()
    return entry


@transaction.atomic
def do_update_log_entry(*, actor: User, entry: LogEntry, data: dict,
                        expected_version: int | None) -> LogEntry:
    for field, value in data.items():
        if field not in ENTRY_FIELDS:
            raise TypeError(f"unknown log entry field: {field}")
        setattr(entry, field, value)
    _validate(entry)
    claim_version(entry, expected_version)
    entry._history_user = actor
    entry.save()
    return entry


@transaction.atomic
def do_set_log_entry_status(*, actor: User, entry: LogEntry, status: str,
                            expected_version: int | None) -> LogEntry:
    """Close an issue or change request (or reopen it)."""
    if status not in LogEntry.Status.values:
        raise ValidationError({"status": _("Choose open or closed.")})
    if entry.kind not in CLOSABLE:
        raise ValidationError({"status": _("Only issues and change requests can be closed.")})
    if entry.status == status:
        raise ValidationError({"status": _("The entry is already %(status)s.")
                               % {"status": LogEntry.Status(status).label.lower()}})
    claim_version(entry, expected_version)
    entry.status = status
    entry._history_user = actor
    entry.save()
    return entry
