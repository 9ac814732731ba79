"""The benefits overview: filters, sort, pages, totals (each benefit once, withdrawn out),
a fixed number of queries."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit
from gevinst.benefits.selectors import register as selectors
from gevinst.benefits.services.benefits import (
    do_change_benefit_status,
    do_create_benefit,
    do_link_initiative,
)
from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative, Programme
from tests.conftest import person

LIST = "/o/fjordby/benefits/"
NBSP = "\u00a0"


def _refs(response) -> list[str]:
    """The references in the overview's table, in order."""
    body = response.content.decode()
    table = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
    return re.findall(r">(BEN-\d{4})</a>", table.group(1)) if table else []


def _cash_benefit(org, **extra):
    """BEN-0002: cash-releasing, contract difference 200 000 a year, no owner, realised by
    the top unit, linked to nothing."""
    with tenant_scope(org):
        top = Unit.objects.get(organisation=org, parent__isnull=True)
        return do_create_benefit(
            actor=person("contributor"), organisation=org, title="Lavere lisenskostnad",
            category="cash_releasing", cashability="cash", valuation_method="contract",
            contract_cost_before=Decimal("500000"), contract_cost_after=Decimal("300000"),
            realising_units=[top], **extra)


def _programme(org):
    return Programme.objects.get(organisation=org, number=1)


def test_overview_lists_benefits_with_their_follow_up_in_words(client_as, org):
    response = client_as("viewer").get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert _refs(response) == ["BEN-0001"]
    assert "Spart tid i saksbehandling" in page
    # Health is told in text, not only by colour; the owner and receiving unit are shown.
    assert 'data-health="not_measured">Not measured when due<' in page
    assert "Viewer Fjordby" in page and "Helse og velferd" in page
    assert "30 %" in page  # Q1: (190 − 100) ÷ (400 − 100)


def test_totals_count_a_shared_benefit_once(client_as, org):
    # BEN-0001 is shared by INI-0001 (60 %) and INI-0002 (40 %): 1000 h × 750 = 750 000.
    page = client_as("viewer").get(LIST).content.decode()
    totals = re.search(r'<section class="gv-benefit-totals".*?</section>', page, re.S).group(0)
    assert f"750{NBSP}000{NBSP}NOK" in totals
    assert f"1{NBSP}500{NBSP}000" not in totals
    with tenant_scope(org):
        # Even a queryset that repeats the benefit once per link counts it once.
        joined = Benefit.objects.filter(organisation=org, links__isnull=False)
        assert joined.count() == 2
        sums = selectors.totals(joined)
        assert sums["non_cash"] == Decimal("750000.00")
        assert sums["non_cash_count"] == 1
        assert sums["non_cash_hours"] == Decimal("1000.0")


def test_totals_keep_cash_apart_and_leave_withdrawn_benefits_out(client_as, org):
    cash = _cash_benefit(org)
    with tenant_scope(org):
        sums = selectors.totals(Benefit.objects.filter(organisation=org))
        assert (sums["cash"], sums["cash_count"]) == (Decimal("200000.00"), 1)
        assert (sums["non_cash"], sums["non_cash_count"]) == (Decimal("750000.00"), 1)
        do_change_benefit_status(actor=person("pmo"), benefit=cash, status="withdrawn",
                                 comment="Lisensen ble ikke sagt opp.")
        sums = selectors.totals([cash.pk])
        assert (sums["cash"], sums["cash_count"], sums["withdrawn_count"]) == (0, 0, 1)
    page = client_as("viewer").get(LIST).content.decode()
    assert "1 withdrawn benefit is not counted." in page
    assert f"200{NBSP}000{NBSP}NOK" not in page


@pytest.mark.parametrize("query, expected", [
    ("category=cash_releasing", ["BEN-0002"]),
    ("category=capacity_freed", ["BEN-0001"]),
    ("status=identified", ["BEN-0002"]),
    ("status=in_realisation", ["BEN-0001"]),
    ("health=not_measured", ["BEN-0001"]),
    ("health=no_data", ["BEN-0002"]),
    ("q=lisens", ["BEN-0002"]),
    ("q=ben-0001", ["BEN-0001"]),
    ("q=nothing-like-this", []),
    ("owner=me", ["BEN-0001"]),
])
def test_each_filter_narrows_the_overview(client_as, org, query, expected):
    _cash_benefit(org)
    assert _refs(client_as("viewer").get(f"{LIST}?{query}")) == expected


