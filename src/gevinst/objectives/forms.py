"""Forms of objectives, KPIs and KPI measurements, and the objectives field of the
initiative form. Every choice is limited to the organisation; numbers are read the way the
organisation writes them (``1 234,5``) and the plain way (``1234.5``)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from gevinst.benefits.forms.measures import NumberField, decimal_mark
from gevinst.core.forms import Checkboxes, DateInput, VersionedFormMixin
from gevinst.core.models import Organisation, Role, User
from gevinst.objectives.models import Kpi, Objective


def _use_organisation(form: forms.Form, organisation) -> None:
    mark = decimal_mark(organisation)
    for field in form.fields.values():
        if isinstance(field, NumberField):
            field.mark = mark
            field.widget.organisation = organisation


def objective_choices(organisation: Organisation):
    return Objective.objects.filter(organisation=organisation).order_by("number")


class ObjectiveChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class ObjectivesField(SafeModelMultipleChoiceField):
    """Several objectives of the organisation, as checkboxes (the initiative form)."""

    widget = Checkboxes

    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


def objectives_field(organisation: Organisation) -> ObjectivesField:
    field = ObjectivesField(
        queryset=Objective.objects.none(), required=False, label=_("Objectives"),
        help_text=_("The strategic objectives the initiative contributes to."))
    field.queryset = objective_choices(organisation)
    return field


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


def people(organisation: Organisation):
    """Members who work with the portfolio (an objective's owner is often a leader with a
    viewer's role)."""
    return (User.objects.filter(
        memberships__organisation=organisation,
        memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE])
        .order_by("full_name", "email").distinct())


# --------------------------------------------------------------------------- objectives

OBJECTIVE_FORM_FIELDS = ["title", "description", "parent", "owner"]


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = OBJECTIVE_FORM_FIELDS
        field_classes = {"parent": ObjectiveChoiceField, "owner": PersonChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        parents = objective_choices(organisation)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("(top level)")
        self.fields["parent"].help_text = _("The broader objective this one is part of.")
        self.fields["owner"].queryset = people(organisation)
        self.fields["owner"].empty_label = _("(not named yet)")
        self.fields["owner"].help_text = _(
            "Answers for the objective; may record its KPIs' measurements.")
        self.fields["title"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self):
        """The service checks the objective (and changes it only when it saves)."""

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in OBJECTIVE_FORM_FIELDS}


class EditObjectiveForm(VersionedFormMixin, ObjectiveForm):
    pass


# --------------------------------------------------------------------------- KPIs

KPI_FORM_FIELDS = ["name", "description", "unit", "direction", "data_source",
                   "baseline_value", "baseline_date", "target_value", "target_date",
                   "tolerance"]


class KpiForm(forms.ModelForm):
    baseline_value = NumberField(label=_("Baseline"), required=True, max_digits=18,
                                 help_text=_("Where the KPI stood on the baseline date."))
    target_value = NumberField(label=_("Target"), required=True, max_digits=18,
                               help_text=_("Where it should be on the target date."))
    tolerance = NumberField(
        label=_("Tolerance (percentage points)"), required=True, max_digits=5,
        decimal_places=2, min_value=0, max_value=100,
        help_text=Kpi._meta.get_field("tolerance").help_text)

    class Meta:
        model = Kpi
        fields = KPI_FORM_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "baseline_date": DateInput(), "target_date": DateInput()}

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _use_organisation(self, organisation)
        if not self.instance.pk:
            self.fields["tolerance"].initial = Decimal("5")
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self):
        """The service checks the KPI (and changes it only when it saves)."""

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in KPI_FORM_FIELDS}


class EditKpiForm(VersionedFormMixin, KpiForm):
    pass


# --------------------------------------------------------------------------- measurements

class KpiMeasurementForm(forms.Form):
    measured_on = forms.DateField(label=_("Date"), widget=DateInput(),
                                  help_text=_("The day the value was measured."))
    value = NumberField(label=_("Value"), required=True, max_digits=18)
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisation: Organisation | None = None, kpi: Kpi | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        _use_organisation(self, organisation)
        if kpi is not None and kpi.unit:
            self.fields["value"].label = f"{self.fields['value'].label} ({kpi.unit})"
        if not self.is_bound and "measured_on" not in self.initial:
            self.initial["measured_on"] = timezone.localdate()

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("measured_on", "value",
                                                              "comment")}


class EditKpiMeasurementForm(VersionedFormMixin, KpiMeasurementForm):
    pass
