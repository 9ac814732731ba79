"""The stored derived state of benefits follows the date and the writes, whichever way the
refresh writes it: one UPDATE for rows that got the same new values, per-row values for the
rest (benefits/services/measures.py::_save_derived)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.benefits.models import Benefit, Health, Measure
from gevinst.benefits.services.measures import refresh_organisation
from gevinst.core.scoping import tenant_scope
from tests.benefits.test_followup import _benefit
from tests.conftest import person


def test_a_day_marks_every_unmeasured_benefit_in_one_update_per_value(org):
    made = [_benefit(org, person("viewer"), f"Gevinst {i}") for i in range(3)]
    with tenant_scope(org):
        # As stored on 2026-02-01, before anything fell due.
        refresh_organisation(org, today=dt.date(2026, 2, 1))
        before = set(Measure.objects.filter(pk__in=[m.pk for _b, m in made])
                     .values_list("health", flat=True))
        assert before != {Health.NOT_MEASURED}
        # On 2026-05-01 Q1 (due 2026-04-30) has passed without a measurement.
        with CaptureQueriesContext(connection) as ctx:
            changed = refresh_organisation(org, today=dt.date(2026, 5, 1), full=False)
        updates = [q["sql"] for q in ctx.captured_queries
                   if q["sql"].startswith("UPDATE") and "benefits_measure" in q["sql"]]
        assert changed >= 6  # three measures and three benefits at least
        assert len(updates) == 1, updates
        assert "CASE" not in updates[0]  # one value for all, not a value per row
        for benefit, measure in made:
            measure.refresh_from_db()
            benefit.refresh_from_db()
            assert measure.health == Health.NOT_MEASURED
            assert benefit.health == Health.NOT_MEASURED


def test_a_full_refresh_writes_each_benefit_its_own_value(org):
    made = [_benefit(org, person("viewer"), f"Tidsgevinst {i}") for i in range(2)]
    with tenant_scope(org):
        for i, (benefit, _m) in enumerate(made):
            Benefit.objects.filter(pk=benefit.pk).update(
                valuation_method="time_saved", minutes_per_case=Decimal(10 + i),
                cases_per_year=Decimal(6000))
        org.loaded_hourly_cost = Decimal("900")
        refresh_organisation(org, today=dt.date(2026, 3, 1))
        values = {b.pk: Benefit.objects.get(pk=b.pk) for b, _m in made}
        # 10 min × 6,000 ÷ 60 = 1,000 h × 900 = 900,000; 11 min → 1,100 h → 990,000.
        assert [values[b.pk].annual_hours for b, _m in made] == [Decimal("1000"),
                                                                 Decimal("1100")]
        assert [values[b.pk].annual_value for b, _m in made] == [Decimal("900000"),
                                                                 Decimal("990000")]
