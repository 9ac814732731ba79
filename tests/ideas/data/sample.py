"""The labelled sample of the similar-idea look-up (``similarity_sample.json``): loading it
into an organisation and measuring the look-up against its labels.

Used by tests/ideas/test_similarity_precision.py and bench/idea_precision.py.

- *precision*: the share of the suggestions shown (over every query) that are a labelled
  duplicate of the query;
- *recall@5*: the share of the rephrasings for which a labelled duplicate is among the (at
  most five) suggestions;
- *false alarms*: the share of the new ideas (no duplicate) that got any suggestion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE = Path(__file__).with_name("similarity_sample.json")


def load() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def load_into(organisation, author, data: dict | None = None) -> dict[str, int]:
    """Create and index the sample's ideas in ``organisation``; returns key → idea id."""
    from gevinst.core.scoping import unscoped
    from gevinst.core.services import next_reference
    from gevinst.ideas import similarity
    from gevinst.ideas.models import Idea

    data = data or load()
    ids = {}
    with unscoped():  # filtered by organisation explicitly (tests and benchmarks)
        for row in data["ideas"]:
            number, reference = next_reference(organisation, "IDE")
            idea = Idea.objects.create(organisation=organisation, number=number,
                                       reference=reference, author=author,
                                       title=row["title"], problem=row["problem"])
            similarity.index_idea(idea)
            ids[row["key"]] = idea.pk
    return ids


@dataclass
class Measured:
    shown: int = 0
    true: int = 0
    rephrasings: int = 0
    found: int = 0
    new: int = 0
    alarms: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true / self.shown if self.shown else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.rephrasings if self.rephrasings else 1.0

    @property
    def false_alarms(self) -> float:
        return self.alarms / self.new if self.new else 0.0


def evaluate(organisation, ids: dict[str, int], data: dict | None = None, *,
             limit: int = 5) -> Measured:
    """Run every query of the sample through ``similar_ideas`` and score the suggestions."""
    from gevinst.ideas import similarity

    data = data or load()
    out = Measured()
    for query in data["queries"]:
        text = f"{query['title']} {query['problem']}".strip()
        shown = similarity.similar_ideas(organisation, text, limit=limit)
        wanted = {ids[key] for key in query["duplicates"]}
        hits = [s for s in shown if s.idea_id in wanted]
        out.shown += len(shown)
        out.true += len(hits)
        out.wrong += [f"{query['title']!r} → {s.title!r} ({s.similarity:.2f})"
                      for s in shown if s.idea_id not in wanted]
        if wanted:
            out.rephrasings += 1
            if hits:
                out.found += 1
            else:
                out.misses.append(query["title"])
        else:
            out.new += 1
            out.alarms += bool(shown)
    return out
