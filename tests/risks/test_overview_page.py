"""The organisation's risk overview: columns, appetite flags, filters, sort, pages and a
fixed number of queries however many risks there are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gevinst.risks.models import Risk
from gevinst.risks.services import do_accept_risk
from tests.risks.helpers import bulk_risks

URL = "/o/fjordby/risks/"


def _refs(page: str) -> list[str]:
    import re

    return re.findall(r'href="/o/fjordby/risks/(RSK-\d+)/"', page)


def test_overview_shows_the_columns_and_flags(client_as, org):
    page = client_as("viewer").get(URL).content.decode()
    for label in ("Reference", "Type", "Title", "Level", "Initiative or programme",
                  "Category", "Owner", "Score before action", "Score after action",
                  "Strategy", "Status", "Next review", "Risk appetite"):
        assert f">{label}<" in page, label
    assert "Innlåsing hos leverandør" in page
    assert 'href="/o/fjordby/initiatives/INI-0001/">INI-0001</a>' in page
    assert "Above appetite" in page  # RSK-0002, 20 > 12
    # Highest score after action first by default.
    assert _refs(page)[:2] == ["RSK-0002", "RSK-0001"]


def test_accepted_risk_shows_who_accepted_it_and_when(client_as, org, people, scoped):
    risk = Risk.objects.get(organisation=org, reference="RSK-0002")
    do_accept_risk(actor=people["pmo"], risk=risk, decision="Vi tar sjansen.")
    page = client_as("viewer").get(URL).content.decode()
    when = timezone.localtime(Risk.objects.get(pk=risk.pk).accepted_at).date()
    assert "Accepted above appetite" in page
    assert f"by Pmo Fjordby on {when.strftime('%m/%d/%Y')}" in page


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=risk", ["RSK-0002", "RSK-0001"]),
    ("kind=opportunity", []),
    ("level=organisation", ["RSK-0002"]),
    ("category=supplier", ["RSK-0001"]),
    ("appetite=above", ["RSK-0002"]),
    ("appetite=needs_decision", ["RSK-0002"]),
    ("appetite=accepted", []),
    ("initiative=INI-0001", ["RSK-0001"]),
    ("initiative=ini-0002", []),
    ("programme=PRG-0001", ["RSK-0001"]),
    ("q=leverandør", ["RSK-0001"]),
    ("status=closed", []),
    ("probability=4&impact=5&basis=inherent", ["RSK-0002"]),
    ("probability=4&impact=4&basis=inherent", ["RSK-0001"]),
    ("probability=4&impact=4", []),  # after action RSK-0001 is 3×3
    ("category=nonsense", ["RSK-0002", "RSK-0001"]),  # an invalid filter hides nothing
])
def test_filters(client_as, org, query, expected):
    page = client_as("viewer").get(f"{URL}?{query}").content.decode()
    assert _refs(page) == expected


def test_owner_me_and_overdue_review(client_as, org, scoped):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Risk.objects.filter(organisation=org, reference="RSK-0001").update(next_review=yesterday)
    Risk.objects.filter(organisation=org, reference="RSK-0002").update(
        next_review=timezone.localdate() + dt.timedelta(days=30))
    client = client_as("contributor")  # owns RSK-0001
    assert _refs(client.get(f"{URL}?owner=me").content.decode()) == ["RSK-0001"]
    page = client.get(f"{URL}?review=overdue").content.decode()
    assert _refs(page) == ["RSK-0001"]
    assert "Overdue" in page


@pytest.mark.parametrize(("sort", "expected"), [
    ("reference", ["RSK-0001", "RSK-0002"]),
    ("-reference", ["RSK-0002", "RSK-0001"]),
    ("residual", ["RSK-0001", "RSK-0002"]),
    ("category", ["RSK-0002", "RSK-0001"]),  # people < supplier
    ("where", ["RSK-0001", "RSK-0002"]),
])
def test_sorting(client_as, org, sort, expected):
    page = client_as("viewer").get(f"{URL}?sort={sort}").content.decode()
    assert _refs(page) == expected


def test_sort_header_tells_the_state(client_as, org):
    page = client_as("viewer").get(f"{URL}?sort=title").content.decode()
    assert 'aria-sort="ascending"' in page and "?sort=-title" in page


def test_pages_of_fifty(client_as, org, scoped):
    bulk_risks(org, 60)
    client = client_as("viewer")
    first = client.get(URL).content.decode()
    assert "62 risks and opportunities" in first and "Page 1 of 2" in first
    second = client.get(f"{URL}?page=2&sort=reference").content.decode()
    assert len(_refs(second)) == 12


def test_overview_costs_a_fixed_number_of_queries(client_as, org, scoped,
                                                  django_assert_max_num_queries):
    client = client_as("pmo")
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    bulk_risks(org, 120)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{URL}?appetite=above&sort=owner")
    assert response.status_code == 200


def test_overview_counts_once(client_as, org, scoped, django_assert_max_num_queries):
    bulk_risks(org, 30)
    client = client_as("pmo")
    client.get(URL)
    with django_assert_max_num_queries(20) as captured:
        client.get(f"{URL}?programme=PRG-0001&initiative=INI-0001")
    counts = [q["sql"] for q in captured.captured_queries
              if "COUNT(" in q["sql"].upper() and "risks_risk" in q["sql"]]
    assert len(counts) == 1


def test_excel_link_carries_the_filters(client_as, org, people):
    page = client_as("contributor").get(f"{URL}?owner=me&kind=risk&page=1").content.decode()
    assert f'href="/o/fjordby/risks/export.xlsx?owner={people["contributor"].pk}&amp;kind=risk"' \
        in page
