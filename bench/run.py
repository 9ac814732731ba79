"""Load benchmark of the initiative list, the overview, the dashboard and the roadmap (web
pages and API), and of the benefit and risk registers (see ``risk_run.py``), against a real
server.

    python bench/run.py [--db sqlite|postgres|both] [--initiatives 5000] [--clients 8]
                        [--duration 30] [--workers N]

For each database: a fresh one (SQLite in a temporary ``GEVINST_VAR_DIR``; PostgreSQL as a
private cluster on 127.0.0.1 and a free port, removed afterwards), ``gevinst migrate``, an
organisation with ``--initiatives`` initiatives and one with 50, an API token, then
``gevinst serve`` (gunicorn, production settings) on 127.0.0.1. Every target is loaded by
``--clients`` client processes for ``--duration`` seconds (after a short warm-up); the
report gives latency percentiles, throughput, errors, the workers' memory and CPU, and the
number of SQL queries per page at 50 and at N initiatives. It is written to
``bench/results.md`` (the section of each database run is replaced; the rest is kept).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import http.client
import http.cookies
import json
import math
import multiprocessing as mp
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results.md"
sys.path.insert(0, str(BENCH))

import risk_run  # noqa: E402
from generate import (  # noqa: E402
    BENEFITS_QUERY,
    DEFAULT_PASSWORD,
    OVERVIEW_QUERY,
    SEARCH_TERM,
)

HOST = "127.0.0.1"
TARGET_P95_MS = 150.0  # the initiative list and the API list
OVERVIEW_TARGET_P95_MS = 200.0  # the overview with columns, the dashboard, the roadmap
SMALL_ORG = 50
DB_TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass
class Target:
    name: str
    label: str
    kind: str  # "web" (session cookie) or "api" (bearer token)
    path: str
    target_ms: float = TARGET_P95_MS


def targets(slug: str) -> list[Target]:
    web, api = f"/o/{slug}/initiatives/", f"/api/v1/o/{slug}/initiatives/"
    return [
        Target("web-list", "Web list, page 1", "web", web),
        Target("web-page50", "Web list, page 50 (middle)", "web", f"{web}?page=50"),
        Target("web-search", f"Web list, search `q={SEARCH_TERM}`", "web",
               f"{web}?q={SEARCH_TERM}"),
        Target("api-list", "API list, page 1", "api", api),
        Target("api-page50", "API list, page 50 (middle)", "api", f"{api}?page=50"),
        Target("web-overview", "Overview, saved-view query (filters, 8 columns)", "web",
               f"{web}?{OVERVIEW_QUERY}", OVERVIEW_TARGET_P95_MS),
        Target("web-dashboard", "Dashboard (5 charts + tables)", "web",
               f"/o/{slug}/dashboard/", OVERVIEW_TARGET_P95_MS),
        Target("web-roadmap", "Roadmap, page 1 (100 rows)", "web", f"/o/{slug}/roadmap/",
               OVERVIEW_TARGET_P95_MS),
        Target("api-dashboard", "API dashboard numbers", "api",
               f"/api/v1/o/{slug}/dashboard/", OVERVIEW_TARGET_P95_MS),
    ]


@dataclass
class TargetResult:
    target: Target
    requests: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    max: float = 0.0
    mean: float = 0.0
    machine: dict[str, float] = field(default_factory=dict)  # share of all CPU time
    busy_before: float = 0.0  # machine busy share just before the target (server idle)
    probe_ms: float = 0.0  # cpu_probe() just before the target
    attempt: int = 1
    server_cpu_s: float = 0.0
    db_cpu_s: float = 0.0
    client_cpu_s: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def other_share(self, cores: int) -> float:
        """Busy CPU share of the machine that was neither server, database nor clients."""
        if not self.machine or not self.seconds:
            return 0.0
        busy = 1 - self.machine.get("idle", 0) - self.machine.get("iowait", 0)
        ours = (self.server_cpu_s + self.db_cpu_s + self.client_cpu_s) / (self.seconds * cores)
        return max(0.0, busy - ours)


# --------------------------------------------------------------------------- processes


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def gevinst_command() -> list[str]:
    script = Path(sys.executable).parent / "gevinst"
    if script.exists():
        return [str(script)]
    found = shutil.which("gevinst")
    return [found] if found else [sys.executable, "-m", "gevinst.cli"]


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None,
        capture: bool = False) -> str:
    result = subprocess.run(cmd, env=env, cwd=cwd, text=True, check=False,
                            stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.PIPE if capture else None)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout or "").strip() if capture else ""
        raise RuntimeError(f"{shlex.join(cmd)} failed ({result.returncode}) {detail[-2000:]}")
    return result.stdout if capture else ""


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, CPU ticks) of a process, or None if it is gone.

    The ticks are its own user + system time plus those of its children that have ended
    (cutime + cstime), so that summing over a live process tree also counts the
    PostgreSQL backends and gunicorn workers that exited in between.
    """
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return int(fields[1]), sum(int(f) for f in fields[11:15])


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) is not None:
            children.setdefault(st[0], []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            out.append(child)
            todo.append(child)
    return out


def cpu_seconds(root: int | None) -> float:
    """CPU seconds used so far by the process tree under ``root`` (see ``_stat``)."""
    if root is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [root, *descendants(root)]
    return sum(st[1] for pid in pids if (st := _stat(pid)) is not None) / ticks


def system_cpu() -> dict[str, int]:
    """Machine-wide CPU ticks from /proc/stat (user ... steal)."""
    names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
    with contextlib.suppress(OSError):
        first = Path("/proc/stat").read_text().splitlines()[0].split()[1:9]
        return dict(zip(names, map(int, first), strict=False))
    return {}


def machine_busy(seconds: float) -> float:
    """Share of all CPU time (0..1) that was busy during the next ``seconds``."""
    before = system_cpu()
    time.sleep(seconds)
    after = system_cpu()
    delta = {k: after[k] - before[k] for k in after}
    total = sum(delta.values())
    return 1 - (delta["idle"] + delta["iowait"]) / total if total else 0.0


def cpu_probe() -> float:
    """Milliseconds of a fixed pure-Python loop (best of 5): how fast the CPU is right now."""
    best = math.inf
    for _ in range(5):
        started, total = time.perf_counter(), 0
        for i in range(300_000):
            total += i
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def wait_quiet(limit: float, timeout: float) -> tuple[float, float]:
    """Wait until other work on the machine is below ``limit``; (busy share, seconds)."""
    started = time.monotonic()
    busy = machine_busy(2)
    while busy > limit and time.monotonic() - started < timeout:
        log(f"machine {busy:.0%} busy with other work; waiting for it to quieten down")
        time.sleep(5)
        busy = machine_busy(2)
    return busy, time.monotonic() - started


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _stop_group(proc: subprocess.Popen, name: str) -> None:
    """Stop a process started in its own session, and everything it started."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        log(f"{name} did not stop on SIGTERM; SIGKILL")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


# --------------------------------------------------------------------------- databases


@contextlib.contextmanager
def postgres_cluster():
    """A private PostgreSQL cluster on 127.0.0.1:<free port>; yields its DATABASE_URL."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                  key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                  else 0)
    if not bins:
        raise RuntimeError("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb)")
    bindir = bins[-1].parent
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    base = Path(tempfile.mkdtemp(prefix="gevinst-bench-pg-"))
    data, pwfile, logfile = base / "data", base / "password", base / "server.log"
    password = secrets.token_hex(16)
    pwfile.write_text(password + "\n")
    if as_root:
        for path in (base, pwfile):
            shutil.chown(path, "postgres", "postgres")
    os.chmod(base, 0o700)
    os.chmod(pwfile, 0o600)
    port = free_port()
    started = False
    try:
        locale = ["--locale=C.UTF-8"] if _has_locale("C.UTF-8") else ["--no-locale"]
        run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8",
             *locale, "--auth-local=trust", "--auth-host=scram-sha-256",
             f"--pwfile={pwfile}"], capture=True)
        started = True
        run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(logfile), "-w",
             "-t", "60", "-o", f"-c listen_addresses={HOST} -p {port} -k {base}", "start"],
            capture=True)
        run([*prefix, str(bindir / "createdb"), "-h", str(base), "-p", str(port),
             "-U", "postgres", "gevinst"], capture=True)
        version = run([str(bindir / "postgres"), "--version"], capture=True).strip()
        pid_file = data / "postmaster.pid"
        postmaster = int(pid_file.read_text().split()[0])
        log(f"{version} on {HOST}:{port} (data in {data})")
        yield {"url": f"postgres://postgres:{password}@{HOST}:{port}/gevinst",
               "version": version, "postmaster": postmaster}
    finally:
        if started:
            try:
                run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                     "-t", "60", "stop"], capture=True)
            except RuntimeError as exc:
                log(f"pg_ctl stop: {exc}")
        shutil.rmtree(base, ignore_errors=True)
        log("PostgreSQL cluster stopped and removed")


