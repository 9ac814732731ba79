"""Forms staff use on the idea pages: submit and edit an idea, comment and reply, report
abuse, attach a file. Affected units are limited to the organisation; the services check
every rule again (lengths, units, attachments) and their refusals land on these fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelMultipleChoiceField

from gevinst.core.forms import Checkboxes, VersionedFormMixin
from gevinst.core.models import Organisation, Unit

COMMENT_MAX = 5000
REASON_MAX = 2000
ACCEPT = ".pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx,.pptx,.odt,.ods,.odp"


def attachment_help() -> str:
    from django.template.defaultfilters import filesizeformat

    from gevinst.ideas.services.attachments import (
        MAX_ATTACHMENTS,
        allowed_types_text,
        max_bytes,
    )

    return _("Up to %(n)s files, each at most %(max)s: %(types)s.") % {
        "n": MAX_ATTACHMENTS, "max": filesizeformat(max_bytes()),
        "types": allowed_types_text()}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern): a list, maybe empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class UnitsField(SafeModelMultipleChoiceField):
    widget = Checkboxes


def units_field(organisation: Organisation) -> UnitsField:
    field = UnitsField(
        queryset=Unit.objects.none(), required=False, label=_("Affected units"),
        help_text=_("The units whose work the idea would change. Leave empty if you are "
                    "not sure."))
    field.queryset = Unit.objects.filter(organisation=organisation).order_by("name")
    return field


class IdeaForm(forms.Form):
    """Submit an idea. While the title and the problem are typed, the page shows similar
    ideas (``hx-*`` attributes on the two fields; without JavaScript the "Check for similar
    ideas" button does the same)."""

    title = forms.CharField(
        label=_("Title"), max_length=200,
        help_text=_("A short name for the idea."),
        error_messages={"required": _("Give the idea a title.")})
    problem = forms.CharField(
        label=_("Problem"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is wrong or could be better today, and for whom?"),
        error_messages={"required": _("Describe the problem the idea solves.")})
    proposal = forms.CharField(
        label=_("Proposal"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What do you suggest we do?"))
    expected_benefit = forms.CharField(
        label=_("Expected benefit"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would be better, for whom, and how could we tell?"))

    def __init__(self, *args, organisation: Organisation, similar_url: str | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"] = units_field(organisation)
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        if similar_url:
            for name in ("title", "problem"):
                self.fields[name].widget.attrs.update({
                    "hx-get": similar_url, "hx-trigger": "input changed delay:400ms",
                    "hx-target": "#similar-results", "hx-swap": "innerHTML",
                    "hx-include": "[name='title'], [name='problem']",
                    "hx-sync": "closest form:replace",
                    "aria-controls": "similar-results"})

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in (
            "title", "problem", "proposal", "expected_benefit", "units")}


class SubmitIdeaForm(IdeaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = MultipleFileField(
            label=_("Attachments"), required=False, help_text=attachment_help())


class EditIdeaForm(VersionedFormMixin, IdeaForm):
    """Edit an idea (the author before the first answer, the portfolio office until it is
    accepted); ``version`` detects a concurrent edit."""


class CommentForm(forms.Form):
    """A comment, or a reply when ``parent`` is set."""

    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment."),
                        "max_length": _("A comment can be at most %(limit_value)d characters "
                                        "long (it has %(show_value)d).")})
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"), max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell the moderators which rule it breaks, e.g. personal attacks, "
                    "personal data or advertising. The moderators see who reported it."),
        error_messages={"required": _("Say what is wrong, so the moderators can judge it.")})


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Choose a file to attach.")})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "attachment-%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = attachment_help()
