"""garbled_text on damage that runs over more than a word pair: three words glued, a
sentence pasted twice, a pair of quotation marks broken by mojibake; a refrain, a quoted
chant and a long word that holds two short ones are not damage."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def garbled(language: str, sentence: str) -> list:
    return planted_flags(HOSTS[language], sentence, "garbled_text", language, CFG)


@pytest.mark.parametrize(("language", "sentence", "quote", "shown"), [
    ("en", "Most people feelbetterafter a week of rest.", "feelbetterafter", "feel better after"),
    ("fr", "Le patient doitresterallongé une heure après l'examen.", "doitresterallongé", "doit rester allongé"),
    ("es", "La herida tardaunosdías en cerrar del todo.", "tardaunosdías", "tarda unos días"),
    ("de", "Die Tabletten bitte immermitWasser einnehmen.", "immermitWasser", "immer mit Wasser"),
])
def test_three_words_glued_are_garbled(language, sentence, quote, shown):
    flags = garbled(language, sentence)
    assert [(f.quote, f.suggestion) for f in flags] == [(quote, shown)]


@pytest.mark.parametrize(("language", "sentence"), [
    ("es", "La teleconsulta y la videoconsulta evitan desplazamientos."),  # not "te le consulta"
    ("de", "Die Krankenhausaufenthaltsdauer ist in zehn Jahren gesunken."),  # a compound
])
def test_a_long_word_is_not_three_short_ones(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "copy"), [
    ("en", "Wash your hands often. Wash your hands often. Soap and water work best.", "Wash your hands often."),
    ("de", "Lüften Sie täglich. Lüften Sie täglich.", "Lüften Sie täglich."),
])
def test_a_sentence_pasted_twice_is_garbled(language, sentence, copy):
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(copy, "shape.doubled-sentence")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Keep going. Keep going. Keep going. The last mile is the hardest."),  # a third time: a chant
    ("en", "The coach shouted: “Breathe out slowly. Breathe out slowly.”"),  # quoted speech
    ("en", "No, no. No, no. That is not how you hold a spacer."),  # too short to be text pasted twice
])
def test_a_refrain_speech_and_short_replies_are_no_pasted_sentence(language, sentence):
    assert garbled(language, sentence) == []


def test_mojibake_quotation_marks_are_flagged_as_one_span():
    """Both broken marks of a pair, and what they quote, are one finding."""
    flags = garbled("de", "Der Flyer â€žGesund älter werdenâ€œ liegt in der Praxis aus.")
    assert [(f.quote, f.rule) for f in flags] == [("â€žGesund älter werdenâ€œ", "glue.mojibake")]


def test_a_paragraph_pasted_twice_is_garbled():
    paragraph = "Drink plenty of water and rest until the fever has gone down."
    blocks = HOSTS["en"][:3] + [Block("paragraph", paragraph), Block("paragraph", paragraph)] + HOSTS["en"][3:]
    text = join_blocks(blocks)
    flags = [f for f in detect(text, blocks, CFG, "en") if f.kind == "garbled_text"]
    assert [(f.quote, f.rule) for f in flags] == [(paragraph, "shape.doubled-sentence")]
    assert flags[0].start == text.index(paragraph) + len(paragraph) + 1  # the copy


def test_a_list_of_the_same_label_is_no_pasted_paragraph():
    blocks = HOSTS["en"][:3] + [Block("list_item", "Book a free appointment online.")] * 3 + HOSTS["en"][3:]
    flags = [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "garbled_text"]
    assert flags == []


def test_a_run_of_seven_words_pasted_twice_is_doubled_text():
    flags = garbled("en", "Take two tablets with a glass of water two tablets with a glass of water after meals.")
    assert [(f.quote, f.rule) for f in flags] == [
        ("two tablets with a glass of water two tablets with a glass of water", "shape.doubled-text")]
