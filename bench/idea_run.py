"""The idea board and the similar-idea look-up under load (ideas from staff).

    python bench/idea_run.py [--db sqlite|postgres|both] [--ideas 50000] [--clients 8]
                             [--duration 15] [--write /tmp/bench-ideas.md]

Budgets of the issue, with 50,000 ideas in the organisation: the idea board **p95 ≤ 200 ms**,
the similar-idea look-up **p95 ≤ 100 ms** (8 clients on 2 cores, as every target of
``run.py``). Targets:

- ``web-ideas``: the board, newest first (``/o/<slug>/ideas/``), as the admin (a moderator:
  hidden ideas are listed too); selecting it also selects ``web-ideas-supported``
  (``?sort=supported``) and ``web-ideas-review`` (``?status=under_review``);
- ``web-ideas-employee``: the board as an employee (hidden ideas of others left out; only
  when run on its own, see below);
- ``web-idea-similar``: ``/o/<slug>/ideas/similar/?title=…&problem=…``, the partial the
  submission form asks for while someone types. Each client cycles through
  ``SIMILAR_INPUTS`` varied inputs (the sample's queries, generated-style titles, half-typed
  titles), so the look-up is not measured on one cached text.

On its own (``main``), per database: a fresh one made as ``run.py`` makes it (its
functions: ``postgres_cluster``, ``Server``, ``login``, ``load``, ``wait_quiet`` ...),
``generate.py`` (40 units, 30 people, few initiatives) and ``generate_ideas.py`` for
``ideas<N>`` and for ``ideas200`` (the query counts), ``gevinst serve``, a log-in as the
admin and as an employee, then every target. Within ``run.py`` (like ``risk_run``):
``setup`` / ``finish`` / ``section`` / ``write_results`` (see the report of issue 6 for the
hook); there, ``web-ideas-employee`` is left out unless ``run.py`` passes an employee's
session as the ``web-employee`` headers.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import shutil
import signal
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results.md"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import run as runmod  # noqa: E402

IDEAS = 50_000
SMALL_IDEAS = 200
BOARD_TARGET_P95_MS = 200.0
SIMILAR_TARGET_P95_MS = 100.0
SIMILAR_INPUTS = 60
# name → (label, kind, URL name, query string, budget)
IDEA_TARGETS = {
    "web-ideas": ("Idea board, newest first", "web", "idea_board", "",
                  BOARD_TARGET_P95_MS),
    "web-ideas-supported": ("Idea board, most supported first", "web", "idea_board",
                            "sort=supported", BOARD_TARGET_P95_MS),
    "web-ideas-review": ("Idea board, under review", "web", "idea_board",
                         "status=under_review", BOARD_TARGET_P95_MS),
    "web-ideas-employee": ("Idea board, newest first, as an employee", "web-employee",
                           "idea_board", "", BOARD_TARGET_P95_MS),
    "web-idea-similar": (f"Similar ideas while typing ({SIMILAR_INPUTS} varied inputs)", "web",
                         "idea_similar", "", SIMILAR_TARGET_P95_MS),
}
IDEA_NAMES = list(IDEA_TARGETS)
# Paths a rotating client cycles through, by the path of its target (see _client).
_ROTATIONS: dict[str, list[str]] = {}


def selected(name: str, only: list[str] | None) -> bool:
    """Whether an idea target runs: all without --only; ``web-ideas`` also selects its
    sorted and filtered variants."""
    if not only:
        return True
    return name in only or (name in ("web-ideas-supported", "web-ideas-review")
                            and "web-ideas" in only)


def similar_inputs(n: int = SIMILAR_INPUTS, seed: str = "similar") -> list[tuple[str, str]]:
    """(title, problem) as people type them: the labelled sample's queries (rephrasings
    and new ideas), titles in the generator's style with a problem, and half-typed titles."""
    from tests.ideas.data import sample

    import generate_ideas

    rng = random.Random(seed)
    queries = [(q["title"], q["problem"]) for q in sample.load()["queries"]]
    out = rng.sample(queries, min(len(queries), n // 2))
    while len(out) < n:
        title = generate_ideas._title(rng)
        if rng.random() < 0.3:
            out.append((title[:rng.randint(12, max(13, len(title) - 5))], ""))
        else:
            out.append((title, generate_ideas._problem(rng)))
    return out


def similar_paths(base: str, n: int = SIMILAR_INPUTS) -> list[str]:
    return [f"{base}?{urllib.parse.urlencode({'title': t, 'problem': p})}"
            for t, p in similar_inputs(n)]


def _client(port, path, headers, start_at, stop_at, max_requests, out):
    """``run._client`` for the targets of this module: a target whose path is in
    ``_ROTATIONS`` cycles through its paths (each client from another starting point);
    any other path goes to ``run._client`` unchanged. The loop mirrors ``run._client``."""
    import http.client

    paths = _ROTATIONS.get(path)
    if not paths:
        return _original_client(port, path, headers, start_at, stop_at, max_requests, out)
    conn = http.client.HTTPConnection(runmod.HOST, port, timeout=60)
    samples: list[tuple[float, int]] = []
    kinds: dict[str, int] = {}
    offset = os.getpid() % len(paths)
    while time.monotonic() < start_at:
        time.sleep(0.001)
    cpu0 = time.process_time()
    while len(samples) < max_requests and time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            conn.request("GET", paths[(offset + len(samples)) % len(paths)], headers=headers)
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            if resp.will_close:
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            status = 0
            kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
            conn.close()
        samples.append(((time.perf_counter() - started) * 1000, status))
    ended = time.monotonic()
    conn.close()
    out.put({"samples": samples, "kinds": kinds, "ended": ended,
             "cpu": time.process_time() - cpu0})


_original_client = runmod._client


def install_rotation() -> None:
    """Let ``run.load`` use the rotating client (it looks ``_client`` up at call time)."""
    runmod._client = _client


_RESOLVE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from generate import _setup_django
_setup_django()
from django.urls import NoReverseMatch, reverse
out = {}
for name, url_name in json.loads(sys.argv[2]).items():
    try:
        out[name] = reverse(url_name, kwargs={"org_slug": sys.argv[3]})
    except NoReverseMatch as exc:
        out[name] = {"error": f"URL name {url_name!r} does not exist ({exc})"}
print(json.dumps(out))
"""

_EMPLOYEE = """
import sys
sys.path.insert(0, sys.argv[1])
from generate import _setup_django
_setup_django()
from gevinst.core.models import Membership
from gevinst.core.scoping import unscoped
with unscoped():
    m = (Membership.objects.filter(organisation__slug=sys.argv[2], role="employee")
         .select_related("user").order_by("id").first())
print(m.user.email if m else "")
"""

_QUERIES = """
import json, sys
sys.path.insert(0, sys.argv[1])
import queries
queries._setup_django()
queries._ensure_static()
paths = json.loads(sys.argv[2])
queries.PAGES["ideas"] = lambda slug: {
    name: (kind, path.replace("{slug}", slug)) for name, (kind, path) in paths.items()}
out = {slug: queries.measure(slug, 5, False, "ideas") for slug in sys.argv[3:]}
print(json.dumps(out))
"""

_LOOKUP = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from generate import _setup_django
_setup_django()
import idea_run
from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.similarity import similar_ideas
org = Organisation.objects.get(slug=sys.argv[3])
inputs = idea_run.similar_inputs()
times, shown = [], []
with tenant_scope(org):
    for title, problem in inputs:  # warm-up
        similar_ideas(org, f"{title} {problem}")
    for _ in range(3):
        for title, problem in inputs:
            started = time.perf_counter()
            found = similar_ideas(org, f"{title} {problem}")
            times.append((time.perf_counter() - started) * 1000)
            shown.append(len(found))
times.sort()
print(json.dumps({"n": len(times), "mean": round(statistics.fmean(times), 2),
                  "p50": round(times[len(times) // 2], 2),
                  "p95": round(times[int(0.95 * (len(times) - 1))], 2),
                  "max": round(times[-1], 2),
                  "shown_mean": round(statistics.fmean(shown), 2)}))
"""


def setup(args, env: dict, work: Path, big: str, small: str, info: dict, *, run, log,
          target_class, kinds=("web",)) -> list:
    """Generate the ideas and return the idea load targets (none when no idea target is
    selected or --no-ideas is given). ``kinds``: the header kinds the caller can send."""
    wanted = [n for n in IDEA_NAMES if selected(n, getattr(args, "only", None))
              and IDEA_TARGETS[n][1] in kinds]
    if getattr(args, "no_ideas", False) or not wanted:
        return []
    data = {}
    for slug, n in ((big, getattr(args, "ideas", IDEAS)), (small, SMALL_IDEAS)):
        out = run([sys.executable, str(BENCH / "generate_ideas.py"), "--slug", slug,
                   "--ideas", str(n), "--json"], env=env, cwd=work, capture=True)
        data[slug] = d = json.loads(out.strip().splitlines()[-1])
        log(f"{slug}: {d['ideas']:,} ideas"
            + (f", {d['supports']:,} supports, {d['comments']:,} comments, "
               f"{d['grams']:,} index rows, inserted in {d['seconds']} s"
               if d.get("created") else " (existing)"))
    info["ideas"] = {"data": data, "wanted": wanted, "missing": {}, "paths": {}}
    names = {n: IDEA_TARGETS[n][2] for n in wanted}
    resolved = json.loads(run([sys.executable, "-c", _RESOLVE, str(BENCH), json.dumps(names),
                               big], env=env, cwd=work, capture=True).strip().splitlines()[-1])
    out = []
    for name, path in resolved.items():
        label, kind, _url, query, budget = IDEA_TARGETS[name]
        if isinstance(path, dict):
            log(f"{name}: not measured: {path['error']}")
            info["ideas"]["missing"][name] = path["error"]
            continue
        if name == "web-idea-similar":
            paths = similar_paths(path)
            _ROTATIONS[paths[0]] = paths
            full = paths[0]
            install_rotation()
        else:
            full = f"{path}?{query}" if query else path
        info["ideas"]["paths"][name] = (kind, full.replace(f"/{big}/", "/{slug}/"))
        out.append(target_class(name, label, kind, full, budget))
    return out


def finish(db: str, env: dict, work: Path, big: str, small: str, info: dict,
           results: list, *, run, log) -> None:
    """After the load: move the idea results out of ``results`` (they have their own
    section), count the queries of the idea pages and time the look-up in-process."""
    bench = info.get("ideas")
    if not bench:
        return
    bench["results"] = [r for r in results if r.target.name in IDEA_TARGETS]
    results[:] = [r for r in results if r.target.name not in IDEA_TARGETS]
    paths = {n: p for n, p in bench["paths"].items() if p[0] == "web"}
    if paths:
        log(f"{db}: SQL queries of the idea pages (test Client, same database)")
        bench["queries"] = json.loads(run(
            [sys.executable, "-c", _QUERIES, str(BENCH), json.dumps(paths), small, big],
            env=env, cwd=work, capture=True).strip().splitlines()[-1])
    log(f"{db}: similar_ideas in-process over {SIMILAR_INPUTS} inputs")
    bench["lookup"] = json.loads(run(
        [sys.executable, "-c", _LOOKUP, str(BENCH), str(ROOT), big], env=env, cwd=work,
        capture=True).strip().splitlines()[-1])


def section(db: str, info: dict, args, host: dict, started, *, db_title: str,
            command: str) -> str:
    bench = info["ideas"]
    small, big = info["slugs"]
    code = info["code"]
    data = bench["data"][big]
    cores = host["nproc"]
    statuses = ", ".join(f"{n:,} {s.replace('_', ' ')}"
                         for s, n in sorted(data.get("by_status", {}).items(),
                                            key=lambda kv: -kv[1]))
    lines = [
        f"### Ideas from staff on {db_title}",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M}; command: `{command}`",
        f"- Machine: {cores} cores ({host['cpu']}), {host['memory']}; Python "
        f"{host['python']}, Django {host['django']}; {info['db_version']}",
        f"- Code: commit `{code['commit']}`"
        + (" plus uncommitted changes under `src/`" if code["changed"] else "")
        + f" (fingerprint `{code['fingerprint']}`)",
        f"- Data: `{big}` with {data.get('ideas', 0):,} ideas"
        + (f" ({statuses}; {data['hidden']} hidden), {data['supports']:,} supports, "
           f"{data['comments']:,} comments and replies, {data['answers']:,} official "
           f"answers, {data['ratings']:,} ratings, {data['followers']:,} followers and "
           f"{data['grams']:,} similar-idea index rows ({data['distinct_grams']:,} distinct "
           f"trigrams), bulk-inserted in {data['seconds']} s" if data.get("created") else "")
        + f"; `{small}` has {SMALL_IDEAS} ideas (query counts)",
        f"- Load: {args.clients} client processes for {args.duration:g} s per target after "
        f"{args.warmup:g} s warm-up, same server set-up as above; the look-up target cycles "
        f"through {SIMILAR_INPUTS} inputs",
        "",
    ]
    results = bench.get("results", [])
    if results:
        lines += [
            f"| Target ({args.clients} clients) | Requests | Errors | req/s | p50 ms | p95 ms "
            "| p99 ms | max ms | server CPU ms/req | other load | target p95 | met |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
        ]
        for r in results:
            cpu_per = (r.server_cpu_s + r.db_cpu_s) * 1000 / r.requests if r.requests else 0
            ok = "yes" if r.p95 <= r.target.target_ms and r.errors == 0 else "**no**"
            lines.append(
                f"| {r.target.label} | {r.requests:,} | {r.errors} | {r.rps:.1f} | "
                f"{r.p50:.0f} | {r.p95:.0f} | {r.p99:.0f} | {r.max:.0f} | {cpu_per:.1f} | "
                f"{r.other_share(cores):.0%} | {r.target.target_ms:.0f} ms | {ok} |")
        lines.append("")
    for name, error in bench.get("missing", {}).items():
        lines += [f"- `{name}` not measured: {error}.", ""]
    lookup = bench.get("lookup")
    if lookup:
        lines += [
            f"`similar_ideas` in-process (no HTTP), {lookup['n']} look-ups over "
            f"{SIMILAR_INPUTS} inputs in `{big}`: mean {lookup['mean']:.1f} ms, p50 "
            f"{lookup['p50']:.1f}, p95 {lookup['p95']:.1f}, max {lookup['max']:.1f} ms; "
            f"{lookup['shown_mean']:.1f} suggestions shown on average.",
            ""]
    queries = bench.get("queries")
    if queries:
        lines += [
            f"SQL queries per page (in-process, second request; `{small}` vs `{big}`):",
            "",
            f"| Page | queries at {SMALL_IDEAS} ideas | queries at "
            f"{data.get('ideas', 0):,} | equal | SQL ms | 1 request in-process ms | "
            "CPU ms (+ PostgreSQL) |",
            "|---|---:|---:|:---:|---:|---:|---:|",
        ]
        for name, r_big in queries[big].items():
            r_small = queries[small][name]
            equal = r_small["queries"] == r_big["queries"]
            statuses = "" if r_big["status"] == r_small["status"] == 200 else (
                f" (HTTP {r_small['status']}/{r_big['status']})")
            cpu = f"{r_big['cpu_ms']:.1f}" + (
                f" + {r_big['db_cpu_ms']:.1f}" if r_big.get("db_cpu_ms") is not None else "")
            path = r_big["path"] if len(r_big["path"]) < 90 else r_big["path"][:87] + "…"
            lines.append(f"| `{path}`{statuses} | {r_small['queries']} | "
                         f"{r_big['queries']} | {'yes' if equal else '**no**'} | "
                         f"{r_big['sql_ms']:.1f} | {r_big['request_ms']:.1f} | {cpu} |")
        lines.append("")
    missed = [r.target.name for r in results if r.p95 > r.target.target_ms or r.errors]
    if results:
        lines += [
            f"**Idea pages (board p95 ≤ {BOARD_TARGET_P95_MS:.0f} ms, look-up p95 ≤ "
            f"{SIMILAR_TARGET_P95_MS:.0f} ms, {args.clients} clients on {cores} cores): "
            + ("met** for every page measured" if not missed
               else "NOT met** for " + ", ".join(missed)) + ".",
            ""]
    return "\n".join(lines)


IDEAS_HEADER = """## Ideas from staff (50,000 ideas)

Written by `bench/idea_run.py` (targets `web-ideas`, `web-ideas-supported`,
`web-ideas-review`, `web-ideas-employee` and `web-idea-similar`); each run replaces the block
of the database it ran. Budgets: **p95 ≤ 200 ms** for the idea board and **p95 ≤ 100 ms**
for the similar-idea look-up with 8 clients on 2 cores. Precision of the look-up:
`bench/idea_precision.py`.
"""


def write_results(sections: dict[str, str], path: Path = RESULTS) -> None:
    """Replace this module's block of each database in ``path`` (results.md by default)."""
    text = path.read_text() if path.exists() else ""
    title = IDEAS_HEADER.splitlines()[0]
    if title not in text:
        text = text.rstrip() + "\n\n" + IDEAS_HEADER
    for db in ("sqlite", "postgres"):
        if db not in sections:
            continue
        begin, end = f"<!-- bench:ideas-{db}:begin -->", f"<!-- bench:ideas-{db}:end -->"
        block = f"{begin}\n{sections[db].rstrip()}\n{end}"
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            text = head + block + rest.split(end, 1)[1]
        elif db == "sqlite" and "<!-- bench:ideas-postgres:begin -->" in text:
            head, tail = text.split("<!-- bench:ideas-postgres:begin -->", 1)
            text = f"{head}{block}\n\n<!-- bench:ideas-postgres:begin -->{tail}"
        else:
            at = text.index(title)
            following = text.find("\n## ", at + 1)
            if following == -1:
                text = text.rstrip() + f"\n\n{block}\n"
            else:
                text = f"{text[:following].rstrip()}\n\n{block}\n{text[following:]}"
    path.write_text(text.strip() + "\n")


# --------------------------------------------------------------------------- on its own


def bench_database(db: str, args) -> dict:
    """One database: fresh, migrated, generated, served, loaded (see the module)."""
    gevinst = runmod.gevinst_command()
    work = Path(tempfile.mkdtemp(prefix=f"gevinst-ideas-{db}-"))
    server_log = work / "server.log"
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY_FILE", "SECURE_SSL_REDIRECT",
                        "BEHIND_PROXY", "GEVINST_BIND", "GEVINST_WORKERS", "GEVINST_THREADS"}}
    env.update({"DJANGO_SETTINGS_MODULE": "gevinst.settings",
                "SECRET_KEY": secrets.token_urlsafe(50), "GEVINST_HTTPS": "false",
                "ALLOWED_HOSTS": runmod.HOST, "GEVINST_VAR_DIR": str(work / "var"),
                "EMAIL_URL": "console:", "LOG_LEVEL": "WARNING"})
    (work / "var").mkdir()
    big, small = f"ideas{args.ideas}", f"ideas{SMALL_IDEAS}"
    info: dict = {"db": db, "code": runmod.code_version(), "slugs": (small, big)}
    log = runmod.log
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        if db == "postgres" and args.database_url:
            env["DATABASE_URL"] = args.database_url
            info["db_version"], postmaster = runmod._existing_postgres(args.database_url)
        elif db == "postgres":
            cluster = stack.enter_context(runmod.postgres_cluster())
            env["DATABASE_URL"] = cluster["url"]
            info["db_version"], postmaster = cluster["version"], cluster["postmaster"]
        else:
            import sqlite3

            info["db_version"] = f"SQLite {sqlite3.sqlite_version} (WAL)"
            postmaster = None
        log(f"{db}: migrate")
        runmod.run([*gevinst, "migrate", "--verbosity", "0"], env=env, cwd=work, capture=True)
        for slug in (big, small):
            log(f"{db}: " + runmod.run(
                [sys.executable, str(BENCH / "generate.py"), "--initiatives", "50", "--slug",
                 slug, "--password", args.password], env=env, cwd=work,
                capture=True).strip())
        targets = setup(args, env, work, big, small, info, run=runmod.run, log=log,
                        target_class=runmod.Target, kinds=("web", "web-employee"))
        employee = runmod.run([sys.executable, "-c", _EMPLOYEE, str(BENCH), big], env=env,
                              cwd=work, capture=True).strip().splitlines()[-1]
        server = runmod.Server(gevinst, env, work, server_log, args.workers)
        stack.callback(server.stop)
        server.start()
        log(f"{db}: gevinst serve on {runmod.HOST}:{server.port} with {args.workers} workers")
        headers = {"web": {"Cookie": runmod.login(server.port, f"admin@{big}.example",
                                                  args.password), "Accept": "text/html"}}
        if employee:
            headers["web-employee"] = {"Cookie": runmod.login(server.port, employee,
                                                              args.password),
                                       "Accept": "text/html"}
        cores = len(os.sched_getaffinity(0))
        results = []
        for target in targets:
            if target.kind not in headers:
                continue
            best = None
            for attempt in range(1, args.retries + 2):
                if (problem := server.ensure()) is not None:
                    log(f"{db}: the server was {problem}; started it again")
                busy, _waited = runmod.wait_quiet(args.quiet_limit, args.quiet_wait)
                probe = runmod.cpu_probe()
                if args.warmup > 0:
                    runmod.load(server.port, target, headers[target.kind], args.clients,
                                args.warmup, args.max_requests, {"server": None, "db": None})
                res = runmod.load(server.port, target, headers[target.kind], args.clients,
                                  args.duration, args.max_requests,
                                  {"server": server.proc.pid, "db": postmaster})
                res.busy_before, res.probe_ms, res.attempt = busy, probe, attempt
                other = res.other_share(cores)
                log(f"{db}: {target.name}: {res.requests} requests, {res.rps:.1f}/s, p50 "
                    f"{res.p50:.0f} ms, p95 {res.p95:.0f} ms, {res.errors} errors; other "
                    f"load {other:.0%}")
                if best is None or other < best.other_share(cores):
                    best = res
                if other <= args.other_limit:
                    break
            results.append(best)
        server.stop()
        finish(db, env, work, big, small, info, results, run=runmod.run, log=log)
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--ideas", type=int, default=IDEAS)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--quiet-limit", type=float, default=0.15)
    parser.add_argument("--quiet-wait", type=float, default=60)
    parser.add_argument("--other-limit", type=float, default=0.10)
    parser.add_argument("--retries", type=int, default=1)
    parser.add_argument("--password", default=runmod.DEFAULT_PASSWORD)
    parser.add_argument("--only", action="append", metavar="TARGET",
                        help="run only this target (repeatable): " + ", ".join(IDEA_NAMES))
    parser.add_argument("--database-url", metavar="URL",
                        help="PostgreSQL: an existing database instead of a fresh cluster")
    parser.add_argument("--write", metavar="FILE",
                        help="write the sections to FILE (e.g. /tmp/bench-ideas.md; "
                        "bench/results.md is the lead's)")
    args = parser.parse_args(argv)
    # SIGTERM unwinds like Ctrl+C, so that the server and the cluster are always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = dt.datetime.now()
    host = runmod.machine()
    sections = {}
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        info = bench_database(db, args)
        sections[db] = section(db, info, args, host, started, db_title=runmod.DB_TITLES[db],
                               command=runmod.command_line())
        print(sections[db], flush=True)
    if args.write:
        write_results(sections, Path(args.write))
        runmod.log(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
