"""What an import understands: the fields of each kind, the column headings that name them
and the words allowed as values, in English, Norwegian Bokmål and Swedish.

Headings and values are recognised whatever the user's language: a Swedish workbook can be
imported by someone using Gevinst in English. Matching ignores case, spaces and punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LANGS = ("en", "nb", "sv")


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    type: str  # text, date, number, bool, choice, unit, person, programme, phase, reference,
    #             year
    headings: dict[str, tuple[str, ...]]  # language → headings, the first is the template's
    required: bool = False
    help: str | Promise = ""


def normalise(text: str) -> str:
    """'Start-dato ' → 'startdato': lower case, letters and digits only."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


INITIATIVE_FIELDS: tuple[Field, ...] = (
    Field("reference", _("Reference"), "reference",
          {"en": ("Reference", "Ref", "ID", "Reference number"),
           "nb": ("Referanse", "Ref", "Referansenummer", "Nummer"),
           "sv": ("Referens", "Ref", "Referensnummer", "Nummer")},
          help=_("Optional. Your own identifier of the row; it must be unique in the file. "
                 "It must not be the reference of an initiative already in Gevinst: the "
                 "import only adds new initiatives, which get new references (INI-…).")),
    Field("title", _("Title"), "text",
          {"en": ("Title", "Name", "Initiative", "Project"),
           "nb": ("Tittel", "Navn", "Initiativ", "Prosjekt", "Prosjektnavn"),
           "sv": ("Titel", "Namn", "Initiativ", "Projekt", "Projektnamn")},
          required=True, help=_("Required. At most 200 characters.")),
    Field("problem", _("Problem"), "text",
          {"en": ("Problem", "Problem statement", "Background"),
           "nb": ("Problem", "Problembeskrivelse", "Bakgrunn"),
           "sv": ("Problem", "Problembeskrivning", "Bakgrund")},
          help=_("What is wrong today, for whom, and how do we know?")),
    Field("target_state", _("Target state"), "text",
          {"en": ("Target state", "Vision", "Goal"),
           "nb": ("Målbilde", "Ønsket situasjon", "Mål"),
           "sv": ("Målbild", "Önskat läge", "Mål")},
          help=_("What would the ideal look like for the citizen?")),
    Field("ambition", _("Ambition"), "choice",
          {"en": ("Ambition",), "nb": ("Ambisjon",), "sv": ("Ambition",)},
          help=_("Improve or transform. Empty means improve.")),
    Field("is_lighthouse", _("Lighthouse"), "bool",
          {"en": ("Lighthouse", "Flagship"), "nb": ("Fyrtårn",), "sv": ("Fyrtorn", "Fyrtårn")},
          help=_("Yes or no. Empty means no.")),
    Field("programme", _("Programme"), "programme",
          {"en": ("Programme", "Program"), "nb": ("Program",), "sv": ("Program",)},
          help=_("The name or reference (PRG-…) of an existing programme.")),
    Field("owning_unit", _("Owning unit"), "unit",
          {"en": ("Owning unit", "Unit", "Department"),
           "nb": ("Enhet", "Eierenhet", "Ansvarlig enhet", "Avdeling"),
           "sv": ("Enhet", "Ägande enhet", "Ansvarig enhet", "Avdelning", "Förvaltning")},
          help=_("The name or code of an existing unit.")),
    Field("owner", _("Owner"), "person",
          {"en": ("Owner", "Owner email", "Sponsor"),
           "nb": ("Eier", "Eier e-post", "Prosjekteier"),
           "sv": ("Ägare", "Ägare e-post", "Projektägare")},
          help=_("Email address of a member who works with the portfolio.")),
    Field("manager", _("Manager"), "person",
          {"en": ("Manager", "Project manager", "Manager email"),
           "nb": ("Prosjektleder", "Leder", "Prosjektleder e-post"),
           "sv": ("Projektledare", "Ledare", "Projektledare e-post")},
          help=_("Email address of a member who works with the portfolio.")),
    Field("phase", _("Phase"), "phase",
          {"en": ("Phase", "Stage"), "nb": ("Fase",), "sv": ("Fas",)},
          help=_("A phase of your phase model. Empty means the first phase.")),
    Field("status", _("Status"), "choice",
          {"en": ("Status", "Lifecycle status"), "nb": ("Status",), "sv": ("Status",)},
          help=_("Active, on hold, stopped or completed. Empty means active.")),
    Field("start_date", _("Start date"), "date",
          {"en": ("Start date", "Start", "Starts"),
           "nb": ("Startdato", "Start", "Oppstart"),
           "sv": ("Startdatum", "Start")},
          help=_("An Excel date, or written as dd.mm.yyyy or yyyy-mm-dd.")),
    Field("end_date", _("End date"), "date",
          {"en": ("End date", "End", "Finish"),
           "nb": ("Sluttdato", "Slutt", "Avslutning"),
           "sv": ("Slutdatum", "Slut")},
          help=_("As the start date; not before it.")),
)

