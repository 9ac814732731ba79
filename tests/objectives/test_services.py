"""Writes to objectives, KPIs and KPI measurements: rules a user understands, history, and
concurrent edits told to the second writer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gevinst.core.scoping import tenant_scope
from gevinst.core.versioning import EditConflict
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective
from gevinst.objectives.services import (
    do_create_kpi,
    do_create_objective,
    do_delete_kpi_measurement,
    do_link_initiative_objectives,
    do_record_kpi_measurement,
    do_update_kpi,
    do_update_kpi_measurement,
    do_update_objective,
)
from gevinst.portfolio.models import Initiative

KPI = dict(name="Saksbehandlingstid", unit="dager", direction="decrease",
           baseline_value=Decimal(30), baseline_date=dt.date(2026, 1, 1),
           target_value=Decimal(10), target_date=dt.date(2026, 12, 31))


def _objective(org, number=1) -> Objective:
    return Objective.objects.get(organisation=org, number=number)


def _kpi(org) -> Kpi:
    return Kpi.objects.get(organisation=org, reference="KPI-0001")


def _fields(exc) -> set[str]:
    return set(exc.value.message_dict)


def test_objective_gets_a_reference_owner_parent_and_history(scoped, people):
    parent = _objective(scoped)
    child = do_create_objective(actor=people["pmo"], organisation=scoped, title="  Delmål  ",
                                parent=parent, owner=people["viewer"])
    assert child.reference.startswith("OBJ-") and child.title == "Delmål"
    assert child.owner == people["viewer"] and child.parent == parent
    assert child.history.first().history_user == people["pmo"]


def test_objective_parent_and_owner_must_belong_to_the_organisation(scoped, other_org, people):
    with tenant_scope(other_org):
        foreign = Objective.objects.get(organisation=other_org, number=1)
    with pytest.raises(ValidationError) as exc:
        do_create_objective(actor=people["pmo"], organisation=scoped, title="Mål",
                            parent=foreign)
    assert _fields(exc) == {"parent"}
    with pytest.raises(ValidationError) as exc:
        do_create_objective(actor=people["pmo"], organisation=scoped, title="Mål",
                            owner=people["outsider"])
    assert _fields(exc) == {"owner"}
    with pytest.raises(ValidationError) as exc:
        do_create_objective(actor=people["pmo"], organisation=scoped, title="Mål",
                            owner=people["employee"])
    assert _fields(exc) == {"owner"}


def test_an_objective_cannot_be_part_of_its_own_sub_objective(scoped, people):
    top = _objective(scoped)
    child = do_create_objective(actor=people["pmo"], organisation=scoped, title="Delmål",
                                parent=top)
    grandchild = do_create_objective(actor=people["pmo"], organisation=scoped,
                                     title="Delmål 2", parent=child)
    for parent in (top, grandchild):
        with pytest.raises(ValidationError) as exc:
            do_update_objective(actor=people["pmo"], objective=_objective(scoped),
                                data={"parent": parent}, expected_version=1)
        assert _fields(exc) == {"parent"}


def test_second_writer_of_an_objective_is_told(scoped, people):
    first = _objective(scoped)
    second = _objective(scoped)
    do_update_objective(actor=people["pmo"], objective=first, data={"title": "Nytt navn"},
                        expected_version=1)
    with pytest.raises(EditConflict):
        do_update_objective(actor=people["admin"], objective=second,
                            data={"title": "Annet navn"}, expected_version=1)
    saved = _objective(scoped)
    assert (saved.title, saved.version) == ("Nytt navn", 2)


def test_kpi_target_must_lie_on_the_wanted_side_and_after_the_baseline(scoped, people):
    objective = _objective(scoped)
    with pytest.raises(ValidationError) as exc:
        do_create_kpi(actor=people["pmo"], objective=objective,
                      **{**KPI, "target_value": Decimal(40)})
    assert exc.value.message_dict["target_value"] == [
        "Lower is better, so the target must be at or below the baseline."]
    with pytest.raises(ValidationError) as exc:
        do_create_kpi(actor=people["pmo"], objective=objective,
                      **{**KPI, "target_date": dt.date(2025, 12, 31)})
    assert _fields(exc) == {"target_date"}
    with pytest.raises(ValidationError) as exc:
        do_create_kpi(actor=people["pmo"], objective=objective,
                      **{**KPI, "tolerance": Decimal(120), "name": " "})
    assert _fields(exc) == {"tolerance", "name"}


def test_kpi_is_created_with_a_reference_and_default_tolerance(scoped, people):
    kpi = do_create_kpi(actor=people["pmo"], objective=_objective(scoped), **KPI)
    assert kpi.reference == "KPI-0002" and kpi.tolerance == Decimal(5)
    assert kpi.history.first().history_user == people["pmo"]


def test_second_writer_of_a_kpi_is_told(scoped, people):
    do_update_kpi(actor=people["pmo"], kpi=_kpi(scoped), data={"target_value": Decimal(90)},
                  expected_version=1)
    with pytest.raises(EditConflict):
        do_update_kpi(actor=people["admin"], kpi=_kpi(scoped), data={"name": "Annet"},
                      expected_version=1)
    assert _kpi(scoped).target_value == Decimal(90)


def test_recording_a_new_day_and_refusing_a_day_that_has_one(scoped, people):
    kpi = _kpi(scoped)
    row = do_record_kpi_measurement(actor=people["viewer"], kpi=kpi,
                                    measured_on=dt.date(2026, 9, 30), value="41.0",
                                    comment="Q3")
    assert (row.value, row.recorded_by, row.version) == (Decimal("41"), people["viewer"], 1)
    with pytest.raises(ValidationError) as exc:
        do_record_kpi_measurement(actor=people["pmo"], kpi=kpi,
                                  measured_on=dt.date(2026, 9, 30), value=Decimal(42))
    assert exc.value.message_dict["measured_on"] == [
        "This day has a measurement already; correct that one instead."]


def test_correcting_a_day_needs_the_version_read(scoped, people):
    kpi = _kpi(scoped)
    day = dt.date(2026, 6, 30)  # the test world's measurement (35)
    do_record_kpi_measurement(actor=people["pmo"], kpi=kpi, measured_on=day,
                              value=Decimal(36), expected_version=1)
    with pytest.raises(EditConflict):
        do_record_kpi_measurement(actor=people["admin"], kpi=kpi, measured_on=day,
                                  value=Decimal(37), expected_version=1)
    row = KpiMeasurement.objects.get(kpi=kpi, measured_on=day)
    assert (row.value, row.version) == (Decimal(36), 2)
    assert KpiMeasurement.objects.filter(kpi=kpi).count() == 1


def test_a_measurement_needs_a_number_and_a_day_not_in_the_future(scoped, people):
    kpi = _kpi(scoped)
    with pytest.raises(ValidationError) as exc:
        do_record_kpi_measurement(actor=people["pmo"], kpi=kpi,
                                  measured_on=dt.date(2999, 1, 1), value="mange")
    assert exc.value.message_dict == {
        "measured_on": ["A measurement cannot be dated in the future."],
        "value": ["Enter a number."]}


def test_moving_a_measurement_onto_a_day_that_has_one_is_refused(scoped, people):
    kpi = _kpi(scoped)
    other = do_record_kpi_measurement(actor=people["pmo"], kpi=kpi,
                                      measured_on=dt.date(2026, 3, 31), value=Decimal(28))
    with pytest.raises(ValidationError) as exc:
        do_update_kpi_measurement(actor=people["pmo"], measurement=other,
                                  data={"measured_on": dt.date(2026, 6, 30)},
                                  expected_version=1)
    assert _fields(exc) == {"measured_on"}
    moved = do_update_kpi_measurement(actor=people["pmo"], measurement=other,
                                      data={"measured_on": dt.date(2026, 4, 1),
                                            "value": Decimal(29)}, expected_version=1)
    assert (moved.measured_on, moved.value, moved.version) == (dt.date(2026, 4, 1),
                                                               Decimal(29), 2)


def test_deleting_a_measurement_changed_meanwhile_is_refused(scoped, people):
    row = KpiMeasurement.objects.get(kpi=_kpi(scoped))
    do_update_kpi_measurement(actor=people["pmo"], measurement=row,
                              data={"value": Decimal(34)}, expected_version=1)
    stale = KpiMeasurement.objects.get(pk=row.pk)
    with pytest.raises(EditConflict):
        do_delete_kpi_measurement(actor=people["pmo"], measurement=stale, expected_version=1)
    do_delete_kpi_measurement(actor=people["pmo"], measurement=stale, expected_version=2)
    assert not KpiMeasurement.objects.filter(pk=row.pk).exists()
    assert KpiMeasurement.history.filter(id=row.pk, history_type="-").exists()


def test_initiatives_link_only_to_objectives_of_their_organisation(scoped, other_org,
                                                                   people):
    initiative = Initiative.objects.get(organisation=scoped, number=2)
    mine = _objective(scoped)
    do_link_initiative_objectives(actor=people["pmo"], initiative=initiative,
                                  objectives=[mine])
    assert list(initiative.objectives.all()) == [mine]
    with tenant_scope(other_org):
        foreign = Objective.objects.get(organisation=other_org, number=1)
    with pytest.raises(ValidationError) as exc:
        do_link_initiative_objectives(actor=people["pmo"], initiative=initiative,
                                      objectives=[foreign])
    assert _fields(exc) == {"objectives"}
    do_link_initiative_objectives(actor=people["pmo"], initiative=initiative, objectives=[])
    assert not initiative.objectives.exists()
