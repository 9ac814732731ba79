"""Forms of maturity assessments: the survey (built from the model version's content) and
the campaign an administrator prepares."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy
from django_scopes.forms import SafeModelMultipleChoiceField

from gevinst.core.forms import Checkboxes, Radios, VersionedFormMixin
from gevinst.core.models import Unit
from gevinst.maturity.modeldata import localized
from gevinst.maturity.models import Campaign

NONE = "none"  # the "None of these" box of a checklist


class SurveyForm(forms.Form):
    """One field per question, named by the question's key, grouped by dimension
    (``sections``). Every question must be answered to send (``sending``); saving to go on
    later takes any part."""

    def __init__(self, content: dict, *args, initial_answers: dict | None = None,
                 sending: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        required = {"required": gettext_lazy("Answer this question before sending.")}
        self.content = content
        self.sections = []
        initial_answers = initial_answers or {}
        scale = [(s["key"], localized(s["name"])) for s in content["practice_scale"]]
        for dimension in content["dimensions"]:
            names = []
            for question in dimension["questions"]:
                key, kind = question["key"], question["type"]
                label, help_text = localized(question["text"]), localized(question.get("help"))
                answer = initial_answers.get(key)
                if kind == "level":
                    field = forms.TypedChoiceField(
                        label=label, help_text=help_text, required=False, coerce=int,
                        empty_value=None, widget=Radios,
                        choices=[(i, localized(o["text"]))
                                 for i, o in enumerate(question["options"])])
                    initial = answer
                elif kind == "checklist":
                    field = forms.MultipleChoiceField(
                        label=label, help_text=help_text or gettext_lazy("Tick all that apply."),
                        required=False, widget=Checkboxes,
                        choices=[*((str(i), localized(o["text"]))
                                   for i, o in enumerate(question["options"])),
                                 (NONE, gettext_lazy("None of these"))])
                    initial = (None if answer is None else
                               [str(i) for i in answer] if answer else [NONE])
                else:
                    field = forms.ChoiceField(label=label, help_text=help_text, required=False,
                                              widget=Radios, choices=scale)
                    initial = answer
                field.initial = initial
                field.required = sending
                field.error_messages.update(required)
                self.fields[key] = field
                names.append(key)
            self.sections.append({"key": dimension["key"], "name": localized(dimension["name"]),
                                  "description": localized(dimension.get("description")),
                                  "names": names})

    def bound_sections(self):
        return [{**section, "fields": [self[name] for name in section["names"]]}
                for section in self.sections]

    def answers(self) -> dict:
        """The answers in the form the scoring takes (calc): unanswered left out."""
        found = {}
        for dimension in self.content["dimensions"]:
            for question in dimension["questions"]:
                value = self.cleaned_data.get(question["key"])
                if question["type"] == "checklist":
                    if not value:
                        continue
                    if NONE in value:
                        if len(value) > 1:
                            self.add_error(question["key"], gettext_lazy(
                                "Tick “None of these” alone, or only the items that apply."))
                            continue
                        found[question["key"]] = []
                    else:
                        found[question["key"]] = sorted(int(v) for v in value)
                elif value not in (None, ""):
                    found[question["key"]] = value
        return found


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "units", "mode", "opens_on", "closes_on", "extra_emails", "message"]
        field_classes = {"units": SafeModelMultipleChoiceField}
        widgets = {"units": Checkboxes, "mode": Radios,
                   "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "extra_emails": forms.Textarea(attrs={"rows": 4}),
                   "message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(organisation=organisation) \
            .order_by("name")
        self.fields["units"].required = False  # the service says why (field-level)
        self.fields["message"].help_text = gettext_lazy(
            "Shown in the invitation email, for example why the survey matters.")


class EditCampaignForm(VersionedFormMixin, CampaignForm):
    pass


class ActionForm(VersionedFormMixin, forms.Form):
    """Open or close: the version the administrator saw, so that two never cross."""
