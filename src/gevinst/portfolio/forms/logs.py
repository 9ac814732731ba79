from __future__ import annotations

from django import forms

from gevinst.core.forms import DateInput, VersionedFormMixin
from gevinst.portfolio.models import LogEntry


class LogEntryForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["kind", "title", "occurred_on", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}),
                   "occurred_on": DateInput()}

    def validate_unique(self):
        """Checked by the service."""


class EditLogEntryForm(VersionedFormMixin, LogEntryForm):
    pass
