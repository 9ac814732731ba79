"""The idea board: every member sees the ideas with their facts, filters by unit, status and
words, sorts by newest, most supported and most commented, pages, and counts per status;
hidden ideas only for their author and the moderators."""

from __future__ import annotations

import re

import pytest

from gevinst.core.models import Sequence, Unit
from gevinst.ideas.models import Idea

URL = "/o/fjordby/ideas/"

pytestmark = pytest.mark.django_db


def refs(page: str) -> list[str]:
    return re.findall(r'href="/o/fjordby/ideas/(IDE-\d+)/">', page)


def bulk_ideas(org, author, n: int, *, start: int = 100, **fields) -> list[Idea]:
    """``n`` submitted ideas IDE-0100… by ``author`` (ORM; counters set by hand)."""
    rows = []
    for k in range(n):
        number = start + k
        data = {"title": f"Idé nummer {number}", "problem": f"Problem {number}",
                "status": "submitted", **fields}
        rows.append(Idea(organisation=org, number=number, reference=f"IDE-{number:04d}",
                         author=author, **data))
    made = Idea.objects.bulk_create(rows)
    Sequence.objects.filter(organisation=org, name="IDE").update(last_value=start + n)
    return made


def test_board_shows_each_idea_with_its_facts(client_as, org):
    page = client_as("employee").get(URL).content.decode()
    assert refs(page) == ["IDE-0001"]
    row = page[page.index('href="/o/fjordby/ideas/IDE-0001/"'):]
    row = row[:row.index("</tr>")]
    assert "Digital timebestilling på helsestasjonen" in row
    assert "Under review" in row
    assert "Helse og velferd" in row
    assert '<td class="gv-num">1</td>' in row  # supports
    assert '<td class="gv-num">2</td>' in row  # comments
    assert "Employee Fjordby" in row
    assert "<time datetime=" in row


def test_board_counts_ideas_per_status(client_as, org):
    page = client_as("employee").get(URL).content.decode()
    assert "Under review (1)" in page
    assert "Submitted (0)" in page
    assert "All (1)" in page
    assert "1 idea" in page


def test_score_band_is_a_badge_in_words(client_as, org, scoped):
    Idea.objects.filter(organisation=org, reference="IDE-0001").update(score="4.50",
                                                                       band="high")
    page = client_as("employee").get(URL).content.decode()
    assert "High priority" in page


@pytest.mark.parametrize(("query", "expected"), [
    ("status=under_review", ["IDE-0001"]),
    ("status=submitted", []),
    ("status=nonsense", ["IDE-0001"]),  # an invalid filter hides nothing
    ("q=timebestilling", ["IDE-0001"]),
    ("q=TIMEBESTILLING", ["IDE-0001"]),
    ("q=telefonkøen", ["IDE-0001"]),  # the problem is searched too
    ("q=ide-0001", ["IDE-0001"]),
    ("q=sykkelparkering", []),
    ("unit=999999", []),
])
def test_filters(client_as, org, query, expected):
    assert refs(client_as("employee").get(f"{URL}?{query}").content.decode()) == expected


def test_unit_filter_lists_the_ideas_affecting_the_unit(client_as, org, scoped):
    health = Unit.objects.get(organisation=org, name="Helse og velferd")
    central = Unit.objects.get(organisation=org, name="Fjordby kommune sentral")
    client = client_as("employee")
    assert refs(client.get(f"{URL}?unit={health.pk}").content.decode()) == ["IDE-0001"]
    page = client.get(f"{URL}?unit={central.pk}").content.decode()
    assert refs(page) == []
    assert "No ideas match." in page
    assert "Matching ideas per status" in page


def test_sorts_newest_most_supported_most_commented(client_as, org, people, scoped):
    a, b, c = bulk_ideas(org, people["viewer"], 3)
    Idea.objects.filter(pk=a.pk).update(support_count=9)
    Idea.objects.filter(pk=b.pk).update(comment_count=7)
    client = client_as("employee")
    assert refs(client.get(URL).content.decode()) == [c.reference, b.reference, a.reference,
                                                      "IDE-0001"]
    assert refs(client.get(f"{URL}?sort=supported").content.decode())[:2] == [
        a.reference, "IDE-0001"]
    assert refs(client.get(f"{URL}?sort=commented").content.decode())[:2] == [
        b.reference, "IDE-0001"]


