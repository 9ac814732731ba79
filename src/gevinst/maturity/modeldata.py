"""A maturity model as data: reading and checking its TOML file.

The shipped default is ``data/default_model.toml``; the platform operator installs a changed
copy as a new version (Django admin, or ``gevinst maturity load FILE``). The file holds:

- ``key`` (the model's short name) and the texts ``name`` and ``description``;
- ``bands``: ``key``, ``from`` (0–100, the first 0, rising) and ``name`` — a score is in the
  band with the highest ``from`` at or below it;
- ``practice_scale``: the statuses of a practice question, ``key``, ``score`` (0–1, rising)
  and ``name``;
- ``dimensions``: ``key``, ``weight`` (> 0: how much its gap counts when recommending),
  ``name``, ``description``, ``levels`` (a statement per band key) and ``questions``:
  ``key`` (unique in the model), ``type`` (``level``: pick the statement that fits best, each
  option with a ``score`` 0–1; ``checklist``: tick what is true, the score is the share
  ticked; ``practice``: a status from the practice scale), ``weight`` (> 0), ``text``,
  optional ``help`` and ``options`` (each with a ``text``).

Every text is a table of the three languages: ``{ en = "…", nb = "…", sv = "…" }``.
:func:`parse` returns the content in a canonical form (what a version stores) or raises
:class:`ModelError` with every problem found, each naming where it is.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from pathlib import Path

from django.utils.translation import get_language

LANGUAGES = ("en", "nb", "sv")
QUESTION_TYPES = ("level", "checklist", "practice")
DEFAULT_MODEL_FILE = Path(__file__).resolve().parent / "data" / "default_model.toml"
DEFAULT_KEY = "gevinst-default"  # the key of the shipped model (in its file)
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


class ModelError(ValueError):
    """The file is not a valid maturity model; ``problems`` lists each problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def localized(value: dict | None, language: str | None = None) -> str:
    """The text of ``value`` (``{en, nb, sv}``) in the active language, else in English."""
    if not value:
        return ""
    language = (language or get_language() or "en").split("-")[0].lower()
    if language == "no":
        language = "nb"
    return value.get(language) or value.get("en") or ""


def digest(content: dict) -> str:
    """A fingerprint of the canonical content (equal content, equal digest)."""
    raw = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def read_default() -> str:
    return DEFAULT_MODEL_FILE.read_text(encoding="utf-8")


