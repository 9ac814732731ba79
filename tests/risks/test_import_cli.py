"""The risks import outside the check itself: `gevinst import risks FILE --org SLUG
[--dry-run]`, and the shared import pages (the kind offered, the template, upload → dry run →
import, the job's result)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models.imports import ImportJob
from gevinst.risks.models import Risk
from tests.portfolio.importbooks import workbook
from tests.risks.test_import_risks import EN, col, en_row

pytestmark = pytest.mark.django_db


def _count() -> int:
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        return Risk.objects.filter(organisation=org).count()


def test_gevinst_import_risks_dry_run_then_import(tmp_path, capsys, monkeypatch):
    from django.db import connections

    from gevinst import cli

    # A management command run from the command line closes the database connections when
    # it ends; the test's connection (and its transaction) must survive that.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    path = tmp_path / "risikoer.xlsx"
    path.write_bytes(workbook(EN, [en_row(i) for i in range(3)]))
    before = _count()
    cli.main(["import", "risks", str(path), "--org", "fjordby", "--dry-run"])
    assert "3 row(s) checked, no errors" in capsys.readouterr().out
    assert _count() == before
    cli.main(["import", "risks", str(path), "--org", "fjordby", "--as", "pmo@fjordby.test"])
    assert "Imported 3 risk(s): RSK-0003 … RSK-0005." in capsys.readouterr().out
    assert _count() == before + 3


def test_cli_errors_are_printed_by_row_and_column_and_nothing_is_saved(tmp_path, capsys):
    rows = [en_row(i) for i in range(3)]
    rows[1][EN.index("Probability")] = 7
    rows[2][EN.index("Risk owner")] = "nobody@fjordby.test"
    path = tmp_path / "risikoer.xlsx"
    path.write_bytes(workbook(EN, rows))
    before = _count()
    with pytest.raises(CommandError) as failed:
        call_command("import_portfolio", "risks", str(path), "--org", "fjordby")
    assert failed.value.returncode == 1 and "2 error(s)" in str(failed.value)
    err = capsys.readouterr().err
    assert f"Row 3, column {col('Probability')} (Probability):" in err
    assert f"Row 4, column {col('Risk owner')} (Risk owner):" in err
    assert _count() == before


# --- the import pages ---------------------------------------------------------------------


def _upload(client, data: bytes):
    response = client.post("/o/fjordby/import/", {
        "kind": "risks", "file": SimpleUploadedFile("risks.xlsx", data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _job(location: str) -> ImportJob:
    with unscoped():
        return ImportJob.objects.get(pk=int(location.rstrip("/").rsplit("/", 1)[1]))


def test_the_import_page_offers_risks_and_their_template(client_as):
    client = client_as("pmo")
    page = client.get("/o/fjordby/import/").content.decode()
    assert '<option value="risks">' in page
    assert "?kind=risks" in page
    response = client.get("/o/fjordby/import/template.xlsx?kind=risks")
    assert response.status_code == 200
    assert 'filename="gevinst-risks-template.xlsx"' in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    headers = book.get_sheet_by_index(0).to_python()[0]
    assert headers[:3] == ["Reference", "Type", "Title"]
    assert "Probability" in headers and "Next review" in headers


def test_risks_through_upload_dry_run_and_import(client_as, org,
                                                  django_capture_on_commit_callbacks):
    client = client_as("pmo")
    rows = [en_row(i) for i in range(5)]
    rows[1][EN.index("Initiative")] = "INI-9999"          # found by the check
    rows[3][EN.index("Strategy")] = "Enhance"             # found by the services
    location = _upload(client, workbook(EN, rows))
    job = _job(location)
    assert job.kind == "risks" and job.total_rows == 5
    assert len(job.mapping) == len(EN)
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    before = _count()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location, {"action": "check", **form})
    job.refresh_from_db()
    assert job.status == "checked"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, col("Initiative")), (5, col("Strategy"))]
    assert _count() == before

    rows[1][EN.index("Initiative")] = "INI-0001"  # in the row's programme
    rows[3][EN.index("Strategy")] = "Avoid"
    location = _upload(client, workbook(EN, rows))
    job = _job(location)
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location, {"action": "check", **form})
    job.refresh_from_db()
    assert (job.status, job.errors) == ("checked", [])
    assert _count() == before  # the dry run wrote and rolled back
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location, {"action": "import"})
    job.refresh_from_db()
    assert job.status == "done" and _count() == before + 5
    page = client.get(location).content.decode()
    assert "5 risks were registered: RSK-0003 to RSK-0007." in page
    assert "money per year" not in page
    assert job.result["sources"]["OLD-0001"] == "RSK-0004"
    assert "/o/fjordby/risks/RSK-0004/" in page  # the new reference links to the risk
