"""Demo objectives for Fjordby: the goals of the municipal digitalisation strategy
("Digitaliseringsstrategi for Fjordby kommune 2024–2028") as a small tree that benefits link
to. Everything goes through the objectives service. Idempotent: an organisation that already
has objectives is left alone.
"""

from __future__ import annotations

from gevinst.core.models import Organisation, User
from gevinst.demo import data
from gevinst.objectives.models import Objective
from gevinst.objectives.services import do_create_objective
from gevinst.portfolio.models import Initiative

# key → (title, description, sub-objectives as (key, title, description))
STRATEGY = [
    ("innbygger", "Innbyggerne får enkle og sammenhengende digitale tjenester",
     "Digitalt førstevalg: det skal være enkelt å søke, melde fra og følge sin egen sak, "
     "når det passer innbyggeren, og kommunen spør bare én gang om det den allerede vet.",
     [
         ("selvbetjening", "Flere søknader og henvendelser ordnes digitalt",
          "Minst 80 prosent av søknadene til kommunen kommer digitalt innen 2028, og enkle "
          "spørsmål får svar døgnet rundt."),
         ("svartid", "Kortere svartid og saksbehandlingstid",
          "Innbyggere og næringsliv får raskere svar, og vet hvor saken står underveis."),
         ("trygg_hjemme", "Flere kan bo trygt hjemme lenger",
          "Velferdsteknologi og digitale tjenester gir trygghet, selvstendighet og færre "
          "unødvendige besøk."),
     ]),
    ("effektiv", "Mer tid til kjerneoppgavene",
     "Automatisering og gode fagsystemer frigjør tid som brukes på innbyggerne, ikke på "
     "papir, dobbeltregistrering og kjøring.",
     [
         ("automatisering", "Rutinearbeid i administrasjonen automatiseres",
          "Fakturaer, lønnstillegg, arkivering og standardbrev går uten manuell behandling "
          "når vilkårene er oppfylt."),
         ("omsorgstid", "Frigjort tid i helse og omsorg brukes på omsorg",
          "Tid spart på tilsyn, medisinutdeling og kjøring brukes til brukerne som trenger "
          "det mest."),
         ("kostnader", "Lavere driftskostnader til porto, lisenser og innkjøp",
          "Innsparinger tas ut i budsjettene til enhetene der de oppstår."),
     ]),
    ("baerekraft", "Trygge, bærekraftige og godt styrte tjenester",
     "Kommunen bruker mindre energi og vann, etterlever krav til personvern og arkiv, og har "
     "ledere og ansatte med kompetanse til å ta i bruk ny teknologi.",
     [
         ("klima", "Lavere energibruk og mindre vanntap",
          "Energibruken i kommunale bygg reduseres med 15 prosent, og lekkasjetapet på "
          "vannettet halveres innen 2030."),
         ("etterlevelse", "Personvern, informasjonssikkerhet og arkiv er i orden",
          "Lovkrav etterleves, og avvik blir fanget opp og lukket i tide."),
         ("kompetanse", "Ledere og ansatte har digital kompetanse",
          "Ledere kan vurdere digitale løsninger og lede endringer fram til gevinstene er "
          "tatt ut."),
     ]),
]


def load_objectives(organisation: Organisation, people: dict[str, User]) -> dict[str, Objective]:
    """Create Fjordby's strategy objectives; returns them by key (empty for an organisation
    without Fjordby's demo initiatives or with objectives already)."""
    if Objective.objects.filter(organisation=organisation).exists():
        return {}
    if not Initiative.objects.filter(organisation=organisation,
                                     title=data.FJORDBY_INITIATIVES[0]["title"]).exists():
        return {}
    actor = people.get("pmo")
    out: dict[str, Objective] = {}
    for key, title, description, children in STRATEGY:
        parent = do_create_objective(actor=actor, organisation=organisation, title=title,
                                     description=description)
        out[key] = parent
        for child_key, child_title, child_description in children:
            out[child_key] = do_create_objective(
                actor=actor, organisation=organisation, title=child_title,
                description=child_description, parent=parent)
    return out
