"""Processing ideas (ideas/services/processing.py): official answers with their status
rules, emails to the author and followers (not the answerer) in the organisation's language,
reviewers, and acceptance into the portfolio."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gevinst.core.models import Unit
from gevinst.core.versioning import EditConflict
from gevinst.ideas.models import Idea, IdeaAnswer, IdeaRating, ScoringCriterion
from gevinst.ideas.services.ideas import do_submit_idea
from gevinst.ideas.services.processing import (
    do_accept_idea,
    do_answer_idea,
    do_assign_reviewers,
)
from gevinst.portfolio.models import Initiative, Phase

pytestmark = pytest.mark.usefixtures("scoped")
BASE = "https://gevinst.example.no"


def _idea(org):
    return Idea.objects.get(organisation=org, reference="IDE-0001")


def _answer(people, idea, status, answer="Vi ser på saken.", **kwargs):
    kwargs.setdefault("expected_version", idea.version)
    return do_answer_idea(actor=people["pmo"], idea=idea, status=status, answer=answer,
                          base_url=BASE, **kwargs)


def _other(org, people):
    return do_submit_idea(actor=people["viewer"], organisation=org, title="Lignende idé",
                          problem="Timebestilling på nett.")


def test_an_answer_sets_status_and_is_kept(org, people):
    idea = _idea(org)
    answer = _answer(people, idea, "parked", "Vi venter på ny plattform.")
    idea = _idea(org)
    assert idea.status == "parked" and idea.answer == "Vi venter på ny plattform."
    assert idea.answered_by == people["pmo"] and idea.first_answered_at == idea.answered_at
    assert idea.version == 2
    assert (answer.status, answer.text, answer.answered_by) == (
        "parked", "Vi venter på ny plattform.", people["pmo"])
    first = idea.first_answered_at
    _answer(people, idea, "under_review")
    idea = _idea(org)
    assert idea.first_answered_at == first and idea.answered_at > first
    assert IdeaAnswer.objects.filter(idea=idea).count() == 2


def test_the_author_and_followers_are_emailed_but_not_the_answerer(
        org, people, django_capture_on_commit_callbacks):
    idea = _idea(org)
    from gevinst.ideas.services.engagement import do_follow

    do_follow(actor=people["pmo"], idea=idea)  # the answerer follows too
    with django_capture_on_commit_callbacks(execute=True):
        _answer(people, idea, "rejected", "Dekkes av nasjonal løsning.")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["employee"].email, people["viewer"].email])
    assert all(len(m.to) == 1 for m in mail.outbox)
    message = mail.outbox[0]
    assert "Dekkes av nasjonal løsning." in message.body
    assert f"{BASE}/o/fjordby/ideas/IDE-0001/" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and f'href="{BASE}/o/fjordby/ideas/IDE-0001/"' in html
    assert "IDE-0001" in message.subject


def test_emails_are_sent_only_when_the_answer_commits(org, people,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _answer(people, _idea(org), "parked")
    assert mail.outbox == [] and len(callbacks) == 2


def test_an_unfollower_gets_no_email(org, people, django_capture_on_commit_callbacks):
    from gevinst.ideas.services.engagement import do_unfollow

    do_unfollow(actor=people["viewer"], idea=_idea(org))
    with django_capture_on_commit_callbacks(execute=True):
        _answer(people, _idea(org), "parked")
    assert [m.to for m in mail.outbox] == [[people["employee"].email]]


def test_emails_are_in_the_organisations_language(org, people,
                                                  django_capture_on_commit_callbacks):
    assert org.country == "NO"
    with django_capture_on_commit_callbacks(execute=True):
        _answer(people, _idea(org), "parked")
    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "nb"
    assert message.body.startswith("Hei, ")  # "Hello …," in Bokmål
    assert '<html lang="nb">' in message.alternatives[0][0]


def test_emails_of_another_country_use_the_site_language(org, people,
                                                         django_capture_on_commit_callbacks):
    org.country = "XX"
    org.save()
    with django_capture_on_commit_callbacks(execute=True):
        _answer(people, _idea(org), "parked")
    assert mail.outbox[0].extra_headers["Content-Language"] == "en"
    assert mail.outbox[0].body.startswith("Hello ")


def test_an_answer_needs_text(org, people):
    with pytest.raises(ValidationError) as exc:
        _answer(people, _idea(org), "rejected", "   ")
    assert "answer" in exc.value.message_dict
    assert _idea(org).status == "under_review"


def test_accepted_is_refused_by_the_answer(org, people):
    with pytest.raises(ValidationError) as exc:
        _answer(people, _idea(org), "accepted")
    assert "status" in exc.value.message_dict


def test_done_only_follows_acceptance(org, people):
    with pytest.raises(ValidationError) as exc:
        _answer(people, _idea(org), "done")
    assert "status" in exc.value.message_dict


def test_an_unknown_status_is_refused(org, people):
    for status in ("submitted", "nonsense"):
        with pytest.raises(ValidationError):
            _answer(people, _idea(org), status)


def test_duplicate_needs_another_idea(org, people):
    idea = _idea(org)
    with pytest.raises(ValidationError) as exc:
        _answer(people, idea, "duplicate")
    assert "duplicate_of" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _answer(people, idea, "duplicate", duplicate_of=idea)
    assert "duplicate_of" in exc.value.message_dict
    original = _other(org, people)
    _answer(people, idea, "duplicate", duplicate_of=original)
    assert _idea(org).duplicate_of == original


def test_an_idea_cannot_duplicate_its_own_duplicate(org, people):
    other = _other(org, people)
    _answer(people, _idea(org), "duplicate", duplicate_of=other)
    with pytest.raises(ValidationError) as exc:
        _answer(people, other, "duplicate", duplicate_of=_idea(org))
    assert "duplicate_of" in exc.value.message_dict


def test_a_duplicate_of_another_organisations_idea_is_refused(org, other_org, people):
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = Idea.objects.get(organisation=other_org, reference="IDE-0002")
    with pytest.raises(ValidationError) as exc:
        _answer(people, _idea(org), "duplicate", duplicate_of=foreign)
    assert "duplicate_of" in exc.value.message_dict


def test_a_stale_answer_raises_edit_conflict(org, people):
    idea = _idea(org)
    _answer(people, idea, "parked")
    with pytest.raises(EditConflict):
        _answer(people, _idea(org), "rejected", expected_version=1)
    with pytest.raises(EditConflict):
        _answer(people, _idea(org), "rejected", expected_version=None)
    assert _idea(org).status == "parked"


@pytest.mark.parametrize("role", ["contributor", "viewer", "employee"])
def test_only_the_portfolio_office_answers(org, people, role):
    idea = _idea(org)
    with pytest.raises(PermissionDenied):
        do_answer_idea(actor=people[role], idea=idea, status="parked", answer="Nei",
                       expected_version=idea.version)


def test_assigning_reviewers_emails_only_the_new_ones(org, people,
                                                     django_capture_on_commit_callbacks):
    idea = _idea(org)  # the contributor reviews already
    with django_capture_on_commit_callbacks(execute=True):
        do_assign_reviewers(actor=people["pmo"], idea=idea,
                            reviewers=[people["contributor"], people["viewer"]],
                            base_url=BASE)
    assert set(idea.reviewers.all()) == {people["contributor"], people["viewer"]}
    assert [m.to for m in mail.outbox] == [[people["viewer"].email]]
    assert f"{BASE}/o/fjordby/ideas/IDE-0001/" in mail.outbox[0].body


def test_reviewers_must_be_members(org, people):
    with pytest.raises(ValidationError) as exc:
        do_assign_reviewers(actor=people["pmo"], idea=_idea(org),
                            reviewers=[people["outsider"]])
    assert "reviewers" in exc.value.message_dict


def _rate_all(org, people, idea, rating=4):
    for criterion in ScoringCriterion.objects.filter(organisation=org):
        IdeaRating.objects.update_or_create(
            organisation=org, idea=idea, criterion=criterion,
            defaults={"rating": rating, "rated_by": people["pmo"]})
    from gevinst.ideas.services.processing import do_rate_idea

    return do_rate_idea(actor=people["pmo"], idea=idea, ratings={})


def test_acceptance_creates_the_initiative_from_the_idea(
        org, people, django_capture_on_commit_callbacks):
    idea = _rate_all(org, people, _idea(org))
    assert idea.score == Decimal("4.00")
    with django_capture_on_commit_callbacks(execute=True):
        initiative = do_accept_idea(actor=people["pmo"], idea=idea, answer="Vi setter i gang.",
                                    owner=people["contributor"],
                                    expected_version=idea.version, base_url=BASE)
    unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert initiative.title == "Digital timebestilling på helsestasjonen"
    assert initiative.problem == idea.problem and initiative.proposal == idea.proposal
    assert initiative.expected_benefit == idea.expected_benefit
    assert list(initiative.affected_units.all()) == [unit]
    assert initiative.owning_unit == unit and initiative.owner == people["contributor"]
    assert initiative.priority_score == Decimal("4.00")
    assert initiative.phase.key == "idea"
    idea = _idea(org)
    assert idea.initiative == initiative and idea.status == "accepted"
    assert initiative.idea == idea
    assert IdeaAnswer.objects.filter(idea=idea, status="accepted").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["employee"].email, people["viewer"].email])
    assert initiative.reference in mail.outbox[0].body


def test_acceptance_into_concept_and_then_done(org, people):
    concept = Phase.objects.get(organisation=org, key="concept")
    idea = _idea(org)
    initiative = do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.", phase=concept,
                                expected_version=idea.version)
    assert initiative.phase == concept and initiative.priority_score is None
    idea = _idea(org)
    _answer(people, idea, "done", "Levert.")
    assert _idea(org).status == "done"


def test_an_accepted_idea_is_only_marked_done(org, people):
    idea = _idea(org)
    do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.", expected_version=idea.version)
    with pytest.raises(ValidationError) as exc:
        _answer(people, _idea(org), "rejected")
    assert "status" in exc.value.message_dict


def test_acceptance_is_refused_twice(org, people):
    idea = _idea(org)
    do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.", expected_version=idea.version)
    count = Initiative.objects.filter(organisation=org).count()
    with pytest.raises(ValidationError):
        do_accept_idea(actor=people["pmo"], idea=_idea(org), answer="Ja igjen.",
                       expected_version=_idea(org).version)
    assert Initiative.objects.filter(organisation=org).count() == count


@pytest.mark.parametrize("phase", ["execution", "planning", "nonsense"])
def test_acceptance_into_another_phase_is_refused(org, people, phase):
    idea = _idea(org)
    count = Initiative.objects.filter(organisation=org).count()
    with pytest.raises(ValidationError) as exc:
        do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.", phase=phase,
                       expected_version=idea.version)
    assert "phase" in exc.value.message_dict
    assert Initiative.objects.filter(organisation=org).count() == count


def test_acceptance_needs_an_answer_and_a_fresh_version(org, people):
    idea = _idea(org)
    with pytest.raises(ValidationError) as exc:
        do_accept_idea(actor=people["pmo"], idea=idea, answer=" ",
                       expected_version=idea.version)
    assert "answer" in exc.value.message_dict
    count = Initiative.objects.filter(organisation=org).count()
    with pytest.raises(EditConflict):
        do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.",
                       expected_version=idea.version + 1)
    assert Initiative.objects.filter(organisation=org).count() == count
    assert _idea(org).initiative is None


def test_an_owner_outside_the_portfolio_refuses_the_whole_acceptance(org, people):
    idea = _idea(org)
    count = Initiative.objects.filter(organisation=org).count()
    with pytest.raises(ValidationError) as exc:
        do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.", owner=people["employee"],
                       expected_version=idea.version)
    assert "owner" in exc.value.message_dict
    assert Initiative.objects.filter(organisation=org).count() == count
    idea = _idea(org)
    assert idea.status == "under_review" and idea.version == 1


def test_without_affected_units_the_owning_unit_is_the_authors(org, people):
    idea = _other(org, people)
    initiative = do_accept_idea(actor=people["pmo"], idea=idea, answer="Ja.",
                                expected_version=idea.version)
    assert initiative.owning_unit == Unit.objects.get(organisation=org, name="Helse og velferd")
    assert list(initiative.affected_units.all()) == []


def test_the_answer_on_a_hidden_idea_goes_to_the_author_only(
        org, people, django_capture_on_commit_callbacks):
    from gevinst.ideas.services.moderation import do_hide_idea

    do_hide_idea(actor=people["pmo"], idea=_idea(org), reason="Personopplysninger")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(people, _idea(org), "rejected", "Avvist.")
    assert [m.to for m in mail.outbox] == [[people["employee"].email]]
