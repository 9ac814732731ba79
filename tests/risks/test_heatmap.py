"""The heat map is cached per data version of the organisation's risks: every write is
seen by the next read (core/aggregates.py)."""

from __future__ import annotations


def test_the_heat_map_follows_a_new_risk_and_an_appetite_change_at_once(org, people):
    """Heat maps are cached per data version: a write is seen by the next read."""
    from gevinst.core.scoping import tenant_scope
    from gevinst.risks.selectors import heat_map
    from gevinst.risks.services import do_create_risk, do_set_appetite

    with tenant_scope(org):
        before = heat_map(org, kind="risk", basis="inherent")
        do_create_risk(actor=people["pmo"], organisation=org, data={
            "title": "Ny risiko", "category": "supplier", "probability": 1, "impact": 1})
        after = heat_map(org, kind="risk", basis="inherent")
        assert after.total == before.total + 1
        assert after.rows[4][0].count == before.rows[4][0].count + 1  # probability 1, impact 1
        flagged = [e.reference for c in after.cells for e in c.entries if e.above_appetite]
        do_set_appetite(actor=people["admin"], organisation=org, thresholds={"people": 25})
        again = heat_map(org, kind="risk", basis="inherent")
        assert [e.reference for c in again.cells for e in c.entries if e.above_appetite] \
            == [r for r in flagged if r != "RSK-0002"]
