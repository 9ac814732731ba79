"""An idea's attachments: download (whoever may see the idea), add (the author and the
portfolio office), delete (the uploader and the portfolio office).

Files are never served as public media: the download looks the attachment up inside the
idea, inside the organisation (404 for anything else), and sends it as a download with
``X-Content-Type-Options: nosniff`` so that a browser never runs it as a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.forms.staff import AttachmentForm
from gevinst.ideas.selectors.detail import get_attachment, get_idea
from gevinst.ideas.services.attachments import do_add_attachment, do_delete_attachment
from gevinst.ideas.views.detail import idea_url, render_idea


@role_required(Role.EMPLOYEE)
@require_GET
def idea_attachment(request, org_slug, idea, attachment_id):
    obj = get_idea(request.organisation, idea, request.membership)
    attachment = get_attachment(obj, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.EMPLOYEE)
@require_POST
def idea_attachment_add(request, org_slug, idea):
    membership = request.membership
    obj = get_idea(request.organisation, idea, membership)
    if not (access.can_process(membership) or obj.author_id == request.user.pk):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        saved = run_service(form, lambda: do_add_attachment(
            actor=request.user, idea=obj, file=form.cleaned_data["file"]))
        if saved:
            messages.success(request, _("“%(name)s” is attached.") % {"name": saved.name})
            return redirect(idea_url(request, obj, "attachments"))
    return render_idea(request, obj, attachment_form=form)


@role_required(Role.EMPLOYEE)
@require_POST
def idea_attachment_delete(request, org_slug, idea, attachment_id):
    membership = request.membership
    obj = get_idea(request.organisation, idea, membership)
    attachment = get_attachment(obj, attachment_id)
    if not (access.can_process(membership) or attachment.uploaded_by_id == request.user.pk):
        raise PermissionDenied
    attachment.idea = obj
    do_delete_attachment(actor=request.user, attachment=attachment)
    messages.success(request, _("“%(name)s” is deleted.") % {"name": attachment.name})
    return redirect(idea_url(request, obj, "attachments"))


urlpatterns = [
    path("ideas/<str:idea>/attachments/", idea_attachment_add, name="idea_attachment_add"),
    path("ideas/<str:idea>/attachments/<int:attachment_id>/", idea_attachment,
         name="idea_attachment"),
    path("ideas/<str:idea>/attachments/<int:attachment_id>/delete/", idea_attachment_delete,
         name="idea_attachment_delete"),
]
