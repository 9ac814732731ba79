"""API of digital maturity, read only: the organisation's assessments (campaigns), the
results of a closed one and the current maturity model.

Aggregates only: the results are the summary computed once when the survey closed (the
whole organisation and groups of at least five respondents), never a respondent's answers,
links or who answered what. The lowest and highest single scores of the summary are left
out too (each is one person's score). Everyone who reads the portfolio (viewer and up) reads
them, as on the web (maturity/access.py); running campaigns is done on the web pages.

Texts of the model (dimensions, bands, questions) are in the caller's language: the
``Accept-Language`` header, English when a text has no translation.
"""

from __future__ import annotations

import math

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from gevinst.api.auth import api_tenant
from gevinst.api.maturity_schemas import (
    CampaignOut,
    CampaignPage,
    CampaignQuery,
    CampaignResultsOut,
    MaturityModelOut,
)
from gevinst.api.schemas import ErrorOut
from gevinst.maturity import access, calc
from gevinst.maturity.modeldata import LANGUAGES, localized
from gevinst.maturity.models import Campaign, Recommendation
from gevinst.maturity.selectors.campaigns import campaign_list, get_campaign, progress
from gevinst.maturity.services.recommendations import recommendation_texts
from gevinst.maturity.services.versions import DEFAULT_KEY, current_version

