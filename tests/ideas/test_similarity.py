"""Similar ideas: the trigram index follows the ideas and the look-up keeps to its rules."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.core.services import next_reference
from gevinst.ideas import similarity
from gevinst.ideas.models import Idea, IdeaGram, IdeaGramCount

pytestmark = pytest.mark.django_db


def make_idea(org, author, title, problem="", **fields):
    number, reference = next_reference(org, "IDE")
    idea = Idea.objects.create(organisation=org, number=number, reference=reference,
                               author=author, title=title, problem=problem, **fields)
    similarity.index_idea(idea)
    return idea


def references(org, text, **kwargs):
    return [s.reference for s in similarity.similar_ideas(org, text, **kwargs)]


def test_compound_and_split_words_match(scoped, people):
    # IDE-0001 "Digital timebestilling på helsestasjonen" is in the world.
    found = similarity.similar_ideas(scoped, "Bestille time på nett til helsestasjon")
    assert [s.reference for s in found] == ["IDE-0001"]
    first = found[0]
    assert first.title == "Digital timebestilling på helsestasjonen"
    assert first.status == "under_review" and first.status_label == "Under review"
    assert first.support_count == 1 and 0 < first.similarity <= 1


def test_unrelated_text_finds_nothing(scoped):
    assert references(scoped, "Nye lyskastere på kunstgressbanen ved skolen") == []


def test_empty_or_stop_word_text_finds_nothing(scoped, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert references(scoped, "") == []
        assert references(scoped, "og i på for å") == []


def test_other_organisations_ideas_are_never_returned(scoped, people):
    # Åsdal's IDE-0002 "Felles innkjøp av velferdsteknologi" is not Fjordby's.
    assert references(scoped, "Felles innkjøp av velferdsteknologi for kommunene") == []


def test_hidden_ideas_are_never_returned(scoped, people):
    idea = make_idea(scoped, people["employee"], "Gratis frukt i kantinen hver fredag",
                     "Ansatte spiser lite frukt i arbeidstiden.")
    assert idea.reference in references(scoped, "Frukt i kantina på fredager")
    Idea.objects.filter(pk=idea.pk).update(hidden=True)
    assert idea.reference not in references(scoped, "Frukt i kantina på fredager")


def test_exclude_leaves_out_the_idea_being_edited(scoped):
    first = Idea.objects.get(organisation=scoped, reference="IDE-0001")
    text = f"{first.title} {first.problem}"
    assert references(scoped, text) == ["IDE-0001"]
    assert references(scoped, text, exclude_id=first.pk) == []


def test_the_index_follows_edits(scoped, people):
    idea = make_idea(scoped, people["employee"], "Felles bildelingsordning for ansatte",
                     "Tjenestebilene står mye stille.")
    assert idea.reference in references(scoped, "Deling av tjenestebiler mellom etatene")
    idea.title, idea.problem = "Sykkelparkering under tak", "Syklene blir våte når det regner."
    idea.save()
    similarity.index_idea(idea)
    assert idea.reference not in references(scoped, "Deling av tjenestebiler mellom etatene")
    assert idea.reference in references(scoped, "Overbygd parkering for sykler")
    stored = set(IdeaGram.objects.filter(organisation=scoped, idea=idea)
                 .values_list("gram", flat=True))
    assert stored == similarity.grams("Sykkelparkering under tak Syklene blir våte når det "
                                      "regner.")


def test_document_frequencies_follow_index_and_unindex(scoped, people):
    def count(gram):
        row = IdeaGramCount.objects.filter(organisation=scoped, gram=gram).first()
        return row.ideas if row else 0

    total = count(similarity.TOTAL)
    assert count("kaj") == 0
    idea = make_idea(scoped, people["employee"], "Kajakker til utleie", "Ingen har kajakk.")
    assert count("kaj") == 1 and count(similarity.TOTAL) == total + 1
    make_idea(scoped, people["employee"], "Kajakkurs for ungdom", "Ungdom vil padle.")
    assert count("kaj") == 2
    idea.title = "Padlebrett til utleie"
    idea.problem = ""
    idea.save()
    similarity.index_idea(idea)
    assert count("kaj") == 1 and count(similarity.TOTAL) == total + 2
    similarity.unindex_idea(idea.pk, scoped.pk)
    assert count("pad") == 1  # "Padlebrett" gone, "padle" of the other idea stays
    assert count(similarity.TOTAL) == total + 1
    assert not IdeaGram.objects.filter(organisation=scoped, idea=idea).exists()


def test_reindexing_unchanged_text_writes_nothing(scoped):
    first = Idea.objects.get(organisation=scoped, reference="IDE-0001")
    before = dict(IdeaGramCount.objects.filter(organisation=scoped)
                  .values_list("gram", "ideas"))
    with CaptureQueriesContext(connection) as queries:
        similarity.index_idea(first)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements.count("SELECT") == 1  # the stored grams
    assert not {"INSERT", "UPDATE", "DELETE"} & set(statements)
    after = dict(IdeaGramCount.objects.filter(organisation=scoped).values_list("gram", "ideas"))
    assert after == before


def test_normalise_keeps_nordic_letters_and_drops_stop_words():
    assert similarity.normalise("Ønsker ÅPEN kø-løsning, för äldre & øvrige i 2026!") == [
        "ønsker", "åpen", "kø", "løsning", "äldre", "øvrige", "2026"]


def _many(org, author, start, n):
    places = ["skolen", "sykehjemmet", "biblioteket", "rådhuset", "barnehagen", "hallen"]
    things = ["timebestilling", "parkering", "booking", "lading", "sortering", "skilting"]
    for i in range(start, start + n):
        make_idea(org, author, f"Bedre {things[i % 6]} ved {places[i // 6 % 6]} nr {i}",
                  f"Innbyggerne venter på {things[(i + 1) % 6]} i uke {i % 52}.")


def test_lookup_costs_the_same_queries_with_10_and_200_ideas(scoped, people,
                                                             django_assert_max_num_queries):
    _many(scoped, people["employee"], 0, 9)
    with CaptureQueriesContext(connection) as small:
        found = similarity.similar_ideas(scoped, "Bedre timebestilling ved skolen")
    assert found and len(small.captured_queries) <= 3
    _many(scoped, people["employee"], 9, 191)
    assert Idea.objects.filter(organisation=scoped).count() >= 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        found = similarity.similar_ideas(scoped, "Bedre timebestilling ved skolen")
    assert 1 <= len(found) <= 5
    assert all(0 < s.similarity <= 1 for s in found)
    assert [s.similarity for s in found] == sorted((s.similarity for s in found),
                                                   reverse=True)
    assert len(similarity.similar_ideas(scoped, "Bedre timebestilling ved skolen",
                                        limit=1)) == 1
    assert similarity.similar_ideas(scoped, "Bedre timebestilling ved skolen", limit=0) == []
