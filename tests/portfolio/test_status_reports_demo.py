"""The demo's status reports: a year of published months with trends, drafts, idempotent."""

from __future__ import annotations

import datetime as dt

from gevinst.core.scoping import tenant_scope
from gevinst.demo.reports import load_status_reports
from gevinst.portfolio.models import Initiative, StatusReport

TODAY = dt.date(2026, 11, 23)


def test_demo_publishes_a_year_with_a_slipping_trend_and_is_idempotent(org):
    with tenant_scope(org):
        created = load_status_reports(org, today=TODAY)
        assert created > 0
        assert load_status_reports(org, today=TODAY) == 0
        slipping = Initiative.objects.get(organisation=org, reference="INI-0002")
        published = list(StatusReport.objects.filter(initiative=slipping, state="published")
                          .order_by("period_start"))
        # INI-0002 started January 2026: January to October are published.
        assert [r.period_start.month for r in published] == list(range(1, 11))
        assert published[0].overall == "green" and published[-1].overall == "red"
        assert "amber" in {r.overall for r in published}
        assert published[-1].schedule_comment.startswith("Hovedmilepælen glipper")
        assert (slipping.rag, slipping.rag_period) == ("red", dt.date(2026, 10, 1))
        # The world's own October draft of INI-0001 is left alone; a November draft is added.
        drafts = set(StatusReport.objects.filter(initiative__reference="INI-0001",
                                                 state="draft")
                     .values_list("period_start", flat=True))
        assert drafts == {dt.date(2026, 10, 1), dt.date(2026, 11, 1)}
