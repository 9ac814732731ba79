"""Forms of the benefit register: the benefit, its lifecycle status, its initiatives with
attribution and its value profile. Choices of people, units, objectives and initiatives are
limited to the organisation; the services check every rule again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from gevinst.benefits.models import Benefit
from gevinst.benefits.services.benefits import BENEFIT_FIELDS, M2M_FIELDS
from gevinst.core.forms import Checkboxes, DateInput, VersionedFormMixin
from gevinst.core.models import Organisation, Unit
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative

DECIMAL_WIDGET = {"inputmode": "decimal", "autocomplete": "off"}

# How the benefit form is laid out: plain groups, then the valuation inputs in a fieldset.
GENERAL = ("title", "description", "is_disbenefit", "category", "beneficiary", "cashability",
           "confidence")
OWNERSHIP = ("owner", "owner_unit", "realising_units", "objectives")
CHANGE = ("enabling_changes", "preconditions", "baseline_plan_date", "baseline_plan")
VALUATION = ("valuation_method", "minutes_per_case", "cases_per_year", "unit_cost",
             "units_per_year", "contract_cost_before", "contract_cost_after",
             "optimism_adjustment")
LINK = ("initiative", "attribution")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class InitiativeChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class ObjectiveChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


def attribution_field(**kwargs) -> forms.DecimalField:
    # No bounds here: the service explains a share that is too large (with what is left).
    return forms.DecimalField(
        label=_("Attribution (%)"), max_digits=6, decimal_places=2, localize=True,
        widget=forms.TextInput(attrs=DECIMAL_WIDGET), **kwargs)


def _people(organisation: Organisation):
    from gevinst.benefits.selectors.register import owner_choices

    return owner_choices(organisation)


class BenefitForm(forms.ModelForm):
    """Register a benefit; with ``initiative`` given (``?initiative=INI-0001``) the form
    also links it to an initiative with its attribution."""

    class Meta:
        model = Benefit
        fields = [*BENEFIT_FIELDS, *M2M_FIELDS]
        field_classes = {"owner": PersonChoiceField, "owner_unit": SafeModelChoiceField,
                         "realising_units": SafeModelMultipleChoiceField,
                         "objectives": ObjectiveChoiceField}
        localized_fields = ["optimism_adjustment", "minutes_per_case", "cases_per_year",
                            "unit_cost", "units_per_year", "contract_cost_before",
                            "contract_cost_after"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "enabling_changes": forms.Textarea(attrs={"rows": 3}),
            "preconditions": forms.Textarea(attrs={"rows": 3}),
            "baseline_plan": forms.Textarea(attrs={"rows": 2}),
            "baseline_plan_date": DateInput(),
            "realising_units": Checkboxes,
            "objectives": Checkboxes,
            **{name: forms.TextInput(attrs=DECIMAL_WIDGET) for name in (
                "optimism_adjustment", "minutes_per_case", "cases_per_year", "unit_cost",
                "units_per_year", "contract_cost_before", "contract_cost_after")},
        }

    def __init__(self, *args, organisation: Organisation, with_link: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(organisation)
        self.fields["owner"].empty_label = _("(not named yet)")
        self.fields["owner_unit"].queryset = Unit.objects.filter(
            organisation=organisation).order_by("name")
        self.fields["owner_unit"].empty_label = _("(not chosen yet)")
        self.fields["realising_units"].queryset = Unit.objects.filter(
            organisation=organisation).order_by("name")
        self.fields["objectives"].queryset = Objective.objects.filter(
            organisation=organisation).order_by("number")
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        currency = organisation.currency
        for name in ("unit_cost", "contract_cost_before", "contract_cost_after"):
            self.fields[name].label = f"{self.fields[name].label} ({currency})"
        self.fields["minutes_per_case"].help_text = _(
            "Time saved: minutes per case × cases per year ÷ 60 gives hours per year, valued "
            "at the organisation's loaded hourly cost.")
        self.fields["unit_cost"].help_text = _("Unit cost avoided: cost per unit × units per "
                                               "year.")
        self.fields["contract_cost_before"].help_text = _(
            "Contract difference: yearly cost before − yearly cost after.")
        if with_link:
            self.fields["initiative"] = InitiativeChoiceField(
                queryset=Initiative.objects.none(), label=_("Initiative"),
                help_text=_("The initiative that enables the benefit."))
            self.fields["initiative"].queryset = Initiative.objects.filter(
                organisation=organisation).order_by("number")
            self.fields["attribution"] = attribution_field(
                initial=Decimal("100"),
                help_text=_("The initiative's share of the benefit. The shares of all "
                            "initiatives add up to at most 100 %, so that the benefit is "
                            "never counted twice."))

    def validate_unique(self):
        """Checked by the service, which knows the organisation."""

    def groups(self) -> list[tuple[str, str, list]]:
        """(id, legend, bound fields) per part of the form; legend '' = no fieldset."""
        def bound(names):
            return [self[name] for name in names if name in self.fields]

        parts = [("general", "", bound(GENERAL)),
                 ("ownership", _("Owner and links"), bound(OWNERSHIP)),
                 ("changes", _("Enabling changes and baseline"), bound(CHANGE)),
                 ("valuation", _("Valuation (per year at full realisation)"),
                  bound(VALUATION))]
        if "initiative" in self.fields:
            parts.append(("initiative", _("Initiative"), bound(LINK)))
        return parts

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in (*BENEFIT_FIELDS, *M2M_FIELDS)}


class EditBenefitForm(VersionedFormMixin, BenefitForm):
    pass


class StatusForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Benefit.Status.choices)
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    initiative = InitiativeChoiceField(queryset=Initiative.objects.none(),
                                       label=_("Initiative"))
    attribution = attribution_field(
        help_text=_("The initiative's share of the benefit. Choosing an initiative that is "
                    "already linked changes its share."))

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(
            organisation=organisation).order_by("number")


class ProfileRowForm(forms.Form):
    """One year of the value profile; a row left empty is no year."""

    year = forms.IntegerField(label=_("Year"), required=False,
                              widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                            "autocomplete": "off"}))
    share = forms.DecimalField(label=_("Share of full value (%)"), required=False,
                               max_digits=6, decimal_places=2, localize=True,
                               widget=forms.TextInput(attrs=DECIMAL_WIDGET))

    def clean(self):
        data = super().clean()
        year, share = data.get("year"), data.get("share")
        if year is None and share is None:
            return data
        last = timezone.localdate().year + 30
        if year is None and "year" not in self.errors:
            self.add_error("year", _("Enter the year."))
        elif year is not None and not 2000 <= year <= last:
            self.add_error("year", _("Choose a year from 2000 to %(last)s.") % {"last": last})
        if share is None and "share" not in self.errors:
            self.add_error("share", _("Enter the share of the full value for this year."))
        elif share is not None and not Decimal("0") <= share <= Decimal("200"):
            self.add_error("share", _("Enter a share from 0 to 200 %."))
        return data


class BaseProfileFormSet(forms.BaseFormSet):
    def clean(self):
        seen: dict[int, int] = {}
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
            if year is None:
                continue
            if year in seen:
                form.add_error("year", _("%(year)s is already in row %(row)s.")
                               % {"year": year, "row": seen[year] + 1})
            else:
                seen[year] = index

    def shares(self) -> dict[int, Decimal]:
        out = {}
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", {})
            if data.get("year") is not None and data.get("share") is not None:
                out[data["year"]] = data["share"]
        return out


ProfileFormSet = forms.formset_factory(ProfileRowForm, formset=BaseProfileFormSet, extra=3,
                                       can_delete=True, max_num=60, validate_max=True)

__all__ = ["BenefitForm", "EditBenefitForm", "LinkForm", "ProfileFormSet", "StatusForm"]
