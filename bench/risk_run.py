"""The risk register in the load benchmark (used by ``run.py``).

The big organisation gets ``--risks`` risks and ``--risk-actions`` actions, the small one
200 and 300 (for the query counts), through ``generate.py risks`` (once per database: an
organisation with risks is left alone). Targets, with the 200 ms budget of the issue ("the
organisation risk overview with 20,000 risks stays within p95 ≤ 200 ms"):

- ``web-risks``: the organisation's risk overview, page 1 (selecting it also selects
  ``web-risks-filter``, the overview filtered to the risks above appetite);
- ``web-risk-heatmap``: the organisation's 5×5 heat map;
- ``api-risks``: the API list, page 1.

A page whose route does not exist (yet) is reported, not measured as 404s. Results go to
their own section of results.md ("Risk register"), one block per database.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"

RISKS = 20_000
RISK_ACTIONS = 30_000
SMALL_RISKS, SMALL_RISK_ACTIONS = 200, 300
RISK_TARGET_P95_MS = 200.0
# name → (label, the URL name its path must resolve to; None: any API route)
RISK_TARGETS = {
    "web-risks": ("Risk overview, page 1", "risk_overview"),
    "web-risks-filter": ("Risk overview, above appetite (`{query}`)", "risk_overview"),
    "web-risk-heatmap": ("Risk heat map of the organisation", "risk_heatmap"),
    "api-risks": ("API risk list, page 1", None),
}
RISK_NAMES = list(RISK_TARGETS)

_RESOLVE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from generate import _setup_django
_setup_django()
from django.urls import Resolver404, resolve
out = {}
for name, (path, url_name) in json.loads(sys.argv[2]).items():
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        out[name] = {"error": f"no route for {path}"}
        continue
    if url_name and match.url_name != url_name:
        out[name] = {"error": f"{path} is {match.url_name!r}, not {url_name!r}"}
    else:
        out[name] = path
print(json.dumps(out))
"""

_QUERIES = """
import json, sys
sys.path.insert(0, sys.argv[1])
import queries
queries._setup_django()
queries._ensure_static()
wanted = set(json.loads(sys.argv[2]))
out = {}
for slug in sys.argv[3:]:
    pages = queries.risk_targets(slug)
    queries.PAGES["chosen"] = lambda s, pages=pages: {n: pages[n] for n in pages if n in wanted}
    out[slug] = queries.measure(slug, 3, False, "chosen")
print(json.dumps(out))
"""


def selected(name: str, only: list[str] | None) -> bool:
    """Whether a risk target runs: all without --only; ``web-risks`` also selects its
    filtered variant."""
    if not only:
        return True
    return name in only or (name == "web-risks-filter" and "web-risks" in only)


def setup(args, env: dict, work: Path, big: str, small: str, info: dict, *, run, log,
          target_class) -> list:
    """Generate the risk registers and return the risk load targets (none when no risk
    target is selected or --no-risks is given)."""
    from generate_risks import RISKS_QUERY
    from queries import risk_targets

    wanted = [n for n in RISK_NAMES if selected(n, args.only)]
    if args.no_risks or not wanted:
        return []
    data = {}
    for slug, n, m in ((big, args.risks, args.risk_actions),
                       (small, SMALL_RISKS, SMALL_RISK_ACTIONS)):
        out = run([sys.executable, str(BENCH / "generate.py"), "risks", "--slug", slug,
                   "--risks", str(n), "--actions", str(m), "--json"],
                  env=env, cwd=work, capture=True)
        data[slug] = d = json.loads(out.strip().splitlines()[-1])
        log(f"{slug}: {d['risks']:,} risks, {d.get('actions', 0):,} actions"
            + (f" ({d['above_appetite']:,} above appetite, {d['accepted']:,} accepted) "
               f"inserted in {d['seconds']} s" if d.get("created") else " (existing)"))
    info["risks"] = {"data": data, "wanted": wanted, "missing": {}, "paths": {}}
    paths = risk_targets(big)
    names = {n: (paths[n][1], RISK_TARGETS[n][1]) for n in wanted}
    resolved = json.loads(run([sys.executable, "-c", _RESOLVE, str(BENCH), json.dumps(names)],
                              env=env, cwd=work, capture=True).strip().splitlines()[-1])
    out = []
    for name, path in resolved.items():
        if isinstance(path, dict):
            log(f"{name}: not measured: {path['error']}")
            info["risks"]["missing"][name] = path["error"]
            continue
        kind = paths[name][0]
        info["risks"]["paths"][name] = path
        label = RISK_TARGETS[name][0].format(query=RISKS_QUERY)
        out.append(target_class(name, label, kind, path, RISK_TARGET_P95_MS))
    return out


def finish(db: str, env: dict, work: Path, big: str, small: str, info: dict,
           results: list, *, run, log) -> None:
    """After the load: move the risk results out of ``results`` (they have their own
    section) and count the queries of the risk pages."""
    bench = info.get("risks")
    if not bench:
        return
    bench["results"] = [r for r in results if r.target.name in RISK_TARGETS]
    results[:] = [r for r in results if r.target.name not in RISK_TARGETS]
    if bench["paths"]:
        log(f"{db}: SQL queries of the risk pages (test Client, same database)")
        bench["queries"] = json.loads(run(
            [sys.executable, "-c", _QUERIES, str(BENCH), json.dumps(list(bench["paths"])),
             small, big], env=env, cwd=work, capture=True).strip().splitlines()[-1])


