"""Benchmark of the Excel import: a 10,000-initiative workbook through `gevinst import`.

    python bench/import_bench.py [--db sqlite|postgres|both] [--initiatives 10000] [--no-write]

Per database: a fresh one (SQLite in a temporary ``GEVINST_VAR_DIR``; PostgreSQL as a
private cluster made by ``run.postgres_cluster``, always stopped and removed), ``gevinst
migrate``, an organisation with units and people from ``generate.py`` (no initiatives),
then a workbook of N initiatives (Bokmål headings, every column filled, dates as Excel
dates and as dd.mm.yyyy text) and one of N rows of money per year. Each is run through the
command line exactly as an operator would: ``gevinst import initiatives FILE --org SLUG
--dry-run``, then without ``--dry-run``, then ``gevinst import money``. Times are wall
clock of the whole command (Python and Django start-up included, measured separately).
Target: **the import of 10,000 initiatives in < 15 s**. The result replaces the section
``bench:import`` of ``bench/results.md`` (everything else is kept).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results.md"
sys.path.insert(0, str(BENCH))

from run import (  # noqa: E402
    code_version,
    gevinst_command,
    log,
    machine,
    postgres_cluster,
    write_block,
)

SLUG = "importbench"
TARGET_S = 15.0
BEGIN, END = "<!-- bench:import:begin -->", "<!-- bench:import:end -->"
HEADINGS = ["Referanse", "Tittel", "Problem", "Målbilde", "Ambisjon", "Fyrtårn", "Program",
            "Enhet", "Eier", "Prosjektleder", "Fase", "Status", "Startdato", "Sluttdato"]
PHASES = ["Idé", "Konsept", "Planlegging", "Gjennomføring", "Avslutning", "Realisering"]
STATUSES = ["Aktiv", "På vent", "Stoppet", "Fullført"]


def make_workbooks(slug: str, rows: int, initiatives_path: Path, money_path: Path) -> None:
    """Child process: write both workbooks from the organisation's units and people."""
    import random

    import xlsxwriter

    sys.path.insert(0, str(BENCH))
    from generate import _problem, _setup_django, _target, _title

    _setup_django()
    from gevinst.core.models import Membership, Organisation, Unit
    from gevinst.core.scoping import tenant_scope

    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        units = list(Unit.objects.filter(organisation=org).values_list("name", flat=True))
        people = list(Membership.objects.filter(organisation=org)
                      .exclude(role="employee").values_list("user__email", flat=True))
    rng = random.Random(f"import:{rows}")
    book = xlsxwriter.Workbook(str(initiatives_path), {"constant_memory": True})
    ws = book.add_worksheet("Tiltak")
    date_fmt = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, HEADINGS)
    for r in range(1, rows + 1):
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
        end = start + dt.timedelta(days=rng.randint(30, 900))
        ws.write_string(r, 0, f"GML-{r:05d}")
        ws.write_string(r, 1, _title(rng))
        ws.write_string(r, 2, _problem(rng))
        ws.write_string(r, 3, _target(rng))
        ws.write_string(r, 4, rng.choice(["Forbedre", "Transformere"]))
        ws.write_string(r, 5, rng.choice(["Ja", "Nei", "Nei", "Nei"]))
        ws.write_string(r, 7, rng.choice(units))
        ws.write_string(r, 8, rng.choice(people))
        ws.write_string(r, 9, rng.choice(people))
        ws.write_string(r, 10, rng.choice(PHASES))
        ws.write_string(r, 11, rng.choice(STATUSES))
        ws.write_datetime(r, 12, dt.datetime.combine(start, dt.time()), date_fmt)
        ws.write_string(r, 13, end.strftime("%d.%m.%Y"))  # dates typed as text, too
    book.close()
    book = xlsxwriter.Workbook(str(money_path), {"constant_memory": True})
    ws = book.add_worksheet("Økonomi")
    ws.write_row(0, 0, ["Referanse", "År", "Type", "Investering", "Endring i driftskostnad",
                        "Interne timer", "Intern kostnad", "Eksterne kjøp"])
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [f"INI-{r:04d}", 2027, "Budsjett", rng.randint(0, 5_000_000),
                            rng.randint(-200_000, 200_000), rng.randint(0, 3000),
                            rng.randint(0, 2_000_000), rng.randint(0, 3_000_000)])
    book.close()


def timed(cmd: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, text=True, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n"
                           f"{(result.stderr or result.stdout)[-3000:]}")
    return seconds, result.stdout.strip()