def test_unit_filter_matches_the_receiving_or_a_realising_unit(client_as, org):
    _cash_benefit(org)
    with tenant_scope(org):
        top = Unit.objects.get(organisation=org, parent__isnull=True)
        care = Unit.objects.get(organisation=org, name="Helse og velferd")
    client = client_as("viewer")
    assert _refs(client.get(f"{LIST}?unit={care.pk}")) == ["BEN-0001"]  # receiving
    assert _refs(client.get(f"{LIST}?unit={top.pk}")) == ["BEN-0002"]  # realising


def test_owner_filter_by_person(client_as, org):
    _cash_benefit(org)
    client = client_as("pmo")
    assert _refs(client.get(f"{LIST}?owner={person('viewer').pk}")) == ["BEN-0001"]
    assert _refs(client.get(f"{LIST}?owner=me")) == []  # the PMO owns nothing


def test_programme_filter_goes_through_linked_initiatives_without_repeating(client_as, org):
    cash = _cash_benefit(org)
    with tenant_scope(org):
        programme = _programme(org)
        # Both of BEN-0001's initiatives in the programme: still one row, one total.
        Initiative.objects.filter(organisation=org, number=2).update(programme=programme)
    client = client_as("viewer")
    response = client.get(f"{LIST}?programme={programme.pk}")
    assert _refs(response) == ["BEN-0001"]
    assert "1 benefit<" in response.content.decode()
    totals = re.search(r'<section class="gv-benefit-totals".*?</section>',
                       response.content.decode(), re.S).group(0)
    assert f"750{NBSP}000{NBSP}NOK" in totals
    with tenant_scope(org):
        do_link_initiative(actor=person("contributor"), benefit=cash,
                           initiative=Initiative.objects.get(organisation=org, number=1),
                           attribution=100)
    assert _refs(client.get(f"{LIST}?programme={programme.pk}")) == ["BEN-0002", "BEN-0001"]


def test_objective_filter(client_as, org):
    _cash_benefit(org)
    with tenant_scope(org):
        objective = Objective.objects.get(organisation=org, number=1)
    assert _refs(client_as("viewer").get(f"{LIST}?objective={objective.pk}")) == ["BEN-0001"]


def test_invalid_filter_values_are_ignored(client_as, org):
    _cash_benefit(org)
    response = client_as("viewer").get(f"{LIST}?category=nonsense&unit=abc&status=zzz")
    assert response.status_code == 200
    assert _refs(response) == ["BEN-0002", "BEN-0001"]


def test_sorting_by_value_and_reference(client_as, org):
    _cash_benefit(org)
    client = client_as("viewer")
    assert _refs(client.get(f"{LIST}?sort=value")) == ["BEN-0002", "BEN-0001"]
    assert _refs(client.get(f"{LIST}?sort=-value")) == ["BEN-0001", "BEN-0002"]
    assert _refs(client.get(f"{LIST}?sort=reference")) == ["BEN-0001", "BEN-0002"]
    assert _refs(client.get(f"{LIST}?sort=health")) == ["BEN-0001", "BEN-0002"]
    page = client.get(f"{LIST}?sort=value").content.decode()
    assert 'aria-sort="ascending"' in page


def _many(org, n):
    with tenant_scope(org):
        care = Unit.objects.get(organisation=org, name="Helse og velferd")
        objective = Objective.objects.get(organisation=org, number=1)
        ini = Initiative.objects.get(organisation=org, number=2)
        for i in range(n):
            do_create_benefit(actor=None, organisation=org, title=f"Gevinst {i}",
                              owner=person("viewer"), owner_unit=care,
                              realising_units=[care], objectives=[objective],
                              initiative=ini, attribution=1)


def test_overview_pages_50_at_a_time(client_as, org, settings):
    _many(org, 55)
    client = client_as("viewer")
    first = client.get(LIST)
    assert len(_refs(first)) == 50
    assert "Page 1 of 2" in first.content.decode()
    assert len(_refs(client.get(f"{LIST}?page=2"))) == 6


def test_overview_costs_a_fixed_number_of_queries(client_as, org,
                                                   django_assert_max_num_queries):
    client = client_as("viewer")
    # The first view computes the totals and caches them (a few cache queries: the
    # database cache); a view of the same filters before any change reads them.
    with django_assert_max_num_queries(20) as few:
        client.get(f"{LIST}?sort=owner")
    with django_assert_max_num_queries(len(few.captured_queries) - 3):
        client.get(f"{LIST}?sort=owner")
    _many(org, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{LIST}?sort=owner&programme=1&unit=1")
    assert response.status_code == 200