def section(db: str, info: dict, args, host: dict, started, *, db_title: str,
            command: str) -> str:
    bench = info["risks"]
    small, big = info["slugs"]
    code = info["code"]
    data = bench["data"][big]
    cores = host["nproc"]
    lines = [
        f"### Risk register on {db_title}",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M}; command: `{command}`",
        f"- Machine: {cores} cores ({host['cpu']}), {host['memory']}; Python "
        f"{host['python']}, Django {host['django']}; {info['db_version']}",
        f"- Code: commit `{code['commit']}`"
        + (" plus uncommitted changes under `src/`" if code["changed"] else "")
        + f" (fingerprint `{code['fingerprint']}`)",
        f"- Data: `{big}` ({args.initiatives:,} initiatives, 25 programmes) with "
        f"{data.get('risks', 0):,} risks and opportunities and {data.get('actions', 0):,} "
        "actions at initiative, programme and organisation level"
        + (f" ({data['opportunities']:,} opportunities, {data['open']:,} open, "
           f"{data['above_appetite']:,} above appetite of which {data['accepted']:,} "
           f"accepted, {data['escalated']:,} escalated, {data['review_passed']:,} with the "
           f"review date passed), bulk-inserted in {data['seconds']} s"
           if data.get("created") else "")
        + f"; `{small}` has {SMALL_RISKS} risks and {SMALL_RISK_ACTIONS} actions (query "
        "counts)",
        f"- Load: {args.clients} client processes for {args.duration:g} s per target after "
        f"{args.warmup:g} s warm-up, as admin, same server set-up as above",
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
    queries = bench.get("queries")
    if queries:
        lines += [
            f"SQL queries per page (in-process, second request; `{small}` vs `{big}`):",
            "",
            f"| Page | queries at {SMALL_RISKS} risks | queries at {data.get('risks', 0):,} | "
            "equal | SQL ms | 1 request in-process ms | CPU ms (+ PostgreSQL) |",
            "|---|---:|---:|:---:|---:|---:|---:|",
        ]
        for name, r_big in queries[big].items():
            r_small = queries[small][name]
            equal = r_small["queries"] == r_big["queries"]
            statuses = "" if r_big["status"] == r_small["status"] == 200 else (
                f" (HTTP {r_small['status']}/{r_big['status']})")
            cpu = f"{r_big['cpu_ms']:.1f}" + (
                f" + {r_big['db_cpu_ms']:.1f}" if r_big.get("db_cpu_ms") is not None else "")
            lines.append(f"| `{r_big['path']}`{statuses} | {r_small['queries']} | "
                         f"{r_big['queries']} | {'yes' if equal else '**no**'} | "
                         f"{r_big['sql_ms']:.1f} | {r_big['request_ms']:.1f} | {cpu} |")
        lines.append("")
    missed = [r.target.name for r in results if r.p95 > r.target.target_ms or r.errors]
    if results:
        lines += [
            f"**Risk pages (p95 ≤ {RISK_TARGET_P95_MS:.0f} ms, {args.clients} clients on "
            f"{cores} cores): " + ("met** for every page measured" if not missed
                                   else "NOT met** for " + ", ".join(missed)) + ".",
            ""]
    return "\n".join(lines)


RISKS_HEADER = """## Risk register (20,000 risks, 30,000 actions)

Written by `bench/run.py` (targets `web-risks`, `web-risks-filter`, `web-risk-heatmap` and
`api-risks`); each run replaces the block of the database it ran. Budget: **p95 ≤ 200 ms**
for the organisation risk overview (and the heat map and the API list) with 8 clients on 2
cores.
"""


def write_results(sections: dict[str, str]) -> None:
    text = RESULTS.read_text()
    title = RISKS_HEADER.splitlines()[0]
    if title not in text:
        text = text.rstrip() + "\n\n" + RISKS_HEADER
    for db in ("sqlite", "postgres"):
        if db not in sections:
            continue
        begin, end = f"<!-- bench:risks-{db}:begin -->", f"<!-- bench:risks-{db}:end -->"
        block = f"{begin}\n{sections[db].rstrip()}\n{end}"
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            text = head + block + rest.split(end, 1)[1]
        elif db == "sqlite" and "<!-- bench:risks-postgres:begin -->" in text:
            head, tail = text.split("<!-- bench:risks-postgres:begin -->", 1)
            text = f"{head}{block}\n\n<!-- bench:risks-postgres:begin -->{tail}"
        else:
            # At the end of the risk section: before the next "## " heading, if any.
            at = text.index(title)
            following = text.find("\n## ", at + 1)
            if following == -1:
                text = text.rstrip() + f"\n\n{block}\n"
            else:
                text = f"{text[:following].rstrip()}\n\n{block}\n{text[following:]}"
    RESULTS.write_text(text.rstrip() + "\n")
