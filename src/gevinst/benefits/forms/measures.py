"""Forms of measures, their planned trajectory and measurements, and the number parsing
of the quick-entry grid.

Numbers are read the way the organisation writes them (``1 234,5`` in the Nordic
countries) and also the plain way (``1234.5``), whatever language the reader chose.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gevinst.benefits import calc
from gevinst.benefits.models import Measure, Measurement
from gevinst.benefits.selectors.measures import (
    MAX_DECIMALS,
    GridFilter,
    GridRow,
    display_number,
    period_label,
)
from gevinst.core.forms import DateInput, VersionedFormMixin
from gevinst.core.templatetags.gevinst_format import DEFAULT_SEPARATORS, SEPARATORS

SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'")


def decimal_mark(organisation) -> str:
    return SEPARATORS.get(getattr(organisation, "country", ""), DEFAULT_SEPARATORS)[1]


def normalise_number(text, mark: str = ",") -> str:
    """``text`` as a plain number string (``-1234.5``) when it reads as a number in the
    organisation's convention (decimal ``mark``) or the plain one; otherwise ``text``
    unchanged (so that whoever checks it can say "enter a number")."""
    if text is None:
        return ""
    s = str(text).strip()
    for space in SPACES:
        s = s.replace(space, "")
    s = s.replace("\u2212", "-")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in s:
        # "1,234" groups thousands where the decimal mark is a point; "1,5" is a decimal.
        thousands = s.count(",") > 1 or (mark == "." and len(s.rpartition(",")[2]) == 3)
        s = s.replace(",", "") if thousands else s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        value = Decimal(s)
    except (InvalidOperation, ValueError):
        return str(text).strip()
    if not value.is_finite():
        return str(text).strip()
    return s


class NumberInput(forms.TextInput):
    """A text input for numbers (keeps what was typed; shows stored numbers the
    organisation's way)."""

    organisation = None

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            return display_number(value, self.organisation)
        return super().format_value(value)


class NumberField(forms.DecimalField):
    """A decimal field that reads ``1 234,5`` as well as ``1234.5``."""

    widget = NumberInput
    mark = ","

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", MAX_DECIMALS)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return super().to_python(normalise_number(value, self.mark))


def _use_organisation(form: forms.Form, organisation) -> None:
    mark = decimal_mark(organisation)
    for field in form.fields.values():
        if isinstance(field, NumberField):
            field.mark = mark
            field.widget.organisation = organisation


# --------------------------------------------------------------------------- measures

MEASURE_FORM_FIELDS = ["name", "unit", "direction", "data_source", "method", "frequency",
                       "baseline_value", "baseline_date", "baseline_evidence", "target_value",
                       "target_date", "tolerance"]


class MeasureForm(forms.ModelForm):
    baseline_value = NumberField(label=gettext_lazy("Baseline"), help_text=gettext_lazy(
        "The value before the change. Leave empty until it has been measured."))
    target_value = NumberField(label=gettext_lazy("Target"))
    tolerance = NumberField(
        label=gettext_lazy("Tolerance (percentage points)"), required=True,
        max_digits=5, decimal_places=2, min_value=0, max_value=100,
        help_text=gettext_lazy("How far behind the planned achievement a measurement may be "
                               "and still count as within tolerance."))

    class Meta:
        model = Measure
        fields = MEASURE_FORM_FIELDS
        widgets = {"method": forms.Textarea(attrs={"rows": 3}),
                   "baseline_evidence": forms.Textarea(attrs={"rows": 3}),
                   "baseline_date": DateInput(), "target_date": DateInput()}

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        _use_organisation(self, organisation)
        if not self.instance.pk:
            self.fields["tolerance"].initial = Decimal("10")

    def _post_clean(self):
        """The service checks the measure (and changes it only when it saves)."""

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in MEASURE_FORM_FIELDS}


class EditMeasureForm(VersionedFormMixin, MeasureForm):
    pass


# --------------------------------------------------------------------------- plan

def linear_plan(measure: Measure) -> dict[dt.date, Decimal]:
    """A straight line from the baseline to the target: each period planned at the value
    it should have reached by its end (the last period reaches the target)."""
    if (measure.baseline_value is None or measure.target_value is None
            or not measure.baseline_date or not measure.target_date):
        return {}
    periods = calc.periods_between(measure.baseline_date, measure.target_date,
                                   measure.frequency)
    n = len(periods)
    step = (Decimal(measure.target_value) - Decimal(measure.baseline_value)) / n
    return {p: (Decimal(measure.baseline_value) + step * (i + 1)).quantize(
        calc.CENT, rounding=ROUND_HALF_UP).normalize() for i, p in enumerate(periods)}


