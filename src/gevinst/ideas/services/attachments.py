"""Files attached to ideas: at most five per idea, each at most 10 MB (setting
``IDEA_ATTACHMENT_MAX_BYTES``), of the types below only, and the content must be what the
extension says (a renamed program is refused). Stored per organisation and idea
(``ideas.models.attachment_path``), served only through the attachment view.

Added by the author or the portfolio office; deleted by the uploader or the portfolio
office.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gevinst.core.models import User
from gevinst.ideas import access
from gevinst.ideas.models import Idea, IdeaAttachment

MAX_ATTACHMENTS = 5
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
NAME_MAX = 200

OOXML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Extension → the content type the file is stored and served with.
ALLOWED_EXTENSIONS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    **ODF,
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def max_bytes() -> int:
    return int(getattr(settings, "IDEA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class CheckedUpload:
    """What validate_upload found: the clean file name, its type and its size."""

    name: str
    extension: str
    content_type: str
    size: int


def _clean_name(raw: str) -> str:
    name = os.path.basename((raw or "").replace("\\", "/")).strip() or "file"
    name = "".join(ch for ch in name if ch.isprintable())
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:NAME_MAX - len(ext) - 1] + dot + ext) if dot else name[:NAME_MAX]
    return name


def _read(file, size: int | None = None) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read() if size is None else file.read(size)
    if hasattr(file, "seek"):
        file.seek(0)
    return data or b""


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        size = len(_read(file))
    return int(size)


def _zip_matches(file, extension: str) -> bool:
    """A real office document of the kind the extension says (not any ZIP renamed)."""
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if extension in OOXML:
                prefix = OOXML[extension]
                return "[Content_Types].xml" in names and any(n.startswith(prefix)
                                                              for n in names)
            return ("mimetype" in names
                    and archive.read("mimetype").strip() == ODF[extension].encode())
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    finally:
        if hasattr(file, "seek"):
            file.seek(0)


def _content_matches(file, extension: str) -> bool:
    head = _read(file, 8)
    if extension == "pdf":
        return head.startswith(b"%PDF")
    if extension == "png":
        return head.startswith(PNG_SIGNATURE)
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8")
    if extension in ("txt", "csv"):
        try:
            _read(file).decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    if not head.startswith(b"PK\x03\x04"):
        return False
    return _zip_matches(file, extension)


def allowed_types_text() -> str:
    return _("PDF, PNG, JPEG, text (txt), CSV, Word (docx), Excel (xlsx), PowerPoint (pptx) "
             "and OpenDocument (odt, ods, odp)")


def validate_upload(file) -> CheckedUpload:
    """Check one uploaded file (a Django UploadedFile or File). Raises ValidationError (a
    list of messages naming the file, without a field: the caller keys it) when the type is
    not accepted, the content does not match the extension, or the file is empty or too
    large."""
    name = _clean_name(getattr(file, "name", "") or "")
    _stem, dot, extension = name.rpartition(".")
    extension = extension.lower() if dot else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not a file type we accept. Attach %(types)s.")
            % {"name": name, "types": allowed_types_text()}, code="file_type")
    size = _size(file)
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file can be at most %(max)s.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(max_bytes())},
            code="file_size")
    if not _content_matches(file, extension):
        raise ValidationError(
            _("“%(name)s” is not really a %(extension)s file: its content does not match "
              "its name. Attach the original file.")
            % {"name": name, "extension": extension.upper()}, code="file_content")
    return CheckedUpload(name=name, extension=extension,
                         content_type=ALLOWED_EXTENSIONS[extension], size=size)


def store(*, actor: User, idea: Idea, file, checked: CheckedUpload) -> IdeaAttachment:
    """Save a checked file as an attachment of ``idea`` (no checks: the callers do them)."""
    attachment = IdeaAttachment(organisation_id=idea.organisation_id, idea=idea,
                                name=checked.name, content_type=checked.content_type,
                                size=checked.size, uploaded_by=actor)
    if hasattr(file, "seek"):
        file.seek(0)
    attachment.file.save(checked.name, file, save=False)
    attachment.save()
    return attachment


def _membership(idea: Idea, actor: User):
    from gevinst.ideas.services.ideas import membership_of

    return membership_of(idea.organisation_id, actor)


@transaction.atomic
def do_add_attachment(*, actor: User, idea: Idea, file) -> IdeaAttachment:
    """Attach a file to an idea: the author or the portfolio office, up to five files."""
    membership = _membership(idea, actor)
    if not access.can_see_idea(membership, idea) or not (
            access.can_process(membership) or idea.author_id == actor.pk):
        raise PermissionDenied(_("Only the author and the portfolio office add files to an "
                                 "idea."))
    # Lock the idea so that two uploads at once cannot both take the fifth place.
    Idea.objects.select_for_update().filter(pk=idea.pk).values_list("pk").first()
    if IdeaAttachment.objects.filter(organisation_id=idea.organisation_id,
                                     idea=idea).count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": _(
            "An idea can have at most %(max)s attachments. Delete one before adding another.")
            % {"max": MAX_ATTACHMENTS}})
    try:
        checked = validate_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    return store(actor=actor, idea=idea, file=file, checked=checked)


@transaction.atomic
def do_delete_attachment(*, actor: User, attachment: IdeaAttachment) -> None:
    """Delete an attachment: its uploader or the portfolio office. The file goes when the
    transaction commits."""
    membership = _membership(attachment.idea, actor)
    if not (access.can_process(membership) or (
            membership is not None and attachment.uploaded_by_id == actor.pk)):
        raise PermissionDenied(_("Only the person who added the file and the portfolio "
                                 "office delete it."))
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path), robust=True)
