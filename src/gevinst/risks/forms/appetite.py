"""The risk appetite form: one threshold per category (empty = the default of 12)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gevinst.risks.models import Category, RiskAppetite


class AppetiteForm(forms.Form):
    """A field per category, named after the category (the service's errors land on it)."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Category.choices:
            self.fields[value] = forms.IntegerField(
                label=label, required=False, initial=current.get(value),
                widget=forms.NumberInput(attrs={"min": 1, "max": 25, "inputmode": "numeric"}),
                help_text=_("Empty: the default, %(default)s.") % {
                    "default": RiskAppetite.DEFAULT_THRESHOLD})

    def thresholds(self) -> dict[str, int | None]:
        return {value: self.cleaned_data.get(value) for value in Category.values}
