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


def test_page_facts_are_trafilaturas_metadata(corpus):
    """page_facts repeats trafilatura's extract_metadata minus categories, tags and
    licence: on every health-dev page the fields ascurate reads are the same, and the
    shared tree is left as it was (both trafilatura passes parse it afterwards)."""
    from lxml import etree
    from trafilatura.metadata import extract_metadata

    from ascurate.extract import TRAFILATURA_OPTIONS, load_html, page_facts

    pages = sorted((corpus / "health-dev").glob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        tree = load_html(page.read_text(encoding="utf-8"))
        before = etree.tostring(tree)
        ours = page_facts(tree)
        assert etree.tostring(tree) == before, page.name
        theirs = extract_metadata(load_html(page.read_text(encoding="utf-8")), None,
                                  TRAFILATURA_OPTIONS["date_extraction_params"], False, None)
        for field in ("title", "author", "date", "sitename", "url", "description", "hostname"):
            assert getattr(ours, field) == getattr(theirs, field), (page.name, field)
        # without the byline and date searches (the page's markup had them): the rest is the same
        lean = page_facts(tree, author=False, date=False)
        for field in ("title", "sitename", "url", "description", "hostname"):
            assert getattr(lean, field) == getattr(theirs, field), (page.name, field)


def test_pages_parse_and_extract_as_with_trafilaturas_parser(corpus):
    """load_html's parser picks lxml.html's element classes in C, not in a Python
    method: the trees and everything extracted from them are those of trafilatura's
    own `load_html` (every health-dev page)."""
    import trafilatura.utils
    from lxml import etree
    from lxml.html import HtmlElement

    from ascurate.extract import HTML_PARSER, load_html

    pages = sorted((corpus / "health-dev").glob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        ours, theirs = load_html(html), trafilatura.utils.load_html(html)
        assert isinstance(ours, HtmlElement)  # trafilatura takes it as a parsed page
        assert ours.getroottree().parser is HTML_PARSER  # the one that picks classes in C
        assert etree.tostring(ours) == etree.tostring(theirs), page.name
        assert extract_html(html, tree=ours) == extract_html(html, tree=theirs), page.name


def _body(result) -> bytes | None:
    """A trafilatura result's body as bytes (None without one), to compare results."""
    from lxml import etree

    return None if result is None or result.body is None else etree.tostring(result.body)


def _parsed(pages):
    """(page, its tree, the tree's bytes) for every corpus page that parses."""
    from lxml import etree

    from ascurate.extract import load_html

    for html in pages:
        tree = load_html(html)
        if tree is not None:
            yield html, tree, etree.tostring(tree)


def test_passes_give_bare_extractions_bodies(corpus_pages):
    """`passes` is trafilatura's `bare_extraction` reduced to the body ascurate reads: the
    same bodies (or the same None) for both passes' options, and for the other
    combinations of its steps (fast precise, slow wide), on every corpus page,
    whether it copies the tree or takes apart one the caller gives up, which it then
    leaves unusable and nothing else."""
    import trafilatura
    from lxml import etree

    from ascurate.extract import TRAFILATURA_OPTIONS, WIDER_PASSES, load_html, passes

    consumed = 0
    for html, tree, before in _parsed(corpus_pages):
        variants = [*WIDER_PASSES, {"fast": True},  # and the other ways the steps can combine
                    {"favor_precision": False, "favor_recall": True}]
        for options in (TRAFILATURA_OPTIONS, *({**TRAFILATURA_OPTIONS, **w} for w in variants)):
            theirs = _body(trafilatura.bare_extraction(tree, url="https://example.org/a", **{**options, "with_metadata": False}))
            assert _body(passes(tree, "https://example.org/a", options)) == theirs
            assert etree.tostring(tree) == before  # copied, not touched
            own = load_html(html)
            assert _body(passes(own, "https://example.org/a", options, own=True)) == theirs
            consumed += etree.tostring(own) != before
    assert consumed > 100  # taking the tree apart is what saves its copy


def test_one_pruning_for_all_passes_gives_bare_extractions_bodies(corpus_pages):
    """`cascade` runs ascurate's passes over one pruned page where they prune alike: the
    same bodies as `bare_extraction` with each pass's options, in order, on every corpus
    page, whether the page is copied (and left as it was) or taken apart; and the same
    with a slow wide pass beside the fast one (both then compare with readability)."""
    import trafilatura
    from lxml import etree

    from ascurate.extract import TRAFILATURA_OPTIONS, WIDER_PASSES, cascade, load_html

    url = "https://example.org/a"
    sets = [TRAFILATURA_OPTIONS, *({**TRAFILATURA_OPTIONS, **w} for w in WIDER_PASSES)]
    slow = [*sets, {**TRAFILATURA_OPTIONS, "favor_precision": False, "favor_recall": True}]
    shared = 0
    for html, tree, before in _parsed(corpus_pages):
        for option_sets in (sets, slow):
            theirs = [_body(trafilatura.bare_extraction(tree, url=url, **{**o, "with_metadata": False}))
                      for o in option_sets]
            assert [_body(r) for r in cascade(tree, url, option_sets)] == theirs
            assert etree.tostring(tree) == before
            assert [_body(r) for r in cascade(load_html(html), url, option_sets, own=True)] == theirs
        shared += not trafilatura.core._forum_thread_page(tree)
    assert shared > 150  # most pages take the shared path


def test_repair_is_trafilaturas(corpus_pages):
    """`repair_faulty_html` skips trafilatura's character filter only where it would
    delete nothing: the same repaired page as trafilatura's, on every corpus page and on
    the cases its steps are for."""
    import trafilatura.utils

    from ascurate.extract import repair_faulty_html

    crafted = [
        "<!DOCTYPE html>\n<html/>\n<body><p>x</p></body>",
        "<!doctype html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\r\n<html lang='en' />\r\n<p>y</p>",
        "\n\n\n<html xmlns='x'/>\n<p>fourth line</p>",
        "\n\n\n\n<html/>\n<p>fifth line: left alone</p>",
        "<html><body>form\x0cfeed and \x00 nul \ufffe</body></html>",
        "<p>" + "long first line " * 400 + "<html/>",
    ]
    for page in [*crafted, *corpus_pages]:
        beginning = page[:50].lower()
        assert repair_faulty_html(page, beginning) == trafilatura.utils.repair_faulty_html(page, beginning)


def test_prose_review_facts_are_the_whole_patterns_first_matches(corpus_pages):
    """`text_metadata` finds its patterns from their keywords: the same facts as searching
    with the whole patterns, on every corpus page's text and on random prose built from
    the patterns' pieces (leading words, spacing, case, keywords without a value)."""
    import random

    from ascurate.extract import _page_text, _search_metadata, load_html, text_metadata

    texts = [_page_text(t) for t in map(load_html, corpus_pages) if t is not None]
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
