"""placeholder on real article text (round t23): template output tags (ERB), zeros after a
currency sign, pairs of digits counted up in a phone number, a template's default text that
names the writer's copy and "here". Code, a table's unit, a calendar and prose about a text
are not."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import HOST_PARAGRAPHS, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


def placeholders(language: str, paragraph: str) -> list[str]:
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    return [f.quote for f in planted_flags(host, paragraph, "placeholder", language, CFG, at=1)]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Your nearest clinic is <%= clinic_address %> on the high street.", "<%= clinic_address %>"),
    ("en", "The assessment costs $000 and is not covered by insurance.", "$000"),
    ("fr", "Appelez le 01 02 03 04 05 du lundi au vendredi.", "01 02 03 04 05"),
    ("en", "Write a short description of your service here.", "Write a short description of your service here."),
    ("de", "Hier könnte Ihr Text stehen.", "Hier könnte Ihr Text stehen."),
    ("fr", "Saisissez votre texte ici.", "Saisissez votre texte ici."),
    ("es", "Escriba aquí su texto.", "Escriba aquí su texto."),
])
def test_template_tags_zero_amounts_counted_pairs_and_default_texts_are_placeholders(language, text, quote):
    assert placeholders(language, text) == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "In an ERB template, <%= user.name %> prints the name."),
    ("en", "Revenue (£000) rose to 4,210 in the last year."),
    ("en", "May 2026 Mo Tu We Th Fr 01 02 03 04 05 and the weekend."),  # a calendar, no phone cue
    ("en", "Read the full text of your rights here."),
    ("en", "Write your symptoms here each evening."),
    ("fr", "Nom et prénom : ils figurent sur votre carte Vitale."),
])
def test_code_units_calendars_and_prose_about_text_are_not_placeholders(language, text):
    assert placeholders(language, text) == []
