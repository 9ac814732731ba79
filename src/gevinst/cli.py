"""The ``gevinst`` command.

    gevinst serve [--bind HOST:PORT] [--workers N]   gunicorn + whitenoise, production settings,
                                                      and the background task worker
    gevinst migrate                                   database migrations and cache table
    gevinst createorg --name NAME --slug SLUG ...     a new organisation (default phase model)
    gevinst token create --user EMAIL --org SLUG      print a new API token
    gevinst loaddemo                                  the demo organisations (idempotent)
    gevinst import initiatives|money|benefits|measurements|risks FILE --org SLUG [--dry-run]
                                                      import an Excel workbook, all or nothing
    gevinst remind [--org SLUG]                       email managers whose status report is due,
                                                      and late respondents of closing surveys
    gevinst followup [--org SLUG] [--date YYYY-MM-DD] daily follow-up of benefits and risks:
                                                      one digest each
    gevinst maturity list|show KEY|load FILE          the platform's maturity models: list the
                                                      versions, print one, install a changed file
    gevinst manage ...                                any Django management command
"""

from __future__ import annotations

import os
import subprocess
import sys

# `gevinst <alias> ...` runs the management command it names.
ALIASES = {
    "import": "import_portfolio",  # gevinst import benefits FILE --org SLUG [--dry-run]
    "remind": "remind_status_reports",  # gevinst remind [--org SLUG] [--dry-run]
    "followup": "benefit_followup",  # gevinst followup [--org SLUG] [--date YYYY-MM-DD]
    "maturity": "maturitymodel",  # gevinst maturity list | show KEY | load FILE
}


def _django(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gevinst.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gevinst", *argv])


def _check_port_free(bind: str) -> None:
    import socket

    host, _, port = bind.rpartition(":")
    if not port.isdigit():
        return  # a unix socket or something gunicorn will judge itself
    with socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]") or "0.0.0.0", int(port)))
        except OSError as exc:
            sys.exit(f"gevinst serve: cannot listen on {bind} ({exc.strerror}). Is Gevinst "
                     "already running there? Stop it, or choose another address with --bind.")


def _start_task_worker() -> subprocess.Popen:
    """The django-tasks database worker (imports and other background work), as a child
    process that dies with this one."""
    import signal

    def die_with_parent() -> None:  # Linux: the kernel stops the worker if we are killed
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass

    return subprocess.Popen(
        [sys.executable, "-m", "gevinst.cli", "manage", "db_worker", "--queue-name", "*",
         "--no-reload", "--interval", "1", "--verbosity", "1"],
        preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,
    )


def _stop_task_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()  # the worker finishes its current task, then exits
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _serve(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="gevinst serve")
    parser.add_argument("--bind", default=os.environ.get("GEVINST_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int,
                        default=int(os.environ.get("GEVINST_WORKERS", 2 * (os.cpu_count() or 1)
                                                   + 1)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GEVINST_THREADS", 1)))
    parser.add_argument("--no-collectstatic", action="store_true")
    parser.add_argument("--no-task-worker", action="store_true",
                        default=os.environ.get("GEVINST_TASK_WORKER", "").lower()
                        in {"0", "false", "no", "off"},
                        help="do not start the background task worker (run `gevinst manage "
                             "db_worker` yourself)")
    args, rest = parser.parse_known_args(argv)
    _check_port_free(args.bind)
    if not args.no_collectstatic:
        _django(["collectstatic", "--noinput", "--verbosity", "0"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gevinst.settings")
    from gunicorn.app.wsgiapp import run

    worker = None if args.no_task_worker else _start_task_worker()
    sys.argv = ["gunicorn", "gevinst.wsgi:application", "--bind", args.bind,
                "--workers", str(args.workers), "--threads", str(args.threads),
                "--access-logfile", "-", "--logger-class", "gevinst.core.serverlog.AccessLogger",
                "--timeout", "60", "--no-control-socket", *rest]
    try:
        run()
    finally:
        if worker is not None:
            _stop_task_worker(worker)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "serve":
        _serve(rest)
    elif command == "manage":
        _django(rest)
    elif command == "migrate":
        _django(["migrate", *rest])
        _django(["createcachetable"])
    elif command in {"createorg", "token", "loaddemo"}:
        _django([command, *rest])
    elif command in ALIASES:
        _django([ALIASES[command], *rest])
    else:
        print(f"gevinst: unknown command {command!r}\n{__doc__}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
