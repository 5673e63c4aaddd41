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
