"""Demo benefits for Fjordby (and a few for Åsdal): the line managers who own them, and
benefits with valuation, value profile, measures, planned trajectories, two to three years of
measurements and a lifecycle that matches each initiative.

Everything goes through the services (``do_create_benefit``, ``do_link_initiative``,
``do_set_value_profile``, ``do_create_measure``, ``do_set_plan``, ``do_record_measurements``,
``do_verify_measurement``, ``do_change_benefit_status``), so the rules hold: attribution never
above 100 %, no approval without owner, baseline and target, measurements only once profiled.

Periods are counted back from today (``timezone.localdate()``), so the demo stays fresh: a
measure's baseline lies ``base_at`` periods before the current one, its plan runs ``n``
periods after that, and it is measured up to ``to`` (-1: the last period that has ended).
Value profiles are given in years relative to this year. Some benefits are on track, some
within tolerance, some behind or not measured when due, some realised or handed over; the
benefits of closed initiatives go on being measured after the closure.

Idempotent: an organisation that already has benefits is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gevinst.benefits import calc
from gevinst.benefits.models import Benefit, Measurement
from gevinst.benefits.services.benefits import (
    do_change_benefit_status,
    do_create_benefit,
    do_link_initiative,
    do_set_value_profile,
)
from gevinst.benefits.services.measures import (
    do_create_measure,
    do_record_measurements,
    do_set_plan,
    do_verify_measurement,
)
from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.core.services import do_add_member
from gevinst.demo import data
from gevinst.demo.objectives import STRATEGY
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative

# --------------------------------------------------------------------------- line managers

# (e-mail local part, unit key, name, job title). Line managers own the benefits that arise
# in their unit; in Gevinst they are readers (viewers) who record and hand over what they own.
FJORDBY_LINE_MANAGERS = [
    ("leder.hjemmetjenesten", "hjemmetjenesten", "Hanne Kristiansen",
     "Enhetsleder hjemmetjenesten"),
    ("leder.sykehjem", "sykehjem", "Geir Mathisen", "Virksomhetsleder sykehjem"),
    ("leder.helsestasjon", "helsestasjon", "Anne Grethe Sørensen", "Ledende helsesykepleier"),
    ("leder.tildeling", "tildeling", "Mona Lie", "Leder tildelingskontoret"),
    ("leder.skole", "skoler", "Torunn Aune", "Skolesjef"),
    ("leder.barnehage", "barnehager", "Gunn Iren Hauge", "Barnehagesjef"),
    ("leder.byggesak", "byggesak_plan", "Marianne Bakken", "Byggesakssjef"),
    ("leder.vann", "vann_avlop", "Stian Olsen", "Leder vann og avløp"),
    ("leder.vei", "vei_park", "Rune Tangen", "Leder vei og park"),
    ("leder.eiendom", "eiendom", "Kjetil Brekke", "Eiendomssjef"),
    ("leder.regnskap", "regnskap", "Øystein Kvalheim", "Regnskapssjef"),
    ("leder.innkjop", "innkjop", "Eirik Haugland", "Innkjøpssjef"),
    ("leder.personal", "personal", "Line Fossum", "Personalsjef"),
    ("leder.it", "it_drift", "Thomas Nygård", "IT-driftsleder"),
    ("leder.dokumentsenter", "digitalisering", "Vibeke Sandvik",
     "Leder for servicetorg og dokumentsenter"),
]
ASDAL_LINE_MANAGERS = [
    ("leder.pleie", "pleie_omsorg", "Torill Midtbø", "Leder pleie og omsorg"),
    ("leder.okonomi", "okonomi_hr", "Arvid Brenna", "Økonomisjef"),
    ("leder.oppvekst", "skoler_barnehager", "Solveig Rønning", "Oppvekstsjef"),
    ("leder.vann", "vann_vei", "Håkon Lien", "Leder vann, avløp og vei"),
]


def _managers_for(units: dict[str, Unit]) -> list[tuple[str, str, str, str]]:
    if "hjemmetjenesten" in units:
        return FJORDBY_LINE_MANAGERS
    if "pleie_omsorg" in units:
        return ASDAL_LINE_MANAGERS
    return []


def add_line_managers(organisation: Organisation, units: dict[str, Unit],
                      password: str) -> dict[str, User]:
    """Add the demo organisation's line managers as viewers in their units; returns them by
    e-mail local part (``leder.hjemmetjenesten``), to merge into the loader's people."""
    people = {}
    managers = _managers_for(units)
    hashed = make_password(password) if managers else ""  # hashing once is enough
    for local, unit_key, name, title in managers:
        email = f"{local}@{organisation.slug}.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, full_name=name)
            user.password = hashed
            user.save(update_fields=["password"])
        do_add_member(actor=None, organisation=organisation, user=user, role=Role.VIEWER,
                      unit=units[unit_key], title=title)
        people[local] = user
    return people


# --------------------------------------------------------------------------- the data

# Measures: ``freq`` monthly/quarterly/half_yearly/yearly; ``base``/``target`` values;
# ``down`` when lower is better; ``base_at`` the baseline period (periods before the current
# one); ``n`` planned periods after the baseline; ``delay`` of them still at the baseline
# (before go-live); ``to`` the last measured period (-1: the last that has ended; None: no
# measurements); ``pace`` the share of the planned change actually reached, constant or
# (first, last) over the measured periods; ``tol`` tolerance in percentage points; ``dec``
# decimals; ``comments``: period offset → comment; ``forecast``: forecasts for the periods
# after ``to``; ``plan``: False for no planned trajectory yet; ``baseline``: False for no
# baseline yet.

