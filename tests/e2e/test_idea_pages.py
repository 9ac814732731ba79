"""Every page of ideas from staff (and the member's own profile) passes axe (WCAG 2.1 AA) with
zero violations in English, Bokmål and Swedish: for each role that uses it, with filters
applied, and with its forms shown with their errors."""

from __future__ import annotations

import pytest

from tests.e2e.test_accessibility import LANGS, axe_clean, check_pages

IDEAS = "/o/fjordby/ideas"
IDE1 = IDEAS + "/IDE-0001"  # by the employee, under review, the contributor reviews it

PAGES = [
    # Staff: the board, submitting, their own ideas and profile.
    ("employee", IDEAS + "/"),
    ("employee", IDEAS + "/?q=helsestasjon&unit={unit}&status=under_review&sort=supported"),
    ("employee", IDEAS + "/?status=accepted&sort=commented"),
    ("employee", IDEAS + "/?q=no-such-idea"),
    ("employee", IDEAS + "/new/"),
    ("employee", IDE1 + "/"),  # as its author
    ("employee", IDEAS + "/{own}/edit/"),
    ("employee", IDEAS + "/{accepted}/"),  # the initiative's progress, no link to it
    ("employee", IDEAS + "/{hidden}/"),  # hidden: the author sees the moderator's reason
    ("employee", IDEAS + "/{answered}/"),
    ("employee", IDEAS + "/mine/"),
    ("employee", "/o/fjordby/me/"),
    ("employee", IDEAS + "/review/"),  # nothing assigned: an empty queue
    ("employee", IDEAS + "/statistics/", 403),
    ("viewer", IDE1 + "/"),
    ("viewer", IDE1 + "/report/"),
    ("viewer", IDE1 + "/report/?comment={comment}"),
    ("viewer", IDEAS + "/{accepted}/"),  # reads the portfolio: the link to the initiative
    ("viewer", IDEAS + "/{hidden}/", 404),
    ("viewer", IDEAS + "/{hidden_comment_idea}/"),  # "A comment was hidden by a moderator."
    ("viewer", IDEAS + "/mine/"),
    ("viewer", "/o/fjordby/me/"),
    ("viewer", IDEAS + "/statistics/"),
    ("contributor", IDEAS + "/review/"),
    ("contributor", IDEAS + "/review/?assigned=me&band=none&sort=age"),
    ("contributor", IDE1 + "/score/"),  # an assigned reviewer rates
    # The portfolio office.
    ("pmo", IDE1 + "/"),  # with the processing panel
    ("pmo", IDEAS + "/{accepted}/"),
    ("pmo", IDEAS + "/{hidden}/"),
    ("pmo", IDEAS + "/{hidden_comment_idea}/"),
    ("pmo", IDE1 + "/edit/"),
    ("pmo", IDEAS + "/review/"),
    ("pmo", IDEAS + "/review/?band=high&sort=supports"),
    ("pmo", IDE1 + "/answer/"),
    ("pmo", IDEAS + "/{accepted}/answer/"),  # only "done" is left
    ("pmo", IDE1 + "/score/"),
    ("pmo", IDE1 + "/reviewers/"),
    ("pmo", IDE1 + "/accept/"),
    ("pmo", IDEAS + "/{accepted}/accept/"),  # already accepted
    ("pmo", IDE1 + "/hide/"),
    ("pmo", IDEAS + "/{hidden}/hide/"),  # unhide
    ("pmo", IDE1 + "/comments/{comment}/hide/"),
    ("pmo", IDEAS + "/moderation/"),
    ("pmo", IDEAS + "/statistics/"),
    ("pmo", IDEAS + "/scoring/"),
    ("pmo", IDEAS + "/scoring/new/"),
    ("pmo", IDEAS + "/scoring/{criterion}/"),
    ("admin", IDEAS + "/statistics/"),
]