def _existing_postgres(url: str) -> tuple[str, int | None]:
    """(version, postmaster pid or None) of the PostgreSQL server at ``url``."""
    import psycopg

    with psycopg.connect(url) as conn:
        version = conn.execute("SELECT version()").fetchone()[0].split(" on ")[0]
        try:
            data_dir = conn.execute("SHOW data_directory").fetchone()[0]
        except psycopg.Error:  # not a superuser: no CPU accounting of the database
            return version, None
    with contextlib.suppress(OSError, ValueError, IndexError):
        return version, int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    return version, None


def _has_locale(name: str) -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return False
    wanted = name.lower().replace("-", "")
    return any(line.strip().lower().replace("-", "") == wanted for line in out.stdout.split())


# --------------------------------------------------------------------------- HTTP


def _cookies(resp: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header in resp.headers.get_all("Set-Cookie") or []:
        cookie = http.cookies.SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            jar[name] = morsel.value


def wait_healthy(port: int, proc: subprocess.Popen, workers: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status == 200 and len(descendants(proc.pid)) >= workers:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"no healthy server on {HOST}:{port} after {timeout:.0f} s")


def login(port: int, email: str, password: str) -> str:
    """Sign in through the log-in form like a browser; returns the Cookie header."""
    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    resp = conn.getresponse()
    html = resp.read().decode()
    _cookies(resp, jar)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if resp.status != 200 or match is None or "csrftoken" not in jar:
        raise RuntimeError(f"log-in page: {resp.status}, no CSRF token")
    body = urllib.parse.urlencode({"login": email, "password": password,
                                   "csrfmiddlewaretoken": match[1]})
    conn.request("POST", "/accounts/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={jar['csrftoken']}",
        "Referer": f"http://{HOST}:{port}/accounts/login/",
    })
    resp = conn.getresponse()
    resp.read()
    _cookies(resp, jar)
    conn.close()
    if resp.status not in (302, 303) or "sessionid" not in jar:
        raise RuntimeError(f"log-in as {email} failed: {resp.status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def _client(port: int, path: str, headers: dict, start_at: float, stop_at: float,
            max_requests: int, out) -> None:
    """One load client (its own process): GET ``path`` in a loop, keep-alive when allowed."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    samples: list[tuple[float, int]] = []
    kinds: dict[str, int] = {}
    while time.monotonic() < start_at:
        time.sleep(0.001)
    cpu0 = time.process_time()
    while len(samples) < max_requests and time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
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


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def load(port: int, target: Target, headers: dict, clients: int, duration: float,
         max_requests: int, watch: dict[str, int | None]) -> TargetResult:
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    start_at = time.monotonic() + 0.5
    stop_at = start_at + duration
    per_client = max(1, math.ceil(max_requests / clients))
    procs = [ctx.Process(target=_client, daemon=True,
                         args=(port, target.path, headers, start_at, stop_at, per_client, out))
             for _ in range(clients)]
    system0 = system_cpu()
    server_cpu0 = cpu_seconds(watch["server"])
    db_cpu0 = cpu_seconds(watch["db"])
    for proc in procs:
        proc.start()
    reports = []
    try:
        for _ in procs:
            reports.append(out.get(timeout=duration + 120))
    finally:
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
    result = TargetResult(target)
    system1 = system_cpu()
    total = sum(system1.values()) - sum(system0.values())
    if total > 0:
        result.machine = {k: (system1[k] - system0[k]) / total for k in system1}
    result.server_cpu_s = cpu_seconds(watch["server"]) - server_cpu0
    result.db_cpu_s = cpu_seconds(watch["db"]) - db_cpu0
    latencies: list[float] = []
    for report in reports:
        for ms, status in report["samples"]:
            latencies.append(ms)
            if status != 200:
                result.errors += 1
                key = f"HTTP {status}" if status else "connection"
                result.error_kinds[key] = result.error_kinds.get(key, 0) + 1
        for kind, n in report["kinds"].items():
            result.error_kinds[kind] = result.error_kinds.get(kind, 0) + n
        result.client_cpu_s += report["cpu"]
    latencies.sort()
    result.requests = len(latencies)
    result.seconds = max(r["ended"] for r in reports) - start_at
    if latencies:
        result.p50, result.p95, result.p99 = (percentile(latencies, p) for p in (50, 95, 99))
        result.max = latencies[-1]
        result.mean = sum(latencies) / len(latencies)
    return result


# --------------------------------------------------------------------------- one database


def bench_database(db: str, args) -> dict:
    gevinst = gevinst_command()
    work = Path(tempfile.mkdtemp(prefix=f"gevinst-bench-{db}-"))
    server_log = work / "server.log"
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY_FILE", "SECURE_SSL_REDIRECT",
                        "BEHIND_PROXY", "GEVINST_BIND", "GEVINST_WORKERS", "GEVINST_THREADS"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "gevinst.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "GEVINST_HTTPS": "false",
        "ALLOWED_HOSTS": HOST,
        "GEVINST_VAR_DIR": str(work / "var"),
        "EMAIL_URL": "console:",
        "LOG_LEVEL": "WARNING",
    })
    # The settings do not create the var directory (SQLite cannot open a file in a missing one).
    (work / "var").mkdir()
    big, small = f"bench{args.initiatives}", f"bench{SMALL_ORG}"
    info: dict = {"db": db, "work": str(work), "server_log": str(server_log),
                  "code": code_version()}
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        stack.callback(_keep_log, server_log, db, info)
        if db == "postgres" and args.database_url:
            env["DATABASE_URL"] = args.database_url
            info["db_version"], postmaster = _existing_postgres(args.database_url)
            log(f"{info['db_version']}: existing database (kept; data generated only once)")
        elif db == "postgres":
            cluster = stack.enter_context(postgres_cluster())
            env["DATABASE_URL"] = cluster["url"]
            info["db_version"] = cluster["version"]
            postmaster = cluster["postmaster"]
        else:
            info["db_version"] = f"SQLite {sqlite3.sqlite_version} (WAL)"
            postmaster = None  # SQLite runs inside the workers
        log(f"{db}: migrate")
        run([*gevinst, "migrate", "--verbosity", "0"], env=env, cwd=work, capture=True)
        for n, slug in ((args.initiatives, big), (SMALL_ORG, small)):
            log(f"{db}: " + run([sys.executable, str(BENCH / "generate.py"), "--initiatives",
                                 str(n), "--slug", slug, "--password", args.password],
                                env=env, cwd=work, capture=True).strip())
        benefit_targets = benefit_setup(args, env, work, big, small, info)
        risk_targets = risk_run.setup(args, env, work, big, small, info, run=run, log=log,
                                      target_class=Target)
        extra_targets = benefit_targets + risk_targets
        token = run([*gevinst, "token", "create", "--user", f"admin@{big}.example", "--org",
                     big, "--name", "benchmark"], env=env, cwd=work,
                    capture=True).strip().splitlines()[-1]
        server = Server(gevinst, env, work, server_log, args.workers)
        stack.callback(server.stop)
        server.start()
        info["serve"] = shlex.join(["gevinst", "serve", "--workers", str(args.workers),
                                    *server.extra])
        log(f"{db}: gevinst serve on {HOST}:{server.port} with {args.workers} workers")
        cookie = login(server.port, f"admin@{big}.example", args.password)
        headers = {
            "web": {"Cookie": cookie, "Accept": "text/html"},
            "api": {"Authorization": f"Bearer {token}", "Accept": "application/json"},
        }
        cores = len(os.sched_getaffinity(0))
        results = []
        for target in targets(big) + extra_targets:
            if args.only and target.name not in args.only and target not in extra_targets:
                continue
            best: TargetResult | None = None
            for attempt in range(1, args.retries + 2):
                if (problem := server.ensure()) is not None:
                    log(f"{db}: the server was {problem}; started it again")
                    server.restarts.append(f"before {target.name}: {problem}")
                busy, waited = wait_quiet(args.quiet_limit, args.quiet_wait)
                if busy > args.quiet_limit:
                    log(f"{db}: machine still {busy:.0%} busy after {waited:.0f} s; going on")
                probe = cpu_probe()
                if args.warmup > 0:
                    load(server.port, target, headers[target.kind], args.clients, args.warmup,
                         args.max_requests, {"server": None, "db": None})
                log(f"{db}: {target.name}: {args.clients} clients for {args.duration:g} s"
                    + (f" (attempt {attempt})" if attempt > 1 else ""))
                res = load(server.port, target, headers[target.kind], args.clients,
                           args.duration, args.max_requests,
                           {"server": server.proc.pid, "db": postmaster})
                res.busy_before, res.probe_ms, res.attempt = busy, probe, attempt
                other = res.other_share(cores)
                log(f"{db}: {target.name}: {res.requests} requests, {res.rps:.1f}/s, p50 "
                    f"{res.p50:.0f} ms, p95 {res.p95:.0f} ms, p99 {res.p99:.0f} ms, "
                    f"{res.errors} errors; other load {other:.0%}")
                died = server.proc.poll() is not None
                if died:
                    server.restarts.append(f"during {target.name} (attempt {attempt}): exit "
                                           f"code {server.proc.returncode}")
                if best is None or (not died and other < best.other_share(cores)):
                    best = res
                if not died and other <= args.other_limit:
                    break
                if attempt <= args.retries:
                    log(f"{db}: {target.name}: "
                        + ("the server died" if died else f"other work took {other:.0%}")
                        + "; measuring again")
            results.append(best)
        if server.proc is not None and server.proc.poll() is None:
            workers = descendants(server.proc.pid)
            info["rss_master"] = rss_mib(server.proc.pid)
            info["rss_workers"] = [r for pid in workers if (r := rss_mib(pid)) is not None]
        info["server_restarts"] = server.restarts
        server.stop()
        log(f"{db}: SQL queries per page (test Client, same database)")
        info["queries"] = json.loads(run(
            [sys.executable, str(BENCH / "queries.py"), "--json", "--slug", small, "--slug",
             big], env=env, cwd=work, capture=True))
        benefit_finish(db, args, env, work, big, small, info, results)
        risk_run.finish(db, env, work, big, small, info, results, run=run, log=log)
        info["results"] = results
        info["slugs"] = (small, big)
        info["server_errors"] = _server_errors(server_log)
        info["code_after"] = code_version()
    return info


def _keep_log(path: Path, db: str, info: dict) -> None:
    """Copy the server log out of the work directory, which is removed."""
    kept = Path(tempfile.gettempdir()) / f"gevinst-bench-{db}-server.log"
    with contextlib.suppress(OSError):
        shutil.copyfile(path, kept)
        info["server_log"] = str(kept)
        log(f"{db}: server log kept in {kept}")


class Server:
    """``gevinst serve`` on 127.0.0.1 in its own session, with its log appended to a file.

    Every start takes a fresh free port (a restart need not wait for the old one). The
    benchmark's gunicorn gets no control socket when gunicorn has one (25.1+: by default one
    per user, shared by every instance), so that it neither takes over nor answers for
    somebody else's server on the same machine.
    """

    def __init__(self, gevinst: list[str], env: dict, cwd: Path, log_path: Path,
                 workers: int):
        self.gevinst, self.env, self.cwd, self.log_path = gevinst, env, cwd, log_path
        self.workers = workers
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.restarts: list[str] = []
        gunicorn, helptext = Path(sys.executable).parent / "gunicorn", ""
        if gunicorn.exists():
            helptext = subprocess.run([str(gunicorn), "--help"], capture_output=True, text=True,
                                      check=False).stdout
        self.extra = ["--no-control-socket"] if "--no-control-socket" in helptext else []
        # The background-task worker polls the database; it is not part of a page's cost.
        self.extra.append("--no-task-worker")

    def start(self) -> None:
        self.port = free_port()
        cmd = [*self.gevinst, "serve", "--bind", f"{HOST}:{self.port}", "--workers",
               str(self.workers), *self.extra]
        with open(self.log_path, "ab") as logf:
            self.proc = subprocess.Popen(cmd, env=self.env, cwd=self.cwd, stdout=logf,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        wait_healthy(self.port, self.proc, self.workers)

    def stop(self) -> None:
        if self.proc is not None:
            _stop_group(self.proc, "gevinst serve")

    def healthy(self) -> bool:
        for _ in range(3):
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
                conn.request("GET", "/healthz")
                resp = conn.getresponse()
                resp.read()
                conn.close()
                if resp.status == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    def ensure(self) -> str | None:
        """Start the server again if it died or does not answer; returns what was wrong."""
        if self.proc is not None and self.proc.poll() is None and self.healthy():
            return None
        if self.proc is None:
            problem = "not started"
        elif self.proc.poll() is not None:
            problem = f"gone (exit code {self.proc.returncode})"
        else:
            problem = "not answering /healthz"
        self.stop()
        self.start()
        return problem


def _server_errors(path: Path) -> list[str]:
    """Tracebacks and error lines gunicorn wrote (the access log lines are left out)."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    return [line for line in lines if re.search(r"Traceback|Error|CRITICAL|WORKER TIMEOUT",
                                                line)][:20]


