"""Adding, editing (versioned) and deleting measures, and planning their trajectory."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit, Measure, PlannedValue
from gevinst.benefits.services.measures import do_create_measure, do_update_measure

BASE = "/o/fjordby/benefits/BEN-0001/measures/"


@pytest.fixture
def measure(scoped):
    return Measure.objects.get(organisation=scoped, benefit__reference="BEN-0001")


def _measure_post(**overrides):
    data = {"name": "Færre purringer", "unit": "brev", "direction": "decrease",
            "data_source": "Sak/arkiv", "method": "Telles per kvartal", "frequency": "quarterly",
            "baseline_value": "1 200,5", "baseline_date": "2026-01-01",
            "baseline_evidence": "Rapport 2025", "target_value": "300",
            "target_date": "2027-12-31", "tolerance": "5"}
    data.update(overrides)
    return data


def test_contributor_adds_a_measure(client_as, scoped):
    response = client_as("contributor").post(BASE + "new/", _measure_post())
    assert response.status_code == 302
    measure = Measure.objects.get(organisation=scoped, name="Færre purringer")
    assert measure.baseline_value == Decimal("1200.5")  # read the Norwegian way
    assert measure.direction == "decrease" and measure.tolerance == Decimal("5")
    assert response["Location"].endswith(f"#measure-{measure.pk}")


def test_target_on_the_wrong_side_is_a_field_error_and_input_is_kept(client_as, scoped):
    response = client_as("contributor").post(BASE + "new/", _measure_post(target_value="2000"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lower is better, so the target must be at or below the baseline." in html
    assert 'id="id_target_value_error"' in html and 'aria-invalid="true"' in html
    assert 'value="Færre purringer"' in html
    assert not Measure.objects.filter(organisation=scoped, name="Færre purringer").exists()


def test_text_in_a_number_is_a_field_error(client_as, scoped):
    response = client_as("contributor").post(BASE + "new/", _measure_post(baseline_value="mye"))
    assert response.status_code == 200
    assert 'id="id_baseline_value_error"' in response.content.decode()


@pytest.mark.parametrize("role", ["viewer", "employee"])
def test_viewers_may_not_change_measures(client_as, measure, role):
    client = client_as(role)
    assert client.get(BASE + "new/").status_code == 403
    assert client.get(f"{BASE}{measure.pk}/edit/").status_code == 403
    assert client.get(f"{BASE}{measure.pk}/plan/").status_code == 403
    assert client.post(f"{BASE}{measure.pk}/delete/").status_code == 403


def test_edit_measure_with_version(client_as, measure):
    response = client_as("contributor").post(
        f"{BASE}{measure.pk}/edit/", _measure_post(
            name="Spart tid (timer)", unit="timer", direction="increase",
            baseline_value="100", target_value="450", target_date="2026-12-31",
            version=measure.version))
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.name == "Spart tid (timer)" and measure.target_value == Decimal("450")


def test_edit_conflict_keeps_input_and_shows_the_current_version(client_as, measure, people):
    stale = measure.version
    do_update_measure(actor=people["pmo"], measure=measure, data={"name": "Endret av PMO"},
                      expected_version=stale)
    response = client_as("contributor").post(
        f"{BASE}{measure.pk}/edit/", _measure_post(
            name="Min versjon", unit="timer", direction="increase", baseline_value="100",
            target_value="400", target_date="2026-12-31", version=stale))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved meanwhile by someone else" in html and "Endret av PMO" in html
    assert 'value="Min versjon"' in html
    measure.refresh_from_db()
    assert measure.name == "Endret av PMO"


def test_measure_with_measurements_is_not_deleted(client_as, measure):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/delete/", follow=True)
    assert "kept as history" in response.content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_measure_without_measurements_is_deleted(client_as, scoped, people):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    extra = do_create_measure(actor=people["contributor"], benefit=benefit, name="Ekstra",
                              unit="stk")
    assert client_as("contributor").post(f"{BASE}{extra.pk}/delete/").status_code == 302
    assert not Measure.objects.filter(pk=extra.pk).exists()


# --------------------------------------------------------------------------- plan

def test_plan_has_a_prefilled_row_per_period(client_as, measure):
    html = client_as("contributor").get(f"{BASE}{measure.pk}/plan/").content.decode()
    for period, value in (("2026-01-01", "175"), ("2026-04-01", "250"), ("2026-07-01", "325"),
                          ("2026-10-01", "400")):
        assert f'name="p_{period}" value="{value}"' in html
    assert "Q4 2026" in html and 'name="p_2027-01-01"' not in html


def test_plan_is_saved_and_empty_means_not_planned(client_as, measure):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/plan/", {
        "p_2026-01-01": "150", "p_2026-04-01": "", "p_2026-07-01": "300,5",
        "p_2026-10-01": "400", "new_period": "2027-01-01", "new_value": "420"})
    assert response.status_code == 302
    plan = dict(PlannedValue.objects.filter(measure=measure).values_list("period", "value"))
    assert plan == {dt.date(2026, 1, 1): Decimal("150"), dt.date(2026, 7, 1): Decimal("300.5"),
                    dt.date(2026, 10, 1): Decimal("400"), dt.date(2027, 1, 1): Decimal("420")}


def test_plan_period_that_is_not_a_period_start_is_a_field_error(client_as, measure):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/plan/", {
        "p_2026-01-01": "999", "new_period": "2027-02-01", "new_value": "420"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2027-02-01 is not the first day of a quarterly period" in html
    assert 'id="id_new_period_error"' in html and 'href="#id_new_period"' in html
    assert 'name="p_2026-01-01" value="999"' in html  # typed values kept
    assert PlannedValue.objects.get(measure=measure, period=dt.date(2026, 1, 1)).value == 175


def test_text_in_a_plan_value_is_a_field_error(client_as, measure):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/plan/",
                                             {"p_2026-04-01": "mange"})
    assert response.status_code == 200
    assert 'id="id_p_2026-04-01_error"' in response.content.decode()


def test_fill_linearly_from_baseline_to_target_without_saving(client_as, measure):
    PlannedValue.objects.filter(measure=measure).delete()
    Measure.objects.filter(pk=measure.pk).update(target_value=Decimal("200"))
    response = client_as("contributor").post(f"{BASE}{measure.pk}/plan/", {"fill": "linear"})
    html = response.content.decode()
    assert response.status_code == 200
    # 100 → 200 over four quarters: 125, 150, 175, 200.
    for period, value in (("2026-01-01", "125"), ("2026-04-01", "150"),
                          ("2026-07-01", "175"), ("2026-10-01", "200")):
        assert f'name="p_{period}" value="{value}"' in html
    assert not PlannedValue.objects.filter(measure=measure).exists()


def test_plan_of_another_organisation_is_404(client_as, measure):
    assert client_as("admin", "asdal").get(f"{BASE}{measure.pk}/plan/").status_code == 404
    assert client_as("admin", "asdal").get(BASE + "new/").status_code == 404
