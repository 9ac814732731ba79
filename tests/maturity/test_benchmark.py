"""The comparison with similar organisations: same kind, size within half and twice, at
least five of them, each with its latest shown assessment; anonymous (median and quartiles,
never names or ranks)."""

from __future__ import annotations

import datetime as dt

import pytest

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.core.services import do_create_organisation, next_reference
from gevinst.maturity.calc import spread
from gevinst.maturity.models import Campaign
from gevinst.maturity.selectors.benchmark import benchmark
from tests.maturity.test_results_selectors import world_campaign

pytestmark = pytest.mark.django_db

SIZE = 10_000
PEER_MEANS = [91.0, 93.0, 95.0, 97.0, 99.0]  # median 95, quartiles 93 and 97


def summary_with(content: dict, mean: float | None, *, shown: bool = True) -> dict:
    stats = {"mean": mean, "n": 5, "median": mean, "q1": mean, "q3": mean, "low": mean,
             "high": mean}
    whole = {"respondents": 5 if shown else 3, "invited": 6, "response_rate": 0.8,
             "shown": shown,
             "dimensions": {d["key"]: stats for d in content["dimensions"]} if shown else {},
             "overall": stats if shown else None}
    return {"model": {"key": "gevinst-default", "version": 1}, "whole": whole, "groups": []}


def closed_campaign(org, version, summary: dict, closes_on=dt.date(2026, 3, 1)) -> Campaign:
    """A closed assessment with its summary set directly (platform code: no members)."""
    with tenant_scope(org):
        number, reference = next_reference(org, "MAT")
        return Campaign.objects.create(
            organisation=org, number=number, reference=reference, title="Peer",
            model_version=version, status=Campaign.Status.CLOSED, opens_on=closes_on,
            closes_on=closes_on, summary=summary)


def make_peer(slug: str, mean: float, *, kind: str = "municipality", size: int = SIZE,
              version=None) -> Organisation:
    peer = do_create_organisation(actor=None, name=f"Peer {slug}", slug=slug, kind=kind,
                                  size=size)
    version = version or world_campaign().model_version
    closed_campaign(peer, version, summary_with(version.content, mean))
    return peer


def set_size(slug: str, size: int | None) -> None:
    Organisation.objects.filter(slug=slug).update(size=size)


def fjordby_benchmark():
    set_size("fjordby", SIZE)
    campaign = world_campaign()
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        return benchmark(campaign, org), campaign


def test_five_similar_organisations_give_a_benchmark(org):
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean, size=[5_000, 8_000, 10_000, 15_000, 20_000][i])
    found, campaign = fjordby_benchmark()
    assert found is not None and found.peers == 5
    whole = campaign.summary["whole"]
    for row in found.dimensions:
        assert (row.median, row.q1, row.q3, row.peers) == (95.0, 93.0, 97.0, 5)
        assert row.mean == whole["dimensions"][row.key]["mean"]
        assert row.mean < 91  # the world's scores are lower than every peer's
        assert row.position == "below"
    assert found.overall.median == 95.0 and found.overall.position == "below"


def test_the_position_is_above_the_upper_quartile(org):
    for i, mean in enumerate([0.0, 1.0, 2.0, 3.0, 4.0]):
        make_peer(f"low{i}", mean)
    found, _campaign = fjordby_benchmark()
    assert {row.position for row in found.dimensions} == {"above"}
    assert found.overall.position == "above"


def test_the_position_is_in_the_middle_between_the_quartiles(org):
    overall = world_campaign().summary["whole"]["overall"]["mean"]
    for i, step in enumerate([-10, -5, 0, 5, 10]):
        make_peer(f"mid{i}", overall + step)
    found, _campaign = fjordby_benchmark()
    assert (found.overall.q1, found.overall.q3) == pytest.approx((overall - 5, overall + 5))
    assert found.overall.position == "middle"


def test_four_similar_organisations_are_not_enough(org):
    for i, mean in enumerate(PEER_MEANS[:4]):
        make_peer(f"peer{i}", mean)
    found, _campaign = fjordby_benchmark()
    assert found is None


def test_other_kinds_and_sizes_are_not_peers(org):
    for i, mean in enumerate(PEER_MEANS[:4]):
        make_peer(f"peer{i}", mean)
    make_peer("county", 95.0, kind="county")
    make_peer("small", 95.0, size=4_999)
    make_peer("large", 95.0, size=20_001)
    assert fjordby_benchmark()[0] is None
    make_peer("same", 95.0, size=5_000)  # half the size is still similar
    assert fjordby_benchmark()[0].peers == 5


