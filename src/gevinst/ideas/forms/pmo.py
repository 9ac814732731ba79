"""Forms of the portfolio office's work on ideas: the official answer, ratings on the
scoring criteria, reviewers, acceptance into the portfolio, hiding with a reason, the
priority bands and the criteria. Choices are limited to the organisation; the services
check every rule again and their refusals land on these fields (same names)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from gevinst.core.forms import Checkboxes, Radios, VersionedFormMixin
from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.ideas.models import Idea, ScoringCriterion
from gevinst.portfolio.models import Phase

REFERENCE_MAX = 20
# The statuses of an official answer (acceptance has a page of its own).
ANSWER_STATUSES = (Idea.Status.UNDER_REVIEW, Idea.Status.PARKED, Idea.Status.REJECTED,
                   Idea.Status.DUPLICATE, Idea.Status.DONE)


class PersonChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class MemberChoiceField(SafeModelMultipleChoiceField):
    """Members with their unit and role, so that people with the same name differ."""

    def label_from_instance(self, obj):
        name = obj.full_name or obj.email
        parts = [str(Role(obj.member_role).label)] if getattr(obj, "member_role", "") else []
        if getattr(obj, "member_unit", None):
            parts.insert(0, obj.member_unit)
        return f"{name} ({', '.join(parts)})" if parts else name


def members(organisation: Organisation):
    """Every member of the organisation (a reviewer may have any role)."""
    from django.db.models import F

    return (User.objects.filter(memberships__organisation=organisation)
            .annotate(member_role=F("memberships__role"),
                      member_unit=F("memberships__unit__name"))
            .order_by("full_name", "email"))


def portfolio_people(organisation: Organisation):
    """Members who work with the portfolio (owners and managers of initiatives)."""
    return (User.objects.filter(memberships__organisation=organisation,
                                memberships__role__in=[r for r in Role.values
                                                       if r != Role.EMPLOYEE])
            .order_by("full_name", "email"))


def _answer_field(help_text):
    return forms.CharField(
        label=_("Official answer"), widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000, help_text=help_text,
        error_messages={"required": _("Write the official answer: the author and the "
                                      "followers get it by email.")})


class AnswerForm(VersionedFormMixin, forms.Form):
    """Status and official answer; ``duplicate_of`` is an idea's reference (IDE-0042)."""

    status = forms.ChoiceField(label=_("New status"), widget=Radios)
    answer = _answer_field(_("Why the idea gets this status and what happens next. Sent by "
                             "email to the author and everyone who follows the idea, and "
                             "shown on the idea's page."))
    duplicate_of = forms.CharField(
        label=_("Duplicate of (reference)"), required=False, max_length=REFERENCE_MAX,
        help_text=_("Only for “Duplicate”: the reference of the idea this one repeats, "
                    "e.g. IDE-0042."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 12}))

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea
        labels = dict(Idea.Status.choices)
        self.fields["status"].choices = [(s.value, labels[s.value]) for s in ANSWER_STATUSES]
        self.duplicate = None

    def clean_duplicate_of(self):
        value = self.cleaned_data.get("duplicate_of", "").strip().upper()
        if not value:
            return ""
        found = (Idea.objects.filter(organisation_id=self.idea.organisation_id,
                                     reference=value).only("id", "organisation_id",
                                                           "reference", "title", "hidden",
                                                           "duplicate_of_id", "status")
                 .first())
        if found is None:
            raise forms.ValidationError(_("There is no idea %(ref)s in this organisation.")
                                        % {"ref": value})
        self.duplicate = found
        return value

    def clean(self):
        data = super().clean()
        if data.get("status") == Idea.Status.DUPLICATE and not data.get("duplicate_of") \
                and "duplicate_of" not in self.errors:
            self.add_error("duplicate_of", _("Give the reference of the idea this one "
                                             "repeats."))
        return data


