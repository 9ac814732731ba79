"""Results of a digital maturity assessment with 5,000 respondents.

    python bench/maturity_run.py [--db sqlite|postgres|both] [--respondents 5000]
                                 [--units 40] [--repeat 7] [--no-write]

Per database: a fresh one (SQLite in a temporary ``GEVINST_VAR_DIR``; PostgreSQL as a
private cluster made by ``run.postgres_cluster``, always stopped and removed), ``gevinst
migrate``, an organisation with ``--units`` units (8 sectors, departments under them) and
30 people from ``generate.py`` (no initiatives), then, in one process (``--child``):

- an assessment of the default model made and opened through the services
  (``do_create_campaign`` with the invitees as "more people to invite", ``do_open_campaign``
  with the emails switched off): ~6,200 invitations over the units;
- ``--respondents`` sent responses (answers from ``gevinst.demo.maturity.answers_for``
  around a profile per unit), 3 departments with 2–4 respondents (merged at closing) and
  100 unsent drafts (deleted at closing), bulk-inserted, their invitations marked answered;
- **closing** (``do_close_campaign``: drafts deleted, reporting groups, ``compute_summary``,
  recommendations) ``--repeat`` times, each in a transaction rolled back, then once for real;
- **computing the results** (``compute_summary`` of the closed campaign) ``--repeat``
  times, its parts (reading the answers; the arithmetic) and a cProfile of one run;
- **the results page** (``maturity_results``, as the administrator, Django test Client in
  the same process) once cold and ``--repeat`` times warm, if the route exists; otherwise
  reported as not measured.

Target: **the results of a campaign with 5,000 respondents in under 2 s**. The block
``bench:maturity`` of ``bench/results.md`` is replaced (``--no-write`` to leave it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import secrets
import statistics
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
    machine_busy,
    postgres_cluster,
    write_block,
)

SLUG = "maturitybench"
TARGET_S = 2.0
BEGIN, END = "<!-- bench:maturity:begin -->", "<!-- bench:maturity:end -->"
TINY = (2, 3, 4)  # respondents of the departments too small to be shown on their own
DRAFTS = 100
PROFILE = {"strategy": 0.48, "benefits": 0.36, "services": 0.52, "people": 0.43,
           "data": 0.41, "technology": 0.53, "innovation": 0.38, "green": 0.30}


# --------------------------------------------------------------------------- child


def build(slug: str, respondents: int, seed: int = 5) -> dict:
    """The open campaign with its invitations, sent answers and drafts (see the module)."""
    import random

    from django.db import transaction

    from gevinst.core.models import Membership, Organisation, Unit
    from gevinst.core.scoping import tenant_scope
    from gevinst.demo.maturity import answers_for
    from gevinst.maturity.models import Campaign, Invitation, Response
    from gevinst.maturity.services import campaigns
    from gevinst.maturity.services.responses import check_answers

    rng = random.Random(seed)
    org = Organisation.objects.get(slug=slug)
    started = time.perf_counter()
    with tenant_scope(org), transaction.atomic():
        admin = Membership.objects.get(organisation=org, role="admin").user
        units = list(Unit.objects.filter(organisation=org).order_by("code"))
        departments = [u for u in units if u.parent_id is not None]
        tiny = dict(zip((u.pk for u in departments[:len(TINY)]), TINY, strict=True))
        weights = {u.pk: rng.uniform(0.5, 2.0) for u in units if u.pk not in tiny}
        left = respondents - sum(tiny.values())
        total = sum(weights.values())
        wanted = {pk: int(left * w / total) for pk, w in weights.items()}
        for pk in sorted(weights, key=lambda pk: -weights[pk])[:left - sum(wanted.values())]:
            wanted[pk] += 1
        wanted.update(tiny)
        by_pk = {u.pk: u for u in units}
        lines, n = [], 0
        for pk, count in wanted.items():
            for _ in range(round(count / rng.uniform(0.7, 0.9)) + 1):
                n += 1
                lines.append(f"person{n:05d}@{slug}.example, {by_pk[pk].code}")
        campaign = campaigns.do_create_campaign(
            actor=admin, organisation=org, units=[u for u in units if u.parent_id is None],
            title="Digital modenhet (benchmark)", opens_on=dt.date.today(),
            closes_on=dt.date.today() + dt.timedelta(days=30), extra_emails="\n".join(lines))
        saved = campaigns.send_invitations
        campaigns.send_invitations = lambda _c, invitations, **_k: [i.email for i in invitations]
        try:
            campaigns.do_open_campaign(actor=admin, campaign=campaign,
                                       expected_version=campaign.version)
        finally:
            campaigns.send_invitations = saved
        content = campaign.model_version.content
        invitations: dict[int, list[int]] = {}
        for pk, unit_id in (Invitation.objects.filter(organisation=org, campaign=campaign)
                            .order_by("email").values_list("pk", "unit_id")):
            invitations.setdefault(unit_id, []).append(pk)
        shift = {pk: {d: rng.gauss(0, 0.06) for d in PROFILE} for pk in by_pk}
        rows, answered = [], []
        for pk, count in wanted.items():
            pool = invitations.get(pk, [])
            chosen = rng.sample(pool, min(count, len(pool)))
            answered += chosen
            for _ in chosen:
                person = rng.gauss(0, 0.08)
                level = {d: min(0.98, max(0.02, PROFILE[d] + shift[pk][d] + person
                                          + rng.gauss(0, 0.09))) for d in PROFILE}
                rows.append(Response(organisation=org, campaign=campaign, unit_id=pk,
                                     answers=answers_for(content, level, rng),
                                     submitted=True))
        done = set(answered)
        waiting = [pk for pks in invitations.values() for pk in pks if pk not in done]
        for _ in range(DRAFTS):
            rows.append(Response(organisation=org, campaign=campaign,
                                 unit_id=rng.choice(list(by_pk)), submitted=False,
                                 answers=answers_for(content, PROFILE, rng,
                                                     dimensions={"strategy", "benefits"}),
                                 resume_key=secrets.token_hex(32)))
        assert not any(check_answers(content, r.answers, complete=r.submitted) for r in rows)
        Response.objects.bulk_create(rows, batch_size=500)
        Invitation.objects.filter(pk__in=answered).update(completed=True)
        campaign = Campaign.objects.get(pk=campaign.pk)
        invited = Invitation.objects.filter(organisation=org, campaign=campaign).count()
    return {"campaign": campaign.reference, "invited": invited,
            "respondents": len(answered), "drafts": DRAFTS, "units": len(units),
            "waiting": len(waiting), "tiny": list(TINY),
            "build_s": round(time.perf_counter() - started, 1)}


def _timed(function, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``repeat`` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


def _stats(wall: list[float], cpu: list[float] | None = None) -> dict:
    out = {"n": len(wall), "median": statistics.median(wall), "max": max(wall),
           "min": min(wall)}
    if cpu:
        out["cpu_median"] = statistics.median(cpu)
    return out


def _profile(function, limit: int = 12) -> list[dict]:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    function()
    prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (path, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        rows.append({"function": f"{Path(path).name}:{line}({name})", "calls": calls,
                     "tottime": tottime, "cumtime": cumtime})
    rows.sort(key=lambda r: -r["tottime"])
    return rows[:limit]


def measure(slug: str, repeat: int) -> dict:
    """Closing, computing the results and the results page (see the module)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from gevinst.core.models import Membership, Organisation
    from gevinst.core.scoping import tenant_scope, unscoped
    from gevinst.maturity import calc
    from gevinst.maturity.models import Campaign, Response
    from gevinst.maturity.selectors.campaigns import get_campaign
    from gevinst.maturity.services import campaigns

    org = Organisation.objects.get(slug=slug)
    out: dict = {}
    with tenant_scope(org):
        admin = Membership.objects.get(organisation=org, role="admin").user
        reference = Campaign.objects.get(organisation=org).reference

        def close():
            campaign = get_campaign(org, reference)
            campaigns.do_close_campaign(actor=admin, campaign=campaign,
                                        expected_version=campaign.version)

        def close_rolled_back():
            with transaction.atomic():
                close()
                transaction.set_rollback(True)

        with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
            close()
            transaction.set_rollback(True)
        out["close_queries"] = len(ctx.captured_queries)
        close_rolled_back()  # warm-up
        out["close"] = _stats(*_timed(close_rolled_back, repeat))
        close()
        campaign = get_campaign(org, reference)
        out["groups"] = len(campaign.summary["groups"])
        out["respondents"] = campaign.summary["whole"]["respondents"]
        out["stored_units"] = Response.objects.filter(campaign=campaign).values(
            "unit_id").distinct().count()

        def summary():
            campaigns.compute_summary(get_campaign(org, reference))

        with CaptureQueriesContext(connection) as ctx:
            summary()
        out["summary_queries"] = len(ctx.captured_queries)
        out["summary"] = _stats(*_timed(summary, repeat))

        def read():
            return list(Response.objects.filter(organisation_id=org.pk, campaign=campaign,
                                                submitted=True)
                        .values_list("unit_id", "answers"))

        rows = read()
        content = campaign.model_version.content
        out["summary_read"] = _stats(*_timed(read, repeat))
        out["summary_whole"] = _stats(*_timed(
            lambda: calc.summarise(content, (a for _u, a in rows)), repeat))
        out["profile"] = _profile(summary)
        out["page"] = page(slug, org, reference, admin, repeat)
    with unscoped():
        out["respondents_check"] = Response.objects.filter(campaign__organisation=org,
                                                           submitted=True).count()
    return out


