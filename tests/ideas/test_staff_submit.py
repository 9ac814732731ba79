"""Submitting an idea: similar ideas while typing (htmx) and without JavaScript (the check
button), refused input kept with the errors on their fields, attachments; editing with the
version check."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gevinst.core.models import Unit
from gevinst.ideas.models import Idea, IdeaAttachment, IdeaFollower

URL = "/o/fjordby/ideas/new/"
SIMILAR = "/o/fjordby/ideas/similar/"
LIKE_IDE_0001 = {"title": "Bestille time på nett til helsestasjonen",
                 "problem": "Det er vanskelig å få time på helsestasjonen."}

pytestmark = pytest.mark.django_db


def test_form_has_every_field_and_the_live_similar_region(client_as):
    page = client_as("employee").get(URL).content.decode()
    for name in ("title", "problem", "proposal", "expected_benefit", "units", "attachments"):
        assert f'name="{name}"' in page, name
    assert 'type="file" name="attachments"' in page and "multiple" in page
    assert 'enctype="multipart/form-data"' in page
    assert f'hx-get="{SIMILAR}"' in page
    assert 'hx-trigger="input changed delay:400ms"' in page
    assert 'id="similar-results" aria-live="polite"' in page
    assert 'id="similar-heading"' in page
    assert 'name="check"' in page and "Check for similar ideas" in page
    assert "Helse og velferd" in page  # the organisation's units to choose from


def test_check_button_shows_similar_ideas_and_keeps_the_input(client_as, org, scoped):
    before = Idea.objects.filter(organisation=org).count()
    unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    response = client_as("employee").post(URL, {**LIKE_IDE_0001, "check": "1",
                                                "proposal": "Nettbooking",
                                                "units": [unit.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="/o/fjordby/ideas/IDE-0001/"' in page
    assert "Digital timebestilling på helsestasjonen" in page
    assert "Support it instead of submitting a new one" in page
    assert "1 support" in page and "Under review" in page
    assert 'value="Bestille time på nett til helsestasjonen"' in page
    assert "Det er vanskelig å få time på helsestasjonen.</textarea>" in page
    assert "Nettbooking</textarea>" in page
    assert re.search(rf'name="units" value="{unit.pk}"[^>]* checked>', page)
    assert 'aria-invalid="true"' not in page  # checking is not submitting
    assert Idea.objects.filter(organisation=org).count() == before


def test_similar_endpoint_answers_the_list_for_htmx(client_as):
    client = client_as("employee")
    page = client.get(SIMILAR, LIKE_IDE_0001, HTTP_HX_REQUEST="true").content.decode()
    assert "IDE-0001" in page and "<html" not in page
    assert "(opens in a new tab)" in page
    assert "Type a title" in client.get(SIMILAR, {"title": "Hei"},
                                        HTTP_HX_REQUEST="true").content.decode()
    page = client.get(SIMILAR, LIKE_IDE_0001).content.decode()  # without htmx: a page
    assert "<html" in page and "<h1" in page and "IDE-0001" in page
    unrelated = client.get(SIMILAR, {"title": "Nye lyskastere på kunstgressbanen"},
                           HTTP_HX_REQUEST="true")
    assert "No similar ideas found." in unrelated.content.decode()


def test_similar_endpoint_leaves_out_the_excluded_idea(client_as, org, scoped):
    first = Idea.objects.get(organisation=org, reference="IDE-0001")
    page = client_as("employee").get(SIMILAR, {**LIKE_IDE_0001, "exclude": first.pk})
    assert "IDE-0001" not in page.content.decode()


def test_submitting_creates_the_idea_with_units_and_attachments(client_as, org, people,
                                                                 scoped):
    unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    files = [SimpleUploadedFile("plan.txt", b"En plan", content_type="text/plain"),
             SimpleUploadedFile("tall.csv", b"a;b\n1;2\n", content_type="text/csv")]
    response = client_as("employee").post(URL, {
        "title": "Sykkelparkering under tak", "problem": "Syklene blir våte.",
        "proposal": "Bygg et tak.", "expected_benefit": "Flere sykler til jobben.",
        "units": [unit.pk], "attachments": files})
    idea = Idea.objects.get(organisation=org, title="Sykkelparkering under tak")
    assert response.status_code == 302
    assert response["Location"] == f"/o/fjordby/ideas/{idea.reference}/"
    assert idea.author == people["employee"] and idea.status == "submitted"
    assert list(idea.units.all()) == [unit]
    assert sorted(IdeaAttachment.objects.filter(idea=idea).values_list("name", flat=True)) \
        == ["plan.txt", "tall.csv"]
    assert IdeaFollower.objects.filter(idea=idea, user=people["employee"]).exists()
    page = client_as("employee").get(response["Location"]).content.decode()
    assert "is submitted" in page


def test_refused_input_is_kept_with_errors_on_the_fields(client_as, org, scoped):
    before = Idea.objects.filter(organisation=org).count()
    response = client_as("employee").post(URL, {"title": "", "problem": "Lang kø",
                                                "proposal": "Noe lurt"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_title">Title: Give the idea a title.' in page
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in title_input and "id_title_error" in title_input
    assert 'id="id_title_error"' in page
    assert "Lang kø</textarea>" in page and "Noe lurt</textarea>" in page
    assert Idea.objects.filter(organisation=org).count() == before


def test_refused_attachment_refuses_the_idea_and_says_why(client_as, org, scoped):
    before = Idea.objects.filter(organisation=org).count()
    program = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/x")
    response = client_as("employee").post(URL, {"title": "Nytt verktøy",
                                                "problem": "Det gamle er tregt.",
                                                "attachments": [program]})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_attachments">Attachments: “virus.exe” is not a file type' in page
    assert 'value="Nytt verktøy"' in page
    assert "choose your attachments again" in page
    assert Idea.objects.filter(organisation=org).count() == before


# --------------------------------------------------------------------------- edit

def _own_submitted_idea(org, author):
    from gevinst.ideas.services.ideas import do_submit_idea

    return do_submit_idea(actor=author, organisation=org, title="Felles kalender",
                          problem="Vi dobbeltbooker møterom.")


def test_author_edits_a_submitted_idea(client_as, org, people, scoped):
    idea = _own_submitted_idea(org, people["employee"])
    url = f"/o/fjordby/ideas/{idea.reference}/edit/"
    client = client_as("employee")
    page = client.get(url).content.decode()
    assert 'value="Felles kalender"' in page and 'name="version"' in page
    response = client.post(url, {"title": "Felles kalender for møterom",
                                 "problem": "Vi dobbeltbooker.", "version": idea.version})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Felles kalender for møterom" and idea.problem == "Vi dobbeltbooker."


def test_stale_edit_is_refused_with_the_conflict_message(client_as, org, people, scoped):
    idea = _own_submitted_idea(org, people["employee"])
    url = f"/o/fjordby/ideas/{idea.reference}/edit/"
    stale = idea.version
    client_as("pmo").post(url, {"title": "PMO sin tittel", "problem": "Presisert.",
                                "version": stale})
    response = client_as("employee").post(url, {"title": "Min tittel",
                                                "problem": "Min tekst", "version": stale})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Somebody else saved this record while you were editing it." in page
    assert "Saved meanwhile by someone else" in page
    assert 'value="Min tittel"' in page
    idea.refresh_from_db()
    assert idea.title == "PMO sin tittel"


def test_author_cannot_edit_after_the_first_answer_but_the_pmo_can(client_as, org):
    url = "/o/fjordby/ideas/IDE-0001/edit/"  # under review
    assert client_as("employee").get(url).status_code == 403
    assert client_as("employee").post(url, {}).status_code == 403
    assert client_as("contributor").get(url).status_code == 403
    assert client_as("pmo").get(url).status_code == 200


def test_edit_of_another_organisations_idea_is_404(client_as):
    assert client_as("pmo").get("/o/fjordby/ideas/IDE-0002/edit/").status_code == 404
