"""off_topic in German, French and Spanish, where the corpora are too small for a learned
care-lift table: a line on a neighbouring subject of care (sleep, diet, exercise) in a
health article is no passage from elsewhere (`[[care_neighbours]]`), while a line on
pets or holidays that names sleep once still is one."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.flags import lexicon
from ascurate.flags.topic import _lower_words, _talks_of_care

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
FILES = lexicon.files(CFG)


def talks_of_care(lang: str, text: str) -> bool:
    return _talks_of_care(_lower_words(text), 0, lang, FILES)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Ausreichend Schlaf, regelmäßige Bewegung und eine ausgewogene Ernährung helfen vielen Betroffenen im Alltag."),
    ("de", "Ein kühles, dunkles Schlafzimmer fördert einen erholsamen Schlaf."),
    ("fr", "Un sommeil réparateur et une alimentation équilibrée limitent la fatigue de la journée."),
    ("es", "Dormir lo suficiente, reducir el estrés y cuidar la alimentación ayudan a sentirse mejor."),
])
def test_a_line_on_a_neighbouring_subject_of_care_talks_of_health(lang, text):
    assert talks_of_care(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Jetzt Ferienhaus buchen: sechs Betten, Hunde willkommen, fünf Minuten zum Strand."),
    ("es", "El perro necesita salir al menos tres veces al día, y los paseos largos le ayudan a gastar energía y a "
           "dormir mejor por la noche."),
    ("fr", "Les soldes d'hiver commencent mercredi : jusqu'à moins cinquante pour cent sur le petit électroménager."),
])
def test_a_passage_from_elsewhere_that_names_sleep_once_does_not(lang, text):
    assert not talks_of_care(lang, text)
