"""Repeated blocks: a block that says again, word for word, what the article kept before it
goes with a record naming the block it repeats; real repeats on corpus pages, the sampled
index against a plain search, and the setting as data."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ascurate import rulebook
from ascurate.clean import clean
from ascurate.clean.repeats import drop_repeats
from ascurate.clean.result import Cleaned
from ascurate.config import load_config
from ascurate.model import Block
from ascurate.pipeline import curate_document
from ascurate.rulebook import RuleError

from .corpus_pages import document, fold

CFG = load_config("/nonexistent/ascurate.toml")
SETTING = rulebook.tables(rulebook.rule_paths(CFG), "repeat")["furniture.repeat"]
LEAD = ("Gout is a form of arthritis that causes sudden, severe pain in a joint, most often the big toe, "
        "when uric acid crystals build up.")
MIDDLE = "Attacks often start at night and can last a week or two before the swelling goes down again."
TAIL = "Most people with gout manage it with medicine, a change of diet and plenty of water."


def _texts(res: Cleaned) -> list[str]:
    return [b.text for b in res.blocks]


def test_a_pull_quote_and_a_second_copy_go_each_naming_the_block_it_repeats():
    quote = "Attacks often start at night and can last a week or two"  # 12 words, inside MIDDLE
    blocks = [Block("paragraph", LEAD), Block("paragraph", MIDDLE), Block("paragraph", quote.upper()),
              Block("paragraph", TAIL), Block("paragraph", LEAD)]
    res = clean(blocks, CFG)
    assert _texts(res) == [LEAD, MIDDLE, TAIL]
    reps = [(r.block, r.detail) for r in res.removed if r.reason == "furniture.repeat"]
    assert reps == [(2, "repeats block 1"), (4, "repeats block 0")]


def test_a_copy_across_two_blocks_goes_short_repeats_and_reordered_words_stay():
    joined = LEAD + " " + MIDDLE  # the copy set as one paragraph
    short = "Gout and diet in older adults"  # 6 words: a few words repeat by chance
    reordered = " ".join(reversed(MIDDLE.split()))
    blocks = [Block("paragraph", LEAD), Block("paragraph", MIDDLE), Block("paragraph", short),
              Block("paragraph", short), Block("paragraph", reordered), Block("paragraph", joined)]
    res = clean(blocks, CFG)
    assert _texts(res) == [LEAD, MIDDLE, short, short, reordered]
    assert [r.block for r in res.removed if r.reason == "furniture.repeat"] == [5]


def test_a_site_rule_file_can_switch_the_step_off(tmp_path):
    (tmp_path / "site.toml").write_text('[[repeat]]\nid = "furniture.repeat"\ndisabled = true\n')
    cfg = dataclasses.replace(CFG, rules_dirs=(str(tmp_path),))
    blocks = [Block("paragraph", LEAD), Block("paragraph", LEAD)]
    assert _texts(clean(blocks, cfg)) == [LEAD, LEAD]
    assert _texts(clean(blocks, CFG)) == [LEAD]


def test_a_bad_setting_names_the_table(tmp_path):
    (tmp_path / "site.toml").write_text('[[repeat]]\nid = "furniture.repeat"\nmin_words = 8\npattern = "(["\n')
    cfg = dataclasses.replace(CFG, rules_dirs=(str(tmp_path),))
    with pytest.raises(RuleError, match=r"\[\[repeat\]\] furniture.repeat: bad pattern"):
        clean([Block("paragraph", LEAD), Block("paragraph", LEAD)], cfg)


def _plain(blocks: list[list[str]], least: int) -> list[int]:
    """The repeats by a plain search of each block's words in the words kept before it."""
    seen, out = " ", []
    for i, words in enumerate(blocks):
        text = " ".join(words)
        if len(words) >= least and f" {text} " in seen:
            out.append(i)
        else:
            seen += text + " " if words else ""
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["ab", "c", "d"]), max_size=14), max_size=12),
       st.integers(min_value=4, max_value=9))
def test_the_sampled_index_finds_exactly_what_a_plain_search_finds(blocks, least):
    kept = [(i, Block("paragraph", " ".join(w))) for i, w in enumerate(blocks)]
    out = Cleaned(blocks=[])
    setting = {**SETTING, "min_words": least}
    stay = drop_repeats(kept, setting, out)
    assert [r.block for r in out.removed] == _plain(blocks, least)
    assert [i for i, _ in stay] == [i for i in range(len(blocks)) if i not in _plain(blocks, least)]


def test_the_plate_guide_said_twice_is_kept_once_on_a_real_page():
    """health-dev wcxb-0073: the Healthy Eating Plate's points come as a list and again as
    paragraphs among the candidates; the gold holds each once, and so does the article."""
    doc, gold = document("health-dev", "wcxb-0073")
    art = curate_document(doc, CFG)
    reps = [r for r in art.removed if r.reason == "furniture.repeat"]
    assert len(reps) >= 5
    for r in reps:
        assert r.detail is not None and int(r.detail.removeprefix("repeats block ")) < r.block
        assert fold(gold["main_content"]).count(fold(r.text)) == 1
        assert fold(art.text).count(fold(r.text)) == 1