def _ids() -> dict:
    """Ideas in every state the pages show, made through the services."""
    from gevinst.core.models import Organisation, Unit
    from gevinst.core.scoping import tenant_scope
    from gevinst.ideas.models import IdeaComment, ScoringCriterion
    from gevinst.ideas.services.engagement import do_comment, do_support
    from gevinst.ideas.services.ideas import do_submit_idea
    from gevinst.ideas.services.moderation import do_hide_comment, do_hide_idea
    from gevinst.ideas.services.processing import do_accept_idea, do_answer_idea
    from tests.conftest import person

    org = Organisation.objects.get(slug="fjordby")
    employee, pmo = person("employee"), person("pmo")
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")

        def version(idea) -> int:
            idea.refresh_from_db()
            return idea.version

        def submit(title, problem, **more):
            return do_submit_idea(actor=employee, organisation=org, title=title,
                                  problem=problem, units=[unit], **more)

        own = submit("Felles kalender for møterom", "Vi dobbeltbooker møterom hver uke.")
        accepted = submit("Digital postkasse for innbyggere",
                          "Brev sendes på papir og koster porto.",
                          proposal="Send brev digitalt.", expected_benefit="Lavere porto.")
        do_support(actor=person("viewer"), idea=accepted)
        do_accept_idea(actor=pmo, idea=accepted, answer="Godkjent som nytt tiltak.",
                       expected_version=version(accepted))
        hidden = submit("Reklame for en leverandør", "Kjøp produktet vårt nå.")
        do_hide_idea(actor=pmo, idea=hidden, reason="Reklame er ikke tillatt.")
        answered = submit("Gratis kaffe på alle kontorer", "Kaffen koster for mye.")
        do_answer_idea(actor=pmo, idea=answered, status="rejected",
                       answer="Ikke innenfor budsjettet i år.",
                       expected_version=version(answered))
        with_comment = submit("Sykkelparkering ved rådhuset", "Det er få plasser.")
        rude = do_comment(actor=person("viewer"), idea=with_comment, body="Dumt forslag!")
        do_hide_comment(actor=pmo, comment=rude, reason="Hold en saklig tone.")
        comment = IdeaComment.objects.filter(organisation=org, idea__reference="IDE-0001",
                                             parent__isnull=True).first()
        criterion = ScoringCriterion.objects.filter(organisation=org).order_by("order").first()
    return {"unit": unit.pk, "own": own.reference, "accepted": accepted.reference,
            "hidden": hidden.reference, "answered": answered.reference,
            "hidden_comment_idea": with_comment.reference, "comment": comment.pk,
            "criterion": criterion.pk}


def _submit(page, form: str = "main form.gv-form") -> None:
    page.locator(f"{form} button[type=submit][data-variant=primary]").first.click()
    page.wait_for_load_state()


def _refused(page, what: str, field: str | None = None, scope: str = "") -> None:
    summary = page.locator(f"{scope} .ds-error-summary".strip())
    assert summary.count() >= 1 and summary.first.is_visible(), what
    if field:
        assert page.locator(f"{field}[aria-invalid=true]").count() == 1, what
    axe_clean(page, what)


@pytest.mark.parametrize("lang", LANGS)
def test_every_idea_page_passes_axe(open_as, lang):
    ids = _ids()
    check_pages(open_as, PAGES, lang, ids)