FJORDBY = [
    # ---------------------------------------------- Digitalt tilsyn i hjemmetjenesten (1)
    {
        "title": "Færre fysiske nattbesøk i hjemmetjenesten",
        "description": "Brukere med kamera- eller sensortilsyn trenger ikke lenger faste "
                       "nattbesøk for å sjekke at de sover trygt. Nattpatruljen rykker ut når "
                       "sensoren varsler, og den frigjorte tiden brukes på brukere med "
                       "behov for stell og behandling.",
        "initiatives": [(1, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Nattpatruljen i hjemmetjenesten",
        "owner": "leder.hjemmetjenesten", "unit": "hjemmetjenesten",
        "realising": ["hjemmetjenesten"], "objectives": ["omsorgstid", "trygg_hjemme"],
        "enabling": "Kamera- og sensortilsyn installert hos brukere som samtykker\n"
                    "Ny rutine for nattpatruljen: utrykning ved varsel i stedet for faste "
                    "runder\nVedtak om digitalt tilsyn fattet av tildelingskontoret",
        "preconditions": "Personvernkonsekvensvurdering godkjent. Brukeren eller verge har "
                         "samtykket. Stabil mobildekning hos brukeren.",
        "confidence": "medium", "optimism": 15,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "25",
                      "cases_per_year": "9000"},
        "profile": {-1: 20, 0: 60, 1: 100, 2: 100},
        "measures": [{
            "name": "Fysiske nattbesøk per måned", "unit": "besøk", "down": True,
            "freq": "monthly", "base": 1450, "target": 700, "base_at": -18, "n": 19,
            "delay": 2, "pace": (1.0, 1.03), "tol": 10,
            "source": "Fagsystemet i hjemmetjenesten (besøksstatistikk)",
            "method": "Antall utførte besøk på nattvakt (kl. 23–07) med tiltaket «tilsyn», "
                      "hentet fra besøksstatistikken den 5. i måneden etter.",
            "evidence": "Uttrekk fra fagsystemet for mars–mai 2025, snitt per måned.",
        }],
        "status": "in_realisation",
    },
    {
        "title": "Færre fall om natten blant brukere med digitalt tilsyn",
        "description": "Sensorene varsler når brukeren står opp eller blir liggende på "
                       "gulvet, slik at hjelpen kommer før et fall eller raskt etter.",
        "initiatives": [(1, 100)], "category": "service_quality",
        "cashability": "not_monetised", "beneficiary": "Hjemmeboende brukere med tilsyn",
        "owner": "leder.hjemmetjenesten", "unit": "hjemmetjenesten",
        "realising": ["hjemmetjenesten"], "objectives": ["trygg_hjemme"],
        "enabling": "Fallsensor med varsling til nattpatruljen\nFallrisikovurdering ved "
                    "oppstart av tilsynet",
        "preconditions": "Varslene går til en bemannet mottakssentral hele natten.",
        "confidence": "medium", "optimism": 0,
        "measures": [{
            "name": "Fall om natten per kvartal (brukere med tilsyn)", "unit": "fall",
            "down": True, "freq": "quarterly", "base": 46, "target": 30, "base_at": -7,
            "n": 8, "delay": 1, "pace": (0.8, 1.05), "tol": 15,
            "source": "Avvikssystemet og pasientjournalen",
            "method": "Registrerte fall mellom kl. 23 og 07 hos brukere med digitalt "
                      "tilsyn, telt per kvartal.",
            "evidence": "Avviksrapport for 2024 (samme brukergruppe).",
        }],
        "status": "in_realisation",
    },
    {
        "title": "Bedre søvn og mer ro for brukerne",
        "description": "Brukerne blir ikke lenger vekket av nattlige tilsynsbesøk og "
                       "opplever mer ro og trygghet om natten.",
        "initiatives": [(1, 100)], "category": "citizens", "cashability": "not_monetised",
        "beneficiary": "Hjemmeboende brukere og pårørende",
        "owner": "leder.hjemmetjenesten", "unit": "hjemmetjenesten",
        "realising": ["hjemmetjenesten"], "objectives": ["trygg_hjemme"],
        "enabling": "Tilsyn uten fysisk besøk når alt er i orden",
        "preconditions": "", "confidence": "high", "optimism": 0,
        "measures": [{
            "name": "Brukere som sover uforstyrret (brukerundersøkelse)", "unit": "%",
            "freq": "half_yearly", "base": 58, "target": 80, "base_at": -3, "n": 4,
            "pace": 1.1, "tol": 10,
            "source": "Halvårlig brukerundersøkelse i hjemmetjenesten",
            "method": "Andel som svarer «ofte» eller «alltid» på spørsmålet «Sover du "
                      "uforstyrret om natten?»",
            "evidence": "Brukerundersøkelsen våren 2025 (n = 84).",
        }],
        "status": "in_realisation",
    },
    {
        "title": "Flere alarmer å følge opp i innføringsfasen",
        "description": "Sensorene gir mange falske alarmer før de er justert inn for hver "
                       "bruker. Nattpatruljen må følge opp alarmene, noe som spiser av den "
                       "frigjorte tiden til alarmnivået er tilpasset.",
        "is_disbenefit": True,
        "initiatives": [(1, 100)], "category": "workforce", "cashability": "non_cash",
        "beneficiary": "Nattpatruljen og responssenteret",
        "owner": "leder.hjemmetjenesten", "unit": "hjemmetjenesten",
        "realising": ["hjemmetjenesten"], "objectives": ["omsorgstid"],
        "enabling": "Justering av følsomhet per bruker etter to uker\nFast gjennomgang av "
                    "falske alarmer med leverandøren hver måned",
        "preconditions": "Leverandøren justerer algoritmene etter avtalen.",
        "confidence": "medium", "optimism": 0,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "8",
                      "cases_per_year": "4000"},
        "profile": {-1: 100, 0: 60, 1: 30, 2: 10},
        "measures": [{
            "name": "Alarmer som krever oppfølging per natt", "unit": "alarmer",
            "down": True, "freq": "monthly", "base": 14, "target": 5, "base_at": -14,
            "n": 15, "pace": (1.0, 0.9), "tol": 15, "dec": 1,
            "source": "Responssenterets alarmlogg",
            "method": "Snitt per natt av alarmer som ble fulgt opp med telefon eller "
                      "utrykning.",
            "evidence": "Alarmloggen de første fire ukene etter oppstart i september 2025.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Chatbot for innbyggerhenvendelser (2)
    {
        "title": "Færre telefoner til sentralbordet om enkle spørsmål",
        "description": "Spørsmål om avfallstømming, eiendomsskatt og åpningstider besvares "
                       "av chatboten, så sentralbordet får tid til henvendelser som krever "
                       "veiledning.",
        "initiatives": [(2, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Servicetorget og sentralbordet",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering"], "objectives": ["selvbetjening", "automatisering"],
        "enabling": "Chatbot på kommunens nettsider\nSvarene vedlikeholdes av fagenhetene\n"
                    "Telefonsvareren henviser til chatboten",
        "preconditions": "Svarene holdes oppdatert med årets satser og tømmeplaner.",
        "confidence": "low", "optimism": 25,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "4",
                      "cases_per_year": "15000"},
        "profile": {0: 50, 1: 100, 2: 100},
        "measures": [{
            "name": "Telefonhenvendelser til sentralbordet per måned", "unit": "samtaler",
            "down": True, "freq": "monthly", "base": 3500, "target": 2250, "base_at": -15,
            "n": 16, "delay": 2, "pace": (1.0, 0.45), "tol": 10,
            "source": "Sentralbordets telefonistatistikk",
            "method": "Innkommende samtaler til hovednummeret, uten interne viderekoblinger.",
            "evidence": "Telefonistatistikk juni–august 2025.",
            "comments": {-3: "Chatboten svarte feil om eiendomsskatt i to uker; mange ringte "
                             "for å få bekreftet svaret.",
                         -1: "Tilliten til chatboten er lavere enn antatt. Ny innholdsrunde "
                             "med fagenhetene er satt i gang."},
            "forecast": [2850, 2700],
        }],
        "status": "in_realisation",
    },
    {
        "title": "Svar på enkle spørsmål hele døgnet",
        "description": "Innbyggerne får svar også utenom åpningstid, uten å vente i "
                       "telefonkø.",
        "initiatives": [(2, 100)], "category": "citizens", "cashability": "not_monetised",
        "beneficiary": "Innbyggere og næringsliv",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering"], "objectives": ["selvbetjening", "svartid"],
        "enabling": "Chatbot med overføring til saksbehandler i åpningstiden",
        "preconditions": "", "confidence": "medium", "optimism": 10,
        "measures": [{
            "name": "Chatsamtaler løst uten overføring til saksbehandler", "unit": "%",
            "freq": "monthly", "base": 35, "target": 70, "base_at": -15, "n": 16,
            "delay": 1, "pace": 1.0, "to": -5, "tol": 10,
            "source": "Chatbotens rapportmodul",
            "method": "Andel samtaler der innbyggeren ikke ba om eller ble sendt til en "
                      "saksbehandler.",
            "evidence": "Pilot med 1 200 samtaler, juni–august 2025.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Fakturabehandling (3) + e-handel (20)
    {
        "title": "Mindre manuell fakturabehandling",
        "description": "Fakturaer som stemmer med en bestilling i e-handelssystemet, går "
                       "til betaling uten manuell kontering. Roboten tar resten av "
                       "kontrollene. Gevinsten deles med e-handelsprosjektet, som gir "
                       "bestillingene fakturaen matches mot.",
        "initiatives": [(3, 60), (20, 40)], "category": "capacity_freed",
        "cashability": "non_cash", "beneficiary": "Regnskap",
        "owner": "leder.regnskap", "unit": "regnskap", "realising": ["regnskap", "innkjop"],
        "objectives": ["automatisering"],
        "enabling": "Programvarerobot for kontering og purring på attestasjon\nBestillinger "
                    "i e-handel som fakturaen matches mot\nForenklet attestasjonsrutine",
        "preconditions": "Leverandørene sender EHF-faktura med bestillingsnummer.",
        "confidence": "high", "optimism": 5,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "5",
                      "cases_per_year": "15000"},
        "profile": {-2: 30, -1: 70, 0: 100, 1: 100, 2: 100},
        "measures": [{
            "name": "Fakturaer behandlet helt automatisk", "unit": "%", "freq": "quarterly",
            "base": 12, "target": 65, "base_at": -11, "n": 10, "delay": 1,
            "pace": (0.9, 1.02), "tol": 10,
            "source": "Økonomisystemet (fakturaflyt)",
            "method": "Andel inngående fakturaer uten manuelt behandlingssteg, per kvartal.",
            "evidence": "Rapport fra fakturaflyten for 2023.",
        }],
        "status": "handed_over", "handover": 3,
    },
    {
        "title": "Avvikling av skanningstjenesten for papirfakturaer",
        "description": "Når nesten alle fakturaer kommer som EHF, trengs ikke lenger "
                       "avtalen om skanning og tolkning av papirfakturaer.",
        "initiatives": [(3, 100)], "category": "cash_releasing", "cashability": "cash",
        "beneficiary": "Økonomi (budsjett for kjøpte tjenester)",
        "owner": "leder.regnskap", "unit": "regnskap", "realising": ["regnskap"],
        "objectives": ["kostnader"],
        "enabling": "Krav om EHF i alle nye avtaler\nBrev til leverandører som fortsatt "
                    "sendte papir",
        "preconditions": "Avtalen med skanningsleverandøren kan sies opp med seks måneders "
                         "varsel.",
        "confidence": "high", "optimism": 0,
        "valuation": {"valuation_method": "contract", "contract_cost_before": "420000",
                      "contract_cost_after": "60000"},
        "profile": {-2: 50, -1: 100, 0: 100, 1: 100},
        "measures": [{
            "name": "Papirfakturaer som skannes per kvartal", "unit": "fakturaer",
            "down": True, "freq": "quarterly", "base": 3800, "target": 300, "base_at": -11,
            "n": 8, "delay": 1, "pace": (0.95, 1.05), "tol": 10,
            "source": "Faktura fra skanningsleverandøren",
            "method": "Antall skannede dokumenter i leverandørens kvartalsfaktura.",
            "evidence": "Leverandørens fakturaer for 2023.",
        }],
        "status": "realised", "handover": 3,
        "status_comment": "Skanningsavtalen er sagt opp og erstattet av en liten "
                          "restavtale. Innsparingen er tatt ut i budsjettet.",
    },
    {
        "title": "Færre purregebyrer og forsinkelsesrenter",
        "description": "Fakturaer som går automatisk, blir betalt innen forfall.",
        "initiatives": [(3, 100)], "category": "cash_releasing", "cashability": "cash",
        "beneficiary": "Økonomi og lokale leverandører",
        "owner": "leder.regnskap", "unit": "regnskap", "realising": ["regnskap"],
        "objectives": ["kostnader", "automatisering"],
        "enabling": "Automatisk purring på attestasjon etter tre dager",
        "preconditions": "", "confidence": "medium", "optimism": 10,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "75",
                      "units_per_year": "1920"},
        "profile": {-1: 50, 0: 100, 1: 100, 2: 100},
        "measures": [{
            "name": "Purringer mottatt per kvartal", "unit": "purringer", "down": True,
            "freq": "quarterly", "base": 600, "target": 120, "base_at": -10, "n": 9,
            "delay": 1, "pace": 1.0, "tol": 10,
            "source": "Økonomisystemet (purregebyrer bokført)",
            "method": "Antall purringer med gebyr eller rente, bokført per kvartal.",
            "evidence": "Regnskap 2023: 2 400 purringer, om lag 180 000 kroner.",
        }],
        "status": "handed_over", "handover": 3,
    },
    # ---------------------------------------------- Digital skoleskyss-søknad (4), closed
    {
        "title": "Skolene slipper å taste inn skoleskyss-søknader",
        "description": "Søknadene går rett fra foresatte til fylkeskommunens system, med "
                       "adresse og klassetrinn hentet automatisk.",
        "initiatives": [(4, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Skolekontorene",
        "owner": "leder.skole", "unit": "skoler", "realising": ["skoler"],
        "objectives": ["automatisering", "selvbetjening"],
        "enabling": "Digitalt søknadsskjema med ID-porten\nOppslag i Folkeregisteret og "
                    "elevsystemet",
        "preconditions": "", "confidence": "high", "optimism": 0,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "12",
                      "cases_per_year": "1100"},
        "profile": {-2: 60, -1: 100, 0: 100},
        "measures": [{
            "name": "Søknader tastet inn manuelt av skolene per år", "unit": "søknader",
            "down": True, "freq": "yearly", "base": 1100, "target": 50, "base_at": -3,
            "n": 2, "pace": (0.9, 1.02), "tol": 10,
            "source": "Skolenes registreringer i fylkeskommunens skyssystem",
            "method": "Søknader registrert av skoleansatte, telt ved skoleårets slutt.",
            "evidence": "Telling på alle skoler for skoleåret 2022/23.",
        }],
        "status": "realised", "handover": 4,
        "status_comment": "Nesten alle søknader kommer digitalt; skolene taster bare inn "
                          "noen få papirsøknader.",
    },
    {
        "title": "Svar på skoleskyss før skolestart",
        "description": "Familiene får svar før skolestart fordi søknadene er komplette og "
                       "går rett til fylkeskommunen.",
        "initiatives": [(4, 100)], "category": "public_bodies",
        "cashability": "not_monetised",
        "beneficiary": "Fylkeskommunen (skyssadministrasjonen) og familiene",
        "owner": "leder.skole", "unit": "skoler", "realising": ["skoler"],
        "objectives": ["svartid"],
        "enabling": "Komplette søknader med data fra Folkeregisteret",
        "preconditions": "Fylkeskommunen behandler søknadene fortløpende.",
        "confidence": "high", "optimism": 0,
        "measures": [{
            "name": "Søknader besvart før skolestart", "unit": "%", "freq": "yearly",
            "base": 55, "target": 95, "base_at": -3, "n": 2, "pace": 1.05, "tol": 10,
            "source": "Fylkeskommunens skyssystem",
            "method": "Andel søknader levert innen fristen som var besvart før første "
                      "skoledag.",
            "evidence": "Rapport fra fylkeskommunen for skoleåret 2023/24.",
        }],
        "status": "handed_over", "handover": 4,
    },
    # ---------------------------------------------- Medisindispensere (5)
    {
        "title": "Færre besøk for medisinutdeling",
        "description": "Brukere som kan, tar medisinene selv fra en elektronisk dispenser "
                       "som varsler ved glemt dose. Besøk som bare handlet om en tablett, "
                       "faller bort.",
        "initiatives": [(5, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Hjemmetjenesten",
        "owner": "leder.hjemmetjenesten", "unit": "hjemmetjenesten",
        "realising": ["hjemmetjenesten"], "objectives": ["omsorgstid", "trygg_hjemme"],
        "enabling": "Elektroniske medisindispensere med varsling\nMultidose fra apoteket\n"
                    "Kartlegging av hvem som kan bruke dispenser",
        "preconditions": "Fastlegene forskriver multidose. Apoteket leverer ukentlig.",
        "confidence": "high", "optimism": 10,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "17",
                      "cases_per_year": "18000"},
        "profile": {-2: 20, -1: 60, 0: 90, 1: 100, 2: 100},
        "measures": [{
            "name": "Besøk for medisinutdeling per måned", "unit": "besøk", "down": True,
            "freq": "monthly", "base": 5850, "target": 4350, "base_at": -30, "n": 30,
            "delay": 3, "pace": (1.0, 0.9), "tol": 12,
            "source": "Fagsystemet i hjemmetjenesten (besøksstatistikk)",
            "method": "Utførte besøk med tiltaket «legemiddelhåndtering» som eneste tiltak.",
            "evidence": "Besøksstatistikk for 2023, snitt per måned (70 000 i året).",
            "comments": {-2: "Færre nye brukere kan bruke dispenser enn antatt; "
                             "kartleggingen gjennomgås."},
        }],
        "status": "handed_over", "handover": 5,
    },
    {
        "title": "Færre avvik ved legemiddelhåndtering",
        "description": "Dispenserne varsler ved glemt dose, og færre doser blir glemt eller "
                       "gitt for sent.",
        "initiatives": [(5, 100)], "category": "risk", "cashability": "not_monetised",
        "beneficiary": "Brukere som får hjelp med legemidler",
        "owner": "leder.hjemmetjenesten", "unit": "hjemmetjenesten",
        "realising": ["hjemmetjenesten"], "objectives": ["etterlevelse", "trygg_hjemme"],
        "enabling": "Varsling til hjemmetjenesten ved glemt dose",
        "preconditions": "", "confidence": "medium", "optimism": 0,
        "measures": [{
            "name": "Avvik om glemte eller forsinkede doser per kvartal", "unit": "avvik",
            "down": True, "freq": "quarterly", "base": 35, "target": 15, "base_at": -10,
            "n": 10, "delay": 1, "pace": 1.05, "tol": 15,
            "source": "Avvikssystemet",
            "method": "Avviksmeldinger i kategorien legemiddelhåndtering, hjemmetjenesten.",
            "evidence": "140 avviksmeldinger i 2023.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Ny sak-/arkivløsning (6)
    {
        "title": "Automatisk journalføring fra fagsystemene",
        "description": "Dokumenter fra fagsystemene arkiveres automatisk i stedet for å "
                       "journalføres for hånd.",
        "initiatives": [(6, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Saksbehandlere og dokumentsenteret",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering", "byggesak_plan", "tildeling"],
        "objectives": ["automatisering", "etterlevelse"],
        "enabling": "Integrasjoner fra fagsystemene til ny sak-/arkivløsning\nNy "
                    "journalføringsrutine",
        "preconditions": "Historiske saker er migrert.",
        "confidence": "medium", "optimism": 20,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "15",
                      "cases_per_year": "12000"},
        "profile": {0: 30, 1: 80, 2: 100, 3: 100},
        "measures": [{
            "name": "Dokumenter arkivert automatisk", "unit": "%", "freq": "quarterly",
            "base": 10, "target": 75, "base_at": -6, "n": 7, "delay": 2,
            "pace": (1.0, 0.5), "tol": 10,
            "source": "Sak-/arkivløsningen (journalstatistikk)",
            "method": "Andel journalposter opprettet av en integrasjon, per kvartal.",
            "evidence": "Journalstatistikk fra det gamle systemet, 1. kvartal 2025.",
            "comments": {-1: "Migreringen av historiske saker er forsinket; tre av "
                             "integrasjonene venter på den."},
            "forecast": [48],
        }],
        "status": "in_realisation",
    },
    {
        "title": "Færre papirbrev til innbyggerne",
        "description": "Vedtak og brev sendes digitalt til Digipost eller e-Boks. Porto, "
                       "konvolutter og utskrift faller bort. Gevinsten deles mellom ny "
                       "sak-/arkivløsning (utsending) og digital søknad om helse- og "
                       "omsorgstjenester (vedtaksbrev).",
        "initiatives": [(6, 60), (16, 40)], "category": "cash_releasing",
        "cashability": "cash", "beneficiary": "Alle enheter som sender brev",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering", "tildeling"],
        "objectives": ["kostnader", "selvbetjening"],
        "enabling": "Digital utsending via KS SvarUt\nVedtaksmaler tilpasset digital "
                    "post",
        "preconditions": "Innbyggerne har ikke reservert seg mot digital post.",
        "confidence": "high", "optimism": 10,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "22",
                      "units_per_year": "38000"},
        "profile": {-1: 20, 0: 60, 1: 100, 2: 100},
        "measures": [{
            "name": "Brev sendt på papir per måned", "unit": "brev", "down": True,
            "freq": "monthly", "base": 5200, "target": 2000, "base_at": -18, "n": 22,
            "delay": 3, "pace": 1.03, "tol": 10,
            "source": "Portoregnskap og utskriftstjenesten",
            "method": "Antall brev frankert via kommunens postavtale per måned.",
            "evidence": "Portofakturaer for 2024.",
        }],
        "status": "in_realisation",
    },
    {
        "title": "Arkivlovens krav oppfylt for dokumenter fra fagsystemene",
        "description": "Arkivverket påpekte mangelfull arkivering fra fagsystemene. Med "
                       "integrasjonene blir dokumentene arkivert etter regelverket.",
        "initiatives": [(6, 100)], "category": "risk", "cashability": "not_monetised",
        "beneficiary": "Kommunen som arkivskaper",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering"], "objectives": ["etterlevelse"],
        "enabling": "Arkivintegrasjoner for ni fagsystemer",
        "preconditions": "Leverandørene av fagsystemene leverer standard integrasjon.",
        "confidence": "medium", "optimism": 0,
        "measures": [{
            "name": "Fagsystemer med godkjent arkivintegrasjon", "unit": "systemer",
            "freq": "half_yearly", "base": 2, "target": 9, "base_at": -3, "n": 4,
            "to": None, "tol": 10,
            "source": "Arkivplanen",
            "method": "Fagsystemer der arkivansvarlig har godkjent integrasjonen.",
            "evidence": "Tilsynsrapport fra Arkivverket, 2023.",
        }],
        "status": "approved",
    },
    # ---------------------------------------------- Selvbetjent byggesøknad (7)
    {
        "title": "Spart tid på veiledning og mangelfulle byggesøknader",
        "description": "Veiledningen i søknaden og sjekken av søknadsplikt gir flere "
                       "komplette søknader og færre telefoner. Ny sak-/arkivløsning bidrar "
                       "med automatisk arkivering og står for 30 prosent av gevinsten.",
        "initiatives": [(7, 70), (6, 30)], "category": "capacity_freed",
        "cashability": "non_cash", "beneficiary": "Byggesaksbehandlerne",
        "owner": "leder.byggesak", "unit": "byggesak_plan",
        "realising": ["byggesak_plan"], "objectives": ["selvbetjening", "svartid"],
        "enabling": "Veiviser for søknadsplikt\nDigital byggesøknad med "
                    "kompletthetssjekk\nAutomatisk arkivering i sak-/arkivløsningen",
        "preconditions": "Ny sak-/arkivløsning i drift.",
        "confidence": "medium", "optimism": 15,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "90",
                      "cases_per_year": "650"},
        "profile": {0: 40, 1: 80, 2: 100, 3: 100},
        "measures": [
            {
                "name": "Søknader komplette ved første innsending", "unit": "%",
                "freq": "quarterly", "base": 52, "target": 85, "base_at": -6, "n": 8,
                "delay": 1, "pace": (1.0, 0.92), "tol": 10,
                "source": "eByggesak (mangelbrev)",
                "method": "Andel søknader uten mangelbrev, per kvartal.",
                "evidence": "Gjennomgang av alle søknader i 2024.",
            },
            {
                "name": "Timer til telefonveiledning om byggesak per måned", "unit": "timer",
                "down": True, "freq": "monthly", "base": 120, "target": 60,
                "base_at": -18, "n": 24, "delay": 2, "pace": 1.05, "tol": 10,
                "source": "Timeregistrering i byggesak",
                "method": "Registrert tid på aktiviteten «veiledning», per måned.",
                "evidence": "Tidsregistrering januar–mai 2025.",
            },
        ],
        "status": "in_realisation",
    },
    {
        "title": "Kortere saksbehandlingstid for enkle byggesaker",
        "description": "Enkle tiltak som garasjer, terrasser og tilbygg behandles på dager "
                       "i stedet for uker.",
        "initiatives": [(7, 100)], "category": "citizens", "cashability": "not_monetised",
        "beneficiary": "Innbyggere og lokale håndverkere",
        "owner": "leder.byggesak", "unit": "byggesak_plan",
        "realising": ["byggesak_plan"], "objectives": ["svartid"],
        "enabling": "Hurtigløype for komplette enkle søknader",
        "preconditions": "Byggesøknadene arkiveres automatisk (avhenger av ny "
                         "sak-/arkivløsning, som er forsinket).",
        "confidence": "low", "optimism": 20,
        "measures": [{
            "name": "Saksbehandlingstid for enkle tiltak (median)", "unit": "dager",
            "down": True, "freq": "quarterly", "base": 49, "target": 10, "base_at": -6,
            "n": 8, "delay": 2, "pace": (0.9, 0.4), "tol": 10,
            "source": "eByggesak (KOSTRA-rapport)",
            "method": "Median antall dager fra komplett søknad til vedtak, tiltak uten "
                      "ansvarsrett.",
            "evidence": "KOSTRA-tall for 2024.",
            "comments": {-1: "Hurtigløypen venter på arkivintegrasjonen fra ny "
                             "sak-/arkivløsning."},
            "forecast": [24, 18],
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Sensorer for vannlekkasje (8)
    {
        "title": "Mindre vanntap fra ledningsnettet",
        "description": "Sensorene finner lekkasjer tidlig, så mindre renset vann går "
                       "tapt. Lavere produksjon gir lavere kostnader til kjemikalier og "
                       "strøm i vannverket.",
        "initiatives": [(8, 100)], "category": "environment", "cashability": "cash",
        "beneficiary": "Vannverket og abonnentene (lavere gebyrgrunnlag)",
        "owner": "leder.vann", "unit": "vann_avlop", "realising": ["vann_avlop"],
        "objectives": ["klima", "kostnader"],
        "enabling": "Akustiske lekkasjesensorer på hovedledningene\nLekkasjesøk etter "
                    "varsel innen to døgn",
        "preconditions": "Kapasitet i ledningsnettgruppen til å reparere lekkasjene raskt.",
        "confidence": "medium", "optimism": 20,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "4.20",
                      "units_per_year": "450000"},
        "profile": {0: 30, 1: 70, 2: 100, 3: 100},
        "measures": [{
            "name": "Lekkasjeandel på ledningsnettet", "unit": "%", "down": True,
            "freq": "quarterly", "base": 35, "target": 25, "base_at": -6, "n": 9,
            "delay": 1, "pace": 0.9, "tol": 15, "dec": 1,
            "source": "Driftskontrollsystemet (produsert og fakturert vann)",
            "method": "Produsert vann minus målt og stipulert forbruk, i prosent av "
                      "produsert, glidende over fire kvartaler.",
            "evidence": "Vannbalanse for 2024.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Digitalt innbyggerkort (9), stopped
    {
        "title": "Færre tapte kort å erstatte",
        "description": "Med digital legitimasjon på mobilen trengs ikke fysiske kort.",
        "initiatives": [(9, 100)], "category": "cash_releasing", "cashability": "cash",
        "beneficiary": "Servicetorget og biblioteket",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering"], "objectives": ["kostnader"],
        "enabling": "Digitalt innbyggerkort i kommunens app",
        "preconditions": "Nasjonal løsning for digital identitet.",
        "confidence": "low", "optimism": 30,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "150",
                      "units_per_year": "1500"},
        "measures": [{
            "name": "Tapte eller ødelagte kort erstattet per kvartal", "unit": "kort",
            "down": True, "freq": "quarterly", "base": 375, "target": 40, "base_at": -7,
            "n": 8, "plan": False, "to": None,
            "source": "Servicetorgets kassesystem", "method": "Solgte erstatningskort.",
            "evidence": "Kassesystemet, 2024.",
        }],
        "status": "withdrawn",
        "status_comment": "Initiativet ble stoppet ved beslutningspunktet; kommunen "
                          "avventer nasjonal løsning for innbyggerkort.",
    },
    # ---------------------------------------------- Elektronisk pasientjournal-overgang (10)
    {
        "title": "Mindre dobbeltregistrering ved overganger mellom tjenester",
        "description": "Når hjemmetjenesten, sykehjemmene og korttidsavdelingen bruker "
                       "samme journal, slipper helsepersonellet å registrere opplysningene "
                       "på nytt.",
        "initiatives": [(10, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Helsepersonell i hjemmetjenesten og på sykehjemmene",
        "owner": "leder.sykehjem", "unit": "sykehjem",
        "realising": ["sykehjem", "hjemmetjenesten"], "objectives": ["omsorgstid"],
        "enabling": "Felles journalløsning for helse og velferd\nFelles rutine for "
                    "overføring mellom tjenester",
        "preconditions": "Journalløsningen driftes på skyplattformen.",
        "confidence": "medium", "optimism": 30,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "240",
                      "cases_per_year": "900"},
        "baseline_plan": "Tidsstudie i tre enheter (to sykehjem og én hjemmetjenestesone) "
                         "over fire uker.",
        "baseline_plan_in": 120,
        "profile": {2: 50, 3: 100},
        "measures": [{
            "name": "Timer brukt på dobbeltregistrering ved overganger", "unit": "timer per "
            "år", "down": True, "freq": "yearly", "target": 400, "baseline": False,
            "plan": False, "to": None,
            "source": "Tidsstudie (gjentas årlig)",
            "method": "Registrert tid på dobbeltregistrering i en fireukersperiode, "
                      "regnet om til et år.",
        }],
        "status": "profiled",
    },
    # ---------------------------------------------- Kompetanseløft (11)
    {
        "title": "Ledere som er trygge på å lede digitale endringer",
        "description": "Ledere som kan vurdere digitale løsninger og planlegge "
                       "gevinstrealisering, tar løsningene i bruk fullt ut i enhetene.",
        "initiatives": [(11, 100)], "category": "workforce",
        "cashability": "not_monetised", "beneficiary": "Kommunens 180 ledere",
        "owner": "leder.personal", "unit": "personal", "realising": ["personal", "hr"],
        "objectives": ["kompetanse"],
        "enabling": "Lederprogram i fire samlinger\nVeiledning i gevinstrealisering",
        "preconditions": "Lederne får fri til å delta.", "confidence": "high",
        "optimism": 0,
        "measures": [{
            "name": "Ledere som er trygge på å vurdere digitale løsninger", "unit": "%",
            "freq": "half_yearly", "base": 38, "target": 75, "base_at": -4, "n": 5,
            "delay": 1, "pace": 1.1, "tol": 10,
            "source": "Lederundersøkelsen",
            "method": "Andel som svarer 4 eller 5 på en skala fra 1 til 5.",
            "evidence": "Lederundersøkelsen høsten 2024 (n = 151).",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Skyplattform (12)
    {
        "title": "Lavere kostnader til maskinvare og serverrom",
        "description": "Serverrommet i rådhuskjelleren avvikles. Serviceavtaler, strøm og "
                       "kjøling erstattes av et skyabonnement.",
        "initiatives": [(12, 100)], "category": "cash_releasing", "cashability": "cash",
        "beneficiary": "IT-budsjettet",
        "owner": "leder.it", "unit": "it_drift", "realising": ["it_drift"],
        "objectives": ["kostnader", "etterlevelse"],
        "enabling": "Migrering av fagsystemene til skyplattformen\nOppsigelse av "
                    "serviceavtalene for maskinvaren",
        "preconditions": "Alle fagsystemer kan kjøre i skyen eller som SaaS.",
        "confidence": "medium", "optimism": 15,
        "valuation": {"valuation_method": "contract", "contract_cost_before": "1450000",
                      "contract_cost_after": "820000"},
        "profile": {0: 30, 1: 100, 2: 100, 3: 100},
        "measures": [{
            "name": "Fysiske servere i drift", "unit": "servere", "down": True,
            "freq": "quarterly", "base": 64, "target": 6, "base_at": -7, "n": 10,
            "delay": 1, "pace": 1.0, "tol": 10,
            "source": "CMDB (konfigurasjonsdatabasen)",
            "method": "Fysiske servere med status «i drift» ved kvartalsslutt.",
            "evidence": "CMDB per 31.12.2024.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Digitalt barnehageopptak (14), closing
    {
        "title": "Raskere og enklere hovedopptak i barnehagene",
        "description": "Søknadene matches mot ledige plasser etter opptakskriteriene i "
                       "systemet i stedet for i regneark.",
        "initiatives": [(14, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Opptaksteamet i barnehageadministrasjonen",
        "owner": "leder.barnehage", "unit": "barnehager", "realising": ["barnehager"],
        "objectives": ["automatisering", "svartid"],
        "enabling": "Opptaksmodul med kriteriene lagt inn\nDigital søknad for foresatte",
        "preconditions": "", "confidence": "high", "optimism": 0,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "60",
                      "cases_per_year": "480"},
        "profile": {-1: 75, 0: 100, 1: 100},
        "measures": [{
            "name": "Timer brukt på hovedopptaket", "unit": "timer", "down": True,
            "freq": "yearly", "base": 600, "target": 120, "base_at": -2, "n": 2,
            "pace": 1.2, "tol": 10,
            "source": "Timeregistrering i opptaksteamet",
            "method": "Sum registrerte timer på hovedopptaket fra søknadsfrist til "
                      "svarfrist.",
            "evidence": "Timelister for hovedopptaket 2024.",
        }],
        "status": "handed_over", "handover": 14,
    },
    {
        "title": "Færre klager på barnehageopptaket",
        "description": "Foresatte får tilbud med en tydelig begrunnelse etter kriterier "
                       "som behandler alle likt.",
        "initiatives": [(14, 100)], "category": "citizens",
        "cashability": "not_monetised", "beneficiary": "Foresatte",
        "owner": "leder.barnehage", "unit": "barnehager", "realising": ["barnehager"],
        "objectives": ["svartid"],
        "enabling": "Begrunnelse i tilbudsbrevet hentet fra kriteriene",
        "preconditions": "", "confidence": "medium", "optimism": 0,
        "measures": [{
            "name": "Klager på hovedopptaket", "unit": "klager", "down": True,
            "freq": "yearly", "base": 38, "target": 10, "base_at": -2, "n": 2,
            "pace": 1.3, "tol": 10,
            "source": "Sak-/arkivløsningen (klagesaker)",
            "method": "Klager på vedtak i hovedopptaket.",
            "evidence": "Klagesaker etter hovedopptaket 2024.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Digital timebestilling (15), closed
    {
        "title": "Færre uteblitte konsultasjoner med SMS-påminnelser",
        "description": "Foreldre får påminnelse på SMS og kan flytte timen selv. Færre "
                       "timer står tomme, og ventetiden blir kortere.",
        "initiatives": [(15, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Helsesykepleierne og familiene",
        "owner": "leder.helsestasjon", "unit": "helsestasjon",
        "realising": ["helsestasjon"], "objectives": ["omsorgstid", "selvbetjening"],
        "enabling": "Digital timebestilling med SMS-påminnelse 48 timer før\nMulighet til "
                    "å flytte timen selv",
        "preconditions": "", "confidence": "high", "optimism": 0,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "30",
                      "cases_per_year": "900"},
        "profile": {-2: 60, -1: 100, 0: 100, 1: 100},
        "measures": [{
            "name": "Uteblitte timer", "unit": "%", "down": True, "freq": "monthly",
            "base": 9.5, "target": 4.0, "base_at": -30, "n": 18, "delay": 2,
            "pace": (0.9, 1.05), "tol": 10, "dec": 1,
            "source": "Journalsystemet på helsestasjonen",
            "method": "Timer registrert som «ikke møtt» i prosent av bestilte timer.",
            "evidence": "Journalsystemet, snitt for 2023.",
        }],
        "status": "realised", "handover": 15,
        "status_comment": "Andelen uteblitte timer har ligget under målet i over et år. "
                          "Målingen fortsetter for å se at effekten holder seg.",
    },
    {
        "title": "Færre telefoner for å bestille og endre timer",
        "description": "Foreldre bestiller og flytter timer selv i stedet for å ringe.",
        "initiatives": [(15, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Helsestasjonens merkantile ansatte",
        "owner": "leder.helsestasjon", "unit": "helsestasjon",
        "realising": ["helsestasjon"], "objectives": ["selvbetjening"],
        "enabling": "Timebestilling på nett",
        "preconditions": "Alle timetyper kan bestilles digitalt.",
        "confidence": "medium", "optimism": 20,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "5",
                      "cases_per_year": "5600"},
        "profile": {-2: 50, -1: 100, 0: 100},
        "measures": [{
            "name": "Telefoner om timebestilling per kvartal", "unit": "samtaler",
            "down": True, "freq": "quarterly", "base": 2100, "target": 700,
            "base_at": -10, "n": 6, "pace": (0.9, 0.6), "tol": 10,
            "source": "Telefonistatistikk for helsestasjonen",
            "method": "Samtaler til helsestasjonens nummer i kategorien «time».",
            "evidence": "Telefonistatistikk for 2023.",
        }],
        "status": "partly_realised", "handover": 15,
        "status_comment": "Vaksinetimer og timer hos lege kan fortsatt bare bestilles på "
                          "telefon; gevinsten er delvis tatt ut.",
    },
    # ---------------------------------------------- Digital søknad helse og omsorg (16)
    {
        "title": "Komplette digitale søknader om helse- og omsorgstjenester",
        "description": "Søknader kommer digitalt med de opplysningene tildelingskontoret "
                       "trenger, så det blir færre runder med innhenting.",
        "initiatives": [(16, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Tildelingskontoret",
        "owner": "leder.tildeling", "unit": "tildeling", "realising": ["tildeling"],
        "objectives": ["selvbetjening", "svartid"],
        "enabling": "Digitalt søknadsskjema med veiledning\nSøknaden går rett inn i "
                    "fagsystemet",
        "preconditions": "", "confidence": "medium", "optimism": 10,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "20",
                      "cases_per_year": "2400"},
        "profile": {0: 40, 1: 100, 2: 100},
        "measures": [{
            "name": "Søknader som kommer digitalt", "unit": "%", "freq": "monthly",
            "base": 5, "target": 70, "base_at": -17, "n": 17, "delay": 3, "pace": 1.05,
            "tol": 10,
            "source": "Fagsystemet i tildelingskontoret",
            "method": "Andel søknader med kanal «digital».",
            "evidence": "Søknader mottatt januar–mai 2025.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Avvik og internkontroll (19), closing
    {
        "title": "Avvik lukkes innen fristen",
        "description": "Avvik følges opp i ett system med varsling til ansvarlig leder, "
                       "og færre avvik blir liggende.",
        "initiatives": [(19, 100)], "category": "risk", "cashability": "not_monetised",
        "beneficiary": "Ansatte, brukere og verneombud",
        "owner": "leder.personal", "unit": "personal", "realising": ["hms", "personal"],
        "objectives": ["etterlevelse"],
        "enabling": "Nytt avvikssystem med varsling\nOpplæring av alle ledere",
        "preconditions": "", "confidence": "high", "optimism": 0,
        "measures": [{
            "name": "Avvik lukket innen fristen", "unit": "%", "freq": "quarterly",
            "base": 48, "target": 85, "base_at": -9, "n": 8, "delay": 1, "pace": 1.0,
            "tol": 10,
            "source": "Avvikssystemet",
            "method": "Andel avvik med frist i kvartalet som ble lukket innen fristen.",
            "evidence": "Gjennomgang av avvik i det gamle systemet, 2. kvartal 2024.",
        }],
        "status": "handed_over", "handover": 19,
    },
    # ---------------------------------------------- E-handel for alle enheter (20)
    {
        "title": "Bedre innkjøpspriser gjennom avtalelojalitet",
        "description": "Når enhetene handler gjennom e-handel, kjøper de på avtalene med "
                       "avtalt pris i stedet for i butikk.",
        "initiatives": [(20, 100)], "category": "cash_releasing", "cashability": "cash",
        "beneficiary": "Alle enheter (budsjett for forbruksmateriell)",
        "owner": "leder.innkjop", "unit": "innkjop",
        "realising": ["innkjop", "skoler", "barnehager", "sykehjem"],
        "objectives": ["kostnader"],
        "enabling": "E-handel med katalog fra avtaleleverandørene\nEnhetslederne eier "
                    "innsparingen i sine budsjetter",
        "preconditions": "Innkjøpsavtaler på de største varegruppene.",
        "confidence": "medium", "optimism": 20,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "180",
                      "units_per_year": "12000"},
        "profile": {-2: 20, -1: 50, 0: 80, 1: 100, 2: 100},
        "measures": [{
            "name": "Innkjøp gjennom e-handel mot avtale", "unit": "%", "freq": "quarterly",
            "base": 41, "target": 85, "base_at": -11, "n": 10, "delay": 1,
            "pace": (0.6, 0.93), "tol": 10,
            "source": "E-handelsplattformen og regnskapet",
            "method": "Andel av innkjøpene i avtalte varegrupper som gikk gjennom "
                      "e-handel, i kroner.",
            "evidence": "Spendanalyse for 2023.",
            "comments": {-6: "Enhetslederne har fått ansvar for sin del av gevinsten; "
                             "andelen øker igjen."},
        }],
        "status": "handed_over", "handover": 20,
    },
    # ---------------------------------------------- Smart energistyring (22)
    {
        "title": "Lavere energikostnader i kommunale bygg",
        "description": "Byggene varmes bare opp når de er i bruk, og feil i anleggene "
                       "oppdages med en gang.",
        "initiatives": [(22, 100)], "category": "cash_releasing", "cashability": "cash",
        "beneficiary": "Eiendom (energibudsjettet)",
        "owner": "leder.eiendom", "unit": "eiendom", "realising": ["eiendom"],
        "objectives": ["klima", "kostnader"],
        "enabling": "Sentral driftskontroll med timestyring etter bruken av byggene\n"
                    "Energioppfølging per bygg hver uke",
        "preconditions": "Bookingsystemet for skoler og haller er koblet til "
                         "driftskontrollen.",
        "confidence": "high", "optimism": 10,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "1.10",
                      "units_per_year": "3150000"},
        "profile": {-1: 20, 0: 60, 1: 100, 2: 100, 3: 100},
        "measures": [{
            "name": "Energibruk i kommunale bygg, temperaturkorrigert", "unit": "MWh per "
            "kvartal", "down": True, "freq": "quarterly", "base": 5250, "target": 4460,
            "base_at": -7, "n": 9, "delay": 1, "pace": 1.1, "tol": 10,
            "source": "Energioppfølgingssystemet (timesdata fra nettselskapet)",
            "method": "Levert energi til alle 72 bygg, korrigert til normalår med "
                      "graddagstall.",
            "evidence": "Energiregnskap for 2024.",
        }],
        "status": "in_realisation",
    },
    # ---------------------------------------------- Idea-stage and on-hold initiatives
    {
        "title": "Raskere skriving av vedtak og sammendrag",
        "description": "En trygg språkmodell hjelper saksbehandlerne med sammendrag og "
                       "utkast til standardbrev.",
        "initiatives": [(26, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Saksbehandlere i hele kommunen",
        "owner": "leder.dokumentsenter", "unit": "digitalisering",
        "realising": ["digitalisering"], "objectives": ["automatisering"],
        "enabling": "KI-assistent i sak-/arkivløsningen", "preconditions":
        "Avklart personvern og databehandleravtale. Ny sak-/arkivløsning i drift.",
        "confidence": "low", "optimism": 40,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "10",
                      "cases_per_year": "40000"},
        "status": "identified",
    },
    {
        "title": "Raskere hjelp ved fall på sykehjemmene",
        "description": "Det nye pasientvarslingsanlegget varsler ved fall og uro, ikke "
                       "bare ved snortrekk.",
        "initiatives": [(27, 100)], "category": "service_quality",
        "cashability": "not_monetised", "beneficiary": "Beboerne på sykehjemmene",
        "owner": "leder.sykehjem", "unit": "sykehjem", "realising": ["sykehjem"],
        "objectives": ["trygg_hjemme", "etterlevelse"],
        "enabling": "Pasientvarsling med fall- og bevegelsessensorer",
        "preconditions": "Leverandøren leverer en godkjent versjon.",
        "confidence": "medium", "optimism": 10,
        "measures": [{
            "name": "Fall oppdaget først ved neste runde, per kvartal", "unit": "fall",
            "down": True, "freq": "quarterly", "base": 24, "target": 6, "base_at": -8,
            "n": 6, "plan": False, "to": None,
            "source": "Avvikssystemet",
            "method": "Fall der beboeren ble funnet på neste runde, ikke ved varsel.",
            "evidence": "Avviksmeldinger om fall i 2024 (210 fall i alt).",
        }],
        "status": "profiled",
    },
    {
        "title": "Abonnentene slipper å lese av vannmåleren selv",
        "description": "Fjernavleste målere gir riktig vannregning uten egenavlesning og "
                       "purring, og varsler om lekkasje i huset.",
        "initiatives": [(28, 100)], "category": "citizens", "cashability": "non_cash",
        "beneficiary": "4 500 abonnenter med vannmåler og gebyrkontoret",
        "owner": "leder.vann", "unit": "vann_avlop", "realising": ["vann_avlop"],
        "objectives": ["selvbetjening", "klima"],
        "enabling": "Fjernavleste vannmålere", "preconditions": "",
        "confidence": "low", "optimism": 30,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "15",
                      "cases_per_year": "1200"},
        "status": "identified",
    },
    {
        "title": "Hendelser på veinettet registreres bare én gang",
        "description": "Kommunen og Statens vegvesen deler data om hull, skilt, stengte "
                       "veier og brøyting, i stedet for å registrere dem hver for seg.",
        "initiatives": [(13, 100)], "category": "public_bodies",
        "cashability": "not_monetised",
        "beneficiary": "Statens vegvesen og Vei og park",
        "owner": "leder.vei", "unit": "vei_park", "realising": ["vei_park"],
        "objectives": ["automatisering"],
        "enabling": "Datadeling mot Nasjonal vegdatabank",
        "preconditions": "Avtale om datadeling med Statens vegvesen.",
        "confidence": "medium", "optimism": 10,
        "measures": [{
            "name": "Hendelser registrert i begge systemer per år", "unit": "hendelser",
            "down": True, "freq": "yearly", "base": 400, "target": 40, "base_at": -1,
            "n": 2, "plan": False, "to": None,
            "source": "Driftssystemet for vei og Nasjonal vegdatabank",
            "method": "Hendelser som finnes i begge systemer, funnet ved sammenstilling.",
            "evidence": "Sammenstilling for 2025.",
        }],
        "status": "profiled",
    },
]

ASDAL = [
    {
        "title": "Mindre tid til skanning og kontering av fakturaer",
        "description": "Fakturaer kommer som EHF og konteres automatisk.",
        "initiatives": [(7, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Økonomikontoret",
        "owner": "leder.okonomi", "unit": "okonomi_hr", "realising": ["okonomi_hr"],
        "enabling": "EHF-mottak med automatisk kontering\nKrav om EHF i avtalene",
        "preconditions": "", "confidence": "high", "optimism": 5,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "5",
                      "cases_per_year": "10000"},
        "profile": {-2: 30, -1: 80, 0: 100, 1: 100},
        "measures": [{
            "name": "Fakturaer mottatt som EHF", "unit": "%", "freq": "quarterly",
            "base": 75, "target": 97, "base_at": -9, "n": 8, "delay": 1, "pace": 1.0,
            "tol": 10, "source": "Økonomisystemet",
            "method": "Andel inngående fakturaer i EHF-format.",
            "evidence": "Fakturamottaket første halvår 2024.",
        }],
        "status": "handed_over", "handover": 7,
    },
    {
        "title": "Færre manuelle fraværsregistreringer",
        "description": "Foresatte melder fravær i appen, og fraværet registreres "
                       "automatisk.",
        "initiatives": [(5, 100)], "category": "capacity_freed", "cashability": "non_cash",
        "beneficiary": "Lærere og barnehageansatte",
        "owner": "leder.oppvekst", "unit": "skoler_barnehager",
        "realising": ["skoler_barnehager"],
        "enabling": "Felles foreldreapp for skole og barnehage", "preconditions": "",
        "confidence": "high", "optimism": 0,
        "valuation": {"valuation_method": "time_saved", "minutes_per_case": "4",
                      "cases_per_year": "2000"},
        "profile": {-2: 80, -1: 100, 0: 100},
        "measures": [{
            "name": "Manuelle fraværsregistreringer per halvår", "unit": "registreringer",
            "down": True, "freq": "half_yearly", "base": 1000, "target": 100,
            "base_at": -5, "n": 2, "pace": (0.95, 1.02), "tol": 10,
            "source": "Skoleadministrativt system",
            "method": "Fravær registrert av ansatte, ikke av foresatte i appen.",
            "evidence": "Skoleadministrativt system, våren 2024.",
        }],
        "status": "realised", "handover": 5,
        "status_comment": "Nesten alt fravær meldes i appen.",
    },
    {
        "title": "Færre kjørte kilometer på inspeksjonsrunder",
        "description": "Fjernovervåkede pumpestasjoner trenger ikke faste runder.",
        "initiatives": [(4, 100)], "category": "environment", "cashability": "cash",
        "beneficiary": "Driftsoperatørene i vann og avløp",
        "owner": "leder.vann", "unit": "vann_vei", "realising": ["vann_vei"],
        "enabling": "Fjernovervåking av alle 34 pumpestasjoner\nInspeksjon etter behov",
        "preconditions": "", "confidence": "medium", "optimism": 10,
        "valuation": {"valuation_method": "unit_cost", "unit_cost": "4.50",
                      "units_per_year": "18000"},
        "profile": {0: 50, 1: 100, 2: 100},
        "measures": [{
            "name": "Kjørte kilometer på inspeksjonsrunder per kvartal", "unit": "km",
            "down": True, "freq": "quarterly", "base": 6250, "target": 1750,
            "base_at": -6, "n": 8, "delay": 1, "pace": 1.0, "tol": 10,
            "source": "Kjørebok for driftsbilene",
            "method": "Kilometer registrert på formålet «inspeksjon pumpestasjon».",
            "evidence": "Kjøreboka for 2024.",
        }],
        "status": "in_realisation",
    },
    {
        "title": "Trygghetsalarmer besvares raskt hele døgnet",
        "description": "Alarmene går til et døgnbemannet responssenter i stedet for en "
                       "vakttelefon om natten.",
        "initiatives": [(1, 100)], "category": "risk", "cashability": "not_monetised",
        "beneficiary": "Eldre som bor hjemme med trygghetsalarm",
        "owner": "leder.pleie", "unit": "pleie_omsorg", "realising": ["pleie_omsorg"],
        "enabling": "Digitale trygghetsalarmer\nAvtale med interkommunalt responssenter",
        "preconditions": "Alle alarmer er byttet før kobbernettet legges ned.",
        "confidence": "high", "optimism": 0,
        "measures": [{
            "name": "Alarmer besvart innen to minutter", "unit": "%", "freq": "monthly",
            "base": 71, "target": 98, "base_at": -1, "n": 8, "delay": 1, "to": None,
            "tol": 5, "source": "Responssenterets rapport",
            "method": "Andel alarmer besvart av responssenteret innen 120 sekunder.",
            "evidence": "Vaktsentralens logg, september 2026.",
        }],
        "status": "approved",
    },
]

# --------------------------------------------------------------------------- the loader

# Small ups and downs of the measured values around the planned path (share of the change).
WIGGLE = [0.0, 0.02, -0.015, 0.01, -0.02, 0.025, -0.01, 0.015, -0.005, 0.02, -0.02, 0.01]


def _shift(period: dt.date, count: int, frequency: str) -> dt.date:
    months = calc.MONTHS_PER_PERIOD[frequency] * count
    index = period.year * 12 + period.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _quantize(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


class _Series:
    """The periods, plan and actuals of one measure spec, counted from ``today``."""

    def __init__(self, spec: dict, today: dt.date, seed: int):
        self.spec = spec
        freq = spec["freq"]
        current = calc.period_start(today, freq)
        self.freq = freq
        self.base_period = _shift(current, spec.get("base_at", -1), freq)
        self.n = spec.get("n", 0)
        self.delay = spec.get("delay", 0)
        self.dec = spec.get("dec", 0)
        self.seed = seed
        self.base = spec.get("base")
        self.target = spec["target"]
        self.current = current

    def period(self, i: int) -> dt.date:
        """The i-th period after the baseline's."""
        return _shift(self.base_period, i, self.freq)

    def offset(self, i: int) -> int:
        """Periods between the i-th period and the current one (negative: past)."""
        months = ((self.period(i).year - self.current.year) * 12
                  + self.period(i).month - self.current.month)
        return months // calc.MONTHS_PER_PERIOD[self.freq]

    def share(self, i: int) -> float:
        if self.n <= self.delay:
            return 1.0
        return min(1.0, max(0.0, (i - self.delay) / (self.n - self.delay)))

    def plan(self) -> dict[dt.date, Decimal]:
        change = self.target - self.base
        return {self.period(i): _quantize(self.base + change * self.share(i), self.dec)
                for i in range(1, self.n + 1)}

    def measured(self) -> list[int]:
        last = self.spec.get("to", -1)
        if last is None:
            return []
        out, i = [], 1
        while self.offset(i) <= last:
            out.append(i)
            i += 1
        return out

    def actuals(self) -> dict[int, Decimal]:
        steps = self.measured()
        pace = self.spec.get("pace", 1.0)
        first, last = pace if isinstance(pace, tuple) else (pace, pace)
        change = self.target - self.base
        out = {}
        for index, i in enumerate(steps):
            t = index / (len(steps) - 1) if len(steps) > 1 else 1.0
            factor = first + (last - first) * t
            wiggle = 0.0 if i == steps[-1] else WIGGLE[(i + self.seed) % len(WIGGLE)]
            value = self.base + change * (self.share(i) * factor + wiggle)
            out[i] = _quantize(max(value, 0.0), self.dec)
        return out


def _measure_fields(spec: dict, series: _Series) -> dict:
    fields = {
        "direction": "decrease" if spec.get("down") else "increase",
        "frequency": spec["freq"], "data_source": spec.get("source", ""),
        "method": spec.get("method", ""), "target_value": Decimal(str(spec["target"])),
        "tolerance": Decimal(str(spec.get("tol", 10))),
    }
    if spec.get("baseline", True):
        fields.update(
            baseline_value=Decimal(str(spec["base"])),
            baseline_date=calc.period_end(series.base_period, spec["freq"]),
            baseline_evidence=spec.get("evidence", ""))
    if series.n:
        fields["target_date"] = calc.period_end(series.period(series.n), spec["freq"])
    return fields


class _Context:
    def __init__(self, organisation, people, units, objectives, initiatives, today):
        self.organisation = organisation
        self.people = people
        self.units = units
        self.objectives = objectives
        self.initiatives = initiatives
        self.today = today
        self.author = people.get("contributor") or people.get("pmo")
        self.pmo = people.get("pmo") or self.author


def _handover_date(ctx: _Context, number: int | None) -> dt.date:
    initiative = ctx.initiatives.get(number)
    end = initiative.end_date if initiative is not None else None
    return min(end, ctx.today) if end else ctx.today


def _record(ctx: _Context, benefit: Benefit, owner: User, measures: list) -> None:
    entries = []
    for measure, series in measures:
        actuals = series.actuals()
        comments = series.spec.get("comments", {})
        source = series.spec.get("source", "")
        for i, value in actuals.items():
            offset = series.offset(i)
            data = {"actual": value, "comment": comments.get(offset, ""),
                    "evidence": f"{source}, uttrekk for perioden" if source else ""}
            entries.append({"measure": measure, "period": series.period(i), "data": data})
        last = max(actuals) if actuals else 0
        for k, value in enumerate(series.spec.get("forecast", []), start=1):
            entries.append({"measure": measure, "period": series.period(last + k),
                            "data": {"forecast": Decimal(str(value)),
                                     "comment": "Prognose fra gevinsteier"}})
    if entries:
        do_record_measurements(actor=owner, entries=entries)


def _verify(ctx: _Context, measures: list) -> None:
    """The portfolio office has verified the actuals of periods that ended more than half
    a year ago; the recent ones wait for verification."""
    cutoff = ctx.today - dt.timedelta(days=183)
    for measure, series in measures:
        rows = Measurement.objects.filter(
            organisation=ctx.organisation, measure=measure, actual__isnull=False)
        for row in rows.order_by("period"):
            if calc.period_end(row.period, series.freq) < cutoff:
                do_verify_measurement(actor=ctx.pmo, measurement=row)


def _status(ctx: _Context, benefit: Benefit, spec: dict, owner: User) -> None:
    """Take a measured benefit on to its demo status: the owner takes it over (on the day
    the initiative ended, or today), the portfolio office gives the final assessment."""
    target = spec["status"]
    comment = spec.get("status_comment", "")
    benefit.refresh_from_db()
    if benefit.status == Benefit.Status.APPROVED:
        # No measurement yet (the plan starts later): start the realisation by hand.
        do_change_benefit_status(actor=ctx.pmo, benefit=benefit, status="in_realisation")
    if target == "in_realisation":
        return
    if spec.get("handover") is not None:
        do_change_benefit_status(
            actor=owner, benefit=benefit, status="handed_over",
            on=_handover_date(ctx, spec["handover"]),
            comment=(comment if target == "handed_over" and comment
                     else "Overtatt av linjen med avtalte målinger."))
    if target in ("realised", "partly_realised", "not_realised"):
        do_change_benefit_status(actor=ctx.pmo, benefit=benefit, status=target,
                                 comment=comment)


def _create(ctx: _Context, spec: dict, seed: int) -> Benefit:
    org = ctx.organisation
    owner = ctx.people[spec["owner"]]
    links = [(ctx.initiatives[number], share) for number, share in spec["initiatives"]
             if number in ctx.initiatives]
    fields = {
        "description": spec.get("description", ""),
        "is_disbenefit": spec.get("is_disbenefit", False),
        "category": spec["category"], "cashability": spec["cashability"],
        "beneficiary": spec.get("beneficiary", ""), "owner": owner,
        "owner_unit": ctx.units[spec["unit"]],
        "realising_units": [ctx.units[k] for k in spec.get("realising", []) if k in ctx.units],
        "objectives": [ctx.objectives[k] for k in spec.get("objectives", [])
                       if k in ctx.objectives],
        "enabling_changes": spec.get("enabling", ""),
        "preconditions": spec.get("preconditions", ""),
        "confidence": spec.get("confidence", "medium"),
        "optimism_adjustment": Decimal(str(spec.get("optimism", 0))),
        "valuation_method": "not_monetised",
    }
    for name, value in spec.get("valuation", {}).items():
        fields[name] = value if name == "valuation_method" else Decimal(value)
    if spec.get("baseline_plan"):
        fields["baseline_plan"] = spec["baseline_plan"]
        fields["baseline_plan_date"] = ctx.today + dt.timedelta(days=spec["baseline_plan_in"])
    first = links[0] if links else (None, None)
    benefit = do_create_benefit(actor=ctx.author, organisation=org, title=spec["title"],
                                initiative=first[0], attribution=first[1], **fields)
    for initiative, share in links[1:]:
        do_link_initiative(actor=ctx.author, benefit=benefit, initiative=initiative,
                           attribution=share)
    if spec.get("profile"):
        do_set_value_profile(actor=ctx.author, benefit=benefit, shares={
            ctx.today.year + k: Decimal(v) for k, v in spec["profile"].items()})
    measures = []
    for order, mspec in enumerate(spec.get("measures", []), start=1):
        series = _Series(mspec, ctx.today, seed + order)
        measure = do_create_measure(actor=ctx.author, benefit=benefit, name=mspec["name"],
                                    unit=mspec["unit"], order=order,
                                    **_measure_fields(mspec, series))
        if mspec.get("plan", True) and series.n and series.base is not None:
            do_set_plan(actor=ctx.author, measure=measure, values=series.plan())
        measures.append((measure, series))
    status = spec["status"]
    if status == "identified":
        return benefit
    do_change_benefit_status(actor=ctx.author, benefit=benefit, status="profiled")
    if status == "withdrawn":
        do_change_benefit_status(actor=ctx.pmo, benefit=benefit, status="withdrawn",
                                 comment=spec.get("status_comment", ""))
        return benefit
    if status == "profiled":
        return benefit
    do_change_benefit_status(actor=ctx.pmo, benefit=benefit, status="approved",
                             comment="Godkjent i porteføljerådet.")
    if status == "approved":
        return benefit
    _record(ctx, benefit, owner, measures)
    _verify(ctx, measures)
    _status(ctx, benefit, spec, owner)
    return benefit


def _objectives_by_key(organisation: Organisation) -> dict[str, Objective]:
    titles = {}
    for key, title, _description, children in STRATEGY:
        titles[title] = key
        for child_key, child_title, _child_description in children:
            titles[child_title] = child_key
    return {titles[o.title]: o for o in Objective.objects.filter(organisation=organisation)
            if o.title in titles}


def _dataset(initiatives: dict[int, Initiative]) -> list[dict] | None:
    titles = {number: i.title for number, i in initiatives.items()}
    for specs, source in ((FJORDBY, data.FJORDBY_INITIATIVES),
                          (ASDAL, data.ASDAL_INITIATIVES)):
        expected = {n: item["title"] for n, item in enumerate(source, start=1)}
        needed = {number for spec in specs for number, _share in spec["initiatives"]}
        if all(titles.get(n) == expected[n] for n in needed):
            return specs
    return None


@transaction.atomic
def load_benefits(organisation: Organisation, people: dict[str, User],
                  today: dt.date | None = None) -> list[Benefit]:
    """The demo benefits of Fjordby or Åsdal (recognised by their initiatives); another
    organisation, or one that has benefits already, is left alone."""
    if Benefit.objects.filter(organisation=organisation).exists():
        return []
    initiatives = {i.number: i for i in Initiative.objects.filter(organisation=organisation)}
    specs = _dataset(initiatives)
    if specs is None:
        return []
    owners = {spec["owner"] for spec in specs}
    if not owners <= set(people):
        return []
    today = today or timezone.localdate()
    units = {unit.name: unit for unit in Unit.objects.filter(organisation=organisation)}
    unit_specs = data.FJORDBY_UNITS if specs is FJORDBY else data.ASDAL_UNITS
    by_key = {u["key"]: units[u["name"]] for u in unit_specs if u["name"] in units}
    ctx = _Context(organisation, people, by_key, _objectives_by_key(organisation),
                   initiatives, today)
    return [_create(ctx, spec, seed) for seed, spec in enumerate(specs)]
