"""Every write of an Excel import: upload, mapping, dry run and the all-or-nothing import.

An import checks every row first and writes nothing if any row has an error; the writing
itself checks again inside its transaction, so what is saved is what was valid at that
moment. Initiatives get references from one block of the organisation's sequence and a
history row each; money per year is added or updated by (initiative, year, kind). Other
apps add kinds of their own (headings.PLUGINS: benefits and measurements), which write
through their services; their dry run also rehearses the writing and rolls it back.

Files are stored under ``GEVINST_VAR_DIR/imports/<organisation id>/``. Small files are
checked and imported while the person waits; larger ones run as a background task
(django-tasks) that takes the organisation id explicitly and reports progress on the job.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from gevinst.core.models import Organisation, Sequence, User
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.imports.headings import FIELDS, KINDS, KindTable, guess_mapping
from gevinst.portfolio.imports.parsing import Sheet, read_sheet
from gevinst.portfolio.imports.validation import CHECKS, Outcome, check_mapping
from gevinst.portfolio.models import Initiative, MoneyYear
from gevinst.portfolio.models.imports import ImportJob
from gevinst.portfolio.services.gates import copy_checklists_bulk

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 1024 * 1024
# Files with more rows than this are checked and imported by the background worker.
INLINE_ROWS = 1000
BATCH = 2000  # rows per INSERT (Django lowers it where the database needs)
MONEY_AMOUNTS = ("investment", "operating_cost_change", "internal_hours", "internal_cost",
                 "external_purchases")


class ImportRefused(Exception):
    """The file has errors; nothing was saved. ``errors`` lists them by row and column."""

    def __init__(self, errors: list[dict]):
        super().__init__(_("%(n)s errors; nothing was imported.") % {"n": len(errors)})
        self.errors = errors


@dataclass
class ImportResult:
    rows: int
    created: list[str] = field(default_factory=list)  # references of new initiatives
    updated: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # file reference → new reference


# --- the import itself (CLI, API, background task) -------------------------------------------

def check_sheet(organisation: Organisation, kind: str, sheet: Sheet, mapping: dict[str, str],
                progress=None) -> Outcome:
    if kind not in CHECKS:
        raise ValidationError(_("Choose what the file holds: initiatives or money per year."))
    return CHECKS[kind](organisation, sheet, mapping, progress)


def _reserve_numbers(organisation: Organisation, prefix: str, count: int) -> int:
    """Take ``count`` numbers of the organisation's sequence at once; returns the first."""
    seq, _created = Sequence.objects.get_or_create(organisation=organisation, name=prefix)
    Sequence.objects.filter(pk=seq.pk).update(last_value=F("last_value") + count)
    seq.refresh_from_db(fields=["last_value"])
    return seq.last_value - count + 1


def _write_initiatives(*, actor: User | None, organisation: Organisation,
                       records: list[dict]) -> ImportResult:
    result = ImportResult(rows=len(records))
    if not records:
        return result
    first = _reserve_numbers(organisation, "INI", len(records))
    objs = []
    for offset, r in enumerate(records):
        number = first + offset
        initiative = Initiative(
            organisation=organisation, number=number, reference=f"INI-{number:04d}",
            title=r["title"], problem=r["problem"], target_state=r["target_state"],
            ambition=r["ambition"], is_lighthouse=r["is_lighthouse"],
            programme_id=r["programme_id"], owning_unit_id=r["owning_unit_id"],
            owner_id=r["owner_id"], manager_id=r["manager_id"], phase_id=r["phase_id"],
            status=r["status"], start_date=r["start_date"], end_date=r["end_date"],
        )
        # bulk_create does not call save(), which keeps the search text: set it here.
        initiative.search_text = initiative.compute_search_text()
        objs.append(initiative)
        result.created.append(initiative.reference)
        if r.get("source_reference"):
            result.sources[r["source_reference"]] = initiative.reference
    bulk_create_with_history(objs, Initiative, batch_size=BATCH, default_user=actor)
    if any(o.pk is None for o in objs):  # backends that do not return ids from bulk inserts
        ids = dict(Initiative.objects.filter(organisation=organisation, number__gte=first)
                   .values_list("number", "pk"))
        for o in objs:
            o.pk = ids[o.number]
    # Each imported initiative gets its phase's checklist, as one created by hand does.
    copy_checklists_bulk(actor=actor, initiatives=objs)
    return result


