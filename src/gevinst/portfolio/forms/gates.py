from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from gevinst.core.forms import DateInput, VersionedFormMixin
from gevinst.core.models import Organisation
from gevinst.portfolio.models import ChecklistItem, ChecklistTemplateItem, GateDecision, Phase


class FingerprintMixin(forms.Form):
    """Carries what the editor started from (records without a version field)."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)


class PhaseForm(FingerprintMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["custom_name", "description", "is_work_in_progress"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        """Checked by the service."""


class NewPhaseForm(forms.Form):
    custom_name = forms.CharField(label=_("Name"), max_length=100)
    after = SafeModelChoiceField(label=_("Place it after"), queryset=Phase.objects.none(),
                                 required=False, empty_label=_("(first, before every phase)"))
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    is_work_in_progress = forms.BooleanField(label=_("Counts as work in progress"),
                                             required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"].queryset = Phase.objects.filter(
            organisation=organisation).order_by("order")


class TemplateItemForm(FingerprintMixin, forms.ModelForm):
    class Meta:
        model = ChecklistTemplateItem
        fields = ["text", "guidance", "is_mandatory", "order"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "is_mandatory": _("An initiative cannot leave the phase while this item is open."),
            "order": _("Items are listed from the lowest number."),
        }

    def validate_unique(self):
        """Checked by the service."""


class NewTemplateItemForm(TemplateItemForm):
    fingerprint = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False


class ChecklistItemForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChecklistItem.Status.choices)
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def for_item(cls, item: ChecklistItem, data=None) -> ChecklistItemForm:
        return cls(data, prefix=f"item-{item.pk}", initial={
            "status": item.status, "comment": item.comment, "version": item.version})


class GateDecisionForm(VersionedFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=GateDecision.Decision.choices,
                                 widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput())
    decided_by = forms.CharField(
        label=_("Decided by"), max_length=200,
        help_text=_("The person or body that took the decision, e.g. the management group."))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the decision is to approve with conditions."))
    benefits_reviewed = forms.BooleanField(
        label=_("The initiative's benefits have been reviewed"), required=False,
        help_text=_("Required to approve: benefits are reviewed at every decision point."))
    benefits_review = forms.CharField(
        label=_("What the benefits review found"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Still valid, owners in place, profile realistic; what must change."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "gate")
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
