"""Test environment, loaded as a pytest plugin (``-p tests.testenv``) before Django starts.

GEVINST_TEST_DB=postgres runs the whole suite on a private PostgreSQL cluster started here
on 127.0.0.1 and stopped when the run ends; otherwise SQLite.
"""

from __future__ import annotations

import atexit
import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ["GEVINST_HTTPS"] = "false"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("GEVINST_VAR_DIR", tempfile.mkdtemp(prefix="gevinst-test-var-"))
os.makedirs(os.path.join(os.environ["GEVINST_VAR_DIR"], "static"), exist_ok=True)

if os.environ.get("GEVINST_TEST_DB") == "postgres":
    from tests.pgcluster import PostgresCluster

    _cluster = PostgresCluster()
    os.environ["DATABASE_URL"] = _cluster.start()
    atexit.register(_cluster.stop)
else:
    os.environ.pop("DATABASE_URL", None)


def pytest_report_header(config):
    db = "PostgreSQL (private cluster)" if os.environ.get("GEVINST_TEST_DB") == "postgres" \
        else "SQLite"
    return f"gevinst test database: {db}"
