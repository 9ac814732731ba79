"""The results of a maturity assessment as a plain view model, built from the summary
computed once at closing (``Campaign.summary``) and the model version's content: per
dimension and overall the mean, its band, the spread and the change since the previous
closed assessment with the same model; the reporting groups (never one below five
respondents); the recommendations. Nothing is stored: it is cheap to build (two queries:
the previous assessment and the recommendations)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gevinst.maturity import calc
from gevinst.maturity.modeldata import localized
from gevinst.maturity.models import Campaign, Recommendation
from gevinst.maturity.selectors.campaigns import previous_closed, progress
from gevinst.maturity.services.recommendations import recommendation_texts


@dataclass(frozen=True)
class Score:
    """One row of the results: a dimension (or the overall score) of the whole
    organisation."""

    key: str
    name: str
    weight: float | None
    mean: float | None
    band: str
    band_key: str
    median: float | None
    q1: float | None
    q3: float | None
    low: float | None
    high: float | None
    n: int
    previous: float | None = None
    change: float | None = None


@dataclass(frozen=True)
class Group:
    """A reporting group (a unit, or the rest of the organisation) of five or more."""

    unit_id: int | None
    name: str
    respondents: int
    invited: int | None
    response_rate: float | None
    overall: float | None
    dimensions: list[float | None]


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    rank: int
    dimension_key: str
    dimension: str
    score: float
    current: str
    target: str
    action: str
    initiative_reference: str | None


@dataclass
class CampaignResults:
    campaign: Campaign
    closed: bool
    shown: bool
    respondents: int
    invited: int | None
    response_rate: float | None
    overall: Score | None = None
    dimensions: list[Score] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)
    previous: Campaign | None = None

    @property
    def response_percent(self) -> int | None:
        return round(100 * self.response_rate) if self.response_rate is not None else None

    @property
    def dimension_names(self) -> list[str]:
        return [d.name for d in self.dimensions]


def _score(key: str, name: str, weight, stats: dict | None, bands: list[dict],
           previous: dict | None) -> Score:
    stats = stats or {}
    mean = stats.get("mean")
    band = calc.band(mean, bands)
    before = (previous or {}).get("mean")
    change = mean - before if mean is not None and before is not None else None
    return Score(key=key, name=name, weight=weight, mean=mean,
                 band=localized(band["name"]) if band else "",
                 band_key=band["key"] if band else "",
                 median=stats.get("median"), q1=stats.get("q1"), q3=stats.get("q3"),
                 low=stats.get("low"), high=stats.get("high"), n=stats.get("n") or 0,
                 previous=before if change is not None else None, change=change)


def _shown_whole(campaign: Campaign | None) -> dict | None:
    if campaign is None or campaign.status != Campaign.Status.CLOSED:
        return None
    whole = (campaign.summary or {}).get("whole") or {}
    return whole if whole.get("shown") else None


def campaign_results(campaign: Campaign) -> CampaignResults:
    """The results of ``campaign`` (fetched with ``get_campaign``). Not closed, or fewer than
    five respondents: ``shown`` is False and only the counts are given."""
    closed = campaign.status == Campaign.Status.CLOSED
    whole = ((campaign.summary or {}).get("whole") or {}) if closed else {}
    if not closed:
        counts = progress(campaign)
        return CampaignResults(campaign=campaign, closed=False, shown=False,
                               respondents=counts["answered"], invited=counts["invited"],
                               response_rate=counts["rate"])
    result = CampaignResults(campaign=campaign, closed=True, shown=bool(whole.get("shown")),
                             respondents=whole.get("respondents") or 0,
                             invited=whole.get("invited"),
                             response_rate=whole.get("response_rate"))
    if not result.shown:
        return result
    content = campaign.model_version.content
    bands = content["bands"]
    previous = previous_closed(campaign)
    before = _shown_whole(previous)
    if before is not None:
        result.previous = previous
    before = before or {}
    before_dimensions = before.get("dimensions") or {}
    stats = whole.get("dimensions") or {}
    dimensions = content["dimensions"]
    result.dimensions = [
        _score(d["key"], localized(d["name"]), d["weight"], stats.get(d["key"]), bands,
               before_dimensions.get(d["key"]))
        for d in dimensions]
    result.overall = _score("", _("Overall"), None, whole.get("overall"), bands,
                            before.get("overall"))
    for group in (campaign.summary or {}).get("groups") or []:
        # The summary holds only groups of five or more; checked again all the same.
        if not group.get("shown") or (group.get("respondents") or 0) < calc.MIN_GROUP:
            continue
        group_stats = group.get("dimensions") or {}
        result.groups.append(Group(
            unit_id=group.get("unit"),
            name=(group.get("name") or _("Other units")) if group.get("unit") is not None
            else _("Other units"),
            respondents=group["respondents"], invited=group.get("invited"),
            response_rate=group.get("response_rate"),
            overall=(group.get("overall") or {}).get("mean"),
            dimensions=[(group_stats.get(d["key"]) or {}).get("mean") for d in dimensions]))
    recommendations = (Recommendation.objects
                       .filter(organisation_id=campaign.organisation_id, campaign=campaign)
                       .select_related("initiative").order_by("rank"))
    for recommendation in recommendations:
        recommendation.campaign = campaign  # its texts read the model without a query
        texts = recommendation_texts(recommendation)
        result.recommendations.append(RecommendationRow(
            id=recommendation.pk, rank=recommendation.rank,
            dimension_key=recommendation.dimension, dimension=texts["dimension"],
            score=float(recommendation.score), current=texts["current"],
            target=texts["target"], action=texts["action"],
            initiative_reference=(recommendation.initiative.reference
                                  if recommendation.initiative_id else None)))
    return result