def _write_money(*, actor: User | None, organisation: Organisation,
                 records: list[dict]) -> ImportResult:
    result = ImportResult(rows=len(records))
    years = {r["year"] for r in records}  # a handful of values, whatever the row count
    existing = {(m.initiative_id, m.year, m.kind): m for m in
                MoneyYear.objects.filter(organisation=organisation, year__in=years)}
    new, changed = [], []
    for r in records:
        amounts = {k: r[k] for k in MONEY_AMOUNTS}
        current = existing.get((r["initiative_id"], r["year"], r["kind"]))
        if current is None:
            new.append(MoneyYear(organisation=organisation, initiative_id=r["initiative_id"],
                                 year=r["year"], kind=r["kind"], **amounts))
        else:
            for key, value in amounts.items():
                setattr(current, key, value)
            current.version += 1
            changed.append(current)
    if new:
        bulk_create_with_history(new, MoneyYear, batch_size=BATCH, default_user=actor)
    if changed:
        bulk_update_with_history(changed, MoneyYear, [*MONEY_AMOUNTS, "version"],
                                 batch_size=BATCH, default_user=actor)
    result.updated = len(changed)
    return result


WRITERS = KindTable({"initiatives": _write_initiatives, "money": _write_money}, "write")


def rehearse(*, actor: User | None, organisation: Organisation, kind: str,
             outcome: Outcome) -> None:
    """The second half of a dry run for kinds whose writer applies rules of its own (the
    benefits and measurements imports write through the services the pages use): write
    every row that passed the check, roll it all back, and add what the writer refused to
    ``outcome.errors``. Nothing is saved."""
    spec = KINDS.get(kind)
    if spec is None or not spec.rehearse:
        return
    failed = {e["row"] for e in outcome.errors}
    records = [r for r in outcome.records if r["row"] not in failed]
    with transaction.atomic():
        try:
            WRITERS[kind](actor=actor, organisation=organisation, records=records)
        except ImportRefused as exc:
            outcome.errors.extend(exc.errors)
            outcome.errors.sort(key=lambda e: e["row"] or 0)
        finally:
            transaction.set_rollback(True)


@transaction.atomic
def do_import_sheet(*, actor: User | None, organisation: Organisation, kind: str, sheet: Sheet,
                    mapping: dict[str, str] | None = None, dry_run: bool = False
                    ) -> ImportResult:
    """Check every row and, unless ``dry_run``, save them all — or nothing.

    Raises ``ImportRefused`` with every error by row and column. ``mapping`` defaults to the
    one guessed from the headings.
    """
    if mapping is None:
        mapping = guess_mapping(kind, sheet.headers)
    outcome = check_sheet(organisation, kind, sheet, mapping)
    if dry_run or not outcome.ok:
        rehearse(actor=actor, organisation=organisation, kind=kind, outcome=outcome)
        if not outcome.ok:
            raise ImportRefused(outcome.errors)
        return ImportResult(rows=outcome.rows)
    return WRITERS[kind](actor=actor, organisation=organisation, records=outcome.records)


def import_file(*, actor: User | None, organisation: Organisation, kind: str,
                source: Path | str | bytes, dry_run: bool = False) -> ImportResult:
    """Read a workbook and import it with the guessed mapping (the CLI and the API)."""
    sheet = read_sheet(source)
    return do_import_sheet(actor=actor, organisation=organisation, kind=kind, sheet=sheet,
                           dry_run=dry_run)


# --- jobs: the web flow --------------------------------------------------------------------

def job_file(job: ImportJob) -> Path:
    return Path(settings.VAR_DIR) / job.file_path


