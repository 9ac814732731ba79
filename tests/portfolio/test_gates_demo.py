"""The demo's gates: decisions consistent with every initiative's phase, and idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.demo import gates as demo_gates
from gevinst.demo import loader
from gevinst.demo.loader import ORGS, load_organisation
from gevinst.portfolio.models import ChecklistItem, GateDecision, Initiative, Phase
from tests.conftest import person


def test_demo_initiatives_have_decisions_matching_their_phase(db, monkeypatch):
    monkeypatch.setitem(loader.NAMES, "fjordby-demo", loader.NAMES["fjordby"])
    load_organisation({**ORGS[0], "slug": "fjordby-demo"}, password="demo-pw-long-1")
    org = Organisation.objects.get(slug="fjordby-demo")
    today = timezone.localdate()
    with tenant_scope(org):
        phases = list(Phase.objects.filter(organisation=org).order_by("order"))
        position = {p.pk: i for i, p in enumerate(phases)}
        initiatives = list(Initiative.objects.filter(organisation=org).select_related("phase"))
        assert len(initiatives) > 20
        for initiative in initiatives:
            records = list(GateDecision.objects.filter(initiative=initiative)
                           .order_by("decided_on", "pk"))
            approvals = [r for r in records if r.decision.startswith("approve")]
            assert [r.from_phase_id for r in approvals] == \
                [p.pk for p in phases[:position[initiative.phase_id]]], initiative.title
            assert all(r.to_phase_id == phases[position[r.from_phase_id] + 1].pk
                       for r in approvals)
            dates = [r.decided_on for r in records]
            assert dates == sorted(dates)
            assert all(today - dt.timedelta(days=548) <= d <= today for d in dates)
            stops = [r for r in records if r.decision == "stop"]
            assert bool(stops) == (initiative.status == "stopped"), initiative.title
        worked = ChecklistItem.objects.filter(organisation=org).exclude(status="open")
        assert worked.filter(status="done").exclude(comment="").exists()
        assert worked.filter(status="not_relevant").exists()
        assert GateDecision.objects.filter(organisation=org, decision="defer").count() >= 2
        assert GateDecision.objects.filter(
            organisation=org, decision="approve_with_conditions").exclude(conditions="").exists()


def test_demo_gates_are_idempotent_and_leave_decided_initiatives_alone(org):
    people = {"pmo": person("pmo"), "contributor": person("contributor")}
    with tenant_scope(org):
        first = GateDecision.objects.filter(organisation=org).count()
        demo_gates.load_gates(org, people)
        after = GateDecision.objects.filter(organisation=org).count()
        demo_gates.load_gates(org, people)
        assert GateDecision.objects.filter(organisation=org).count() == after
        # INI-0001 had its decision already; INI-0002 (in execution) got DP1..DP3.
        assert GateDecision.objects.filter(initiative__reference="INI-0001").count() == 1
        assert after - first == 3
