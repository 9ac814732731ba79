"""The demo's maturity assessments: Fjordby's surveys a year apart (2024 and 2025, closed,
with progress in benefits and data and green IT unchanged, small units merged) and one open
now, and the peer municipalities that give Fjordby's 2025 results a benchmark; loaded
without sending a single email, the same every time, and only once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gevinst.core.models import Membership, Organisation, Unit
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.demo import benefits as demo_benefits
from gevinst.demo import gates, registers, reports
from gevinst.demo import maturity as demo_maturity
from gevinst.demo import maturity_data as md
from gevinst.demo import objectives as demo_objectives
from gevinst.demo import risks as demo_risks
from gevinst.demo.loader import NAMES, ORGS, load_organisation
from gevinst.maturity import calc, notifications
from gevinst.maturity.models import Campaign, Invitation, Recommendation, Response
from gevinst.maturity.services import campaigns as campaign_services
from tests.conftest import FAST_HASHERS

SLUG = "fjordby-maturity"


def _without_the_rest(monkeypatch):
    """Load only what the surveys need: units, people (the staff come with the ideas and
    the line managers with the benefits) and the surveys."""
    monkeypatch.setattr(gates, "load_gates", lambda *a, **k: None)
    monkeypatch.setattr(reports, "load_status_reports", lambda *a, **k: None)
    monkeypatch.setattr(registers, "load_registers", lambda *a, **k: None)
    monkeypatch.setattr(demo_objectives, "load_objectives", lambda *a, **k: {})
    monkeypatch.setattr(demo_benefits, "load_benefits", lambda *a, **k: [])
    monkeypatch.setattr(demo_risks, "load_risks", lambda *a, **k: [])


@pytest.fixture(scope="module")
def _demo_ids(django_db_setup, django_db_blocker):
    """Fjordby (under another short name) and the peers, loaded once for this module inside
    a transaction rolled back at its end."""
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as monkeypatch,
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        _without_the_rest(monkeypatch)
        monkeypatch.setitem(NAMES, SLUG, NAMES["fjordby"])
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org, created = load_organisation({**ORGS[0], "slug": SLUG}, password="x")
            assert created
            peers = demo_maturity.load_peers()
            assert all(made for _org, made in peers)
            yield {"fjordby": org.pk, "peers": [p.pk for p, _made in peers]}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def fjordby_demo(_demo_ids, db):
    org = Organisation.objects.get(pk=_demo_ids["fjordby"])
    with tenant_scope(org):
        yield org


def _campaigns(org) -> list[Campaign]:
    return list(Campaign.objects.filter(organisation=org).order_by("number"))


def _means(campaign: Campaign) -> dict[str, float]:
    return {key: stats["mean"] for key, stats in campaign.summary["whole"]["dimensions"].items()}


def test_fjordby_surveyed_its_maturity_twice_a_year_apart_and_is_surveying_now(fjordby_demo):
    first, second, current = _campaigns(fjordby_demo)
    assert [c.reference for c in (first, second, current)] == ["MAT-0001", "MAT-0002", "MAT-0003"]
    assert (first.title, second.title) == ("Digital modenhet 2024", "Digital modenhet 2025")
    assert first.status == second.status == Campaign.Status.CLOSED
    assert first.closes_on == dt.date(2024, 11, 1) and second.closes_on == dt.date(2025, 10, 31)
    assert 350 <= (second.closes_on - first.closes_on).days <= 380
    for campaign in (first, second):
        local = {
            name: timezone.localtime(getattr(campaign, name)).date()
            for name in ("created_at", "opened_at", "closed_at")
        }
        assert local["created_at"] < campaign.opens_on == local["opened_at"]
        assert campaign.closes_on < local["closed_at"] <= campaign.closes_on + dt.timedelta(7)
        history = list(
            campaign.history.order_by("history_id").values_list("history_type", "history_date")
        )
        assert [kind for kind, _at in history] == ["+", "~", "~"]
        assert [at for _kind, at in history] == [
            campaign.created_at,
            campaign.opened_at,
            campaign.closed_at,
        ]
        # The history's values are the campaign's own dates, not the day the demo loaded.
        recorded = campaign.history.values_list("opens_on", "closes_on", "created_at")
        assert set(recorded) == {(campaign.opens_on, campaign.closes_on, campaign.created_at)}
        assert set(campaign.history.exclude(opened_at=None).values_list("opened_at", flat=True)) \
            == {campaign.opened_at}
        assert campaign.opens_on < campaign.reminded_on < campaign.closes_on
        # 40-80 respondents of about a hundred invited, reminded once; results and
        # recommendations computed at closing.
        invitations = Invitation.objects.filter(campaign=campaign)
        answered = invitations.filter(completed=True).count()
        assert 40 <= answered <= 80 and invitations.count() >= 100
        assert invitations.filter(completed=False, reminders=1).exists()
        assert Response.objects.filter(campaign=campaign, submitted=True).count() == answered
        assert not Response.objects.filter(campaign=campaign, submitted=False).exists()
        assert campaign.summary["whole"]["respondents"] == answered
        assert Recommendation.objects.filter(campaign=campaign).count() == 3
    assert first.summary["whole"]["respondents"] < second.summary["whole"]["respondents"]
    # The open survey: some have answered, a few saved without sending; the employee
    # persona is invited and has not answered yet (her page lists the survey).
    assert current.status == Campaign.Status.OPEN and current.closed_at is None
    assert current.reminded_on is None
    assert set(current.history.values_list("opens_on", "closes_on")) == {
        (current.opens_on, current.closes_on)}
    today = timezone.localdate()
    assert current.opens_on < today <= current.closes_on
    assert current.title == f"Digital modenhet {current.opens_on.year}"
    invitations = Invitation.objects.filter(campaign=current)
    assert 0 < invitations.filter(completed=True).count() < invitations.count() / 2
    assert Response.objects.filter(campaign=current, submitted=False).count() == 3
    persona = Membership.objects.get(
        organisation=fjordby_demo, user__email=f"employee@{SLUG}.example"
    )
    assert invitations.get(user=persona.user).completed is False


def test_benefits_and_data_improved_while_green_it_stayed_where_it_was(fjordby_demo):
    first, second, _current = _campaigns(fjordby_demo)
    before, after = _means(first), _means(second)
    assert after["benefits"] - before["benefits"] >= 10
    assert after["data"] - before["data"] >= 10
    assert abs(after["green"] - before["green"]) <= 3
    assert all(after[d] >= before[d] - 3 for d in md.DIMENSIONS)
    overall = [c.summary["whole"]["overall"]["mean"] for c in (first, second)]
    assert overall[0] < overall[1]
    # Recomputing the results from the stored answers gives what closing stored.
    for campaign in (first, second):
        recomputed = campaign_services.compute_summary(campaign)
        assert recomputed["whole"] == campaign.summary["whole"]


def test_small_units_were_merged_into_groups_of_at_least_five(fjordby_demo):
    first, second, _current = _campaigns(fjordby_demo)
    names = dict(Unit.objects.filter(organisation=fjordby_demo).values_list("pk", "name"))
    for campaign in (first, second):
        groups = campaign.summary["groups"]
        assert len(groups) >= 6
        assert all(g["respondents"] >= calc.MIN_GROUP for g in groups)
        stored: dict[int | None, int] = {}
        for unit_id in Response.objects.filter(campaign=campaign).values_list("unit_id", flat=True):
            stored[unit_id] = stored.get(unit_id, 0) + 1
        assert all(n >= calc.MIN_GROUP for n in stored.values())
        assert {g["unit"]: g["respondents"] for g in groups} == stored
        # People of NAV answered, but NAV is too small: they count in Helse og velferd,
        # where nobody was invited directly.
        invited = set(
            Invitation.objects.filter(campaign=campaign, completed=True).values_list(
                "unit__name", flat=True
            )
        )
        shown = {names[u] for u in stored}
        assert "NAV Fjordby – sosialtjenester" in invited - shown
        assert "Helse og velferd" in shown - invited


def test_at_least_five_peers_of_the_same_kind_and_size_have_a_closed_survey(
    fjordby_demo, _demo_ids
):
    second = _campaigns(fjordby_demo)[1]
    key = second.model_version.model.key
    with unscoped():
        peers = Organisation.objects.filter(
            pk__in=_demo_ids["peers"],
            kind=fjordby_demo.kind,
            size__gte=fjordby_demo.size / 2,
            size__lte=fjordby_demo.size * 2,
        )
        latest = []
        for peer in peers:
            campaign = (
                Campaign.objects.filter(
                    organisation=peer, status="closed", model_version__model__key=key
                )
                .order_by("-closes_on")
                .first()
            )
            if campaign is not None:
                latest.append(campaign)
        assert len(latest) >= 5 and len(latest) == len(md.PEERS)
        for campaign in latest:
            assert campaign.closes_on.year == 2025 and campaign.closed_at
            assert campaign.summary["whole"]["respondents"] >= calc.MIN_GROUP
            assert campaign.summary["whole"]["shown"]
            assert campaign.model_version_id == second.model_version_id
            # Nobody can sign in to a peer.
            assert not any(
                m.user.has_usable_password()
                for m in Membership.objects.filter(
                    organisation=campaign.organisation
                ).select_related("user")
            )
    # Fjordby's 2025 results stand out from the peers' median in data.
    peer_data = sorted(c.summary["whole"]["dimensions"]["data"]["mean"] for c in latest)
    assert _means(second)["data"] > peer_data[len(peer_data) // 2]


def test_loading_again_changes_nothing(fjordby_demo, _demo_ids):
    before = [(c.reference, c.status, c.summary, c.version) for c in _campaigns(fjordby_demo)]
    assert demo_maturity.load_maturity(fjordby_demo, {}) == []
    with unscoped():
        count = Campaign.objects.count()
        again = demo_maturity.load_peers()
        assert [org.pk for org, made in again if not made] == _demo_ids["peers"]
        assert Campaign.objects.count() == count
    assert [
        (c.reference, c.status, c.summary, c.version) for c in _campaigns(fjordby_demo)
    ] == before


def test_a_peer_loads_the_same_every_time_without_sending_email(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    name, _slug, *rest = md.PEERS[0]
    monkeypatch.setattr(md, "PEERS", [(name, "demo-test-peer", *rest)])
    mail.outbox = []
    summaries = []
    for _ in range(2):
        with transaction.atomic(), django_capture_on_commit_callbacks(execute=True):
            org, created = demo_maturity.load_peer(0)
            assert created
            with tenant_scope(org):
                summaries.append(Campaign.objects.get(organisation=org).summary["whole"])
            transaction.set_rollback(True)
    assert summaries[0] == summaries[1] and summaries[0]["respondents"] == rest[1]
    assert mail.outbox == []
    # The invitation emails work again once the demo is loaded.
    assert campaign_services.send_invitations is notifications.send_invitations


def test_fjordbys_2025_results_have_a_benchmark(fjordby_demo):
    selectors = pytest.importorskip("gevinst.maturity.selectors.benchmark")
    second = _campaigns(fjordby_demo)[1]
    found = selectors.benchmark(second, fjordby_demo)
    assert found is not None and found.peers >= len(md.PEERS)
    rows = {row.key: row for row in found.dimensions}
    assert rows["data"].position == selectors.ABOVE
    assert all(row.median is not None for row in rows.values())


def test_loaddemo_names_the_peer_municipalities(_demo_ids, db, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from gevinst.core.management.commands import loaddemo

    with unscoped():
        fjordby = Organisation.objects.get(pk=_demo_ids["fjordby"])
        peers = list(Organisation.objects.filter(pk__in=_demo_ids["peers"]).order_by("pk"))
    monkeypatch.setattr(loaddemo, "load_demo",
                        lambda: ([(fjordby, False)], [(p, p == peers[0]) for p in peers]))
    out = StringIO()
    call_command("loaddemo", stdout=out)
    text = out.getvalue()
    assert f"{len(peers)} peer municipalities for Fjordby's maturity benchmark (1 loaded now" \
        in text
    assert all(p.name in text for p in peers) and "Password for all demo people" in text
