"""Forms of the risk register: a risk (create and edit), its review, the named decision to
accept it, escalation, closing, and its actions. Choices of people, initiatives and
programmes are limited to the organisation; the services check every rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from gevinst.core.forms import DateInput, VersionedFormMixin
from gevinst.core.models import Organisation
from gevinst.portfolio.models import Initiative, Programme
from gevinst.risks.models import Risk, RiskAction

PROBABILITY = [(1, _("1 – Very unlikely")), (2, _("2 – Unlikely")), (3, _("3 – Possible")),
               (4, _("4 – Likely")), (5, _("5 – Almost certain"))]
IMPACT = [(1, _("1 – Negligible")), (2, _("2 – Minor")), (3, _("3 – Moderate")),
          (4, _("4 – Major")), (5, _("5 – Severe"))]
NOT_ASSESSED = ("", _("(not assessed yet)"))

GENERAL = ("kind", "title", "description", "cause", "effect", "category", "proximity")
WHERE = ("initiative", "programme", "owner")
BEFORE = ("probability", "impact")
AFTER = ("residual_probability", "residual_impact", "strategy")
FOLLOW_UP = ("next_review",)


class PersonChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class ReferenceChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {getattr(obj, 'title', None) or getattr(obj, 'name', '')}"


def _scale(choices, label, required=True, help_text=""):
    return forms.TypedChoiceField(
        label=label, coerce=int, empty_value=None, required=required, help_text=help_text,
        choices=choices if required else [NOT_ASSESSED, *choices])


class RiskForm(forms.ModelForm):
    """Register a risk or an opportunity. ``?initiative=`` / ``?programme=`` preselect where
    it lives; the level follows from it (else the organisation)."""

    probability = _scale(PROBABILITY, _("Probability before action"))
    impact = _scale(IMPACT, _("Impact before action"))
    residual_probability = _scale(
        PROBABILITY, _("Probability after action"), required=False,
        help_text=_("As it will be once the planned actions are done. Leave both empty "
                    "until assessed: the score before action then counts."))
    residual_impact = _scale(IMPACT, _("Impact after action"), required=False)

    class Meta:
        model = Risk
        fields = [*GENERAL, *WHERE, "probability", "impact", "residual_probability",
                  "residual_impact", "strategy", "next_review"]
        field_classes = {"owner": PersonChoiceField, "initiative": ReferenceChoiceField,
                         "programme": ReferenceChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "effect": forms.Textarea(attrs={"rows": 2}),
            "next_review": DateInput(),
        }
        help_texts = {
            "cause": _("Why it could happen."),
            "effect": _("What happens to the initiative, the services or the citizens if it "
                        "does."),
            "strategy": _("Risks: reduce, avoid, transfer, share, accept or monitor. "
                          "Opportunities: exploit, enhance, share, accept or monitor. A risk "
                          "above the risk appetite is accepted only with a named decision "
                          "(“Accept risk” on its page)."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from gevinst.risks.selectors.register import owner_choices

        self.fields["owner"].queryset = owner_choices(organisation)
        self.fields["owner"].empty_label = _("(not named yet)")
        self.fields["initiative"].queryset = Initiative.objects.filter(
            organisation=organisation).order_by("number")
        self.fields["initiative"].empty_label = _("(none)")
        self.fields["initiative"].help_text = _(
            "The initiative the risk belongs to; leave empty for a programme's or the "
            "organisation's risk.")
        self.fields["programme"].queryset = Programme.objects.filter(
            organisation=organisation).order_by("name")
        self.fields["programme"].empty_label = _("(none)")
        self.fields["programme"].help_text = _(
            "A programme's risk; for an initiative's risk the initiative's programme is "
            "taken.")
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        # The service checks the title with every other rule, so all errors show at once.
        self.fields["title"].required = False

    def validate_unique(self):
        """Checked by the service, which knows the organisation."""

    def _post_clean(self):
        """The service validates the model (it knows the derived fields and the level)."""

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}

    def groups(self) -> list[tuple[str, str, list]]:
        """(id, legend, bound fields) per part of the form; legend '' = no fieldset."""
        def bound(names):
            return [self[name] for name in names if name in self.fields]

        return [("general", "", bound(GENERAL)),
                ("where", _("Where it belongs and who owns it"), bound(WHERE)),
                ("before", _("Assessment before action"), bound(BEFORE)),
                ("after", _("Response and assessment after action"), bound(AFTER)),
                ("follow-up", _("Follow-up"), bound(FOLLOW_UP))]


class EditRiskForm(VersionedFormMixin, RiskForm):
    pass


class ReviewForm(VersionedFormMixin, forms.Form):
    next_review = forms.DateField(label=_("Next review"), widget=DateInput())
    comment = forms.CharField(label=_("What the review found"), required=False,
                              max_length=100, widget=forms.TextInput())


class AcceptForm(VersionedFormMixin, forms.Form):
    decision = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the decision: why the organisation accepts this "
                                      "risk, and on what terms.")},
        help_text=_("Why the organisation accepts this risk above its appetite, and on what "
                    "terms (e.g. until when, with which safeguards). Recorded with your name "
                    "and the date."))


class EscalateForm(VersionedFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Escalate to"), choices=[
        (Risk.Level.PROGRAMME, _("The programme")),
        (Risk.Level.ORGANISATION, _("The organisation"))])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Say why the risk is escalated.")},
                             help_text=_("Why the level above must deal with it."))

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if levels is not None:
            self.fields["level"].choices = [c for c in self.fields["level"].choices
                                            if c[0] in levels]


class CloseForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Outcome"), choices=[
        (Risk.Status.CLOSED, _("Closed: it can no longer happen")),
        (Risk.Status.OCCURRED, _("Occurred: it happened"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=100)


class ActionForm(forms.ModelForm):
    class Meta:
        model = RiskAction
        fields = ["description", "owner", "due_date"]
        field_classes = {"owner": PersonChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": DateInput()}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from gevinst.risks.selectors.register import owner_choices

        self.fields["owner"].queryset = owner_choices(organisation)
        self.fields["owner"].empty_label = _("(not named yet)")
        self.fields["description"].required = False  # the service explains what is missing

    def _post_clean(self):
        """The service validates the action."""

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class EditActionForm(VersionedFormMixin, ActionForm):
    class Meta(ActionForm.Meta):
        fields = ["description", "owner", "due_date", "status"]
