"""Forms of the portfolio overview."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SaveViewForm(forms.Form):
    name = forms.CharField(label=_("Name of the view"), max_length=100)
    shared = forms.BooleanField(label=_("Share with the organisation"), required=False)
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