MONEY_FIELDS: tuple[Field, ...] = (
    Field("reference", _("Reference"), "reference",
          {"en": ("Reference", "Initiative", "Ref"),
           "nb": ("Referanse", "Initiativ", "Ref"),
           "sv": ("Referens", "Initiativ", "Ref")},
          required=True, help=_("Required. The reference of an initiative in Gevinst (INI-…).")),
    Field("year", _("Year"), "year",
          {"en": ("Year",), "nb": ("År",), "sv": ("År",)},
          required=True, help=_("Required. A year such as 2027.")),
    Field("kind", _("Kind"), "choice",
          {"en": ("Kind", "Type"), "nb": ("Type", "Art"), "sv": ("Typ", "Slag")},
          required=True, help=_("Required. Budget, actual or forecast.")),
    Field("investment", _("Investment"), "number",
          {"en": ("Investment",), "nb": ("Investering",), "sv": ("Investering",)},
          help=_("An amount in the organisation's currency. Empty means 0.")),
    Field("operating_cost_change", _("Change in operating cost"), "number",
          {"en": ("Change in operating cost", "Operating cost change", "Operating cost"),
           "nb": ("Endring i driftskostnad", "Driftskostnad", "Endring driftskostnader"),
           "sv": ("Förändring i driftskostnad", "Driftskostnad", "Förändrad driftskostnad")},
          help=_("Yearly running cost the initiative adds (+) or removes (−).")),
    Field("internal_hours", _("Internal hours"), "number",
          {"en": ("Internal hours", "Hours"), "nb": ("Interne timer", "Timer"),
           "sv": ("Interna timmar", "Timmar")},
          help=_("Hours of the organisation's own staff. Empty means 0.")),
    Field("internal_cost", _("Internal cost"), "number",
          {"en": ("Internal cost",), "nb": ("Intern kostnad", "Interne kostnader"),
           "sv": ("Intern kostnad", "Interna kostnader")},
          help=_("Cost of the internal hours. Empty means 0.")),
    Field("external_purchases", _("External purchases"), "number",
          {"en": ("External purchases", "External cost"),
           "nb": ("Eksterne kjøp", "Ekstern kostnad", "Eksterne kostnader"),
           "sv": ("Externa inköp", "Extern kostnad", "Externa kostnader")},
          help=_("Consultants, licences and other purchases. Empty means 0.")),
)

@dataclass(frozen=True)
class ImportKind:
    """A kind of import that another app defines (benefits, measurements): what the pages,
    the command line and the API need of it. The upload, mapping, dry run, import and job
    pages are the same for every kind."""

    fields: tuple[Field, ...]
    check: Callable  # (organisation, sheet, mapping, progress) → validation.Outcome
    write: Callable  # (*, actor, organisation, records) → ImportResult; ImportRefused if not
    sheet_name: str | Promise  # the template's first sheet
    file_name: str | Promise  # the template is gevinst-<file_name>-template.xlsx
    example: Callable  # (organisation, language) → {field key: value} for the template
    allowed: Callable  # (field key, organisation, language) → allowed values, as text
    # A dry run also writes every valid row through the writer and rolls it back, so that
    # the rules the writer's services apply are reported as well.
    rehearse: bool = True


# Kinds of other apps: kind → the module whose ``IMPORT_KINDS[kind]`` is its ImportKind. It
# is imported on first use, so that the portfolio loads nothing of other apps at start-up.
def choice_words(choices: dict, model_choices: dict, choice: str) -> dict[str, str]:
    """For an import kind's choice column: every allowed word (normalised) → stored value.
    ``choices[choice]`` maps each stored value to its words per language; the stored values
    and the labels Gevinst shows for ``model_choices[choice]`` in each language count too."""
    out: dict[str, str] = {}
    for value, langs in choices[choice].items():
        out[normalise(value)] = value
        for synonyms in langs.values():
            for word in synonyms:
                out.setdefault(normalise(word), value)
    for lang in LANGS:
        with translation.override(lang):
            for value, label in model_choices[choice].choices:
                out.setdefault(normalise(str(label)), value)
    return out


def choice_shown_word(choices: dict, choice: str, value: str, language: str) -> str:
    """The word a template or an export shows for a stored value: the first of its language."""
    lang = language if language in LANGS else "en"
    return choices[choice][value][lang][0]


PLUGINS = {"benefits": "gevinst.benefits.imports", "measurements": "gevinst.benefits.imports",
           "risks": "gevinst.risks.imports"}


class KindTable(dict):
    """kind → one part of each kind (its fields, check, writer...): the portfolio's own kinds
    are given; a kind of another app (``PLUGINS``) is looked up on first use."""

    def __init__(self, own: dict, attribute: str | None = None):
        super().__init__(own)
        self.attribute = attribute  # None: the ImportKind itself

    def _load(self, kind) -> bool:
        module = PLUGINS.get(kind) if isinstance(kind, str) else None
        if module is None:
            return False
        spec = import_module(module).IMPORT_KINDS[kind]
        self[kind] = getattr(spec, self.attribute) if self.attribute else spec
        return True

    def __missing__(self, kind):
        if self._load(kind):
            return dict.__getitem__(self, kind)
        raise KeyError(kind)

    def __contains__(self, kind) -> bool:
        return dict.__contains__(self, kind) or self._load(kind)

    def get(self, kind, default=None):
        return self[kind] if kind in self else default


