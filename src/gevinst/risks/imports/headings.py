"""The columns of the risks import and the words allowed as values, in English, Norwegian
Bokmål and Swedish (matching ignores case, spaces and punctuation, as in the portfolio's
imports). Besides the words below, the stored values (``supplier``, ``reduce``...) and every
label Gevinst shows for a choice, in each of the three languages, are understood: an
exported register imports again."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gevinst.portfolio.imports.headings import (
    Field,
    choice_shown_word,
    choice_words,
)
from gevinst.risks.models import Category, Risk

RISK_FIELDS: tuple[Field, ...] = (
    Field("reference", _("Reference"), "reference",
          {"en": ("Reference", "Ref", "ID", "Risk ID"),
           "nb": ("Referanse", "Ref", "Nummer", "Risiko-ID"),
           "sv": ("Referens", "Ref", "Nummer", "Risk-ID")},
          help=_("Optional. Your own identifier of the row; it must be unique in the file. "
                 "It must not be the reference of a risk already in Gevinst: the import only "
                 "adds new risks, which get new references (RSK-…).")),
    Field("kind", _("Type"), "choice",
          {"en": ("Type", "Kind", "Risk or opportunity"),
           "nb": ("Type", "Risiko eller mulighet"),
           "sv": ("Typ", "Risk eller möjlighet")},
          help=_("Risk or opportunity. Empty means risk.")),
    Field("title", _("Title"), "text",
          {"en": ("Title", "Risk", "Name"),
           "nb": ("Tittel", "Risiko", "Navn"),
           "sv": ("Titel", "Risk", "Namn")},
          required=True, help=_("Required. At most 200 characters.")),
    Field("description", _("Description"), "text",
          {"en": ("Description",), "nb": ("Beskrivelse",), "sv": ("Beskrivning",)}),
    Field("cause", _("Cause"), "text",
          {"en": ("Cause", "Causes"), "nb": ("Årsak", "Årsaker"), "sv": ("Orsak", "Orsaker")},
          help=_("What could make it happen.")),
    Field("effect", _("Effect"), "text",
          {"en": ("Effect", "Consequence", "Consequences"),
           "nb": ("Virkning", "Virkninger"),
           "sv": ("Effekt", "Effekter")},
          help=_("What happens if it does.")),
    Field("category", _("Category"), "choice",
          {"en": ("Category",), "nb": ("Kategori", "Risikokategori"),
           "sv": ("Kategori", "Riskkategori")},
          help=_("Empty means delivery and schedule.")),
    Field("proximity", _("Proximity"), "choice",
          {"en": ("Proximity", "When"), "nb": ("Nærhet", "Når", "Tidshorisont"),
           "sv": ("Närhet", "När", "Tidshorisont")},
          help=_("When it could happen: within 3 months, in 3 to 12 months or later than 12 "
                 "months. Empty means in 3 to 12 months.")),
    Field("initiative", _("Initiative"), "reference",
          {"en": ("Initiative", "Initiative reference", "Project"),
           "nb": ("Initiativ", "Tiltak", "Prosjekt"),
           "sv": ("Initiativ", "Projekt")},
          help=_("The reference of an existing initiative (INI-…) for a risk of the "
                 "initiative. Leave empty for a programme's or the organisation's risk.")),
    Field("programme", _("Programme"), "programme",
          {"en": ("Programme", "Program"), "nb": ("Program",), "sv": ("Program",)},
          help=_("The name or reference (PRG-…) of an existing programme, for a risk of the "
                 "programme. Empty with an empty initiative: a risk of the whole "
                 "organisation.")),
    Field("owner", _("Risk owner"), "person",
          {"en": ("Risk owner", "Owner", "Owner email"),
           "nb": ("Risikoeier", "Eier", "Risikoeier e-post"),
           "sv": ("Riskägare", "Ägare", "Riskägare e-post")},
          help=_("Email address of a member of the organisation.")),
    Field("status", _("Status"), "choice",
          {"en": ("Status",), "nb": ("Status",), "sv": ("Status",)},
          help=_("Open, occurred or closed. Empty means open.")),
    Field("probability", _("Probability"), "score",
          {"en": ("Probability", "Likelihood", "Probability before action"),
           "nb": ("Sannsynlighet", "Sannsynlighet før handling", "Sannsynlighet før tiltak"),
           "sv": ("Sannolikhet", "Sannolikhet före åtgärd")},
          required=True, help=_("Required. A whole number from 1 (very unlikely) to 5 "
                                "(almost certain), before action.")),
    Field("impact", _("Impact"), "score",
          {"en": ("Impact", "Consequence score", "Impact before action"),
           "nb": ("Konsekvensgrad", "Konsekvens", "Alvorlighet", "Konsekvensgrad før handling",
                  "Konsekvensgrad før tiltak"),
           "sv": ("Konsekvensgrad", "Konsekvens", "Allvarlighet",
                  "Konsekvensgrad före åtgärd")},
          required=True, help=_("Required. A whole number from 1 (very small) to 5 (very "
                                "large), before action.")),
    Field("residual_probability", _("Probability after action"), "score",
          {"en": ("Probability after action", "Residual probability"),
           "nb": ("Sannsynlighet etter handling", "Restsannsynlighet",
                  "Sannsynlighet etter tiltak"),
           "sv": ("Sannolikhet efter åtgärd", "Kvarstående sannolikhet")},
          help=_("1 to 5, once the planned actions are done. Give both values after action, "
                 "or neither.")),
    Field("residual_impact", _("Impact after action"), "score",
          {"en": ("Impact after action", "Residual impact"),
           "nb": ("Konsekvensgrad etter handling", "Restkonsekvens",
                  "Konsekvensgrad etter tiltak"),
           "sv": ("Konsekvensgrad efter åtgärd", "Kvarstående konsekvens")},
          help=_("1 to 5, once the planned actions are done.")),
    Field("strategy", _("Strategy"), "choice",
          {"en": ("Strategy", "Response", "Treatment"),
           "nb": ("Strategi", "Håndtering", "Tiltaksstrategi"),
           "sv": ("Strategi", "Hantering", "Åtgärdsstrategi")},
          help=_("For a risk: reduce, avoid, transfer, share, accept or monitor (empty means "
                 "reduce). For an opportunity: exploit, enhance, share, accept or monitor "
                 "(empty means exploit). A risk above the risk appetite cannot be imported as "
                 "accepted: accepting it is a named decision, made on the risk's page.")),
    Field("next_review", _("Next review"), "date",
          {"en": ("Next review", "Review date", "Next review date"),
           "nb": ("Neste gjennomgang", "Gjennomgangsdato", "Neste vurdering"),
           "sv": ("Nästa genomgång", "Genomgångsdatum", "Nästa uppföljning")},
          help=_("An Excel date, or written as dd.mm.yyyy or yyyy-mm-dd.")),
    Field("actions", _("Actions"), "text",
          {"en": ("Actions", "Action", "Mitigation", "Mitigating actions"),
           "nb": ("Handlinger", "Risikohandlinger", "Risikoreduserende handlinger",
                  "Risikoreduserende tiltak"),
           "sv": ("Åtgärder", "Åtgärd", "Riskreducerande åtgärder")},
          help=_("One action per line or separated by semicolons. Owners and due dates are "
                 "set on the risk's page.")),
)

# Allowed words per choice, by stored value; the first word of each language is what the
# template shows.
CHOICES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "kind": {
        "risk": {"en": ("Risk", "Threat"), "nb": ("Risiko", "Trussel"),
                 "sv": ("Risk", "Hot")},
        "opportunity": {"en": ("Opportunity",), "nb": ("Mulighet",),
                        "sv": ("Möjlighet",)},
    },
    "category": {
        "strategic": {"en": ("Strategic",), "nb": ("Strategisk",), "sv": ("Strategisk",)},
        "financial": {"en": ("Financial", "Economic", "Finance"),
                      "nb": ("Økonomisk", "Finansiell", "Økonomi"),
                      "sv": ("Ekonomisk", "Finansiell", "Ekonomi")},
        "delivery": {"en": ("Delivery and schedule", "Delivery", "Schedule"),
                     "nb": ("Leveranse og fremdrift", "Leveranse", "Fremdrift"),
                     "sv": ("Leverans och tidplan", "Leverans", "Tidplan")},
        "technology": {"en": ("Technology and architecture", "Technology", "Technical"),
                       "nb": ("Teknologi og arkitektur", "Teknologi", "Teknisk"),
                       "sv": ("Teknik och arkitektur", "Teknik", "Teknisk")},
        "security": {"en": ("Information security and data protection", "Security",
                            "Data protection", "Privacy"),
                     "nb": ("Informasjonssikkerhet og personvern", "Informasjonssikkerhet",
                            "Personvern", "Sikkerhet"),
                     "sv": ("Informationssäkerhet och dataskydd", "Informationssäkerhet",
                            "Dataskydd", "Säkerhet")},
        "legal": {"en": ("Legal and compliance", "Legal", "Compliance"),
                  "nb": ("Juridisk og etterlevelse", "Juridisk", "Etterlevelse"),
                  "sv": ("Juridik och regelefterlevnad", "Juridisk", "Regelefterlevnad")},
        "supplier": {"en": ("Supplier and market", "Supplier", "Market"),
                     "nb": ("Leverandør og marked", "Leverandør", "Marked"),
                     "sv": ("Leverantör och marknad", "Leverantör", "Marknad")},
        "people": {"en": ("People and competence", "People", "Competence", "Staff"),
                   "nb": ("Mennesker og kompetanse", "Kompetanse", "Bemanning"),
                   "sv": ("Människor och kompetens", "Kompetens", "Bemanning")},
        "change": {"en": ("Change and adoption", "Change", "Adoption"),
                   "nb": ("Endring og forankring", "Endring", "Omstilling"),
                   "sv": ("Förändring och förankring", "Förändring", "Omställning")},
        "reputation": {"en": ("Reputation and trust", "Reputation"),
                       "nb": ("Omdømme og tillit", "Omdømme"),
                       "sv": ("Anseende och förtroende", "Anseende", "Rykte")},
    },
    "proximity": {
        "imminent": {"en": ("Within 3 months", "Imminent", "Soon"),
                     "nb": ("Innen 3 måneder", "Nært forestående", "Snart"),
                     "sv": ("Inom 3 månader", "Nära förestående", "Snart")},
        "near": {"en": ("In 3 to 12 months", "Near", "Within a year"),
                 "nb": ("Om 3 til 12 måneder", "Innen ett år"),
                 "sv": ("Om 3 till 12 månader", "Inom ett år")},
        "later": {"en": ("Later than 12 months", "Later", "Distant"),
                  "nb": ("Senere enn 12 måneder", "Senere"),
                  "sv": ("Senare än 12 månader", "Senare")},
    },
    "status": {
        "open": {"en": ("Open", "Active"), "nb": ("Åpen", "Aktiv"), "sv": ("Öppen", "Aktiv")},
        "occurred": {"en": ("Occurred", "Materialised", "Materialized"),
                     "nb": ("Inntruffet",), "sv": ("Inträffat", "Inträffad")},
        "closed": {"en": ("Closed",), "nb": ("Lukket", "Avsluttet"),
                   "sv": ("Stängd", "Avslutad")},
    },
    "strategy": {
        "reduce": {"en": ("Reduce", "Mitigate", "Reduction"),
                   "nb": ("Redusere", "Redusér", "Begrense"),
                   "sv": ("Reducera", "Minska", "Begränsa")},
        "avoid": {"en": ("Avoid", "Avoidance"), "nb": ("Unngå",), "sv": ("Undvika", "Undvik")},
        "transfer": {"en": ("Transfer",), "nb": ("Overføre", "Overfør"),
                     "sv": ("Överföra", "Överför")},
        "share": {"en": ("Share",), "nb": ("Dele", "Del"), "sv": ("Dela",)},
        "accept": {"en": ("Accept", "Tolerate"), "nb": ("Akseptere", "Aksepter"),
                   "sv": ("Acceptera",)},
        "monitor": {"en": ("Monitor", "Watch"), "nb": ("Overvåke", "Følge med"),
                    "sv": ("Bevaka", "Övervaka")},
        "exploit": {"en": ("Exploit",), "nb": ("Utnytte", "Utnytt"), "sv": ("Utnyttja",)},
        "enhance": {"en": ("Enhance",), "nb": ("Forsterke", "Øke"),
                    "sv": ("Förstärka", "Öka")},
    },
}

MODEL_CHOICES = {"kind": Risk.Kind, "category": Category, "proximity": Risk.Proximity,
                 "status": Risk.Status, "strategy": Risk.Strategy}


def words(choice: str) -> dict[str, str]:
    """Every allowed word of a choice (normalised) → stored value: the words above, the
    stored values and the labels Gevinst shows in each language."""
    return choice_words(CHOICES, MODEL_CHOICES, choice)


def shown_word(choice: str, value: str, language: str) -> str:
    return choice_shown_word(CHOICES, choice, value, language)