def parse(text: str) -> dict:
    """The canonical content of the model in ``text`` (TOML), or :class:`ModelError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError([f"The file is not valid TOML: {exc}"]) from exc
    checker = _Checker()
    content = checker.model(data)
    if checker.problems:
        raise ModelError(checker.problems)
    return content


class _Checker:
    def __init__(self):
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    # -- pieces ---------------------------------------------------------------------------
    def text(self, value, where: str, *, required: bool = True) -> dict | None:
        if value is None and not required:
            return None
        if not isinstance(value, dict):
            self.problem(where, "expected a table of texts { en = …, nb = …, sv = … }")
            return {lang: "" for lang in LANGUAGES}
        result = {}
        for lang in LANGUAGES:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                self.problem(where, f"the text in “{lang}” is missing or empty")
                item = ""
            result[lang] = item.strip()
        extra = sorted(set(value) - set(LANGUAGES))
        if extra:
            self.problem(where, f"unknown languages {', '.join(extra)} (use en, nb and sv)")
        return result

    def key(self, value, where: str, seen: set[str]) -> str:
        if not isinstance(value, str) or not KEY_RE.match(value):
            self.problem(where, "the key must be 1–60 lower-case letters, digits, - or _")
            return str(value)
        if value in seen:
            self.problem(where, f"the key “{value}” is used twice")
        seen.add(value)
        return value

    def number(self, value, where: str, *, low: float, high: float | None = None,
               above: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            self.problem(where, "expected a number")
            return 0.0
        if (above and value <= low) or (not above and value < low) or (
                high is not None and value > high):
            bounds = (f"above {low:g}" if above else f"at least {low:g}") + (
                f" and at most {high:g}" if high is not None else "")
            self.problem(where, f"{value:g} is not allowed: it must be {bounds}")
        return float(value)

    def table_list(self, value, where: str, *, minimum: int) -> list[dict]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, "expected a list of tables ([[…]])")
            return []
        if len(value) < minimum:
            self.problem(where, f"at least {minimum} needed, found {len(value)}")
        return value

    # -- the model ------------------------------------------------------------------------
    def model(self, data: dict) -> dict:
        keys: set[str] = set()
        content = {
            "key": self.key(data.get("key"), "key", keys),
            "name": self.text(data.get("name"), "name"),
            "description": self.text(data.get("description"), "description",
                                     required=False),
            "bands": self.bands(data.get("bands")),
            "practice_scale": self.scale(data.get("practice_scale")),
        }
        band_keys = [band["key"] for band in content["bands"]]
        question_keys: set[str] = set()
        dimension_keys: set[str] = set()
        content["dimensions"] = [
            self.dimension(item, f"dimensions[{i + 1}]", band_keys, dimension_keys,
                           question_keys)
            for i, item in enumerate(self.table_list(data.get("dimensions"), "dimensions",
                                                     minimum=1))]
        unknown = sorted(set(data) - {"key", "name", "description", "bands", "practice_scale",
                                      "dimensions"})
        if unknown:
            self.problem("", f"unknown entries {', '.join(unknown)}")
        return content

    def bands(self, value) -> list[dict]:
        seen: set[str] = set()
        bands = []
        for i, item in enumerate(self.table_list(value, "bands", minimum=2)):
            where = f"bands[{i + 1}]"
            bands.append({"key": self.key(item.get("key"), where, seen),
                          "from": self.number(item.get("from"), where, low=0, high=100),
                          "name": self.text(item.get("name"), where)})
        starts = [band["from"] for band in bands]
        if bands and starts[0] != 0:
            self.problem("bands", "the first band must start at 0")
        if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
            self.problem("bands", "each band must start above the one before")
        return bands

    def scale(self, value) -> list[dict]:
        seen: set[str] = set()
        scale = []
        for i, item in enumerate(self.table_list(value, "practice_scale", minimum=2)):
            where = f"practice_scale[{i + 1}]"
            scale.append({"key": self.key(item.get("key"), where, seen),
                          "score": self.number(item.get("score"), where, low=0, high=1),
                          "name": self.text(item.get("name"), where)})
        scores = [step["score"] for step in scale]
        if any(b <= a for a, b in zip(scores, scores[1:], strict=False)):
            self.problem("practice_scale", "each status must score above the one before")
        return scale

    def dimension(self, item: dict, where: str, band_keys: list[str], seen: set[str],
                  question_keys: set[str]) -> dict:
        levels = item.get("levels")
        if not isinstance(levels, dict):
            self.problem(where, "levels: expected a statement per band")
            levels = {}
        missing = [key for key in band_keys if key not in levels]
        if missing:
            self.problem(where, f"levels: no statement for {', '.join(missing)}")
        extra = sorted(set(levels) - set(band_keys))
        if extra:
            self.problem(where, f"levels: {', '.join(extra)} is not a band")
        return {
            "key": self.key(item.get("key"), where, seen),
            "weight": self.number(item.get("weight", 1), f"{where}.weight", low=0, above=True),
            "name": self.text(item.get("name"), f"{where}.name"),
            "description": self.text(item.get("description"), f"{where}.description",
                                     required=False),
            "levels": {key: self.text(levels.get(key), f"{where}.levels.{key}")
                       for key in band_keys if key in levels},
            "questions": [
                self.question(question, f"{where}.questions[{j + 1}]", question_keys)
                for j, question in enumerate(self.table_list(
                    item.get("questions"), f"{where}.questions", minimum=1))],
        }

    def question(self, item: dict, where: str, seen: set[str]) -> dict:
        kind = item.get("type")
        if kind not in QUESTION_TYPES:
            self.problem(where, f"type must be one of {', '.join(QUESTION_TYPES)}")
        question = {
            "key": self.key(item.get("key"), where, seen),
            "type": kind,
            "weight": self.number(item.get("weight", 1), f"{where}.weight", low=0, above=True),
            "text": self.text(item.get("text"), f"{where}.text"),
            "help": self.text(item.get("help"), f"{where}.help", required=False),
            "options": [],
        }
        options = item.get("options", [])
        if kind == "practice":
            if options:
                self.problem(where, "a practice question has no options (its statuses are "
                                    "the practice scale)")
            return question
        for k, option in enumerate(self.table_list(options, f"{where}.options", minimum=2)):
            at = f"{where}.options[{k + 1}]"
            entry = {"text": self.text(option.get("text"), at)}
            if kind == "level":
                entry["score"] = self.number(option.get("score"), at, low=0, high=1)
            elif "score" in option:
                self.problem(at, "a checklist item has no score (the share ticked counts)")
            question["options"].append(entry)
        return question
