"""A risk register for a benchmark organisation (``generate.py risks``).

    python bench/generate.py risks --slug bench5000 [--risks 20000] [--actions 30000]

Adds to an organisation made by ``generate.py``: the risk appetite per category (the same
thresholds as the demo's Fjordby), ``--risks`` risks and opportunities at initiative,
programme and organisation level (some initiative risks escalated), every category, scores
before and after action, some above appetite and some of those accepted with a decision,
some closed, review dates spread around today (some passed), and ``--actions`` actions
(owners, due dates, statuses; some overdue). Everything is bulk-inserted, with one history
row per risk; the derived fields (score, residual score, the appetite flag) are computed by
the app's own arithmetic (``gevinst.risks.calc``), as the services keep them. The "RSK"
sequence is moved on, so the next risk registered in the app gets number N + 1.

Idempotent: an organisation that has risks already is left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time

# The filtered variant of the risk overview (a leader's question: what is out of bounds?).
RISKS_QUERY = "appetite=above"
# The demo's appetite (demo/risks.py): strict on security and law, lenient on money.
APPETITE = {"strategic": 12, "financial": 15, "delivery": 15, "technology": 12,
            "security": 8, "legal": 8, "supplier": 12, "people": 12, "change": 12,
            "reputation": 10}
CATEGORY_WEIGHTS = {"strategic": 6, "financial": 12, "delivery": 20, "technology": 16,
                    "security": 10, "legal": 6, "supplier": 10, "people": 10, "change": 7,
                    "reputation": 3}
RISK_EVENTS = [
    "Leverandøren leverer for sent", "Integrasjonen med fagsystemet virker ikke",
    "Ansatte tar ikke i bruk den nye løsningen", "Budsjettet blir kuttet",
    "Nøkkelperson slutter", "Personvernkonsekvensvurderingen er ikke ferdig",
    "Anskaffelsen blir påklaget", "Gammelt system når end-of-life",
    "Tillitsvalgte motsetter seg ny arbeidsform", "Lisenskostnadene blir høyere enn antatt",
    "Datakvaliteten er for dårlig for migrering", "Innlåsing hos leverandør",
    "Falske alarmer om natten", "Lav digital kompetanse", "Endringstretthet",
    "Uklar hjemmel for automatiserte vedtak", "Sikkerhetshull i skytjenesten",
    "Nasjonal komponent endres", "Mangel på fagfolk", "Innbyggerne stoler ikke på løsningen",
]
OPPORTUNITY_EVENTS = [
    "Felles anskaffelse med nabokommunene", "Nasjonal medfinansiering (Digifin)",
    "Gjenbruk av nasjonal komponent", "Enova-støtte til energitiltak",
    "Leverandøren tilbyr ny funksjon uten ekstra kostnad", "Samarbeid med universitetet",
]
PLACES = ["hjemmetjenesten", "byggesak", "barnehageopptaket", "sykehjemmene", "regnskap",
          "lønn", "arkivet", "vann og avløp", "helsestasjonen", "skolene", "innkjøp",
          "servicetorget", "NAV-kontoret", "eiendom", "IT-drift"]
CAUSES = [
    "Avhengighet av én leverandør med få ressurser.", "Kort tid mellom vedtak og oppstart.",
    "Mange endringer samtidig i de samme enhetene.", "Uklare krav i konkurransegrunnlaget.",
    "Kompetansen finnes hos få personer.", "Gamle data er registrert på ulike måter.",
    "Nasjonale føringer er ikke avklart.", "Stramme budsjetter i økonomiplanen.",
]
EFFECTS = [
    "Forsinket innføring og senere gevinstuttak.", "Høyere kostnader enn budsjettert.",
    "Brudd på personvernregelverket og mulig overtredelsesgebyr.",
    "Tap av tillit hos innbyggerne.", "Ansatte bruker mer tid, ikke mindre.",
    "Tjenesten må driftes i to systemer samtidig.",
]
ACTIONS = [
    "Avklare krav med leverandøren", "Lage opplæringsplan for superbrukere",
    "Gjennomføre personvernkonsekvensvurdering", "Drøfte endringene med tillitsvalgte",
    "Forhandle exit-klausul og dataeksport", "Dokumentere rutinene", "Lære opp en stedfortreder",
    "Teste integrasjonen i testmiljø", "Søke om nasjonal medfinansiering",
    "Legge fram saken for styringsgruppen", "Kartlegge datakvaliteten",
]
DECISIONS = [
    "Akseptert av rådmannens ledergruppe: gevinsten er større enn risikoen, og tiltakene "
    "som gjenstår er for kostbare i år.",
    "Akseptert ut året; ny vurdering når leverandøren har levert neste versjon.",
]
ESCALATIONS = [
    "Berører flere prosjekter i programmet og må løses på tvers.",
    "Krever beslutning om budsjett som prosjektet ikke har fullmakt til.",
    "Gjelder hele kommunen, ikke bare dette prosjektet.",
]


def _level(rng: random.Random) -> str:
    return rng.choices(["initiative", "programme", "organisation"], [75, 13, 12])[0]


def _one_to_five(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4, 5], [10, 22, 30, 24, 14])[0]


def _risk(rng: random.Random, org, number: int, ctx: dict, today: dt.date, now) -> dict:
    """One risk as model field values, plus what the actions need to know."""
    from gevinst.risks import calc
    from gevinst.risks.models import Risk

    kind = "opportunity" if rng.random() < 0.12 else "risk"
    category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    p, i = _one_to_five(rng), _one_to_five(rng)
    rp = ri = None
    if rng.random() < 0.75:  # the residual is assessed
        if kind == "risk":
            rp, ri = max(1, p - rng.randint(0, 2)), max(1, i - rng.randint(0, 1))
        else:
            rp, ri = min(5, p + rng.randint(0, 2)), min(5, i + rng.randint(0, 1))
    level = _level(rng)
    initiative = programme = None
    escalated_on, reason = None, ""
    if level == "initiative":
        initiative = rng.choice(ctx["initiatives"])
        programme = ctx["programme_of"].get(initiative.pk)
        if rng.random() < 0.05:  # escalated: keeps its initiative, shows a level up
            level = "programme" if programme is not None and rng.random() < 0.6 \
                else "organisation"
            escalated_on = today - dt.timedelta(days=rng.randint(1, 300))
            reason = rng.choice(ESCALATIONS)
    elif level == "programme":
        programme = rng.choice(ctx["programmes"])
    score = calc.score(p, i)
    residual = calc.current_score(rp, ri, score)
    above = calc.is_above_appetite(kind, residual, calc.threshold_for(category, APPETITE))
    status = rng.choices(["open", "closed", "occurred"], [82, 14, 4])[0]
    strategies = (Risk.RISK_STRATEGIES if kind == "risk" else Risk.OPPORTUNITY_STRATEGIES)
    strategy = rng.choice([s for s in strategies if s != "accept"])
    accepted = above and rng.random() < 0.35
    title = (rng.choice(RISK_EVENTS if kind == "risk" else OPPORTUNITY_EVENTS)
             + f" i {rng.choice(PLACES)}")
    fields = dict(
        organisation=org, number=number, reference=f"RSK-{number:04d}", kind=kind,
        title=title, description="", cause=rng.choice(CAUSES), effect=rng.choice(EFFECTS),
        category=category, proximity=rng.choice(["imminent", "near", "near", "later"]),
        level=level, initiative=initiative, programme=programme,
        owner=rng.choice(ctx["owners"]), status=status, probability=p, impact=i,
        residual_probability=rp, residual_impact=ri,
        strategy="accept" if accepted else strategy,
        next_review=(today + dt.timedelta(days=rng.randint(-90, 365))
                     if status == "open" else None),
        last_reviewed_on=today - dt.timedelta(days=rng.randint(10, 400)),
        score=score, residual_score=residual, above_appetite=above,
        escalated_on=escalated_on, escalation_reason=reason,
        closed_on=(today - dt.timedelta(days=rng.randint(1, 500))
                   if status != "open" else None),
    )
    if accepted:
        fields.update(accepted_by=rng.choice(ctx["deciders"]),
                      accepted_at=now - dt.timedelta(days=rng.randint(1, 365)),
                      acceptance_decision=rng.choice(DECISIONS), accepted_score=residual)
    return fields


def _action(rng: random.Random, org, risk, ctx: dict, today: dt.date) -> dict:
    due = today + dt.timedelta(days=rng.randint(-240, 300))
    if risk.status != "open":
        status = rng.choices(["done", "cancelled"], [85, 15])[0]
    elif due < today:  # some of these are the overdue ones
        status = rng.choices(["done", "in_progress", "planned", "cancelled"], [60, 15, 15, 10])[0]
    else:
        status = rng.choices(["planned", "in_progress", "done"], [55, 40, 5])[0]
    completed = (min(due, today) - dt.timedelta(days=rng.randint(0, 30))
                 if status == "done" else None)
    return dict(organisation=org, risk=risk, description=rng.choice(ACTIONS),
                owner=rng.choice(ctx["owners"]), due_date=due, status=status,
                completed_on=completed)


def generate_risks(*, slug: str, risks: int, actions: int, seed: int | None = None,
                   analyze: bool = True) -> dict:
    """Bulk-insert a risk register into the organisation ``slug`` (see the module)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gevinst.core.models import Membership, Organisation, Role, Sequence
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models import Initiative, Programme
    from gevinst.risks.models import Risk, RiskAction, RiskAppetite

    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        existing = Risk.objects.filter(organisation=org).count()
        if existing:
            return {"slug": slug, "created": False, "risks": existing,
                    "actions": RiskAction.objects.filter(organisation=org).count()}
        rng = random.Random(seed if seed is not None else f"{slug}:risks:{risks}")
        started = time.perf_counter()
        today, now = timezone.localdate(), timezone.now()
        members = list(Membership.objects.filter(organisation=org).select_related("user"))
        owners = [m.user for m in members if m.role != Role.EMPLOYEE] or [m.user
                                                                         for m in members]
        deciders = [m.user for m in members if m.role in (Role.ADMIN, Role.PMO)] or owners
        initiatives = list(Initiative.objects.filter(organisation=org)
                           .only("id", "organisation_id", "programme_id"))
        programmes = list(Programme.objects.filter(organisation=org))
        by_id = {p.pk: p for p in programmes}
        ctx = {"owners": owners, "deciders": deciders, "initiatives": initiatives,
               "programmes": programmes,
               "programme_of": {i.pk: by_id.get(i.programme_id) for i in initiatives}}
        if not initiatives or not programmes:
            raise RuntimeError(f"{slug} needs initiatives and programmes (generate.py)")
        with transaction.atomic():
            RiskAppetite.objects.bulk_create([
                RiskAppetite(organisation=org, category=c, threshold=t)
                for c, t in APPETITE.items()])
            objs = [Risk(**_risk(rng, org, n, ctx, today, now)) for n in range(1, risks + 1)]
            created = Risk.objects.bulk_create(objs, batch_size=1000)
            if not all(r.pk for r in created):
                raise RuntimeError("the database did not return the new risks' ids")
            Risk.history.bulk_history_create(created, batch_size=1000,
                                             default_user=deciders[0],
                                             default_change_reason="benchmark")
            weights = [3 if r.status == "open" else 1 for r in created]
            picks = rng.choices(created, weights, k=actions)
            RiskAction.objects.bulk_create(
                [RiskAction(**_action(rng, org, risk, ctx, today)) for risk in picks],
                batch_size=2000)
            seq, _ = Sequence.objects.get_or_create(organisation=org, name="RSK")
            Sequence.objects.filter(pk=seq.pk).update(last_value=max(seq.last_value, risks))
        counts = {
            "above_appetite": sum(1 for r in created if r.above_appetite),
            "accepted": sum(1 for r in created if r.accepted_at is not None),
            "open": sum(1 for r in created if r.status == "open"),
            "review_passed": sum(1 for r in created
                                 if r.next_review is not None and r.next_review < today),
            "escalated": sum(1 for r in created if r.escalated_on is not None),
            "opportunities": sum(1 for r in created if r.kind == "opportunity"),
        }
    if analyze and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"slug": slug, "created": True, "risks": risks, "actions": actions, **counts,
            "seconds": round(time.perf_counter() - started, 1)}


def main_risks(argv: list[str]) -> int:
    from generate import _setup_django

    parser = argparse.ArgumentParser(
        prog="generate.py risks",
        description="Add a risk register to an organisation made by generate.py.")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--risks", type=int, default=20000)
    parser.add_argument("--actions", type=int, default=30000)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-analyze", action="store_true")
    args = parser.parse_args(argv)
    if args.risks < 1 or args.actions < 0:
        parser.error("--risks must be >= 1 and --actions >= 0")
    _setup_django()
    result = generate_risks(slug=args.slug, risks=args.risks, actions=args.actions,
                            seed=args.seed, analyze=not args.no_analyze)
    if args.json:
        print(json.dumps(result))
    elif result["created"]:
        print(f"{args.slug}: {result['risks']} risks ({result['opportunities']} "
              f"opportunities, {result['above_appetite']} above appetite, "
              f"{result['accepted']} accepted, {result['escalated']} escalated, "
              f"{result['review_passed']} with the review date passed) and "
              f"{result['actions']} actions in {result['seconds']} s")
    else:
        print(f"{args.slug} has {result['risks']} risks already; nothing changed")
    return 0
