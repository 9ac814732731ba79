"""Create a benchmark organisation with N initiatives (idempotent).

    python bench/generate.py --initiatives 5000 [--slug bench5000] [--units 40] [--people 30]
    python bench/generate.py benefits --slug bench5000 [--benefits 20000] [--measurements 500000]
    python bench/generate.py risks --slug bench5000 [--risks 20000] [--actions 30000]

The organisation, its units and its people go through the real services
(``do_create_organisation``, ``do_create_unit``, ``do_add_member``); the initiatives are
written with ``bulk_create`` for speed, with per-organisation numbers and references
(INI-0001 ...), one history row each, and the organisation's "INI" sequence moved on so that
the next initiative created through the app gets number N+1.

``benefits`` adds a benefit register to such an organisation (see "benefits" below),
``risks`` a risk register (see ``generate_risks.py``).

The database is the one the settings choose: SQLite in ``$GEVINST_VAR_DIR`` by default,
PostgreSQL when ``DATABASE_URL`` is set. If the slug exists, nothing is changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path

DEFAULT_PASSWORD = "bench-password-2026"
# A word that occurs in a few per cent of the generated initiatives: the search target.
SEARCH_TERM = "renovasjon"

ADJECTIVES = ["Digital", "Automatisert", "Selvbetjent", "Mobil", "Sikker", "Felles", "Ny",
              "Forenklet", "Datadrevet", "Heldigital", "Smart", "Samordnet", "Proaktiv",
              "Brukervennlig", "Papirløs"]
PROCESSES = ["søknad om", "tilsyn i", "saksbehandling i", "timebestilling for", "varsling i",
             "innsyn i", "fakturering av", "rapportering for", "dokumentasjon i",
             "planlegging av", "oppfølging i", "kommunikasjon med innbyggere i",
             "ressursstyring i", "kvalitetssikring av", "arkivering i"]
DOMAINS = ["hjemmetjenesten", "barnehageopptak", "byggesak", "skolefritidsordningen",
           "sosialhjelp", "vann og avløp", SEARCH_TERM, "parkering", "helsestasjonen",
           "sykehjemmene", "innkjøp", "lønn", "eiendomsskatt", "kulturskolen", "biblioteket",
           "legevakten", "flyktningtjenesten", "vei og park", "arkivet", "personalområdet"]
SUFFIXES = ["", "", "", "", " – fase 2", " (pilot)", " – utvidelse", " for hele kommunen",
            " i samarbeid med nabokommunene", " – forprosjekt"]
PAINS = [
    "Mye av arbeidet gjøres manuelt med papirskjema og dobbeltregistrering.",
    "Innbyggerne må ringe eller møte opp for å få svar på enkle spørsmål.",
    "Saksbehandlingstiden er lang, og innbyggerne vet ikke hvor saken står.",
    "Fagsystemene snakker ikke sammen, og data må flyttes for hånd.",
    "Ansatte bruker mye tid på kjøring og kontroller som ofte er unødvendige.",
    "Feil i registreringene gir etterarbeid og klager.",
    "Rapporteringen til staten tar flere uker hvert år.",
    "Det er vanskelig å rekruttere nok fagfolk, og arbeidsmengden øker.",
]
EVIDENCE = [
    "Kartleggingen i fjor viste {n} henvendelser i måneden.",
    "Tidsstudier viser at hver sak tar i snitt {m} minutter.",
    "Brukerundersøkelsen ga {p} prosent misfornøyde.",
    "Avviksmeldingene økte med {p} prosent siste år.",
    "Om lag {n} timer i året går med til manuelle rutiner.",
]
TARGETS = [
    "Innbyggeren kan ordne alt digitalt, når det passer, og får svar med en gang.",
    "Saken behandles automatisk når vilkårene er oppfylt, og ansatte tar de vanskelige.",
    "Alle involverte ser samme oppdaterte informasjon, og ingen registrerer noe to ganger.",
    "Tjenesten varsler før problemet oppstår, i stedet for å rydde opp etterpå.",
    "Innbyggeren forteller noe én gang, og kommunen gjenbruker opplysningene.",
    "Ansatte bruker tiden på mennesker i stedet for papir.",
]
SECTORS = ["Helse og velferd", "Oppvekst og skole", "Teknisk drift", "Økonomi", "HR",
           "IT og digitalisering", "Kultur og frivillighet", "Samfunnsutvikling"]
DEPARTMENTS = ["Hjemmetjenesten", "Sykehjem", "Tildelingskontoret", "Helsestasjon", "NAV",
               "Skoler", "Barnehager", "PPT", "Vei og park", "Vann og avløp", "Eiendom",
               "Byggesak", "Plan", "Regnskap", "Innkjøp", "Lønn", "Personal", "HMS",
               "Brukerstøtte", "Digitaliseringsenheten", "Bibliotek", "Kulturskole",
               "Landbruk", "Miljø", "Legevakt", "Flyktningtjenesten", "Arkiv", "Servicetorget",
               "Renovasjon", "Brann og redning", "Barnevern", "Rus og psykisk helse"]
FIRST = ["Ingrid", "Lars", "Siri", "Ola", "Kari", "Nina", "Per", "Jon", "Eva", "Marte",
         "Anders", "Hilde", "Knut", "Silje", "Tor", "Ragnhild", "Espen", "Liv", "Magnus",
         "Tone", "Bjørn", "Heidi", "Arne", "Ida", "Jonas", "Camilla"]
LAST = ["Haugen", "Eide", "Nilsen", "Berg", "Solberg", "Dahl", "Moe", "Vik", "Strand",
        "Lunde", "Hansen", "Johansen", "Larsen", "Andersen", "Pedersen", "Bakke", "Lie",
        "Aas", "Halvorsen", "Jakobsen", "Kristiansen", "Holm", "Næss", "Ruud"]
JOB_TITLES = {"admin": "Administrator", "pmo": "Porteføljeleder", "contributor":
              "Prosjektleder", "viewer": "Rådgiver", "employee": "Medarbeider"}
# (phase key, weight) and statuses by phase: later phases are more often completed.
PROGRAMME_NAMES = ["Digitalt førstevalg", "Helhetlige velferdstjenester", "Smart vann",
                   "Fremtidens skole", "Papirløs kommune", "Datadrevet styring",
                   "Sikker drift", "Innbyggerdialog", "Grønn kommune", "Felles plattform",
                   "Heltid og kompetanse", "Samhandling helse"]
# Years that get money per year (budget, actual up to this year, forecast from this year).
MONEY_YEARS = (2023, 2028)
# The overview target's query: filters and several columns, like a saved view.
OVERVIEW_QUERY = ("status=active&rag=amber&sort=-rag&cols=reference&cols=title&cols=phase"
                  "&cols=rag&cols=programme&cols=owner&cols=unit&cols=end")
PHASE_WEIGHTS = {"idea": 20, "concept": 15, "planning": 15, "execution": 25, "closing": 8,
                 "realisation": 10, "closed": 7}


def _setup_django() -> None:
    src = Path(__file__).resolve().parent.parent / "src"
    if src.is_dir() and str(src) not in sys.path:
        sys.path.insert(0, str(src))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gevinst.settings")
    if not (os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE")
            or os.environ.get("DEBUG")):
        # Nothing signed here outlives the process; a throw-away key is enough.
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    import django

    django.setup()


def _ascii(name: str) -> str:
    return (name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
            .replace(" ", "-"))


def _title(rng: random.Random) -> str:
    return (f"{rng.choice(ADJECTIVES)} {rng.choice(PROCESSES)} {rng.choice(DOMAINS)}"
            f"{rng.choice(SUFFIXES)}")


def _problem(rng: random.Random) -> str:
    evidence = rng.choice(EVIDENCE).format(n=rng.randint(50, 40000), m=rng.randint(5, 240),
                                           p=rng.randint(5, 60))
    return " ".join([*rng.sample(PAINS, 2), evidence])


def _target(rng: random.Random) -> str:
    return " ".join(rng.sample(TARGETS, 2))


def _status(rng: random.Random, phase_key: str) -> str:
    if phase_key == "closed":
        return rng.choices(["completed", "stopped"], [85, 15])[0]
    return rng.choices(["active", "on_hold", "stopped", "completed"], [80, 10, 7, 3])[0]


def _dates(rng: random.Random) -> tuple[dt.date | None, dt.date | None]:
    if rng.random() < 0.15:
        return None, None
    start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 7 * 365))
    if rng.random() < 0.2:
        return start, None
    return start, start + dt.timedelta(days=rng.randint(60, 900))


def _roles(people: int) -> list[str]:
    """The admin first, then roles spread: ~10 % PMO, 35 % contributors, 30 % viewers."""
    roles = ["admin"]
    for i in range(1, people):
        share = i / max(1, people - 1)
        roles.append("pmo" if share <= 0.1 else "contributor" if share <= 0.45
                     else "viewer" if share <= 0.75 else "employee")
    return roles


def _programmes(org, rng: random.Random, n: int, owners: list) -> list:
    """``n`` programmes, bulk-inserted with references PRG-001 ... and the sequence moved."""
    from gevinst.core.models import Sequence
    from gevinst.portfolio.models import Programme

    objs = [Programme(organisation=org, number=i + 1, reference=f"PRG-{i + 1:03d}",
                      name=f"{PROGRAMME_NAMES[i % len(PROGRAMME_NAMES)]}"
                           + (f" {i // len(PROGRAMME_NAMES) + 1}"
                              if i >= len(PROGRAMME_NAMES) else ""),
                      owner=rng.choice(owners)) for i in range(n)]
    created = Programme.objects.bulk_create(objs)
    if n:
        seq, _ = Sequence.objects.get_or_create(organisation=org, name="PRG")
        Sequence.objects.filter(pk=seq.pk).update(last_value=max(seq.last_value, n))
    return created


def _months_back(today: dt.date, n: int) -> list[dt.date]:
    """The first days of the ``n`` months before this one, oldest first."""
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(dt.date(year, month, 1))
    return out[::-1]


def _status_reports(org, initiatives: list, rng: random.Random, per_initiative: int,
                    actor) -> int:
    """``per_initiative`` published monthly reports for every initiative (bulk-inserted,
    no history rows), and each initiative's RAG set from its latest, as the
    status-report service keeps it."""
    from django.utils import timezone

    from gevinst.portfolio.models import Initiative, StatusReport

    periods = _months_back(dt.date.today(), per_initiative)
    now = timezone.now()
    dims = ("schedule", "cost", "scope", "risk", "benefits", "resources")
    batch, total = [], 0
    for initiative in initiatives:
        level = rng.choices(["green", "amber", "red"], [60, 30, 10])[0]
        for period in periods:
            if rng.random() < 0.25:  # the status moves now and then
                level = rng.choices(["green", "amber", "red"], [60, 30, 10])[0]
            report = StatusReport(
                organisation=org, initiative=initiative, period_start=period,
                state="published", overall=level, summary=rng.choice(PAINS),
                budget=rng.randint(1, 50) * 100000, actual=rng.randint(1, 50) * 90000,
                forecast=rng.randint(1, 50) * 100000, author=actor, published_by=actor,
                published_at=now)
            for dim in dims:
                setattr(report, dim, rng.choices(["green", "amber", "red"], [70, 22, 8])[0])
            batch.append(report)
        initiative.rag, initiative.rag_period = level, periods[-1] if periods else None
        if len(batch) >= 5000:
            StatusReport.objects.bulk_create(batch, batch_size=1000)
            total += len(batch)
            batch = []
    StatusReport.objects.bulk_create(batch, batch_size=1000)
    total += len(batch)
    if periods:
        Initiative.objects.bulk_update(initiatives, ["rag", "rag_period"], batch_size=1000)
    return total


def _money(org, initiatives: list, rng: random.Random) -> int:
    """Money per year for initiatives with dates: a budget for each year of the initiative
    inside MONEY_YEARS, actuals for years up to this one, forecasts from this one on."""
    from decimal import Decimal

    from gevinst.portfolio.models import MoneyYear

    this_year = dt.date.today().year
    rows = []
    for initiative in initiatives:
        if initiative.start_date is None:
            continue
        first = max(initiative.start_date.year, MONEY_YEARS[0])
        last = min((initiative.end_date or initiative.start_date).year, MONEY_YEARS[1])
        scale = rng.choice([1, 2, 5, 10, 20])
        for year in range(first, last + 1):
            base = Decimal(rng.randint(5, 60) * 10000 * scale)
            kinds = ["budget"] + (["actual"] if year <= this_year else []) + (
                ["forecast"] if year >= this_year else [])
            for kind in kinds:
                factor = Decimal(rng.randint(70, 130)) / 100 if kind != "budget" else 1
                rows.append(MoneyYear(
                    organisation=org, initiative=initiative, year=year, kind=kind,
                    investment=(base * factor).quantize(Decimal("1")),
                    internal_hours=Decimal(rng.randint(50, 2000)),
                    internal_cost=(base * factor / 4).quantize(Decimal("1")),
                    external_purchases=(base * factor / 2).quantize(Decimal("1")),
                    operating_cost_change=Decimal(rng.randint(-20, 20) * 10000)))
    MoneyYear.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def generate(*, initiatives: int, slug: str, units: int, people: int, password: str,
             seed: int | None = None, analyze: bool = True, programmes: int = 25,
             reports_per_initiative: int = 12) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from gevinst.core.models import Organisation, Role, Sequence, User
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import (
        do_add_member,
        do_create_organisation,
        do_create_unit,
    )
    from gevinst.portfolio.models import Initiative, Phase
    from gevinst.portfolio.services.initiatives import do_create_initiative
    from gevinst.portfolio.services.overview import do_save_view

    existing = Organisation.objects.filter(slug=slug).first()
    if existing is not None:
        with tenant_scope(existing):
            count = Initiative.objects.filter(organisation=existing).count()
        return {"slug": slug, "created": False, "initiatives": count,
                "admin": f"admin@{slug}.example"}

    rng = random.Random(seed if seed is not None else f"{slug}:{initiatives}")
    started = time.perf_counter()
    with transaction.atomic():
        org = do_create_organisation(actor=None, name=f"Benchmark {slug}", slug=slug,
                                     size=rng.randint(5000, 700000))
        with tenant_scope(org):
            # Units: a few sectors at the top, departments under them.
            sector_count = max(1, min(len(SECTORS), units // 5))
            unit_objs = [do_create_unit(actor=None, organisation=org, name=SECTORS[i],
                                        code=f"S{i + 1:02d}")
                         for i in range(min(sector_count, units))]
            sectors = list(unit_objs)
            for i in range(units - len(sectors)):
                base = DEPARTMENTS[i % len(DEPARTMENTS)]
                name = base if i < len(DEPARTMENTS) else f"{base} {i // len(DEPARTMENTS) + 1}"
                unit_objs.append(do_create_unit(actor=None, organisation=org, name=name,
                                                parent=sectors[i % len(sectors)],
                                                code=f"U{i + 1:03d}"))

            # People: one password hash for everyone (hashing 30 times would take seconds).
            hashed = make_password(password)
            members: dict[str, list] = {r: [] for r in Role.values}
            for i, role in enumerate(_roles(people)):
                if role == "admin":
                    local, full_name = "admin", "Bench Administrator"
                else:
                    first, last = rng.choice(FIRST), rng.choice(LAST)
                    local, full_name = f"{_ascii(first)}.{_ascii(last)}.{i}", f"{first} {last}"
                email = f"{local}@{slug}.example"
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User.objects.create_user(email=email, password=None,
                                                    full_name=full_name)
                    User.objects.filter(pk=user.pk).update(password=hashed)
                do_add_member(actor=None, organisation=org, user=user, role=role,
                              unit=rng.choice(unit_objs) if unit_objs else None,
                              title=JOB_TITLES[role])
                members[role].append(user)
            owners = members["admin"] + members["pmo"] + members["contributor"]
            managers = members["contributor"] or owners
            actor = (members["pmo"] or members["admin"])[0]

            programme_objs = _programmes(org, rng, programmes, owners)
            phases = {p.key: p for p in Phase.objects.filter(organisation=org)}
            keys = [k for k in PHASE_WEIGHTS if k in phases] or list(phases)
            weights = [PHASE_WEIGHTS.get(k, 10) for k in keys]
            objs = []
            for number in range(1, initiatives + 1):
                key = rng.choices(keys, weights)[0]
                start, end = _dates(rng)
                objs.append(Initiative(
                    organisation=org, number=number, reference=f"INI-{number:04d}",
                    title=_title(rng), problem=_problem(rng), target_state=_target(rng),
                    ambition=rng.choices(["improve", "transform"], [75, 25])[0],
                    is_lighthouse=rng.random() < 0.05,
                    owning_unit=rng.choice(unit_objs) if unit_objs else None,
                    owner=rng.choice(owners), manager=rng.choice(managers + [None]),
                    phase=phases[key], status=_status(rng, key), start_date=start,
                    end_date=end,
                    programme=(rng.choice(programme_objs)
                               if programme_objs and rng.random() < 0.7 else None),
                ))
            for obj in objs:  # bulk_create skips save(), which keeps the search text
                obj.search_text = obj.compute_search_text()
            created = Initiative.objects.bulk_create(objs, batch_size=500)
            if all(obj.pk for obj in created):
                Initiative.history.bulk_history_create(created, batch_size=500,
                                                       default_user=actor,
                                                       default_change_reason="benchmark")
            n_reports = _status_reports(org, created, rng, reports_per_initiative, actor)
            n_money = _money(org, created, rng)
            # The work-in-progress limit a little under what runs, so the warning shows.
            wip = sum(1 for i in created if i.status == "active"
                      and i.phase.key in Phase.WORK_IN_PROGRESS_KEYS)
            Organisation.objects.filter(pk=org.pk).update(wip_limit=max(1, int(wip * 0.9)))
            # A shared view like the one the benchmark's overview target asks for.
            do_save_view(actor=actor, organisation=org, name="Røde og gule i programmer",
                         query=OVERVIEW_QUERY, shared=True)
            seq, _ = Sequence.objects.get_or_create(organisation=org, name="INI")
            Sequence.objects.filter(pk=seq.pk).update(last_value=max(seq.last_value,
                                                                     initiatives))

            # Check that the app's own numbering continues after the bulk insert.
            expected = f"INI-{initiatives + 1:04d}"
            sid = transaction.savepoint()
            probe = do_create_initiative(actor=actor, organisation=org,
                                         title="Sequence probe (rolled back)")
            transaction.savepoint_rollback(sid)
            if probe.reference != expected:
                raise RuntimeError(f"sequence check: got {probe.reference}, expected {expected}")
    if analyze and connection.vendor == "postgresql":
        # Planner statistics, as autovacuum would gather them shortly after a bulk load; without
        # them PostgreSQL plans the list as if the table were empty (see bench/README.md).
        # VACUUM as well: the visibility map lets index-only scans skip the wide rows.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"slug": slug, "created": True, "initiatives": initiatives, "units": units,
            "people": people, "admin": f"admin@{slug}.example", "programmes": programmes,
            "status_reports": n_reports, "money_rows": n_money,
            "seconds": round(time.perf_counter() - started, 1)}


# --------------------------------------------------------------------------- benefits
#
#     python bench/generate.py benefits --slug bench5000 [--benefits 20000]
#                                       [--measurements 500000]
#
# ``benefits`` adds a benefit register to an organisation made by ``generate``: objectives,
# benefits linked to its initiatives (some shared, with attribution), value profiles,
# measures with planned trajectories and exactly ``--measurements`` measurements, all
# bulk-inserted, then the derived state (health, achievement, next due, values) set by the
# app's own ``refresh_organisation`` (timed). Time the daily follow-up job over it with
# ``gevinst followup --org <slug>`` (bench/run.py does, as the target ``job-followup``).

BENEFIT_PHRASES = [
    "Færre telefonhenvendelser", "Færre papirbrev", "Færre fysiske besøk", "Færre purringer",
    "Færre avvik", "Færre klager", "Færre uteblitte timer", "Færre feilutbetalinger",
    "Mindre manuell registrering", "Mindre kjøring", "Kortere ventetid",
    "Kortere saksbehandlingstid", "Lavere energibruk", "Lavere lisenskostnader",
    "Raskere svar til innbyggerne", "Bedre datakvalitet", "Mer tid til brukerne",
    "Flere digitale søknader",
]
BENEFIT_UNITS = ["timer", "henvendelser", "brev", "besøk", "%", "dager", "kWh", "saker"]
# (category, weight, [(cashability, valuation, weight)])
BENEFIT_CATEGORIES = [
    ("capacity_freed", 35, [("non_cash", "time_saved", 1)]),
    ("cash_releasing", 15, [("cash", "unit_cost", 6), ("cash", "contract", 4)]),
    ("service_quality", 10, [("not_monetised", "not_monetised", 1)]),
    ("citizens", 12, [("not_monetised", "not_monetised", 1)]),
    ("public_bodies", 4, [("not_monetised", "not_monetised", 1)]),
    ("risk", 8, [("not_monetised", "not_monetised", 1)]),
    ("workforce", 8, [("non_cash", "time_saved", 1), ("not_monetised", "not_monetised", 1)]),
    ("environment", 8, [("cash", "unit_cost", 1), ("not_monetised", "not_monetised", 1)]),
]
BENEFIT_STATUSES = {"identified": 8, "profiled": 7, "approved": 5, "in_realisation": 45,
                    "handed_over": 20, "realised": 8, "partly_realised": 3,
                    "not_realised": 1, "withdrawn": 3}
MEASURED_STATUSES = ("in_realisation", "handed_over", "realised", "partly_realised",
                     "not_realised")
OBJECTIVE_TITLES = [
    ("Enkle og sammenhengende digitale tjenester",
     ["Flere søknader ordnes digitalt", "Kortere svartid", "Flere kan bo trygt hjemme"]),
    ("Mer tid til kjerneoppgavene",
     ["Rutinearbeid automatiseres", "Frigjort tid i helse og omsorg",
      "Lavere driftskostnader"]),
    ("Trygge og bærekraftige tjenester",
     ["Lavere energibruk", "Personvern og arkiv i orden", "Digital kompetanse"]),
]
# The filtered variant of the benefits overview (a line manager's typical question).
BENEFITS_QUERY = "status=in_realisation&health=behind&sort=-value"


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _measurement_counts(rng: random.Random, measures: list[dict], total: int) -> None:
    """Give every measured measure a number of measurements so that they add up to
    ``total``: quarterly ones 4-12, monthly ones the rest spread evenly (about three years
    when ``total`` is 25 × the number of benefits)."""
    measured = [m for m in measures if m["measured"]]
    if not measured:
        return
    quarterly = [m for m in measured if m["freq"] == "quarterly"]
    monthly = [m for m in measured if m["freq"] == "monthly"]
    pool = monthly or quarterly
    if monthly:
        for m in quarterly:
            m["count"] = rng.randint(4, 12)
    left = total - sum(m["count"] for m in measured if m["freq"] != pool[0]["freq"])
    if left < len(pool):
        raise ValueError(f"{total} measurements are too few for {len(measured)} measures")
    base, extra = divmod(left, len(pool))
    for index, m in enumerate(pool):
        m["count"] = base + (1 if index < extra else 0)


def _pace(rng: random.Random) -> float:
    """How much of the planned change a benefit reaches: mostly on track, some a little
    behind (within tolerance), some far behind."""
    kind = rng.choices(["on_track", "slight", "behind"], [60, 25, 15])[0]
    if kind == "on_track":
        return rng.uniform(1.0, 1.15)
    if kind == "slight":
        return rng.uniform(0.9, 0.99)
    return rng.uniform(0.3, 0.75)


def _objectives(org) -> list:
    from gevinst.core.models import Sequence
    from gevinst.objectives.models import Objective

    existing = list(Objective.objects.filter(organisation=org))
    if existing:
        return existing
    number, out = 0, []
    for title, children in OBJECTIVE_TITLES:
        number += 1
        parent = Objective.objects.bulk_create([Objective(
            organisation=org, number=number, reference=f"OBJ-{number:04d}", title=title)])[0]
        out.append(parent)
        kids = []
        for child in children:
            number += 1
            kids.append(Objective(organisation=org, number=number,
                                  reference=f"OBJ-{number:04d}", title=child, parent=parent))
        out.extend(Objective.objects.bulk_create(kids))
    seq, _ = Sequence.objects.get_or_create(organisation=org, name="OBJ")
    Sequence.objects.filter(pk=seq.pk).update(last_value=max(seq.last_value, number))
    return out


def _benefit_specs(rng: random.Random, n: int, total_measurements: int) -> list[dict]:
    """What each benefit will be (status, category, measures and their counts), decided
    before anything is written so that the measurements add up exactly."""
    statuses, weights = list(BENEFIT_STATUSES), list(BENEFIT_STATUSES.values())
    cats = [c for c, _w, _v in BENEFIT_CATEGORIES]
    cat_weights = [w for _c, w, _v in BENEFIT_CATEGORIES]
    valuations = {c: v for c, _w, v in BENEFIT_CATEGORIES}
    specs, measures = [], []
    for number in range(1, n + 1):
        status = rng.choices(statuses, weights)[0]
        category = rng.choices(cats, cat_weights)[0]
        options = valuations[category]
        cashability, valuation, _w = rng.choices(options, [o[2] for o in options])[0]
        spec = {"number": number, "status": status, "category": category,
                "cashability": cashability, "valuation": valuation, "measures": []}
        if status != "identified":
            kinds = ["monthly" if rng.random() < 0.75 else "quarterly"]
            if status in MEASURED_STATUSES and rng.random() < 0.1:
                kinds.append("quarterly")  # a second measure
            for order, freq in enumerate(kinds, start=1):
                m = {"freq": freq, "order": order, "measured": status in MEASURED_STATUSES,
                     "count": 0}
                spec["measures"].append(m)
                measures.append(m)
        specs.append(spec)
    _measurement_counts(rng, measures, total_measurements)
    return specs


def _benefit_rows(org, rng, spec, today, ctx) -> dict:
    """The rows of one benefit (not yet saved): the benefit, its links, years, measures,
    plans and measurements."""
    from decimal import Decimal

    from gevinst.benefits import calc
    from gevinst.benefits.models import Benefit, Measure

    number = spec["number"]
    owner = rng.choice(ctx["owners"])
    valuation = {}
    if spec["valuation"] == "time_saved":
        valuation = {"minutes_per_case": Decimal(rng.randint(2, 90)),
                     "cases_per_year": Decimal(rng.randint(100, 40000))}
    elif spec["valuation"] == "unit_cost":
        valuation = {"unit_cost": Decimal(rng.randint(5, 800)),
                     "units_per_year": Decimal(rng.randint(100, 50000))}
    elif spec["valuation"] == "contract":
        before = rng.randint(2, 300) * 10000
        valuation = {"contract_cost_before": Decimal(before),
                     "contract_cost_after": Decimal(int(before * rng.uniform(0.2, 0.9)))}
    status = spec["status"]
    handed = None
    if status in ("handed_over", "realised", "partly_realised", "not_realised"):
        handed = today - dt.timedelta(days=rng.randint(30, 700))
    benefit = Benefit(
        organisation=org, number=number, reference=f"BEN-{number:04d}",
        title=f"{rng.choice(BENEFIT_PHRASES)} i {rng.choice(DOMAINS)}{rng.choice(SUFFIXES)}",
        description=rng.choice(TARGETS), is_disbenefit=rng.random() < 0.03,
        category=spec["category"], cashability=spec["cashability"],
        beneficiary=rng.choice(DEPARTMENTS), owner=owner,
        owner_unit=rng.choice(ctx["units"]), confidence=rng.choice(["high", "medium", "low"]),
        optimism_adjustment=Decimal(rng.choice([0, 0, 5, 10, 15, 20, 30])),
        status=status, valuation_method=spec["valuation"],
        enabling_changes="Ny digital løsning\nNye rutiner i enheten",
        status_comment="Vurdert i porteføljerådet" if status == "withdrawn" else "",
        handed_over_on=handed, **valuation)
    rows = {"benefit": benefit, "links": [], "years": [], "units": [], "objectives": [],
            "measures": []}
    r = rng.random()
    if r < 0.85:
        rows["links"] = [(rng.choice(ctx["initiatives"]), Decimal(100))]
    elif r < 0.97 and len(ctx["initiatives"]) > 1:
        first, second = rng.sample(ctx["initiatives"], 2)
        share = rng.choice([50, 60, 70])
        rows["links"] = [(first, Decimal(share)), (second, Decimal(100 - share))]
    rows["units"] = rng.sample(ctx["units"], min(len(ctx["units"]), rng.randint(1, 2)))
    if ctx["objectives"] and rng.random() < 0.8:
        rows["objectives"] = rng.sample(ctx["objectives"], rng.randint(1, 2))
    if status not in ("identified", "withdrawn"):
        shares = [20, 50, 80, 100, 100]
        rows["years"] = [(today.year - 2 + i, Decimal(s)) for i, s in enumerate(shares)]
    pace = _pace(rng)
    for m in spec["measures"]:
        months = calc.MONTHS_PER_PERIOD[m["freq"]]
        current = calc.period_start(today, m["freq"])
        gap = rng.randint(2, 4) if m["measured"] and rng.random() < 0.1 else 0
        delay = rng.randint(0, 2)
        count = m["count"]
        last = -1 - gap  # periods before the current one
        first = last - count + 1
        base_at = (first if count else -rng.randint(1, 6)) - 1 - delay
        future = rng.randint(3, 9)
        n = (last + future) - base_at
        base = Decimal(rng.randint(20, 5000))
        down = rng.random() < 0.55
        change = -base * Decimal(rng.uniform(0.2, 0.7)) if down else \
            base * Decimal(rng.uniform(0.2, 1.5))
        base_period = _shift_months(current, base_at * months)
        target = (base + change).quantize(Decimal("0.1"))
        measure = Measure(
            organisation=org, order=m["order"], name=f"Måltall {m['order']}",
            unit=rng.choice(BENEFIT_UNITS), direction="decrease" if down else "increase",
            data_source="Fagsystemet", method="Uttrekk fra fagsystemet hver periode.",
            frequency=m["freq"], baseline_value=base,
            baseline_date=calc.period_end(base_period, m["freq"]),
            baseline_evidence="Uttrekk før oppstart", target_value=target,
            target_date=calc.period_end(_shift_months(base_period, n * months), m["freq"]),
            tolerance=Decimal(rng.choice([5, 10, 10, 15])))
        plan, actuals = [], []
        if status not in ("profiled", "withdrawn"):
            for i in range(1, n + 1):
                share = max(0.0, min(1.0, (i - delay) / max(1, n - delay)))
                plan.append((_shift_months(base_period, i * months),
                             (base + change * Decimal(share)).quantize(Decimal("0.1"))))
        for k in range(count):
            i = (first + k) - base_at
            share = max(0.0, min(1.0, (i - delay) / max(1, n - delay)))
            noise = 0.0 if k == count - 1 else rng.uniform(-0.03, 0.03)
            value = base + change * Decimal(share * pace + noise)
            actuals.append((_shift_months(base_period, i * months),
                            max(value, Decimal(0)).quantize(Decimal("0.1"))))
        rows["measures"].append((measure, plan, actuals))
    return rows


def _raw_insert(model, rows: list[dict], batch: int = 5000) -> None:
    """INSERT plain rows (attname → value, already valid and adapted) without building
    model instances: the half a million measurements would take minutes through
    ``bulk_create``. Missing fields get their default; ``auto_now`` fields the time now."""
    from django.db import connection
    from django.utils import timezone

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    defaults = [now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else f.get_db_prep_save(f.get_default(), connection) for f in fields]
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [
                tuple(row[name] if name in row else default
                      for name, default in zip(names, defaults, strict=True))
                for row in rows[start:start + batch]])


def generate_benefits(*, slug: str, benefits: int, measurements: int,
                      seed: int | None = None, chunk: int = 1000,
                      analyze: bool = True) -> dict:
    """Bulk-insert a benefit register into the organisation ``slug`` (see above)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gevinst.benefits import calc
    from gevinst.benefits.models import (
        Benefit,
        BenefitInitiative,
        BenefitYear,
        Measure,
        Measurement,
        PlannedValue,
    )
    from gevinst.benefits.services.measures import refresh_organisation
    from gevinst.core.models import Membership, Organisation, Role, Sequence, Unit
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models import Initiative

    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        existing = Benefit.objects.filter(organisation=org).count()
        if existing:
            return {"slug": slug, "created": False, "benefits": existing,
                    "measurements": Measurement.objects.filter(organisation=org).count()}
        rng = random.Random(seed if seed is not None else f"{slug}:benefits:{benefits}")
        started = time.perf_counter()
        today = dt.date.today()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        members = list(Membership.objects.filter(organisation=org).select_related("user"))
        # Line managers own benefits: readers and contributors, else anyone.
        owners = [m.user for m in members if m.role in (Role.VIEWER, Role.CONTRIBUTOR)] or \
            [m.user for m in members]
        verifier = next((m.user for m in members if m.role == Role.PMO), members[0].user)
        specs = _benefit_specs(rng, benefits, measurements)
        counts = {"links": 0, "years": 0, "measures": 0, "plan": 0, "measurements": 0}
        with transaction.atomic():
            ctx = {"owners": owners, "units": list(Unit.objects.filter(organisation=org)),
                   "initiatives": list(Initiative.objects.filter(organisation=org)
                                       .only("id", "organisation_id")),
                   "objectives": _objectives(org)}
            through_units = Benefit.realising_units.through
            through_objectives = Benefit.objectives.through
            for start in range(0, len(specs), chunk):
                rows = [_benefit_rows(org, rng, spec, today, ctx)
                        for spec in specs[start:start + chunk]]
                created = Benefit.objects.bulk_create([r["benefit"] for r in rows],
                                                      batch_size=500)
                if not all(b.pk for b in created):
                    raise RuntimeError("the database did not return the new benefits' ids")
                Benefit.history.bulk_history_create(created, batch_size=500,
                                                    default_user=verifier,
                                                    default_change_reason="benchmark")
                links, years, units, objectives, measures = [], [], [], [], []
                for r in rows:
                    b = r["benefit"]
                    links += [BenefitInitiative(organisation=org, benefit=b, initiative=i,
                                                attribution=share) for i, share in r["links"]]
                    years += [BenefitYear(organisation=org, benefit=b, year=y, share=s)
                              for y, s in r["years"]]
                    units += [through_units(benefit_id=b.pk, unit_id=u.pk) for u in r["units"]]
                    objectives += [through_objectives(benefit_id=b.pk, objective_id=o.pk)
                                   for o in r["objectives"]]
                    for measure, _plan, _actuals in r["measures"]:
                        measure.benefit = b
                        measures.append(measure)
                BenefitInitiative.objects.bulk_create(links, batch_size=1000)
                BenefitYear.objects.bulk_create(years, batch_size=1000)
                through_units.objects.bulk_create(units, batch_size=1000)
                through_objectives.objects.bulk_create(objectives, batch_size=1000)
                Measure.objects.bulk_create(measures, batch_size=500)
                plan_rows, measurement_rows = [], []
                for r in rows:
                    owner_id = r["benefit"].owner_id
                    for measure, plan, actuals in r["measures"]:
                        plan_rows += [{"organisation_id": org.pk, "measure_id": measure.pk,
                                       "period": p, "value": v} for p, v in plan]
                        for period, value in actuals:
                            old = (today - period).days > 200
                            verified = old and rng.random() < 0.7
                            measurement_rows.append({
                                "organisation_id": org.pk, "measure_id": measure.pk,
                                "period": period, "actual": value, "recorded_by_id": owner_id,
                                "verified_by_id": verifier.pk if verified else None,
                                "verified_at": now if verified else None,
                                # The app's own arithmetic (calc.achievement), so that the
                                # refresh below need not rewrite 500,000 rows one CASE at
                                # a time; it still computes and checks every one.
                                "achievement": calc.achievement(
                                    measure.baseline_value, measure.target_value, value,
                                    measure.direction)})
                _raw_insert(PlannedValue, plan_rows)
                _raw_insert(Measurement, measurement_rows)
                counts["links"] += len(links)
                counts["years"] += len(years)
                counts["measures"] += len(measures)
                counts["plan"] += len(plan_rows)
                counts["measurements"] += len(measurement_rows)
            seq, _ = Sequence.objects.get_or_create(organisation=org, name="BEN")
            Sequence.objects.filter(pk=seq.pk).update(last_value=max(seq.last_value, benefits))
        inserted = time.perf_counter() - started
        refresh_started = time.perf_counter()
        changed = refresh_organisation(org)
        refresh_seconds = time.perf_counter() - refresh_started
    if analyze and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"slug": slug, "created": True, "benefits": benefits, **counts,
            "insert_seconds": round(inserted, 1), "refresh_seconds": round(refresh_seconds, 1),
            "refresh_changed": changed,
            "seconds": round(time.perf_counter() - started, 1)}


