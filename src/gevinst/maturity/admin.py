"""The platform operator's view of the maturity models: every version, read-only, and
"Add" to install a changed model file as the next version (see ``modeldata``)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from gevinst.maturity import modeldata
from gevinst.maturity.models import MaturityModelVersion
from gevinst.maturity.services.versions import install_model


class InstallForm(forms.ModelForm):
    """The TOML text of a model: pasted, or a file (the file wins)."""

    upload = forms.FileField(label=_("Model file (.toml)"), required=False)

    class Meta:
        model = MaturityModelVersion
        fields = ["source", "note"]
        widgets = {"source": forms.Textarea(attrs={"rows": 30, "cols": 120,
                                                   "spellcheck": "false"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = False
        self.fields["source"].help_text = _(
            "Paste the model file, or choose it above. Start from the current version's "
            "source. Installing a changed model makes the next version; campaigns keep "
            "the version they were run with.")

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            try:
                data["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", _("The file must be UTF-8 text."))
                return data
        if not (data.get("source") or "").strip():
            self.add_error("source", _("Paste the model file or choose it."))
            return data
        try:
            modeldata.parse(data["source"])
        except modeldata.ModelError as exc:
            self.add_error("source", list(exc.problems))
        return data


@admin.register(MaturityModelVersion)
class MaturityModelVersionAdmin(admin.ModelAdmin):
    list_display = ["model", "number", "version_name", "questions", "created_at", "created_by",
                    "note"]
    list_filter = ["model"]
    readonly_fields = ["model", "number", "version_name", "outline", "digest", "created_at",
                       "created_by", "note", "source"]
    fields = readonly_fields

    @admin.display(description=_("name"))
    def version_name(self, obj):
        return obj.name

    @admin.display(description=_("questions"))
    def questions(self, obj):
        return obj.question_count

    @admin.display(description=_("dimensions"))
    def outline(self, obj):
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>{} ({}, weight {}): {} questions</li>",
            ((modeldata.localized(d["name"]), d["key"], f"{d['weight']:g}",
              len(d["questions"])) for d in obj.content["dimensions"])))

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = InstallForm
            kwargs["fields"] = ["upload", "source", "note"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["upload", "source", "note"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        version, created = install_model(form.cleaned_data["source"], by=request.user,
                                         note=form.cleaned_data.get("note") or "")
        # The admin's messages and redirect use the version installed (or the current one
        # when the content is the same).
        obj.pk = version.pk
        obj.model_id = version.model_id
        obj.number = version.number
        obj._state.adding = False
        if not created:
            self.message_user(request, _("The content is the same as the current version "
                                         "%(version)s: nothing was installed.")
                              % {"version": version})

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # campaigns keep the version they were run with