# --------------------------------------------------------------------------- report


def code_version() -> dict:
    """The commit measured, the files of src/ changed since, and a fingerprint of both."""
    def git(*cmd: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *cmd], capture_output=True,
                                  text=True, check=False).stdout.rstrip("\n")
        except OSError:
            return ""

    commit = git("rev-parse", "--short", "HEAD")
    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    diff = git("diff", "HEAD", "--", "src")
    return {"commit": commit or "unknown", "changed": changed,
            "fingerprint": hashlib.sha256(f"{commit}\n{diff}".encode()).hexdigest()[:12]}



def machine() -> dict:
    mem = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = run([sys.executable, "-c", "import django, gunicorn; "
                    "print(django.get_version(), gunicorn.__version__)"], capture=True).split()
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "memory": mem,
            "python": platform.python_version(), "django": versions[0],
            "gunicorn": versions[1], "kernel": platform.release()}


def command_line() -> str:
    def rel(path: str) -> str:
        with contextlib.suppress(ValueError):
            return str(Path(path).absolute().relative_to(ROOT))
        return path

    return shlex.join([rel(sys.executable), rel(sys.argv[0]), *sys.argv[1:]])


def section(db: str, info: dict, args, host: dict, started: dt.datetime) -> str:
    small, big = info["slugs"]
    results: list[TargetResult] = info["results"]
    met = all(r.p95 <= r.target.target_ms and r.errors == 0 for r in results)
    cores = host["nproc"]
    code = info["code"]
    lines = [
        f"## {DB_TITLES[db]}",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} (local time of the machine)",
        f"- Command: `{command_line()}`",
        f"- Machine: {cores} cores ({host['cpu']}), {host['memory']} memory, Linux "
        f"{host['kernel']}; Python {host['python']}, Django {host['django']}, gunicorn "
        f"{host['gunicorn']}; {info['db_version']}",
        f"- Code: commit `{code['commit']}`"
        + (f" plus uncommitted changes to {', '.join(f'`{c}`' for c in code['changed'])}"
           if code["changed"] else "") + f" (fingerprint `{code['fingerprint']}`)"
        + ("" if info.get("code_after", code)["fingerprint"] == code["fingerprint"] else
           f"; **src/ changed while this ran** (now `{info['code_after']['fingerprint']}`); "
           "the server had loaded the code at its start, the query counts were taken at the "
           "end"),
        f"- Server: `{info.get('serve', 'gevinst serve')}` (gunicorn sync workers, 1 thread, "
        "production settings: DEBUG off, whitenoise, access log on), on 127.0.0.1",
        f"- Data: `{big}` with {args.initiatives:,} initiatives (40 units, 30 people, 25 "
        f"programmes, {12 * args.initiatives:,} published status reports, money per year) "
        f"and `{small}` with {SMALL_ORG}; fresh database, token and session of the admin",
        f"- Load: {args.clients} client processes (http.client, keep-alive where the server "
        f"allows it) for {args.duration:g} s per target after {args.warmup:g} s warm-up, "
        f"at most {args.max_requests:,} requests per target; load generator and server share "
        f"the same {cores} cores",
        "",
        f"| Target ({args.clients} clients) | Requests | Errors | req/s | p50 ms | p95 ms "
        "| p99 ms | max ms | server CPU ms/req | other load | CPU probe ms | target p95 "
        "| met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        cpu_per = (r.server_cpu_s + r.db_cpu_s) * 1000 / r.requests if r.requests else 0
        ok = "yes" if r.p95 <= r.target.target_ms and r.errors == 0 else "**no**"
        lines.append(
            f"| {r.target.label} | {r.requests:,} | {r.errors} | {r.rps:.1f} | {r.p50:.0f} | "
            f"{r.p95:.0f} | {r.p99:.0f} | {r.max:.0f} | {cpu_per:.1f} | "
            f"{r.other_share(cores):.0%}{f' (try {r.attempt})' if r.attempt > 1 else ''} | "
            f"{r.probe_ms:.1f} | {r.target.target_ms:.0f} ms | {ok} |")
    lines += ["", "*server CPU ms/req*: CPU time of the gunicorn processes (and PostgreSQL's) "
              "divided by the requests; *other load*: CPU share of the machine used by "
              "processes outside the benchmark while it ran (should be ~0 %); *CPU probe*: "
              "time of a fixed pure-Python loop just before the target (lower is faster; "
              "on a virtual machine it shows how much CPU speed varies between targets). "
              "A target is measured again (up to --retries times) when other load exceeds "
              f"{args.other_limit:.0%}; the table keeps the attempt with the least."]
    noisy = [r for r in results if r.other_share(cores) > 0.10]
    if noisy:
        lines += ["", "**Warning:** other work used more than 10 % of the machine during "
                  + ", ".join(r.target.name for r in noisy)
                  + "; those numbers understate what the app can do on a quiet machine."]
    lines.append("")
    error_kinds = {k: v for r in results for k, v in r.error_kinds.items()}
    if error_kinds:
        lines.append("Errors by kind: " + ", ".join(f"{k}: {v}" for k, v in error_kinds.items())
                     + ".")
        lines.append("")
    cpu_notes = []
    for r in results:
        span = r.seconds * cores
        if span:
            cpu_notes.append(
                f"{r.target.name}: server {r.server_cpu_s / span:.0%}"
                + (f", PostgreSQL {r.db_cpu_s / span:.0%}" if db == "postgres" else "")
                + f", load generator {r.client_cpu_s / span:.0%}"
                + (f"; machine idle {r.machine.get('idle', 0):.0%}, iowait "
                   f"{r.machine.get('iowait', 0):.0%}, steal {r.machine.get('steal', 0):.0%}"
                   if r.machine else ""))
    lines += [
        "CPU share of the machine during each target (server = gunicorn master + workers; "
        "server CPU ms/req above includes PostgreSQL's): " + "; ".join(cpu_notes) + ".",
        "",
    ]
    workers = info.get("rss_workers") or []
    if workers:
        lines += [
            f"Memory after the run (VmRSS): {len(workers)} workers "
            + ", ".join(f"{w:.0f}" for w in sorted(workers))
            + f" MiB (total {sum(workers):.0f} MiB, max {max(workers):.0f} MiB); "
            f"master {info.get('rss_master') or 0:.0f} MiB.",
            "",
        ]
    q = info["queries"]
    lines += [
        f"SQL queries per page (in-process, Django test Client + CaptureQueriesContext, "
        f"second request; `{small}` vs `{big}`):",
        "",
        f"| Page | queries at {SMALL_ORG} | queries at {args.initiatives:,} | equal | "
        f"SQL ms at {args.initiatives:,} | 1 request in-process ms at {args.initiatives:,} |",
        "|---|---:|---:|:---:|---:|---:|",
    ]
    all_equal = True
    for name, r_big in q[big].items():
        r_small = q[small][name]
        equal = r_small["queries"] == r_big["queries"]
        all_equal &= equal
        statuses = "" if r_big["status"] == r_small["status"] == 200 else (
            f" (HTTP {r_small['status']}/{r_big['status']})")
        lines.append(f"| `{r_big['path']}`{statuses} | {r_small['queries']} | "
                     f"{r_big['queries']} | {'yes' if equal else '**no**'} | "
                     f"{r_big['sql_ms']:.1f} | {r_big['request_ms']:.1f} |")
    lines += ["", "The query count does not grow with the number of initiatives: "
              + ("**yes**." if all_equal else "**no** — see the table.")]
    if info.get("server_restarts"):
        lines += ["", "**The server process ended and was started again:** "
                  + "; ".join(info["server_restarts"]) + f". Server log: `{info['server_log']}`."]
    if info.get("server_errors"):
        lines += ["", "Server log lines that look like errors:", "", "```",
                  *info["server_errors"], "```"]
    worst = max(results, key=lambda r: r.p95 / r.target.target_ms) if results else None
    missed = [r for r in results if r.p95 > r.target.target_ms or r.errors]
    verdict = (
        f"**Targets (p95 ≤ {TARGET_P95_MS:.0f} ms for the lists, ≤ "
        f"{OVERVIEW_TARGET_P95_MS:.0f} ms for overview, dashboard and roadmap) with "
        f"{args.clients} clients on {cores} cores: "
        + ("met** for every target" if met else
           "NOT met** for " + ", ".join(r.target.name for r in missed))
        + (f" (closest to or furthest over its target: {worst.target.label}, p95 "
           f"{worst.p95:.0f} ms against {worst.target.target_ms:.0f} ms" if worst else "")
        + (f"; {sum(r.errors for r in results)} errors" if any(r.errors for r in results)
           else "")
        + ")."
    )
    if cores != 2:
        verdict += f" Note: this machine has {cores} cores, the target is stated for 2."
    lines += ["", verdict, ""]
    return "\n".join(lines)


