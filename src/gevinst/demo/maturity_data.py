"""The data of the demo's maturity assessments (see ``maturity``): Fjordby's surveys, who is
asked in each unit and how many answer, the respondents' profiles per dimension, and the
peer municipalities that give Fjordby a benchmark. Plain data; the loader does the work."""

from __future__ import annotations

import datetime as dt

SEED = 8  # any fixed number keeps the answers the same on every load

DIMENSIONS = (
    "strategy",
    "benefits",
    "services",
    "people",
    "data",
    "technology",
    "innovation",
    "green",
)

# Fjordby's surveys, oldest first (so that MAT-0001 is the first). ``level``: the typical
# respondent's maturity per dimension (0–1, about the score / 100). From 2024 to 2025 the
# work on benefits realisation and the data platform shows; green IT has not moved.
FJORDBY_CAMPAIGNS = [
    {
        "key": "2024",
        "title": "Digital modenhet 2024",
        "created": dt.date(2024, 9, 30),
        "opens_on": dt.date(2024, 10, 7),
        "closes_on": dt.date(2024, 11, 1),
        "closed": dt.date(2024, 11, 4),
        "message": (
            "Vi vil vite hvor langt vi har kommet med digitaliseringen i Fjordby kommune. "
            "Undersøkelsen tar 10–15 minutter, og svarene er anonyme: ingen enhet med færre "
            "enn fem svar vises for seg."
        ),
        "level": {
            "strategy": 0.46,
            "benefits": 0.29,
            "services": 0.49,
            "people": 0.40,
            "data": 0.33,
            "technology": 0.51,
            "innovation": 0.35,
            "green": 0.27,
        },
    },
    {
        "key": "2025",
        "title": "Digital modenhet 2025",
        "created": dt.date(2025, 9, 29),
        "opens_on": dt.date(2025, 10, 6),
        "closes_on": dt.date(2025, 10, 31),
        "closed": dt.date(2025, 11, 3),
        "message": (
            "Takk for svarene i fjor! Vi gjentar undersøkelsen for å se hva gevinstarbeidet "
            "og dataplattformen har betydd. Svarene er anonyme, som sist."
        ),
        "level": {
            "strategy": 0.51,
            "benefits": 0.45,
            "services": 0.52,
            "people": 0.43,
            "data": 0.47,
            "technology": 0.54,
            "innovation": 0.40,
            "green": 0.27,
        },
    },
]
# The survey going on now (dates count from the day the demo is loaded): some have
# answered, a few have saved answers without sending them, the rest (the employee persona
# among them) have not yet answered.
FJORDBY_OPEN = {
    "key": "open",
    "title": "Digital modenhet {year}",
    "opened_days_ago": 10,
    "closes_in_days": 18,
    "drafts": 3,
    "message": (
        "Tredje runde: hvordan står det til med den digitale modenheten i år? Svarene er anonyme."
    ),
    "level": {
        "strategy": 0.54,
        "benefits": 0.51,
        "services": 0.55,
        "people": 0.46,
        "data": 0.52,
        "technology": 0.56,
        "innovation": 0.44,
        "green": 0.29,
    },
}

# Who is asked and who answers, per unit: (unit name, invited, answered in 2024, in 2025,
# so far in the open survey). The members of the unit are invited first, the rest are
# staff without an account (the survey's "more people to invite"). Small units are merged
# at closing: NAV, Helsestasjon and Tildelingskontoret count in Helse og velferd; HR, IT
# (2024), Kultur og fritid and Servicetorget in Fjordby kommune.
FJORDBY_STAFFING = [
    ("Hjemmetjenesten", 12, 7, 9, 4),
    ("Sykehjem", 11, 6, 8, 5),
    ("NAV Fjordby – sosialtjenester", 4, 2, 3, 1),
    ("Helsestasjon og skolehelsetjeneste", 5, 3, 3, 2),
    ("Tildelingskontoret", 4, 2, 2, 0),
    ("Skoler", 10, 6, 7, 3),
    ("Barnehager", 7, 3, 4, 2),
    ("Pedagogisk-psykologisk tjeneste (PPT)", 3, 2, 2, 1),
    ("Vei og park", 5, 3, 3, 1),
    ("Vann og avløp", 4, 2, 3, 1),
    ("Eiendom", 5, 3, 3, 2),
    ("Byggesak og plan", 5, 2, 4, 2),
    ("Regnskap", 4, 2, 3, 1),
    ("Innkjøp", 3, 2, 2, 1),
    ("Lønn", 3, 2, 2, 0),
    ("Personal", 4, 2, 3, 1),
    ("HMS", 2, 1, 1, 0),
    ("Drift og brukerstøtte", 7, 5, 5, 3),
    ("Digitaliseringsenheten", 6, 4, 5, 3),
    ("Kultur og fritid", 3, 1, 2, 1),
    ("Fjordby bibliotek", 3, 2, 2, 1),
    ("Servicetorget", 4, 2, 3, 1),
]
ANSWERED_COLUMN = {"2024": 2, "2025": 3, "open": 4}

