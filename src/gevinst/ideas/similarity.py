"""Similar ideas: a character-trigram index, the same on SQLite and PostgreSQL.

Each idea is indexed by the distinct trigrams of its normalised title and the start of its
problem (``IdeaGram``); ``IdeaGramCount`` holds in how many ideas of the organisation each
trigram occurs (its document frequency), and the row with the empty gram counts the indexed
ideas. Words are lower-cased (NFKC), stripped of punctuation and of short function words
(English, Norwegian, Swedish), and padded like PostgreSQL's pg_trgm (two spaces before, one
after), so that word starts and ends count and compounds match their parts:
"timebestilling" shares most of its trigrams with "bestille time".

Re-indexing writes only the difference (trigrams gone, trigrams new) and moves the counts
in one upsert (``_count``). A look-up costs three queries at most, whatever the number of
ideas:

1. the document frequency of the input's trigrams;
2. the candidates: the ideas sharing the input's rarest trigrams (within a budget of index
   rows, ``POSTINGS``), ranked by the summed idf weight of what they share: one grouped
   query over the (organisation, gram, idea) index;
3. the top ``CANDIDATES`` ideas' title and start of problem, re-ranked exactly in Python:
   the idf-weighted cosine of the trigram sets, against the title alone or title + problem,
   whichever is higher (a short input is often a title). Hidden ideas are dropped; shown
   are those at or above ``THRESHOLD`` and at least ``RELATIVE`` × the best match.

The numbers were tuned on the labelled sample in tests/ideas/data/ (bench/idea_precision.py
measures precision and recall; tests/ideas/test_similarity_precision.py keeps them).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.functions import Substr

from gevinst.core.scoping import unscoped
from gevinst.ideas.models import Idea, IdeaGram, IdeaGramCount

__all__ = ["Similar", "grams", "index_idea", "indexed_text", "normalise", "similar_ideas",
           "unindex_idea"]

# How much of the problem is indexed and compared (the title is taken whole).
PROBLEM_CHARS = 150
# How much of a typed text is compared (a title and the start of the problem).
INPUT_CHARS = 250
# The rarest input trigrams that pick the candidates (at most QUERY_GRAMS, no more than
# POSTINGS index rows between them, but at least the rarest one), and how many candidates
# are re-ranked exactly. The budget bounds the cost of a look-up in a large organisation;
# on the sample in 50,000 generated ideas a smaller one was also more precise.
QUERY_GRAMS = 40
POSTINGS = 8_000
CANDIDATES = 50
# What is shown: a similarity (0..1) of at least THRESHOLD and at least RELATIVE × the
# best match's. Tuned on tests/ideas/data/similarity_sample.json (bench/idea_precision.py).
THRESHOLD = 0.34
RELATIVE = 0.8

# The row of IdeaGramCount that counts the indexed ideas of the organisation.
TOTAL = ""

# Short function words of English, Norwegian (bokmål and nynorsk) and Swedish: they say
# nothing about what an idea is about.
STOP_WORDS = frozenset("""
a an and are as at be by for from in is it of on or that the this to we with our
og i på for å til av en et ei det den de som er med om vi at har kan ikke men så vår våre
seg sin sine ved fra eller blir skal må når hvor hva alle mer mye bare også jeg du
eg ikkje me dei ein eit frå
och att på för av en ett det den som är med om vi har kan inte men så vår våra
""".split())

_NOT_WORD = re.compile(r"[^\w]+|_")


@dataclass(frozen=True)
class Similar:
    idea_id: int
    reference: str
    title: str
    status: str
    status_label: str
    support_count: int
    similarity: float


def normalise(text: str) -> list[str]:
    """The words of ``text``: NFKC, lower case, letters and digits only, stop words out."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return [word for word in _NOT_WORD.sub(" ", text).split() if word not in STOP_WORDS]


def grams(text: str) -> set[str]:
    """The distinct trigrams of the words of ``text`` (padded like pg_trgm)."""
    found: set[str] = set()
    for word in normalise(text):
        padded = f"  {word} "
        found.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return found


def indexed_text(title: str, problem: str) -> str:
    return f"{title} {(problem or '')[:PROBLEM_CHARS]}"


def index_idea(idea: Idea) -> None:
    """(Re-)index ``idea``'s title and problem. Call after every create or edit of them."""
    new = grams(indexed_text(idea.title, idea.problem))
    _replace(idea.pk, idea.organisation_id, new)


def unindex_idea(idea_id: int, organisation_id: int) -> None:
    """Remove an idea from the index (before deleting it)."""
    _replace(idea_id, organisation_id, set())


def _replace(idea_id: int, organisation_id: int, new: set[str]) -> None:
    # Filtered by organisation explicitly; also runs in background work and data loading.
    with unscoped(), transaction.atomic():
        rows = IdeaGram.objects.filter(organisation_id=organisation_id, idea_id=idea_id)
        old = set(rows.values_list("gram", flat=True))
        added, removed = new - old, old - new
        if removed:
            rows.filter(gram__in=removed).delete()
        if added:
            IdeaGram.objects.bulk_create(
                [IdeaGram(organisation_id=organisation_id, idea_id=idea_id, gram=g)
                 for g in sorted(added)])
        if new and not old:
            added.add(TOTAL)
        elif old and not new:
            removed.add(TOTAL)
        _count(organisation_id, added, removed)


