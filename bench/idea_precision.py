"""Precision of the similar-idea look-up on the labelled sample, on SQLite and PostgreSQL.

    python bench/idea_precision.py [--db sqlite|postgres|both] [--json]
    python bench/idea_precision.py --here [--slug bench5000]     # the database of the settings

The sample (``tests/ideas/data/similarity_sample.json``: 123 staff ideas, 44 queries that
rephrase one of them and 22 new ideas) is loaded into an organisation and every query goes
through ``gevinst.ideas.similarity.similar_ideas`` (the same code on both databases). It
prints precision (share of the suggestions shown that are true duplicates), recall@5
(share of the rephrasings whose duplicate is shown), the false-alarm rate (share of the new
ideas that got any suggestion) and the in-process time of one look-up.

``--db``: per database a fresh one (SQLite in a temporary directory; PostgreSQL as a
private cluster made the way ``run.py`` makes it), migrated, with a new organisation.
``--here --slug S``: the sample is added to the existing organisation S (e.g. one with
50,000 generated ideas from ``generate_ideas.py``, so that the look-up must find the
duplicates among them), measured, and rolled back: nothing is left behind.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

DB_TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
SAMPLE_SLUG = "similarity-sample"


class _Rollback(Exception):
    pass


def measure_here(slug: str | None) -> dict:
    """Load the sample into ``slug`` (or a new organisation), measure, roll back."""
    from generate import _setup_django

    _setup_django()
    from django.db import connection, transaction
    from tests.ideas.data import sample

    from gevinst.core.models import Organisation, User
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import do_create_organisation
    from gevinst.ideas import similarity
    from gevinst.ideas.models import Idea

    data = sample.load()
    out: dict = {}
    try:
        with transaction.atomic():
            if slug:
                org = Organisation.objects.get(slug=slug)
            else:
                org = do_create_organisation(actor=None, name="Similarity sample",
                                             slug=SAMPLE_SLUG)
            author, _ = User.objects.get_or_create(email="sample-author@bench.example")
            with tenant_scope(org):
                before = Idea.objects.filter(organisation=org).count()
                ids = sample.load_into(org, author, data)
                measured = sample.evaluate(org, ids, data)
                timings = []
                texts = [f"{q['title']} {q['problem']}" for q in data["queries"]]
                for _ in range(3):
                    for text in texts:
                        started = time.perf_counter()
                        similarity.similar_ideas(org, text)
                        timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            out = {
                "vendor": connection.vendor,
                "organisation": org.slug, "other_ideas": before,
                "ideas": len(ids), "queries": len(data["queries"]),
                "rephrasings": measured.rephrasings, "new": measured.new,
                "shown": measured.shown, "true": measured.true,
                "precision": round(measured.precision, 3),
                "recall": round(measured.recall, 3),
                "false_alarms": round(measured.false_alarms, 3),
                "found": measured.found, "alarms": measured.alarms,
                "misses": measured.misses, "wrong": measured.wrong,
                "lookup_ms_mean": round(statistics.fmean(timings), 2),
                "lookup_ms_p95": round(timings[int(0.95 * (len(timings) - 1))], 2),
                "settings": {k: getattr(similarity, k) for k in (
                    "THRESHOLD", "RELATIVE", "PROBLEM_CHARS", "INPUT_CHARS", "QUERY_GRAMS",
                    "POSTINGS", "CANDIDATES")},
            }
            raise _Rollback
    except _Rollback:
        pass
    return out


def measure_fresh(db: str) -> dict:
    """A fresh database of kind ``db``, migrated; then ``measure_here`` in a subprocess."""
    import contextlib
    import shutil

    from run import gevinst_command, postgres_cluster, run

    work = Path(tempfile.mkdtemp(prefix=f"gevinst-precision-{db}-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update({"DJANGO_SETTINGS_MODULE": "gevinst.settings",
                "SECRET_KEY": secrets.token_urlsafe(50), "GEVINST_HTTPS": "false",
                "GEVINST_VAR_DIR": str(work / "var"), "LOG_LEVEL": "WARNING"})
    (work / "var").mkdir()
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        if db == "postgres":
            cluster = stack.enter_context(postgres_cluster())
            env["DATABASE_URL"] = cluster["url"]
        run([*gevinst_command(), "migrate", "--verbosity", "0"], env=env, cwd=work,
            capture=True)
        out = run([sys.executable, str(Path(__file__).resolve()), "--here", "--json"],
                  env=env, cwd=work, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def report(result: dict, title: str) -> str:
    lines = [
        f"{title}: {result['ideas']} sample ideas"
        + (f" among {result['other_ideas']:,} others in `{result['organisation']}`"
           if result["other_ideas"] else "")
        + f", {result['rephrasings']} rephrasings, {result['new']} new ideas",
        f"  precision {result['precision']:.0%} ({result['true']} of {result['shown']} "
        f"suggestions shown are true duplicates)",
        f"  recall@5  {result['recall']:.0%} ({result['found']} of {result['rephrasings']} "
        "rephrasings show their duplicate)",
        f"  false alarms {result['false_alarms']:.0%} ({result['alarms']} of {result['new']} "
        "new ideas got a suggestion)",
        f"  one look-up in-process: mean {result['lookup_ms_mean']:.1f} ms, p95 "
        f"{result['lookup_ms_p95']:.1f} ms",
    ]
    if result["misses"]:
        lines.append("  missed: " + "; ".join(result["misses"]))
    if result["wrong"]:
        lines.append("  shown but not a duplicate: " + "; ".join(result["wrong"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--here", action="store_true",
                        help="use the database of the settings (GEVINST_VAR_DIR/DATABASE_URL)")
    parser.add_argument("--slug", help="with --here: an existing organisation to add the "
                        "sample to (rolled back afterwards)")
    parser.add_argument("--json", action="store_true", help="print the result(s) as JSON")
    args = parser.parse_args(argv)
    if args.here:
        result = measure_here(args.slug)
        print(json.dumps(result) if args.json else report(result, DB_TITLES.get(
            "postgres" if result["vendor"] == "postgresql" else "sqlite")))
        return 0
    results = {}
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        results[db] = measure_fresh(db)
        if not args.json:
            print(report(results[db], DB_TITLES[db]), flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
