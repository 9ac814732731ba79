"""The import pages: upload → mapping → dry run → import, progress, template, roles."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative
from gevinst.portfolio.models.imports import ImportJob
from tests.portfolio.importbooks import NB, nb_row, workbook

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, kind="initiatives", name="portefølje.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/o/fjordby/import/", {
        "kind": kind, "file": SimpleUploadedFile(name, data),
    })


def _job(pk) -> ImportJob:
    with unscoped():
        return ImportJob.objects.get(pk=pk)


def _count(org) -> int:
    with tenant_scope(org):
        return Initiative.objects.filter(organisation=org).count()


def test_upload_mapping_dry_run_and_import(client_as, org, django_capture_on_commit_callbacks):
    client = client_as("pmo")
    headers = ["Navn på tiltak", *NB[2:]]  # an unusual title heading: no guess for it
    rows = [[f"Tiltak {i}", *nb_row(i)[2:]] for i in range(3)]
    rows[1][NB.index("Startdato") - 1] = "i fjor"
    response = _upload(client, workbook(headers, rows))
    assert response.status_code == 302
    job = _job(int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert job.status == "uploaded" and job.total_rows == 3
    assert job.file_path.startswith(f"imports/{org.pk}/")
    assert "0" not in job.mapping and job.mapping["1"] == "problem"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'name="col_0"' in page.content.decode()

    # Without a title column the dry run is refused with a readable message.
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    refused = client.post(response["Location"], {"action": "check", **form})
    assert refused.status_code == 200
    assert "Choose the column that holds" in refused.content.decode()

    form["col_0"] = "title"
    with django_capture_on_commit_callbacks(execute=True):
        checked = client.post(response["Location"], {"action": "check", **form})
    assert checked.status_code == 302
    job.refresh_from_db()
    assert job.status == "checked"
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "L")]
    page = client.get(response["Location"]).content.decode()
    assert "i fjor" in page and "1 error" in page
    errors_xlsx = client.get(response["Location"] + "errors.xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(errors_xlsx.content)) \
        .get_sheet_by_index(0).to_python()
    assert sheet[1][:2] == [3.0, "L"]
    # Importing a file with errors is refused; nothing is saved.
    before = _count(org)
    client.post(response["Location"], {"action": "import"})
    assert _count(org) == before

    # The user sets the bad column aside ("do not import") and checks again: no errors.
    form["col_11"] = ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "check", **form})
    job.refresh_from_db()
    assert job.status == "checked" and job.errors == []
    assert "Import all 3 rows" in client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        imported = client.post(response["Location"], {"action": "import"})
    assert imported.status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == 3
    assert _count(org) == before + 3
    with tenant_scope(org):
        made = Initiative.objects.get(organisation=org, reference=job.result["first"])
        assert made.title == "Tiltak 0" and made.start_date is None
        assert made.history.get().history_user.email == "pmo@fjordby.test"
    done = client.get(response["Location"]).content.decode()
    assert "3 initiatives were created" in done and 'name="col_0"' not in done
    # Done is done: a second import of the same job is refused.
    client.post(response["Location"], {"action": "import"})
    assert _count(org) == before + 3


def test_a_large_file_runs_as_a_task_with_progress(client_as, org, settings,
                                                    django_capture_on_commit_callbacks):
    from gevinst.portfolio.services import imports

    # A queue that only records (django-tasks re-reads TASKS when the setting changes).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = client_as("admin")
    rows = [nb_row(i) for i in range(imports.INLINE_ROWS + 1)]
    response = _upload(client, workbook(NB, rows))
    job = _job(int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "check", **form})
    job.refresh_from_db()
    assert job.status == "queued"  # waiting for the worker
    from django_tasks import default_task_backend

    enqueued = default_task_backend.results
    assert len(enqueued) == 1
    assert enqueued[0].kwargs == {"organisation_id": org.pk, "job_id": job.pk,
                                  "actor_id": job.created_by_id}
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Refresh to see the progress" in page
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true",
                         HTTP_HX_TARGET="import-progress")
    assert 'id="import-progress"' in partial.content.decode()
    assert "<html" not in partial.content.decode()
    # The worker runs it (here: the task's function, as the worker would).
    imports.run_job(**enqueued[0].kwargs)
    job.refresh_from_db()
    assert job.status == "checked" and job.errors == []
    assert job.processed_rows == job.total_rows == imports.INLINE_ROWS + 1
    finished = client.get(response["Location"], HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="import-progress")
    assert finished["HX-Refresh"] == "true"


def test_the_immediate_backend_runs_a_large_import_through_the_task(
        client_as, org, django_capture_on_commit_callbacks):
    from gevinst.portfolio.services import imports

    client = client_as("pmo")
    n = imports.INLINE_ROWS + 5
    response = _upload(client, workbook(NB, [nb_row(i) for i in range(n)]))
    job = _job(int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    before = _count(org)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "check", **form})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "import"})
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == n
    assert _count(org) == before + n


def test_template_has_headings_in_the_users_language_and_an_explanation(client_as):
    client = client_as("pmo")
    client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    response = client.get("/o/fjordby/import/template.xlsx?kind=initiatives",
                          HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert len(book.sheet_names) == 2
    data = book.get_sheet_by_index(0).to_python()
    assert data[0][:3] == ["Referanse", "Tittel", "Problem"]
    assert data[1][data[0].index("Fase")] == "Planlegging"
    explained = book.get_sheet_by_index(1).to_python()
    assert any(row[0] == "Status" and "På vent" in row[3] for row in explained)
    money = client.get("/o/fjordby/import/template.xlsx?kind=money", HTTP_ACCEPT_LANGUAGE="nb")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(money.content)).get_sheet_by_index(0)
    assert sheet.to_python()[0][:3] == ["Referanse", "År", "Type"]


def test_the_template_imports_as_it_is(client_as, org):
    """The downloaded template, example row and all, passes its own dry run."""
    from gevinst.portfolio.imports.parsing import read_sheet
    from gevinst.portfolio.imports.template import template_bytes
    from gevinst.portfolio.services.imports import do_import_sheet

    with tenant_scope(org):
        for lang in ("en", "nb", "sv"):
            from django.utils import translation

            with translation.override(lang):
                sheet = read_sheet(template_bytes("initiatives", org))
                result = do_import_sheet(actor=None, organisation=org, kind="initiatives",
                                         sheet=sheet, dry_run=True)
            assert result.rows == 1


@pytest.mark.parametrize("role", ["contributor", "viewer", "employee"])
def test_only_portfolio_managers_and_admins_may_import(client_as, role, org):
    client = client_as(role)
    with unscoped():
        job = ImportJob.objects.filter(organisation=org).first()
    for path in ("/o/fjordby/import/", "/o/fjordby/import/template.xlsx",
                 f"/o/fjordby/import/{job.pk}/", f"/o/fjordby/import/{job.pk}/errors.xlsx"):
        assert client.get(path).status_code == 403, path
    assert _upload(client, workbook(NB, [nb_row(1)])).status_code == 403


def test_the_menu_shows_import_to_portfolio_managers_only(client_as):
    assert 'href="/o/fjordby/import/"' in client_as("pmo").get("/o/fjordby/").content.decode()
    viewer = client_as("viewer").get("/o/fjordby/").content.decode()
    assert 'href="/o/fjordby/import/"' not in viewer


def test_another_organisations_job_is_not_found(client_as, other_org):
    with unscoped():
        job = ImportJob.objects.filter(organisation=other_org).first()
    client = client_as("admin")
    assert client.get(f"/o/fjordby/import/{job.pk}/").status_code == 404
    assert client.post(f"/o/fjordby/import/{job.pk}/", {"action": "import"}).status_code == 404


def test_a_file_that_is_not_a_workbook_is_refused_readably(client_as):
    response = _upload(client_as("pmo"), b"name;title\n1;2\n", name="data.csv")
    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.content.decode()


def test_the_database_worker_runs_queued_imports(client_as, org, settings, monkeypatch,
                                                 django_capture_on_commit_callbacks):
    """With the database backend (as in production) the job waits until `db_worker` runs."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    from gevinst.portfolio.services import imports

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(imports, "INLINE_ROWS", 0)
    # The worker closes stale connections between tasks; here it shares the test's
    # connection (and its transaction), which must stay open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client = client_as("pmo")
    response = _upload(client, workbook(NB, [nb_row(1), nb_row(2)]))
    job = _job(int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "check", **form})
    job.refresh_from_db()
    assert job.status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")
    job.refresh_from_db()
    assert job.status == "checked" and job.errors == [] and job.processed_rows == 2
    before = _count(org)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "import"})
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")
    job.refresh_from_db()
    assert job.status == "done" and _count(org) == before + 2
