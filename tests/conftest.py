"""The standing test world: two organisations (Fjordby and Åsdal) with a person in every
role, plus an outsider. Built once per run; every test runs in a rolled-back transaction.

The environment (and, with GEVINST_TEST_DB=postgres, the PostgreSQL cluster) is set up by
tests/testenv.py, loaded as a plugin before Django reads its settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

ROLES = ["admin", "pmo", "contributor", "viewer", "employee"]
PASSWORD = "correct-horse-battery-staple"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Primary keys and names of the standing world (objects are re-read per test)."""

    fjordby_id: int
    asdal_id: int


def build_world():
    from gevinst.core.models import Role, User
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import (
        do_add_member,
        do_create_organisation,
        do_create_unit,
        do_invite,
    )
    from gevinst.portfolio.models import Phase
    from gevinst.portfolio.services.initiatives import do_create_initiative

    orgs = {}
    for slug, name, n in (("fjordby", "Fjordby kommune", 2), ("asdal", "Åsdal kommune", 3)):
        org = do_create_organisation(actor=None, name=name, slug=slug)
        orgs[slug] = org
        with tenant_scope(org):
            top = do_create_unit(actor=None, organisation=org, name=f"{name} sentral")
            unit = do_create_unit(actor=None, organisation=org, name="Helse og velferd",
                                  parent=top)
            people = {}
            for role in ROLES:
                user = User.objects.create_user(email=f"{role}@{slug}.test", password=PASSWORD,
                                                full_name=f"{role.title()} {name.split()[0]}")
                do_add_member(actor=None, organisation=org, user=user, role=Role(role),
                              unit=unit)
                people[role] = user
            # Programme PRG-0001 holds INI-0001 from its creation (so its version stays 1).
            from gevinst.portfolio.services.programmes import do_create_programme

            programme = do_create_programme(actor=people["pmo"], organisation=org,
                                            name="Digital velferd", owner=people["pmo"])
            execution = Phase.objects.get(organisation=org, key="execution")
            for i in range(n):
                do_create_initiative(
                    actor=people["pmo"], organisation=org, title=f"{name} initiativ {i + 1}",
                    problem="Manuelle rutiner tar tid.", owning_unit=unit,
                    owner=people["contributor"], manager=people["contributor"],
                    phase=execution, start_date=dt.date(2026, 1, 1),
                    end_date=dt.date(2026, 12, 31), programme=programme if i == 0 else None,
                )
            # Gates: the first initiative was approved into execution before it was
            # registered (checklists come with the phases and the initiatives).
            from gevinst.portfolio.models import Initiative
            from gevinst.portfolio.services.gates import do_record_earlier_decision

            first = Initiative.objects.get(organisation=org, number=1)
            do_record_earlier_decision(
                actor=people["pmo"], initiative=first,
                from_phase=Phase.objects.get(organisation=org, key="planning"),
                decision="approve", decided_on=dt.date(2025, 12, 15),
                decided_by="Rådmannens ledergruppe", rationale="Planen er godkjent.")
            # Status reports: INI-0001 published September 2026 (all green); a draft for
            # October 2026 is on its way.
            from gevinst.portfolio.models import Initiative as _Initiative
            from gevinst.portfolio.services.reports import do_create_report, do_publish_report

            reporting = _Initiative.objects.get(organisation=org, number=1)
            september = do_create_report(
                actor=people["contributor"], initiative=reporting,
                period_start=dt.date(2026, 9, 1),
                data={"summary": "Leveransen går etter planen.", "budget": 1_200_000,
                      "actual": 400_000, "forecast": 1_150_000,
                      **{f: "green" for f in ("overall", "schedule", "cost", "scope", "risk",
                                              "benefits", "resources")}})
            do_publish_report(actor=people["contributor"], report=september,
                              expected_version=september.version)
            do_create_report(actor=people["contributor"], initiative=reporting,
                             period_start=dt.date(2026, 10, 1))
            # A shared saved view of the portfolio overview.
            from gevinst.portfolio.services.overview import do_save_view

            do_save_view(actor=people["pmo"], organisation=org, name="Pågående",
                         query="status=active&cols=reference&cols=title&cols=rag",
                         shared=True)
            # Registers: INI-0001 is in programme PRG-0001 with money for 2026 and two log
            # entries; INI-0002 needs INI-0001 by the end of January 2027 (on track).
            from gevinst.portfolio.services.dependencies import do_add_dependency
            from gevinst.portfolio.services.logs import do_create_log_entry
            from gevinst.portfolio.services.money import do_add_money_year

            registers = _Initiative.objects.get(organisation=org, number=1)
            if slug == "asdal":
                # Åsdal's PRG-0002 does not exist in Fjordby (the tenancy sweep uses it).
                do_create_programme(actor=people["pmo"], organisation=org, name="Smart bygd")
            do_add_money_year(actor=people["contributor"], initiative=registers, year=2026,
                              kind="budget", investment=1_000_000, internal_hours=400,
                              external_purchases=200_000)
            do_add_money_year(actor=people["contributor"], initiative=registers, year=2026,
                              kind="actual", investment=400_000, internal_hours=150,
                              external_purchases=50_000)
            do_create_log_entry(actor=people["contributor"], initiative=registers,
                                kind="decision", title="Valgte skyløsning",
                                occurred_on=dt.date(2026, 2, 1))
            do_create_log_entry(actor=people["contributor"], initiative=registers,
                                kind="lesson", title="Involver tillitsvalgte tidlig",
                                description="Vi sparte tid da de var med fra starten.",
                                occurred_on=dt.date(2026, 6, 1))
            do_add_dependency(actor=people["contributor"],
                              initiative=_Initiative.objects.get(organisation=org, number=2),
                              depends_on=registers, needed_by=dt.date(2027, 1, 31),
                              description="Felles innloggingsløsning")
            do_invite(actor=people["admin"], organisation=org, email=f"new@{slug}.test",
                      role=Role.VIEWER)
            # An uploaded import (the template of initiatives), waiting for its mapping.
            from gevinst.portfolio.imports.template import template_bytes
            from gevinst.portfolio.services.imports import do_upload_import

            do_upload_import(actor=people["pmo"], organisation=org, kind="initiatives",
                             data=template_bytes("initiatives", org), file_name="mal.xlsx")
            _world_benefits(org, people, slug)
            _world_objectives_and_risks(org, people, slug)
            _world_ideas(org, people, slug)
            _world_maturity(org, people, slug)
    User.objects.create_user(email="outsider@elsewhere.test", password=PASSWORD,
                             full_name="Outsider")
    return World(fjordby_id=orgs["fjordby"].pk, asdal_id=orgs["asdal"].pk)


