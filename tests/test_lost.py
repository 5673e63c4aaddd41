"""Lost structure is never silent (flags/lost.py): a real page's headings and lists
against articles that kept them, lost them, or removed them on the record."""

from __future__ import annotations

from ascurate.config import load_config
from ascurate.extract import load_html
from ascurate.flags import block_offsets
from ascurate.flags.lost import KIND, lost_structure, page_outline
from ascurate.model import Block, Removal, join_blocks
from ascurate.pipeline import curate_document

from .corpus_pages import document, fold

CFG = load_config("/nonexistent/ascurate.toml")
LEAD = "has been shown to help:"  # wcxb-0027: "... (aka diaphragmatic breathing) has been shown to help:" + a list


def _page():
    doc, _ = document("health-dev", "wcxb-0027")
    return page_outline(load_html(doc.content))


def _blocks(outline, *, headings: bool = True, lists: bool = True) -> list[Block]:
    blocks = []
    for it in outline.items:
        if it.kind == "p":
            blocks.append(Block("paragraph", it.text))
        elif it.kind == "h" and headings:
            blocks.append(Block("heading", it.text, 2))
        elif it.kind == "list" and lists:
            blocks += [Block("list_item", e) for e in it.entries]
    return blocks


def _flags(blocks, removed=()):
    return lost_structure(_page(), join_blocks(blocks), blocks, block_offsets(blocks), list(removed))


def test_the_page_whole_has_nothing_lost():
    assert _flags(_blocks(_page())) == []


def test_a_lost_list_is_flagged_on_its_lead_in():
    blocks = _blocks(_page(), lists=False)
    flags = [f for f in _flags(blocks) if f.rule == "structure.list-lost"]
    assert any(f.quote.endswith(LEAD) for f in flags)
    text = join_blocks(blocks)
    assert all(text[f.start:f.end] == f.quote and f.kind == KIND and f.severity == "warning" for f in flags)


def test_vanished_headings_are_flagged():
    flags = [f for f in _flags(_blocks(_page(), headings=False)) if f.rule == "structure.headings-lost"]
    assert len(flags) == 1 and "section headings" in flags[0].message


def test_a_recorded_removal_is_not_a_loss():
    outline = _page()
    blocks = _blocks(outline, lists=False)
    removed = [Removal("\n".join(it.entries), "furniture.example") for it in outline.items if it.kind == "list"]
    assert not [f for f in _flags(blocks, removed) if f.rule == "structure.list-lost"]


def test_the_pipeline_keeps_or_flags_the_list():
    """The issue's example: the list after "has been shown to help:" is in the article or flagged."""
    doc, _ = document("health-dev", "wcxb-0027")
    art = curate_document(doc, CFG)
    lead = next(b for b in art.blocks if b.text.endswith(LEAD))
    after = art.blocks[art.blocks.index(lead) + 1]
    flagged = any(f.kind == KIND and fold(lead.text) in fold(f.quote) for f in art.flags)
    assert after.type == "list_item" or flagged
    if flagged:
        assert art.status != "clean"
