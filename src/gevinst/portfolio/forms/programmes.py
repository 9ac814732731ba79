from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gevinst.core.forms import DateInput, VersionedFormMixin
from gevinst.core.models import Organisation, Role, User
from gevinst.portfolio.forms.initiatives import PersonChoiceField
from gevinst.portfolio.models import Programme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description", "owner", "manager", "start_date", "end_date",
                  "is_active"]
        field_classes = {"owner": PersonChoiceField, "manager": PersonChoiceField}
        labels = {"owner": _("Programme owner"), "manager": _("Programme manager")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE],
        ).order_by("full_name", "email")
        self.fields["owner"].queryset = people
        self.fields["manager"].queryset = people
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def validate_unique(self):
        """Checked by the service, which knows the organisation."""


class EditProgrammeForm(VersionedFormMixin, ProgrammeForm):
    pass
