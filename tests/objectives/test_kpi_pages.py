"""KPI pages: create and edit by the portfolio office, measurements recorded on the KPI's
page by the portfolio office or the objective's owner, corrected and deleted with version
checks, and other organisations get 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective
from tests.conftest import person

OBJ = "/o/fjordby/objectives/OBJ-0001/"
KPI = OBJ + "kpis/KPI-0001/"


def _kpi(org) -> Kpi:
    with tenant_scope(org):
        return Kpi.objects.get(organisation=org, reference="KPI-0001")


def _measurement(org) -> KpiMeasurement:
    with tenant_scope(org):
        return KpiMeasurement.objects.get(kpi__reference="KPI-0001", organisation=org)


def _own(org, role="viewer"):
    """Make the ``role`` person the owner of OBJ-0001."""
    with tenant_scope(org):
        Objective.objects.filter(organisation=org, number=1).update(owner=person(role))


def test_portfolio_office_adds_a_kpi_written_the_norwegian_way(client_as, org):
    response = client_as("pmo").post(OBJ + "kpis/new/", {
        "name": "Saksbehandlingstid", "unit": "dager", "direction": "decrease",
        "baseline_value": "30,5", "baseline_date": "2026-01-01",
        "target_value": "10", "target_date": "2026-12-31", "tolerance": "5"})
    assert response.status_code == 302
    with tenant_scope(org):
        kpi = Kpi.objects.get(organisation=org, name="Saksbehandlingstid")
    assert response["Location"] == f"{OBJ}kpis/{kpi.reference}/"
    assert (kpi.baseline_value, kpi.target_value) == (Decimal("30.5"), Decimal("10"))


def test_a_kpi_form_explains_a_target_on_the_wrong_side(client_as):
    response = client_as("pmo").post(OBJ + "kpis/new/", {
        "name": "Ventetid", "direction": "decrease", "baseline_value": "10",
        "baseline_date": "2026-01-01", "target_value": "20", "target_date": "2026-12-31",
        "tolerance": "5"})
    assert response.status_code == 200
    assert "Lower is better, so the target must be at or below the baseline." in \
        response.content.decode()


def test_editing_a_kpi_with_a_stale_version_is_told(client_as, org):
    client = client_as("admin")
    data = {"name": "Andel digitale søknader", "unit": "%", "direction": "increase",
            "baseline_value": "20", "baseline_date": "2026-01-01", "target_value": "85",
            "target_date": "2027-12-31", "tolerance": "5", "version": 1}
    assert client.post(KPI + "edit/", data).status_code == 302
    response = client.post(KPI + "edit/", {**data, "target_value": "90"})
    assert "Saved meanwhile by someone else" in response.content.decode()
    assert _kpi(org).target_value == Decimal(85)


def test_viewers_read_the_kpi_without_forms(client_as):
    client = client_as("viewer")
    html = client.get(KPI).content.decode()
    assert "Record a measurement" not in html and ">Edit<" not in html
    assert client.post(KPI, {"measured_on": "2026-09-30", "value": "40"}).status_code == 403
    assert client.get(KPI + "edit/").status_code == 403
    assert client.get(OBJ + "kpis/new/").status_code == 403


def test_portfolio_office_records_a_measurement_on_the_kpi_page(client_as, org):
    client = client_as("pmo")
    assert "Record a measurement" in client.get(KPI).content.decode()
    response = client.post(KPI, {"measured_on": "2026-09-30", "value": "41,5",
                                 "comment": "Tertial 2"})
    assert response.status_code == 302 and response["Location"].endswith("#measurements")
    with tenant_scope(org):
        row = KpiMeasurement.objects.get(organisation=org, measured_on=dt.date(2026, 9, 30))
    assert (row.value, row.comment, row.recorded_by) == (Decimal("41.5"), "Tertial 2",
                                                         person("pmo"))
    html = client.get(KPI).content.decode()
    assert "41,5" in html and "Tertial 2" in html


def test_the_objectives_owner_records_even_as_a_viewer(client_as, org):
    _own(org, "viewer")
    client = client_as("viewer")
    assert "Record a measurement" in client.get(KPI).content.decode()
    assert client.post(KPI, {"measured_on": "2026-10-31", "value": "42"}).status_code == 302
    assert client.get(KPI + "edit/").status_code == 403  # the KPI itself is the PMO's


def test_a_day_that_has_a_measurement_is_refused_on_the_record_form(client_as):
    response = client_as("pmo").post(KPI, {"measured_on": "2026-06-30", "value": "36"})
    assert response.status_code == 200
    assert "This day has a measurement already; correct that one instead." in \
        response.content.decode()


def test_correcting_a_measurement_with_a_stale_version_is_told(client_as, org):
    row = _measurement(org)
    url = f"{KPI}measurements/{row.pk}/"
    client = client_as("pmo")
    data = {"measured_on": "2026-06-30", "value": "36", "comment": "", "version": 1}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "value": "37"})
    html = response.content.decode()
    assert "Saved meanwhile by someone else" in html and 'value="37"' in html
    assert _measurement(org).value == Decimal(36)


def test_deleting_a_measurement(client_as, org):
    row = _measurement(org)
    url = f"{KPI}measurements/{row.pk}/"
    client = client_as("pmo")
    stale = client.post(url, {"delete": "1", "version": "7"})
    assert stale.status_code == 302 and stale["Location"] == url
    with tenant_scope(org):
        assert KpiMeasurement.objects.filter(pk=row.pk).exists()
    response = client.post(url, {"delete": "1", "version": "1"})
    assert response.status_code == 302 and response["Location"].endswith("#measurements")
    with tenant_scope(org):
        assert not KpiMeasurement.objects.filter(pk=row.pk).exists()


def test_only_those_who_record_may_correct(client_as, org):
    url = f"{KPI}measurements/{_measurement(org).pk}/"
    assert client_as("viewer").get(url).status_code == 403
    assert client_as("contributor").post(url, {"delete": "1", "version": "1"}).status_code \
        == 403


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_other_organisation_gets_404(client_as, suffix):
    assert client_as("admin", "asdal").get(KPI + suffix).status_code == 404


def test_a_kpi_is_found_only_under_its_own_objective(client_as, org):
    client = client_as("admin")
    with tenant_scope(org):
        from gevinst.objectives.services import do_create_objective

        other = do_create_objective(actor=person("pmo"), organisation=org, title="Annet")
    assert client.get(f"/o/fjordby/objectives/{other.reference}/kpis/KPI-0001/"
                      ).status_code == 404
    # Åsdal's KPI-0002 does not exist in Fjordby.
    assert client.get(OBJ + "kpis/KPI-0002/").status_code == 404
    assert client.get(f"{KPI}measurements/999999/").status_code == 404
