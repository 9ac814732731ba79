"""Load the demo organisations Fjordby and Åsdal (idempotent: an existing one is kept)."""

from __future__ import annotations

import datetime as dt
import os

from django.db import transaction

from gevinst.core.models import Organisation, Role, User
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import (
    do_add_member,
    do_create_organisation,
    do_create_unit,
)
from gevinst.demo import data, gates
from gevinst.portfolio.models import Phase
from gevinst.portfolio.services.initiatives import do_create_initiative

DEMO_PASSWORD = os.environ.get("GEVINST_DEMO_PASSWORD", "gevinst-demo-2026")

PEOPLE = {
    Role.ADMIN: ("admin", "Administrator"),
    Role.PMO: ("pmo", "Porteføljekontor"),
    Role.CONTRIBUTOR: ("contributor", "Prosjektleder"),
    Role.VIEWER: ("viewer", "Leser"),
    Role.EMPLOYEE: ("employee", "Medarbeider"),
}
NAMES = {
    "fjordby": {Role.ADMIN: "Ingrid Haugen", Role.PMO: "Lars Eide", Role.CONTRIBUTOR:
                "Siri Nilsen", Role.VIEWER: "Ola Berg", Role.EMPLOYEE: "Kari Solberg"},
    "asdal": {Role.ADMIN: "Åse Lunde", Role.PMO: "Per Dahl", Role.CONTRIBUTOR: "Nina Moe",
              Role.VIEWER: "Jon Vik", Role.EMPLOYEE: "Eva Strand"},
}
ORGS = [
    # Fjordby runs more at once than its limit allows: the dashboard shows the warning.
    {"name": "Fjordby kommune", "slug": "fjordby", "size": 32000, "colour": "#1E5AA8",
     "wip_limit": 12, "units": data.FJORDBY_UNITS, "initiatives": data.FJORDBY_INITIATIVES},
    {"name": "Åsdal kommune", "slug": "asdal", "size": 9000, "colour": "#2E7D4F",
     "units": data.ASDAL_UNITS, "initiatives": data.ASDAL_INITIATIVES},
]


def _date(value):
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def load_organisation(spec: dict, password: str = DEMO_PASSWORD) -> tuple[Organisation, bool]:
    existing = Organisation.objects.filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing, False
    org = do_create_organisation(actor=None, name=spec["name"], slug=spec["slug"],
                                 size=spec["size"], colour=spec["colour"],
                                 wip_limit=spec.get("wip_limit"))
    with tenant_scope(org):
        units = {}
        for u in spec["units"]:
            units[u["key"]] = do_create_unit(actor=None, organisation=org, name=u["name"],
                                             parent=units.get(u["parent"]))
        people = {}
        for role, (local, title) in PEOPLE.items():
            email = f"{local}@{spec['slug']}.example"
            user = User.objects.filter(email=email).first() or User.objects.create_user(
                email=email, password=password, full_name=NAMES[spec["slug"]][role])
            do_add_member(actor=None, organisation=org, user=user, role=role, title=title)
            people[local] = user
        phases = {p.key: p for p in Phase.objects.filter(organisation=org)}
        for item in spec["initiatives"]:
            do_create_initiative(
                actor=people["pmo"], organisation=org, title=item["title"],
                problem=item["problem"], target_state=item["target_state"],
                ambition=item["ambition"], is_lighthouse=item["lighthouse"],
                owning_unit=units[item["unit"]], owner=people[item["owner"]],
                manager=people[item["manager"]], phase=phases[item["phase"]],
                status=item["status"], start_date=_date(item["start"]),
                end_date=_date(item["end"]),
            )
        gates.load_gates(org, people)
        from gevinst.demo.reports import load_status_reports

        load_status_reports(org)
        from gevinst.demo.registers import load_registers

        load_registers(org, people)
        from gevinst.demo.benefits import add_line_managers, load_benefits
        from gevinst.demo.objectives import load_objectives

        # Line managers (viewers in their units) own the benefits.
        people.update(add_line_managers(org, units, password))
        load_objectives(org, people)
        load_benefits(org, people)
        from gevinst.demo.risks import load_risks

        load_risks(org, people)
        from gevinst.demo.ideas import load_ideas

        # Ideas from staff; adds the employees who submit and support them to ``people``.
        load_ideas(org, people, units)
        from gevinst.demo.maturity import load_maturity

        # Maturity assessments of the staff (2024, 2025 and one open now).
        load_maturity(org, people)
    return org, True


def load_demo(password: str = DEMO_PASSWORD
              ) -> tuple[list[tuple[Organisation, bool]], list[tuple[Organisation, bool]]]:
    """The demo organisations and the peer municipalities (nobody signs in to them) of
    Fjordby's maturity benchmark, each with whether it was loaded now."""
    loaded = [load_organisation(spec, password) for spec in ORGS]
    from gevinst.demo.maturity import load_peers

    return loaded, load_peers()