HEADER = """# Benchmark results

Written by `bench/run.py` (see `bench/README.md`); each run replaces the section of the
database(s) it ran and keeps everything else in this file. Targets with 8 concurrent
clients on 2 cores, for SQLite and PostgreSQL: **p95 ≤ 150 ms** for the initiative list and
the API list, **p95 ≤ 200 ms** for the overview with columns, the dashboard and the roadmap.
"""


def write_block(begin: str, end: str, block: str, path: Path = RESULTS) -> None:
    """Replace the part of ``path`` between the markers ``begin`` and ``end`` with
    ``block`` (appended with its markers when they are not there yet)."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    block = f"{begin}\n{block.rstrip()}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + f"\n\n{block}\n"
    path.write_text(text.rstrip() + "\n")


def write_results(sections: dict[str, str]) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    for db in ("sqlite", "postgres"):
        if db not in sections:
            continue
        begin, end = f"<!-- bench:{db}:begin -->", f"<!-- bench:{db}:end -->"
        block = f"{begin}\n{sections[db].rstrip()}\n{end}"
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            text = head + block + rest.split(end, 1)[1]
        else:
            # SQLite before PostgreSQL; otherwise before the first section after the header.
            if db == "postgres" and "<!-- bench:sqlite:end -->" in text:
                head, tail = text.split("<!-- bench:sqlite:end -->", 1)
                text = f"{head}<!-- bench:sqlite:end -->\n\n{block}{tail}"
                continue
            anchors = [i for i in (text.find("<!-- bench:postgres:begin -->"),
                                   text.find("\n## ")) if i != -1]
            if anchors:
                at = min(anchors)
                text = f"{text[:at].rstrip()}\n\n{block}\n\n{text[at:].lstrip()}"
            else:
                text = text.rstrip() + f"\n\n{block}\n"
    RESULTS.write_text(text.rstrip() + "\n")


# --------------------------------------------------------------------------- benefits
#
# The benefit register of the big organisation (``generate.py benefits``: 20,000 benefits,
# 500,000 measurements) and of the small one (for the query counts), the benefit pages as
# load targets, and the daily follow-up job timed once. Results go to their own section
# of results.md ("Benefits realisation"), one block per database.

BENEFITS = 20_000
BENEFIT_MEASUREMENTS = 500_000
SMALL_BENEFITS, SMALL_BENEFIT_MEASUREMENTS = 200, 5_000
BENEFIT_TARGET_P95_MS = 200.0  # the overview (web and API, with totals) and the dashboard
FOLLOWUP_BUDGET_S = 30.0
JOB_FOLLOWUP = "job-followup"
# name → (label, kind, URL name, URL keyword of the organisation, query string). Paths are
# resolved by URL name in the app's settings, so a page that does not exist (yet) is
# reported instead of measured as 404s.
BENEFIT_TARGETS = {
    "web-benefits": ("Benefits overview, page 1", "web", "benefit_list", "org_slug", ""),
    "web-benefits-filter": (
        "Benefits overview, filtered (`" + BENEFITS_QUERY + "`)", "web", "benefit_list",
        "org_slug", BENEFITS_QUERY),
    "web-benefits-dashboard": ("Benefits dashboard (planned vs actual)", "web",
                               "benefits_dashboard", "org_slug", ""),
    "api-benefits": ("API benefits list, page 1, with totals", "api", "api:list_benefits",
                     "org", ""),
}
BENEFIT_NAMES = [*BENEFIT_TARGETS, JOB_FOLLOWUP]

_RESOLVE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from generate import _setup_django
_setup_django()
from django.urls import NoReverseMatch, reverse
out = {}
for name, (url_name, kwarg) in json.loads(sys.argv[2]).items():
    try:
        out[name] = reverse(url_name, kwargs={kwarg: sys.argv[3]})
    except NoReverseMatch as exc:
        out[name] = {"error": f"URL name {url_name!r} does not exist ({exc})"}
print(json.dumps(out))
"""

