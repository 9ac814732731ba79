"""API of the Excel import: POST a workbook, get every error by row and column (422) or the
created references. All or nothing, with ``dry_run`` to check without saving."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from gevinst.api.auth import api_tenant
from gevinst.api.schemas import ErrorOut
from gevinst.core.models import Role
from gevinst.portfolio.services.imports import MAX_FILE_BYTES, ImportRefused, import_file

router = Router(tags=["import"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ImportOut(Schema):
    dry_run: bool
    rows: int
    created: list[str]
    updated: int
    sources: dict[str, str]


def _run(request, org: str, kind: str, file: UploadedFile, dry_run: bool):
    with api_tenant(request, org, Role.PMO) as organisation:
        if file.size and file.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than %(mb)s MB.")
                                  % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
        try:
            result = import_file(actor=request.user, organisation=organisation, kind=kind,
                                 source=file.read(), dry_run=dry_run)
        except ImportRefused as exc:
            return Status(422, {"detail": [
                {"loc": ["file", e["row"], e["column"]], "row": e["row"],
                 "column": e["column"], "heading": e["heading"], "field": e["field"],
                 "value": e["value"], "msg": e["message"], "type": "value_error"}
                for e in exc.errors]})
        body = {"dry_run": dry_run, "rows": result.rows, "created": result.created,
                "updated": result.updated, "sources": result.sources}
        return Status(200 if dry_run else 201, body)


@router.post("/o/{org}/import/initiatives/", response={200: ImportOut, 201: ImportOut, **ERRORS},
             summary="Import initiatives from an Excel workbook")
def import_initiatives(request, org: str, file: File[UploadedFile], dry_run: Form[bool] = False):
    """Multipart upload of an .xlsx (first sheet, headings in row 1, English, Norwegian or
    Swedish). Every row is checked; with errors nothing is saved and the answer is 422 with
    every error by row and column. New initiatives get new references (`created`);
    `sources` maps the file's own Reference column to them. A Reference that is already an
    initiative is an error: the import only adds."""
    return _run(request, org, "initiatives", file, dry_run)


@router.post("/o/{org}/import/money/", response={200: ImportOut, 201: ImportOut, **ERRORS},
             summary="Import money per year from an Excel workbook")
def import_money(request, org: str, file: File[UploadedFile], dry_run: Form[bool] = False):
    """Multipart upload of an .xlsx with reference, year, kind (budget, actual, forecast)
    and the five amounts. A row for an existing (initiative, year, kind) replaces its
    figures (`updated` counts them). All or nothing, as for initiatives."""
    return _run(request, org, "money", file, dry_run)


@router.post("/o/{org}/import/benefits/", response={200: ImportOut, 201: ImportOut, **ERRORS},
             summary="Import benefits from an Excel workbook")
def import_benefits(request, org: str, file: File[UploadedFile], dry_run: Form[bool] = False):
    """Multipart upload of an .xlsx with one benefit per row (title required; owner by
    email; units by name or code; initiatives with their attribution as
    `INI-0001 60; INI-0002 40`). Each row goes through the same services as the benefit
    pages; a dry run writes and rolls back, so it reports their rules too. All or nothing;
    new benefits get new references (`created`, `sources`)."""
    return _run(request, org, "benefits", file, dry_run)


@router.post("/o/{org}/import/measurements/",
             response={200: ImportOut, 201: ImportOut, **ERRORS},
             summary="Import measurements from an Excel workbook")
def import_measurements(request, org: str, file: File[UploadedFile],
                        dry_run: Form[bool] = False):
    """Multipart upload of an .xlsx with benefit reference, measure (name or number),
    period (the first day of a period of the measure's frequency, or 2026-04, 2026-Q2,
    2026-H1, 2026), actual, forecast, comment and evidence. The import only adds: a
    measurement that exists for the period is an error. All or nothing (`rows` counts the
    measurements recorded)."""
    return _run(request, org, "measurements", file, dry_run)
