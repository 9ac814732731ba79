"""`gevinst import initiatives|money FILE --org SLUG [--dry-run] [--as EMAIL]`."""

from __future__ import annotations

import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, MoneyYear
from tests.portfolio.importbooks import NB, nb_row, workbook

pytestmark = pytest.mark.django_db


def _count(model) -> int:
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        return model.objects.filter(organisation=org).count()


def test_errors_are_printed_by_row_and_column_and_the_exit_code_is_1(tmp_path, capsys):
    rows = [nb_row(1), nb_row(2, Startdato="32.01.2026"), nb_row(3, Enhet="Ingen slik")]
    path = tmp_path / "feil.xlsx"
    path.write_bytes(workbook(NB, rows))
    before = _count(Initiative)
    with pytest.raises(CommandError) as failed:
        call_command("import_portfolio", "initiatives", str(path), "--org", "fjordby")
    assert failed.value.returncode == 1
    assert "2 error(s)" in str(failed.value)
    err = capsys.readouterr().err
    assert "Row 3, column M (Startdato):" in err
    assert "Row 4, column H (Enhet):" in err
    assert _count(Initiative) == before


def test_a_dry_run_saves_nothing_and_an_import_saves_every_row(tmp_path, capsys):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(workbook(NB, [nb_row(i) for i in range(5)]))
    before = _count(Initiative)
    call_command("import_portfolio", "initiatives", str(path), "--org", "fjordby", "--dry-run")
    assert "5 row(s) checked, no errors" in capsys.readouterr().out
    assert _count(Initiative) == before
    call_command("import_portfolio", "initiatives", str(path), "--org", "fjordby",
                 "--as", "pmo@fjordby.test")
    assert "Imported 5 initiative(s)" in capsys.readouterr().out
    assert _count(Initiative) == before + 5
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        newest = Initiative.objects.filter(organisation=org).order_by("-number").first()
        assert newest.history.get().history_user.email == "pmo@fjordby.test"


def test_money_import_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "penger.xlsx"
    path.write_bytes(workbook(["Referanse", "År", "Type", "Investering"],
                              [["INI-0002", 2031, "Budsjett", 1000],
                               ["INI-0002", 2031, "Prognose", "1 500"]]))
    before = _count(MoneyYear)
    call_command("import_portfolio", "money", str(path), "--org", "fjordby")
    assert "2 added, 0 updated" in capsys.readouterr().out
    assert _count(MoneyYear) == before + 2


def test_the_author_must_be_a_member_and_the_organisation_must_exist(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(workbook(NB, [nb_row(1)]))
    with pytest.raises(CommandError, match="not a member"):
        call_command("import_portfolio", "initiatives", str(path), "--org", "fjordby",
                     "--as", "pmo@asdal.test")
    with pytest.raises(CommandError, match="No organisation"):
        call_command("import_portfolio", "initiatives", str(path), "--org", "nowhere")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_starts_the_task_worker_and_stops_it_with_the_server(monkeypatch):
    """`gevinst serve` runs django-tasks' db_worker beside gunicorn and ends it on exit."""
    import gunicorn.app.wsgiapp

    from gevinst import cli

    started = []
    real_start = cli._start_task_worker

    def start():
        started.append(real_start())
        return started[-1]

    seen = {}

    def fake_gunicorn():  # the server runs, then stops (as on SIGTERM)
        seen["worker alive while serving"] = started[0].poll() is None
        seen["argv"] = list(started[0].args)
        raise SystemExit(0)

    monkeypatch.setattr(cli, "_start_task_worker", start)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", fake_gunicorn)
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve hands gunicorn its own argv
    with pytest.raises(SystemExit):
        cli._serve(["--bind", f"127.0.0.1:{_free_port()}", "--no-collectstatic"])
    assert seen["worker alive while serving"]
    assert "db_worker" in seen["argv"]
    assert started[0].poll() is not None  # stopped with the server


def test_serve_can_leave_the_worker_to_a_service_of_its_own(monkeypatch):
    import gunicorn.app.wsgiapp

    from gevinst import cli

    monkeypatch.setattr(cli, "_start_task_worker", lambda: pytest.fail("worker started"))
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: None)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    cli._serve(["--bind", f"127.0.0.1:{_free_port()}", "--no-collectstatic",
                "--no-task-worker"])
