from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from gevinst.core.forms import DateInput
from gevinst.portfolio.models import Dependency, Initiative


class InitiativeChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class DependencyForm(forms.ModelForm):
    class Meta:
        model = Dependency
        fields = ["depends_on", "needed_by", "description"]
        field_classes = {"depends_on": InitiativeChoiceField}
        widgets = {"needed_by": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"depends_on": _("This initiative needs")}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        # Every other initiative of the organisation; duplicates and cycles are refused by
        # the service with a message that says why.
        self.fields["depends_on"].queryset = (
            Initiative.objects.filter(organisation_id=initiative.organisation_id)
            .exclude(pk=initiative.pk).order_by("number"))
        self.fields["depends_on"].empty_label = _("(choose an initiative)")

    def validate_unique(self):
        """Checked by the service."""

    def _post_clean(self):
        """The service validates (the instance has no initiative yet)."""