def _store(organisation: Organisation, data: bytes) -> str:
    relative = Path("imports") / str(organisation.pk) / f"{uuid.uuid4().hex}.xlsx"
    target = Path(settings.VAR_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return str(relative)


@transaction.atomic
def do_upload_import(*, actor: User | None, organisation: Organisation, kind: str,
                     data: bytes, file_name: str) -> ImportJob:
    """Store an uploaded workbook and guess which column holds which field."""
    if kind not in FIELDS:
        raise ValidationError({"kind": _("Choose what the file holds: initiatives or money "
                                         "per year.")})
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.")
                               % {"mb": MAX_FILE_BYTES // (1024 * 1024)}})
    try:
        sheet = read_sheet(data, headers_only=True)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    if not sheet.rows:
        raise ValidationError({"file": _("The first worksheet has headings but no rows.")})
    path = _store(organisation, data)
    job = ImportJob.objects.create(
        organisation=organisation, kind=kind, file_name=Path(file_name).name[:255],
        file_path=path, sheet_name=sheet.name[:100], headers=sheet.headers,
        mapping=guess_mapping(kind, sheet.headers), total_rows=len(sheet.rows),
        created_by=actor,
    )
    return job


@transaction.atomic
def do_set_mapping(*, actor: User | None, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    if job.is_busy or job.status == ImportJob.Status.DONE:
        raise ValidationError(_("This import has already started."))
    check_mapping(job.kind, job.headers, mapping)
    job.mapping = {k: v for k, v in mapping.items() if v}
    job.status, job.errors, job.result = ImportJob.Status.UPLOADED, [], {}
    job.save(update_fields=["mapping", "status", "errors", "result", "updated_at"])
    return job


def _start(*, actor: User | None, job: ImportJob, action: str) -> ImportJob:
    if job.is_busy:
        raise ValidationError(_("This import is already running."))
    if job.status == ImportJob.Status.DONE:
        raise ValidationError(_("This file has already been imported."))
    if action == ImportJob.Action.IMPORT and not (job.status == ImportJob.Status.CHECKED
                                                   and not job.errors):
        raise ValidationError(_("Run the dry run first and correct every error."))
    check_mapping(job.kind, job.headers, job.mapping)
    job.status, job.action, job.processed_rows = ImportJob.Status.QUEUED, action, 0
    job.finished_at = None
    job.save(update_fields=["status", "action", "processed_rows", "finished_at",
                            "updated_at"])
    if job.total_rows <= INLINE_ROWS:
        transaction.on_commit(lambda: run_job(organisation_id=job.organisation_id,
                                              job_id=job.pk, actor_id=actor and actor.pk))
    else:
        from gevinst.portfolio.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.enqueue(
            organisation_id=job.organisation_id, job_id=job.pk,
            actor_id=actor.pk if actor else None))
    return job


@transaction.atomic
def do_start_check(*, actor: User | None, job: ImportJob) -> ImportJob:
    """Dry run: check every row, save nothing (now, or by the worker for a large file)."""
    return _start(actor=actor, job=job, action=ImportJob.Action.CHECK)


@transaction.atomic
def do_start_import(*, actor: User | None, job: ImportJob) -> ImportJob:
    """Import a checked file with no errors: all rows or none."""
    return _start(actor=actor, job=job, action=ImportJob.Action.IMPORT)


def _finish(job: ImportJob, status: str, **fields) -> None:
    for key, value in fields.items():
        setattr(job, key, value)
    job.status, job.finished_at = status, timezone.now()
    job.save()


def run_job(*, organisation_id: int, job_id: int, actor_id: int | None) -> str:
    """Carry out a job's dry run or import; the background task calls this."""
    organisation = Organisation.objects.get(pk=organisation_id)
    with tenant_scope(organisation):
        job = ImportJob.objects.filter(organisation=organisation, pk=job_id).first()
        if job is None or job.status != ImportJob.Status.QUEUED:
            return "skipped"
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
        job.status = ImportJob.Status.RUNNING
        job.save(update_fields=["status", "updated_at"])

        def progress(done: int) -> None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

        try:
            sheet = read_sheet(job_file(job))
            job.total_rows = len(sheet.rows)
            job.save(update_fields=["total_rows", "updated_at"])
            outcome = check_sheet(organisation, job.kind, sheet, job.mapping, progress)
            if job.action == ImportJob.Action.CHECK:
                rehearse(actor=actor, organisation=organisation, kind=job.kind,
                         outcome=outcome)
            if not outcome.ok or job.action == ImportJob.Action.CHECK:
                status = (ImportJob.Status.CHECKED if job.action == ImportJob.Action.CHECK
                          else ImportJob.Status.FAILED)
                _finish(job, status, errors=outcome.errors, processed_rows=outcome.rows)
                return status
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=outcome.rows)
            result = do_import_sheet(actor=actor, organisation=organisation, kind=job.kind,
                                     sheet=sheet, mapping=job.mapping)
        except ImportRefused as exc:  # changed between the dry run and the import
            _finish(job, ImportJob.Status.FAILED, errors=exc.errors)
            return job.status
        except ValidationError as exc:
            _finish(job, ImportJob.Status.FAILED, errors=[
                {"row": "", "column": "", "heading": "", "field": "", "value": "",
                 "message": message} for message in exc.messages])
            return job.status
        except Exception:
            log.exception("import job %s of organisation %s failed", job_id, organisation_id)
            _finish(job, ImportJob.Status.FAILED, errors=[
                {"row": "", "column": "", "heading": "", "field": "", "value": "",
                 "message": _("The import stopped because of an unexpected error; nothing "
                              "was saved. The operator can find the details in the log.")}])
            return job.status
        _finish(job, ImportJob.Status.DONE, errors=[], processed_rows=result.rows,
                result={"created": len(result.created), "updated": result.updated,
                        "first": result.created[0] if result.created else "",
                        "last": result.created[-1] if result.created else "",
                        "sources": dict(list(result.sources.items())[:1000])})
        return job.status
