"""The demo benefits: Fjordby's line managers own realistic benefits with measures, plans and
measurements that go on after the initiatives close; Åsdal gets a few."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import F, Max, Sum
from django.test import override_settings

from gevinst.benefits.models import (
    Benefit,
    BenefitInitiative,
    BenefitYear,
    Health,
    Measure,
    Measurement,
    PlannedValue,
)
from gevinst.core.models import Membership, Organisation, Role
from gevinst.core.scoping import tenant_scope
from gevinst.demo import gates, registers, reports
from gevinst.demo.benefits import load_benefits
from gevinst.demo.loader import NAMES, ORGS, load_organisation
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative
from tests.conftest import FAST_HASHERS


def _load(monkeypatch, index: int, slug: str):
    """Load a demo organisation under a new slug; gates, status reports and registers are
    left out (the benefits do not need them, and they take most of the time)."""
    monkeypatch.setitem(NAMES, slug, NAMES[ORGS[index]["slug"]])
    monkeypatch.setattr(gates, "load_gates", lambda *a, **k: None)
    monkeypatch.setattr(reports, "load_status_reports", lambda *a, **k: None)
    monkeypatch.setattr(registers, "load_registers", lambda *a, **k: None)
    org, created = load_organisation({**ORGS[index], "slug": slug, "name": slug},
                                     password="x")
    assert created
    return org


@pytest.fixture(scope="module")
def _fjordby_demo_id(django_db_setup, django_db_blocker):
    """Fjordby's demo, loaded once for this module inside a transaction that is rolled back
    at its end (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as monkeypatch, \
            override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _load(monkeypatch, 0, "fjordby-demo").pk
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def fjordby_demo(_fjordby_demo_id, db):
    org = Organisation.objects.get(pk=_fjordby_demo_id)
    with tenant_scope(org):
        yield org


def test_demo_benefits_cover_every_category_cashability_and_valuation_method(fjordby_demo):
    benefits = Benefit.objects.filter(organisation=fjordby_demo)
    assert 25 <= benefits.count() <= 40
    assert set(benefits.values_list("category", flat=True)) == set(Benefit.Category.values)
    assert set(benefits.values_list("cashability", flat=True)) == set(
        Benefit.Cashability.values)
    assert set(benefits.values_list("valuation_method", flat=True)) == set(
        Benefit.Valuation.values)
    assert benefits.filter(is_disbenefit=True, annual_value__lt=0).exists()
    statuses = set(benefits.values_list("status", flat=True))
    assert {"identified", "profiled", "approved", "in_realisation", "handed_over",
            "realised", "partly_realised", "withdrawn"} <= statuses
    assert benefits.filter(health=Health.BEHIND, status__in=Benefit.FOLLOWED_UP).exists()
    assert benefits.filter(health=Health.NOT_MEASURED).exists()
    assert benefits.filter(health=Health.WITHIN_TOLERANCE).exists()
    assert benefits.filter(health=Health.ON_TRACK).exists()
    # Varied confidence and optimism adjustment.
    assert set(benefits.values_list("confidence", flat=True)) == {"high", "medium", "low"}
    assert benefits.filter(optimism_adjustment__gt=0).exists()
    assert benefits.filter(optimism_adjustment=0).exists()


def test_demo_benefits_are_owned_by_line_managers_in_the_receiving_unit(fjordby_demo):
    benefits = list(Benefit.objects.filter(organisation=fjordby_demo)
                    .select_related("owner", "owner_unit"))
    members = {m.user_id: m for m in Membership.objects.filter(organisation=fjordby_demo)}
    for benefit in benefits:
        membership = members[benefit.owner_id]
        assert benefit.owner.email.startswith("leder."), benefit
        assert membership.role == Role.VIEWER
        assert membership.unit_id == benefit.owner_unit_id, benefit
    home_care = members[next(b.owner_id for b in benefits
                             if b.owner.email.startswith("leder.hjemmetjenesten@"))]
    assert home_care.unit.name == "Hjemmetjenesten"


def test_demo_benefits_are_measured_against_baselines_plans_and_objectives(fjordby_demo):
    org = fjordby_demo
    measures = Measure.objects.filter(organisation=org)
    measured = measures.filter(measurements__actual__isnull=False).distinct()
    assert measured.count() >= 20
    for measure in measured:
        assert measure.has_baseline and measure.baseline_evidence, measure
        assert measure.target_value is not None and measure.target_date, measure
        assert measure.data_source and measure.method, measure
        assert PlannedValue.objects.filter(organisation=org, measure=measure).exists()
    assert set(measures.values_list("frequency", flat=True)) == set(
        Measure.Frequency.values)
    # Two to three years of measurements, some verified by someone else than the recorder.
    periods = Measurement.objects.filter(organisation=org).values_list("period", flat=True)
    assert (max(periods) - min(periods)).days >= 2 * 365
    verified = Measurement.objects.filter(organisation=org, verified_by__isnull=False)
    assert verified.exists()
    assert not verified.filter(verified_by=F("recorded_by")).exists()
    assert BenefitYear.objects.filter(organisation=org).values("benefit").distinct().count() \
        >= 15
    assert Objective.objects.filter(organisation=org, parent__isnull=True).count() == 3
    assert Objective.objects.filter(organisation=org, parent__isnull=False).count() >= 6
    linked = Benefit.objects.filter(organisation=org, objectives__isnull=False).distinct()
    assert linked.count() == Benefit.objects.filter(organisation=org).count()


def test_demo_benefits_outlive_closed_initiatives_and_are_never_counted_twice(fjordby_demo):
    org = fjordby_demo
    closed = Initiative.objects.filter(organisation=org, phase__key="closed",
                                       status="completed")
    assert closed.exists()
    after = Measurement.objects.filter(
        organisation=org, actual__isnull=False,
        measure__benefit__links__initiative__in=closed).values(
        "measure__benefit__links__initiative__end_date").annotate(last=Max("period"))
    assert after and all(row["last"] > row["measure__benefit__links__initiative__end_date"]
                         for row in after)
    # Their benefits were handed over to their owners before or when they closed.
    for benefit in Benefit.objects.filter(organisation=org, links__initiative__in=closed):
        assert benefit.handed_over_on is not None, benefit
    shares = (BenefitInitiative.objects.filter(organisation=org).values("benefit")
              .annotate(total=Sum("attribution")))
    assert all(row["total"] <= 100 for row in shares)
    shared = [row for row in shares
              if BenefitInitiative.objects.filter(benefit_id=row["benefit"]).count() > 1]
    assert len(shared) >= 2
    assert BenefitInitiative.objects.filter(organisation=org, attribution=Decimal("60"))\
        .exists()


def test_demo_benefits_load_once(fjordby_demo):
    before = Benefit.objects.filter(organisation=fjordby_demo).count()
    assert load_benefits(fjordby_demo, {}) == []
    assert Benefit.objects.filter(organisation=fjordby_demo).count() == before


def test_demo_asdal_gets_a_few_benefits_and_no_objectives(db, monkeypatch):
    org = _load(monkeypatch, 1, "asdal-demo")
    with tenant_scope(org):
        benefits = Benefit.objects.filter(organisation=org)
        assert 3 <= benefits.count() <= 6
        assert benefits.filter(status="realised").exists()
        assert benefits.filter(status="handed_over").exists()
        assert not Objective.objects.filter(organisation=org).exists()
        assert all(b.owner.email.startswith("leder.") for b in benefits)


def test_demo_benefits_leave_an_organisation_without_the_demo_initiatives_alone(org):
    with tenant_scope(org):
        Benefit.objects.filter(organisation=org).delete()
        assert load_benefits(org, {}) == []
        assert not Benefit.objects.filter(organisation=org).exists()
