"""off_topic leaves a care-free line alone when one of its words goes with talk of health on
its own (a care lift of `STRONG_LIFT` or more, English: "diet", "brain", "sleep"), however
rare its other words are; a line from elsewhere with no such word is still flagged. Texts
written for these tests."""

from __future__ import annotations

import dataclasses

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.flags.topic import _lower_words, _strong_care_word
from ascurate.model import Block, join_blocks

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))

ASIDE = "Crisps, pies and cured bacon are where much of the salt in a typical British diet comes from."
MATCH = "The visitors scored twice in the last ten minutes to snatch a draw at the packed riverside stadium."


def page(sentence: str) -> list[Block]:
    return [
        Block("heading", "High blood pressure", 2),
        Block("paragraph", "High blood pressure rarely causes symptoms, which is why many people only learn they "
                           "have it when a nurse or doctor measures it. Left untreated, it raises the risk of a "
                           "stroke, a heart attack and kidney disease."),
        Block("paragraph", "Your doctor will usually check your blood pressure more than once before making a "
                           "diagnosis, and may ask you to wear a monitor at home for a day to see how the readings "
                           "change between morning and evening."),
        Block("paragraph", "Treatment often starts with changes to daily habits before any medicine is prescribed. "
                           f"{sentence} Cutting back on alcohol and keeping active lower the readings for many patients."),
        Block("paragraph", "If the readings stay high, your doctor may suggest an ACE inhibitor or a calcium channel "
                           "blocker. Side effects such as a dry cough or swollen ankles should be reported."),
    ]


def off_topic(blocks: list[Block]) -> list[str]:
    return [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "off_topic"]


def test_a_word_strongly_tied_to_health_is_found_in_english_only():
    assert _strong_care_word(_lower_words(ASIDE), "en")  # "diet"
    assert not _strong_care_word(_lower_words(MATCH), "en")
    assert not _strong_care_word(_lower_words("Unsere Ernährung enthält zu viel Salz."), "de")  # carried: not read


def test_a_salt_aside_naming_the_diet_is_not_off_topic_but_a_match_report_is():
    assert off_topic(page(ASIDE)) == []
    assert off_topic(page(MATCH)) == [MATCH]
