"""Cached aggregates follow every change of their data (core/aggregates.py)."""

from __future__ import annotations

from decimal import Decimal

from gevinst.benefits.selectors.register import overview_totals
from gevinst.benefits.services.benefits import do_create_benefit
from gevinst.benefits.signals import TOPIC
from gevinst.core import aggregates
from gevinst.core.models import DataChange
from gevinst.core.scoping import tenant_scope, unscoped


def test_a_cached_value_is_computed_once_per_data_version(org):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert aggregates.cached(org.pk, "test", "n", {"a": 1}, compute) == 1
    assert aggregates.cached(org.pk, "test", "n", {"a": 1}, compute) == 1
    assert aggregates.cached(org.pk, "test", "n", {"a": 2}, compute) == 2  # other params
    aggregates.mark_changed(org.pk, "test")
    assert aggregates.cached(org.pk, "test", "n", {"a": 1}, compute) == 3
    assert aggregates.cached(org.pk, "test", "n", {"a": 1}, compute) == 3


def test_a_mark_that_commits_out_of_order_still_changes_the_version(org):
    aggregates.mark_changed(org.pk, "test")
    aggregates.mark_changed(org.pk, "test")
    with unscoped():
        newest, older = DataChange.objects.filter(topic="test").order_by("-id")[:2]
    before = aggregates.version(org.pk, "test")
    # As seen before the older mark's transaction committed: same newest id, one mark less.
    with unscoped():
        DataChange.objects.filter(pk=older.pk).delete()
    assert aggregates.version(org.pk, "test") != before
    assert aggregates.version(org.pk, "test").startswith(f"{newest.pk}.")


def test_pruning_keeps_no_old_version(org):
    for _ in range(3):
        aggregates.mark_changed(org.pk, "test")
    before = aggregates.version(org.pk, "test")
    assert aggregates.prune(org.pk, "test") == 2
    with unscoped():
        assert DataChange.objects.filter(organisation=org, topic="test").count() == 2
    assert aggregates.version(org.pk, "test") != before


def test_overview_totals_follow_a_new_benefit_at_once(org, people):
    with tenant_scope(org):
        before = overview_totals(org, {})
        do_create_benefit(actor=people["contributor"], organisation=org, title="Ny",
                          cashability="cash", valuation_method="unit_cost",
                          unit_cost=Decimal(100), units_per_year=Decimal(5))
        after = overview_totals(org, {})
    assert after["cash_count"] == before["cash_count"] + 1
    assert after["cash"] == before["cash"] + Decimal(500)


def test_marks_are_per_organisation(org, other_org):
    aggregates.mark_changed(org.pk, TOPIC)
    other = aggregates.version(other_org.pk, TOPIC)
    aggregates.mark_changed(org.pk, TOPIC)
    assert aggregates.version(other_org.pk, TOPIC) == other
