"""The Norwegian (nb) and Swedish (sv) catalogues: complete, current with the source, compiled.

Every user-facing string must be translated. When a test here fails after you have added or
changed strings, update and translate the catalogues:

    cd src/gevinst
    DEBUG=1 DJANGO_SETTINGS_MODULE=gevinst.settings PYTHONPATH=.. \\
        django-admin makemessages -l nb -l sv --ignore 'static/*' --no-location
    # translate every new or changed entry in locale/{nb,sv}/LC_MESSAGES/django.po
    DEBUG=1 DJANGO_SETTINGS_MODULE=gevinst.settings PYTHONPATH=.. django-admin compilemessages

The compiled .mo files are committed (so `make demo` needs no gettext).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

import gevinst

SOURCE = Path(gevinst.__file__).resolve().parent
LOCALE = SOURCE / "locale"
LANGS = ["nb", "sv"]
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
GETTEXT_TOOLS = ["xgettext", "msguniq", "msgmerge", "msgfmt"]
HOW_TO_UPDATE = (
    "Run `django-admin makemessages -l nb -l sv --ignore 'static/*' --no-location` in "
    "src/gevinst (DJANGO_SETTINGS_MODULE=gevinst.settings, PYTHONPATH=..), translate every "
    "new entry in locale/{nb,sv}/LC_MESSAGES/django.po, then run `django-admin "
    "compilemessages` and commit the .po and .mo files."
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")


def _po(lang: str) -> polib.POFile:
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"{path} is missing. {HOW_TO_UPDATE}"
    return polib.pofile(str(path))


def _entries(catalogue) -> list:
    return [e for e in catalogue if not e.obsolete and e.msgid != ""]


def _key(entry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _show(key: tuple[str | None, str]) -> str:
    context, msgid = key
    return f"{msgid!r}" + (f" (context {context!r})" if context else "")


def _require_gettext() -> None:
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"GNU gettext is required to check the translations, but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not on PATH. Install it (Debian/Ubuntu: "
            "apt-get install gettext; macOS: brew install gettext) and run the tests again.",
            pytrace=False,
        )


# --- Complete -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_header(lang):
    po = _po(lang)
    assert not po.metadata_is_fuzzy, f"{lang}: the header is marked fuzzy; remove the flag."
    assert po.metadata.get("Language") == lang
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated(lang):
    po = _po(lang)
    entries = _entries(po)
    assert len(entries) > 100, f"{lang}: only {len(entries)} entries; was makemessages run?"
    problems = []
    for e in entries:
        if "fuzzy" in e.flags:
            problems.append(f"fuzzy: {e.msgid!r}")
        if e.msgid_plural:
            forms = [e.msgstr_plural.get(i, "") for i in range(2)]
            if not all(form.strip() for form in forms):
                problems.append(f"plural form missing: {e.msgid!r} / {e.msgid_plural!r}")
        elif not e.msgstr.strip():
            problems.append(f"untranslated: {e.msgid!r}")
    assert not problems, (f"{lang}: {len(problems)} entries need work:\n  "
                          + "\n  ".join(problems))


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_kept(lang):
    problems = []
    for e in _entries(_po(lang)):
        if e.msgid_plural:
            pairs = [(e.msgid, e.msgstr_plural.get(0, "")),
                     (e.msgid_plural, e.msgstr_plural.get(1, ""))]
        else:
            pairs = [(e.msgid, e.msgstr)]
        for source, target in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                problems.append(f"{source!r} -> {target!r}")
    assert not problems, f"{lang}: placeholders differ:\n  " + "\n  ".join(problems)


def test_languages_have_the_same_entries():
    nb = {_key(e) for e in _entries(_po("nb"))}
    sv = {_key(e) for e in _entries(_po("sv"))}
    only_nb, only_sv = sorted(nb - sv, key=str), sorted(sv - nb, key=str)
    assert not only_nb and not only_sv, (
        "nb and sv catalogues differ.\n  only in nb: "
        + ", ".join(map(_show, only_nb)) + "\n  only in sv: " + ", ".join(map(_show, only_sv))
        + f"\n{HOW_TO_UPDATE}")


# --- Current with the source --------------------------------------------------------------


def test_catalogues_cover_every_string_in_the_source(tmp_path, monkeypatch, settings):
    """Extract the strings afresh from a copy of the source and look for each in nb/sv."""
    _require_gettext()
    copy = tmp_path / "gevinst"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns(
        "locale", "static", "__pycache__", "*.pyc"))
    (copy / "locale").mkdir()
    # makemessages writes into the first of LOCALE_PATHS: point it at the copy, never at
    # the committed catalogues.
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nb"], ignore_patterns=["static/*"],
                 no_location=True, verbosity=0)
    fresh_path = copy / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    assert fresh_path.is_file(), "makemessages wrote no catalogue"
    fresh = {_key(e): e for e in _entries(polib.pofile(str(fresh_path)))}
    assert len(fresh) > 100, f"only {len(fresh)} strings extracted; is extraction broken?"

    for lang in LANGS:
        committed = {_key(e): e for e in _entries(_po(lang))}
        missing = sorted((k for k in fresh if k not in committed), key=str)
        plural_changed = sorted(
            (k for k in fresh if k in committed
             and fresh[k].msgid_plural != committed[k].msgid_plural), key=str)
        problems = [f"missing: {_show(k)}" for k in missing]
        problems += [f"plural changed: {_show(k)} now {fresh[k].msgid_plural!r}"
                     for k in plural_changed]
        assert not problems, (
            f"The {lang} catalogue is behind the source ({len(problems)} strings):\n  "
            + "\n  ".join(problems) + f"\n{HOW_TO_UPDATE}")


# --- Compiled -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_po(lang):
    mo_path = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run `django-admin compilemessages`."
    mo = polib.mofile(str(mo_path))

    def translations(catalogue, skip_fuzzy):
        out = {}
        for e in _entries(catalogue):
            if skip_fuzzy and "fuzzy" in e.flags:
                continue
            if e.msgid_plural:
                value = (e.msgid_plural, tuple(e.msgstr_plural[i]
                                               for i in sorted(e.msgstr_plural)))
                if not all(value[1]):
                    continue
            else:
                if not e.msgstr:
                    continue
                value = e.msgstr
            out[_key(e)] = value
        return out

    expected = translations(_po(lang), skip_fuzzy=True)
    compiled = translations(mo, skip_fuzzy=False)
    stale = sorted((k for k in expected if compiled.get(k) != expected[k]), key=str)
    extra = sorted((k for k in compiled if k not in expected), key=str)
    assert not stale and not extra, (
        f"{mo_path} is out of date with django.po "
        f"({len(stale)} missing or different, {len(extra)} no longer in the .po): "
        + ", ".join(map(_show, (stale + extra)[:10]))
        + "\nRun `django-admin compilemessages` and commit the .mo file.")
    assert mo.metadata.get("Plural-Forms") == PLURAL_FORMS


# --- Used at run time ---------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "initiatives", "realisation", "two"), [
    ("nb", "Tiltak", "Gevinstrealisering", "2 tiltak"),
    ("sv", "Initiativ", "Nyttorealisering", "2 initiativ"),
])
def test_translations_are_used(lang, initiatives, realisation, two):
    with translation.override(lang):
        assert translation.gettext("Initiatives") == initiatives
        assert translation.gettext("Realisation") == realisation
        assert translation.ngettext("%(n)s initiative", "%(n)s initiatives", 2) % {
            "n": 2} == two
        rendered = Template(
            '{% load i18n %}{% translate "Initiatives" %}|'
            "{% blocktranslate count n=2 %}{{ n }} initiative{% plural %}"
            "{{ n }} initiatives{% endblocktranslate %}"
        ).render(Context())
    assert rendered == f"{initiatives}|{two}"
    with translation.override("en"):
        assert translation.gettext("Initiatives") == "Initiatives"
