"""My benefits: what a line manager owns, what is due and how it goes."""

from __future__ import annotations

import datetime as dt
import re

from gevinst.benefits.models import Benefit
from gevinst.benefits.selectors.register import my_benefits
from gevinst.benefits.services.benefits import do_create_benefit
from gevinst.benefits.services.measures import do_create_measure, do_set_plan
from gevinst.core.scoping import tenant_scope
from tests.conftest import person

MINE = "/o/fjordby/my-benefits/"


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section class="gv-section" aria-labelledby="mine-{key}">(.*?)</section>',
                      page, re.S)
    return match.group(1) if match else ""


def test_viewer_who_owns_a_benefit_sees_it_as_due_with_overdue_periods(client_as, org):
    response = client_as("viewer").get(MINE)
    assert response.status_code == 200
    page = response.content.decode()
    due = _section(page, "due")
    # BEN-0001: Q1 2026 measured; Q2 (due 30 July) and Q3 (due 30 October) are overdue on
    # 23 November 2026, whatever day the test runs the periods since are overdue too.
    assert "BEN-0001" in due
    assert "Spart tid" in due
    assert re.search(r"<strong>\d+ periods</strong>", due)
    assert "BEN-0001" not in _section(page, "others")


def test_sections_follow_the_state_of_each_benefit(org):
    today = dt.date(2026, 11, 23)
    with tenant_scope(org):
        viewer = person("viewer")
        # Identified, no measures: neither due nor slipping.
        quiet = do_create_benefit(actor=None, organisation=org, title="Stille", owner=viewer)
        # Someone else's benefit is not on the viewer's page.
        do_create_benefit(actor=None, organisation=org, title="Andres", owner=person("pmo"))
        mine = my_benefits(org, viewer, today=today)
    assert [i.benefit.reference for i in mine.due] == ["BEN-0001"]
    assert [i.benefit.reference for i in mine.others] == [quiet.reference]
    assert mine.slipping == []
    line = mine.due[0].measures[0]
    assert line.overdue == [dt.date(2026, 4, 1), dt.date(2026, 7, 1)]
    assert line.next_due == dt.date(2026, 7, 30)
    assert line.last_measured == dt.date(2026, 1, 1)


def test_a_benefit_behind_plan_and_not_yet_due_is_slipping(org):
    today = dt.date(2026, 5, 15)
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, reference="BEN-0001")
        Benefit.objects.filter(pk=benefit.pk).update(health="behind")
        mine = my_benefits(org, person("viewer"), today=today)
    # On 15 May 2026 the Q2 measurement (due 30 July) is more than 30 days away.
    assert [i.benefit.reference for i in mine.slipping] == ["BEN-0001"]
    assert mine.due == []


def test_someone_who_owns_nothing_is_told_so(client_as, org):
    page = client_as("pmo").get(MINE).content.decode()
    assert "You do not own any benefits yet." in page


def test_my_benefits_costs_a_fixed_number_of_queries(client_as, org,
                                                      django_assert_max_num_queries):
    client = client_as("viewer")
    with django_assert_max_num_queries(12) as few:
        assert client.get(MINE).status_code == 200
    with tenant_scope(org):
        for i in range(8):
            benefit = do_create_benefit(actor=None, organisation=org, title=f"Gevinst {i}",
                                        owner=person("viewer"))
            measure = do_create_measure(actor=None, benefit=benefit, name="Antall",
                                        unit="stk", frequency="monthly")
            do_set_plan(actor=None, measure=measure,
                        values={dt.date(2026, m, 1): m for m in range(1, 7)})
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(MINE).content.decode()
    assert page.count('class="gv-mine__item"') == 9


def test_employees_have_no_my_benefits_page(client_as, org):
    assert client_as("employee").get(MINE).status_code == 403
