"""Demo risk registers: Fjordby's realistic register of risks and opportunities at
initiative, programme and organisation level, with its risk appetite, and a small one for
Åsdal (which keeps the default appetite).

Everything goes through the risk services (``do_set_appetite``, ``do_create_risk``,
``do_add_action``, ``do_update_action``, ``do_review_risk``, ``do_escalate_risk``,
``do_accept_risk``, ``do_close_risk``), so the rules hold: scores and appetite flags are
computed, a risk above appetite is accepted only with a named decision, escalation goes
upwards only. Dates are counted from today (``timezone.localdate()``), so the demo stays
fresh: some review dates have passed, some actions are overdue.

What a visitor finds in Fjordby (the tests in tests/risks/test_risks_demo.py hold it):
three risks above appetite accepted with a decision (by the administrator and the
portfolio office), two above appetite waiting for a decision, escalations to a programme
and to the organisation with their reasons, closed risks and one that occurred, and
opportunities (joint procurement, national co-funding, reuse of a national component).

Idempotent: an organisation that already has risks is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.demo import data
from gevinst.demo.risk_data import ASDAL, FJORDBY, FJORDBY_APPETITE
from gevinst.portfolio.models import Initiative, Programme
from gevinst.risks.models import Risk, RiskAction
from gevinst.risks.services import (
    do_accept_risk,
    do_add_action,
    do_close_risk,
    do_create_risk,
    do_escalate_risk,
    do_review_risk,
    do_set_appetite,
    do_update_action,
)


def _dataset(initiatives: dict[int, Initiative]) -> tuple[list[dict], dict] | None:
    """Fjordby's or Åsdal's register, recognised by the initiatives it refers to."""
    titles = {number: i.title for number, i in initiatives.items()}
    for specs, source, appetite in ((FJORDBY, data.FJORDBY_INITIATIVES, FJORDBY_APPETITE),
                                    (ASDAL, data.ASDAL_INITIATIVES, {})):
        expected = {n: item["title"] for n, item in enumerate(source, start=1)}
        needed = {spec["at"][1] for spec in specs if spec["at"][0] == "initiative"}
        if all(titles.get(n) == expected[n] for n in needed):
            return specs, appetite
    return None


class _Context:
    def __init__(self, organisation, people, initiatives, programmes, today):
        self.organisation = organisation
        self.people = people
        self.initiatives = initiatives
        self.programmes = programmes
        self.today = today
        self.pmo = people.get("pmo")

    def day(self, offset: int | None) -> dt.date | None:
        return None if offset is None else self.today + dt.timedelta(days=offset)


def _where(ctx: _Context, at: tuple) -> dict:
    if at[0] == "initiative":
        return {"initiative": ctx.initiatives[at[1]]}
    if at[0] == "programme":
        return {"programme": ctx.programmes[at[1]]}
    return {}


def _actions(ctx: _Context, risk: Risk, spec: dict) -> None:
    for description, owner, due, status in spec.get("actions", []):
        action = do_add_action(actor=ctx.pmo, risk=risk, description=description,
                               owner=ctx.people[owner], due_date=ctx.day(due))
        if status != RiskAction.Status.PLANNED:
            do_update_action(actor=ctx.people[owner], action=action, data={"status": status},
                             expected_version=action.version)


def _create(ctx: _Context, spec: dict) -> Risk:
    residual = spec.get("residual")
    fields = {
        "kind": spec.get("kind", Risk.Kind.RISK), "title": spec["title"],
        "description": spec.get("description", ""), "cause": spec.get("cause", ""),
        "effect": spec.get("effect", ""), "category": spec["category"],
        "proximity": spec.get("proximity", Risk.Proximity.NEAR),
        "owner": ctx.people[spec["owner"]], "probability": spec["score"][0],
        "impact": spec["score"][1],
        "residual_probability": residual[0] if residual else None,
        "residual_impact": residual[1] if residual else None,
        "strategy": spec["strategy"], "next_review": ctx.day(spec.get("review", 60)),
        **_where(ctx, spec["at"]),
    }
    risk = do_create_risk(actor=ctx.pmo, organisation=ctx.organisation, data=fields)
    _actions(ctx, risk, spec)
    if "reviewed" in spec:
        # Reviewed today by its owner; the next review in ``reviewed`` days.
        risk = do_review_risk(actor=fields["owner"], risk=risk,
                              next_review=ctx.day(spec["reviewed"]),
                              comment="Gjennomgått i prosjektmøtet.")
    if "escalate" in spec:
        level, reason, who = spec["escalate"]
        risk = do_escalate_risk(actor=ctx.people[who], risk=risk, level=level, reason=reason)
    if "accept" in spec:
        who, decision = spec["accept"]
        risk = do_accept_risk(actor=ctx.people[who], risk=risk, decision=decision)
    if "close" in spec:
        status, comment = spec["close"]
        risk = do_close_risk(actor=fields["owner"], risk=risk, status=status, comment=comment)
    return risk


@transaction.atomic
def load_risks(organisation: Organisation, people: dict[str, User],
               today: dt.date | None = None) -> list[Risk]:
    """The demo risk register of Fjordby or Åsdal (recognised by their initiatives); another
    organisation, one that has risks already, or one without the people the register names,
    is left alone."""
    if Risk.objects.filter(organisation=organisation).exists():
        return []
    initiatives = {i.number: i for i in Initiative.objects.filter(organisation=organisation)}
    found = _dataset(initiatives)
    if found is None:
        return []
    specs, appetite = found
    programmes = {p.name: p for p in Programme.objects.filter(organisation=organisation)}
    needed = {spec["at"][1] for spec in specs if spec["at"][0] == "programme"}
    named = ({"pmo"} | {spec["owner"] for spec in specs}
             | {action[1] for spec in specs for action in spec.get("actions", [])}
             | {spec["escalate"][2] for spec in specs if "escalate" in spec}
             | {spec["accept"][0] for spec in specs if "accept" in spec})
    if not needed <= set(programmes) or not named <= set(people):
        return []
    if appetite:
        do_set_appetite(actor=people.get("admin"), organisation=organisation,
                        thresholds=appetite)
    ctx = _Context(organisation, people, initiatives, programmes,
                   today or timezone.localdate())
    return [_create(ctx, spec) for spec in specs]
