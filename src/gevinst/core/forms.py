"""Form plumbing shared by every module (design-system markup, accessible errors)
and the organisation admin's forms."""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from gevinst.core.models import Organisation, Role, Unit


class DsBoundField(BoundField):
    """Design-system class on every input, and the field's error message linked to it."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not widget.is_hidden:
            attrs["class"] = f"{attrs.get('class', '')} ds-input".strip()
        if self.form.is_bound and self.errors:
            attrs["aria-invalid"] = "true"
            described = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described} {self.auto_id}_error".strip()
        return attrs


class GevinstFormRenderer(TemplatesSetting):
    """Every form in the app (ours and allauth's) renders with design-system markup."""

    form_template_name = "core/forms/div.html"
    bound_field_class = DsBoundField


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with design-system labels (the input class stays on the boxes)."""

    template_name = "benefits/register/_checkboxes.html"


class Radios(forms.RadioSelect):
    """Radio buttons with design-system labels, laid out like the checkboxes."""

    template_name = "benefits/register/_checkboxes.html"


class VersionedFormMixin(forms.Form):
    """Carries the version the editor started from, to detect concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=True)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class OrganisationSettingsForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "currency", "size", "colour",
                  "loaded_hourly_cost", "productive_hours_per_fte", "discount_rate",
                  "wip_limit", "status_report_cadence", "status_report_due_day"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}

    def validate_unique(self):
        """Uniqueness and cross-field rules are checked by the service."""


class UnitForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "code", "parent"]
        field_classes = {"parent": SafeModelChoiceField}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Unit.objects.filter(organisation=organisation).order_by("name")
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = qs
        self.fields["parent"].empty_label = _("(top level)")

    def validate_unique(self):
        """Checked by the service, which knows the organisation."""


class NewUnitForm(UnitForm):
    version = None


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(),
                                  required=False, empty_label=_("(none)"))

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)


class MemberForm(VersionedFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(),
                                  required=False, empty_label=_("(none)"))
    title = forms.CharField(label=_("Job title"), max_length=150, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password (again)"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        from gevinst.core.models import User

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=data.get("full_name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


def run_service(form: forms.Form, call):
    """Run a service for a valid form; put its refusals on the form's fields.

    Returns the service's result, or None when it refused (the form then carries the
    messages and the user's input, so nothing typed is lost).
    """
    from django.core.exceptions import ValidationError

    from gevinst.core.versioning import EditConflict

    try:
        return call()
    except EditConflict as exc:
        form.add_error(None, str(exc))
        form.edit_conflict = True
        if "version" in form.fields and form.is_bound:
            # Keep everything the person typed; only the version moves on, so that saving
            # again is a deliberate choice to replace what the other person saved.
            current = (type(exc.instance)._base_manager.filter(pk=exc.instance.pk)
                       .values_list("version", flat=True).first())
            form.data = form.data.copy()
            form.data["version"] = current
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    return None
