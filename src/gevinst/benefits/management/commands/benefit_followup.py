"""``gevinst followup [--org SLUG] [--date YYYY-MM-DD] [--base-url URL]``: the daily
follow-up of benefits and risks.

Refreshes every benefit's follow-up state, then emails each person one digest of what needs
their attention (measurements due or overdue, benefits outside tolerance, risks due for
review, risk actions overdue or due soon). Run it daily from
cron; a second run the same day sends nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import time

from django.core.management.base import BaseCommand, CommandError

from gevinst.benefits.services.followup import run_followup
from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope


class Command(BaseCommand):
    help = ("Refresh every benefit's follow-up state and email each person one digest of "
            "measurements due or overdue, benefits outside tolerance, risks due for review "
            "and risk actions overdue or due soon (at most one a day).")

    def add_arguments(self, parser):
        parser.add_argument("--org", help="only this organisation (its short name)")
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")
        parser.add_argument("--full", action="store_true",
                            help="recompute every benefit, not only those the date changed")
        parser.add_argument("--base-url", default=os.environ.get("GEVINST_BASE_URL", ""),
                            help="address of this Gevinst for the links, e.g. "
                                 "https://gevinst.example.no (default: $GEVINST_BASE_URL)")

    def handle(self, *args, **options):
        orgs = Organisation.objects.order_by("slug")
        if options["org"]:
            orgs = orgs.filter(slug=options["org"])
            if not orgs.exists():
                raise CommandError(f"No organisation with the short name {options['org']!r}.")
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("Give --date as YYYY-MM-DD.") from exc
        base_url = options["base_url"].rstrip("/")
        for org in orgs:
            started = time.perf_counter()
            with tenant_scope(org):
                result = run_followup(org, today=today, base_url=base_url,
                                      full=options["full"])
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"{org.slug}: {result.benefits} benefit(s) refreshed ({result.changed} "
                f"changed), {result.sent} digest(s) sent in {seconds:.1f} s")
            for email, items in sorted(result.digests.items()):
                self.stdout.write(f"  {email}: {items} item(s)")