def page(slug: str, org, reference: str, admin, repeat: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from gevinst.core.scoping import unscoped

    with unscoped():
        # The URL configuration builds its forms at import; outside any organisation.
        import gevinst.urls  # noqa: F401
    try:
        path = reverse("maturity_results", kwargs={"org_slug": slug, "campaign": reference})
    except NoReverseMatch as exc:
        return {"missing": f"URL name 'maturity_results' does not exist ({exc})"}
    from queries import _ensure_static

    _ensure_static()
    host = os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(",")[0].strip() or "127.0.0.1"
    client = Client(HTTP_HOST=host)
    client.force_login(admin)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        first = client.get(path)
    cold = time.perf_counter() - started
    # captured_queries reads the live log, which the next request empties: count it now.
    queries = len(ctx.captured_queries)
    wall, cpu = _timed(lambda: client.get(path), repeat)
    return {"path": path, "status": first.status_code, "bytes": len(first.content),
            "cold": cold, "queries": queries, **_stats(wall, cpu)}


def child(args) -> int:
    from generate import _setup_django

    _setup_django()
    data = build(args.slug, args.respondents)
    data.update(measure(args.slug, args.repeat))
    print(json.dumps(data))
    return 0


# --------------------------------------------------------------------------- parent


def _run(cmd: list[str], env: dict) -> str:
    result = subprocess.run(cmd, env=env, text=True, capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n"
                           f"{(result.stderr or result.stdout)[-3000:]}")
    return result.stdout.strip()


def load_average() -> str:
    with contextlib.suppress(OSError):
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return "?"


def bench_database(db: str, args) -> dict:
    with contextlib.ExitStack() as stack:
        var = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gevinst-mat-")))
        env = {**os.environ, "GEVINST_VAR_DIR": str(var), "SECRET_KEY": secrets.token_hex(20),
               "GEVINST_HTTPS": "false", "DJANGO_SETTINGS_MODULE": "gevinst.settings",
               "ALLOWED_HOSTS": "127.0.0.1", "EMAIL_URL": "console:", "LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        if db == "postgres":
            cluster = stack.enter_context(postgres_cluster())
            env["DATABASE_URL"], version = cluster["url"], cluster["version"]
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version} (WAL)"
        log(f"{db}: migrate")
        # --skip-checks: the system checks import the URL configuration, which is not what
        # is measured here.
        _run([*gevinst_command(), "migrate", "--skip-checks", "--verbosity", "0"], env)
        log(f"{db}: " + _run([sys.executable, str(BENCH / "generate.py"), "--initiatives",
                              "0", "--slug", args.slug, "--units", str(args.units)], env))
        busy = machine_busy(2)
        log(f"{db}: {args.respondents:,} respondents, then closing, results and page "
            f"(machine {busy:.0%} busy before)")
        out = _run([sys.executable, __file__, "--child", "--slug", args.slug,
                    "--respondents", str(args.respondents), "--repeat", str(args.repeat)], env)
        data = json.loads(out.splitlines()[-1])
        data.update(db=db, version=version, busy_before=busy, busy_after=machine_busy(2))
        return data


def _cell(stats: dict) -> str:
    return f"{stats['median']:.2f} / {stats['max']:.2f}"


def section(results: list[dict], args, host: dict, started: dt.datetime, load_before: str,
            load_after: str) -> str:
    code = code_version()
    changed = (f" plus uncommitted changes under `src/` ({len(code['changed'])} files)"
               if code["changed"] else "")
    first = results[0]
    lines = [
        f"## Digital maturity ({args.respondents:,} respondents)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} (local time of the machine)",
        f"- Command: `.venv/bin/python bench/maturity_run.py {' '.join(sys.argv[1:])}`".rstrip(),
        f"- Machine: {host['nproc']} cores ({host['cpu']}), {host['memory']} memory; Python "
        f"{host['python']}, Django {host['django']}",
        f"- Code: commit `{code['commit']}`{changed} (fingerprint `{code['fingerprint']}`)",
        f"- Conditions: load average before / after {load_before} / {load_after}; machine "
        + ", ".join(f"{r['db']} {r['busy_before']:.0%} / {r['busy_after']:.0%}" for r in results)
        + " busy with other work just before / after the measurement. The machine is shared "
        "and other work was running: the wall-clock times are longer than on a quiet "
        "machine; the CPU time of this process (SQLite: the database included) moves less.",
        f"- Data: one assessment of the default model (8 dimensions, 41 questions) in an "
        f"organisation of {first['units']} units; {first['invited']:,} invited, "
        f"{first['respondents']:,} sent responses ({', '.join(map(str, first['tiny']))} in "
        f"three departments too small to be shown, merged at closing) and {first['drafts']} "
        f"unsent drafts; built in {first['build_s']} s (services for the campaign and the "
        "invitations, responses bulk-inserted)",
        f"- Runs: {args.repeat} of each after one warm-up; median / max in seconds",
        "",
        "| Database | Close (`do_close_campaign`) s | queries | Results (`compute_summary`) s "
        "| CPU s | queries | of which reading the answers s | summarising the whole s "
        "| Results page s (cold) | < 2 s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        page = r["page"]
        if "missing" in page:
            page_cell = "not measured"
        else:
            page_cell = f"{_cell(page)} ({page['cold']:.2f})"
            if page["status"] != 200:
                page_cell += f" HTTP {page['status']}"
        worst = max([r["summary"]["median"], r["close"]["median"]]
                    + ([page["median"]] if "missing" not in page else []))
        lines.append(
            f"| {r['version']} | {_cell(r['close'])} | {r['close_queries']} | "
            f"{_cell(r['summary'])} | {r['summary']['cpu_median']:.2f} | "
            f"{r['summary_queries']} | {r['summary_read']['median']:.2f} | "
            f"{r['summary_whole']['median']:.2f} | {page_cell} | "
            f"{'yes' if worst < TARGET_S else '**no**'} |")
    lines.append("")
    for r in results:
        page = r["page"]
        if "missing" in page:
            lines.append(f"- {r['db']}: the results page was not measured: {page['missing']}.")
        else:
            lines.append(f"- {r['db']}: results page `{page['path']}`: HTTP {page['status']}, "
                         f"{page['queries']} queries, {page['bytes'] / 1000:.0f} kB, CPU "
                         f"{page['cpu_median'] * 1000:.0f} ms per request (median).")
        lines.append(f"  After closing: {r['groups']} reporting groups shown, responses "
                     f"stored under {r['stored_units']} units.")
    r = results[0]
    lines += ["", f"Where the time of `compute_summary` goes ({r['db']}, cProfile of one run, "
              "top functions by own time):", "",
              "| Function | calls | own s | with callees s |", "|---|---:|---:|---:|"]
    for row in r["profile"][:8]:
        lines.append(f"| `{row['function']}` | {row['calls']:,} | {row['tottime']:.3f} | "
                     f"{row['cumtime']:.3f} |")
    lines.append("")
    return "\n".join(lines)


def write_results(block: str) -> None:
    write_block(BEGIN, END, block, RESULTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--slug", default=SLUG)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    started = dt.datetime.now()
    host = machine()
    load_before = load_average()
    results = []
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        r = bench_database(db, args)
        log(f"{db}: close {_cell(r['close'])} s, compute_summary {_cell(r['summary'])} s, "
            f"page " + ("not measured" if "missing" in r["page"] else _cell(r["page"])))
        results.append(r)
    text = section(results, args, host, started, load_before, load_average())
    print(text)
    if not args.no_write:
        write_results(text)
    return 0 if all(r["summary"]["median"] < TARGET_S for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
