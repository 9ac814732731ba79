"""Demo objectives for Fjordby: the goals of the municipal digitalisation strategy
("Digitaliseringsstrategi for Fjordby kommune 2024–2028") as a small tree that benefits and
initiatives link to, with owners, KPIs (baseline, target, measurements) and the initiatives
that contribute to each objective.

Everything goes through the objectives services (``do_create_objective``, ``do_create_kpi``,
``do_record_kpi_measurement``, ``do_link_initiative_objectives``). Dates are counted from
today (``timezone.localdate()``), like the demo benefits, so the demo stays fresh: a KPI's
baseline is 1 January of a year relative to this one, its target 31 December of another,
and it is measured on the period ends that have passed. Some KPIs are on track, some within
tolerance, some behind, and one is not measured yet (see ``KPIS``).

Idempotent: an organisation that already has objectives is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.demo import data
from gevinst.objectives.models import Kpi, Objective
from gevinst.objectives.services import (
    do_create_kpi,
    do_create_objective,
    do_link_initiative_objectives,
    do_record_kpi_measurement,
)
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


# Who owns each objective (people keys of the loader: the line managers of benefits.py).
OWNERS = {
    "innbygger": "admin", "effektiv": "admin", "baerekraft": "admin",
    "selvbetjening": "leder.dokumentsenter", "svartid": "leder.byggesak",
    "trygg_hjemme": "leder.hjemmetjenesten", "automatisering": "leder.regnskap",
    "omsorgstid": "leder.hjemmetjenesten", "kostnader": "leder.innkjop",
    "klima": "leder.eiendom", "etterlevelse": "leder.dokumentsenter",
    "kompetanse": "leder.personal",
}

# The day-of-year of each measurement: quarter ends, half-year ends, a yearly survey.
QUARTERLY = ((3, 31), (6, 30), (9, 30), (12, 31))
HALF_YEARLY = ((6, 30), (12, 31))
YEARLY_OCTOBER = ((10, 31),)
YEARLY = ((12, 31),)

# (objective key, KPI). ``base``/``target`` values; ``down`` when lower is better;
# ``from``/``to``: the years (relative to this one) of the baseline (1 January) and the
# target (31 December); ``at``: the measurement days of each year; ``pace``: the share of
# the straight line from baseline to target actually reached, constant or (first, last)
# over the measurements (the last one decides the health); ``tol`` tolerance in percentage
# points; ``dec`` decimals; ``note``: the comment of the latest measurement; ``measured``:
# False for a KPI not measured yet.
KPIS = [
    ("innbygger", {
        "name": "Innbyggertilfredshet med kommunens digitale tjenester",
        "description": "Gjennomsnittlig score på spørsmålene om digitale tjenester i den "
                       "årlige innbyggerundersøkelsen.",
        "unit": "poeng (0–100)", "source": "Innbyggerundersøkelsen (oktober hvert år)",
        "dec": 1, "base": 61, "target": 75, "at": YEARLY_OCTOBER, "pace": 0.95, "tol": 5,
        "note": "Chatboten får god omtale; byggesak trekker ned."}),
    ("selvbetjening", {
        "name": "Andel søknader som kommer inn digitalt",
        "description": "Digitale søknader av alle søknader til kommunen, alle tjenester.",
        "unit": "%", "source": "Sak-/arkivsystemet: inngående søknader etter kanal",
        "base": 46, "target": 80, "at": QUARTERLY, "pace": (1.0, 1.15), "tol": 5}),
    ("svartid", {
        "name": "Gjennomsnittlig saksbehandlingstid for byggesøknader",
        "description": "Fra komplett søknad til vedtak, søknader med ansvarsrett.",
        "unit": "dager", "down": True, "source": "Fagsystemet for byggesak (KOSTRA-uttrekk)",
        "base": 41, "target": 21, "at": QUARTERLY, "pace": (0.9, 0.35), "tol": 10,
        "note": "Forsinket migrering til ny sak-/arkivløsning gir lengre behandlingstid."}),
    ("svartid", {
        "name": "Henvendelser til servicetorget besvart samme dag",
        "unit": "%", "source": "Telefoni- og chatstatistikk",
        "base": 64, "target": 85, "at": QUARTERLY, "pace": 1.1, "tol": 5}),
    ("trygg_hjemme", {
        "name": "Andel innbyggere over 80 år som bor hjemme",
        "unit": "%", "source": "SSB/KOSTRA og folkeregisteret", "dec": 1,
        "base": 86.5, "target": 89, "at": YEARLY, "pace": 0.93, "tol": 10}),
    ("trygg_hjemme", {
        "name": "Brukere med digitalt tilsyn (kamera eller sensor)",
        "unit": "brukere", "source": "Fagsystemet i hjemmetjenesten",
        "base": 0, "target": 400, "from": -1, "to": 1, "at": QUARTERLY, "pace": 1.1,
        "tol": 10}),
    ("automatisering", {
        "name": "Andel inngående fakturaer behandlet automatisk",
        "description": "Fakturaer som er kontert, attestert og godkjent uten manuelle steg.",
        "unit": "%", "source": "Økonomisystemet", "base": 12, "target": 85,
        "at": QUARTERLY, "pace": (0.6, 1.35), "tol": 5,
        "note": "Roboten tar nå også fakturaer med avvik under 500 kr."}),
    ("automatisering", {
        "name": "Variable lønnstillegg registrert manuelt",
        "unit": "tillegg per måned", "down": True, "source": "Lønnssystemet",
        "base": 2400, "target": 200, "from": 0, "to": 1, "at": QUARTERLY, "pace": 0.1,
        "tol": 10, "note": "Automatiseringen starter først når den nye lønnsmodulen er på "
                           "plass."}),
    ("omsorgstid", {
        "name": "Sykefravær i hjemmetjenesten",
        "unit": "%", "down": True, "source": "HR-systemet (legemeldt og egenmeldt)",
        "dec": 1, "base": 11.8, "target": 8.5, "at": QUARTERLY, "pace": (0.5, -0.3),
        "tol": 5, "note": "Høyt fravær i høst, etter flere innføringer samtidig."}),
    ("omsorgstid", {
        "name": "Andel av arbeidstiden brukt hos brukerne",
        "description": "Direkte brukertid av all arbeidstid, etter tidsregistrering.",
        "unit": "%", "source": "Fagsystemet i hjemmetjenesten (tidsbruk per besøk)",
        "dec": 1, "base": 46, "target": 60, "at": HALF_YEARLY, "pace": 0.94, "tol": 5}),
    ("kostnader", {
        "name": "Papirbrev sendt fra kommunen",
        "unit": "brev per kvartal", "down": True, "source": "Utskrifts- og portotjenesten",
        "base": 43000, "target": 9000, "at": QUARTERLY, "pace": (0.8, 1.1), "tol": 5}),
    ("klima", {
        "name": "Energibruk i kommunale bygg",
        "unit": "kWh per m² (siste 12 måneder)", "down": True,
        "source": "Energioppfølgingssystemet", "dec": 1, "base": 182, "target": 155,
        "at": QUARTERLY, "pace": 1.05, "tol": 5}),
    ("klima", {
        "name": "Vanntap fra ledningsnettet",
        "unit": "%", "down": True, "source": "Driftskontrollsystemet for vann",
        "base": 31, "target": 16, "at": HALF_YEARLY, "pace": 0.55, "tol": 10,
        "note": "Sensorene er levert sent; målingene dekker foreløpig to av sju soner."}),
    ("etterlevelse", {
        "name": "Avvik lukket innen fristen",
        "unit": "%", "source": "Avvikssystemet", "base": 58, "target": 90,
        "at": QUARTERLY, "pace": 1.08, "tol": 5}),
    ("etterlevelse", {
        "name": "Systemer med oppdatert risikovurdering og DPIA",
        "description": "Systemer som behandler personopplysninger og har en risikovurdering "
                       "og personvernkonsekvensvurdering yngre enn to år. Første telling "
                       "kommer etter gjennomgangen av systemoversikten.",
        "unit": "%", "source": "Systemoversikten (internkontroll)", "base": 35,
        "target": 100, "from": 0, "to": 1, "at": QUARTERLY, "measured": False}),
    ("kompetanse", {
        "name": "Ledere som har fullført kompetanseløftet",
        "unit": "%", "source": "Kursportalen", "base": 0, "target": 90, "from": -1, "to": 0,
        "at": QUARTERLY, "pace": 1.05, "tol": 5}),
    ("kompetanse", {
        "name": "Ansatte i hjemmetjenesten som mestrer fagsystemet på mobil",
        "description": "Egenvurdering i medarbeiderundersøkelsen: «Jeg bruker fagsystemet "
                       "på mobilen uten hjelp».",
        "unit": "%", "source": "Medarbeiderundersøkelsen (halvårlig puls)",
        "base": 41, "target": 90, "from": -1, "to": 1, "at": HALF_YEARLY, "pace": 0.6,
        "tol": 5, "note": "Mange nyansatte og vikarer; se risikoen om lav digital "
                          "kompetanse."}),
]

# Initiative number (data.FJORDBY_INITIATIVES, from 1) → the objectives it contributes to.
INITIATIVE_OBJECTIVES = {
    1: ["trygg_hjemme", "omsorgstid"], 2: ["selvbetjening", "svartid"],
    3: ["automatisering", "kostnader"], 4: ["selvbetjening"],
    5: ["trygg_hjemme", "omsorgstid"], 6: ["etterlevelse", "svartid"],
    7: ["selvbetjening", "svartid"], 8: ["klima"], 9: ["selvbetjening"],
    10: ["omsorgstid", "etterlevelse"], 11: ["kompetanse"], 12: ["kostnader", "etterlevelse"],
    13: ["kostnader"], 14: ["selvbetjening", "automatisering"], 15: ["selvbetjening"],
    16: ["selvbetjening", "svartid"], 17: ["automatisering"], 18: ["automatisering", "svartid"],
    19: ["etterlevelse"], 20: ["kostnader", "automatisering"], 21: ["automatisering"],
    22: ["klima", "kostnader"], 23: ["kostnader"], 24: ["innbygger"], 25: ["etterlevelse"],
    26: ["automatisering", "svartid"], 27: ["trygg_hjemme", "omsorgstid"],
    28: ["klima", "automatisering"],
}

# Small ups and downs around the line (share of the change), never on the latest value.
WIGGLE = [0.0, 0.015, -0.01, 0.02, -0.015, 0.01, -0.005, 0.012]


def _days(today: dt.date, spec: dict) -> tuple[dt.date, dt.date, list[dt.date]]:
    """Baseline date, target date and the measurement days that have passed."""
    baseline = dt.date(today.year + spec.get("from", -2), 1, 1)
    target = dt.date(today.year + spec.get("to", 2), 12, 31)
    days = []
    if spec.get("measured", True):
        for year in range(baseline.year, today.year + 1):
            for month, day in spec["at"]:
                when = dt.date(year, month, day)
                if baseline < when <= today:
                    days.append(when)
    return baseline, target, days


def _value(spec: dict, baseline: dt.date, target: dt.date, day: dt.date, pace: float,
           wiggle: float) -> Decimal:
    share = (day - baseline).days / (target - baseline).days
    base, goal = float(spec["base"]), float(spec["target"])
    value = base + (goal - base) * (share * pace + wiggle)
    if spec.get("unit") == "%":
        value = min(100.0, value)
    places = Decimal(1).scaleb(-spec.get("dec", 0))
    return Decimal(str(max(value, 0.0))).quantize(places, rounding=ROUND_HALF_UP)


def _kpi(objective: Objective, spec: dict, recorder: User, actor: User | None,
         today: dt.date, seed: int) -> Kpi:
    baseline, target, days = _days(today, spec)
    kpi = do_create_kpi(
        actor=actor, objective=objective, name=spec["name"],
        description=spec.get("description", ""), unit=spec.get("unit", ""),
        direction=Kpi.Direction.DECREASE if spec.get("down") else Kpi.Direction.INCREASE,
        data_source=spec.get("source", ""), baseline_value=Decimal(str(spec["base"])),
        baseline_date=baseline, target_value=Decimal(str(spec["target"])),
        target_date=target, tolerance=Decimal(str(spec.get("tol", 5))))
    pace = spec.get("pace", 1.0)
    first, last = pace if isinstance(pace, tuple) else (pace, pace)
    for index, day in enumerate(days):
        latest = index == len(days) - 1
        t = index / (len(days) - 1) if len(days) > 1 else 1.0
        wiggle = 0.0 if latest else WIGGLE[(index + seed) % len(WIGGLE)]
        do_record_kpi_measurement(
            actor=recorder, kpi=kpi, measured_on=day,
            value=_value(spec, baseline, target, day, first + (last - first) * t, wiggle),
            comment=spec.get("note", "") if latest else "")
    return kpi


def _link_initiatives(organisation: Organisation, objectives: dict[str, Objective],
                      actor: User | None) -> None:
    initiatives = {i.number: i for i in Initiative.objects.filter(organisation=organisation)}
    for number, keys in INITIATIVE_OBJECTIVES.items():
        if number in initiatives:
            do_link_initiative_objectives(actor=actor, initiative=initiatives[number],
                                          objectives=[objectives[k] for k in keys])


def load_objectives(organisation: Organisation, people: dict[str, User],
                    today: dt.date | None = None) -> dict[str, Objective]:
    """Create Fjordby's strategy objectives with owners, KPIs and measurements, and link
    the initiatives to them; returns the objectives by key (empty for an organisation
    without Fjordby's demo initiatives or with objectives already)."""
    if Objective.objects.filter(organisation=organisation).exists():
        return {}
    if not Initiative.objects.filter(organisation=organisation,
                                     title=data.FJORDBY_INITIATIVES[0]["title"]).exists():
        return {}
    today = today or timezone.localdate()
    actor = people.get("pmo")
    out: dict[str, Objective] = {}
    for key, title, description, children in STRATEGY:
        parent = do_create_objective(actor=actor, organisation=organisation, title=title,
                                     description=description,
                                     owner=people.get(OWNERS[key]))
        out[key] = parent
        for child_key, child_title, child_description in children:
            out[child_key] = do_create_objective(
                actor=actor, organisation=organisation, title=child_title,
                description=child_description, parent=parent,
                owner=people.get(OWNERS[child_key]))
    for seed, (key, spec) in enumerate(KPIS):
        recorder = people.get(OWNERS[key]) or actor
        _kpi(out[key], spec, recorder, actor, today, seed)
    _link_initiatives(organisation, out, actor)
    return out
