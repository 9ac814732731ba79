"""Submitting and editing ideas (ideas/services/ideas.py): author and unit, follower row,
validation, attachments all-or-nothing, the similar-idea index, data-version marks and edit
conflicts."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gevinst.core.models import DataChange, Unit
from gevinst.core.versioning import EditConflict
from gevinst.ideas.models import Idea, IdeaAttachment, IdeaFollower, IdeaGram
from gevinst.ideas.services.ideas import do_submit_idea, do_update_idea

pytestmark = pytest.mark.usefixtures("scoped")

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _submit(org, people, role="employee", **fields):
    data = {"title": "Felles kalender for vikarer",
            "problem": "Vikarene vet ikke hvor de skal, og ringer rundt hver morgen."}
    data.update(fields)
    return do_submit_idea(actor=people[role], organisation=org, **data)


def test_submitting_an_idea_gives_reference_author_unit_and_follower(org, people):
    unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    idea = _submit(org, people, proposal=" Ett felles skjema. ", units=[unit])
    assert idea.reference == "IDE-0002"  # Fjordby's world has IDE-0001
    assert idea.author == people["employee"] and idea.unit == unit
    assert idea.status == Idea.Status.SUBMITTED and idea.proposal == "Ett felles skjema."
    assert list(idea.units.all()) == [unit]
    assert IdeaFollower.objects.filter(idea=idea, user=people["employee"]).exists()
    assert idea.history.first().history_user == people["employee"]


def test_submitting_indexes_the_idea_for_similar_ideas(org, people):
    idea = _submit(org, people)
    assert IdeaGram.objects.filter(idea=idea).exists()


def test_submitting_marks_the_ideas_data_as_changed(org, people):
    before = DataChange.objects.filter(organisation=org, topic="ideas").count()
    _submit(org, people)
    assert DataChange.objects.filter(organisation=org, topic="ideas").count() > before


def test_title_and_problem_are_required(org, people):
    with pytest.raises(ValidationError) as exc:
        _submit(org, people, title="  ", problem="")
    assert set(exc.value.message_dict) == {"title", "problem"}


def test_a_title_longer_than_200_characters_is_refused(org, people):
    with pytest.raises(ValidationError) as exc:
        _submit(org, people, title="x" * 201)
    assert "title" in exc.value.message_dict


def test_units_of_another_organisation_are_refused(org, other_org, people):
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = Unit.objects.filter(organisation=other_org).first()
    with pytest.raises(ValidationError) as exc:
        _submit(org, people, units=[foreign])
    assert "units" in exc.value.message_dict


def test_an_outsider_cannot_submit(org, people):
    with pytest.raises(PermissionDenied):
        _submit(org, people, role="outsider")


def test_attachments_are_stored_with_the_idea(org, people):
    idea = _submit(org, people, attachments=[
        SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("tall.csv", b"uke;timer\n1;3\n", content_type="text/csv"),
    ])
    files = list(IdeaAttachment.objects.filter(idea=idea).order_by("name"))
    assert [(f.name, f.content_type, f.size) for f in files] == [
        ("plan.pdf", "application/pdf", len(PDF)),
        ("tall.csv", "text/csv", 14)]
    assert files[0].file.name.startswith(f"ideas/{org.pk}/{idea.pk}/")
    with files[0].file.open("rb") as stored:
        assert stored.read() == PDF


def test_one_bad_attachment_refuses_the_whole_idea(org, people):
    count = Idea.objects.filter(organisation=org).count()
    with pytest.raises(ValidationError) as exc:
        _submit(org, people, attachments=[
            SimpleUploadedFile("plan.pdf", PDF),
            SimpleUploadedFile("setup.pdf", b"MZ\x90\x00program"),
        ])
    assert "setup.pdf" in " ".join(exc.value.message_dict["attachments"])
    assert Idea.objects.filter(organisation=org).count() == count


def test_more_than_five_attachments_refuse_the_idea(org, people):
    files = [SimpleUploadedFile(f"f{i}.txt", b"tekst") for i in range(6)]
    with pytest.raises(ValidationError) as exc:
        _submit(org, people, attachments=files)
    assert "attachments" in exc.value.message_dict


def test_the_author_edits_a_submitted_idea_and_the_index_follows(org, people):
    unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    idea = _submit(org, people)
    grams = set(IdeaGram.objects.filter(idea=idea).values_list("gram", flat=True))
    idea = do_update_idea(actor=people["employee"], idea=idea, expected_version=idea.version,
                          data={"title": "Digital vaktplan", "units": [unit]})
    assert idea.version == 2 and idea.title == "Digital vaktplan"
    assert list(idea.units.all()) == [unit]
    assert set(IdeaGram.objects.filter(idea=idea).values_list("gram", flat=True)) != grams


def test_a_stale_version_raises_edit_conflict(org, people):
    idea = _submit(org, people)
    do_update_idea(actor=people["employee"], idea=idea, expected_version=1,
                   data={"title": "Ny tittel"})
    stale = Idea.objects.get(pk=idea.pk)
    with pytest.raises(EditConflict):
        do_update_idea(actor=people["employee"], idea=stale, expected_version=1,
                       data={"title": "Annen tittel"})
    with pytest.raises(EditConflict):
        do_update_idea(actor=people["employee"], idea=stale, expected_version=None,
                       data={"title": "Annen tittel"})
    assert Idea.objects.get(pk=idea.pk).title == "Ny tittel"


def test_the_author_cannot_edit_after_the_first_answer_but_the_pmo_can(org, people):
    idea = Idea.objects.get(organisation=org, reference="IDE-0001")  # under review
    with pytest.raises(PermissionDenied):
        do_update_idea(actor=people["employee"], idea=idea, expected_version=idea.version,
                       data={"title": "Endret"})
    idea = do_update_idea(actor=people["pmo"], idea=idea, expected_version=idea.version,
                          data={"problem": "Presisert problem."})
    assert Idea.objects.get(pk=idea.pk).problem == "Presisert problem."


def test_an_edit_keeps_the_counters_others_changed_meanwhile(org, people):
    from gevinst.ideas.services.engagement import do_support

    idea = _submit(org, people)
    loaded = Idea.objects.get(pk=idea.pk)
    do_support(actor=people["viewer"], idea=idea)
    do_update_idea(actor=people["employee"], idea=loaded, expected_version=loaded.version,
                   data={"title": "Ny tittel"})
    assert Idea.objects.get(pk=idea.pk).support_count == 1


def test_unknown_fields_are_a_programming_error(org, people):
    idea = _submit(org, people)
    with pytest.raises(TypeError):
        do_update_idea(actor=people["employee"], idea=idea, expected_version=1,
                       data={"status": "accepted"})