# How each area (the unit under the municipality) differs from the typical respondent.
AREA_EFFECTS = {
    "IT og digitalisering": {
        "technology": 0.14,
        "data": 0.10,
        "innovation": 0.08,
        "strategy": 0.05,
    },
    "Helse og velferd": {"technology": -0.06, "services": 0.04, "green": -0.03},
    "Oppvekst og skole": {"people": 0.05, "technology": -0.03},
    "Teknisk drift": {"green": 0.08, "data": -0.04, "services": -0.05},
    "Økonomi": {"benefits": 0.06, "data": 0.05},
    "HR": {"people": 0.06},
    "Kultur og fritid": {"services": 0.04},
    "Servicetorget": {"services": 0.08},
}
PERSON_SPREAD = 0.08  # how much one respondent differs from another, over all dimensions
DIMENSION_SPREAD = 0.09  # and per dimension

# Staff without an account, invited by address: invented names.
FIRST_NAMES = [
    "Anne",
    "Bente",
    "Cecilie",
    "Dag",
    "Einar",
    "Frode",
    "Gunn",
    "Hanne",
    "Ivar",
    "Jan",
    "Kjersti",
    "Leif",
    "Marit",
    "Nils",
    "Oddny",
    "Pål",
    "Randi",
    "Stein",
    "Turid",
    "Unni",
    "Vegard",
    "Wenche",
    "Øystein",
    "Åshild",
    "Geir",
    "Hilde",
    "Jonas",
    "Linn",
    "Magnus",
    "Tuva",
]
LAST_NAMES = [
    "Andersen",
    "Bakke",
    "Brekke",
    "Dahle",
    "Fossum",
    "Gundersen",
    "Haugland",
    "Iversen",
    "Jakobsen",
    "Kvam",
    "Lie",
    "Lund",
    "Mathisen",
    "Nygård",
    "Olsen",
    "Pettersen",
    "Røed",
    "Sandvik",
    "Thorsen",
    "Ulvik",
    "Vold",
    "Wiik",
    "Økland",
    "Aune",
    "Berge",
    "Eide",
    "Foss",
    "Grande",
    "Hovde",
    "Kleiven",
]

# Other municipalities on the same Gevinst, like Fjordby (32,000 inhabitants) within half to
# twice its size, each with one closed survey of the same model in 2025: Fjordby's 2025
# results get a benchmark (at least five peers). Invented names, marked as demo data; nobody
# can sign in to them.
PEER_LEVEL = {
    "strategy": 0.47,
    "benefits": 0.34,
    "services": 0.51,
    "people": 0.42,
    "data": 0.38,
    "technology": 0.50,
    "innovation": 0.37,
    "green": 0.31,
}
PEER_SPREAD = 0.06  # how much one peer's typical respondent differs from another's
PEERS = [
    # (name, slug, inhabitants, respondents, opens_on, closes_on)
    ("Havnøy kommune (demo)", "demo-havnoy", 18500, 9, dt.date(2025, 9, 8), dt.date(2025, 9, 30)),
    (
        "Lindvik kommune (demo)",
        "demo-lindvik",
        24000,
        12,
        dt.date(2025, 9, 15),
        dt.date(2025, 10, 10),
    ),
    (
        "Storfjell kommune (demo)",
        "demo-storfjell",
        27500,
        7,
        dt.date(2025, 10, 1),
        dt.date(2025, 10, 24),
    ),
    (
        "Elvebakk kommune (demo)",
        "demo-elvebakk",
        36000,
        15,
        dt.date(2025, 10, 6),
        dt.date(2025, 10, 31),
    ),
    (
        "Sjøholm kommune (demo)",
        "demo-sjoholm",
        41500,
        11,
        dt.date(2025, 10, 13),
        dt.date(2025, 11, 7),
    ),
    (
        "Brattli kommune (demo)",
        "demo-brattli",
        52000,
        14,
        dt.date(2025, 10, 20),
        dt.date(2025, 11, 14),
    ),
    (
        "Vestmyr kommune (demo)",
        "demo-vestmyr",
        61000,
        10,
        dt.date(2025, 11, 3),
        dt.date(2025, 11, 28),
    ),
]
PEER_UNITS = ["Helse og omsorg", "Oppvekst", "Teknisk", "Sentraladministrasjonen"]
