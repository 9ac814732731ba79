"""``gevinst remind [--org SLUG] [--dry-run]``: email managers whose status report is due,
and those who have not answered a maturity survey that closes within three days.

Run it daily from cron; it sends each manager one email per period at most, and each late
respondent one automatic reminder per survey at most.
"""

from __future__ import annotations

import datetime as dt
import os

from django.core.management.base import BaseCommand, CommandError

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.maturity.services.campaigns import AUTO_REMINDER_DAYS, do_remind_before_closing
from gevinst.portfolio.services.reports import do_send_reminders


class Command(BaseCommand):
    help = ("Email each manager whose status report for the period just finished is due and "
            "not published (one email per manager, never twice for a period), and those who "
            f"have not answered a maturity survey closing within {AUTO_REMINDER_DAYS} days "
            "(once per survey).")

    def add_arguments(self, parser):
        parser.add_argument("--org", help="only this organisation (its short name)")
        parser.add_argument("--dry-run", action="store_true",
                            help="show who would be reminded; send and record nothing")
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")
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
        dry = options["dry_run"]
        for org in orgs:
            with tenant_scope(org):
                plan = do_send_reminders(actor=None, organisation=org, today=today,
                                         base_url=base_url, dry_run=dry)
            verb = "would remind" if dry else "reminded"
            self.stdout.write(f"{org.slug}: {verb} {len(plan)} manager(s)")
            for manager, initiatives in plan:
                refs = ", ".join(i.reference for i in initiatives)
                self.stdout.write(f"  {manager.email}: {refs}")
            with tenant_scope(org):
                surveys = do_remind_before_closing(organisation=org, today=today,
                                                   base_url=base_url, dry_run=dry)
            for campaign, addresses in surveys:
                self.stdout.write(f"{org.slug}: {verb} {len(addresses)} respondent(s) who have "
                                  f"not answered {campaign.reference} (closes "
                                  f"{campaign.closes_on:%Y-%m-%d})")
