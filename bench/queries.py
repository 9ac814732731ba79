"""SQL queries per page, in-process, with Django's test Client (no server involved).

    python bench/queries.py --slug bench5000 --slug bench50 [--json] [--sql]
    python bench/queries.py --slug bench5000 --profile web-list [--repeat 50]
    python bench/queries.py --slug bench5000 --slug bench50 --pages risks [--json]

For every organisation (``--slug``, its admin is ``admin@<slug>.example``) and every page
of the benchmark, one warm-up request and then one measured request inside
``CaptureQueriesContext`` (``--pages risks``: the risk pages instead, see
``risk_targets``): the number of queries, the time the database took and the time
of the whole request (median of ``--repeat`` requests). ``--profile TARGET`` runs cProfile
over ``--repeat`` requests of one page instead and prints where the time goes.

Uses the database of the settings (``GEVINST_VAR_DIR`` / ``DATABASE_URL``), like the server.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import OVERVIEW_QUERY, SEARCH_TERM, _setup_django  # noqa: E402
from generate_risks import RISKS_QUERY  # noqa: E402


def _ensure_static() -> None:
    """Pages need the static manifest, as under ``gevinst serve`` (which collects first)."""
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def targets(slug: str) -> dict[str, tuple[str, str]]:
    """Name -> (kind, path) of every page the benchmark measures."""
    web, api = f"/o/{slug}/initiatives/", f"/api/v1/o/{slug}/initiatives/"
    return {
        "web-list": ("web", web),
        "web-page50": ("web", f"{web}?page=50"),
        "web-search": ("web", f"{web}?q={SEARCH_TERM}"),
        "api-list": ("api", api),
        "api-page50": ("api", f"{api}?page=50"),
        "web-overview": ("web", f"{web}?{OVERVIEW_QUERY}"),
        "web-dashboard": ("web", f"/o/{slug}/dashboard/"),
        "web-roadmap": ("web", f"/o/{slug}/roadmap/"),
        "api-dashboard": ("api", f"/api/v1/o/{slug}/dashboard/"),
    }


def risk_targets(slug: str) -> dict[str, tuple[str, str]]:
    """Name -> (kind, path) of the risk pages (``generate.py risks`` makes their data)."""
    web = f"/o/{slug}/risks/"
    return {
        "web-risks": ("web", web),
        "web-risks-filter": ("web", f"{web}?{RISKS_QUERY}"),
        "web-risk-heatmap": ("web", f"{web}heatmap/"),
        "api-risks": ("api", f"/api/v1/o/{slug}/risks/"),
    }


PAGES = {"initiatives": lambda slug: targets(slug), "risks": risk_targets}


def _clients(slug: str):
    from django.test import Client

    from gevinst.core.models import Organisation, User
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import do_create_api_token

    host = os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(",")[0].strip() or "127.0.0.1"
    user = User.objects.get(email=f"admin@{slug}.example")
    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        token = do_create_api_token(user=user, organisation=org, name="bench queries")
    web = Client(HTTP_HOST=host)
    web.force_login(user)
    api = Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {token}")
    return {"web": web, "api": api}


def _cpu_seconds() -> tuple[float, float | None]:
    """CPU seconds so far of this process and of its PostgreSQL backend (None for SQLite,
    which runs inside this process, or when the backend's /proc entry cannot be read)."""
    from django.db import connection

    own = time.process_time()
    if connection.vendor != "postgresql" or connection.connection is None:
        return own, None
    pid = connection.connection.info.backend_pid
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return own, None
    fields = raw[raw.rindex(")") + 2:].split()
    return own, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(slug: str, repeat: int, with_sql: bool, pages: str = "initiatives") -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    clients = _clients(slug)
    out = {}
    for name, (kind, path) in PAGES[pages](slug).items():
        client = clients[kind]
        client.get(path)  # warm-up: session write, token "last used", template cache
        # A request empties the query log when it starts; empty it first so that the
        # capture's start index (0) still holds.
        reset_queries()
        timings: list[float] = []

        def timed(execute, sql, params, many, context, timings=timings):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append((time.perf_counter() - started) * 1000)

        with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timed):
            response = client.get(path)
        # captured_queries reads the live log, which the next request empties: copy it now.
        # (Its times are rounded to whole milliseconds; the wrapper's are not.)
        queries = [{"sql": q["sql"], "ms": round(ms, 3)}
                   for q, ms in zip(ctx.captured_queries, timings, strict=False)]
        times = []
        cpu_before = _cpu_seconds()
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        cpu_after = _cpu_seconds()
        entry = {
            "path": path, "status": response.status_code, "bytes": len(response.content),
            "queries": len(queries), "sql_ms": round(sum(timings), 2),
            "request_ms": round(statistics.median(times), 2) if times else None,
            # CPU time per request of this process and of its PostgreSQL backend: unlike
            # wall-clock time, hardly moved by other work on a shared machine.
            "cpu_ms": round(1000 * (cpu_after[0] - cpu_before[0]) / repeat, 2)
            if repeat else None,
            "db_cpu_ms": round(1000 * (cpu_after[1] - cpu_before[1]) / repeat, 2)
            if repeat and cpu_after[1] is not None else None,
        }
        if with_sql:
            entry["sql"] = queries
        out[name] = entry
    return out


def profile(slug: str, target: str, repeat: int, limit: int, dump: str | None = None) -> str:
    clients = _clients(slug)
    kind, path = {**targets(slug), **risk_targets(slug)}[target]
    client = clients[kind]
    client.get(path)
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    for _ in range(repeat):
        client.get(path)
    prof.disable()
    elapsed = (time.perf_counter() - started) * 1000 / max(1, repeat)
    if dump:
        prof.dump_stats(dump)
    buf = io.StringIO()
    buf.write(f"{target} {path}: {elapsed:.1f} ms per request under cProfile "
              f"({repeat} requests)\n")
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slug", action="append", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--sql", action="store_true", help="include every query's SQL")
    parser.add_argument("--profile", metavar="TARGET",
                        help="cProfile one page: "
                        + ", ".join([*targets("x"), *risk_targets("x")]))
    parser.add_argument("--pages", choices=list(PAGES), default="initiatives",
                        help="which pages to measure (default %(default)s)")
    parser.add_argument("--limit", type=int, default=35, help="rows of the profile")
    parser.add_argument("--dump", metavar="FILE",
                        help="with --profile: also write the raw cProfile stats to FILE")
    args = parser.parse_args(argv)
    _setup_django()
    _ensure_static()
    if args.profile:
        for slug in args.slug:
            print(profile(slug, args.profile, max(1, args.repeat), args.limit, args.dump))
        return 0
    results = {slug: measure(slug, args.repeat, args.sql, args.pages) for slug in args.slug}
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    for slug, pages in results.items():
        for name, r in pages.items():
            db_cpu = "" if r["db_cpu_ms"] is None else f" + {r['db_cpu_ms']:>6.2f} ms db CPU"
            print(f"{slug:>12} {name:<16} {r['status']} {r['queries']:>3} queries "
                  f"{r['sql_ms']:>7.2f} ms SQL  {r['request_ms']:>7.2f} ms request  "
                  f"{r['cpu_ms']:>6.2f} ms CPU{db_cpu}  {r['path']}")
            for q in r.get("sql", []):
                print(f"{'':>16}{q['ms']:7.2f} ms  {q['sql'][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
