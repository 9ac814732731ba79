"""Linking an initiative to objectives is part of its history (who changed what, when)."""

from __future__ import annotations

from gevinst.core.scoping import tenant_scope
from gevinst.objectives.services import do_create_objective, do_link_initiative_objectives
from gevinst.portfolio.models import Initiative
from tests.conftest import person


def test_the_initiative_history_records_its_objectives(org):
    pmo = person("pmo")
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=2)
        objective = do_create_objective(actor=pmo, organisation=org, title="Digitalt først")
        do_link_initiative_objectives(actor=pmo, initiative=initiative, objectives=[objective])
        latest = initiative.history.order_by("-history_id").first()
        assert [o.objective_id for o in latest.objectives.all()] == [objective.pk]
        assert latest.history_user == pmo
