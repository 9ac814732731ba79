"""Dependencies between initiatives: add, remove, refusals, and late or stopped warnings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Dependency, Initiative, Phase
from gevinst.portfolio.selectors.dependencies import LATE, STOPPED, needs, warning_for
from gevinst.portfolio.services.dependencies import do_add_dependency
from gevinst.portfolio.services.initiatives import do_create_initiative
from tests.conftest import person

ONE = "/o/fjordby/initiatives/INI-0001/dependencies/"
TWO = "/o/fjordby/initiatives/INI-0002/dependencies/"
TODAY = dt.date(2026, 6, 1)


def _errors(response):
    return dict(re.findall(r'id="id_(\w+)_error">([^<]*)<', response.content.decode()))


def _ini(org, ref) -> Initiative:
    with tenant_scope(org):
        return Initiative.objects.get(organisation=org, reference=ref)


def _dep(needer_start=None, needed_by=None, end=None, status="active"):
    """An unsaved dependency: A (starting ``needer_start``) needs B (ending ``end``)."""
    a = Initiative(reference="INI-A", start_date=needer_start)
    b = Initiative(reference="INI-B", end_date=end, status=status)
    return Dependency(initiative=a, depends_on=b, needed_by=needed_by)


def _count(org):
    with tenant_scope(org):
        return Dependency.objects.filter(organisation=org).count()


@pytest.mark.parametrize("role, status", [("viewer", 200), ("employee", 403)])
def test_dependencies_tab_is_for_portfolio_readers(client_as, org, role, status):
    assert client_as(role).get(ONE).status_code == status


def test_other_organisations_people_get_404(client_as, org):
    assert client_as("admin", "asdal").get(ONE).status_code == 404


def test_viewer_cannot_add_or_remove(client_as, org):
    dep_pk = _first_dependency(org).pk
    client = client_as("viewer")
    assert client.post(f"{ONE}new/", {"depends_on": _ini(org, "INI-0002").pk}).status_code == 403
    assert client.post(f"{TWO}{dep_pk}/delete/").status_code == 403
    assert _count(org) == 1


def _first_dependency(org) -> Dependency:
    with tenant_scope(org):
        return Dependency.objects.filter(organisation=org).first()


def test_both_initiatives_show_the_dependency(client_as, org):
    client = client_as("viewer")
    two = client.get(TWO).content.decode()
    assert "Felles innloggingsløsning" in two and "On track" in two
    one = client.get(ONE).content.decode()
    assert "Initiatives that need this one" in one
    assert "INI-0002" in one and "Felles innloggingsløsning" in one


def test_contributor_adds_and_removes_a_dependency(client_as, org):
    with tenant_scope(org):
        third = do_create_initiative(actor=person("pmo"), organisation=org, title="Tredje",
                                     phase=Phase.objects.get(organisation=org, key="idea"))
    client = client_as("contributor")
    response = client.post(f"{ONE}new/", {"depends_on": third.pk, "needed_by": "2026-03-01",
                                          "description": "Datagrunnlag"})
    assert response.status_code == 302
    assert _count(org) == 2
    with tenant_scope(org):
        dep = Dependency.objects.get(organisation=org, depends_on=third)
    assert dep.history.first().history_user == person("contributor")
    assert client.post(f"{ONE}{dep.pk}/delete/").status_code == 302
    assert _count(org) == 1


@pytest.mark.parametrize("target, message", [
    ("INI-0001", "already a dependency"),  # INI-0002 needs INI-0001 already
])
def test_duplicate_is_refused_with_a_clear_message(client_as, org, target, message):
    response = client_as("contributor").post(f"{TWO}new/",
                                             {"depends_on": _ini(org, target).pk})
    assert message in _errors(response)["depends_on"]
    assert _count(org) == 1


def test_direct_cycle_is_refused_with_a_clear_message(client_as, org):
    response = client_as("contributor").post(f"{ONE}new/",
                                             {"depends_on": _ini(org, "INI-0002").pk})
    assert "cannot depend on each other" in _errors(response)["depends_on"]
    assert _count(org) == 1


def test_initiative_cannot_depend_on_itself(scoped):
    one = Initiative.objects.get(organisation=scoped, reference="INI-0001")
    with pytest.raises(ValidationError) as exc:
        do_add_dependency(actor=None, initiative=one, depends_on=one)
    assert "cannot depend on itself" in exc.value.message_dict["depends_on"][0]


def test_initiative_of_another_organisation_is_refused(scoped, other_org):
    one = Initiative.objects.get(organisation=scoped, reference="INI-0001")
    with unscoped():
        foreign = Initiative.objects.filter(organisation=other_org).first()
    with pytest.raises(ValidationError) as exc:
        do_add_dependency(actor=None, initiative=one, depends_on=foreign)
    assert "depends_on" in exc.value.message_dict


def test_removing_through_another_initiative_is_404(client_as, org):
    dep = _first_dependency(org)  # belongs to INI-0002
    assert client_as("contributor").post(f"{ONE}{dep.pk}/delete/").status_code == 404
    assert _count(org) == 1


@pytest.mark.parametrize("kwargs, expected", [
    # ends after needed_by
    ({"needed_by": dt.date(2026, 9, 1), "end": dt.date(2026, 10, 1)}, LATE),
    # ends before needed_by
    ({"needed_by": dt.date(2026, 9, 1), "end": dt.date(2026, 8, 1)}, ""),
    # no needed_by: ends after the needing initiative starts
    ({"needer_start": dt.date(2026, 7, 1), "end": dt.date(2026, 8, 1)}, LATE),
    ({"needer_start": dt.date(2026, 9, 1), "end": dt.date(2026, 8, 1)}, ""),
    # end date already past and not completed
    ({"end": dt.date(2026, 5, 1)}, LATE),
    ({"end": dt.date(2026, 5, 1), "status": "completed"}, ""),
    # completed is never late; stopped always warns
    ({"needed_by": dt.date(2026, 9, 1), "end": dt.date(2026, 10, 1), "status": "completed"},
     ""),
    ({"needed_by": dt.date(2026, 9, 1), "end": dt.date(2026, 8, 1), "status": "stopped"},
     STOPPED),
    # no end date: nothing to judge by
    ({"needed_by": dt.date(2026, 9, 1)}, ""),
])
def test_late_and_stopped_warnings(kwargs, expected):
    warning, _needed_by = warning_for(_dep(**kwargs), TODAY)
    assert warning == expected


def test_warning_shows_on_the_tab_and_the_overview(client_as, org):
    with tenant_scope(org):
        stopped = do_create_initiative(
            actor=person("pmo"), organisation=org, title="Stoppet plattform",
            phase=Phase.objects.get(organisation=org, key="planning"), status="stopped")
        do_add_dependency(actor=None, initiative=_ini(org, "INI-0001"), depends_on=stopped)
    client = client_as("viewer")
    tab = client.get(ONE).content.decode()
    assert "Stopped" in tab
    overview = client.get("/o/fjordby/initiatives/INI-0001/").content.decode()
    assert "Dependencies at risk" in overview
    assert "Stoppet plattform is stopped" in overview
    calm = client.get("/o/fjordby/initiatives/INI-0002/").content.decode()
    assert "Dependencies at risk" not in calm


def test_dependencies_tab_costs_a_fixed_number_of_queries(client_as, org,
                                                          django_assert_max_num_queries):
    one = _ini(org, "INI-0001")
    with tenant_scope(org):
        phase = Phase.objects.get(organisation=org, key="idea")
        for i in range(10):
            other = do_create_initiative(actor=person("pmo"), organisation=org,
                                         title=f"Leveranse {i}", phase=phase)
            do_add_dependency(actor=None, initiative=one, depends_on=other)
        assert len(needs(one)) == 10
    client = client_as("contributor")
    client.get(ONE)
    with django_assert_max_num_queries(12):
        assert client.get(ONE).status_code == 200
