"""PostgreSQL indexes for the initiative list, the overview, the roadmap and search.

Written by hand, PostgreSQL only, and outside the model state (``INCLUDE`` and GIN trigram
indexes are PostgreSQL features; SQLite plans these pages well without them). Why:

- An initiative row is wide (problem, target state and the search text: ~0.9 kB of ~1 kB),
  so every sequential scan of an organisation's initiatives reads ~8x more pages than the
  list needs. ``initiative_list_cover`` holds the columns the list, the overview and the
  roadmap show, in list order (organisation, number), so that those pages (and deep pages:
  ``?page=50``) are index-only scans of ~1/9 of the table.
- ``initiative_roadmap``: the roadmap's order (start, end, number) reads its first page of
  rows straight from the index instead of sorting every initiative.
- ``initiative_search_trgm``: search is a substring match (``LIKE '%term%'``) on the stored
  lower-cased search text; a trigram index finds the few matching rows instead of reading
  every long text. It needs the ``pg_trgm`` extension (shipped with PostgreSQL, "trusted"
  since PostgreSQL 13: the database owner may create it); where it cannot be created the
  index is skipped and search works as before, only slower.
"""

from django.db import migrations, transaction

LIST_COLUMNS = ("id", "reference", "title", "is_lighthouse", "phase_id", "status",
                "owning_unit_id", "start_date", "end_date", "rag", "rag_period",
                "programme_id", "owner_id", "manager_id", "ambition", "updated_at")

CREATE = [
    "CREATE INDEX IF NOT EXISTS initiative_list_cover ON portfolio_initiative "
    f"(organisation_id, number) INCLUDE ({', '.join(LIST_COLUMNS)})",
    "CREATE INDEX IF NOT EXISTS initiative_roadmap ON portfolio_initiative "
    "(organisation_id, start_date, end_date, number)",
]
TRIGRAM = ("CREATE INDEX IF NOT EXISTS initiative_search_trgm ON portfolio_initiative "
           "USING gin (search_text gin_trgm_ops)")
DROP = ["DROP INDEX IF EXISTS initiative_search_trgm",
        "DROP INDEX IF EXISTS initiative_roadmap",
        "DROP INDEX IF EXISTS initiative_list_cover"]


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in CREATE:
            cursor.execute(sql)
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        have_trgm = cursor.fetchone() is not None
        if not have_trgm:
            try:
                with transaction.atomic(using=connection.alias):  # a savepoint
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                have_trgm = True
            except Exception:  # noqa: BLE001 - not installed, or not allowed: no index
                have_trgm = False
        if have_trgm:
            cursor.execute(TRIGRAM)


def drop_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in DROP:
            cursor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("portfolio", "0006_gate_benefits_review"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
