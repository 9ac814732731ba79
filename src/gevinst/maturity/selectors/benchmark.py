"""How an organisation's maturity compares with similar organisations, anonymously.

Peers are the other organisations of the same kind whose size is within half and twice
this organisation's size (no size given: no benchmark). Each peer counts once, with its
latest closed assessment of the same model whose results are shown (five respondents or
more) that closed no later than three months after the one compared. With fewer than five
peers there is no benchmark. Only the peers' median and quartiles of their mean scores are
given, never a name or a rank: no league table.

The kind and size are the organisation's when the assessment closed (kept in its
summary), not today's: changing them afterwards does not change the peers an assessment is
compared with, so the peers cannot be told apart by moving the window back and forth. An
assessment closed before the size was set takes the size it is first compared with, and
keeps it.

Platform code: it reads other organisations' summaries (only them: aggregates), so it
leaves the tenant scope explicitly with ``unscoped()``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gevinst.core.models import Organisation
from gevinst.core.scoping import unscoped
from gevinst.maturity import calc
from gevinst.maturity.modeldata import localized
from gevinst.maturity.models import Campaign

MIN_PEERS = 5  # the fewest similar organisations a comparison is shown with
SIZE_RANGE = (0.5, 2.0)  # a peer's size relative to this organisation's

SEASON = dt.timedelta(days=92)  # how much later a peer's assessment may have closed

ABOVE, MIDDLE, BELOW = "above", "middle", "below"


@dataclass(frozen=True)
class BenchmarkRow:
    key: str
    name: str
    mean: float | None  # this organisation's
    median: float | None  # the peers'
    q1: float | None
    q3: float | None
    peers: int  # peers with a score here
    position: str | None  # above (over q3) / middle / below (under q1)


@dataclass(frozen=True)
class Benchmark:
    peers: int
    kind: str
    size_from: int
    size_to: int
    overall: BenchmarkRow
    dimensions: list[BenchmarkRow]


def position(mean: float | None, q1: float | None, q3: float | None) -> str | None:
    if mean is None or q1 is None or q3 is None:
        return None
    if mean > q3:
        return ABOVE
    if mean < q1:
        return BELOW
    return MIDDLE


def _row(key: str, name: str, own: dict | None, values: list[float]) -> BenchmarkRow:
    mean = (own or {}).get("mean")
    if len(values) < MIN_PEERS:  # too few peers scored this dimension to show it
        return BenchmarkRow(key, name, mean, None, None, None, len(values), None)
    found = calc.spread(values)
    return BenchmarkRow(key, name, mean, found["median"], found["q1"], found["q3"],
                        len(values), position(mean, found["q1"], found["q3"]))


def peer_summaries(organisation: Organisation, model_key: str,
                   closes_on: dt.date | None = None, *, kind: str | None = None,
                   size: int | None = None) -> list[dict]:
    """The ``whole`` of each peer's latest shown closed assessment of the model (with
    ``closes_on``: closed no later than a season after it — an assessment is not compared
    with what peers measured a year later). ``kind`` and ``size`` default to the
    organisation's."""
    kind = kind or organisation.kind
    size = size if size is not None else organisation.size
    if not size:
        return []
    low, high = math.ceil(size * SIZE_RANGE[0]), math.floor(size * SIZE_RANGE[1])
    with unscoped():
        rows = (Campaign.objects
                .filter(status=Campaign.Status.CLOSED, model_version__model__key=model_key,
                        organisation__kind=kind,
                        organisation__size__gte=low, organisation__size__lte=high)
                .exclude(organisation_id=organisation.pk)
                .filter(**({"closes_on__lte": closes_on + SEASON} if closes_on else {}))
                .order_by("organisation_id", "-closes_on", "-number")
                .values_list("organisation_id", "summary"))
        latest: dict[int, dict] = {}
        for organisation_id, summary in rows:
            if organisation_id in latest:
                continue
            whole = (summary or {}).get("whole") or {}
            if whole.get("shown"):
                latest[organisation_id] = whole
    return list(latest.values())


def _keep(campaign: Campaign, kind: str, size: int) -> None:
    """Note the kind and size the campaign is compared by from now on (in its summary; a
    single UPDATE, no new version: the results do not change)."""
    campaign.summary = {**campaign.summary, "organisation": {"kind": kind, "size": size}}
    Campaign.objects.filter(organisation_id=campaign.organisation_id, pk=campaign.pk).update(
        summary=campaign.summary)


def benchmark(campaign: Campaign, organisation: Organisation | None = None
              ) -> Benchmark | None:
    """The comparison of ``campaign`` (closed, results shown) with its peers, or None.
    ``organisation`` is the campaign's (passed to save a query)."""
    if campaign.status != Campaign.Status.CLOSED:
        return None
    whole = (campaign.summary or {}).get("whole") or {}
    if not whole.get("shown"):
        return None
    organisation = organisation or campaign.organisation
    if organisation.pk != campaign.organisation_id:
        return None
    # As the organisation was at closing; without a size then, as it is now, kept.
    at_closing = campaign.summary.get("organisation") or {}
    kind = at_closing.get("kind") or organisation.kind
    size = at_closing.get("size")
    if not size:
        size = organisation.size
        if not size:
            return None
        _keep(campaign, kind, size)
    content = campaign.model_version.content
    model_key = (campaign.summary.get("model") or {}).get("key") or content.get("key")
    peers = peer_summaries(organisation, model_key, campaign.closes_on, kind=kind, size=size)
    if len(peers) < MIN_PEERS:
        return None
    dimensions = []
    for dimension in content["dimensions"]:
        key = dimension["key"]
        values = [p["dimensions"][key]["mean"] for p in peers
                  if ((p.get("dimensions") or {}).get(key) or {}).get("mean") is not None]
        dimensions.append(_row(key, localized(dimension["name"]),
                               (whole.get("dimensions") or {}).get(key), values))
    overall_values = [p["overall"]["mean"] for p in peers
                      if (p.get("overall") or {}).get("mean") is not None]
    return Benchmark(peers=len(peers), kind=str(dict(Organisation.Kind.choices).get(kind, kind)),
                     size_from=math.ceil(size * SIZE_RANGE[0]),
                     size_to=math.floor(size * SIZE_RANGE[1]),
                     overall=_row("", _("Overall"), whole.get("overall"), overall_values),
                     dimensions=dimensions)
