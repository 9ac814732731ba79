"""The results view model: built from the summary computed at closing and the model, with
the change since the previous assessment; nothing shown below five respondents."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest
from django.utils import timezone

from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import do_add_member, do_create_unit
from gevinst.maturity import calc
from gevinst.maturity.models import Campaign, Recommendation, Response
from gevinst.maturity.selectors.results import campaign_results
from gevinst.maturity.services import campaigns, responses
from tests.conftest import person, world_answers

pytestmark = pytest.mark.django_db


# -- helpers shared with the other results tests ------------------------------------------

def world_campaign(slug: str = "fjordby", reference: str = "MAT-0001") -> Campaign:
    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        return Campaign.objects.select_related("model_version").get(
            organisation=org, reference=reference)


def expected_means(campaign: Campaign) -> dict:
    """Per dimension key (and "overall") the mean of the respondents' scores, computed from
    the stored answers (what the summary must hold)."""
    content = campaign.model_version.content
    with tenant_scope(campaign.organisation):
        answer_sets = list(Response.objects.filter(campaign=campaign, submitted=True)
                           .values_list("answers", flat=True))
    scores = [calc.respondent_scores(content, answers) for answers in answer_sets]
    means = {d["key"]: statistics.fmean(s["dimensions"][d["key"]] for s in scores)
             for d in content["dimensions"]}
    means["overall"] = statistics.fmean(s["overall"] for s in scores)
    return means


def close_new_campaign(org, units, *, offset: int = 1, days: int = 60,
                       title: str = "Modenhet igjen") -> Campaign:
    """A second assessment through the services: everyone invited answers (world answers
    ``offset`` steps higher), then it closes."""
    admin = person("admin", org.slug)
    today = timezone.localdate()
    with tenant_scope(org):
        campaign = campaigns.do_create_campaign(
            actor=admin, organisation=org, units=units, title=title,
            opens_on=today, closes_on=today + dt.timedelta(days=days))
        campaigns.do_open_campaign(actor=admin, campaign=campaign, expected_version=1)
        content = campaign.model_version.content
        for n, invitation in enumerate(campaign.invitations.order_by("email")):
            responses.do_save_answers(invitation=invitation, token=invitation.token,
                                      send=True, answers=world_answers(content, n + offset))
        campaigns.do_close_campaign(actor=admin, campaign=campaign, expected_version=2)
        return Campaign.objects.select_related("model_version").get(pk=campaign.pk)


def add_unit_with_members(org, name: str, count: int) -> Unit:
    with tenant_scope(org):
        top = Unit.objects.get(organisation=org, parent=None)
        unit = do_create_unit(actor=None, organisation=org, name=name, parent=top)
        for i in range(count):
            user = User.objects.create_user(email=f"{name.lower()}{i}@{org.slug}.test",
                                            password="x", full_name=f"{name} {i}")
            do_add_member(actor=None, organisation=org, user=user, role=Role.EMPLOYEE,
                          unit=unit)
    return unit


def helse(org) -> Unit:
    with tenant_scope(org):
        return Unit.objects.get(organisation=org, name="Helse og velferd")


# -- tests --------------------------------------------------------------------------------

def test_the_world_s_results_hold_the_means_of_the_answers_in_model_order(org):
    campaign = world_campaign()
    expected = expected_means(campaign)
    content = campaign.model_version.content
    with tenant_scope(org):
        found = campaign_results(campaign)
    assert found.shown and found.closed and found.respondents == 5 and found.invited == 5
    assert found.response_rate == 1
    assert [d.key for d in found.dimensions] == [d["key"] for d in content["dimensions"]]
    for row in found.dimensions:
        assert row.mean == pytest.approx(expected[row.key])
        assert row.band_key == calc.band(expected[row.key], content["bands"])["key"]
        assert row.n == 5 and row.q1 <= row.median <= row.q3
    assert found.overall.mean == pytest.approx(expected["overall"])
    # The first assessment has nothing to compare with.
    assert found.previous is None and all(d.change is None for d in found.dimensions)


def test_the_recommendations_come_in_rank_order_with_their_action(org):
    campaign = world_campaign()
    with tenant_scope(org):
        stored = list(Recommendation.objects.filter(campaign=campaign).order_by("rank"))
        found = campaign_results(campaign)
    assert [r.id for r in found.recommendations] == [r.pk for r in stored]
    first = found.recommendations[0]
    dimension = next(d for d in campaign.model_version.content["dimensions"]
                     if d["key"] == stored[0].dimension)
    assert first.action == dimension["levels"][stored[0].target_band]["en"]
    assert first.initiative_reference is None


def test_a_campaign_not_closed_shows_counts_only(other_org):
    draft = world_campaign("asdal", "MAT-0002")
    with tenant_scope(other_org):
        found = campaign_results(draft)
    assert not found.closed and not found.shown
    assert found.dimensions == [] and found.overall is None and found.recommendations == []


def test_fewer_than_five_respondents_show_no_scores(org):
    campaign = world_campaign()
    with tenant_scope(org):
        summary = campaign.summary
        summary["whole"] = {"respondents": 4, "invited": 9, "response_rate": 4 / 9,
                            "shown": False, "dimensions": {}, "overall": None}
        Campaign.objects.filter(pk=campaign.pk).update(summary=summary)
        campaign.refresh_from_db()
        found = campaign_results(campaign)
    assert found.closed and not found.shown
    assert (found.respondents, found.invited) == (4, 9)
    assert found.dimensions == [] and found.groups == [] and found.recommendations == []


def test_a_group_below_five_is_never_shown_even_if_the_summary_had_it(org):
    campaign = world_campaign()
    with tenant_scope(org):
        summary = campaign.summary
        stats = summary["whole"]
        unit = helse(org)
        summary["groups"] = [
            {**stats, "unit": unit.pk, "name": unit.name, "respondents": 6},
            {**stats, "unit": 999, "name": "Lite kontor", "respondents": 3},
            {**stats, "unit": None, "name": "", "respondents": 5},
            {**stats, "unit": 998, "name": "Skjult", "shown": False},
        ]
        Campaign.objects.filter(pk=campaign.pk).update(summary=summary)
        campaign.refresh_from_db()
        found = campaign_results(campaign)
    assert [g.name for g in found.groups] == ["Helse og velferd", "Other units"]
    assert found.groups[0].overall == pytest.approx(stats["overall"]["mean"])


def test_the_change_is_the_difference_from_the_previous_closed_assessment(org):
    first = world_campaign()
    second = close_new_campaign(org, [helse(org)], offset=1)
    before, after = expected_means(first), expected_means(second)
    with tenant_scope(org):
        found = campaign_results(second)
    assert found.previous.pk == first.pk
    for row in found.dimensions:
        assert row.previous == pytest.approx(before[row.key])
        assert row.change == pytest.approx(after[row.key] - before[row.key])
    assert found.overall.change == pytest.approx(after["overall"] - before["overall"])


def test_units_under_five_are_merged_and_never_stand_alone(org):
    # Skole 5 and Kultur 2 (and Helse 5): Kultur joins the rest, which at 2 takes the
    # smallest group (Helse) with it; Skole stands alone, the rest is "Other units".
    skole = add_unit_with_members(org, "Skole", 5)
    kultur = add_unit_with_members(org, "Kultur", 2)
    campaign = close_new_campaign(org, [helse(org), skole, kultur])
    with tenant_scope(org):
        found = campaign_results(campaign)
    assert found.respondents == 12
    assert [(g.name, g.respondents) for g in found.groups] == [("Skole", 5),
                                                                ("Other units", 7)]
    assert all(g.name != "Kultur" for g in found.groups)