def _count(organisation_id: int, added: set[str], removed: set[str]) -> None:
    """Add one to the document frequency of ``added`` and take one from ``removed``, in one
    statement: an upsert whose rows are sorted by gram, so that concurrent writers lock the
    count rows in the same order (no deadlock on PostgreSQL). The inserted value is 1 for an
    added gram (a new row starts at 1) and 0 for a removed one; on conflict the count moves
    by ``2 × value − 1`` (+1 or −1), never below 0. The same SQL runs on SQLite (3.24+)."""
    changes = sorted([(g, 1) for g in added] + [(g, 0) for g in removed])
    if not changes:
        return
    table = connection.ops.quote_name(IdeaGramCount._meta.db_table)
    moved = f"{table}.ideas + 2 * excluded.ideas - 1"
    values = ", ".join(["(%s, %s, %s)"] * len(changes))
    params = [v for gram, step in changes for v in (organisation_id, gram, step)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (organisation_id, gram, ideas) VALUES {values} "
            f"ON CONFLICT (organisation_id, gram) DO UPDATE SET ideas = "
            f"CASE WHEN {moved} < 0 THEN 0 ELSE {moved} END", params)


def _weight(df: int, total: int) -> float:
    """Inverse document frequency: rare trigrams say more than common ones."""
    return math.log(1 + total / max(df, 1))


def similar_ideas(organisation, text: str, *, exclude_id: int | None = None,
                  limit: int = 5) -> list[Similar]:
    """The ideas of ``organisation`` most like ``text`` (title + " " + problem as typed),
    most similar first, at most ``limit``: those at or above ``THRESHOLD`` and at least
    ``RELATIVE`` × the best match. Hidden ideas are never returned. Three queries at most."""
    wanted = grams((text or "")[:INPUT_CHARS])
    if not wanted or limit <= 0:
        return []
    org_id = organisation.pk
    with unscoped():  # filtered by organisation explicitly
        df = dict(IdeaGramCount.objects.filter(organisation_id=org_id,
                                               gram__in=[TOTAL, *sorted(wanted)],
                                               ideas__gt=0)
                  .values_list("gram", "ideas"))
        total = df.pop(TOTAL, 0)
        if not df:
            return []
        weight = {g: _weight(df.get(g, 0), total) for g in wanted}
        top = _candidates(org_id, _rarest(df), weight, exclude_id)
        if not top:
            return []
        rows = (Idea.objects.filter(organisation_id=org_id, pk__in=top, hidden=False)
                .annotate(start=Substr("problem", 1, PROBLEM_CHARS))
                .values_list("id", "reference", "title", "status", "support_count", "start"))
        scored = []
        for row in rows:
            title = grams(row[2])
            value = max(_cosine(wanted, weight, title | grams(row[5])),
                        _cosine(wanted, weight, title))
            if value >= THRESHOLD:
                scored.append((value, row))
    if not scored:
        return []
    scored.sort(key=lambda pair: (-pair[0], -pair[1][0]))
    floor = scored[0][0] * RELATIVE
    return [Similar(idea_id=pk, reference=reference, title=title, status=status,
                    status_label=str(Idea.Status(status).label), support_count=supports,
                    similarity=round(value, 3))
            for value, (pk, reference, title, status, supports, _start) in scored[:limit]
            if value >= floor]


def _candidates(org_id: int, chosen: list[str], weight: dict[str, float],
                exclude_id: int | None) -> list[int]:
    """The ``CANDIDATES`` ideas with the highest summed weight of the ``chosen`` trigrams:
    one grouped query over the (organisation, gram, idea) index. Plain SQL (the same on
    SQLite and PostgreSQL): the ORM takes longer to build a 40-branch CASE than the
    database to run it."""
    table = connection.ops.quote_name(IdeaGram._meta.db_table)
    cases = " ".join(["WHEN %s THEN %s"] * len(chosen))
    marks = ", ".join(["%s"] * len(chosen))
    params: list = [v for g in chosen for v in (g, weight[g])]
    params += [org_id, *chosen]
    skip = ""
    if exclude_id is not None:
        skip = "AND idea_id <> %s "
        params.append(exclude_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT idea_id, SUM(CASE gram {cases} ELSE 0 END) AS rank FROM {table} "
            f"WHERE organisation_id = %s AND gram IN ({marks}) {skip}"
            f"GROUP BY idea_id ORDER BY rank DESC, idea_id DESC LIMIT {CANDIDATES:d}",
            params)
        return [row[0] for row in cursor.fetchall()]


def _rarest(df: dict[str, int]) -> list[str]:
    """The input's rarest known trigrams that pick the candidates: at most ``QUERY_GRAMS``
    and no more than ``POSTINGS`` index rows between them (always the rarest one), so that
    the candidate query costs about the same however many ideas share the common ones."""
    chosen, postings = [], 0
    for gram in sorted(df, key=lambda g: (df[g], g)):
        if chosen and (len(chosen) >= QUERY_GRAMS or postings + df[gram] > POSTINGS):
            break
        chosen.append(gram)
        postings += df[gram]
    return chosen


def _cosine(wanted: set[str], weight: dict[str, float], theirs: set[str]) -> float:
    """Weighted cosine of the input's trigram set and an idea's (idf weights). The look-up
    knows the weights of the input's trigrams only; those only the idea has weigh as much as
    the input's trigrams on average (weighing them as rare made every score fall as the
    organisation's ideas grew in number)."""
    if not theirs:
        return 0.0
    wanted_weight = sum(weight.values())
    shared = sum(weight[g] for g in wanted & theirs)
    theirs_weight = shared + len(theirs - wanted) * wanted_weight / len(wanted)
    return shared / math.sqrt(wanted_weight * theirs_weight)
