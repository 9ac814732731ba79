"""Reads of maturity campaigns, always inside the organisation."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from gevinst.maturity.models import Campaign, Invitation, Recommendation


def get_campaign(organisation, reference: str) -> Campaign:
    campaign = (Campaign.objects.filter(organisation=organisation, reference=reference)
                .select_related("model_version", "model_version__model", "created_by")
                .first())
    if campaign is None:
        raise Http404
    return campaign


def get_recommendation(campaign: Campaign, recommendation_id: int) -> Recommendation:
    found = (Recommendation.objects.filter(organisation_id=campaign.organisation_id,
                                           campaign=campaign, pk=recommendation_id)
             .select_related("campaign", "campaign__model_version", "initiative").first())
    if found is None:
        raise Http404
    return found


def campaign_list(organisation):
    """The organisation's campaigns, newest first, with invited and answered counts."""
    return list(Campaign.objects.filter(organisation=organisation)
                .annotate(invited=Count("invitations", distinct=True),
                          answered=Count("invitations", filter=Q(invitations__completed=True),
                                         distinct=True))
                .select_related("model_version", "model_version__model")
                .order_by("-opens_on", "-number"))


def progress(campaign: Campaign) -> dict:
    """Invited, answered and the response rate (from the invitations, never the answers)."""
    counts = Invitation.objects.filter(organisation_id=campaign.organisation_id,
                                       campaign=campaign).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(completed=True)))
    invited, answered = counts["invited"], counts["answered"]
    return {"invited": invited, "answered": answered,
            "rate": answered / invited if invited else None,
            "percent": round(100 * answered / invited) if invited else None}


def to_answer(organisation, user) -> list[Invitation]:
    """The open surveys the member is invited to and has not answered (their links)."""
    return list(Invitation.objects.filter(organisation=organisation, user=user,
                                          completed=False, campaign__status="open")
                .select_related("campaign").order_by("campaign__closes_on"))


def previous_closed(campaign: Campaign) -> Campaign | None:
    """The organisation's last closed campaign before ``campaign`` with the same model."""
    return (Campaign.objects.filter(organisation_id=campaign.organisation_id,
                                    status=Campaign.Status.CLOSED,
                                    model_version__model_id=campaign.model_version.model_id,
                                    closes_on__lt=campaign.closes_on)
            .exclude(pk=campaign.pk).select_related("model_version")
            .order_by("-closes_on", "-number").first())