def _world_benefits(org, people, slug):
    """Benefits: objective OBJ-0001; BEN-0001 shared by INI-0001 (60 %) and INI-0002 (40 %),
    owned by the viewer (a line manager), approved, with a quarterly measure (baseline 100
    hours at 2026-01-01, target 400 at 2026-12-31, plan 175/250/325/400 for 2026 Q1–Q4), a
    value profile (2026 50 %, 2027 100 %) and one measurement (Q1 2026: 190). Åsdal also has
    BEN-0002 (identified, no links), which Fjordby lacks (the tenancy sweep uses it)."""
    from decimal import Decimal

    from gevinst.benefits.services.benefits import (
        do_change_benefit_status,
        do_create_benefit,
        do_link_initiative,
        do_set_value_profile,
    )
    from gevinst.benefits.services.measures import (
        do_create_measure,
        do_record_measurement,
        do_set_plan,
    )
    from gevinst.objectives.services import do_create_objective
    from gevinst.portfolio.models import Initiative

    objective = do_create_objective(actor=people["pmo"], organisation=org,
                                    title="Mer tid til kjerneoppgaver")
    first = Initiative.objects.get(organisation=org, number=1)
    second = Initiative.objects.get(organisation=org, number=2)
    benefit = do_create_benefit(
        actor=people["contributor"], organisation=org, title="Spart tid i saksbehandling",
        category="capacity_freed", cashability="non_cash", owner=people["viewer"],
        owner_unit=first.owning_unit, valuation_method="time_saved",
        minutes_per_case=Decimal("12"), cases_per_year=Decimal("5000"),
        enabling_changes="Digital søknad\nNye rutiner i tildelingen",
        objectives=[objective], initiative=first, attribution=60)
    do_link_initiative(actor=people["contributor"], benefit=benefit, initiative=second,
                       attribution=40)
    measure = do_create_measure(
        actor=people["contributor"], benefit=benefit, name="Spart tid", unit="timer",
        direction="increase", frequency="quarterly", baseline_value=Decimal("100"),
        baseline_date=dt.date(2026, 1, 1), target_value=Decimal("400"),
        target_date=dt.date(2026, 12, 31))
    do_set_plan(actor=people["contributor"], measure=measure, values={
        dt.date(2026, 1, 1): 175, dt.date(2026, 4, 1): 250, dt.date(2026, 7, 1): 325,
        dt.date(2026, 10, 1): 400})
    do_set_value_profile(actor=people["contributor"], benefit=benefit,
                         shares={2026: 50, 2027: 100})
    benefit.refresh_from_db()
    do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="profiled")
    do_change_benefit_status(actor=people["pmo"], benefit=benefit, status="approved")
    do_record_measurement(actor=people["contributor"], measure=measure,
                          period=dt.date(2026, 1, 1), data={"actual": 190})
    if slug == "asdal":
        do_create_benefit(actor=people["contributor"], organisation=org,
                          title="Færre papirbrev")