_BENEFIT_QUERIES = """
import json, sys
sys.path.insert(0, sys.argv[1])
import queries
queries._setup_django()
queries._ensure_static()
paths = json.loads(sys.argv[2])
queries.targets = lambda slug: {name: (kind, path.replace("{slug}", slug))
                                for name, (kind, path) in paths.items()}
print(json.dumps({slug: queries.measure(slug, 3, False) for slug in sys.argv[3:]}))
"""


def _benefit_selected(name: str, only: list[str] | None) -> bool:
    """Whether a benefit target runs: all without --only; ``web-benefits`` also selects
    its filtered variant."""
    if not only:
        return True
    return name in only or (name == "web-benefits-filter" and "web-benefits" in only)


def benefit_setup(args, env: dict, work: Path, big: str, small: str, info: dict) -> list:
    """Generate the benefit registers and return the benefit load targets (none when no
    benefit target is selected or --no-benefits is given)."""
    wanted = [n for n in BENEFIT_NAMES if _benefit_selected(n, args.only)]
    if args.no_benefits or not wanted:
        return []
    data = {}
    for slug, n, m in ((big, args.benefits, args.benefit_measurements),
                       (small, SMALL_BENEFITS, SMALL_BENEFIT_MEASUREMENTS)):
        out = run([sys.executable, str(BENCH / "generate.py"), "benefits", "--slug", slug,
                   "--benefits", str(n), "--measurements", str(m), "--json"],
                  env=env, cwd=work, capture=True)
        data[slug] = json.loads(out.strip().splitlines()[-1])
        d = data[slug]
        log(f"{slug}: {d['benefits']:,} benefits, {d.get('measurements', 0):,} measurements"
            + (f" inserted in {d['insert_seconds']} s; refresh_organisation "
               f"{d['refresh_seconds']} s" if d.get("created") else " (existing)"))
    info["benefits"] = {"data": data, "wanted": wanted, "missing": {}, "paths": {}}
    names = {n: BENEFIT_TARGETS[n][2:4] for n in wanted if n in BENEFIT_TARGETS}
    resolved = json.loads(run([sys.executable, "-c", _RESOLVE, str(BENCH), json.dumps(names),
                               big], env=env, cwd=work, capture=True).strip().splitlines()[-1])
    out = []
    for name, path in resolved.items():
        label, kind, _url, _kwarg, query = BENEFIT_TARGETS[name]
        if isinstance(path, dict):
            log(f"{name}: not measured: {path['error']}")
            info["benefits"]["missing"][name] = path["error"]
            continue
        full = f"{path}?{query}" if query else path
        info["benefits"]["paths"][name] = (kind, full.replace(f"/{big}/", "/{slug}/"))
        out.append(Target(name, label, kind, full, BENEFIT_TARGET_P95_MS))
    return out




