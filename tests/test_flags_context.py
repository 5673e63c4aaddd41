"""Gates (flags/context.py, `[[page_type_gate]]` and `[[block_type_gate]]` in
rules/flags.toml): what the page is, and the block a passage stands in, decide what is a
leftover. Real wcxb-dev pages, whose gold lists no leftover, curated as `ascurate run` does."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from ascurate.config import load_config
from ascurate.flags import block_offsets, detect
from ascurate.flags.context import block_gates, gates
from ascurate.pipeline import curate_document
from ascurate.rulebook import rule_paths

from .corpus_pages import document

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
KINDS = {"editorial_note", "placeholder", "ai_leftover", "off_topic", "foreign_text", "garbled_text",
         "missing_value", "dangling_list", "mixed_voice", "lost_structure"}


def _curated(name: str, url: bool = True):
    """The page curated; `url=False`: as `ascurate run` reads the raw file, whose HTML
    states no address (the page-type model is less sure without one)."""
    doc, _ = document("wcxb-dev", name)
    return curate_document(doc if url else dataclasses.replace(doc, url=None), CFG)


def _kinds(art) -> set[str]:
    return {f.kind for f in art.flags if f.severity != "info"}


@pytest.mark.parametrize(("name", "page_type", "gate", "kind"), [
    # a forum thread: posters address each other by @name ("@luizjr4 Do you appear as Premium user ...")
    ("wcxb-0553", "forum", "gate.forum-thread", "editorial_note"),
    # a product page: review cards run together ("purchaseArrived", "purchaseGreat")
    ("wcxb-0614", "product", "gate.shop-page", "garbled_text"),
    # documentation: example values in its prose ("99999999")
    ("wcxb-0680", "documentation", "gate.documentation", "placeholder"),
    # a service page: the titles and blurbs of its feature tabs run into one another
    # ("agentsAutomate", "chatOffer")
    ("wcxb-0693", "service", "gate.service-page", "garbled_text"),
    # a listing of posts: teaser cards whose dates run into titles ("3 days agoCalifornia")
    ("wcxb-1795", "listing", "gate.listing-page", "garbled_text"),
])
def test_a_page_type_gate_drops_what_the_page_holds_by_nature(name, page_type, gate, kind):
    art = _curated(name)
    meta = art.metadata["page_type"]
    assert meta["type"] == page_type
    assert kind not in _kinds(art)
    assert meta["gated_flags"][gate] >= 1
    # the detectors still see it: the same text read as an article's is flagged
    assert kind in {f.kind for f in detect(art.text, art.blocks, CFG, art.language, page_type={"article": 1.0})}


def test_a_documentation_page_with_only_example_values_is_clean():
    art = _curated("wcxb-0688")  # "[OPTION]", "0123456789" in its code were its only flags: nothing to edit
    assert art.metadata["page_type"]["type"] == "documentation"
    assert art.status != "needs_review" and not _kinds(art)


def test_an_article_keeps_its_flags():
    """A gate holds on the page type it names only, and on a sure enough call of it."""
    art = _curated("wcxb-0553")
    flags = detect(art.text, art.blocks, CFG, art.language, page_type={"article": 0.99, "forum": 0.01})
    assert "editorial_note" in {f.kind for f in flags}
    unsure = [g for g in gates(rule_paths(CFG)) if g.min_score > 0.5]
    assert unsure, "listing and service are the types articles are mistaken for: their gates wait for a surer call"
    for g in unsure:
        kind = sorted(g.page_types)[0]
        probs = {kind: g.min_score - 0.01, "article": 1.01 - g.min_score}
        assert {f.kind for f in detect(art.text, art.blocks, CFG, art.language, page_type=probs)} == {f.kind for f in flags}


def test_a_page_surely_no_article_is_gated_whatever_type_it_leans_to():
    """wcxb-1350, a forum thread read without its address: a poster's "theif" is no kind
    the forum gate names, but the model gives article 0.001: a page of many hands' posts,
    whose typos are nobody's draft."""
    art = _curated("wcxb-1350", url=False)
    meta = art.metadata["page_type"]
    assert meta["type"] == "forum"
    assert "garbled_text" not in _kinds(art)
    assert meta["gated_flags"]["gate.not-an-article"] >= 1
    flags = detect(art.text, art.blocks, CFG, art.language, page_type={"forum": 0.94, "article": 0.06})
    assert "garbled_text" in {f.kind for f in flags}  # 0.94 is no sure call: the gate waits for 0.95


def test_nothing_is_flagged_inside_a_code_block():
    """wcxb-4414 is an article whose code block holds SQL with "[Add Index]" in it: an
    example, not a placeholder."""
    art = _curated("wcxb-4414")
    assert art.metadata["page_type"]["type"] == "article"
    code = [(o, o + len(b.text)) for b, o in zip(art.blocks, block_offsets(art.blocks), strict=True) if b.type == "code"]
    assert any("[Add Index]" in art.text[s:e] for s, e in code)
    assert not [f for f in art.flags if any(s <= f.start and f.end <= e for s, e in code)]
    assert art.metadata["page_type"]["gated_flags"]["gate.code-block"] >= 1


def test_headings_a_shop_page_lost_are_its_cards_not_damage():
    """wcxb-2981, a product page: the headings its text lost (flags/lost.py) are its product
    cards' titles ("Our most economical do-everything toolkit ..."); they go through the page
    gates like the detectors' flags, and are counted where the gates say what they dropped."""
    art = _curated("wcxb-2981", url=False)
    meta = art.metadata["page_type"]
    assert meta["type"] == "product"
    assert not [f for f in art.flags if f.kind == "lost_structure"]
    by_detectors: Counter[str] = Counter()
    detect(art.text, art.blocks, CFG, art.language, page_type={"product": 1.0}, gated=by_detectors)
    assert sum(meta["gated_flags"].values()) > sum(by_detectors.values())


def test_the_gates_are_data_over_known_kinds():
    paths = rule_paths(CFG)
    found = [*gates(paths), *block_gates(paths)]
    assert {g.id for g in found} >= {"gate.forum-thread", "gate.shop-page", "gate.documentation", "gate.code-block"}
    for g in found:
        assert g.kinds and g.kinds <= KINDS, g.id
