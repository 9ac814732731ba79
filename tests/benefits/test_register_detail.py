"""One benefit's pages: valuation figures, value profile with NPV, lifecycle buttons and
refusals, editing with conflict detection, the value profile form, history."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import timezone

from gevinst.benefits.models import Benefit, BenefitYear
from gevinst.benefits.services.benefits import do_change_benefit_status, do_create_benefit
from gevinst.benefits.services.measures import do_create_measure
from gevinst.core.scoping import tenant_scope
from gevinst.core.templatetags.gevinst_format import format_number

BENEFIT = "/o/fjordby/benefits/BEN-0001/"
NBSP = "\u00a0"


def _errors(response):
    return dict(re.findall(r'id="id_([\w-]+)_error">([^<]*)<', response.content.decode()))


def _benefit(org, ref="BEN-0001") -> Benefit:
    with tenant_scope(org):
        return Benefit.objects.get(organisation=org, reference=ref)


def test_detail_shows_valuation_hours_fte_and_npv(client_as, org):
    page = client_as("viewer").get(BENEFIT).content.decode()
    # 12 min × 5000 cases ÷ 60 = 1000 h × 750 = 750 000 a year; 1000 ÷ 1695 = 0.59 FTE.
    assert f"750{NBSP}000{NBSP}NOK" in page
    assert f"1{NBSP}000</dd>" in page
    assert "0.59" in page
    # Profile 2026 50 % → 375 000, 2027 100 % → 750 000; realised 2026 = 30 % → 225 000.
    assert f"375{NBSP}000" in page and f"225{NBSP}000" in page
    base = timezone.localdate().year
    npv = Decimal(375000) / Decimal("1.04") ** (2026 - base) \
        + Decimal(750000) / Decimal("1.04") ** (2027 - base)
    assert format_number(npv, org) in page
    assert f"with {base} (this year) as the base year" in page
    # Linked initiatives with their attributed value.
    assert "INI-0001" in page and f"450{NBSP}000" in page and f"300{NBSP}000" in page
    # Objectives and enabling changes.
    assert "Mer tid til kjerneoppgaver" in page
    assert "<li>Digital søknad</li>" in page


def test_detail_offers_only_the_status_moves_the_person_may_make(client_as, org):
    # BEN-0001 is in realisation; the owner (a viewer) may hand it over, nothing else.
    owner_page = client_as("viewer").get(BENEFIT).content.decode()
    assert 'value="handed_over"' in owner_page
    assert 'value="withdrawn"' not in owner_page
    pmo_page = client_as("pmo").get(BENEFIT).content.decode()
    assert 'value="realised"' in pmo_page and 'value="withdrawn"' in pmo_page


def _unready_benefit(org):
    """Profiled, with a measure that has no baseline, and no owner."""
    with tenant_scope(org):
        benefit = do_create_benefit(actor=None, organisation=org, title="Uklar gevinst")
        do_create_measure(actor=None, benefit=benefit, name="Antall", unit="stk",
                          target_value=Decimal("10"))
        benefit.refresh_from_db()
        do_change_benefit_status(actor=None, benefit=benefit, status="profiled")
        benefit.refresh_from_db()
        return benefit


def test_approval_without_owner_and_baseline_is_refused_with_the_problems(client_as, org):
    benefit = _unready_benefit(org)
    path = f"/o/fjordby/benefits/{benefit.reference}/"
    page = client_as("pmo").get(path).content.decode()
    assert "Not ready for approval yet" in page
    response = client_as("pmo").post(f"{path}status/", {
        "status": "approved", "comment": "Godkjent i porteføljerådet",
        "version": benefit.version})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The status was not changed" in body
    assert "Name a benefit owner" in body
    assert "Record a baseline (value and date) for Antall" in body
    assert "Godkjent i porteføljerådet" in body  # the comment typed is kept
    assert _benefit(org, benefit.reference).status == "profiled"


def test_withdrawal_needs_a_reason(client_as, org):
    benefit = _benefit(org)
    response = client_as("pmo").post(f"{BENEFIT}status/", {
        "status": "withdrawn", "comment": "", "version": benefit.version})
    assert response.status_code == 200
    assert "Say why the benefit is withdrawn." in response.content.decode()
    assert _benefit(org).status == "in_realisation"
    response = client_as("pmo").post(f"{BENEFIT}status/", {
        "status": "withdrawn", "comment": "Tjenesten legges ned.", "version": benefit.version})
    assert response.status_code == 302
    assert _benefit(org).status == "withdrawn"


def test_owner_hands_the_benefit_over(client_as, org):
    benefit = _benefit(org)
    response = client_as("viewer").post(f"{BENEFIT}status/", {
        "status": "handed_over", "version": benefit.version})
    assert response.status_code == 302
    assert _benefit(org).status == "handed_over"


def test_a_move_the_person_may_not_make_is_forbidden(client_as, org):
    benefit = _benefit(org)
    response = client_as("viewer").post(f"{BENEFIT}status/", {
        "status": "realised", "version": benefit.version})
    assert response.status_code == 403
    assert _benefit(org).status == "in_realisation"


def test_status_change_with_an_old_version_is_refused(client_as, org):
    benefit = _benefit(org)
    response = client_as("pmo").post(f"{BENEFIT}status/", {
        "status": "handed_over", "version": benefit.version - 1})
    assert response.status_code == 200
    assert "Somebody else saved this record" in response.content.decode()
    assert _benefit(org).status == "in_realisation"


def _edit_data(benefit, **changes):
    data = {
        "title": benefit.title, "description": "", "category": benefit.category,
        "beneficiary": "", "cashability": benefit.cashability,
        "owner": benefit.owner_id or "", "owner_unit": benefit.owner_unit_id or "",
        "confidence": benefit.confidence, "optimism_adjustment": "0",
        "enabling_changes": benefit.enabling_changes, "preconditions": "",
        "baseline_plan_date": "", "baseline_plan": "",
        "valuation_method": benefit.valuation_method, "minutes_per_case": "12",
        "cases_per_year": "5000", "version": benefit.version,
    }
    data.update(changes)
    return data


def test_edit_recomputes_the_yearly_value(client_as, org):
    benefit = _benefit(org)
    response = client_as("contributor").post(f"{BENEFIT}edit/",
                                             _edit_data(benefit, cases_per_year="10000"))
    assert response.status_code == 302
    assert _benefit(org).annual_value == Decimal("1500000.00")


def test_edit_form_groups_the_valuation_and_limits_choices(client_as, org):
    page = client_as("contributor").get(f"{BENEFIT}edit/").content.decode()
    assert re.search(r'<fieldset[^>]*id="valuation".*?name="minutes_per_case"', page, re.S)
    assert "Viewer Fjordby" in page  # members may own benefits, viewers too
    assert "Åsdal" not in page


def test_edit_refuses_a_missing_valuation_input_at_the_field(client_as, org):
    benefit = _benefit(org)
    response = client_as("contributor").post(f"{BENEFIT}edit/",
                                             _edit_data(benefit, cases_per_year=""))
    assert response.status_code == 200
    assert "cases_per_year" in _errors(response)
    assert _benefit(org).cases_per_year == Decimal("5000")


def test_concurrent_edit_is_told_and_not_saved(client_as, org):
    benefit = _benefit(org)
    client = client_as("contributor")
    assert client.post(f"{BENEFIT}edit/", _edit_data(benefit, title="Første")).status_code == 302
    second = client.post(f"{BENEFIT}edit/", _edit_data(benefit, title="Andre"))
    assert second.status_code == 200
    body = second.content.decode()
    assert "Saved meanwhile by someone else" in body
    assert 'value="Andre"' in body  # what was typed is kept
    assert _benefit(org).title == "Første"


def _profile(org):
    with tenant_scope(org):
        return dict(BenefitYear.objects.filter(organisation=org, benefit__reference="BEN-0001")
                    .values_list("year", "share"))


def _profile_data(rows, total=None):
    data = {"years-TOTAL_FORMS": str(total or len(rows)), "years-INITIAL_FORMS": "0",
            "years-MIN_NUM_FORMS": "0", "years-MAX_NUM_FORMS": "60"}
    for i, (year, share) in enumerate(rows):
        data[f"years-{i}-year"] = year
        data[f"years-{i}-share"] = share
    return data


def test_value_profile_is_replaced(client_as, org):
    client = client_as("contributor")
    page = client.get(f"{BENEFIT}profile/").content.decode()
    assert 'value="2026"' in page and 'value="2027"' in page
    response = client.post(f"{BENEFIT}profile/", _profile_data(
        [("2026", "25"), ("2027", "75"), ("2028", "100"), ("", "")]))
    assert response.status_code == 302
    assert _profile(org) == {2026: Decimal("25"), 2027: Decimal("75"), 2028: Decimal("100")}


def test_value_profile_errors_are_shown_per_row_and_nothing_saved(client_as, org):
    before = _profile(org)
    response = client_as("contributor").post(f"{BENEFIT}profile/", _profile_data(
        [("2026", "50"), ("2026", "80"), ("1990", "10"), ("2029", "")]))
    assert response.status_code == 200
    errors = _errors(response)
    assert "already in row 1" in errors["years-1-year"]
    assert "2000" in errors["years-2-year"]
    assert "years-3-share" in errors
    assert "years-0-year" not in errors
    assert _profile(org) == before


def test_value_profile_rows_can_be_added_without_losing_input(client_as, org):
    data = _profile_data([("2030", "40")])
    data["add_rows"] = "1"
    response = client_as("contributor").post(f"{BENEFIT}profile/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="years-TOTAL_FORMS" value="4"' in body
    assert 'value="2030"' in body
    assert 2030 not in _profile(org)


def test_history_lists_changes(client_as, org):
    benefit = _benefit(org)
    client_as("contributor").post(f"{BENEFIT}edit/", _edit_data(benefit, title="Nytt navn"))
    page = client_as("viewer").get(f"{BENEFIT}history/").content.decode()
    assert "Nytt navn" in page and "Spart tid i saksbehandling" in page


def test_detail_costs_a_fixed_number_of_queries(client_as, org, django_assert_max_num_queries):
    client = client_as("pmo")
    with django_assert_max_num_queries(16):
        assert client.get(BENEFIT).status_code == 200
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, reference="BEN-0001")
        for i in range(5):
            do_create_measure(actor=None, benefit=benefit, name=f"Mål {i}", unit="stk")
    with django_assert_max_num_queries(16):
        assert client.get(BENEFIT).status_code == 200


def test_viewer_reads_but_does_not_edit(client_as, org):
    client = client_as("viewer")
    assert client.get(BENEFIT).status_code == 200
    assert client.get(f"{BENEFIT}history/").status_code == 200
    for path in (f"{BENEFIT}edit/", f"{BENEFIT}links/", f"{BENEFIT}profile/",
                 "/o/fjordby/benefits/new/"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"{BENEFIT}links/INI-0002/delete/").status_code == 403
    assert 'href="/o/fjordby/benefits/BEN-0001/edit/"' not in client.get(BENEFIT).content.decode()