def _world_objectives_and_risks(org, people, slug):
    """Objectives and risks (made with the ORM: this world is the contract of the tests).

    OBJ-0001 (from _world_benefits) gets KPI-0001 "Andel digitale søknader" (%, higher is
    better, baseline 20 at 2026-01-01, target 80 at 2027-12-31, one measurement 35 at
    2026-06-30) and INI-0001 links to it. RSK-0001 (risk, INI-0001, supplier, 4×4 = 16 before
    and 3×3 = 9 after action, reduce, owner: the contributor, review due 2026-10-01) has one
    planned action due 2026-11-01 owned by the contributor. RSK-0002 (risk, organisation
    level, people, 4×5 = 20, residual not assessed, owner: the PMO, review due 2027-03-01) is
    above the default appetite (12) and not accepted. Åsdal also has OBJ-0002 with KPI-0002
    and RSK-0003 (an opportunity), which Fjordby lacks (the tenancy sweep uses them)."""
    from decimal import Decimal

    from gevinst.core.services import next_reference
    from gevinst.objectives.models import Kpi, KpiMeasurement, Objective
    from gevinst.portfolio.models import Initiative
    from gevinst.risks.models import Risk, RiskAction

    def kpi(objective, name):
        number, reference = next_reference(org, "KPI")
        return Kpi.objects.create(
            organisation=org, objective=objective, number=number, reference=reference,
            name=name, unit="%", direction="increase", baseline_value=Decimal("20"),
            baseline_date=dt.date(2026, 1, 1), target_value=Decimal("80"),
            target_date=dt.date(2027, 12, 31))

    def risk(**fields):
        number, reference = next_reference(org, "RSK")
        return Risk.objects.create(organisation=org, number=number, reference=reference,
                                   **fields)

    objective = Objective.objects.get(organisation=org, number=1)
    first = Initiative.objects.get(organisation=org, number=1)
    first.objectives.add(objective)
    share = kpi(objective, "Andel digitale søknader")
    KpiMeasurement.objects.create(organisation=org, kpi=share, measured_on=dt.date(2026, 6, 30),
                                  value=Decimal("35"), recorded_by=people["pmo"])
    supplier = risk(
        kind="risk", title="Innlåsing hos leverandør", cause="Én leverandør eier dataformatet.",
        effect="Dyrt å bytte system.", category="supplier", proximity="near",
        level="initiative", initiative=first, programme=first.programme,
        owner=people["contributor"], probability=4, impact=4, residual_probability=3,
        residual_impact=3, score=16, residual_score=9, strategy="reduce",
        next_review=dt.date(2026, 10, 1))
    RiskAction.objects.create(organisation=org, risk=supplier,
                              description="Forhandle exit-klausul og dataeksport",
                              owner=people["contributor"], due_date=dt.date(2026, 11, 1))
    risk(kind="risk", title="Lav digital kompetanse i hjemmetjenesten", category="people",
         proximity="imminent", level="organisation", owner=people["pmo"], probability=4,
         impact=5, score=20, residual_score=20, above_appetite=True, strategy="reduce",
         next_review=dt.date(2027, 3, 1))
    if slug == "asdal":
        from gevinst.objectives.services import do_create_objective

        extra = do_create_objective(actor=people["pmo"], organisation=org,
                                    title="Bærekraftig tjenestetilbud")
        kpi(extra, "Brukertilfredshet")
        risk(kind="opportunity", title="Felles innkjøp med nabokommunen", category="financial",
             level="organisation", owner=people["pmo"], probability=3, impact=3, score=9,
             residual_score=9, strategy="exploit")