def followup_days(today: dt.date) -> list[tuple[dt.date, str]]:
    """The days the follow-up job is timed as if on: the next morning, and the day after
    this month's measurements fall due (a month's end + 30 days), when every monthly
    measure not measured since has passed one more due date: the heaviest kind of day,
    many benefits become "not measured when due"."""
    next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return [(today + dt.timedelta(days=1), "next morning"),
            (next_month + dt.timedelta(days=30), "this month's measurements overdue")]


def time_followup(env: dict, work: Path, slug: str, day: dt.date) -> dict:
    """Run the daily follow-up job (``gevinst followup --org <slug> --date <day>``) once;
    e-mails go to the console backend (rendered, not sent)."""
    started = time.perf_counter()
    cpu0 = os.times()
    out = run([*gevinst_command(), "followup", "--org", slug, "--date", day.isoformat()],
              env=env, cwd=work, capture=True)
    wall = time.perf_counter() - started
    cpu1 = os.times()
    match = re.search(rf"^{re.escape(slug)}: (\d+) benefit\(s\) refreshed \((\d+) changed\), "
                      rf"(\d+) digest\(s\) sent in ([\d.]+) s", out, re.M)
    result = {"date": day.isoformat(), "wall_s": round(wall, 1),
              "cpu_s": round((cpu1.children_user + cpu1.children_system)
                             - (cpu0.children_user + cpu0.children_system), 1)}
    if match:
        result.update(benefits=int(match[1]), changed=int(match[2]), digests=int(match[3]),
                      job_s=float(match[4]))
    return result


