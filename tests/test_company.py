"""The rest of a disclaimer box (`furniture.disclaimer-company`): when a disclaimer rule
takes one sentence of the box, the short sentences of generic advice beside it, whose words
the article does not share, go with it under one rule id; the article's own advice, which
speaks of its subject, and its paragraphs stay."""

from __future__ import annotations

from ascurate.clean import clean
from ascurate.config import load_config
from ascurate.model import Block

CFG = load_config("/nonexistent/ascurate.toml")
RULE = "furniture.disclaimer-company"
BODY = [Block("paragraph", "Gout is a form of arthritis that causes sudden, severe pain in a joint, most often the big "
                           "toe, when uric acid crystals build up in it over the years."),
        Block("paragraph", "Most people with gout manage it with medicine, a change of diet and plenty of water, and "
                           "attacks become rarer once the level of uric acid in the blood falls."),
        Block("paragraph", "Cherries, low-fat dairy and coffee may lower uric acid a little; beer and sugary drinks "
                           "raise it and make attacks of gout more likely.")]
DISCLAIMER = Block("paragraph", "All information provided on this website is for information purposes only.")
ADVICE = [Block("paragraph", "Only someone who has examined you can tell you what is right for you."),
          Block("paragraph", "Ring the emergency services rather than searching online when something feels wrong.")]


def _cut(res) -> list[str]:
    return [r.text for r in res.removed if r.reason == RULE]


def test_the_advice_beside_a_disclaimer_goes_with_it_in_one_record_each():
    res = clean([*BODY, DISCLAIMER, *ADVICE], CFG)
    assert [r.reason for r in res.removed if r.text == DISCLAIMER.text] == ["furniture.disclaimer"]
    assert _cut(res) == [b.text for b in ADVICE]
    assert [b.text for b in res.blocks] == [b.text for b in BODY]
    assert all(r.detail == "with furniture.disclaimer in block 3" for r in res.removed if r.reason == RULE)
    assert ADVICE[0].text in res.metadata["disclaimer"]
    top = clean([*ADVICE, DISCLAIMER, *BODY], CFG)  # the box at the top of the page: the same
    assert _cut(top) == [b.text for b in ADVICE]


def test_without_a_disclaimer_the_same_lines_stay():
    res = clean([*BODY, *ADVICE], CFG)
    assert _cut(res) == []
    assert [b.text for b in res.blocks] == [b.text for b in [*BODY, *ADVICE]]


def test_the_article_s_own_advice_and_paragraphs_beside_a_disclaimer_stay():
    own = Block("paragraph", "See a doctor if an attack of gout lasts more than a week or the joint is hot.")
    res = clean([BODY[0], own, DISCLAIMER, *BODY[1:]], CFG)
    assert _cut(res) == []  # its words (gout, attack) are the article's; the paragraphs are long
    assert [b.text for b in res.blocks] == [b.text for b in [BODY[0], own, *BODY[1:]]]


def test_the_box_ends_at_the_first_line_that_is_not_its_own():
    res = clean([*BODY[:2], DISCLAIMER, ADVICE[0], BODY[2], ADVICE[1]], CFG)
    assert _cut(res) == [ADVICE[0].text]  # the advice after the article's paragraph is no part of the box