def _world_ideas(org, people, slug):
    """Ideas (made with the ORM: this world is the contract of the tests).

    IDE-0001 "Digital timebestilling på helsestasjonen" by the employee (unit Helse og
    velferd, affecting it), under review, the contributor assigned as reviewer, supported by
    the viewer (support_count 1), followed by the employee and the viewer; a comment by the
    viewer with a reply by the employee (comment_count 2); rated by the PMO on the first two
    default criteria only (so not yet scored); an open abuse report by the contributor on the
    viewer's comment; one attachment (notat.txt, text/plain). Åsdal also has IDE-0002 by its
    contributor (submitted), which Fjordby lacks (the tenancy sweep uses it)."""
    from django.core.files.base import ContentFile

    from gevinst.core.models import Unit
    from gevinst.core.services import next_reference
    from gevinst.ideas import similarity
    from gevinst.ideas.models import (
        AbuseReport,
        Idea,
        IdeaAttachment,
        IdeaComment,
        IdeaFollower,
        IdeaRating,
        IdeaSupport,
        ScoringCriterion,
    )

    unit = Unit.objects.get(organisation=org, name="Helse og velferd")

    def idea(author, **fields):
        number, reference = next_reference(org, "IDE")
        made = Idea.objects.create(organisation=org, number=number, reference=reference,
                                   author=author, unit=unit, **fields)
        IdeaFollower.objects.create(organisation=org, idea=made, user=author)
        similarity.index_idea(made)
        return made

    first = idea(people["employee"], title="Digital timebestilling på helsestasjonen",
                 problem="Foreldre må ringe i telefontiden for å bestille time, og "
                         "telefonkøen er lang.",
                 proposal="La foreldre bestille og flytte timer selv på nett.",
                 expected_benefit="Kortere telefonkø og færre uteblitte timer.",
                 status="under_review", support_count=1, comment_count=2)
    first.units.add(unit)
    first.reviewers.add(people["contributor"])
    IdeaSupport.objects.create(organisation=org, idea=first, user=people["viewer"])
    IdeaFollower.objects.create(organisation=org, idea=first, user=people["viewer"])
    comment = IdeaComment.objects.create(organisation=org, idea=first, author=people["viewer"],
                                         body="Dette ville spart oss mye tid.")
    IdeaComment.objects.create(organisation=org, idea=first, author=people["employee"],
                               parent=comment, body="Takk! Vi har tall fra i fjor.")
    for criterion in ScoringCriterion.objects.filter(organisation=org).order_by("order")[:2]:
        IdeaRating.objects.create(organisation=org, idea=first, criterion=criterion, rating=4,
                                  rated_by=people["pmo"])
    AbuseReport.objects.create(organisation=org, idea=first, comment=comment,
                               reporter=people["contributor"], reason="Test av rapportering.")
    attachment = IdeaAttachment(organisation=org, idea=first, name="notat.txt",
                                content_type="text/plain", size=12,
                                uploaded_by=people["employee"])
    attachment.file.save("notat.txt", ContentFile(b"Notat om ide"), save=True)
    if slug == "asdal":
        idea(people["contributor"], title="Felles innkjøp av velferdsteknologi",
             problem="Hver kommune kjøper alene og betaler mer.")


