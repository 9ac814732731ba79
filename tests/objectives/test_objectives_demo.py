"""The demo objectives: Fjordby's strategy tree with owners, KPIs with baselines, targets and
measurements over two to three years (some on track, some within tolerance, some behind, one
not measured yet), and every initiative linked to the objectives it serves."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from gevinst.core.models import Membership, Organisation, Role
from gevinst.core.scoping import tenant_scope
from gevinst.demo import benefits as demo_benefits
from gevinst.demo import data, gates, registers, reports
from gevinst.demo import risks as demo_risks
from gevinst.demo.loader import NAMES, ORGS, load_organisation
from gevinst.demo.objectives import load_objectives
from gevinst.objectives import calc
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective
from gevinst.objectives.selectors.kpis import kpi_lines
from gevinst.objectives.selectors.overview import objective_overview
from gevinst.portfolio.models import Initiative
from tests.conftest import FAST_HASHERS


@pytest.fixture(scope="module")
def _fjordby_demo_id(django_db_setup, django_db_blocker):
    """Fjordby's demo without gates, status reports, registers, benefits and risks (the
    objectives need none of them), loaded once for this module inside a transaction that is
    rolled back at its end."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as monkeypatch, \
            override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        monkeypatch.setitem(NAMES, "fjordby-objectives", NAMES["fjordby"])
        monkeypatch.setattr(gates, "load_gates", lambda *a, **k: None)
        monkeypatch.setattr(reports, "load_status_reports", lambda *a, **k: None)
        monkeypatch.setattr(registers, "load_registers", lambda *a, **k: None)
        monkeypatch.setattr(demo_benefits, "load_benefits", lambda *a, **k: [])
        monkeypatch.setattr(demo_risks, "load_risks", lambda *a, **k: [])
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org, created = load_organisation(
                {**ORGS[0], "slug": "fjordby-objectives", "name": "fjordby-objectives"},
                password="x")
            assert created
            yield org.pk
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def fjordby_demo(_fjordby_demo_id, db):
    org = Organisation.objects.get(pk=_fjordby_demo_id)
    with tenant_scope(org):
        yield org


def test_demo_objectives_form_a_tree_with_owners(fjordby_demo):
    objectives = Objective.objects.filter(organisation=fjordby_demo)
    assert objectives.filter(parent__isnull=True).count() == 3
    assert objectives.filter(parent__isnull=False).count() == 9
    roles = dict(Membership.objects.filter(organisation=fjordby_demo)
                 .values_list("user_id", "role"))
    assert all(o.owner_id for o in objectives)
    # The top objectives belong to the administrator, the others to line managers.
    assert {roles[o.owner_id] for o in objectives.filter(parent__isnull=True)} == {Role.ADMIN}
    assert all(o.owner.email.startswith("leder.")
               for o in objectives.filter(parent__isnull=False))


def test_demo_kpis_have_baselines_targets_and_years_of_measurements(fjordby_demo):
    today = timezone.localdate()
    kpis = Kpi.objects.filter(organisation=fjordby_demo)
    assert 12 <= kpis.count() <= 20
    # Every sub-objective has at least one KPI.
    children = Objective.objects.filter(organisation=fjordby_demo, parent__isnull=False)
    assert set(children.values_list("pk", flat=True)) <= set(
        kpis.values_list("objective_id", flat=True))
    assert {"increase", "decrease"} == set(kpis.values_list("direction", flat=True))
    for kpi in kpis:
        assert kpi.unit and kpi.data_source, kpi
        assert kpi.baseline_date <= today < kpi.target_date, kpi
    days = KpiMeasurement.objects.filter(organisation=fjordby_demo).values_list(
        "measured_on", flat=True)
    assert len(days) >= 80
    assert max(days) <= today
    assert (max(days) - min(days)).days >= 600  # two to three years
    # Each measurement lies between the KPI's baseline date and today.
    assert not KpiMeasurement.objects.filter(
        organisation=fjordby_demo, measured_on__lte=F("kpi__baseline_date")).exists()


def test_demo_kpis_are_on_track_within_tolerance_behind_or_not_measured(fjordby_demo):
    lines = [line for group in kpi_lines(fjordby_demo, timezone.localdate()).values()
             for line in group]
    healths = [line.state.health for line in lines]
    assert healths.count(calc.ON_TRACK) >= 5
    assert healths.count(calc.WITHIN_TOLERANCE) >= 2
    assert healths.count(calc.BEHIND) >= 3
    assert healths.count(calc.NO_DATA) >= 1
    behind = {line.kpi.name for line in lines if line.state.health == calc.BEHIND}
    assert "Sykefravær i hjemmetjenesten" in behind
    assert "Andel inngående fakturaer behandlet automatisk" not in behind


def test_demo_overview_shows_what_is_off_track(fjordby_demo):
    rows = objective_overview(fjordby_demo, timezone.localdate())
    assert len(rows) == 12
    off = [row for row in rows if row.off_track.kpis_behind]
    assert len(off) >= 3
    assert any(row.off_track.kpis_not_measured for row in rows)
    assert all(row.initiative_count >= 1 for row in rows if row.depth == 1)


def test_demo_initiatives_link_to_the_objectives_they_serve(fjordby_demo):
    initiatives = Initiative.objects.filter(organisation=fjordby_demo)
    # The demo's portfolio plus the staff ideas accepted into it.
    assert initiatives.filter(idea__isnull=True).count() == len(data.FJORDBY_INITIATIVES)
    assert initiatives.filter(idea__isnull=False).exists()
    assert not initiatives.filter(objectives__isnull=True).exists()
    tilsyn = initiatives.get(title="Digitalt tilsyn i hjemmetjenesten")
    assert {o.title for o in tilsyn.objectives.all()} == {
        "Flere kan bo trygt hjemme lenger", "Frigjort tid i helse og omsorg brukes på omsorg"}
    # Every objective but the top ones has a contributing initiative.
    children = Objective.objects.filter(organisation=fjordby_demo, parent__isnull=False)
    assert not children.filter(initiatives__isnull=True).exists()


def test_demo_objectives_load_once(fjordby_demo):
    before = (Objective.objects.filter(organisation=fjordby_demo).count(),
              Kpi.objects.filter(organisation=fjordby_demo).count())
    assert load_objectives(fjordby_demo, {}) == {}
    assert (Objective.objects.filter(organisation=fjordby_demo).count(),
            Kpi.objects.filter(organisation=fjordby_demo).count()) == before
