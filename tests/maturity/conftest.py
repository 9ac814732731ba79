import pytest

# A small model whose scores are computed by hand in test_calc.py.
SMALL_MODEL = '''
key = "small"
name = { en = "Small model", nb = "Liten modell", sv = "Liten modell" }

[[bands]]
key = "basic"
from = 0
name = { en = "Basic", nb = "Grunnleggende", sv = "Grundläggande" }
[[bands]]
key = "emerging"
from = 25
name = { en = "Emerging", nb = "Under utvikling", sv = "Under utveckling" }
[[bands]]
key = "established"
from = 50
name = { en = "Established", nb = "Etablert", sv = "Etablerad" }
[[bands]]
key = "advanced"
from = 75
name = { en = "Advanced", nb = "Avansert", sv = "Avancerad" }

[[practice_scale]]
key = "not_started"
score = 0
name = { en = "Not started", nb = "Ikke startet", sv = "Inte påbörjad" }
[[practice_scale]]
key = "planned"
score = 0.25
name = { en = "Planned", nb = "Planlagt", sv = "Planerad" }
[[practice_scale]]
key = "in_progress"
score = 0.5
name = { en = "In progress", nb = "Pågår", sv = "Pågår" }
[[practice_scale]]
key = "in_place"
score = 1
name = { en = "In place", nb = "På plass", sv = "Införd" }

[[dimensions]]
key = "a"
weight = 2
name = { en = "Dimension A", nb = "Dimensjon A", sv = "Dimension A" }
[dimensions.levels]
basic = { en = "A0", nb = "A0", sv = "A0" }
emerging = { en = "A1", nb = "A1", sv = "A1" }
established = { en = "A2", nb = "A2", sv = "A2" }
advanced = { en = "A3", nb = "A3", sv = "A3" }

  [[dimensions.questions]]
  key = "q1"
  type = "level"
  weight = 2
  text = { en = "Q1", nb = "S1", sv = "F1" }
    [[dimensions.questions.options]]
    score = 0
    text = { en = "none", nb = "ingen", sv = "ingen" }
    [[dimensions.questions.options]]
    score = 0.33
    text = { en = "some", nb = "noe", sv = "något" }
    [[dimensions.questions.options]]
    score = 0.67
    text = { en = "much", nb = "mye", sv = "mycket" }
    [[dimensions.questions.options]]
    score = 1
    text = { en = "all", nb = "alt", sv = "allt" }

  [[dimensions.questions]]
  key = "q2"
  type = "checklist"
  text = { en = "Q2", nb = "S2", sv = "F2" }
    [[dimensions.questions.options]]
    text = { en = "i1", nb = "i1", sv = "i1" }
    [[dimensions.questions.options]]
    text = { en = "i2", nb = "i2", sv = "i2" }
    [[dimensions.questions.options]]
    text = { en = "i3", nb = "i3", sv = "i3" }
    [[dimensions.questions.options]]
    text = { en = "i4", nb = "i4", sv = "i4" }

  [[dimensions.questions]]
  key = "q3"
  type = "practice"
  weight = 1
  text = { en = "Q3", nb = "S3", sv = "F3" }

[[dimensions]]
key = "b"
name = { en = "Dimension B", nb = "Dimensjon B", sv = "Dimension B" }
[dimensions.levels]
basic = { en = "B0", nb = "B0", sv = "B0" }
emerging = { en = "B1", nb = "B1", sv = "B1" }
established = { en = "B2", nb = "B2", sv = "B2" }
advanced = { en = "B3", nb = "B3", sv = "B3" }

  [[dimensions.questions]]
  key = "q4"
  type = "level"
  text = { en = "Q4", nb = "S4", sv = "F4" }
    [[dimensions.questions.options]]
    score = 0
    text = { en = "no", nb = "nei", sv = "nej" }
    [[dimensions.questions.options]]
    score = 0.5
    text = { en = "half", nb = "halvt", sv = "halvt" }
    [[dimensions.questions.options]]
    score = 1
    text = { en = "yes", nb = "ja", sv = "ja" }

  [[dimensions.questions]]
  key = "q5"
  type = "checklist"
  weight = 3
  text = { en = "Q5", nb = "S5", sv = "F5" }
    [[dimensions.questions.options]]
    text = { en = "j1", nb = "j1", sv = "j1" }
    [[dimensions.questions.options]]
    text = { en = "j2", nb = "j2", sv = "j2" }
    [[dimensions.questions.options]]
    text = { en = "j3", nb = "j3", sv = "j3" }
    [[dimensions.questions.options]]
    text = { en = "j4", nb = "j4", sv = "j4" }
    [[dimensions.questions.options]]
    text = { en = "j5", nb = "j5", sv = "j5" }
'''


@pytest.fixture
def small_source() -> str:
    return SMALL_MODEL


@pytest.fixture
def small(small_source) -> dict:
    from gevinst.maturity.modeldata import parse

    return parse(small_source)
