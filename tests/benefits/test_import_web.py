"""The shared import pages with the benefits and measurements kinds: upload → mapping → dry
run (the services' rules included) → import; templates per kind."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from gevinst.benefits.models import Benefit, Measurement
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models.imports import ImportJob
from tests.benefits.test_import_benefits import EN, col, en_row
from tests.portfolio.importbooks import workbook

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, kind: str):
    response = client.post("/o/fjordby/import/", {
        "kind": kind, "file": SimpleUploadedFile(f"{kind}.xlsx", data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _job(location: str) -> ImportJob:
    with unscoped():
        return ImportJob.objects.get(pk=int(location.rstrip("/").rsplit("/", 1)[1]))


def _count(org, model) -> int:
    with tenant_scope(org):
        return model.objects.filter(organisation=org).count()


def _check(client, location, job, capture):
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    with capture(execute=True):
        assert client.post(location, {"action": "check", **form}).status_code == 302
    job.refresh_from_db()
    return job


def test_benefits_through_upload_dry_run_and_import(client_as, org,
                                                     django_capture_on_commit_callbacks):
    client = client_as("pmo")
    rows = [en_row(i) for i in range(6)]
    rows[1][EN.index("Receiving unit")] = "Nowhere"            # found by the check
    rows[4][EN.index("Cashability")] = "Not monetised"         # found by the services
    location = _upload(client, workbook(EN, rows), "benefits")
    job = _job(location)
    assert job.kind == "benefits" and job.total_rows == 6
    assert set(job.mapping.values()) == {
        "reference", "title", "description", "is_disbenefit", "category", "beneficiary",
        "cashability", "owner", "owner_unit", "realising_units", "initiatives",
        "objectives", "enabling_changes", "preconditions", "confidence",
        "optimism_adjustment", "valuation_method", "minutes_per_case", "cases_per_year"}
    page = client.get(location).content.decode()
    assert "Initiatives" in page and 'name="col_10"' in page

    before = _count(org, Benefit)
    job = _check(client, location, job, django_capture_on_commit_callbacks)
    assert job.status == "checked"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, col("Receiving unit")), (6, col("Valuation method"))]
    page = client.get(location).content.decode()
    assert "2 errors: nothing was imported" in page and "Nowhere" in page
    client.post(location, {"action": "import"})  # refused: the file has errors
    assert _count(org, Benefit) == before

    rows[1][EN.index("Receiving unit")] = "Helse og velferd"
    rows[4][EN.index("Cashability")] = "Non-cash"
    location = _upload(client, workbook(EN, rows), "benefits")
    job = _check(client, location, _job(location), django_capture_on_commit_callbacks)
    assert job.status == "checked" and job.errors == []
    assert _count(org, Benefit) == before  # the dry run wrote and rolled back
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location, {"action": "import"})
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == 6
    assert _count(org, Benefit) == before + 6
    done = client.get(location).content.decode()
    assert "6 benefits were registered" in done
    assert f'href="/o/fjordby/benefits/{job.result["first"]}/"' in done  # sources table
    assert 'href="/o/fjordby/benefits/"' in done


def test_measurements_through_the_pages(client_as, org, people,
                                        django_capture_on_commit_callbacks):
    client = client_as("pmo")
    headers = ["Benefit", "Measure", "Period", "Actual"]
    location = _upload(client, workbook(headers, [["BEN-0001", "Spart tid", "2026-04-15", 250],
                                                  ["BEN-0001", "Spart tid", "2026-Q3", 330]]),
                       "measurements")
    job = _check(client, location, _job(location), django_capture_on_commit_callbacks)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "C")]
    assert "starts 2026-04-01" in job.errors[0]["message"]
    location = _upload(client, workbook(headers, [["BEN-0001", "Spart tid", "2026-04-01", 250],
                                                  ["BEN-0001", "Spart tid", "2026-Q3", 330]]),
                       "measurements")
    job = _check(client, location, _job(location), django_capture_on_commit_callbacks)
    assert job.errors == []
    before = _count(org, Measurement)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location, {"action": "import"})
    job.refresh_from_db()
    assert job.status == "done" and _count(org, Measurement) == before + 2
    assert "2 measurements were recorded" in client.get(location).content.decode()


def test_templates_per_kind_in_the_users_language(client_as):
    client = client_as("pmo")
    start = client.get("/o/fjordby/import/?kind=benefits").content.decode()
    assert "?kind=benefits" in start and "?kind=measurements" in start
    assert '<option value="benefits" selected>' in start
    benefits = client.get("/o/fjordby/import/template.xlsx?kind=benefits",
                          HTTP_ACCEPT_LANGUAGE="nb")
    assert benefits.status_code == 200
    assert "gevinst-" in benefits["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(benefits.content))
    data = book.get_sheet_by_index(0).to_python()
    assert data[0][:3] == ["Referanse", "Tittel", "Beskrivelse"]
    assert data[1][data[0].index("Kategori")] == "Kontantfrigjørende"
    explained = book.get_sheet_by_index(1).to_python()
    assert any(row[0] == "Sikkerhet" and "Middels" in row[3] for row in explained)
    measurements = client.get("/o/fjordby/import/template.xlsx?kind=measurements",
                              HTTP_ACCEPT_LANGUAGE="nb")
    data = CalamineWorkbook.from_filelike(io.BytesIO(measurements.content)) \
        .get_sheet_by_index(0).to_python()
    assert data[0][:3] == ["Gevinst", "Måleindikator", "Periode"]
    assert data[1][:2] == ["BEN-0001", "Spart tid"]


@pytest.mark.parametrize("role", ["contributor", "viewer"])
def test_only_portfolio_managers_may_import_benefits(client_as, role):
    client = client_as(role)
    assert client.get("/o/fjordby/import/template.xlsx?kind=benefits").status_code == 403
    response = client.post("/o/fjordby/import/", {
        "kind": "benefits", "file": SimpleUploadedFile("b.xlsx", workbook(EN, [en_row(1)]))})
    assert response.status_code == 403
