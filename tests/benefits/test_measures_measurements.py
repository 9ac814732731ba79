"""Recording, correcting (versioned), verifying and deleting measurements: who may, and
that measuring goes on after the initiatives have closed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit, Measure, Measurement
from gevinst.benefits.services.measures import do_record_measurement
from gevinst.portfolio.models import Initiative

BASE = "/o/fjordby/benefits/BEN-0001/measures/"


@pytest.fixture
def measure(scoped):
    return Measure.objects.get(organisation=scoped, benefit__reference="BEN-0001")


@pytest.fixture
def q1(measure):
    return Measurement.objects.get(measure=measure, period=dt.date(2026, 1, 1))


def test_owner_records_even_as_a_viewer(client_as, measure):
    client = client_as("viewer")  # the viewer owns BEN-0001
    assert client.get(f"{BASE}{measure.pk}/measurements/new/").status_code == 200
    response = client.post(f"{BASE}{measure.pk}/measurements/new/", {
        "period": "2026-04-01", "actual": "240,5", "comment": "Fra fagsystemet",
        "evidence": "Rapport Q2"})
    assert response.status_code == 302
    row = Measurement.objects.get(measure=measure, period=dt.date(2026, 4, 1))
    assert row.actual == Decimal("240.5") and row.recorded_by.email == "viewer@fjordby.test"
    assert row.evidence == "Rapport Q2"


def test_another_viewer_gets_403(client_as, scoped, measure, q1, people):
    Benefit.objects.filter(organisation=scoped, reference="BEN-0001").update(owner=people["pmo"])
    client = client_as("viewer")
    assert client.get(f"{BASE}{measure.pk}/measurements/new/").status_code == 403
    assert client.post(f"{BASE}{measure.pk}/measurements/new/",
                       {"period": "2026-04-01", "actual": "1"}).status_code == 403
    assert client.get(f"{BASE}{measure.pk}/measurements/{q1.pk}/edit/").status_code == 403
    assert client.post(f"{BASE}{measure.pk}/measurements/{q1.pk}/delete/",
                       {"version": q1.version}).status_code == 403
    assert client.post(f"{BASE}{measure.pk}/measurements/{q1.pk}/verify/").status_code == 403
    assert not Measurement.objects.filter(measure=measure, period=dt.date(2026, 4, 1)).exists()


def test_measurements_go_on_after_the_initiatives_have_closed(client_as, scoped, measure):
    Initiative.objects.filter(organisation=scoped).update(status=Initiative.Status.COMPLETED)
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/new/",
                                             {"period": "2026-10-01", "actual": "380"})
    assert response.status_code == 302
    assert Measurement.objects.get(measure=measure, period=dt.date(2026, 10, 1)).actual == 380


def test_period_choices_are_the_measures_periods(client_as, measure):
    html = client_as("contributor").get(f"{BASE}{measure.pk}/measurements/new/").content.decode()
    assert '<option value="2026-04-01"' in html and '<option value="2026-02-01"' not in html
    assert "Q1 2026 (already recorded)" in html


def test_period_already_recorded_is_refused_and_nothing_is_lost(client_as, measure, q1):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/new/", {
        "period": "2026-01-01", "actual": "999", "comment": "Dobbelt"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "already has a measurement" in html and 'value="999"' in html
    q1.refresh_from_db()
    assert q1.actual == 190


def test_period_outside_the_choices_is_a_field_error(client_as, measure):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/new/",
                                             {"period": "2026-02-01", "actual": "1"})
    assert response.status_code == 200
    assert 'id="id_period_error"' in response.content.decode()


def test_actual_or_forecast_is_needed(client_as, measure):
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/new/",
                                             {"period": "2026-04-01", "comment": "Tom"})
    assert "Enter an actual value or a forecast." in response.content.decode()


def test_correcting_a_measurement_loses_its_verification(client_as, measure, q1, people):
    Measurement.objects.filter(pk=q1.pk).update(verified_by=people["pmo"])
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/{q1.pk}/edit/", {
        "actual": "200", "comment": "Rettet", "version": q1.version})
    assert response.status_code == 302
    q1.refresh_from_db()
    assert q1.actual == 200 and q1.verified_by is None and q1.comment == "Rettet"


def test_edit_conflict_shows_the_conflict_and_keeps_the_input(client_as, measure, q1, people):
    stale = q1.version
    do_record_measurement(actor=people["pmo"], measure=measure, period=q1.period,
                          data={"actual": 205}, expected_version=stale)
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/{q1.pk}/edit/", {
        "actual": "199", "comment": "Min retting", "version": stale})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved meanwhile by someone else" in html
    assert "actual 205" in html and "Pmo Fjordby" in html  # the current figure and who
    assert 'value="199"' in html and "Min retting" in html
    q1.refresh_from_db()
    assert q1.actual == 205
    # Saving again replaces the current figure deliberately.
    response = client_as("contributor").post(f"{BASE}{measure.pk}/measurements/{q1.pk}/edit/", {
        "actual": "199", "comment": "Min retting", "version": q1.version})
    assert response.status_code == 302


def test_verification_by_the_recorder_is_refused(client_as, measure, people):
    row = do_record_measurement(actor=people["pmo"], measure=measure,
                                period=dt.date(2026, 4, 1), data={"actual": 260})
    response = client_as("pmo").post(f"{BASE}{measure.pk}/measurements/{row.pk}/verify/",
                                     follow=True)
    assert "Someone other than the person who recorded the figure" in response.content.decode()
    row.refresh_from_db()
    assert row.verified_by is None


def test_owner_verifies_someone_elses_figure(client_as, measure, q1):
    html = client_as("viewer").get(BASE).content.decode()
    assert f"/measurements/{q1.pk}/verify/" in html
    response = client_as("viewer").post(f"{BASE}{measure.pk}/measurements/{q1.pk}/verify/")
    assert response.status_code == 302
    q1.refresh_from_db()
    assert q1.verified_by.email == "viewer@fjordby.test" and q1.verified_at is not None


def test_contributor_who_is_not_owner_cannot_verify(client_as, measure, q1):
    assert client_as("contributor").post(
        f"{BASE}{measure.pk}/measurements/{q1.pk}/verify/").status_code == 403


def test_delete_needs_the_current_version(client_as, measure, q1):
    client = client_as("contributor")
    client.post(f"{BASE}{measure.pk}/measurements/{q1.pk}/delete/",
                {"version": q1.version + 5})
    assert Measurement.objects.filter(pk=q1.pk).exists()
    response = client.post(f"{BASE}{measure.pk}/measurements/{q1.pk}/delete/",
                           {"version": q1.version})
    assert response.status_code == 302
    assert not Measurement.objects.filter(pk=q1.pk).exists()


def test_measurement_pages_of_another_organisation_are_404(client_as, measure, q1):
    client = client_as("admin", "asdal")
    assert client.get(f"{BASE}{measure.pk}/measurements/new/").status_code == 404
    assert client.get(f"{BASE}{measure.pk}/measurements/{q1.pk}/edit/").status_code == 404
    assert client.post(f"{BASE}{measure.pk}/measurements/{q1.pk}/verify/").status_code == 404
    assert client.post(f"{BASE}{measure.pk}/measurements/{q1.pk}/delete/").status_code == 404