class PlanForm(forms.Form):
    """One planned value per period (empty = not planned), and one more period to add."""

    new_period = forms.DateField(
        label=gettext_lazy("Another period (first day)"), required=False, widget=DateInput(),
        help_text=gettext_lazy("To plan a period outside the baseline and target dates."))
    new_value = NumberField(label=gettext_lazy("Planned value of that period"))

    def __init__(self, *args, measure: Measure, periods: list[dt.date], organisation=None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.periods = periods
        plan_fields = {}
        for period in periods:
            plan_fields[self.field_name(period)] = NumberField(
                label=period_label(period, measure.frequency))
        # The periods first, the extra period last.
        self.fields = {**plan_fields, "new_period": self.fields["new_period"],
                       "new_value": self.fields["new_value"]}
        _use_organisation(self, organisation)

    @staticmethod
    def field_name(period: dt.date) -> str:
        return f"p_{period.isoformat()}"

    def period_fields(self):
        return [self[self.field_name(p)] for p in self.periods]

    def clean(self):
        data = super().clean()
        period, value = data.get("new_period"), data.get("new_value")
        if period is not None:
            if calc.period_start(period, self.measure.frequency) != period:
                self.add_error("new_period", _(
                    "%(date)s is not the first day of a %(frequency)s period; the nearest "
                    "is %(start)s.") % {
                        "date": period.isoformat(),
                        "frequency": self.measure.get_frequency_display().lower(),
                        "start": calc.period_start(period, self.measure.frequency).isoformat()})
            elif value is None:
                self.add_error("new_value", _("Enter the planned value of that period."))
        elif value is not None and "new_period" not in self.errors:
            self.add_error("new_period", _("Give the first day of the period."))
        return data

    def values(self) -> dict[dt.date, Decimal | None]:
        out = {p: self.cleaned_data.get(self.field_name(p)) for p in self.periods}
        if self.cleaned_data.get("new_period") is not None:
            out[self.cleaned_data["new_period"]] = self.cleaned_data.get("new_value")
        return out


# --------------------------------------------------------------------------- measurements

class MeasurementFieldsForm(forms.Form):
    actual = NumberField(label=pgettext_lazy("measurement", "Actual"),
                         help_text=gettext_lazy("What the measure showed in the period."))
    forecast = NumberField(label=gettext_lazy("Forecast"),
                           help_text=gettext_lazy("What you now expect for the period."))
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label=gettext_lazy("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=Measurement._meta.get_field("evidence").help_text)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        _use_organisation(self, organisation)

    def clean(self):
        data = super().clean()
        if (not self.errors and data.get("actual") is None and data.get("forecast") is None):
            self.add_error("actual", _("Enter an actual value or a forecast."))
        return data

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in
                ("actual", "forecast", "comment", "evidence")}


class MeasurementForm(MeasurementFieldsForm):
    period = forms.ChoiceField(label=gettext_lazy("Period"))
    field_order = ["period", "actual", "forecast", "comment", "evidence"]

    def __init__(self, *args, measure: Measure, periods: list[dt.date], measured=(),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.measured = set(measured)
        choices = []
        for p in periods:
            label = period_label(p, measure.frequency)
            if p in self.measured:
                label = _("%(period)s (already recorded)") % {"period": label}
            choices.append((p.isoformat(), label))
        self.fields["period"].choices = choices

    def clean_period(self):
        period = dt.date.fromisoformat(self.cleaned_data["period"])
        if period in self.measured:
            raise forms.ValidationError(_(
                "This period already has a measurement; correct that one instead."))
        return period


class EditMeasurementForm(VersionedFormMixin, MeasurementFieldsForm):
    pass


# --------------------------------------------------------------------------- grid

def int_or_none(raw: str) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def grid_filter(query, user) -> tuple[GridFilter, dict]:
    """The grid's filters from the query string, and what the filter inputs show."""
    owner_raw = query.get("owner", "")
    month_raw = query.get("month", "")
    try:
        month = dt.date.fromisoformat(f"{month_raw[:7]}-01") if month_raw else None
    except ValueError:
        month = None
    frequency = query.get("frequency", "")
    f = GridFilter(
        owner=user.pk if owner_raw == "me" else int_or_none(owner_raw),
        programme=int_or_none(query.get("programme", "")),
        initiative=query.get("initiative", "").strip(),
        unit=int_or_none(query.get("unit", "")),
        frequency=frequency if frequency in Measure.Frequency.values else "", month=month)
    shown = {"owner": owner_raw if owner_raw == "me" else f.owner,
             "month": month_raw if month else "", "initiative": f.initiative}
    return f, shown


def _same_number(text: str, stored, mark: str) -> bool:
    if not text:
        return stored is None
    try:
        return stored is not None and Decimal(normalise_number(text, mark)) == stored
    except (InvalidOperation, ValueError):
        return False


def _changed(values: dict, existing, mark: str) -> bool:
    """Whether a row's inputs differ from what is recorded (unchanged rows are not recorded
    again: that would cost a verified figure its verification)."""
    if not any(values.values()):
        return False  # an emptied row: the grid does not delete (the measure's page does)
    if existing is None:
        return True
    return not (_same_number(values["actual"], existing.actual, mark)
                and _same_number(values["forecast"], existing.forecast, mark)
                and values["comment"] == existing.comment.strip())


def _period(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None  # the service says "choose a period"


def grid_entries(post, rows: list[GridRow], mark: str) -> tuple[list[dict], list[GridRow]]:
    """Read the posted grid: every row keeps what was typed (``row.values``); the rows the
    person may record and changed become entries for ``do_record_measurements``. Returns
    (entries, the row of each entry)."""
    entries, owners = [], []
    for row in rows:
        row.values = {name: post.get(f"{row.prefix}-{name}", "").strip()
                      for name in ("actual", "forecast", "comment")}
        if not row.can_record or not _changed(row.values, row.existing, mark):
            continue
        version = post.get(f"{row.prefix}-version", "")
        entries.append({
            "measure": row.measure, "period": _period(post.get(f"{row.prefix}-period", "")),
            "data": {"actual": normalise_number(row.values["actual"], mark),
                     "forecast": normalise_number(row.values["forecast"], mark),
                     "comment": row.values["comment"]},
            "version": int(version) if version.isdigit() else None})
        owners.append(row)
    return entries, owners
