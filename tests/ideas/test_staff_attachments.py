"""Attachments: downloaded only through the view (access checked, as a download, nosniff),
added by the author or the portfolio office with the refusal shown, deleted by the uploader
or the portfolio office; another organisation's attachment is a 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gevinst.core.scoping import unscoped
from gevinst.ideas.models import Idea, IdeaAttachment

URL = "/o/fjordby/ideas/IDE-0001/"

pytestmark = pytest.mark.django_db


def world_attachment(org) -> IdeaAttachment:
    with unscoped():
        return IdeaAttachment.objects.get(organisation=org, name="notat.txt")


def test_download_is_an_attachment_with_nosniff(client_as, org):
    attachment = world_attachment(org)
    response = client_as("contributor").get(f"{URL}attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="notat.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("text/plain")
    assert b"".join(response.streaming_content) == b"Notat om ide"


def test_another_organisations_attachment_is_404(client_as, other_org):
    foreign = world_attachment(other_org)
    client = client_as("admin")
    assert client.get(f"{URL}attachments/{foreign.pk}/").status_code == 404
    assert client.post(f"{URL}attachments/{foreign.pk}/delete/").status_code == 404
    assert client.get(f"{URL}attachments/999999/").status_code == 404


def test_attachment_of_a_hidden_idea_is_404_for_others(client_as, org, scoped):
    Idea.objects.filter(organisation=org, reference="IDE-0001").update(
        hidden=True, hidden_reason="Skjult", hidden_at=timezone.now())
    attachment = world_attachment(org)
    assert client_as("viewer").get(f"{URL}attachments/{attachment.pk}/").status_code == 404
    assert client_as("employee").get(f"{URL}attachments/{attachment.pk}/").status_code == 200


def test_author_adds_a_file(client_as, org, scoped):
    response = client_as("employee").post(f"{URL}attachments/", {
        "file": SimpleUploadedFile("tall.csv", b"a;b\n1;2\n", content_type="text/csv")})
    assert response.status_code == 302 and response["Location"] == f"{URL}#attachments"
    assert IdeaAttachment.objects.filter(organisation=org, name="tall.csv").exists()


def test_refused_file_is_explained_on_the_page(client_as, org, scoped):
    response = client_as("employee").post(f"{URL}attachments/", {
        "file": SimpleUploadedFile("bilde.png", b"not a png", content_type="image/png")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file was not attached" in page and "is not really a PNG file" in page
    assert 'href="#attachment-file"' in page
    assert not IdeaAttachment.objects.filter(organisation=org, name="bilde.png").exists()


def test_only_the_author_and_the_pmo_add_files(client_as, org):
    upload = {"file": SimpleUploadedFile("a.txt", b"hei", content_type="text/plain")}
    assert client_as("contributor").post(f"{URL}attachments/", upload).status_code == 403
    assert "Attach file" not in client_as("contributor").get(URL).content.decode()
    upload = {"file": SimpleUploadedFile("b.txt", b"hei", content_type="text/plain")}
    assert client_as("pmo").post(f"{URL}attachments/", upload).status_code == 302


def test_uploader_deletes_others_may_not(client_as, org, scoped):
    attachment = world_attachment(org)  # uploaded by the employee
    url = f"{URL}attachments/{attachment.pk}/delete/"
    assert client_as("viewer").post(url).status_code == 403
    assert client_as("employee").get(url).status_code == 405
    response = client_as("employee").post(url)
    assert response.status_code == 302
    assert not IdeaAttachment.objects.filter(pk=attachment.pk).exists()
