"""The public progress of an accepted idea's initiative: the phases in order with the
current one marked, status, dates, the last gate decision and the latest published status
report's overall status and period; nothing else of the portfolio."""

from __future__ import annotations

import datetime as dt

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea
from gevinst.ideas.selectors.progress import initiative_progress
from gevinst.portfolio.models import Initiative

pytestmark = pytest.mark.django_db


def _link_first_initiative(org) -> Initiative:
    """IDE-0001 became INI-0001 (in execution, a gate decision on 2025-12-15, September
    2026 published green)."""
    with tenant_scope(org):
        initiative = Initiative.objects.select_related("phase").get(organisation=org,
                                                                    number=1)
        Idea.objects.filter(organisation=org, reference="IDE-0001").update(
            initiative=initiative, status="accepted")
    return initiative


def test_progress_marks_the_current_phase_and_reads_the_latest_report(org):
    initiative = _link_first_initiative(org)
    with tenant_scope(org):
        progress = initiative_progress(initiative)
    assert [s.name for s in progress.steps][:4] == ["Idea", "Concept", "Planning",
                                                    "Execution"]
    assert [s.name for s in progress.steps if s.current] == ["Execution"]
    assert [s.name for s in progress.steps if s.done] == ["Idea", "Concept", "Planning"]
    assert progress.current_step == 4
    assert (progress.status, progress.start_date, progress.end_date) == (
        "active", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert progress.last_gate_date == dt.date(2025, 12, 15)
    assert (progress.rag, progress.rag_period) == ("green", dt.date(2026, 9, 1))


def test_progress_costs_two_queries(org, django_assert_num_queries):
    initiative = _link_first_initiative(org)
    with tenant_scope(org), django_assert_num_queries(2):
        initiative_progress(initiative)


def test_idea_page_shows_status_report_and_gate_in_text(client_as, org):
    _link_first_initiative(org)
    page = client_as("employee").get("/o/fjordby/ideas/IDE-0001/").content.decode()
    assert "Execution (current phase)" in page
    assert "Overall status: Green" in page and "September 2026" in page
    assert '<time datetime="2025-12-15">' in page
    # Nothing else of the portfolio: no money, no risks, no link.
    assert "/o/fjordby/initiatives/INI-0001/" not in page
    assert "1,200,000" not in page and "RSK-" not in page
