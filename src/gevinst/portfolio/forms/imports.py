"""Forms of the Excel import: the upload and the column mapping."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gevinst.portfolio.imports.headings import FIELDS, column_letter
from gevinst.portfolio.models.imports import ImportJob


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportJob.Kind.choices,
                             initial=ImportJob.Kind.INITIATIVES)
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        help_text=_("The first sheet is read: headings in the first row, one record per row."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds, or none."""

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = job.kind
        choices = [("", _("(do not import)"))] + [(f.key, f.label) for f in FIELDS[job.kind]]
        self.columns = []
        for index, heading in enumerate(job.headers):
            name = f"col_{index}"
            letter = column_letter(index)
            self.fields[name] = forms.ChoiceField(
                label=_("Column %(letter)s: %(heading)s") % {
                    "letter": letter, "heading": heading or _("(no heading)")},
                choices=choices, required=False, initial=job.mapping.get(str(index), ""))
            self.columns.append((letter, heading, name))

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): value
                for name, value in self.cleaned_data.items() if value}

    def clean(self):
        data = super().clean()
        chosen = [v for v in data.values() if v]
        doubled = {v for v in chosen if chosen.count(v) > 1}
        if doubled:
            labels = {f.key: f.label for f in FIELDS[self.kind]}
            raise forms.ValidationError(
                _("Each field can come from one column only: %(fields)s.")
                % {"fields": ", ".join(str(labels[k]) for k in sorted(doubled))})
        return data
