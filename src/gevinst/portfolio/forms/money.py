from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gevinst.core.forms import VersionedFormMixin
from gevinst.portfolio.models import MoneyYear


def _amount(label, help_text="", min_value=None):
    return forms.DecimalField(
        label=label, help_text=help_text, required=False, max_digits=14, decimal_places=2,
        min_value=min_value, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))


class MoneyAmountsForm(forms.Form):
    investment = _amount(_("Investment"), min_value=0)
    internal_hours = forms.DecimalField(
        label=_("Internal hours"), required=False, max_digits=10, decimal_places=1,
        min_value=0, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    internal_cost = _amount(
        _("Internal cost"), min_value=0,
        help_text=_("Leave empty to use internal hours × the organisation's loaded hourly "
                    "cost."))
    external_purchases = _amount(_("External purchases"), min_value=0)
    operating_cost_change = _amount(
        _("Change in operating cost"),
        help_text=_("Yearly running cost the initiative adds; a negative number is a saving."))

    AMOUNTS = ("investment", "internal_hours", "internal_cost", "external_purchases",
               "operating_cost_change")

    def amounts(self) -> dict:
        """Amounts for the service: empty is zero, except internal cost (worked out)."""
        data = self.cleaned_data
        out = {name: data.get(name) or 0 for name in self.AMOUNTS if name != "internal_cost"}
        out["internal_cost"] = data.get("internal_cost")
        return out


class NewMoneyYearForm(MoneyAmountsForm):
    year = forms.IntegerField(label=_("Year"))
    kind = forms.ChoiceField(label=_("Kind"), choices=MoneyYear.Kind.choices)
    field_order = ["year", "kind"]


class EditMoneyYearForm(VersionedFormMixin, MoneyAmountsForm):
    pass
