"""The roadmap: bars placed by dates in a window of years, filters, grouping, pages,
one query for the rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from gevinst.core.scoping import unscoped
from gevinst.portfolio.models import Initiative, Phase, Programme
from gevinst.portfolio.selectors.roadmap import Window
from gevinst.portfolio.services.initiatives import do_create_initiative

URL = "/o/fjordby/roadmap/"


def _row(html: str, text: str) -> str:
    return next(r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if text in r)


def test_window_positions_and_clipping():
    w = Window(2026, 2)
    assert w.start == dt.date(2026, 1, 1) and w.end == dt.date(2027, 12, 31)
    assert w.position(dt.date(2026, 1, 1)) == 0
    assert w.position(dt.date(2027, 1, 1)) == pytest.approx(50, abs=0.1)
    assert w.position(dt.date(2030, 1, 1)) == 100 and w.position(dt.date(2000, 1, 1)) == 0
    assert Window.around(dt.date(2026, 5, 1)) == Window(2025, 4)
    assert Window.around(dt.date(2026, 5, 1), "x", "99") == Window(2025, 10)


def test_bar_spans_the_dates_and_the_row_says_them(client_as, org):
    html = client_as("viewer").get(URL, {"from": 2026, "years": 2}).content.decode()
    row = _row(html, "Fjordby kommune initiativ 1")
    # 2026-01-01 → 2026-12-31 is the first half of 2026–2027
    assert 'style="left:0.00%;width:50.00%;' in row
    assert "<td>2026-01-01</td><td>2026-12-31</td>" in row
    assert "Execution" in row  # the phase, as text
    assert "Roadmap: initiatives with their phase, start and end dates" in html


def test_today_marker_and_open_ends(client_as, scoped):
    today = timezone.localdate()
    do_create_initiative(actor=None, organisation=scoped, title="Uten slutt",
                         start_date=dt.date(today.year - 3, 1, 1))
    html = client_as("viewer").get(URL).content.decode()
    row = _row(html, "Uten slutt")
    assert "data-open-start data-open-end" in row  # started before the window, no end
    assert 'class="gv-rm-today"' in row


def test_filters_and_grouping_by_programme(client_as, scoped):
    org = scoped
    prog = Programme.objects.create(organisation=org, number=951, reference="PRG-951",
                                    name="Aaa velferd")
    Initiative.objects.filter(organisation=org).update(programme=None)
    Initiative.objects.filter(organisation=org, number=2).update(programme=prog)
    idea = Phase.objects.get(organisation=org, key="idea")
    do_create_initiative(actor=None, organisation=org, title="Tidlig idé", phase=idea,
                         status="on_hold")
    client = client_as("viewer")
    html = client.get(URL, {"programme": prog.pk}).content.decode()
    assert "initiativ 2" in html and "initiativ 1" not in html
    html = client.get(URL, {"phase": "idea"}).content.decode()
    assert "Tidlig idé" in html and "initiativ 1" not in html
    html = client.get(URL, {"status": "on_hold"}).content.decode()
    assert "Tidlig idé" in html and "initiativ 2" not in html
    html = client.get(URL, {"group": "programme"}).content.decode().split("<table", 1)[1]
    assert '<th scope="rowgroup" colspan="6" class="gv-rm-group">Aaa velferd</th>' in html
    assert html.index("Aaa velferd") < html.index("initiativ 2") < html.index("No programme")
    assert html.index("No programme") < html.index("initiativ 1")


def test_pages_of_a_hundred_with_one_query_for_the_rows(client_as, scoped,
                                                          django_assert_max_num_queries):
    org = scoped
    phase = Phase.objects.get(organisation=org, key="execution")
    Initiative.objects.bulk_create([
        Initiative(organisation=org, number=1000 + i, reference=f"INI-{1000 + i}",
                   title=f"Masse {i:03d}", phase=phase, start_date=dt.date(2026, 1, 1))
        for i in range(150)])
    client = client_as("viewer")
    client.get(URL)
    with django_assert_max_num_queries(9):
        first = client.get(URL).content.decode()
    assert first.count('class="gv-rm-track"') == 100
    second = client.get(URL, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second


def test_roadmap_escapes_titles(client_as, scoped):
    do_create_initiative(actor=None, organisation=scoped, title="<img src=x onerror=1>")
    html = client_as("viewer").get(URL).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=1&gt;" in html


@pytest.mark.parametrize("role, status", [("viewer", 200), ("employee", 403)])
def test_who_sees_the_roadmap(client_as, role, status):
    assert client_as(role).get(URL).status_code == status


def test_roadmap_shows_only_own_organisation(client_as, other_org):
    with unscoped():
        foreign = Initiative.objects.filter(organisation=other_org).first()
    html = client_as("viewer").get(URL).content.decode()
    assert foreign.title not in html
    assert client_as("viewer").get("/o/asdal/roadmap/").status_code == 404