@pytest.mark.parametrize("lang", LANGS)
def test_idea_forms_with_errors_pass_axe(open_as, lang):
    ids = _ids()
    employee = open_as("employee", lang)

    # Submitting nothing: title and problem are required.
    employee.goto(employee.base + IDEAS + "/new/")
    employee.locator("main form button[name=submit]").click()
    employee.wait_for_load_state()
    _refused(employee, "submit with errors", "#id_title")
    assert employee.locator("#id_problem[aria-invalid=true]").count() == 1

    # "Check for similar ideas" posts the text typed and lists the similar ideas.
    employee.goto(employee.base + IDEAS + "/new/")
    employee.fill("#id_title", "Timebestilling på nett ved helsestasjonen")
    employee.fill("#id_problem", "Foreldre må ringe i telefontiden for å bestille time.")
    employee.locator("main form button[name=check]").click()
    employee.wait_for_load_state()
    assert employee.locator("#similar-results a[href$='/ideas/IDE-0001/']").count() == 1
    assert employee.locator("#id_title").input_value().startswith("Timebestilling")
    axe_clean(employee, "submit after checking for similar ideas")

    # Editing one's own idea with the title emptied.
    employee.goto(employee.base + IDEAS + f"/{ids['own']}/edit/")
    employee.fill("#id_title", "")
    _submit(employee)
    _refused(employee, "edit with errors", "#id_title")

    # An empty comment, an empty reply, an empty report.
    employee.goto(employee.base + IDE1 + "/")
    _submit(employee, "#comment-form")
    _refused(employee, "comment with errors", scope="#comment-form")
    employee.goto(employee.base + IDE1 + "/")
    employee.locator("#comments details summary").first.click()
    employee.locator("#comments details[open] form button[type=submit]").first.click()
    employee.wait_for_load_state()
    _refused(employee, "reply with errors", scope="#comments details[open]")
    employee.goto(employee.base + IDE1 + f"/report/?comment={ids['comment']}")
    _submit(employee)
    _refused(employee, "report with errors", "#id_reason")

    # The profile without a name.
    employee.goto(employee.base + "/o/fjordby/me/")
    employee.fill("#id_full_name", "")
    _submit(employee)
    _refused(employee, "profile with errors", "#id_full_name")

    pmo = open_as("pmo", lang)
    # An answer without its text, naming an idea that does not exist as the duplicate.
    pmo.goto(pmo.base + IDE1 + "/answer/")
    pmo.fill("#id_duplicate_of", "IDE-9999")
    _submit(pmo)
    _refused(pmo, "answer with errors", "#id_answer")
    assert pmo.locator("#id_duplicate_of[aria-invalid=true]").count() == 1

    # Accepting without the answer.
    pmo.goto(pmo.base + IDE1 + "/accept/")
    _submit(pmo)
    _refused(pmo, "accept with errors", "#id_answer")

    # Hiding without a reason.
    pmo.goto(pmo.base + IDE1 + "/hide/")
    _submit(pmo)
    _refused(pmo, "hide with errors", "#id_reason")

    # The bands out of range; a new criterion without a name; a negative weight.
    pmo.goto(pmo.base + IDEAS + "/scoring/")
    pmo.fill("#id_high_from", "9")
    _submit(pmo)
    _refused(pmo, "bands with errors", "#id_high_from")
    pmo.goto(pmo.base + IDEAS + "/scoring/new/")
    _submit(pmo)
    _refused(pmo, "new criterion with errors", "#id_name")
    pmo.goto(pmo.base + IDEAS + f"/scoring/{ids['criterion']}/")
    pmo.fill("#id_weight", "-1")
    _submit(pmo)
    _refused(pmo, "edit criterion with errors", "#id_weight")



def test_the_choices_of_the_office_forms_can_be_clicked(open_as):
    """Radio buttons and checkboxes of the answer, rating and reviewer forms lie where they
    are drawn: a click on each choice selects it (nothing covers it) and the submit
    button can be clicked."""
    from gevinst.core.scoping import unscoped
    from gevinst.ideas.models import ScoringCriterion

    with unscoped():
        criteria = list(ScoringCriterion.objects.filter(
            organisation__slug="fjordby", active=True).order_by("order", "id"))
    pmo = open_as("pmo")
    pmo.goto(pmo.base + IDE1 + "/score/")
    for criterion in criteria:
        for rating in ("1", "5", "3"):
            radio = pmo.locator(f"input[name=criterion_{criterion.pk}][value='{rating}']")
            radio.check(timeout=3000)
    pmo.locator("main form button[type=submit]").click(trial=True, timeout=3000)
    pmo.goto(pmo.base + IDE1 + "/answer/")
    for status in ("parked", "rejected", "duplicate", "under_review"):
        pmo.locator(f"input[name=status][value={status}]").check(timeout=3000)
    pmo.locator("main form button[type=submit]").click(trial=True, timeout=3000)
    pmo.goto(pmo.base + IDE1 + "/reviewers/")
    boxes = pmo.locator("input[name=reviewers]")
    for i in range(boxes.count()):
        boxes.nth(i).check(timeout=3000)
    pmo.locator("main form button[type=submit]").click(trial=True, timeout=3000)
