"""Extraction on the corpus: blocks keep their types, pages say things about themselves."""

from __future__ import annotations

import json

from ascurate.extract import extract_html, extract_text


def test_text_input_title_headings_paragraphs(corpus):
    seed = corpus / "seeds" / "000_12dd5c0043177de4.txt"
    gold = json.loads(seed.with_name("000_12dd5c0043177de4.gold.json").read_text())
    ex = extract_text(seed.read_text(encoding="utf-8"))
    assert ex.title == gold["title"]
    headings = [b.text for b in ex.blocks if b.type == "heading"]
    assert headings[: len(gold["headings"])] == gold["headings"]
    assert sum(b.type == "paragraph" for b in ex.blocks) >= 8


def test_html_blocks_and_metadata(corpus):
    html = (corpus / "health-dev" / "readability-webmd-1.html").read_text(encoding="utf-8")
    ex = extract_html(html)
    types = {b.type for b in ex.blocks}
    assert {"heading", "paragraph"} <= types
    assert ex.title and "Peanut" in ex.title
    assert ex.metadata.get("authors")


def test_jsonld_review_facts_and_lists():
    page = """<html><head><link rel="canonical" href="https://ex.org/gout">
    <script type="application/ld+json">{"@type":"MedicalWebPage","datePublished":"2021-03-04",
      "lastReviewed":"2023-05-06","reviewedBy":{"@type":"Person","name":"Dr. Ann Lee"},
      "author":[{"name":"Bo Chen"}],"publisher":{"name":"Health Ex"}}</script></head>
    <body><article><h1>Gout</h1><p>Gout is a form of arthritis that causes sudden, severe joint pain.
    It often starts in the big toe and is linked to high uric acid levels in the blood.</p>
    <h2>Treatment</h2><p>Treatments for gout include:</p><ul><li>colchicine for flares</li>
    <li>allopurinol to lower uric acid</li></ul><p>Most people recover well with treatment and
    lifestyle changes such as weight loss, less alcohol and fewer sugary drinks.</p></article></body></html>"""
    ex = extract_html(page)
    assert ex.metadata["reviewed_by"] == ["Dr. Ann Lee"]
    assert ex.metadata["last_reviewed"] == "2023-05-06"
    assert ex.metadata["published"] == "2021-03-04"
    assert ex.metadata["publisher"] == "Health Ex"
    assert ex.metadata["canonical_url"] == "https://ex.org/gout"
    items = [b.text for b in ex.blocks if b.type == "list_item"]
    assert items == ["colchicine for flares", "allopurinol to lower uric acid"]
    assert any(b.type == "heading" and b.text == "Treatment" for b in ex.blocks)


def test_extraction_leaves_the_shared_tree_as_it_was(corpus):
    """Both trafilatura passes read copies: the pipeline's parsed page is the same after."""
    from lxml import etree

    from ascurate.extract import load_html

    for page in sorted((corpus / "health-dev").glob("*.html"))[:6]:
        html = page.read_text(encoding="utf-8")
        tree = load_html(html)
        before = etree.tostring(tree)
        ex = extract_html(html, tree=tree)
        assert etree.tostring(tree) == before, page.name
        assert ex.blocks and len(ex.precise) == len(ex.blocks) == len(ex.features)


def test_candidates_merge_both_passes_in_page_order():
    from ascurate.extract import merge
    from ascurate.model import Block

    precise = [Block("paragraph", t) for t in ("b", "c", "e")]
    wider = [Block("paragraph", t) for t in ("a", "b", "c", "d", "e", "f")]
    blocks, kept = merge(precise, wider)
    assert [b.text for b in blocks] == ["a", "b", "c", "d", "e", "f"]
    assert kept == [False, True, True, False, True, False]
    assert merge(precise, []) == (precise, [True] * 3)


def test_importing_ascurate_leaves_trafilatura_as_it_is():
    """No import of ascurate rewrites trafilatura: its XPath lists are its own (the
    compiled XPaths are opt-in, ASCURATE_FAST_XPATHS=1)."""
    import trafilatura.xpaths as xp
    from lxml.etree import XPath

    import ascurate.extract.adapter
    import ascurate.pipeline  # noqa: F401

    if ascurate.extract.adapter.FAST_XPATHS:
        return
    lists = [v for v in vars(xp).values() if isinstance(v, list) and v and isinstance(v[0], XPath)]
    assert len(lists) > 5
    assert all(type(x) is XPath for v in lists for x in v)


def test_prose_review_facts_are_the_whole_patterns_first_matches(corpus_pages):
    """`text_metadata` finds its patterns from their keywords: the same facts as searching
    with the whole patterns, on every corpus page's text and on random prose built from
    the patterns' pieces (leading words, spacing, case, keywords without a value)."""
    import random

    from ascurate.extract import load_html
    from ascurate.extract.metadata import _search_metadata, page_text, text_metadata

    texts = [page_text(t) for t in map(load_html, corpus_pages) if t is not None]
    found = sum(bool(text_metadata(t)) for t in texts)
    assert [text_metadata(t) for t in texts] == [_search_metadata(t) for t in texts]
    assert found > 20
    pieces = ["Last", "last", "page last", "Page Last", "Medically", "clinically", "expert", "date", "xlast", "blast",
              "reviewed", "Reviewed", "REVIEWED", "reviewed by", "Reviewed By:", "updated", "Updated on", "UPDATED:",
              "on", ":", "Dr.", "Dr", "Jane Smith, MD", "john", "Ann Lee", "Jan 5, 2020", "5 March 2021",
              "2022-01-02", "3/4/21", "Sept. 9 2019", "the", "and", "İ", "revıewed", "ſ", " ", "  ", "\n", "\u2003",
              "\t", "", ",", "."]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) + rng.choice([" ", "", "\n", "  "]) for _ in range(rng.randint(1, 14)))
        assert text_metadata(text) == _search_metadata(text), repr(text)
