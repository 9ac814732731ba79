"""The benefits of an initiative and of a programme: attributed values, each benefit once."""

from __future__ import annotations

import re
from decimal import Decimal

from gevinst.benefits.models import Benefit
from gevinst.benefits.selectors.register import programme_benefits, share_totals
from gevinst.benefits.services.benefits import do_change_benefit_status, do_create_benefit
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, Programme
from tests.conftest import person

TAB = "/o/fjordby/initiatives/INI-0001/benefits/"
PRG = "/o/fjordby/programmes/PRG-0001/"
NBSP = "\u00a0"


def _totals(page: str) -> str:
    return re.search(r'<section class="gv-benefit-totals".*?</section>', page, re.S).group(0)


def test_initiative_tab_shows_its_share_and_attributed_value(client_as, org):
    response = client_as("viewer").get(TAB)
    assert response.status_code == 200
    page = response.content.decode()
    assert "BEN-0001" in page and "60 %" in page
    # 60 % of 750 000 = 450 000, in the capacity freed (non-cash) total.
    assert f"450{NBSP}000" in _totals(page)
    assert f"750{NBSP}000{NBSP}NOK" not in _totals(page)
    assert 'aria-current="page">Benefits<' in page
    other = client_as("viewer").get("/o/fjordby/initiatives/INI-0002/benefits/")
    assert f"300{NBSP}000" in _totals(other.content.decode())


def test_initiative_tab_links_to_adding_a_benefit_for_writers(client_as, org):
    link = "/o/fjordby/benefits/new/?initiative=INI-0001"
    assert link in client_as("contributor").get(TAB).content.decode()
    assert link not in client_as("viewer").get(TAB).content.decode()


def test_initiative_tab_leaves_withdrawn_benefits_out_of_totals(client_as, org):
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, reference="BEN-0001")
        do_change_benefit_status(actor=person("pmo"), benefit=benefit, status="withdrawn",
                                 comment="Avsluttet")
    page = client_as("viewer").get(TAB).content.decode()
    assert "not counted" in page
    assert f"450{NBSP}000{NBSP}NOK" not in _totals(page)


def test_programme_counts_a_shared_benefit_once_at_the_sum_of_its_shares(client_as, org):
    with tenant_scope(org):
        programme = Programme.objects.get(organisation=org, number=1)
        # Only INI-0001 (60 %) is in the programme: the programme carries 60 %.
        rows = programme_benefits(programme)
        assert [(r.benefit.reference, r.attribution) for r in rows] == [("BEN-0001", 60)]
        # Put INI-0002 (40 %) in too: BEN-0001 once, at 60 + 40 = 100 %.
        Initiative.objects.filter(organisation=org, number=2).update(programme=programme)
        rows = programme_benefits(programme)
        assert len(rows) == 1
        assert rows[0].attribution == Decimal("100")
        assert rows[0].value == Decimal("750000.00")
        assert share_totals(rows)["non_cash"] == Decimal("750000.00")
        assert share_totals(rows)["non_cash_count"] == 1
    page = client_as("viewer").get(PRG).content.decode()
    totals = _totals(page)
    assert f"750{NBSP}000{NBSP}NOK" in totals
    assert f"1{NBSP}500{NBSP}000" not in totals
    assert "INI-0001 (60 %), INI-0002 (40 %)" in page


def test_programme_share_is_capped_at_100_percent(org):
    from gevinst.benefits.models import BenefitInitiative

    with tenant_scope(org):
        programme = Programme.objects.get(organisation=org, number=1)
        Initiative.objects.filter(organisation=org, number=2).update(programme=programme)
        # Stored shares that pass 100 % (only possible by going around the service).
        BenefitInitiative.objects.filter(organisation=org, initiative__number=2).update(
            attribution=Decimal("70"))
        rows = programme_benefits(programme)
    assert rows[0].attribution == Decimal("100")


def test_programme_totals_keep_cash_apart(client_as, org):
    with tenant_scope(org):
        ini = Initiative.objects.get(organisation=org, number=1)
        do_create_benefit(actor=None, organisation=org, title="Billigere avtale",
                          cashability="cash", category="cash_releasing",
                          valuation_method="contract", contract_cost_before=Decimal("100000"),
                          contract_cost_after=Decimal("40000"), initiative=ini,
                          attribution=50)
        rows = programme_benefits(Programme.objects.get(organisation=org, number=1))
        totals = share_totals(rows)
    assert totals["cash"] == Decimal("30000.00") and totals["cash_count"] == 1
    assert totals["non_cash"] == Decimal("450000.00")


def test_rollup_pages_cost_a_fixed_number_of_queries(client_as, org,
                                                     django_assert_max_num_queries):
    client = client_as("viewer")
    with django_assert_max_num_queries(14) as few:
        assert client.get(TAB).status_code == 200
    with tenant_scope(org):
        ini = Initiative.objects.get(organisation=org, number=1)
        for i in range(10):
            do_create_benefit(actor=None, organisation=org, title=f"Gevinst {i}",
                              owner=person("viewer"), initiative=ini, attribution=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(TAB).content.decode().count("/o/fjordby/benefits/BEN-") >= 11
    with django_assert_max_num_queries(18):
        assert client.get(PRG).status_code == 200
