"""The columns of the benefits and measurements imports and the words allowed as values, in
English, Norwegian Bokmål and Swedish (matching ignores case, spaces and punctuation, as in
the portfolio's imports). Besides the words below, every label Gevinst shows for a choice,
in each of the three languages, is understood: an exported register imports again."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gevinst.benefits.models import Benefit
from gevinst.portfolio.imports.headings import (
    Field,
    choice_shown_word,
    choice_words,
)

BENEFIT_FIELDS: tuple[Field, ...] = (
    Field("reference", _("Reference"), "reference",
          {"en": ("Reference", "Ref", "ID"),
           "nb": ("Referanse", "Ref", "Nummer"),
           "sv": ("Referens", "Ref", "Nummer")},
          help=_("Optional. Your own identifier of the row; it must be unique in the file. "
                 "It must not be the reference of a benefit already in Gevinst: the import "
                 "only adds new benefits, which get new references (BEN-…).")),
    Field("title", _("Title"), "text",
          {"en": ("Title", "Benefit", "Name"),
           "nb": ("Tittel", "Gevinst", "Navn"),
           "sv": ("Titel", "Nytta", "Namn")},
          required=True, help=_("Required. At most 200 characters.")),
    Field("description", _("Description"), "text",
          {"en": ("Description",), "nb": ("Beskrivelse",), "sv": ("Beskrivning",)}),
    Field("is_disbenefit", _("Dis-benefit"), "bool",
          {"en": ("Dis-benefit", "Disbenefit", "Negative"),
           "nb": ("Ulempe", "Negativ gevinst"),
           "sv": ("Nackdel", "Negativ nytta", "Olägenhet")},
          help=_("Yes for a negative consequence someone will experience. Empty means no.")),
    Field("category", _("Category"), "choice",
          {"en": ("Category",), "nb": ("Kategori", "Gevinsttype"),
           "sv": ("Kategori", "Nyttotyp")},
          help=_("Empty means capacity freed.")),
    Field("beneficiary", _("Beneficiary"), "text",
          {"en": ("Beneficiary", "Who gains"),
           "nb": ("Gevinstmottaker", "Mottaker", "Hvem får gevinsten"),
           "sv": ("Nyttomottagare", "Mottagare", "Vem får nyttan")},
          help=_("Who gains: citizens, staff, a unit, ... At most 200 characters.")),
    Field("cashability", _("Cashability"), "choice",
          {"en": ("Cashability", "Cash effect"),
           "nb": ("Budsjettvirkning", "Kontanteffekt"),
           "sv": ("Budgetpåverkan", "Kassaeffekt")},
          help=_("Empty means non-cash (capacity freed).")),
    Field("owner", _("Benefit owner"), "person",
          {"en": ("Benefit owner", "Owner", "Owner email"),
           "nb": ("Gevinsteier", "Eier", "Gevinsteier e-post"),
           "sv": ("Nyttoägare", "Ägare", "Nyttoägare e-post")},
          help=_("Email address of a member of the organisation: a line manager in the unit "
                 "that gains.")),
    Field("owner_unit", _("Receiving unit"), "unit",
          {"en": ("Receiving unit", "Unit", "Owner unit"),
           "nb": ("Mottakende enhet", "Enhet", "Gevinsteiers enhet"),
           "sv": ("Mottagande enhet", "Enhet", "Nyttoägarens enhet")},
          help=_("The name or code of an existing unit.")),
    Field("realising_units", _("Realising units"), "units",
          {"en": ("Realising units", "Realising unit", "Realizing units"),
           "nb": ("Realiserende enheter", "Realiserende enhet"),
           "sv": ("Realiserande enheter", "Realiserande enhet")},
          help=_("Names or codes of existing units, separated by semicolons.")),
    Field("initiatives", _("Initiatives"), "initiatives",
          {"en": ("Initiatives", "Initiatives with attribution", "Initiative"),
           "nb": ("Initiativer", "Initiativ", "Initiativ med andel"),
           "sv": ("Initiativ", "Initiativ med andel")},
          help=_("References of existing initiatives, each with its share in %, separated "
                 "by semicolons: INI-0001 60; INI-0002 40. The shares add up to at most "
                 "100 %, so that the benefit is never counted twice. One initiative without "
                 "a share gets 100 %.")),
    Field("objectives", _("Objectives"), "objectives",
          {"en": ("Objectives", "Objective"),
           "nb": ("Mål", "Strategiske mål"),
           "sv": ("Mål", "Strategiska mål")},
          help=_("References (OBJ-…) or titles of existing objectives, separated by "
                 "semicolons.")),
    Field("enabling_changes", _("Enabling changes"), "text",
          {"en": ("Enabling changes",),
           "nb": ("Muliggjørende endringer", "Endringer"),
           "sv": ("Möjliggörande förändringar", "Förändringar")},
          help=_("Changes in work, organisation or systems that make the benefit possible; "
                 "one per line.")),
    Field("preconditions", _("Preconditions"), "text",
          {"en": ("Preconditions", "Prerequisites"), "nb": ("Forutsetninger",),
           "sv": ("Förutsättningar",)}),
    Field("confidence", _("Confidence"), "choice",
          {"en": ("Confidence",), "nb": ("Sikkerhet", "Trygghet"),
           "sv": ("Säkerhet", "Tillförlitlighet")},
          help=_("High, medium or low. Empty means medium.")),
    Field("optimism_adjustment", _("Optimism adjustment (%)"), "number",
          {"en": ("Optimism adjustment %", "Optimism adjustment", "Optimism bias"),
           "nb": ("Optimismejustering %", "Optimismejustering"),
           "sv": ("Optimismjustering %", "Optimismjustering")},
          help=_("From 0 to 100. Planned values are reduced by this share. Empty means 0.")),
    Field("valuation_method", _("Valuation method"), "choice",
          {"en": ("Valuation method", "Valuation"),
           "nb": ("Verdsettingsmetode", "Verdsetting"),
           "sv": ("Värderingsmetod", "Värdering")},
          help=_("Time saved, unit cost avoided, contract difference or not monetised. Empty "
                 "means not monetised. Each method needs its two inputs below.")),
    Field("minutes_per_case", _("Minutes saved per case"), "number",
          {"en": ("Minutes saved per case", "Minutes per case"),
           "nb": ("Minutter spart per sak", "Minutter per sak"),
           "sv": ("Minuter sparade per ärende", "Minuter per ärende")},
          help=_("For time saved.")),
    Field("cases_per_year", _("Cases per year"), "number",
          {"en": ("Cases per year",), "nb": ("Saker per år",), "sv": ("Ärenden per år",)},
          help=_("For time saved.")),
    Field("unit_cost", _("Cost avoided per unit"), "number",
          {"en": ("Cost avoided per unit", "Cost per unit", "Unit cost"),
           "nb": ("Unngått kostnad per enhet", "Kostnad per enhet", "Enhetskostnad"),
           "sv": ("Undviken kostnad per enhet", "Kostnad per enhet", "Styckkostnad")},
          help=_("For unit cost avoided, in the organisation's currency.")),
    Field("units_per_year", _("Units per year"), "number",
          {"en": ("Units per year",), "nb": ("Enheter per år", "Antall per år"),
           "sv": ("Enheter per år", "Antal per år")},
          help=_("For unit cost avoided.")),
    Field("contract_cost_before", _("Yearly contract cost before"), "number",
          {"en": ("Yearly contract cost before", "Contract cost before"),
           "nb": ("Årlig kontraktskostnad før", "Kontraktskostnad før"),
           "sv": ("Årlig avtalskostnad före", "Avtalskostnad före")},
          help=_("For contract difference, in the organisation's currency.")),
    Field("contract_cost_after", _("Yearly contract cost after"), "number",
          {"en": ("Yearly contract cost after", "Contract cost after"),
           "nb": ("Årlig kontraktskostnad etter", "Kontraktskostnad etter"),
           "sv": ("Årlig avtalskostnad efter", "Avtalskostnad efter")},
          help=_("For contract difference, in the organisation's currency.")),
)

MEASUREMENT_FIELDS: tuple[Field, ...] = (
    Field("benefit", _("Benefit"), "reference",
          {"en": ("Benefit", "Benefit reference", "Reference"),
           "nb": ("Gevinst", "Gevinstreferanse", "Referanse"),
           "sv": ("Nytta", "Nyttoreferens", "Referens")},
          required=True, help=_("Required. The reference of a benefit in Gevinst (BEN-…).")),
    Field("measure", _("Measure"), "measure",
          {"en": ("Measure", "Measure name", "Indicator"),
           "nb": ("Måleindikator", "Indikator"),
           "sv": ("Mått", "Indikator", "Nyckeltal")},
          required=True, help=_("Required. The name of one of the benefit's measures, or its "
                                "number (1 for the first).")),
    Field("period", _("Period"), "period",
          {"en": ("Period", "Period start"), "nb": ("Periode", "Periodestart"),
           "sv": ("Period", "Periodstart")},
          required=True,
          help=_("Required. The first day of a period of the measure's frequency, as a date "
                 "(01.04.2026 for the second quarter). Or write the period itself: 2026-04 "
                 "(a month), 2026-Q2 (a quarter), 2026-H1 (a half year) or 2026 (a year); it "
                 "must be a period of the measure's frequency. A date inside a period is an "
                 "error, so that a figure never lands in a period it was not meant for.")),
    Field("actual", pgettext_lazy("measurement", "Actual"), "number",
          {"en": ("Actual", "Actual value", "Value"),
           "nb": ("Faktisk", "Faktisk verdi", "Verdi"),
           "sv": ("Utfall", "Faktiskt värde", "Värde")},
          help=_("A number in the measure's unit. Give an actual value, a forecast or both.")),
    Field("forecast", _("Forecast"), "number",
          {"en": ("Forecast",), "nb": ("Prognose",), "sv": ("Prognos",)},
          help=_("A number in the measure's unit.")),
    Field("comment", _("Comment"), "text",
          {"en": ("Comment", "Comments"), "nb": ("Kommentar",), "sv": ("Kommentar",)}),
    Field("evidence", _("Evidence"), "text",
          {"en": ("Evidence", "Source"), "nb": ("Dokumentasjon", "Kilde"),
           "sv": ("Underlag", "Källa")},
          help=_("Where the figure comes from: report, link, extract.")),
)

# Allowed words per choice, by stored value; the first word of each language is what the
# template shows.
CHOICES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "category": {
        "cash_releasing": {"en": ("Cash-releasing", "Cash releasing", "Savings"),
                           "nb": ("Kontantfrigjørende", "Budsjettmessig", "Innsparing"),
                           "sv": ("Kostnadsbesparande", "Besparing")},
        "capacity_freed": {"en": ("Capacity freed", "Time freed", "Efficiency"),
                           "nb": ("Frigjort kapasitet", "Frigjort tid", "Effektivisering"),
                           "sv": ("Frigjord kapacitet", "Frigjord tid", "Effektivisering")},
        "service_quality": {"en": ("Service quality", "Quality"),
                            "nb": ("Tjenestekvalitet", "Kvalitet"),
                            "sv": ("Tjänstekvalitet", "Kvalitet")},
        "citizens": {"en": ("Citizens and businesses", "Citizens"),
                     "nb": ("Innbyggere og næringsliv", "Innbyggere"),
                     "sv": ("Medborgare och företag", "Medborgare", "Invånare")},
        "public_bodies": {"en": ("Other public bodies", "Public bodies"),
                          "nb": ("Andre offentlige virksomheter", "Offentlige virksomheter"),
                          "sv": ("Andra offentliga organisationer",
                                 "Offentliga organisationer")},
        "risk": {"en": ("Risk and compliance", "Risk", "Compliance"),
                 "nb": ("Risiko og etterlevelse", "Risiko"),
                 "sv": ("Risk och regelefterlevnad", "Risk")},
        "workforce": {"en": ("Workforce", "Staff"),
                      "nb": ("Medarbeidere", "Arbeidsmiljø"),
                      "sv": ("Medarbetare", "Arbetsmiljö")},
        "environment": {"en": ("Environment", "Climate"), "nb": ("Miljø", "Klima"),
                        "sv": ("Miljö", "Klimat")},
    },
    "cashability": {
        "cash": {"en": ("Cash-releasing", "Cash"),
                 "nb": ("Budsjettmessig", "Kontant", "Kontantfrigjørende"),
                 "sv": ("Budgetpåverkande", "Kontant", "Kostnadsbesparande")},
        "non_cash": {"en": ("Non-cash", "Non-cash (capacity freed)", "Capacity freed"),
                     "nb": ("Ikke budsjettmessig", "Frigjort kapasitet"),
                     "sv": ("Ej budgetpåverkande", "Frigjord kapacitet")},
        "not_monetised": {"en": ("Not monetised", "Not monetized"),
                          "nb": ("Ikke prissatt", "Ikke verdsatt"),
                          "sv": ("Ej värderad", "Ej prissatt")},
    },
    "confidence": {
        "high": {"en": ("High",), "nb": ("Høy",), "sv": ("Hög",)},
        "medium": {"en": ("Medium",), "nb": ("Middels",), "sv": ("Medel",)},
        "low": {"en": ("Low",), "nb": ("Lav",), "sv": ("Låg",)},
    },
    "valuation_method": {
        "time_saved": {"en": ("Time saved",), "nb": ("Spart tid", "Tidsbesparelse"),
                       "sv": ("Sparad tid", "Tidsbesparing")},
        "unit_cost": {"en": ("Unit cost avoided", "Unit cost"),
                      "nb": ("Unngått enhetskostnad", "Enhetskostnad"),
                      "sv": ("Undviken styckkostnad", "Styckkostnad")},
        "contract": {"en": ("Contract difference", "Contract"),
                     "nb": ("Kontraktsdifferanse", "Kontrakt"),
                     "sv": ("Avtalsskillnad", "Kontraktsskillnad", "Avtal")},
        "not_monetised": {"en": ("Not monetised", "Not monetized", "None"),
                          "nb": ("Ikke prissatt", "Ikke verdsatt", "Ingen"),
                          "sv": ("Ej värderad", "Ej prissatt", "Ingen")},
    },
}

MODEL_CHOICES = {"category": Benefit.Category, "cashability": Benefit.Cashability,
                 "confidence": Benefit.Confidence, "valuation_method": Benefit.Valuation}


def words(choice: str) -> dict[str, str]:
    """Every allowed word of a choice (normalised) → stored value: the words above, the
    stored values and the labels Gevinst shows in each language."""
    return choice_words(CHOICES, MODEL_CHOICES, choice)


def shown_word(choice: str, value: str, language: str) -> str:
    return choice_shown_word(CHOICES, choice, value, language)
