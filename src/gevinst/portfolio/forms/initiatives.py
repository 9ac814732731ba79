from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from gevinst.core.forms import DateInput, VersionedFormMixin
from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.portfolio.models import Initiative, Phase


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "problem", "target_state", "proposal", "expected_benefit",
                  "ambition", "is_lighthouse",
                  "programme",
                  "owning_unit", "affected_units", "owner", "manager", "phase", "status",
                  "start_date", "end_date", "objectives"]
        field_classes = {"owner": PersonChoiceField, "manager": PersonChoiceField,
                         "owning_unit": SafeModelChoiceField, "phase": SafeModelChoiceField,
                         "programme": SafeModelChoiceField,
                         "affected_units": SafeModelMultipleChoiceField,
                         "objectives": SafeModelMultipleChoiceField}
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "target_state": forms.Textarea(attrs={"rows": 3}),
            "proposal": forms.Textarea(attrs={"rows": 3}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owning_unit"].queryset = Unit.objects.filter(
            organisation=organisation).order_by("name")
        from gevinst.core.forms import Checkboxes

        # The widget first: setting the queryset hands the (organisation's) choices to it.
        self.fields["affected_units"].widget = Checkboxes()
        self.fields["affected_units"].queryset = Unit.objects.filter(
            organisation=organisation).order_by("name")
        self.fields["affected_units"].help_text = _(
            "The units whose work or services the initiative changes.")
        self.fields["phase"].queryset = Phase.objects.filter(
            organisation=organisation).order_by("order")
        people = User.objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE],
        ).order_by("full_name", "email")
        self.fields["owner"].queryset = people
        self.fields["manager"].queryset = people
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        from gevinst.portfolio.models import Programme

        self.fields["programme"].queryset = Programme.objects.filter(
            organisation=organisation).order_by("-is_active", "name")
        self.fields["programme"].empty_label = _("(no programme)")
        from gevinst.objectives.forms import objectives_field

        self.fields["objectives"] = objectives_field(organisation)
        self.fields["phase"].empty_label = None
        self.fields["phase"].help_text = _(
            "The phase the initiative is in now. Afterwards it changes only through gate "
            "decisions.")
        self.fields["ambition"].help_text = _(
            "Improve an existing process, or transform how the service works.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data

    def validate_unique(self):
        """Uniqueness and cross-field rules are checked by the service."""


class EditInitiativeForm(VersionedFormMixin, InitiativeForm):
    """Editing leaves the phase alone: it changes only through a gate decision."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["phase"]
