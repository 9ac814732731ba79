"""The demo registers: Fjordby's programmes, money, log and dependencies load once."""

from __future__ import annotations

import datetime as dt

from gevinst.core.scoping import tenant_scope
from gevinst.demo.loader import ORGS, load_organisation
from gevinst.demo.registers import load_registers
from gevinst.portfolio.models import Dependency, LogEntry, MoneyYear, Programme
from gevinst.portfolio.selectors.dependencies import LATE, needs
from gevinst.portfolio.selectors.initiatives import get_initiative


def test_demo_fjordby_gets_programmes_money_lessons_and_one_late_dependency(db, monkeypatch):
    from gevinst.demo import loader

    monkeypatch.setitem(loader.NAMES, "fjordby-demo", loader.NAMES["fjordby"])
    spec = {**ORGS[0], "slug": "fjordby-demo", "name": "Fjordby demo"}
    org, created = load_organisation(spec, password="x")
    assert created
    with tenant_scope(org):
        assert Programme.objects.filter(organisation=org).count() == 3
        assert MoneyYear.objects.filter(organisation=org, kind="actual").exists()
        assert MoneyYear.objects.filter(organisation=org, kind="forecast").exists()
        assert LogEntry.objects.filter(organisation=org, kind="lesson").count() >= 5
        assert LogEntry.objects.filter(organisation=org, status="closed").exists()
        building = get_initiative(org, "INI-0007")
        assert [link.warning for link in needs(building, dt.date(2026, 6, 1))] == [LATE]
        on_track = get_initiative(org, "INI-0008")
        assert [link.warning for link in needs(on_track, dt.date(2026, 6, 1))] == [""]
        before = (Programme.objects.filter(organisation=org).count(),
                  Dependency.objects.filter(organisation=org).count())
        load_registers(org, {})  # a second run changes nothing
        assert (Programme.objects.filter(organisation=org).count(),
                Dependency.objects.filter(organisation=org).count()) == before


def test_demo_registers_leave_an_organisation_without_the_demo_initiatives_alone(org):
    with tenant_scope(org):
        load_registers(org, {})
        assert Programme.objects.filter(organisation=org).count() == 1  # the test world's