def test_pages_of_25(client_as, org, people, scoped):
    bulk_ideas(org, people["viewer"], 30)
    client = client_as("employee")
    first = client.get(URL).content.decode()
    assert len(refs(first)) == 25
    assert "Page 1 of 2" in first
    assert "31 ideas" in first
    second = client.get(f"{URL}?page=2").content.decode()
    assert refs(second)[-1] == "IDE-0001"
    assert len(refs(second)) == 6
    # A page past the end shows the last page.
    assert refs(client.get(f"{URL}?page=99").content.decode()) == refs(second)
    # Filters stay in the page links.
    page = client.get(f"{URL}?sort=supported").content.decode()
    assert "?sort=supported&amp;page=2" in page


def test_hidden_idea_only_for_its_author_and_moderators(client_as, org, people, scoped):
    (hidden,) = bulk_ideas(org, people["viewer"], 1, hidden=True,
                           hidden_reason="Personopplysninger")
    assert hidden.reference not in refs(client_as("contributor").get(URL).content.decode())
    for role in ("viewer", "pmo"):  # the author, a moderator
        page = client_as(role).get(URL).content.decode()
        assert hidden.reference in refs(page), role
        assert "Hidden by a moderator" in page
    # Counts follow what the reader sees.
    assert "All (1)" in client_as("contributor").get(URL).content.decode()
    assert "All (2)" in client_as("pmo").get(URL).content.decode()


def test_board_lists_nothing_of_another_organisation(client_as, org):
    page = client_as("employee").get(URL).content.decode()
    assert "Felles innkjøp av velferdsteknologi" not in page  # Åsdal's IDE-0002


def test_search_ignores_the_case_of_norwegian_letters(client_as, org, people, scoped):
    (idea,) = bulk_ideas(org, people["viewer"], 1, title="Økt bruk av nettbrett")
    client = client_as("employee")
    for q in ("økt", "ØKT", "Økt"):
        assert refs(client.get(f"{URL}?q={q}").content.decode()) == [idea.reference], q


def test_search_pages_counts_and_status_together(client_as, org, people, scoped):
    made = bulk_ideas(org, people["viewer"], 30)
    Idea.objects.filter(pk__in=[i.pk for i in made[:3]]).update(status="parked")
    client = client_as("employee")
    page = client.get(f"{URL}?q=nummer").content.decode()
    assert "30 ideas" in page and "Parked (3)" in page and "Submitted (27)" in page
    assert "Under review (0)" in page  # IDE-0001 does not match
    assert refs(page)[0] == made[-1].reference and len(refs(page)) == 25
    assert len(refs(client.get(f"{URL}?q=nummer&page=2").content.decode())) == 5
    parked = client.get(f"{URL}?q=nummer&status=parked&sort=supported").content.decode()
    assert refs(parked) == [i.reference for i in reversed(made[:3])]
    assert "3 ideas" in parked


def test_the_portfolio_office_reaches_its_idea_pages_and_the_export_from_the_board(client_as):
    page = client_as("pmo").get(URL + "?status=under_review").content.decode()
    for target in ("/o/fjordby/ideas/review/", "/o/fjordby/ideas/moderation/",
                   "/o/fjordby/ideas/statistics/"):
        assert f'href="{target}' in page, target
    # The export keeps the board's filters.
    assert 'href="/o/fjordby/ideas/export.xlsx?status=under_review"' in page


def test_an_employee_gets_neither_the_office_tabs_nor_the_export(client_as):
    page = client_as("employee").get(URL).content.decode()
    assert "export.xlsx" not in page
    # Only the ideas the employee is asked to review (the queue) and the board.
    assert 'href="/o/fjordby/ideas/review/"' in page
    for target in ("moderation/", "statistics/", "scoring/"):
        assert f"/o/fjordby/ideas/{target}" not in page, target
