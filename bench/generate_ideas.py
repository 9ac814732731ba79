"""Ideas from staff for a benchmark organisation.

    python bench/generate_ideas.py --slug bench5000 [--ideas 50000] [--json]

Adds to an organisation made by ``generate.py`` (units and people): ``--ideas`` ideas with
varied Norwegian titles and problems built from templates over a combinatorial vocabulary
(what, about what, where; who suffers, how, with what consequence), spread over the last
three years, every status (about a third still submitted, a fifth under review, the rest
answered: parked, rejected, duplicate of an earlier idea, accepted, done), a few hidden by
a moderator; affected units, supports (one per person, a few popular ideas with many),
comments and replies (some hidden), followers (author, supporters, commenters), official
answers (one per status change), reviewers and complete ratings with the score and band
computed by ``gevinst.ideas.calc`` for the ideas under review or decided, and some open
abuse reports. ``support_count`` and ``comment_count`` agree with the rows. Everything is
bulk-inserted (ideas with one history row each; comments, supports and the rest without
history), the "IDE" sequence moves on, and the similar-idea index (``IdeaGram`` and
``IdeaGramCount``) is written with the app's own ``gevinst.ideas.similarity.grams``, so
the look-up works as if every idea had gone through ``index_idea``.

Idempotent: an organisation that has ideas already is left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

IDEAS = 50_000

# Titles: WHAT + ABOUT + WHERE (+ FOR), e.g. "Digital bestilling av hjelpemidler i
# hjemmetjenesten for innbyggerne".
WHAT = [
    "Digital bestilling av", "Selvbetjent søknad om", "Automatisk varsling om",
    "Felles ordning for", "Bedre oversikt over", "Enklere registrering av",
    "Påminnelse på SMS om", "Sensorer for", "Gjenbruk av", "Deling av", "Ny rutine for",
    "Opplæring i", "Elektronisk signering av", "Mobil innrapportering av", "Kartlegging av",
    "Raskere behandling av", "Mindre papir i", "Bedre samarbeid om", "Digitalt skjema for",
    "Utlån av", "Chat om", "Timebestilling for", "Kart over", "Felles innkjøp av",
    "Robot for", "Sanntidsoversikt over", "Bedre informasjon om", "Selvbetjening av",
    "Tydeligere ansvar for", "Samordnet planlegging av",
]
ABOUT = [
    "hjelpemidler", "vikarer", "møterom", "tjenestebiler", "kvitteringer", "avvik",
    "parkeringstillatelser", "timeavtaler", "medisiner", "matombringing", "skolemøbler",
    "barnehageplasser", "byggesøknader", "vannmålere", "gatelys", "avfallsdunker",
    "brøyting", "turnus", "arbeidsavtaler", "reiseregninger", "fakturaer", "innsynskrav",
    "tolketjenester", "nøkler", "trygghetsalarmer", "leksehjelp", "SFO-plasser",
    "idrettshaller", "lånekort", "sykkelparkering", "ladepunkter", "sykefravær",
    "kompetanse", "hjemmebesøk", "dagtilbud", "startlån", "sosialhjelp",
    "skjenkebevillinger", "gravsteder", "kurs", "utstyr", "vaksiner", "legetimer",
    "fravær", "vedtaksbrev", "skjemaer", "arkivmapper", "innkjøpsavtaler", "passord",
    "tilganger",
]
WHERE = [
    "i hjemmetjenesten", "på sykehjemmene", "i barnehagene", "på skolene", "i rådhuset",
    "på biblioteket", "i teknisk drift", "på legevakten", "på helsestasjonen", "i NAV",
    "på servicetorget", "i kulturskolen", "i vei og park", "i byggesak", "i renovasjonen",
    "i bofellesskapene", "i flyktningtjenesten", "i PPT", "i barnevernet",
    "på ungdomsklubben", "i økonomiavdelingen", "på personalkontoret", "i IT-drift",
    "i eiendomsforvaltningen",
]
FOR = ["", "", "", "", " for innbyggerne", " for ansatte", " for eldre", " for foreldre",
       " for nyansatte", " i hele kommunen", " sammen med nabokommunene", " (forsøk)"]
# Problems: WHO + PAIN + CONSEQUENCE (+ EVIDENCE).
WHO = ["Ansatte", "Innbyggerne", "Foreldre", "Pårørende", "Brukerne", "Lederne",
       "Saksbehandlerne", "Elevene", "Beboerne", "Nyansatte", "Vikarene", "Søkerne",
       "Lærerne", "Sykepleierne", "Feltarbeiderne"]
PAIN = [
    "må ringe i kontortiden for å få svar", "fyller ut papirskjema som tastes inn på nytt",
    "venter flere uker på svar", "bruker mye tid på å lete etter informasjon",
    "får beskjed for sent", "må møte opp personlig", "kjører unødvendige turer",
    "mangler oversikt over hva som er ledig", "registrerer det samme i flere systemer",
    "vet ikke hvem som har ansvaret", "får ulike svar fra ulike kontorer",
    "sender e-post som blir liggende ubesvart", "må purre flere ganger",
    "bruker egne løsninger i regneark", "leter etter nøkler og utstyr",
]
CONSEQUENCE = [
    "og telefonkøen blir lang.", "og feil oppstår ofte.", "og mange gir opp underveis.",
    "og det går ut over tiden med brukerne.", "og klagene øker.",
    "og kostnadene stiger hvert år.", "og ingen får et samlet bilde.",
    "og ansatte blir slitne av dobbeltarbeid.", "og fristene overskrides.",
    "og utstyr blir borte.",
]
EVIDENCE = [
    "I fjor gjaldt det om lag {n} saker.", "Hver sak tar i snitt {m} minutter ekstra.",
    "{p} prosent av henvendelsene handler om dette.", "Avvikene økte med {p} prosent.",
    "", "",
]
PROPOSALS = [
    "Ta i bruk en enkel digital løsning som kan prøves i én enhet først.",
    "Lage en felles rutine og et skjema som alle bruker.",
    "Kjøpe inn en ferdig tjeneste gjennom rammeavtalen.",
    "Samarbeide med nabokommunene om en felles løsning.",
]
BENEFITS = [
    "Spart tid for ansatte og kortere ventetid for innbyggerne.",
    "Færre feil og mindre dobbeltarbeid.",
    "Lavere kostnader og bedre oversikt.",
    "Mer fornøyde brukere og ansatte.",
]
COMMENTS = [
    "Dette ville spart oss mye tid.", "Vi har samme problem hos oss.",
    "God idé, men hvem skal ha ansvaret?", "Har noen sett hvordan nabokommunen løste dette?",
    "Jeg støtter dette fullt ut.", "Det finnes kanskje en løsning på rammeavtalen allerede.",
    "Vi prøvde noe lignende for noen år siden.", "Husk personvernet her.",
]
REPLIES = ["Takk, godt poeng!", "Vi har tall fra i fjor.", "Enig, det må avklares først.",
           "Jeg sjekker med IT."]
ANSWERS = {
    "under_review": "Takk for idéen. Vi vurderer den i porteføljerådet.",
    "parked": "Idéen er god, men vi har ikke kapasitet i år. Vi ser på den igjen neste år.",
    "rejected": "Vi går ikke videre med idéen fordi kostnaden er større enn gevinsten.",
    "duplicate": "Denne idéen er den samme som en vi har fra før; følg den i stedet.",
    "accepted": "Idéen er godkjent og blir et tiltak i porteføljen.",
    "done": "Tiltaket er gjennomført. Takk for idéen!",
}
STATUS_WEIGHTS = {"submitted": 34, "under_review": 20, "parked": 12, "rejected": 12,
                  "duplicate": 9, "accepted": 8, "done": 5}
HIDE_REASON = "Inneholder personopplysninger om en bruker."
REPORT_REASON = "Innlegget er usaklig."
DAYS = 3 * 365


def _title(rng: random.Random) -> str:
    return (f"{rng.choice(WHAT)} {rng.choice(ABOUT)} {rng.choice(WHERE)}"
            f"{rng.choice(FOR)}")


def _problem(rng: random.Random) -> str:
    evidence = rng.choice(EVIDENCE).format(n=rng.randint(20, 5000), m=rng.randint(5, 90),
                                           p=rng.randint(5, 60))
    first = f"{rng.choice(WHO)} {rng.choice(PAIN)} {rng.choice(CONSEQUENCE)}"
    second = f"{rng.choice(WHO)} {rng.choice(PAIN)} {rng.choice(CONSEQUENCE)}"
    return " ".join(p for p in (first, evidence, second if rng.random() < 0.5 else "") if p)


def _supports(rng: random.Random, people: int) -> int:
    """How many supports: most ideas a few, some none, a few popular ones many."""
    if rng.random() < 0.03:
        return rng.randint(10, people)
    return min(people, int(rng.expovariate(1 / 1.8)))


def _copy_rows(table: str, columns: list[str], rows, batch: int = 20_000) -> int:
    """Insert plain tuples fast: COPY on PostgreSQL, executemany in batches on SQLite."""
    from django.db import connection

    quote = connection.ops.quote_name
    count = 0
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(
                f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = (f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    chunk: list = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def generate_ideas(*, slug: str, ideas: int, seed: int | None = None,
                   analyze: bool = True) -> dict:
    """Bulk-insert ``ideas`` ideas and their engagement into ``slug`` (see the module)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from generate import _raw_insert
    from gevinst.core.models import Membership, Organisation, Role, Sequence, Unit
    from gevinst.core.scoping import tenant_scope
    from gevinst.ideas import calc, similarity
    from gevinst.ideas.models import (
        AbuseReport,
        Idea,
        IdeaAnswer,
        IdeaComment,
        IdeaFollower,
        IdeaGram,
        IdeaGramCount,
        IdeaRating,
        IdeaSettings,
        IdeaSupport,
        ScoringCriterion,
    )

    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        existing = Idea.objects.filter(organisation=org).count()
        if existing:
            return {"slug": slug, "created": False, "ideas": existing}
        rng = random.Random(seed if seed is not None else f"{slug}:ideas:{ideas}")
        started = time.perf_counter()
        now = timezone.now()
        dbtime = connection.ops.adapt_datetimefield_value
        members = list(Membership.objects.filter(organisation=org).select_related("user"))
        people = [m.user_id for m in members]
        unit_of = {m.user_id: m.unit_id for m in members}
        deciders = [m.user_id for m in members if m.role in (Role.ADMIN, Role.PMO)] or people
        reviewers = [m.user_id for m in members
                     if m.role in (Role.PMO, Role.CONTRIBUTOR)] or deciders
        units = list(Unit.objects.filter(organisation=org).values_list("id", flat=True))
        criteria = list(ScoringCriterion.objects.filter(organisation=org, active=True)
                        .values_list("id", "weight"))
        bands = IdeaSettings.objects.filter(organisation=org).first()
        if not people:
            raise RuntimeError(f"{slug} has no members (generate.py makes them)")

        # The ideas, oldest first (numbers follow the submission time).
        times = sorted(now - dt.timedelta(seconds=rng.randint(3600, DAYS * 86400))
                       for _ in range(ideas))
        specs = []
        for number, created in enumerate(times, start=1):
            author = rng.choice(people)
            status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
            if number < 20 and status == "duplicate":
                status = "submitted"
            spec = {"number": number, "created": created, "author": author, "status": status,
                    "title": _title(rng), "problem": _problem(rng),
                    "hidden": rng.random() < 0.004}
            if status != "submitted":
                spec["answered"] = min(now, created + dt.timedelta(
                    days=rng.expovariate(1 / 25), hours=rng.randint(1, 8)))
                spec["first"] = min(spec["answered"], created + dt.timedelta(
                    days=rng.expovariate(1 / 12), hours=rng.randint(1, 8)))
                spec["answerer"] = rng.choice(deciders)
            if status == "duplicate":
                spec["duplicate_of"] = rng.randint(1, number - 1)
            if status not in ("submitted", "duplicate") and criteria:
                ratings = {cid: rng.choices([1, 2, 3, 4, 5], [8, 20, 35, 25, 12])[0]
                           for cid, _w in criteria}
                score = calc.weighted_score([(ratings[cid], w) for cid, w in criteria])
                spec.update(ratings=ratings, score=score, band=calc.band_for(score, bands))
            specs.append(spec)

        score_field = Idea._meta.get_field("score")
        with transaction.atomic():
            _raw_insert(Idea, [{
                "organisation_id": org.pk, "number": s["number"],
                "reference": f"IDE-{s['number']:04d}", "title": s["title"],
                "problem": s["problem"], "proposal": rng.choice(PROPOSALS),
                "expected_benefit": rng.choice(BENEFITS), "author_id": s["author"],
                "unit_id": unit_of.get(s["author"]), "status": s["status"],
                "answer": ANSWERS[s["status"]] if s["status"] != "submitted" else "",
                "answered_at": dbtime(s.get("answered")),
                "answered_by_id": s.get("answerer"),
                "first_answered_at": dbtime(s.get("first")),
                "score": score_field.get_db_prep_save(s.get("score"), connection),
                "band": s.get("band", ""), "hidden": s["hidden"],
                "hidden_reason": HIDE_REASON if s["hidden"] else "",
                "hidden_by_id": deciders[0] if s["hidden"] else None,
                "hidden_at": dbtime(s["created"] + dt.timedelta(days=1)) if s["hidden"]
                else None,
                "created_at": dbtime(s["created"]), "updated_at": dbtime(s["created"]),
            } for s in specs])
            id_of = dict(Idea.objects.filter(organisation=org).values_list("number", "id"))
            for s in specs:
                s["id"] = id_of[s["number"]]
            dup_rows = [(id_of[s["duplicate_of"]], s["id"]) for s in specs
                        if "duplicate_of" in s]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {connection.ops.quote_name(Idea._meta.db_table)} "
                    "SET duplicate_of_id = %s WHERE id = %s", dup_rows)
            Idea.history.bulk_history_create(
                list(Idea.objects.filter(organisation=org)), batch_size=2000,
                default_user=None, default_change_reason="benchmark",
                default_date=now)

            through = Idea.units.through
            unit_rows = [(s["id"], u) for s in specs
                         for u in rng.sample(units, min(len(units), rng.choice([1, 1, 2])))]
            _copy_rows(through._meta.db_table, ["idea_id", "unit_id"], unit_rows)
            rev_through = Idea.reviewers.through
            rev_rows = [(s["id"], rng.choice(reviewers)) for s in specs
                        if s["status"] == "under_review"]
            _copy_rows(rev_through._meta.db_table, ["idea_id", "user_id"], rev_rows)

            # Supports and comments, and the counts that agree with them.
            supports, followers, comments, answers, ratings, reports = [], set(), [], [], [], []
            for s in specs:
                followers.add((s["id"], s["author"]))
                others = [p for p in people if p != s["author"]]
                backers = rng.sample(others, min(len(others), _supports(rng, len(others))))
                for user in backers:
                    when = s["created"] + dt.timedelta(hours=rng.randint(1, 2000))
                    supports.append({"organisation_id": org.pk, "idea_id": s["id"],
                                     "user_id": user, "created_at": dbtime(min(when, now))})
                    followers.add((s["id"], user))
                s["supports"] = len(backers)
                visible = 0
                for _ in range(min(12, int(rng.expovariate(1 / 1.2)))):
                    author = rng.choice(people)
                    hidden = rng.random() < 0.01
                    visible += not hidden
                    when = min(now, s["created"] + dt.timedelta(hours=rng.randint(1, 3000)))
                    comments.append({
                        "organisation_id": org.pk, "idea_id": s["id"], "author_id": author,
                        "body": rng.choice(COMMENTS), "hidden": hidden,
                        "hidden_reason": HIDE_REASON if hidden else "",
                        "hidden_by_id": deciders[0] if hidden else None,
                        "created_at": dbtime(when), "updated_at": dbtime(when)})
                    followers.add((s["id"], author))
                s["comments"] = visible
                if "answered" in s:
                    if s["status"] != "under_review":
                        answers.append({"organisation_id": org.pk, "idea_id": s["id"],
                                        "status": "under_review",
                                        "text": ANSWERS["under_review"],
                                        "answered_by_id": s["answerer"],
                                        "answered_at": dbtime(s["first"])})
                    answers.append({"organisation_id": org.pk, "idea_id": s["id"],
                                    "status": s["status"], "text": ANSWERS[s["status"]],
                                    "duplicate_of_id": id_of.get(s.get("duplicate_of")),
                                    "answered_by_id": s["answerer"],
                                    "answered_at": dbtime(s["answered"])})
                for cid, value in s.get("ratings", {}).items():
                    ratings.append({"organisation_id": org.pk, "idea_id": s["id"],
                                    "criterion_id": cid, "rating": value,
                                    "rated_by_id": s["answerer"],
                                    "rated_at": dbtime(s["first"])})
                if rng.random() < 0.004:
                    reports.append({"organisation_id": org.pk, "idea_id": s["id"],
                                    "reporter_id": rng.choice(people),
                                    "reason": REPORT_REASON,
                                    "created_at": dbtime(s["created"])})
            _raw_insert(IdeaSupport, supports)
            _raw_insert(IdeaComment, comments)
            _raw_insert(IdeaAnswer, answers)
            _raw_insert(IdeaRating, ratings)
            _raw_insert(AbuseReport, reports)
            _copy_rows(IdeaFollower._meta.db_table,
                       ["organisation_id", "idea_id", "user_id", "created_at"],
                       ((org.pk, idea, user, dbtime(now)) for idea, user in sorted(followers)))
            # Replies: one in four top-level comments gets one.
            tops = list(IdeaComment.objects.filter(organisation=org)
                        .values_list("id", "idea_id", "created_at"))
            replies = [{"organisation_id": org.pk, "idea_id": idea, "parent_id": pk,
                        "author_id": rng.choice(people), "body": rng.choice(REPLIES),
                        "created_at": dbtime(min(now, at + dt.timedelta(hours=3))),
                        "updated_at": dbtime(min(now, at + dt.timedelta(hours=3)))}
                       for pk, idea, at in tops if rng.random() < 0.25]
            _raw_insert(IdeaComment, replies)
            extra = Counter(r["idea_id"] for r in replies)
            by_count: dict[tuple[int, int], list[int]] = {}
            for s in specs:
                key = (s["supports"], s["comments"] + extra[s["id"]])
                if key != (0, 0):
                    by_count.setdefault(key, []).append(s["id"])
            table = connection.ops.quote_name(Idea._meta.db_table)
            with connection.cursor() as cursor:
                for (n_support, n_comment), ids in by_count.items():
                    for start in range(0, len(ids), 500):
                        part = ids[start:start + 500]
                        cursor.execute(
                            f"UPDATE {table} SET support_count = %s, comment_count = %s "
                            f"WHERE id IN ({', '.join(['%s'] * len(part))})",
                            [n_support, n_comment, *part])

            # The similar-idea index, as index_idea would have written it.
            frequency: Counter = Counter()

            def gram_rows():
                for s in specs:
                    found = similarity.grams(similarity.indexed_text(s["title"],
                                                                      s["problem"]))
                    frequency.update(found)
                    for gram in sorted(found):
                        yield (org.pk, s["id"], gram)

            grams = _copy_rows(IdeaGram._meta.db_table, ["organisation_id", "idea_id", "gram"],
                               gram_rows())
            frequency[similarity.TOTAL] = len(specs)
            _copy_rows(IdeaGramCount._meta.db_table, ["organisation_id", "gram", "ideas"],
                       ((org.pk, g, n) for g, n in sorted(frequency.items())))

            seq, _ = Sequence.objects.get_or_create(organisation=org, name="IDE")
            Sequence.objects.filter(pk=seq.pk).update(last_value=max(seq.last_value, ideas))
        counts = Counter(s["status"] for s in specs)
    if analyze and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"slug": slug, "created": True, "ideas": ideas, "by_status": dict(counts),
            "hidden": sum(s["hidden"] for s in specs), "supports": len(supports),
            "comments": len(comments) + len(replies), "answers": len(answers),
            "ratings": len(ratings), "followers": len(followers), "reports": len(reports),
            "grams": grams, "distinct_grams": len(frequency) - 1,
            "seconds": round(time.perf_counter() - started, 1)}


def main_ideas(argv: list[str]) -> int:
    from generate import _setup_django

    parser = argparse.ArgumentParser(
        prog="generate_ideas.py",
        description="Add ideas from staff to an organisation made by generate.py.")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--ideas", type=int, default=IDEAS)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-analyze", action="store_true")
    args = parser.parse_args(argv)
    if args.ideas < 1:
        parser.error("--ideas must be >= 1")
    _setup_django()
    result = generate_ideas(slug=args.slug, ideas=args.ideas, seed=args.seed,
                            analyze=not args.no_analyze)
    if args.json:
        print(json.dumps(result))
    elif result["created"]:
        print(f"{args.slug}: {result['ideas']:,} ideas ({result['by_status']}, "
              f"{result['hidden']} hidden), {result['supports']:,} supports, "
              f"{result['comments']:,} comments, {result['answers']:,} answers, "
              f"{result['ratings']:,} ratings, {result['followers']:,} followers, "
              f"{result['grams']:,} index rows ({result['distinct_grams']:,} trigrams) in "
              f"{result['seconds']} s")
    else:
        print(f"{args.slug} has {result['ideas']:,} ideas already; nothing changed")
    return 0


if __name__ == "__main__":
    sys.exit(main_ideas(sys.argv[1:]))
