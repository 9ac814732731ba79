"""Reviews and actions that are due: open risks whose review date has passed and overdue
actions, with their owners; "only mine" narrows the lists."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gevinst.risks.models import Risk, RiskAction
from gevinst.risks.selectors import risks_due

URL = "/o/fjordby/risks/due/"


def _make_due(org):
    today = timezone.localdate()
    Risk.objects.filter(organisation=org, reference="RSK-0001").update(
        next_review=today - dt.timedelta(days=3))
    Risk.objects.filter(organisation=org, reference="RSK-0002").update(
        next_review=today + dt.timedelta(days=3))
    RiskAction.objects.filter(organisation=org).update(due_date=today - dt.timedelta(days=1))


def test_due_lists_passed_reviews_and_overdue_actions_with_owners(client_as, org, scoped):
    _make_due(org)
    page = client_as("viewer").get(URL).content.decode()
    assert "1 review date has passed" in page and "1 action is overdue" in page
    reviews = page[page.index('id="reviews-heading"'):page.index('id="actions-heading"')]
    assert "RSK-0001" in reviews and "RSK-0002" not in reviews
    assert "Contributor Fjordby" in reviews
    actions = page[page.index('id="actions-heading"'):]
    assert "Forhandle exit-klausul og dataeksport" in actions
    assert "Contributor Fjordby" in actions


def test_nothing_due(client_as, org, scoped):
    future = timezone.localdate() + dt.timedelta(days=10)
    Risk.objects.filter(organisation=org).update(next_review=future)
    RiskAction.objects.filter(organisation=org).update(due_date=future)
    page = client_as("viewer").get(URL).content.decode()
    assert "No review is overdue." in page and "No action is overdue." in page


def test_done_actions_and_closed_risks_are_not_due(org, scoped):
    _make_due(org)
    today = timezone.localdate()
    RiskAction.objects.filter(organisation=org).update(status="done")
    assert risks_due(org, today).action_count == 0
    Risk.objects.filter(organisation=org, reference="RSK-0001").update(status="closed")
    assert risks_due(org, today).review_count == 0


def test_only_mine(client_as, org, scoped):
    _make_due(org)
    page = client_as("pmo").get(f"{URL}?owner=me").content.decode()
    assert "No review is overdue." in page  # RSK-0001 is the contributor's
    page = client_as("contributor").get(f"{URL}?owner=me").content.decode()
    assert "RSK-0001" in page


def test_due_page_costs_a_fixed_number_of_queries(client_as, org, scoped,
                                                  django_assert_max_num_queries):
    _make_due(org)
    client = client_as("viewer")
    client.get(URL)
    with django_assert_max_num_queries(10):
        client.get(URL)
