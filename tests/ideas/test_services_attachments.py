"""Attachments (ideas/services/attachments.py): types checked against the content, size and
count limits, who adds and who deletes."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gevinst.ideas.models import Idea, IdeaAttachment
from gevinst.ideas.services.attachments import (
    ALLOWED_EXTENSIONS,
    MAX_ATTACHMENTS,
    do_add_attachment,
    do_delete_attachment,
    validate_upload,
)

pytestmark = pytest.mark.usefixtures("scoped")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<x/>"})


def _idea(org):
    return Idea.objects.get(organisation=org, reference="IDE-0001")


def _file(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize("name,data,content_type", [
    ("bilde.png", PNG, "image/png"),
    ("foto.JPG", JPEG, "image/jpeg"),
    ("notat.txt", "Blåbærsyltetøy".encode(), "text/plain"),
    ("rapport.docx", DOCX, ALLOWED_EXTENSIONS["docx"]),
    ("budsjett.ods", ODS, ALLOWED_EXTENSIONS["ods"]),
])
def test_accepted_types_with_matching_content(name, data, content_type):
    checked = validate_upload(_file(name, data))
    assert (checked.name, checked.content_type, checked.size) == (name, content_type,
                                                                  len(data))


@pytest.mark.parametrize("name,data", [
    ("virus.exe", b"MZ\x90\x00"),          # a type we do not take
    ("faktura.pdf", b"MZ\x90\x00\x03"),    # a program renamed to .pdf
    ("bilde.png", JPEG),                   # a JPEG called PNG
    ("notat.txt", b"\xff\xfe\x00t\x00e"),  # not UTF-8
    ("rapport.docx", ODS),                 # a zip, but not a Word document
    ("arkiv.xlsx", b"PK\x03\x04 not a zip at all"),
    ("uten-endelse", b"%PDF-1.4"),
])
def test_wrong_types_and_renamed_files_are_refused(name, data):
    with pytest.raises(ValidationError) as exc:
        validate_upload(_file(name, data))
    assert name in exc.value.messages[0]


def test_a_file_above_the_limit_is_refused(settings):
    settings.IDEA_ATTACHMENT_MAX_BYTES = 1024
    validate_upload(_file("ok.txt", b"x" * 1024))
    with pytest.raises(ValidationError) as exc:
        validate_upload(_file("stor.txt", b"x" * 1025))
    assert exc.value.code == "file_size"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        validate_upload(_file("tom.txt", b""))


def test_the_author_adds_files_up_to_the_limit(org, people):
    idea = _idea(org)  # the world attached notat.txt
    for i in range(MAX_ATTACHMENTS - 1):
        attachment = do_add_attachment(actor=people["employee"], idea=idea,
                                       file=_file(f"bilde{i}.png", PNG))
    assert attachment.uploaded_by == people["employee"]
    assert attachment.content_type == "image/png"
    with pytest.raises(ValidationError) as exc:
        do_add_attachment(actor=people["employee"], idea=idea, file=_file("sjette.png", PNG))
    assert "file" in exc.value.message_dict
    assert IdeaAttachment.objects.filter(idea=idea).count() == MAX_ATTACHMENTS


def test_a_refused_file_is_keyed_to_the_file_field(org, people):
    with pytest.raises(ValidationError) as exc:
        do_add_attachment(actor=people["employee"], idea=_idea(org),
                          file=_file("x.exe", b"MZ"))
    assert "file" in exc.value.message_dict


def test_others_than_the_author_and_the_pmo_cannot_add(org, people):
    with pytest.raises(PermissionDenied):
        do_add_attachment(actor=people["viewer"], idea=_idea(org), file=_file("a.png", PNG))
    do_add_attachment(actor=people["pmo"], idea=_idea(org), file=_file("a.png", PNG))


def test_delete_by_the_uploader_or_the_pmo_and_the_file_goes_on_commit(
        org, people, django_capture_on_commit_callbacks):
    attachment = do_add_attachment(actor=people["employee"], idea=_idea(org),
                                   file=_file("a.png", PNG))
    storage, path = attachment.file.storage, attachment.file.name
    with pytest.raises(PermissionDenied):
        do_delete_attachment(actor=people["viewer"], attachment=attachment)
    with django_capture_on_commit_callbacks(execute=True):
        do_delete_attachment(actor=people["employee"], attachment=attachment)
    assert not IdeaAttachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(path)
    world = IdeaAttachment.objects.get(idea=_idea(org), name="notat.txt")
    do_delete_attachment(actor=people["pmo"], attachment=world)
