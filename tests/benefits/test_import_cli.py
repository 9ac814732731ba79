"""`gevinst import benefits|measurements FILE --org SLUG [--dry-run] [--as EMAIL]` and the
API's import of both kinds."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from gevinst.benefits.models import Benefit, Measurement
from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from tests.benefits.test_import_benefits import EN, en_row
from tests.conftest import api_token
from tests.portfolio.importbooks import workbook

pytestmark = pytest.mark.django_db

MEASURES = ["Gevinst", "Måleindikator", "Periode", "Faktisk"]


def _count(model) -> int:
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        return model.objects.filter(organisation=org).count()


def test_gevinst_import_benefits_dry_run_then_import(tmp_path, capsys, monkeypatch):
    from django.db import connections

    from gevinst import cli

    # A management command run from the command line closes the database connections when
    # it ends; the test's connection (and its transaction) must survive that.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    path = tmp_path / "gevinster.xlsx"
    path.write_bytes(workbook(EN, [en_row(i) for i in range(3)]))
    before = _count(Benefit)
    cli.main(["import", "benefits", str(path), "--org", "fjordby", "--dry-run"])
    assert "3 row(s) checked, no errors" in capsys.readouterr().out
    assert _count(Benefit) == before
    cli.main(["import", "benefits", str(path), "--org", "fjordby", "--as", "pmo@fjordby.test"])
    out = capsys.readouterr().out
    assert "Imported 3 benefit(s): BEN-" in out
    assert _count(Benefit) == before + 3


def test_measurement_errors_are_printed_by_row_and_column_and_nothing_is_saved(tmp_path,
                                                                              capsys):
    path = tmp_path / "målinger.xlsx"
    path.write_bytes(workbook(MEASURES, [["BEN-0001", "Spart tid", "2026-Q2", 250],
                                         ["BEN-0001", "Spart tid", "2026-05-01", 260],
                                         ["BEN-0001", "Ukjent", "2026-Q3", "mye"]]))
    before = _count(Measurement)
    with pytest.raises(CommandError) as failed:
        call_command("import_portfolio", "measurements", str(path), "--org", "fjordby")
    assert failed.value.returncode == 1
    assert "3 error(s)" in str(failed.value)
    err = capsys.readouterr().err
    assert "Row 3, column C (Periode): 2026-05-01 is not the first day" in err
    assert "Row 4, column B (Måleindikator): BEN-0001 has no measure “Ukjent”" in err
    assert "Row 4, column D (Faktisk): “mye” is not a number." in err
    assert _count(Measurement) == before
    path.write_bytes(workbook(MEASURES, [["BEN-0001", "Spart tid", "2026-Q2", 250],
                                         ["BEN-0001", "1", "01.07.2026", "330,5"]]))
    call_command("import_portfolio", "measurements", str(path), "--org", "fjordby")
    assert "Imported 2 measurement(s)." in capsys.readouterr().out
    assert _count(Measurement) == before + 2


def test_the_api_imports_benefits_and_measurements_all_or_nothing(client):
    token = api_token("pmo")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    bad = [en_row(1), en_row(2, **{"Category": "Magic"})]
    before = _count(Benefit)
    response = client.post("/api/v1/o/fjordby/import/benefits/", {
        "file": SimpleUploadedFile("b.xlsx", workbook(EN, bad))}, **auth)
    assert response.status_code == 422
    assert [(e["row"], e["column"], e["heading"]) for e in response.json()["detail"]] == [
        (3, "E", "Category")]
    assert _count(Benefit) == before
    response = client.post("/api/v1/o/fjordby/import/benefits/", {
        "file": SimpleUploadedFile("b.xlsx", workbook(EN, [en_row(1), en_row(2)]))}, **auth)
    assert response.status_code == 201
    assert response.json()["sources"] == dict(zip(["OLD-00001", "OLD-00002"],
                                                  response.json()["created"], strict=True))
    assert _count(Benefit) == before + 2
    response = client.post("/api/v1/o/fjordby/import/measurements/", {
        "file": SimpleUploadedFile("m.xlsx", workbook(MEASURES, [
            ["BEN-0001", "Spart tid", "2026-Q2", 250]])), "dry_run": "true"}, **auth)
    assert response.status_code == 200 and response.json()["rows"] == 1
    asdal = client.post("/api/v1/o/asdal/import/measurements/", {
        "file": SimpleUploadedFile("m.xlsx", workbook(MEASURES, [
            ["BEN-0001", "Spart tid", "2026-Q2", 250]]))}, **auth)
    assert asdal.status_code == 404
