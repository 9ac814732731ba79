"""``gevinst maturity list | show KEY [--version N] | load FILE [--note TEXT]``: the
platform's maturity models (see ``gevinst.maturity.modeldata`` for the file)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gevinst.maturity import modeldata
from gevinst.maturity.models import MaturityModelVersion
from gevinst.maturity.services.versions import install_model


class Command(BaseCommand):
    help = "Maturity models: list the versions, print one's source file, or install a file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="every model and version")
        show = sub.add_parser("show", help="print the source file of a version")
        show.add_argument("key")
        show.add_argument("--version", type=int, help="the version (default: the current)")
        load = sub.add_parser("load", help="install a model file as the next version")
        load.add_argument("file")
        load.add_argument("--note", default="", help="what changed")

    def handle(self, *args, **o):
        getattr(self, f"_{o['action']}")(o)

    def _list(self, o):
        for version in MaturityModelVersion.objects.select_related("model"):
            self.stdout.write(f"{version.model.key}\tv{version.number}\t"
                              f"{version.created_at:%Y-%m-%d}\t{version.question_count} "
                              f"questions\t{version.note}")

    def _show(self, o):
        versions = MaturityModelVersion.objects.filter(model__key=o["key"])
        if o["version"]:
            versions = versions.filter(number=o["version"])
        version = versions.order_by("-number").first()
        if version is None:
            raise CommandError(f"No maturity model {o['key']}"
                               + (f" version {o['version']}" if o["version"] else ""))
        self.stdout.write(version.source, ending="")

    def _load(self, o):
        path = Path(o["file"])
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            version, created = install_model(source, note=o["note"])
        except modeldata.ModelError as exc:
            raise CommandError(f"{path} is not a valid maturity model:\n  "
                               + "\n  ".join(exc.problems)) from exc
        if created:
            self.stdout.write(f"Installed {version} ({version.question_count} questions).")
        else:
            self.stdout.write(f"Nothing to install: {path} is the same as {version}.")