def _world_maturity(org, people, slug):
    """A closed maturity assessment MAT-0001 "Digital modenhet 2026" (anonymous, unit Helse
    og velferd: its five members answered, the employee with the lowest answers), with its
    recommendations. Åsdal also has a draft MAT-0002, which Fjordby lacks (the tenancy
    sweep uses it). Made through the services: the world is what users make."""
    from django.utils import timezone

    from gevinst.core.models import Unit
    from gevinst.maturity.services import campaigns, responses
    from gevinst.maturity.services.versions import install_default_model

    install_default_model()  # a flushed database (browser tests) has lost the migration's
    admin = people["admin"]
    unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    today = timezone.localdate()
    campaign = campaigns.do_create_campaign(
        actor=admin, organisation=org, units=[unit], title="Digital modenhet 2026",
        opens_on=today, closes_on=today + dt.timedelta(days=30))
    campaigns.do_open_campaign(actor=admin, campaign=campaign, expected_version=1)
    content = campaign.model_version.content
    for n, invitation in enumerate(campaign.invitations.order_by("email")):
        responses.do_save_answers(invitation=invitation, token=invitation.token, send=True,
                                  answers=world_answers(content, n))
    campaigns.do_close_campaign(actor=admin, campaign=campaign, expected_version=2)
    if slug == "asdal":
        campaigns.do_create_campaign(
            actor=admin, organisation=org, units=[unit], title="Modenhet 2027",
            opens_on=today, closes_on=today + dt.timedelta(days=30))


def world_answers(content: dict, n: int) -> dict:
    """Answers to every question of ``content``, a little higher for a higher ``n``."""
    answers = {}
    scale = [s["key"] for s in content["practice_scale"]]
    for d_index, dimension in enumerate(content["dimensions"]):
        for question in dimension["questions"]:
            step = (n + d_index) % 4
            if question["type"] == "level":
                answers[question["key"]] = min(step, len(question["options"]) - 1)
            elif question["type"] == "checklist":
                answers[question["key"]] = list(range(min(step, len(question["options"]))))
            else:
                answers[question["key"]] = scale[min(step, len(scale) - 1)]
    return answers


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.core import mail
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        build_world()
        mail.outbox = []


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Static files straight from the source tree (no collectstatic manifest in tests).
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # Each test starts in the default language: a request through the test client leaves
    # the language of its page active (LocaleMiddleware), which a later test would inherit.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def org(db):
    """Fjordby kommune."""
    from gevinst.core.models import Organisation

    return Organisation.objects.get(slug="fjordby")


@pytest.fixture
def other_org(db):
    """Åsdal kommune."""
    from gevinst.core.models import Organisation

    return Organisation.objects.get(slug="asdal")


def person(role: str, slug: str = "fjordby"):
    from gevinst.core.models import User

    email = "outsider@elsewhere.test" if role == "outsider" else f"{role}@{slug}.test"
    return User.objects.get(email=email)


@pytest.fixture
def people(db):
    """Personas of Fjordby by role, plus 'outsider'."""
    return {role: person(role) for role in [*ROLES, "outsider"]}


@pytest.fixture
def client_as(client, db):
    """client_as('viewer') / client_as('admin', 'asdal'): a logged-in test client."""

    def login(role: str, slug: str = "fjordby"):
        client.force_login(person(role, slug))
        return client

    return login


@pytest.fixture
def scoped(org):
    """Run the test inside Fjordby's tenant scope (for direct service calls)."""
    from gevinst.core.scoping import tenant_scope

    with tenant_scope(org):
        yield org


def api_token(role: str, slug: str = "fjordby") -> str:
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import do_create_api_token

    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        return do_create_api_token(user=person(role, slug), organisation=org, name="test")


@pytest.fixture
def api(client, db):
    """api('contributor') → a function (method, path, json=None, **headers) → response."""
    import json as jsonlib

    def make(role: str, slug: str = "fjordby"):
        token = api_token(role, slug)

        def call(method: str, path: str, json=None, **headers):
            kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
            kwargs.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
            if json is not None:
                kwargs["data"] = jsonlib.dumps(json)
                kwargs["content_type"] = "application/json"
            return getattr(client, method.lower())(path, **kwargs)

        return call

    return make
