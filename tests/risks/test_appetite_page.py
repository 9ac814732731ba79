"""The risk appetite page: every category with its threshold (the default shown as such)
and the open risks above it; the administrator changes it and every risk is flagged again;
everyone else reads."""

from __future__ import annotations

import re

from gevinst.core.scoping import tenant_scope
from gevinst.risks.models import Risk, RiskAppetite

URL = "/o/fjordby/risks/appetite/"


def _row(page: str, label: str) -> str:
    return re.search(rf"<th scope=\"row\">{re.escape(label)}</th>.*?</tr>", page, re.S).group(0)


def test_every_category_with_default_and_counts(client_as, org):
    page = client_as("viewer").get(URL).content.decode()
    assert page.count('<th scope="row">') == 10
    people = _row(page, "People and competence")
    assert "12" in people and "(default)" in people
    assert "category=people&amp;appetite=above&amp;status=open" in people  # RSK-0002
    assert "1 open risk is above appetite, 1 of them without a decision." in page
    assert "named decision" in page  # explains what it means


def test_only_administrators_get_the_form(client_as, org):
    assert "Change the risk appetite" in client_as("admin").get(URL).content.decode()
    page = client_as("pmo").get(URL).content.decode()
    assert "Change the risk appetite" not in page
    assert "Only an administrator changes the risk appetite." in page
    assert client_as("pmo").post(URL, {"people": "25"}).status_code == 403


def test_admin_changes_appetite_and_flags_follow(client_as, org):
    client = client_as("admin")
    response = client.post(URL, {"people": "20", "supplier": "8"})
    assert response.status_code == 302
    with tenant_scope(org):
        assert dict(RiskAppetite.objects.filter(organisation=org)
                    .values_list("category", "threshold")) == {"people": 20, "supplier": 8}
        assert not Risk.objects.get(organisation=org, reference="RSK-0002").above_appetite
        assert Risk.objects.get(organisation=org, reference="RSK-0001").above_appetite
    page = client.get(URL).content.decode()
    supplier = _row(page, "Supplier and market")
    assert "8" in supplier and "(default)" not in supplier
    # Emptying a field returns the category to the default.
    client.post(URL, {"people": "20", "supplier": ""})
    with tenant_scope(org):
        assert not Risk.objects.get(organisation=org, reference="RSK-0001").above_appetite


def test_out_of_range_threshold_is_refused_on_its_field(client_as, org):
    response = client_as("admin").post(URL, {"people": "30"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_people"' in page and "from 1 to 25" in page
    assert 'value="30"' in page
    with tenant_scope(org):
        assert not RiskAppetite.objects.filter(organisation=org).exists()


def test_appetite_page_costs_a_fixed_number_of_queries(client_as, org,
                                                       django_assert_max_num_queries):
    client = client_as("admin")
    client.get(URL)
    with django_assert_max_num_queries(10):
        client.get(URL)