def main_benefits(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="generate.py benefits",
        description="Add a benefit register to an organisation made by generate.py.")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--benefits", type=int, default=20000)
    parser.add_argument("--measurements", type=int, default=500000)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-analyze", action="store_true")
    args = parser.parse_args(argv)
    if args.benefits < 1 or args.measurements < 0:
        parser.error("--benefits must be >= 1 and --measurements >= 0")
    _setup_django()
    result = generate_benefits(slug=args.slug, benefits=args.benefits,
                               measurements=args.measurements, seed=args.seed,
                               analyze=not args.no_analyze)
    if args.json:
        import json

        print(json.dumps(result))
    elif result["created"]:
        print(f"{args.slug}: {result['benefits']} benefits, {result['measures']} measures, "
              f"{result['measurements']} measurements, {result['plan']} planned values, "
              f"{result['years']} profile years, {result['links']} initiative links in "
              f"{result['insert_seconds']} s; refresh_organisation "
              f"{result['refresh_seconds']} s ({result['refresh_changed']} rows changed)")
    else:
        print(f"{args.slug} has {result['benefits']} benefits already; nothing changed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--initiatives", type=int, required=True)
    parser.add_argument("--slug", help="default: bench<N>")
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--password", default=DEFAULT_PASSWORD,
                        help="password of every generated person (default %(default)s)")
    parser.add_argument("--programmes", type=int, default=25)
    parser.add_argument("--reports", type=int, default=12,
                        help="published monthly status reports per initiative (default 12)")
    parser.add_argument("--seed", type=int, help="random seed (default: from slug and N)")
    parser.add_argument("--no-analyze", action="store_true",
                        help="PostgreSQL: do not ANALYZE after loading (planner statistics)")
    args = parser.parse_args(argv)
    if args.initiatives < 0 or args.units < 0 or args.people < 1:
        parser.error("--initiatives and --units must be >= 0, --people >= 1")
    slug = args.slug or f"bench{args.initiatives}"
    _setup_django()
    result = generate(initiatives=args.initiatives, slug=slug, units=args.units,
                      people=args.people, password=args.password, seed=args.seed,
                      analyze=not args.no_analyze, programmes=args.programmes,
                      reports_per_initiative=args.reports)
    if result["created"]:
        print(f"created {slug}: {result['initiatives']} initiatives, {result['units']} units, "
              f"{result['people']} people, {result['programmes']} programmes, "
              f"{result['status_reports']} status reports, {result['money_rows']} money rows "
              f"in {result['seconds']} s; "
              f"log in as {result['admin']}")
    else:
        print(f"{slug} exists already ({result['initiatives']} initiatives); nothing changed; "
              f"log in as {result['admin']}")
    return 0


if __name__ == "__main__":
    # Sub-commands of the benefits and risk registers; else initiatives.
    from generate_risks import main_risks

    SUBCOMMANDS = {"benefits": main_benefits, "risks": main_risks}
    if sys.argv[1:2] and sys.argv[1] in SUBCOMMANDS:
        sys.exit(SUBCOMMANDS[sys.argv[1]](sys.argv[2:]))
    sys.exit(main())