router = Router(tags=["maturity"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
BASE = "/o/{org}/maturity"
MAX_PAGE_SIZE = 100


# --- helpers ------------------------------------------------------------------------------


def _model_ref(campaign: Campaign) -> dict:
    version = campaign.model_version
    return {"key": version.model.key, "version": version.number, "name": version.name}


def _campaign_out(campaign: Campaign, invited: int, answered: int) -> dict:
    return {"reference": campaign.reference, "title": campaign.title,
            "status": campaign.status, "mode": campaign.mode, "opens_on": campaign.opens_on,
            "closes_on": campaign.closes_on, "opened_at": campaign.opened_at,
            "closed_at": campaign.closed_at, "model": _model_ref(campaign),
            "invited": invited, "answered": answered,
            "response_rate": answered / invited if invited else None}


def _bands(bands: list[dict]) -> list[dict]:
    return [{"key": b["key"], "from": b["from"], "name": localized(b["name"])} for b in bands]


def _language() -> str:
    """The language the texts are given in (as ``localized`` picks it)."""
    language = (get_language() or "en").split("-")[0].lower()
    language = "nb" if language == "no" else language
    return language if language in LANGUAGES else "en"


def _overall(stats: dict | None, bands: list[dict]) -> dict | None:
    if not stats:
        return None
    band = calc.band(stats["mean"], bands)
    return {"n": stats["n"], "mean": stats["mean"], "median": stats["median"],
            "q1": stats["q1"], "q3": stats["q3"], "band": band["key"],
            "band_name": localized(band["name"])}


def _dimensions(content: dict, found: dict) -> list[dict]:
    out = []
    for dimension in content["dimensions"]:
        stats = found.get(dimension["key"]) or {}
        band = calc.band(stats.get("mean"), content["bands"])
        out.append({"key": dimension["key"], "name": localized(dimension["name"]),
                    "weight": dimension["weight"], "n": stats.get("n", 0),
                    "mean": stats.get("mean"), "median": stats.get("median"),
                    "q1": stats.get("q1"), "q3": stats.get("q3"),
                    "band": band["key"] if band else None,
                    "band_name": localized(band["name"]) if band else None})
    return out


def _groups(content: dict, groups: list[dict]) -> list[dict]:
    out = []
    for group in groups:
        if not group.get("shown"):
            continue
        mean = (group.get("overall") or {}).get("mean")
        band = calc.band(mean, content["bands"])
        out.append({
            "unit_id": group["unit"], "name": group["name"] if group["unit"] is not None
            else None, "respondents": group["respondents"], "invited": group["invited"],
            "response_rate": group["response_rate"], "overall": mean,
            "band": band["key"] if band else None,
            "dimensions": {d["key"]: ((group.get("dimensions") or {}).get(d["key"]) or {})
                           .get("mean") for d in content["dimensions"]}})
    return out


def _recommendations(organisation, campaign: Campaign) -> list[dict]:
    rows = (Recommendation.objects.filter(organisation=organisation, campaign=campaign)
            .select_related("initiative").order_by("rank"))
    out = []
    for rec in rows:
        rec.campaign = campaign  # the model version is loaded already
        texts = recommendation_texts(rec)
        out.append({"rank": rec.rank, "dimension": rec.dimension,
                    "dimension_name": texts["dimension"], "score": float(rec.score),
                    "current_band_name": texts["current"], "target_band": rec.target_band,
                    "target_band_name": texts["target"], "action": texts["action"],
                    "initiative": rec.initiative.reference if rec.initiative_id else None})
    return out


# --- campaigns ----------------------------------------------------------------------------


@router.get(f"{BASE}/campaigns/", response={200: CampaignPage, **ERRORS},
            summary="List the organisation's maturity assessments",
            description="Newest first, with how many were invited and have answered. "
                        "Viewers and up.")
def list_campaigns(request, org: str, filters: Query[CampaignQuery]):
    with api_tenant(request, org, access.READ_RESULTS) as organisation:
        # An organisation runs a few assessments a year: one query reads them all.
        rows = [c for c in campaign_list(organisation)
                if filters.status is None or c.status == filters.status]
        size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
        count = len(rows)
        pages = max(1, math.ceil(count / size))
        page = max(1, min(filters.page, pages))
        return {"count": count, "page": page, "pages": pages, "results": [
            _campaign_out(c, c.invited, c.answered)
            for c in rows[(page - 1) * size: page * size]]}


@router.get(f"{BASE}/campaigns/{{campaign}}/", response={200: CampaignOut, **ERRORS},
            summary="Read a maturity assessment",
            description="The same fields as the list. Viewers and up.")
def read_campaign(request, org: str, campaign: str):
    with api_tenant(request, org, access.READ_RESULTS) as organisation:
        found = get_campaign(organisation, campaign)
        counts = progress(found)
        return _campaign_out(found, counts["invited"], counts["answered"])


@router.get(f"{BASE}/campaigns/{{campaign}}/results",
            response={200: CampaignResultsOut, **ERRORS}, by_alias=True,
            summary="The results of a closed maturity assessment",
            description="Computed once when the survey closed: per dimension and overall the "
                        "mean (0–100), its band, the median, the quartiles and the number "
                        "scored; the groups of at least five respondents; the recommended "
                        "actions. With fewer than five respondents only the counts are "
                        "given (`shown` is false). 409 while the survey is a draft or "
                        "open. Never a single respondent's answers. Viewers and up.")
def read_results(request, org: str, campaign: str):
    with api_tenant(request, org, access.READ_RESULTS) as organisation:
        found = get_campaign(organisation, campaign)
        if found.status != Campaign.Status.CLOSED or not found.summary:
            message = (_("%(reference)s is a draft: results come when the survey has "
                         "closed.") if found.status == Campaign.Status.DRAFT else
                       _("%(reference)s is still open: results come when the survey has "
                         "closed."))
            return Status(409, {"detail": message % {"reference": found.reference}})
        content = found.model_version.content
        whole = found.summary["whole"]
        shown = bool(whole.get("shown"))
        return {
            "reference": found.reference, "title": found.title,
            "closed_at": found.closed_at, "model": _model_ref(found), "shown": shown,
            "respondents": whole["respondents"], "invited": whole["invited"],
            "response_rate": whole["response_rate"], "bands": _bands(content["bands"]),
            "overall": _overall(whole.get("overall"), content["bands"]) if shown else None,
            "dimensions": _dimensions(content, whole.get("dimensions") or {}) if shown
            else [],
            "groups": _groups(content, found.summary.get("groups") or []) if shown else [],
            "recommendations": _recommendations(organisation, found) if shown else [],
        }


# --- the model ----------------------------------------------------------------------------


@router.get(f"{BASE}/model", response={200: MaturityModelOut, **ERRORS}, by_alias=True,
            summary="The current maturity model",
            description="The newest version of the default model: its bands, the practice "
                        "scale and the dimensions with their levels and questions, in the "
                        "language of `Accept-Language` (en, nb or sv). Viewers and up.")
def read_model(request, org: str):
    with api_tenant(request, org, access.READ_RESULTS):
        version = current_version(DEFAULT_KEY)
        if version is None:
            raise Http404
        content = version.content
        bands = content["bands"]
        return {
            "key": version.model.key, "version": version.number,
            "name": localized(content.get("name")),
            "description": localized(content.get("description")),
            "language": _language(),
            "bands": _bands(bands),
            "practice_scale": [{"key": s["key"], "score": s["score"],
                                "name": localized(s["name"])}
                               for s in content.get("practice_scale", [])],
            "dimensions": [{
                "key": d["key"], "name": localized(d["name"]),
                "description": localized(d.get("description")), "weight": d["weight"],
                "levels": [{"band": b["key"], "text": localized(d["levels"].get(b["key"]))}
                           for b in bands],
                "questions": [{
                    "key": q["key"], "type": q["type"], "weight": q["weight"],
                    "text": localized(q["text"]), "help": localized(q.get("help")),
                    "options": [{"text": localized(o["text"]), "score": o.get("score")}
                                for o in q.get("options", [])]}
                    for q in d["questions"]],
            } for d in content["dimensions"]],
        }
