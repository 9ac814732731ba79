"""The story of issue 6 in the browser: an employee submits an idea and is shown a similar
existing one while typing; another employee supports and comments; the portfolio office
scores it on every criterion and accepts it into the portfolio; the author gets the email,
sees the new initiative's public progress on the idea's page (but no link to the initiative
itself) and the initiative carries the idea's data. Every page of the story passes axe."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.e2e.test_accessibility import axe_clean

TITLE = "Bestille time på nett hos helsestasjonen"
PROBLEM = ("Foreldre må ringe helsestasjonen i telefontiden for å bestille time, og det er "
           "lang kø på telefonen.")
PROPOSAL = "En nettside der foreldre selv bestiller, flytter og avbestiller timer."
BENEFIT = "Kortere telefonkø, færre uteblitte timer og mer tid til konsultasjoner."
ANSWER = "Godkjent: vi starter med et forprosjekt i helsestasjonen i vår."
# The ratings the portfolio office gives, in the order of the criteria.
RATINGS = [5, 4, 3, 4, 2]


@pytest.fixture
def open_user(browser, e2e_world):
    """open_user(user) → a Playwright page (English) logged in as ``user``."""
    from django.conf import settings
    from django.test import Client

    contexts = []

    def make(user, lang: str = "en"):
        context = browser.new_context(locale="en-GB")
        contexts.append(context)
        client = Client()
        client.force_login(user)
        url = e2e_world.url
        context.add_cookies([
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": url},
            {"name": settings.SESSION_COOKIE_NAME,
             "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": url}])
        page = context.new_page()
        page.base = url
        return page

    yield make
    for context in contexts:
        context.close()


def _world():
    """The existing idea (submitted through the services by the viewer) that the employee
    is about to rephrase, and a second employee of Fjordby in the same unit."""
    from gevinst.core.models import Organisation, Role, Unit, User
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import do_add_member
    from gevinst.ideas.services.ideas import do_submit_idea
    from tests.conftest import PASSWORD, person

    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        existing = do_submit_idea(
            actor=person("viewer"), organisation=org,
            title="Timebestilling på nett for helsestasjonen",
            problem="Det er lang telefonkø når foreldre skal bestille time på "
                    "helsestasjonen.",
            units=[unit])
        colleague = User.objects.create_user(email="employee2@fjordby.test",
                                             password=PASSWORD, full_name="Kari Kollega")
        do_add_member(actor=None, organisation=org, user=colleague, role=Role.EMPLOYEE,
                      unit=unit)
    return existing, colleague, unit


def _message(page) -> str:
    page.locator(".gv-messages").wait_for()
    return page.locator(".gv-messages").inner_text()


def test_an_employees_idea_becomes_an_initiative_they_can_follow(open_as, open_user):
    from django.core import mail

    from gevinst.core.scoping import unscoped
    from gevinst.ideas.models import Idea, IdeaComment, IdeaSupport, ScoringCriterion

    existing, colleague, unit = _world()

    # The employee opens "Submit an idea" from the idea board.
    author = open_as("employee")
    author.goto(author.base + "/o/fjordby/ideas/")
    axe_clean(author, "idea board")
    author.get_by_role("link", name="Submit an idea").click()
    author.wait_for_url("**/ideas/new/")
    axe_clean(author, "empty submission form")

    # Typing the title and the problem fills the live region with the similar ideas.
    region = author.locator("#similar-results")
    assert region.get_attribute("aria-live") == "polite"
    author.locator("#id_title").press_sequentially(TITLE, delay=5)
    author.locator("#id_problem").press_sequentially(PROBLEM, delay=2)
    similar = region.get_by_role("link", name=re.compile(existing.reference))
    similar.wait_for(timeout=10_000)
    assert existing.title in similar.inner_text()
    assert "similar" in region.inner_text()
    axe_clean(author, "submission form with similar ideas")

    # The employee submits anyway, with a proposal, a benefit and the affected unit.
    author.fill("#id_proposal", PROPOSAL)
    author.fill("#id_expected_benefit", BENEFIT)
    author.get_by_label(unit.name, exact=True).check()
    author.get_by_role("button", name="Submit idea").click()
    author.wait_for_url(re.compile(r"/ideas/IDE-\d{4}/$"))
    reference = author.url.rstrip("/").rsplit("/", 1)[1]
    assert reference in _message(author)
    assert author.get_by_role("heading", level=1).inner_text().endswith(TITLE)
    axe_clean(author, "the new idea, as its author")
    with unscoped():
        idea = Idea.objects.get(organisation__slug="fjordby", reference=reference)
        assert idea.author.email == "employee@fjordby.test"
        assert idea.status == Idea.Status.SUBMITTED
        assert [u.pk for u in idea.units.all()] == [unit.pk]

    # A colleague supports it and comments.
    other = open_user(colleague)
    other.goto(other.base + f"/o/fjordby/ideas/{reference}/")
    axe_clean(other, "the idea, as a colleague")
    other.get_by_role("button", name="Support this idea").click()
    assert "Thank you for your support" in _message(other)
    assert other.get_by_role("button", name="Withdraw my support").is_visible()
    axe_clean(other, "the idea, supported")
    other.fill("#comment-body", "Veldig bra! Dette spør foreldre om hver uke.")
    other.get_by_role("button", name="Publish comment").click()
    assert "published" in _message(other)
    assert other.locator("#comments").get_by_text("Dette spør foreldre om hver uke").is_visible()
    axe_clean(other, "the idea, commented")
    with unscoped():
        idea.refresh_from_db()
        assert idea.support_count == 1 and idea.comment_count == 1
        assert IdeaSupport.objects.filter(idea=idea, user=colleague).exists()
        assert IdeaComment.objects.filter(idea=idea, author=colleague).count() == 1

    # The portfolio office rates it on every criterion...
    pmo = open_as("pmo")
    pmo.goto(pmo.base + f"/o/fjordby/ideas/{reference}/")
    axe_clean(pmo, "the idea, as the portfolio office")
    pmo.locator("#processing").get_by_role("link", name="Rate the idea").click()
    pmo.wait_for_url("**/score/")
    axe_clean(pmo, "rate the idea")
    with unscoped():
        criteria = list(ScoringCriterion.objects.filter(
            organisation__slug="fjordby", active=True).order_by("order", "id"))
    assert len(criteria) == len(RATINGS)
    for criterion, rating in zip(criteria, RATINGS, strict=True):
        radio = pmo.locator(f"input[name=criterion_{criterion.pk}][value='{rating}']")
        radio.check(timeout=5000)
        assert radio.is_checked()
    pmo.get_by_role("button", name="Save the ratings").click()
    assert "score" in _message(pmo)
    with unscoped():
        idea.refresh_from_db()
    weights = [c.weight for c in criteria]
    expected = (sum(w * r for w, r in zip(weights, RATINGS, strict=True))
                / sum(weights)).quantize(Decimal("0.01"))
    assert idea.score == expected
    assert idea.band
    assert str(idea.score) in pmo.locator("#idea-score").inner_text()
    axe_clean(pmo, "rated")

    # ... and accepts it into the portfolio in the phase Idea, with the official answer.
    mail.outbox = []
    pmo.goto(pmo.base + f"/o/fjordby/ideas/{reference}/")
    pmo.locator("#processing").get_by_role("link", name="Accept into the portfolio").click()
    pmo.wait_for_url("**/accept/")
    axe_clean(pmo, "accept")
    phase = pmo.locator("#id_phase")
    assert phase.locator("option:checked").inner_text().strip() == "Idea"
    assert pmo.locator("#id_owning_unit option:checked").inner_text().strip() == unit.name
    pmo.fill("#id_answer", ANSWER)
    pmo.get_by_role("button", name="Accept and create the initiative").click()
    pmo.wait_for_url(re.compile(rf"/ideas/{reference}/(#processing)?$"))
    text = _message(pmo)
    match = re.search(r"INI-\d{4}", text)
    assert match, text
    initiative_ref = match.group(0)
    # The office reads the portfolio: it gets the link to the initiative.
    assert pmo.locator(f"#initiative-progress a[href$='/initiatives/{initiative_ref}/']"
                       ).count() == 1
    axe_clean(pmo, "accepted, as the portfolio office")

    # The author gets the email, naming the idea and giving the answer; so does the
    # colleague (a follower now); the office does not email itself.
    to_author = [m for m in mail.outbox if m.to == ["employee@fjordby.test"]]
    assert len(to_author) == 1, [m.to for m in mail.outbox]
    body = to_author[0].body
    assert reference in body or reference in to_author[0].subject
    assert TITLE in body or TITLE in to_author[0].subject
    assert ANSWER in body
    assert f"/o/fjordby/ideas/{reference}/" in body
    assert [m for m in mail.outbox if m.to == [colleague.email]]
    assert not [m for m in mail.outbox if m.to == ["pmo@fjordby.test"]]

    # The author opens the idea: the answer and the initiative's public progress, reference
    # and phase, but no link to the initiative (the employee does not read the portfolio).
    author.goto(author.base + f"/o/fjordby/ideas/{reference}/")
    answer = author.locator("#answer")
    assert ANSWER in answer.inner_text()
    progress = author.locator("#initiative-progress")
    assert progress.is_visible()
    assert initiative_ref in progress.inner_text()
    current = progress.locator("[aria-current=step]")
    assert current.count() == 1 and "Idea" in current.inner_text()
    assert author.locator("main a[href*='/initiatives/']").count() == 0
    axe_clean(author, "the accepted idea, as its author")
    # ... and the initiative's own page stays closed to them.
    response = author.goto(author.base + f"/o/fjordby/initiatives/{initiative_ref}/")
    assert response.status in (403, 404)

    # My ideas shows it as accepted.
    author.goto(author.base + "/o/fjordby/ideas/mine/")
    assert author.locator("main").get_by_text(TITLE).first.is_visible()
    axe_clean(author, "my ideas")

    # The initiative carries the idea's data.
    from gevinst.portfolio.models import Initiative

    with unscoped():
        idea.refresh_from_db()
        initiative = Initiative.objects.select_related("phase").get(
            organisation__slug="fjordby", reference=initiative_ref)
        assert idea.initiative_id == initiative.pk
        assert idea.status == Idea.Status.ACCEPTED
        assert initiative.title == TITLE
        assert initiative.problem == PROBLEM
        assert initiative.proposal == PROPOSAL
        assert initiative.expected_benefit == BENEFIT
        assert [u.pk for u in initiative.affected_units.all()] == [unit.pk]
        assert initiative.priority_score == idea.score == expected
        assert initiative.phase.key == "idea"
        assert initiative.owning_unit_id == unit.pk