class ScoreForm(forms.Form):
    """One radio group (1–5, each with its rubric text) per active criterion, named
    ``criterion_<id>``; "Not rated" clears a rating."""

    def __init__(self, *args, criteria: list[ScoringCriterion], ratings: dict[int, int],
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            choices = [("", _("Not rated yet"))] + [
                (str(n), _("%(n)s – %(text)s") % {"n": n, "text": text} if text else str(n))
                for n, text in criterion.rubric()]
            weight = _("weight %(w)s") % {"w": _weight(criterion.weight)}
            help_text = f"{criterion.help_text} ({weight})" if criterion.help_text \
                else str(weight)
            self.fields[self.name_of(criterion)] = forms.TypedChoiceField(
                label=criterion.label, choices=choices, coerce=int, empty_value=None,
                required=False, widget=Radios, help_text=help_text,
                initial=str(ratings[criterion.pk]) if criterion.pk in ratings else "")

    @staticmethod
    def name_of(criterion: ScoringCriterion) -> str:
        return f"criterion_{criterion.pk}"

    def ratings(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(self.name_of(c)) for c in self.criteria}


def _weight(value) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ReviewersForm(forms.Form):
    reviewers = MemberChoiceField(
        label=_("Reviewers"), queryset=User.objects.none(), required=False,
        widget=Checkboxes,
        help_text=_("Members who assess the idea and rate it on the criteria. Newly chosen "
                    "reviewers get an email. Uncheck someone to take them off."))

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = members(organisation)


class AcceptForm(VersionedFormMixin, forms.Form):
    """Accept an idea into the portfolio: it becomes an initiative in the phase chosen."""

    phase = SafeModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(),
                                 empty_label=None,
                                 help_text=_("The phase the new initiative starts in."))
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False,
                              help_text=_("Who owns the initiative (can be chosen later)."))
    manager = PersonChoiceField(label=_("Manager"), queryset=User.objects.none(),
                                required=False,
                                help_text=_("Who manages the initiative (can be chosen "
                                            "later)."))
    owning_unit = SafeModelChoiceField(label=_("Owning unit"), queryset=Unit.objects.none(),
                                       required=False,
                                       help_text=_("Suggested: the first unit the idea "
                                                   "affects, else the author's unit."))
    answer = _answer_field(_("Tell the author and the followers that the idea is accepted "
                             "and what happens now. Sent by email and shown on the idea's "
                             "page."))

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(
            organisation=organisation, key__in=("idea", "concept")).order_by("order")
        people = portfolio_people(organisation)
        for name in ("owner", "manager"):
            self.fields[name].queryset = people
            self.fields[name].empty_label = _("(not chosen yet)")
        self.fields["owning_unit"].queryset = Unit.objects.filter(
            organisation=organisation).order_by("name")
        self.fields["owning_unit"].empty_label = _("(none)")


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"), widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        help_text=_("Shown to the author on the page and sent to them by email. Everyone "
                    "else no longer sees it."),
        error_messages={"required": _("Give the reason for hiding it: the author will see "
                                      "it.")})


class BandsForm(VersionedFormMixin, forms.Form):
    high_from = forms.DecimalField(
        label=_("High priority from score"), max_digits=3, decimal_places=2, min_value=1,
        max_value=5, widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}))
    medium_from = forms.DecimalField(
        label=_("Medium priority from score"), max_digits=3, decimal_places=2, min_value=1,
        max_value=5, widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        help_text=_("Scores below this are low priority."))


class CriterionForm(forms.Form):
    """A criterion of the scoring framework. For a standard criterion, empty texts keep the
    standard wording (in each reader's language)."""

    name = forms.CharField(label=_("Criterion"), max_length=120, required=False)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    weight = forms.DecimalField(
        label=_("Weight"), max_digits=5, decimal_places=2, min_value=0, initial=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        help_text=_("How much the criterion counts in the score compared with the others; "
                    "0 leaves it out of the score."))
    rubric_1 = forms.CharField(label=_("1 means"), max_length=300, required=False)
    rubric_2 = forms.CharField(label=_("2 means"), max_length=300, required=False)
    rubric_3 = forms.CharField(label=_("3 means"), max_length=300, required=False)
    rubric_4 = forms.CharField(label=_("4 means"), max_length=300, required=False)
    rubric_5 = forms.CharField(label=_("5 means"), max_length=300, required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767,
                               required=False,
                               help_text=_("Lower numbers come first. Empty: last."))
    active = forms.BooleanField(label=_("In use"), required=False, initial=True,
                                help_text=_("Criteria not in use are not rated and do not "
                                            "count in the score."))

    RUBRIC = ("rubric_1", "rubric_2", "rubric_3", "rubric_4", "rubric_5")

    def __init__(self, *args, criterion: ScoringCriterion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        if criterion is not None and criterion.key:
            from gevinst.ideas.defaults import default_criterion

            standard = default_criterion(criterion.key)
            self.fields["name"].help_text = _(
                "Empty: the standard name, “%(text)s”, in each reader's language.") % {
                "text": standard["name"]}
            self.fields["description"].help_text = _(
                "Empty: the standard description, in each reader's language.")
            for n, name in enumerate(self.RUBRIC):
                self.fields[name].help_text = _(
                    "Empty: the standard text, “%(text)s”") % {"text": standard["rubric"][n]}
        else:
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = _("Name the criterion.")
        if criterion is None:
            del self.fields["active"]

    def groups(self) -> list[tuple[str, str, list]]:
        """(id, legend, bound fields) per part of the form (risks/_form_body.html)."""
        def bound(names):
            return [self[name] for name in names if name in self.fields]

        return [("criterion", "", bound(("name", "description", "weight"))),
                ("rubric", _("What each rating means"), bound(self.RUBRIC)),
                ("place", _("Order and use"), bound(("order", "active")))]

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields
                if name != "version"}


class EditCriterionForm(VersionedFormMixin, CriterionForm):
    pass
