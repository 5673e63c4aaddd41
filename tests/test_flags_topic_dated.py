"""off_topic's dated sentences (`[[calendar]]` in rules/shapes.toml): on a health article a
sentence of 8 to 14 words that says when something happens (a weekday, a month, a clock
time) is weighed by the care-free sentence limits, which leave shorter sentences alone: a
notice from elsewhere is dated, a health page's own short lines rarely are."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, lexicon, topic
from ascurate.model import Block, join_blocks

from .test_flags_topic import HEALTH, inside

FILES = lexicon.files(load_config("/nonexistent/ascurate.toml"))
CFG = load_config("/nonexistent/ascurate.toml")
HAY_FEVER = Path(__file__).resolve().parents[1] / "bench" / "flagset" / "base" / "de-heuschnupfen.txt"

DATED = [
    ("en", "The number 42 bus no longer runs after 8 pm."),
    ("en", "The car park is closed for resurfacing until the 14th."),
    ("en", "Our club meets on Saturday mornings in May."),
    ("de", "Der Wertstoffhof hat samstags jetzt bis 16 Uhr geöffnet."),
    ("fr", "Le concours a lieu le 14 juillet à 14h30."),
    ("es", "La línea 3 del metro cerrará en agosto por obras."),
    ("es", "La biblioteca abre a las 20:00 los días de examen."),
]
UNDATED = [
    ("en", "May cause drowsiness in some people."),  # the modal, opening the sentence
    ("en", "Take 2 tablets every 8 hours with water."),
    ("en", "Symptoms may last a week or two."),
    ("de", "Nehmen Sie 2 Tabletten am Tag."),
    ("fr", "Prenez 1,5 g par jour pendant une semaine."),
    ("es", "Tome 2 comprimidos al día durante una semana."),
]


@pytest.mark.parametrize(("language", "text"), DATED)
def test_a_sentence_that_says_when_is_dated(language: str, text: str) -> None:
    dated = topic._dated(FILES, language)
    assert dated is not None and dated(text)


@pytest.mark.parametrize(("language", "text"), UNDATED)
def test_doses_durations_and_the_modal_may_are_not_dates(language: str, text: str) -> None:
    dated = topic._dated(FILES, language)
    assert dated is not None and not dated(text)


def found(blocks: list[Block], language: str) -> list[tuple[str, str | None]]:
    return [(f.quote, f.rule) for f in detect(join_blocks(blocks), blocks, CFG, language) if f.kind == "off_topic"]


def test_a_short_dated_notice_inside_a_paragraph_of_a_health_article() -> None:
    """A notice of 10 words is too short for the sentence limits; dated, it is weighed by
    them; the same notice with no date is left alone."""
    bus = "The number 42 bus no longer runs after 8 pm."
    late = "The number 42 bus no longer runs late in the evening."
    assert found(HEALTH, "en") == []
    assert found(inside(HEALTH, bus), "en") == [(bus, "topic.dated-sentence")]
    assert found(inside(HEALTH, late), "en") == []


def test_a_dated_line_in_the_article_s_own_words_is_not_off_topic() -> None:
    """On a German hay-fever page, a flea market's opening hours are off topic; a line on
    when birch pollen flies, dated as well, shares the page's words ("Pollen")."""
    page = [Block("paragraph", ln) for ln in HAY_FEVER.read_text(encoding="utf-8").splitlines() if ln.strip()]
    market = "Der Flohmarkt im Rathaushof ist samstags von 8 bis 14 Uhr geöffnet."
    birch = "Die Pollen der Birke fliegen in den meisten Jahren vor allem im April."
    assert (market, "topic.dated-sentence") in found(inside(page, market), "de")
    assert all(q != birch for q, _ in found(inside(page, birch), "de"))
