"""The benefit lifecycle and its rules, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gevinst.benefits.models import Benefit, BenefitInitiative
from gevinst.benefits.services.benefits import (
    do_change_benefit_status,
    do_create_benefit,
    do_link_initiative,
    do_update_benefit,
)
from gevinst.benefits.services.measures import (
    do_create_measure,
    do_record_measurement,
)
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative


@pytest.fixture
def scoped(org):
    with tenant_scope(org):
        yield org


def _initiative(org, number):
    return Initiative.objects.get(organisation=org, number=number)


def test_attribution_above_100_percent_is_refused_with_a_clear_message(scoped, people):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    # BEN-0001: INI-0001 60 % + INI-0002 40 % = 100 %; INI-0002 cannot take 41 %.
    with pytest.raises(ValidationError) as caught:
        do_link_initiative(actor=people["contributor"], benefit=benefit,
                           initiative=_initiative(scoped, 2), attribution=41)
    message = caught.value.message_dict["attribution"][0]
    assert "60 %" in message and "at most 40 %" in message
    link = BenefitInitiative.objects.get(benefit=benefit, initiative=_initiative(scoped, 2))
    assert link.attribution == Decimal("40")


def test_attribution_may_be_lowered_and_must_be_above_zero(scoped, people):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    do_link_initiative(actor=people["contributor"], benefit=benefit,
                       initiative=_initiative(scoped, 2), attribution=25)
    with pytest.raises(ValidationError):
        do_link_initiative(actor=people["contributor"], benefit=benefit,
                           initiative=_initiative(scoped, 2), attribution=0)


def test_approval_needs_an_owner_measure_baseline_and_target(scoped, people):
    benefit = do_create_benefit(actor=people["contributor"], organisation=scoped,
                                title="Færre returer", initiative=_initiative(scoped, 1),
                                attribution=100)
    with pytest.raises(ValidationError):  # no measure yet: cannot be profiled
        do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="profiled")
    measure = do_create_measure(actor=people["contributor"], benefit=benefit,
                                name="Returer", unit="stk", direction="decrease")
    do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="profiled")
    with pytest.raises(ValidationError) as caught:
        do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="approved")
    problems = " ".join(caught.value.message_dict["status"])
    assert "owner" in problems and "baseline" in problems and "target" in problems
    benefit.refresh_from_db()
    assert benefit.status == "profiled"
    # A dated plan to establish the baseline is enough, with an owner and a target.
    do_update_benefit(actor=people["contributor"], benefit=benefit,
                      data={"owner": people["viewer"],
                            "baseline_plan_date": dt.date(2027, 3, 1)},
                      expected_version=benefit.version)
    measure.target_value = Decimal("10")
    measure.save()
    do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="approved")
    assert benefit.status == "approved"


def test_lifecycle_moves_are_limited(scoped, people):
    benefit = do_create_benefit(actor=people["contributor"], organisation=scoped,
                                title="Ny gevinst")
    with pytest.raises(ValidationError):
        do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="realised")
    with pytest.raises(ValidationError):  # withdrawing needs a reason
        do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="withdrawn")
    do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="withdrawn",
                             comment="Dekkes av et annet tiltak.")
    assert benefit.status == "withdrawn"


def test_first_measurement_starts_realisation_and_updates_follow_up_state(scoped, people):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    # The world recorded Q1 2026 on an approved benefit: it is now in realisation.
    assert benefit.status == "in_realisation"
    assert benefit.last_measured == dt.date(2026, 1, 1)
    measure = benefit.measures.get()
    # Q2 planned 250 (50 %), measured 200 (33.3 %): 16.7 points behind, tolerance 10.
    do_record_measurement(actor=people["viewer"], measure=measure,
                          period=dt.date(2026, 4, 1), data={"actual": 200})
    benefit.refresh_from_db()
    measure.refresh_from_db()
    assert measure.achievement == Decimal("33.3")
    assert benefit.achievement == Decimal("33.3")
    # Q3 (due 30 Oct 2026) is overdue by now, so the worst is "behind" (Q2).
    assert benefit.health == "behind"


def test_measurements_go_on_after_the_initiative_closes(scoped, people):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    for initiative in Initiative.objects.filter(organisation=scoped):
        initiative.status = Initiative.Status.COMPLETED
        initiative.save()
    do_change_benefit_status(actor=people["viewer"], benefit=benefit, status="handed_over")
    row = do_record_measurement(actor=people["viewer"], measure=benefit.measures.get(),
                                period=dt.date(2026, 7, 1), data={"actual": 330})
    assert row.achievement == Decimal("76.7")
    benefit.refresh_from_db()
    assert benefit.handed_over_on is not None and benefit.last_measured == dt.date(2026, 7, 1)


def test_derived_values_follow_the_valuation(scoped, people):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    # 12 min × 5 000 cases / 60 = 1 000 h × the loaded hourly cost.
    assert benefit.annual_hours == Decimal("1000.0")
    assert benefit.annual_value == (1000 * scoped.loaded_hourly_cost).quantize(Decimal("0.01"))
    years = {row.year: row for row in benefit.years.all()}
    assert years[2026].planned_value == (benefit.annual_value / 2).quantize(Decimal("0.01"))
    # 2026's last measurement (Q1: 190 → 30 %) gives the realised value so far.
    assert years[2026].realised_value == (benefit.annual_value * Decimal("0.3")).quantize(
        Decimal("0.01"))
    assert years[2027].realised_value is None


def test_a_new_hourly_cost_revalues_time_saved(org, people, django_capture_on_commit_callbacks):
    from gevinst.core.services import do_update_organisation

    with django_capture_on_commit_callbacks(execute=True):
        do_update_organisation(actor=people["admin"], organisation=org,
                               data={"loaded_hourly_cost": Decimal("800")},
                               expected_version=org.version)
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, reference="BEN-0001")
    assert benefit.annual_value == Decimal("800000.00")  # 1 000 hours × 800


def test_the_daily_refresh_touches_only_what_the_date_changed(scoped, people):
    from gevinst.benefits.services.measures import (
        benefits_changed_by_the_date,
        refresh_organisation,
    )

    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    measure = benefit.measures.get()
    # Recorded Q2 on plan (250) on 15 July: next due is Q3's, on 30 October.
    do_record_measurement(actor=people["viewer"], measure=measure,
                          period=dt.date(2026, 4, 1), data={"actual": 260})
    refresh_organisation(scoped, today=dt.date(2026, 7, 15))
    measure.refresh_from_db()
    assert (measure.health, measure.next_due) == ("on_track", dt.date(2026, 10, 30))
    assert benefits_changed_by_the_date(scoped, dt.date(2026, 10, 30)) == []
    assert benefits_changed_by_the_date(scoped, dt.date(2026, 10, 31)) == [benefit.pk]
    refresh_organisation(scoped, today=dt.date(2026, 10, 31), full=False)
    measure.refresh_from_db()
    assert measure.health == "not_measured"
    assert benefits_changed_by_the_date(scoped, dt.date(2026, 11, 1)) == []
