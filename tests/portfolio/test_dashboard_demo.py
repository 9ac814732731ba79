"""The demo's dashboard tells a story: Fjordby runs more at once than its limit allows."""

from __future__ import annotations

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.demo import loader
from gevinst.demo.loader import ORGS, load_organisation
from gevinst.portfolio.selectors.dashboard import dashboard


def test_demo_fjordby_is_over_its_work_in_progress_limit(db, monkeypatch):
    monkeypatch.setitem(loader.NAMES, "fjordby-demo", loader.NAMES["fjordby"])
    load_organisation({**ORGS[0], "slug": "fjordby-demo"}, password="demo-pw-long-1")
    org = Organisation.objects.get(slug="fjordby-demo")
    assert org.wip_limit == 12
    with tenant_scope(org):
        d = dashboard(org)
    assert d.wip_over and d.wip_count > 12
    assert any(r["count"] for r in d.rag if r["value"] == "red")
    assert d.money
