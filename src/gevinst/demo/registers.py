"""Demo registers for Fjordby: programmes with their initiatives, money per year, log
entries with lessons learned, and dependencies (one of them late). Everything goes through
the services. Idempotent: an organisation that already has programmes is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.portfolio.models import Initiative, Programme
from gevinst.portfolio.services.dependencies import do_add_dependency
from gevinst.portfolio.services.initiatives import do_update_initiative
from gevinst.portfolio.services.logs import do_create_log_entry, do_set_log_entry_status
from gevinst.portfolio.services.money import do_add_money_year
from gevinst.portfolio.services.programmes import do_create_programme

PROGRAMMES = [
    {"name": "Helse og velferd i hjemmet",
     "description": "Teknologi og digitale tjenester som lar innbyggerne bo trygt hjemme "
                    "lenger, og som frigjør tid i helse- og omsorgstjenestene.",
     "start": "2024-03-01", "end": "2028-06-30",
     "initiatives": [1, 5, 10, 15, 16, 27]},
    {"name": "Effektiv forvaltning",
     "description": "Automatisering og bedre fagsystemer i økonomi, personal og "
                    "saksbehandling, slik at ansatte bruker tiden på det som krever skjønn.",
     "start": "2024-01-01", "end": "2027-12-31",
     "initiatives": [2, 3, 6, 11, 12, 19, 20, 21, 26]},
    {"name": "Smart og bærekraftig kommune",
     "description": "Sensorer, data og energistyring i bygg, vann og vei: færre "
                    "lekkasjer, lavere energibruk og vedlikehold der behovet er størst.",
     "start": "2025-03-01", "end": "2028-12-31",
     "initiatives": [8, 13, 22, 23, 28]},
]

# Yearly budgeted investment (NOK) of the initiatives with money; the other cost lines are
# worked out from it, and actuals lean over or under budget by the factor.
MONEY = {
    1: (2_400_000, Decimal("1.08")), 2: (650_000, Decimal("0.92")),
    3: (900_000, Decimal("0.97")), 4: (350_000, Decimal("1.00")),
    5: (1_200_000, Decimal("1.04")), 6: (3_100_000, Decimal("1.21")),
    7: (1_600_000, Decimal("1.12")), 8: (1_900_000, Decimal("0.95")),
    10: (4_500_000, Decimal("1.00")), 11: (400_000, Decimal("0.88")),
    12: (5_200_000, Decimal("1.15")), 14: (700_000, Decimal("1.02")),
    15: (450_000, Decimal("0.96")), 16: (1_100_000, Decimal("1.06")),
    20: (800_000, Decimal("0.9")), 22: (2_700_000, Decimal("1.03")),
}
# Yearly change in operating cost once delivered (+ adds running cost, − a saving).
OPERATING = {1: 380_000, 3: -450_000, 5: 220_000, 6: 150_000, 12: -600_000, 16: 90_000,
             20: -300_000, 22: -850_000, 15: 40_000}

LOG = [
    (1, "decision", "2025-04-10", "Leverandør av digitalt tilsyn valgt etter konkurranse",
     "Tre tilbud ble evaluert på kvalitet (60 %) og pris (40 %). Valgt leverandør hadde "
     "best løsning for personvern og integrasjon mot journalsystemet.", "open"),
    (1, "change_request", "2026-03-02", "Utvide tilsynet til nattpatruljen",
     "Nattpatruljen ønsker å bruke kameratilsyn i stedet for fysiske nattbesøk hos "
     "brukere som ønsker det. Krever ny risikovurdering og 180 000 kr mer i lisenser.",
     "open"),
    (2, "issue", "2025-11-12", "Chatboten svarer feil om eiendomsskatt",
     "Svarene bygget på fjorårets satser. Innholdet er oppdatert og det er laget en "
     "rutine for årlig gjennomgang av svarene.", "closed"),
    (6, "decision", "2025-02-20", "Gammelt arkivsystem fases ut ved overgangen",
     "Historiske saker migreres; papirarkivet før 2010 avleveres til IKA.", "open"),
    (6, "issue", "2026-05-15", "Migrering av historiske saker er forsinket",
     "Datakvaliteten i gamle saker er dårligere enn antatt. Leverandøren trenger to "
     "måneder ekstra, noe som forsinker selvbetjent byggesøknad.", "open"),
    (7, "change_request", "2025-09-01", "Søknad om dispensasjon tas med i første versjon",
     "Godkjent av styringsgruppen; dekkes innenfor rammen ved å utsette kartinnsyn.",
     "closed"),
    (12, "issue", "2026-02-03", "Lisenskostnadene i skyen er høyere enn antatt",
     "Prisene er justert for valuta. Vi vurderer reservert kapasitet for å dempe "
     "kostnadene.", "open"),
    (3, "lesson", "2025-06-30", "Rydd i prosessen før den automatiseres",
     "Roboten ble først satt til å følge dagens rutine, med tre kontrollsteg som ingen "
     "lenger trengte. Da vi forenklet prosessen først, halverte vi antall unntak roboten "
     "måtte sende til manuell behandling.", "open"),
    (4, "lesson", "2024-12-20", "Test søknadsskjemaet med foreldre før lansering",
     "Brukertesting med fem foreldre viste at halvparten misforsto spørsmålet om delt "
     "bosted. Etter omskriving falt henvendelsene til servicetorget med rundt 60 prosent.",
     "open"),
    (9, "lesson", "2026-01-15", "Å stoppe i tide er også en gevinst",
     "Konseptet forutsatte en nasjonal løsning for innbyggerkort som ikke kom. Vi stoppet "
     "ved beslutningspunktet i stedet for å bygge en lokal variant, og sparte anslagsvis "
     "2 millioner kroner.", "open"),
    (14, "lesson", "2025-11-20", "Involver tillitsvalgte og verneombud fra starten",
     "Da tillitsvalgte var med i arbeidsgruppen fra første dag, ble endringer i "
     "arbeidsoppgavene for styrerne avklart før innføringen, ikke etter.", "open"),
    (15, "lesson", "2025-03-31", "Avklar integrasjonen med journalsystemet tidlig",
     "Integrasjonen mot journalsystemet tok fire måneder lenger enn planlagt. Neste gang "
     "bør leverandøren av journalsystemet være med allerede i konseptfasen.", "open"),
    (20, "lesson", "2026-06-30", "Gevinsteieren må sitte der gevinsten oppstår",
     "Innkjøpsavdelingen eide gevinstene, men innsparingen skjedde i enhetene. Først da "
     "enhetslederne fikk ansvar for sin del, ble gevinstene tatt ut i budsjettene.", "open"),
    (19, "lesson", "2025-12-05", "Opplæringen må skje nær oppstart",
     "E-læring tre måneder før oppstart var glemt da systemet kom. Korte økter i "
     "arbeidstiden uka før oppstart fungerte langt bedre.", "open"),
]

# (needing initiative, needed initiative, needed by, what is needed)
DEPENDENCIES = [
    (7, 6, "2026-03-01", "Byggesøknader skal arkiveres automatisk i ny sak-/arkivløsning."),
    (8, 12, "2027-09-01", "Sensordata lagres og analyseres på den nye skyplattformen."),
    (10, 12, "2027-12-01", "Ny journalløsning driftes på skyplattformen."),
    (13, 12, "2027-06-30", "Datadelingen trenger integrasjonsplattformen i skyen."),
    (26, 12, None, "KI-assistenten skal kjøre på skyplattformen."),
]

# Initiative numbers the registers refer to (all of Fjordby's demo initiatives).
NEEDED = ({n for p in PROGRAMMES for n in p["initiatives"]} | {e[0] for e in LOG}
          | {n for d in DEPENDENCIES for n in d[:2]})


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _money(initiative: Initiative, actor: User, today: dt.date) -> None:
    spec = MONEY.get(initiative.number)
    if spec is None or initiative.start_date is None or initiative.end_date is None:
        return
    investment, factor = spec
    years = range(initiative.start_date.year, initiative.end_date.year + 1)
    done = initiative.status in (Initiative.Status.COMPLETED, Initiative.Status.STOPPED)
    for index, year in enumerate(years):
        last = year == initiative.end_date.year
        amounts = {
            "investment": Decimal(investment),
            "internal_hours": Decimal(400 + investment // 2500),
            "external_purchases": Decimal(investment * 2 // 5),
            "operating_cost_change": Decimal(OPERATING.get(initiative.number, 0) if last else 0),
        }
        do_add_money_year(actor=actor, initiative=initiative, year=year, kind="budget",
                          **amounts)
        if year <= today.year:
            # The current year's actuals so far: the share of the year that has passed.
            share = Decimal(1) if year < today.year else Decimal(today.timetuple().tm_yday) / 365
            drift = factor + Decimal(index % 3 - 1) / 50
            do_add_money_year(actor=actor, initiative=initiative, year=year, kind="actual", **{
                k: (v * drift * share).quantize(Decimal("1")) if k != "operating_cost_change"
                else v for k, v in amounts.items()})
        if year >= today.year and not done:
            do_add_money_year(actor=actor, initiative=initiative, year=year, kind="forecast",
                              **{k: (v * factor).quantize(Decimal("1"))
                                 if k != "operating_cost_change" else v
                                 for k, v in amounts.items()})


def load_registers(organisation: Organisation, people: dict[str, User],
                   today: dt.date | None = None) -> None:
    """Fjordby's registers; an organisation without Fjordby's demo initiatives (Åsdal) or
    with programmes already is left alone."""
    by_number = {i.number: i for i in Initiative.objects.filter(organisation=organisation)}
    if not NEEDED <= set(by_number):
        return
    if Programme.objects.filter(organisation=organisation).exists():
        return
    today = today or timezone.localdate()
    pmo, manager = people["pmo"], people["contributor"]
    for spec in PROGRAMMES:
        programme = do_create_programme(
            actor=pmo, organisation=organisation, name=spec["name"],
            description=spec["description"], owner=pmo, manager=manager,
            start_date=_date(spec["start"]), end_date=_date(spec["end"]))
        for number in spec["initiatives"]:
            initiative = Initiative.objects.get(pk=by_number[number].pk)
            do_update_initiative(actor=pmo, initiative=initiative,
                                 data={"programme": programme},
                                 expected_version=initiative.version)
    for initiative in by_number.values():
        _money(initiative, manager, today)
    for number, kind, on, title, description, status in LOG:
        entry = do_create_log_entry(actor=manager, initiative=by_number[number], kind=kind,
                                    title=title, description=description,
                                    occurred_on=_date(on))
        if status == "closed":
            do_set_log_entry_status(actor=manager, entry=entry, status="closed",
                                    expected_version=entry.version)
    for needer, needed, by, what in DEPENDENCIES:
        do_add_dependency(actor=manager, initiative=by_number[needer],
                          depends_on=by_number[needed], needed_by=_date(by), description=what)
