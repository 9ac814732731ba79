from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gevinst.core.forms import VersionedFormMixin
from gevinst.portfolio.models import RAG, StatusReport
from gevinst.portfolio.services.reports import REPORT_FIELDS


class StatusReportForm(VersionedFormMixin, forms.ModelForm):
    """A draft's content. Blank statuses may be saved; publishing needs all seven."""

    class Meta:
        model = StatusReport
        fields = ["summary", "overall",
                  "schedule", "schedule_comment", "cost", "cost_comment",
                  "scope", "scope_comment", "risk", "risk_comment",
                  "benefits", "benefits_comment", "resources", "resources_comment",
                  "budget", "actual", "forecast"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            **{f"{d}_comment": forms.Textarea(attrs={"rows": 2})
               for d in ("schedule", "cost", "scope", "risk", "benefits", "resources")},
        }

    def __init__(self, *args, currency: str = "", risk_suggestion: dict | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("budget", "actual", "forecast"):
            field = self.fields[name]
            field.widget.attrs.update({"inputmode": "decimal", "step": "any", "min": "0"})
            if currency:
                field.help_text = _("In %(currency)s.") % {"currency": currency}
        self.fields["overall"].help_text = _(
            "Green: on track. Amber: at risk, in hand. Red: needs a decision or help.")
        for name in ("overall", "schedule", "cost", "scope", "risk", "benefits", "resources"):
            self.fields[name].choices = [("", _("(not set)")),
                                         *self.fields[name].choices[1:]]
        if risk_suggestion and risk_suggestion.get("rag"):
            self.fields["risk"].help_text = _(
                "Suggested by the risk register: %(rag)s. %(reason)s") % {
                "rag": RAG(risk_suggestion["rag"]).label, "reason": risk_suggestion["reason"]}

    def report_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in REPORT_FIELDS}

    def validate_unique(self):
        """Checked by the service."""


class NewReportForm(forms.Form):
    period_start = forms.TypedChoiceField(label=_("Period"), coerce=str)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_start"].choices = choices