def bench_database(db: str, rows: int) -> dict:
    with contextlib.ExitStack() as stack:
        var = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gevinst-imp-")))
        env = {**os.environ, "GEVINST_VAR_DIR": str(var), "SECRET_KEY": secrets.token_hex(20),
               "GEVINST_HTTPS": "false", "DJANGO_SETTINGS_MODULE": "gevinst.settings"}
        env.pop("DATABASE_URL", None)
        version = ""
        if db == "postgres":
            cluster = stack.enter_context(postgres_cluster())
            env["DATABASE_URL"], version = cluster["url"], cluster["version"]
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version} (WAL)"
        gevinst = gevinst_command()
        log(f"{db}: migrate")
        timed([*gevinst, "migrate", "--verbosity", "0"], env)
        timed([sys.executable, str(BENCH / "generate.py"), "--initiatives", "0", "--slug", SLUG],
              env)
        initiatives, money = var / "initiatives.xlsx", var / "money.xlsx"
        log(f"{db}: writing the workbooks ({rows:,} rows)")
        timed([sys.executable, __file__, "--make-workbooks", str(rows), "--slug", SLUG,
               "--out", str(var)], env)
        startup, _ = timed([*gevinst, "manage", "check", "--verbosity", "0"], env)
        log(f"{db}: dry run")
        dry, dry_out = timed([*gevinst, "import", "initiatives", str(initiatives), "--org", SLUG,
                              "--dry-run", "--verbosity", "2"], env)
        log(f"{db}: import")
        imp, imp_out = timed([*gevinst, "import", "initiatives", str(initiatives), "--org",
                              SLUG, "--as", f"admin@{SLUG}.example", "--verbosity", "2"], env)
        if not re.search(rf"Imported {rows} initiative", imp_out):
            raise RuntimeError(f"unexpected output: {imp_out}")
        log(f"{db}: money")
        mon, mon_out = timed([*gevinst, "import", "money", str(money), "--org", SLUG,
                              "--verbosity", "2"], env)
        return {"db": db, "version": version, "rows": rows, "startup": startup, "dry": dry,
                "import": imp, "money": mon, "dry_phases": phases(dry_out),
                "import_phases": phases(imp_out), "money_phases": phases(mon_out),
                "size": initiatives.stat().st_size,
                "money_size": money.stat().st_size, "outputs": [dry_out, imp_out, mon_out]}


def phases(output: str) -> tuple[float, float]:
    """(read s, check/save s) as the command reports them with --verbosity 2."""
    m = re.search(r"in ([\d.]+) s; .* in ([\d.]+) s", output)
    return (float(m[1]), float(m[2])) if m else (float("nan"), float("nan"))


def load_average() -> str:
    with contextlib.suppress(OSError):
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return "?"


def section(results: list[dict], host: dict, started: dt.datetime, load_before: str,
            load_after: str) -> str:
    code = code_version()
    changed = (f"; uncommitted changes under src/: {len(code['changed'])} file(s)"
               if code["changed"] else "")
    lines = [
        "## Excel import (10,000 initiatives)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} (local time of the machine)",
        f"- Command: `.venv/bin/python bench/import_bench.py {' '.join(sys.argv[1:])}`".rstrip(),
        f"- Machine: {host['nproc']} cores ({host['cpu']}), {host['memory']} memory; Python "
        f"{host['python']}, Django {host['django']}",
        f"- Code: commit `{code['commit']}` (fingerprint `{code['fingerprint']}`){changed}",
        f"- Load average before / after: {load_before} / {load_after} (the machine is shared; "
        "other work running at the same time makes these times longer)",
        "- Path: `gevinst import initiatives FILE --org SLUG` as a separate process, the same "
        "code as the web import's worker (python-calamine read, one check of every row, one "
        "transaction: a block of INI numbers, `bulk_create` + one history row each, and each "
        "initiative's phase checklist copied with INSERT ... SELECT, ~7 items and their history "
        "rows per initiative)",
        "",
        "| Database | Rows | File | Dry run s (read + check) | Import s (read + check and "
        "save) | Money import s (read + check and save) | Import < 15 s |",
        "|---|---:|---:|---:|---:|---:|:---:|",
    ]

    def cell(total: float, parts: tuple[float, float]) -> str:
        return f"{total:.1f} ({parts[0]:.1f} + {parts[1]:.1f})"

    for r in results:
        ok = "yes" if r["import"] < TARGET_S else "**no**"
        lines.append(f"| {r['version']} | {r['rows']:,} | {r['size'] / 1e6:.1f} MB | "
                     f"{cell(r['dry'], r['dry_phases'])} | "
                     f"{cell(r['import'], r['import_phases'])} | "
                     f"{cell(r['money'], r['money_phases'])} | {ok} |")
    lines += ["", "Times are wall clock of the whole `gevinst import` process; in brackets the "
              "time the command itself measured for reading the workbook and for checking "
              "(and saving) the rows; the rest is Python and Django start-up "
              f"(`gevinst manage check` took {results[0]['startup']:.1f} s here, URL "
              "configuration and system checks included, which the import command skips). "
              "*Dry run*: read and check every row, save nothing. *Import*: read, check and "
              "save all rows, each with a history row, in one transaction. *Money import*: "
              "the same number of rows of money per year (one per new initiative).", ""]
    return "\n".join(lines)


def write_results(block: str) -> None:
    write_block(BEGIN, END, block, RESULTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--make-workbooks", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--slug", default=SLUG, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make_workbooks:
        make_workbooks(args.slug, args.make_workbooks, args.out / "initiatives.xlsx",
                       args.out / "money.xlsx")
        return 0
    started = dt.datetime.now()
    host = machine()
    load_before = load_average()
    results = []
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        r = bench_database(db, args.initiatives)
        log(f"{db}: dry run {r['dry']:.1f} s, import {r['import']:.1f} s, money "
            f"{r['money']:.1f} s (start-up {r['startup']:.1f} s)")
        results.append(r)
    text = section(results, host, started, load_before, load_average())
    print(text)
    if not args.no_write:
        write_results(text)
    return 0 if all(r["import"] < TARGET_S for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
