"""A recommendation of a maturity assessment becomes an initiative with one click."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.access import has_role
from gevinst.core.models import Membership, Role, User
from gevinst.maturity import calc
from gevinst.maturity.modeldata import localized
from gevinst.maturity.models import Recommendation
from gevinst.portfolio.models import Phase


def recommendation_texts(recommendation: Recommendation) -> dict:
    """The dimension, its current and next level and the recommended action (the next
    level's statement), in the active language."""
    content = recommendation.campaign.model_version.content
    dimension = next(d for d in content["dimensions"]
                     if d["key"] == recommendation.dimension)
    bands = {b["key"]: b for b in content["bands"]}
    current = calc.band(float(recommendation.score), content["bands"])
    target = bands[recommendation.target_band]
    return {"dimension": localized(dimension["name"]),
            "current": localized(current["name"]) if current else "",
            "target": localized(target["name"]), "target_from": target["from"],
            "action": localized(dimension["levels"].get(recommendation.target_band))}


@transaction.atomic
def do_convert_recommendation(*, actor: User, recommendation: Recommendation):
    """Make an initiative in phase Idea from the recommendation, linked to it, with an
    expected benefit: the dimension's maturity at the next level (a benefit the benefits
    register follows up, measured by the next assessment)."""
    from gevinst.benefits.models import Benefit
    from gevinst.benefits.services.benefits import do_create_benefit
    from gevinst.portfolio.services.initiatives import do_create_initiative

    organisation = recommendation.organisation
    membership = Membership.objects.filter(organisation=organisation, user=actor).first()
    if not has_role(membership, Role.PMO):
        raise PermissionDenied
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if locked.initiative_id is not None:
        raise ValidationError(_("This recommendation is already an initiative."),
                              code="converted")
    texts = recommendation_texts(recommendation)
    campaign = recommendation.campaign
    goal = _("Digital maturity in “%(dimension)s” from %(score)s (%(current)s) to "
             "%(target)s (%(from)s or more) at the next assessment.") % {
        "dimension": texts["dimension"], "score": f"{recommendation.score:.0f}",
        "current": texts["current"], "target": texts["target"],
        "from": texts["target_from"]}
    phase = Phase.objects.filter(organisation=organisation, key="idea").first()
    initiative = do_create_initiative(
        actor=actor, organisation=organisation,
        title=(_("Maturity: %(dimension)s to %(target)s")
               % {"dimension": texts["dimension"], "target": texts["target"]})[:200],
        problem=_("The maturity assessment %(reference)s scored “%(dimension)s” %(score)s "
                  "(%(current)s), one of the largest weighted gaps.") % {
            "reference": campaign.reference, "dimension": texts["dimension"],
            "score": f"{recommendation.score:.0f}", "current": texts["current"]},
        proposal=texts["action"], expected_benefit=goal, phase=phase,
        owner=actor, manager=actor)
    do_create_benefit(
        actor=actor, organisation=organisation, initiative=initiative,
        title=(_("Higher digital maturity: %(dimension)s") % {
            "dimension": texts["dimension"]})[:200],
        description=goal, category=Benefit.Category.SERVICE_QUALITY,
        cashability=Benefit.Cashability.NOT_MONETISED,
        valuation_method=Benefit.Valuation.NOT_MONETISED)
    Recommendation.objects.filter(pk=locked.pk).update(initiative=initiative)
    recommendation.initiative = initiative
    return initiative
