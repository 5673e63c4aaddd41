"""Placeholders read from the shapes templates leave: digits masked with a sign ("#"), a
date written as its format, a slot's label saying its copy is to come."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import HOST_PARAGRAPHS, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


def placeholders(language: str, paragraph: str) -> list[str]:
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    flags = planted_flags(host, paragraph, "placeholder", language, CFG, at=1)
    return [f.quote for f in flags]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Our pharmacy team can be reached on 0161 ### #### during opening hours.", "0161 ### ####"),
    ("fr", "Le secrétariat répond au 04 ## ## ## ## du lundi au vendredi.", "04 ## ## ## ##"),
    ("de", "Melden Sie sich bis zum TT.MM.JJJJ für die Schulung an.", "TT.MM.JJJJ"),
    ("fr", "L'atelier aura lieu le JJ/MM/AAAA à la maison de santé.", "JJ/MM/AAAA"),
    ("de", "Text folgt.", "Text folgt."),
    ("es", "Texto pendiente", "Texto pendiente"),
    ("fr", "La varicelle est contagieuse. À COMPLÉTER Le médecin pose le diagnostic.", "À COMPLÉTER"),
])
def test_placeholder_shapes_in_the_four_languages(language, text, quote):
    assert placeholders(language, text) == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The number format ##.X #X#X shows one decimal place."),
    ("en", "Enter your date of birth in the format DD/MM/YYYY."),
    ("de", "Der Text folgt den Leitlinien der Fachgesellschaft."),
    ("en", "TBC is still common in some regions of the world."),
])
def test_formats_and_whole_sentences_are_no_placeholders(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Autumn term: Monday 6pm beginners, Wednesday 6pm improvers, Friday class time TBD."),
    ("fr", "Programme : lundi 10 h marche nordique, mercredi 14 h relaxation, vendredi horaire à définir."),
    ("es", "Horario: lunes 9:00 pilates, miércoles 9:00 yoga, viernes por confirmar."),
])
def test_a_value_still_to_come_among_a_schedules_given_ones_is_what_readers_are_told(language, text):
    """One entry of a schedule not yet set, beside entries whose days and times are given,
    is the schedule's state; a slot left unfilled stands with no given value of its kind."""
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Venue: TBA", "TBA"),
    ("es", "Lugar: por confirmar", "por confirmar"),
])
def test_a_labels_value_still_to_come_alone_is_a_slot(language, text, quote):
    assert placeholders(language, text) == [quote]


def test_a_listings_records_each_holding_the_same_pending_value_are_its_state():
    """"TBD" alone as the date of several courses of a listing is what the page tells; alone once, a slot."""
    course = [Block("heading", "Lean Six Sigma Yellow Belt", 2), Block("paragraph", "BUSA-40991"), Block("paragraph", "TBD")]
    other = [Block("heading", "Project Risk Management", 2), Block("paragraph", "BUSA-40927"), Block("paragraph", "Online")]
    host = [Block("paragraph", HOST_PARAGRAPHS["en"])]
    twice = [*host, *course, *other, *course[:2], Block("paragraph", "TBD")]
    assert [f.quote for f in planted_flags(twice, HOST_PARAGRAPHS["en"], "placeholder", "en", CFG)] == []
    once = [*host, *course, *other]
    assert "TBD" in [f.quote for f in planted_flags(once, HOST_PARAGRAPHS["en"], "placeholder", "en", CFG)]
