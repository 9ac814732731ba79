"""`gevinst import initiatives|money|benefits|measurements|risks FILE --org SLUG [--dry-run]
[--as EMAIL]`.

All or nothing: every error is printed by row and column and nothing is saved (exit code 1).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gevinst.core.models import Membership, Organisation, User
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.imports.parsing import read_sheet
from gevinst.portfolio.services.imports import ImportRefused, do_import_sheet


def format_error(error: dict) -> str:
    where = f"Row {error['row']}" if error.get("row") else "File"
    if error.get("column"):
        where += f", column {error['column']}"
        if error.get("heading"):
            where += f" ({error['heading']})"
    return f"{where}: {error['message']}"


class Command(BaseCommand):
    help = ("Import initiatives, money per year, benefits, measurements or risks from an Excel "
            "workbook (.xlsx), all or nothing. Headings in English, Norwegian Bokmål or "
            "Swedish are recognised.")
    # The import needs no URLs, and loading every view for the checks costs seconds.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["initiatives", "money", "benefits", "measurements",
                                             "risks"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="the organisation's short name")
        parser.add_argument("--dry-run", action="store_true",
                            help="check every row and report errors; save nothing")
        parser.add_argument("--as", dest="as_email", default="",
                            help="email of the member recorded in the history as the author")

    def handle(self, *args, **o):
        org = Organisation.objects.filter(slug=o["org"]).first()
        if org is None:
            raise CommandError(f"No organisation {o['org']}")
        path: Path = o["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with tenant_scope(org):
            actor = None
            if o["as_email"]:
                actor = User.objects.filter(email__iexact=o["as_email"]).first()
                if actor is None or not Membership.objects.filter(
                        organisation=org, user=actor).exists():
                    raise CommandError(f"{o['as_email']} is not a member of {org.slug}")
            try:
                started = time.perf_counter()
                sheet = read_sheet(path)
                read_at = time.perf_counter()
                result = do_import_sheet(actor=actor, organisation=org, kind=o["kind"],
                                         sheet=sheet, dry_run=o["dry_run"])
                done_at = time.perf_counter()
            except ImportRefused as exc:
                for error in exc.errors:
                    self.stderr.write(format_error(error))
                raise CommandError(f"{len(exc.errors)} error(s) in {path.name}; nothing was "
                                   "imported.", returncode=1) from exc
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages), returncode=1) from exc
        if o["verbosity"] >= 2:
            self.stdout.write(f"Read {len(sheet.rows)} row(s) in {read_at - started:.2f} s; "
                              f"{'checked' if o['dry_run'] else 'checked and saved'} in "
                              f"{done_at - read_at:.2f} s.")
        if o["dry_run"]:
            self.stdout.write(f"{result.rows} row(s) checked, no errors. Nothing was saved "
                              "(dry run).")
        elif o["kind"] in ("initiatives", "benefits", "risks"):
            span = f": {result.created[0]} … {result.created[-1]}" if result.created else ""
            what = {"initiatives": "initiative(s)", "benefits": "benefit(s)",
                    "risks": "risk(s)"}[o["kind"]]
            self.stdout.write(f"Imported {len(result.created)} {what}{span}.")
        elif o["kind"] == "measurements":
            self.stdout.write(f"Imported {result.rows} measurement(s).")
        else:
            self.stdout.write(f"Imported {result.rows} row(s) of money per year: "
                              f"{result.rows - result.updated} added, {result.updated} "
                              "updated.")
