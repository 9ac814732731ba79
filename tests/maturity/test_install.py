"""Installing maturity models: the default is there after migrating; a changed file makes
the next version and the old one keeps its content (and so its scores); the operator
installs through the Django admin or ``gevinst maturity``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from gevinst.maturity import modeldata
from gevinst.maturity.calc import respondent_scores
from gevinst.maturity.models import MaturityModel, MaturityModelVersion
from gevinst.maturity.services.versions import current_version, install_default_model, install_model

pytestmark = pytest.mark.django_db
ANSWERS = {"q1": 2, "q2": [0, 2, 3], "q3": "in_progress", "q4": 1, "q5": []}


def test_the_default_model_is_installed_by_the_migrations():
    version = current_version("gevinst-default")
    assert version is not None and version.number == 1
    assert version.content == modeldata.parse(modeldata.read_default())
    assert version.question_count >= 32
    assert install_default_model() == (version, False)  # the same content: nothing new


def test_a_changed_model_is_the_next_version_and_the_old_keeps_its_scores(small_source):
    first, created = install_model(small_source)
    assert created and first.number == 1
    before = respondent_scores(first.content, ANSWERS)
    assert install_model(small_source + "\n# only a comment\n") == (first, False)

    changed = small_source.replace('weight = 3', 'weight = 1')
    second, created = install_model(changed, note="q5 counts less")
    assert created and second.number == 2 and second.note == "q5 counts less"
    assert current_version("small") == second
    # The first version's content is untouched: what was scored with it scores the same.
    first.refresh_from_db()
    assert respondent_scores(first.content, ANSWERS) == before
    assert before["dimensions"]["b"] == pytest.approx(12.5)
    assert respondent_scores(second.content, ANSWERS)["dimensions"]["b"] == pytest.approx(25)


def test_a_version_never_changes(small_source):
    version, _ = install_model(small_source)
    version.note = "edited"
    with pytest.raises(ValueError, match="never changes"):
        version.save()


def test_an_invalid_file_installs_nothing(small_source):
    with pytest.raises(modeldata.ModelError):
        install_model(small_source.replace('sv = "F1"', 'sv = ""'))
    assert not MaturityModel.objects.filter(key="small").exists()
    assert not MaturityModelVersion.objects.filter(model__key="small").exists()


def test_the_command_lists_shows_and_loads(tmp_path, small_source):
    path = tmp_path / "small.toml"
    path.write_text(small_source, encoding="utf-8")
    out = io.StringIO()
    call_command("maturitymodel", "load", str(path), "--note", "first", stdout=out)
    assert "Installed small v1 (5 questions)." in out.getvalue()
    out = io.StringIO()
    call_command("maturitymodel", "load", str(path), stdout=out)
    assert "Nothing to install" in out.getvalue()
    out = io.StringIO()
    call_command("maturitymodel", "list", stdout=out)
    assert "gevinst-default\tv1" in out.getvalue() and "small\tv1" in out.getvalue()
    out = io.StringIO()
    call_command("maturitymodel", "show", "small", stdout=out)
    assert out.getvalue() == small_source

    path.write_text(small_source.replace('score = 0.33', 'score = 7'), encoding="utf-8")
    with pytest.raises(CommandError, match=r"options\[2\]: 7 is not allowed"):
        call_command("maturitymodel", "load", str(path))
    with pytest.raises(CommandError, match="No maturity model small version 9"):
        call_command("maturitymodel", "show", "small", "--version", "9")


@pytest.fixture
def operator(client):
    from gevinst.core.models import User

    client.force_login(User.objects.create_superuser(email="operator@platform.test",
                                                     password="x"))
    return client


ADD = "/admin/maturity/maturitymodelversion/add/"


def test_the_operator_installs_a_new_version_in_the_admin(operator, small_source):
    response = operator.post(ADD, {"source": small_source, "note": "pilot"})
    assert response.status_code == 302
    version = current_version("small")
    assert version.number == 1 and version.note == "pilot"
    assert version.created_by.email == "operator@platform.test"
    page = operator.get(f"/admin/maturity/maturitymodelversion/{version.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dimension A (a, weight 2): 3 questions" in html
    assert 'name="note"' not in html  # read-only: a version never changes
    listing = operator.get("/admin/maturity/maturitymodelversion/").content.decode()
    assert "gevinst-default" in listing and "Small model" in listing


def test_the_admin_shows_every_problem_of_an_invalid_file_and_installs_nothing(
        operator, small_source):
    response = operator.post(ADD, {"source": small_source.replace('score = 0.33', 'score = 7')
                                   .replace('sv = "F1"', 'sv = ""'), "note": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "7 is not allowed" in html and "the text in “sv” is missing" in html
    assert current_version("small") is None
    assert operator.post(ADD, {"source": "", "note": ""}).status_code == 200


def test_the_admin_takes_a_file_too(operator, small_source):
    upload = io.BytesIO(small_source.encode())
    upload.name = "small.toml"
    assert operator.post(ADD, {"upload": upload, "source": "", "note": ""}).status_code == 302
    assert current_version("small").number == 1


def test_versions_cannot_be_deleted_in_the_admin(operator):
    version = current_version("gevinst-default")
    url = f"/admin/maturity/maturitymodelversion/{version.pk}/delete/"
    assert operator.post(url, {"post": "yes"}).status_code == 403
    assert MaturityModelVersion.objects.filter(pk=version.pk).exists()


def test_organisation_members_cannot_reach_the_admin(client_as):
    assert client_as("admin").get(ADD).status_code in {302, 404}