def benefit_finish(db: str, args, env: dict, work: Path, big: str, small: str, info: dict,
                   results: list) -> None:
    """After the load: move the benefit results out of ``results`` (they have their own
    section), time the follow-up job, count the queries of the benefit pages."""
    bench = info.get("benefits")
    if not bench:
        return
    bench["results"] = [r for r in results if r.target.name in BENEFIT_TARGETS]
    results[:] = [r for r in results if r.target.name not in BENEFIT_TARGETS]
    if JOB_FOLLOWUP in bench["wanted"]:
        bench["jobs"] = []
        for day, when in followup_days(dt.date.today()):
            busy, _waited = wait_quiet(args.quiet_limit, args.quiet_wait)
            log(f"{db}: {JOB_FOLLOWUP}: gevinst followup --org {big} --date {day}")
            job = {**time_followup(env, work, big, day), "busy_before": busy, "when": when}
            bench["jobs"].append(job)
            log(f"{db}: {JOB_FOLLOWUP}: {job}")
    if bench["paths"]:
        log(f"{db}: SQL queries of the benefit pages (test Client, same database)")
        bench["queries"] = json.loads(run(
            [sys.executable, "-c", _BENEFIT_QUERIES, str(BENCH), json.dumps(bench["paths"]),
             small, big], env=env, cwd=work, capture=True).strip().splitlines()[-1])


def benefit_section(db: str, info: dict, args, host: dict, started: dt.datetime) -> str:
    bench = info["benefits"]
    small, big = info["slugs"]
    code = info["code"]
    data = bench["data"][big]
    cores = host["nproc"]
    lines = [
        f"### Benefits realisation on {DB_TITLES[db]}",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M}; command: `{command_line()}`",
        f"- Machine: {cores} cores ({host['cpu']}), {host['memory']}; Python "
        f"{host['python']}, Django {host['django']}; {info['db_version']}",
        f"- Code: commit `{code['commit']}`"
        + (" plus uncommitted changes under `src/`" if code["changed"] else "")
        + f" (fingerprint `{code['fingerprint']}`)",
        f"- Data: `{big}` ({args.initiatives:,} initiatives) with "
        f"{data.get('benefits', 0):,} benefits, {data.get('measures', 0):,} measures, "
        f"{data.get('measurements', 0):,} measurements, {data.get('plan', 0):,} planned "
        f"values, {data.get('years', 0):,} value-profile years and {data.get('links', 0):,} "
        "initiative links (some benefits shared), bulk-inserted"
        + (f" in {data['insert_seconds']} s; the first `refresh_organisation` (sets every "
           f"derived field: health, achievement, next due, values) took "
           f"{data['refresh_seconds']} s" if data.get("created") else "")
        + f"; `{small}` has {SMALL_BENEFITS} benefits and {SMALL_BENEFIT_MEASUREMENTS:,} "
        "measurements (query counts)",
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
    jobs = bench.get("jobs")
    if jobs:
        lines += [
            f"Daily follow-up job (`{JOB_FOLLOWUP}`: `gevinst followup --org {big} --date D`, "
            "e-mails rendered to the console backend, not sent), run once as if on each day "
            "D:",
            "",
            "| Day D | job s (as the command reports it) | stored rows changed | digests | "
            "command wall s (with start-up) | CPU s | machine busy before | budget | met |",
            "|---|---:|---:|---:|---:|---:|---:|---:|:---:|",
        ]
        for job in jobs:
            met = "job_s" in job and job["wall_s"] <= FOLLOWUP_BUDGET_S
            lines.append(
                f"| {job['date']} ({job['when']}) | {job.get('job_s', float('nan')):.1f} | "
                f"{job.get('changed', 0):,} | {job.get('digests', 0)} | {job['wall_s']:.1f} | "
                f"{job['cpu_s']:.1f} | {job['busy_before']:.0%} | "
                f"{FOLLOWUP_BUDGET_S:.0f} s | {'yes' if met else '**no**'} |")
        lines.append("")
    queries = bench.get("queries")
    if queries:
        lines += [
            f"SQL queries per page (in-process, second request; `{small}` vs `{big}`):",
            "",
            f"| Page | queries at {SMALL_BENEFITS} benefits | queries at "
            f"{data.get('benefits', 0):,} | equal | SQL ms | 1 request in-process ms |",
            "|---|---:|---:|:---:|---:|---:|",
        ]
        for name, r_big in queries[big].items():
            r_small = queries[small][name]
            equal = r_small["queries"] == r_big["queries"]
            statuses = "" if r_big["status"] == r_small["status"] == 200 else (
                f" (HTTP {r_small['status']}/{r_big['status']})")
            lines.append(f"| `{r_big['path']}`{statuses} | {r_small['queries']} | "
                         f"{r_big['queries']} | {'yes' if equal else '**no**'} | "
                         f"{r_big['sql_ms']:.1f} | {r_big['request_ms']:.1f} |")
        lines.append("")
    missed = [r.target.name for r in results
              if r.p95 > r.target.target_ms or r.errors]
    if results:
        lines += [
            f"**Benefit pages (p95 ≤ {BENEFIT_TARGET_P95_MS:.0f} ms, {args.clients} clients on "
            f"{cores} cores): " + ("met** for every page measured" if not missed
                                   else "NOT met** for " + ", ".join(missed)) + ".",
            ""]
    return "\n".join(lines)