def test_no_size_no_benchmark(org):
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean)
    set_size("fjordby", SIZE)
    campaign = world_campaign()
    set_size("fjordby", None)
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        assert benchmark(campaign, org) is None


def test_each_peer_counts_once_with_its_latest_shown_assessment(org):
    version = world_campaign().model_version
    peers = [make_peer(f"peer{i}", mean) for i, mean in enumerate(PEER_MEANS[:4])]
    # A later assessment of a peer replaces its earlier one; one too small to show does not.
    closed_campaign(peers[0], version, summary_with(version.content, 10.0),
                    closes_on=dt.date(2026, 9, 1))
    closed_campaign(peers[1], version, summary_with(version.content, None, shown=False),
                    closes_on=dt.date(2026, 9, 1))
    assert fjordby_benchmark()[0] is None  # still four organisations
    # A peer whose only assessment shows nothing does not count either.
    quiet = do_create_organisation(actor=None, name="Quiet", slug="quiet", size=SIZE)
    closed_campaign(quiet, version, summary_with(version.content, None, shown=False))
    assert fjordby_benchmark()[0] is None
    make_peer("peer4", 99.0)
    found, _campaign = fjordby_benchmark()
    # Means 10 (latest of peer0), 93, 95, 97, 99: median 95, quartiles 93 and 97.
    assert found.peers == 5 and (found.overall.median, found.overall.q1) == (95.0, 93.0)


def test_a_real_assessment_of_another_tenant_counts_as_a_peer(org, other_org):
    # Åsdal's MAT-0001 (closed, five respondents) is read across tenants, summary only.
    set_size("asdal", SIZE)
    for i, mean in enumerate(PEER_MEANS[:4]):
        make_peer(f"peer{i}", mean)
    found, _campaign = fjordby_benchmark()
    assert found is not None and found.peers == 5
    asdal = world_campaign("asdal").summary["whole"]["overall"]["mean"]
    expected = spread([*PEER_MEANS[:4], asdal])
    assert (found.overall.median, found.overall.q1, found.overall.q3) == pytest.approx(
        (expected["median"], expected["q1"], expected["q3"]))


def test_a_campaign_without_shown_results_has_no_benchmark(org, other_org):
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean)
    set_size("asdal", SIZE)
    draft = world_campaign("asdal", "MAT-0002")
    with tenant_scope(other_org):
        assert benchmark(draft, other_org) is None


def test_the_benchmark_works_inside_a_tenant_scope_and_outside_it(org):
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean)
    set_size("fjordby", SIZE)
    campaign = world_campaign()
    with unscoped():
        assert benchmark(campaign).peers == 5


def test_peers_measured_long_after_are_not_compared(org):
    """An assessment is compared with what peers had measured by then (a season's slack),
    not with what they measured a year later."""
    campaign = world_campaign()
    version = campaign.model_version
    later = campaign.closes_on + dt.timedelta(days=365)
    for i, mean in enumerate(PEER_MEANS):
        peer = do_create_organisation(actor=None, name=f"Late {i}", slug=f"late{i}",
                                      kind="municipality", size=SIZE)
        closed_campaign(peer, version, summary_with(version.content, mean), closes_on=later)
    assert fjordby_benchmark()[0] is None
    with unscoped():
        Campaign.objects.filter(closes_on=later).update(closes_on=campaign.closes_on)
    assert fjordby_benchmark()[0].peers == 5


def test_the_peers_stay_those_of_the_size_the_assessment_was_first_compared_by(org):
    """Moving one's own size afterwards must not let one peer in and out of the group (its
    scores could be worked out from the difference)."""
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean)
    make_peer("bigger", 50.0, size=25_000)  # a peer only for a size of 12,500 or more
    found, campaign = fjordby_benchmark()
    assert found.peers == 5
    campaign.refresh_from_db()
    assert campaign.summary["organisation"] == {"kind": "municipality", "size": SIZE}
    set_size("fjordby", 15_000)  # would take "bigger" in
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        again = benchmark(world_campaign(), org)
    assert again.peers == 5 and (again.size_from, again.size_to) == (5_000, 20_000)


def test_an_assessment_closed_with_a_size_is_compared_by_that_size(org, people):
    from gevinst.maturity.services import campaigns as service

    set_size("fjordby", 25_000)
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean)
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        campaign = world_campaign()
        summary = service.compute_summary(campaign)
    assert summary["organisation"] == {"kind": "municipality", "size": 25_000}
