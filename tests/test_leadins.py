"""Lead-ins of furniture: a lone lead-in closing what the cleaning kept, whose following
blocks the cleaning removed, goes with them (`furniture.lead-in`); a lead-in whose list
extraction lost, one the article goes on after, one with a strong promise ("include:") and
the closing sentence of a paragraph stay (and `dangling_list` still flags a lost list)."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.clean import clean
from ascurate.config import load_config
from ascurate.model import Block
from ascurate.pipeline import curate_document
from ascurate.rulebook import RuleError

from .corpus_pages import document, fold

CFG = load_config("/nonexistent/ascurate.toml")
RULE = "furniture.lead-in"
BODY = [Block("paragraph", "Gout is a form of arthritis that causes sudden, severe pain in a joint, most often the big "
                           "toe, when uric acid crystals build up in it over the years."),
        Block("paragraph", "Most people with gout manage it with medicine, a change of diet and plenty of water, and "
                           "attacks become rarer once the level of uric acid falls.")]
LEAD = Block("paragraph", "If you liked this post you might also like:")
TEASER = Block("paragraph", "Share this article")  # removed by the furniture rules (share box)


def _cut(res) -> list[str]:
    return [r.text for r in res.removed if r.reason == RULE]


def test_the_lead_in_of_removed_furniture_goes_with_it():
    res = clean([*BODY, LEAD, TEASER], CFG)
    assert [r.reason for r in res.removed if r.text == TEASER.text]  # the share box is furniture
    assert _cut(res) == [LEAD.text]
    assert [b.text for b in res.blocks] == [b.text for b in BODY]
    assert next(r for r in res.removed if r.reason == RULE).block == 2


def test_a_lead_in_with_nothing_after_it_stays_a_list_lost_by_extraction():
    res = clean([*BODY, LEAD], CFG)
    assert not _cut(res) and res.blocks[-1].text == LEAD.text


def test_a_lead_in_the_article_goes_on_after_stays():
    res = clean([*BODY[:1], LEAD, TEASER, BODY[1]], CFG)
    assert not _cut(res) and LEAD.text in [b.text for b in res.blocks]


@pytest.mark.parametrize("lead", ["Common symptoms of gout include:", "Zu den Auslösern gehören:",
                                  "Les signes les plus fréquents sont les suivants :"])
def test_a_lead_in_with_a_strong_promise_stays_its_list_is_the_articles(lead):
    res = clean([*BODY, Block("paragraph", lead), TEASER], CFG)
    assert not _cut(res) and res.blocks[-1].text == lead


def test_the_closing_sentence_of_a_paragraph_stays():
    para = Block("paragraph", "The image is owned by the university. It may be used with the following credit line:")
    res = clean([*BODY, para, TEASER], CFG)
    assert not _cut(res) and res.blocks[-1].text == para.text


def test_a_long_sentence_ending_in_a_colon_is_no_lead_in():
    long = Block("paragraph", "If you are interested in protocol exploration, reverse engineering or device fuzzing, "
                              "you can find the whole project here:")  # 17 words: a sentence of the article
    assert not _cut(clean([*BODY, long, TEASER], CFG))


def test_the_table_can_be_switched_off_and_a_bad_setting_is_named(tmp_path):
    (tmp_path / "site.toml").write_text('[[lead_in]]\nid = "furniture.lead-in"\ndisabled = true\n')
    off = dataclasses.replace(CFG, rules_dirs=(str(tmp_path),))
    assert not _cut(clean([*BODY, LEAD, TEASER], off))
    bad = tmp_path / "bad"  # rule files are read once per path
    bad.mkdir()
    (bad / "site.toml").write_text('[[lead_in]]\nid = "furniture.lead-in"\nmax_words = "many"\n')
    with pytest.raises(RuleError, match="lead_in"):
        clean([*BODY, LEAD, TEASER], dataclasses.replace(CFG, rules_dirs=(str(bad),)))


@pytest.mark.parametrize("name, lead", [
    ("wcxb-0488", "If you liked this post you might also like:"),  # its related posts: removed or never extracted
    ("wcxb-2235", "For additional information on the subject, try these:"),  # three removed teaser links
])
def test_on_published_pages_the_lead_in_goes_and_no_dangling_list_is_flagged(name, lead):
    doc, _ = document("wcxb-dev", name)
    art = curate_document(doc, CFG)
    assert [r.text for r in art.removed if r.reason == RULE] == [lead]
    assert fold(lead) not in fold(art.text)
    assert not [f for f in art.flags if f.kind == "dangling_list"]