BENEFITS_HEADER = """## Benefits realisation (20,000 benefits, 500,000 measurements)

Written by `bench/run.py` (targets `web-benefits`, `web-benefits-filter`,
`web-benefits-dashboard`, `api-benefits` and `job-followup`); each run replaces the block of
the database it ran. Budgets: **p95 ≤ 200 ms** for the benefits overview (web and API, both
with totals over everything that matches) and the dashboard with 8 clients on 2 cores; the
daily follow-up job over the same data **under 30 s**.
"""


def write_benefit_results(sections: dict[str, str]) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    if BENEFITS_HEADER.splitlines()[0] not in text:
        text = text.rstrip() + "\n\n" + BENEFITS_HEADER
    for db in ("sqlite", "postgres"):
        if db not in sections:
            continue
        begin, end = f"<!-- bench:benefits-{db}:begin -->", f"<!-- bench:benefits-{db}:end -->"
        block = f"{begin}\n{sections[db].rstrip()}\n{end}"
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            text = head + block + rest.split(end, 1)[1]
        elif db == "sqlite" and "<!-- bench:benefits-postgres:begin -->" in text:
            head, tail = text.split("<!-- bench:benefits-postgres:begin -->", 1)
            text = f"{head}{block}\n\n<!-- bench:benefits-postgres:begin -->{tail}"
        else:
            # At the end of the benefits section: before the next "## " heading, if any.
            at = text.index(BENEFITS_HEADER.splitlines()[0])
            following = text.find("\n## ", at + 1)
            if following == -1:
                text = text.rstrip() + f"\n\n{block}\n"
            else:
                text = f"{text[:following].rstrip()}\n\n{block}\n{text[following:]}"
    RESULTS.write_text(text.rstrip() + "\n")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30, help="seconds per target")
    parser.add_argument("--warmup", type=float, default=3, help="seconds before each target")
    parser.add_argument("--max-requests", type=int, default=100_000,
                        help="upper bound of requests per target")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (default: the app's, 2 × cores + 1)")
    parser.add_argument("--quiet-limit", type=float, default=0.15,
                        help="before each target wait until the machine is at most this busy "
                        "(share, default %(default)s)")
    parser.add_argument("--quiet-wait", type=float, default=600,
                        help="longest wait for a quiet machine, seconds (default %(default)s)")
    parser.add_argument("--other-limit", type=float, default=0.10,
                        help="measure a target again when other processes took more than this "
                        "share of the machine while it ran (default %(default)s)")
    parser.add_argument("--retries", type=int, default=2,
                        help="how often a target may be measured again (default %(default)s)")
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--only", action="append", metavar="TARGET",
                        help="run only this target (repeatable): "
                        + ", ".join([*(t.name for t in targets("x")), *BENEFIT_NAMES,
                                     *risk_run.RISK_NAMES]))
    parser.add_argument("--no-write", action="store_true", help="do not touch results.md")
    parser.add_argument("--benefits", type=int, default=BENEFITS,
                        help="benefits of the big organisation (default %(default)s)")
    parser.add_argument("--benefit-measurements", type=int, default=BENEFIT_MEASUREMENTS,
                        help="their measurements (default %(default)s)")
    parser.add_argument("--no-benefits", action="store_true",
                        help="leave out the benefit register and the benefit targets")
    parser.add_argument("--risks", type=int, default=risk_run.RISKS,
                        help="risks of the big organisation (default %(default)s)")
    parser.add_argument("--risk-actions", type=int, default=risk_run.RISK_ACTIONS,
                        help="their actions (default %(default)s)")
    parser.add_argument("--no-risks", action="store_true",
                        help="leave out the risk register and the risk targets")
    parser.add_argument("--database-url", metavar="URL",
                        help="PostgreSQL: use this existing database instead of a fresh "
                        "private cluster (migrated; the data is generated only if missing, "
                        "so repeated runs skip the load); for quick comparisons")
    args = parser.parse_args(argv)
    if args.initiatives < 1 or args.clients < 1 or args.duration <= 0 or args.workers < 1:
        parser.error("--initiatives, --clients, --duration and --workers must be positive")

    # SIGTERM unwinds like Ctrl+C, so that the server and the cluster are always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = dt.datetime.now()
    host = machine()
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    sections, benefit_sections, risk_sections, failed = {}, {}, {}, []
    for db in dbs:
        try:
            info = bench_database(db, args)
        except Exception as exc:  # noqa: BLE001 - report, then try the next database
            log(f"{db}: FAILED: {exc}")
            failed.append(db)
            continue
        if info["results"] or not (info.get("benefits") or info.get("risks")):
            sections[db] = section(db, info, args, host, started)
            print(sections[db], flush=True)
        if info.get("benefits"):
            benefit_sections[db] = benefit_section(db, info, args, host, started)
            print(benefit_sections[db], flush=True)
        if info.get("risks"):
            risk_sections[db] = risk_run.section(db, info, args, host, started,
                                                 db_title=DB_TITLES[db],
                                                 command=command_line())
            print(risk_sections[db], flush=True)
    if sections and not args.no_write:
        write_results(sections)
        log(f"wrote {RESULTS.relative_to(ROOT)}")
    if benefit_sections and not args.no_write:
        write_benefit_results(benefit_sections)
        log(f"wrote the benefits section of {RESULTS.relative_to(ROOT)}")
    if risk_sections and not args.no_write:
        risk_run.write_results(risk_sections)
        log(f"wrote the risk section of {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