FIELDS = KindTable({"initiatives": INITIATIVE_FIELDS, "money": MONEY_FIELDS}, "fields")
KINDS = KindTable({})  # the ImportKind of each kind of another app

# Allowed words per choice, by stored value; the first word of each language is what the
# template shows.
CHOICES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "ambition": {
        "improve": {"en": ("Improve", "Improvement"), "nb": ("Forbedre", "Forbedring"),
                    "sv": ("Förbättra", "Förbättring")},
        "transform": {"en": ("Transform", "Transformation"),
                      "nb": ("Transformere", "Transformasjon", "Fornye"),
                      "sv": ("Transformera", "Transformation", "Förnya")},
    },
    "status": {
        "active": {"en": ("Active", "Ongoing"), "nb": ("Aktiv", "Pågår"),
                   "sv": ("Aktiv", "Pågår", "Pågående")},
        "on_hold": {"en": ("On hold", "Paused"), "nb": ("På vent", "Satt på vent", "Pause"),
                    "sv": ("Pausad", "Vilande", "Paus")},
        "stopped": {"en": ("Stopped", "Cancelled", "Canceled"),
                    "nb": ("Stoppet", "Avbrutt", "Kansellert"),
                    "sv": ("Stoppad", "Avbruten", "Stoppat", "Avbrutet")},
        "completed": {"en": ("Completed", "Done", "Finished"),
                      "nb": ("Fullført", "Ferdig", "Avsluttet"),
                      "sv": ("Slutförd", "Klar", "Avslutad", "Genomförd")},
    },
    "kind": {
        "budget": {"en": ("Budget",), "nb": ("Budsjett",), "sv": ("Budget",)},
        "actual": {"en": ("Actual", "Actuals", "Outturn"),
                   "nb": ("Regnskap", "Faktisk", "Virkelig"),
                   "sv": ("Utfall", "Verklig", "Faktisk")},
        "forecast": {"en": ("Forecast", "Estimate"), "nb": ("Prognose", "Estimat"),
                     "sv": ("Prognos",)},
    },
    "phase": {
        "idea": {"en": ("Idea",), "nb": ("Idé", "Ide"), "sv": ("Idé", "Ide")},
        "concept": {"en": ("Concept",), "nb": ("Konsept",), "sv": ("Koncept",)},
        "planning": {"en": ("Planning",), "nb": ("Planlegging",), "sv": ("Planering",)},
        "execution": {"en": ("Execution", "Delivery"), "nb": ("Gjennomføring",),
                      "sv": ("Genomförande",)},
        "closing": {"en": ("Closing", "Close-out"), "nb": ("Avslutning",),
                    "sv": ("Avslut", "Avslutning")},
        "realisation": {"en": ("Realisation", "Realization", "Benefits realisation"),
                        "nb": ("Realisering", "Gevinstrealisering"),
                        "sv": ("Realisering", "Nyttorealisering", "Hemtagning")},
        "closed": {"en": ("Closed",), "nb": ("Lukket", "Avsluttet prosjekt"),
                   "sv": ("Stängd", "Avslutat projekt")},
    },
}

YES = {normalise(w) for w in ("yes", "y", "true", "x", "1", "ja", "j", "sant")}
NO = {normalise(w) for w in ("no", "n", "false", "0", "nei", "nej", "usant", "falskt")}


def words(choice: str) -> dict[str, str]:
    """Every allowed word of a choice (normalised) → stored value."""
    out: dict[str, str] = {}
    for value, langs in CHOICES[choice].items():
        out[normalise(value)] = value
        for synonyms in langs.values():
            for word in synonyms:
                out.setdefault(normalise(word), value)
    return out


def shown_word(choice: str, value: str, language: str) -> str:
    lang = language if language in LANGS else "en"
    return CHOICES[choice][value][lang][0]


def heading(field: Field, language: str) -> str:
    return field.headings.get(language if language in LANGS else "en", field.headings["en"])[0]


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """Column index (as text) → field key, for the headings that name a field.

    An exact heading wins over a later column; each field is given to one column only.
    """
    by_heading: dict[str, str] = {}
    for field in FIELDS[kind]:
        by_heading.setdefault(normalise(field.key), field.key)
        by_heading.setdefault(normalise(str(field.label)), field.key)
        for lang in LANGS:
            for text in field.headings.get(lang, ()):
                by_heading.setdefault(normalise(text), field.key)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for index, text in enumerate(headers):
        key = by_heading.get(normalise(text or ""))
        if key and key not in taken:
            mapping[str(index)] = key
            taken.add(key)
    return mapping


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
