"""Two texts that meet at an inline element's edge with no blank stay two words where they read
as two ("approach</span>…<span class=br></span>The"): the page's style sheet breaks the line or
sets a heading there, and trafilatura, which sees no CSS, ran them together ("approachThe")."""

from __future__ import annotations

import gzip

from lxml import etree

from ascurate.extract import extract_html
from ascurate.extract.adapter import keep_gaps, load_html, restore, word_seam


def _html(corpus, name: str) -> str:
    path = corpus / f"{name}.html"
    if path.exists():
        return path.read_text(encoding="utf-8", errors="replace")
    return gzip.decompress((corpus / f"{name}.html.gz").read_bytes()).decode("utf-8", "replace")


def _text(corpus, name: str) -> str:
    return "\n".join(b.text for b in extract_html(_html(corpus, name)).blocks)


def test_line_breaks_made_by_a_class_stay_breaks(corpus):
    # conditions.<span class="id-r-component br"></span><span class="strong">An evidence-based
    # cognitive health approach</span><span class="… br"></span>The shift of meditation…
    text = _text(corpus, "wcxb-dev/wcxb-0119")
    for glued in ("approachThe", "protectionEarly", "regulationMeditation", "emotions.Long-term"):
        assert glued not in text
    assert "conditions. An evidence-based cognitive health approach The shift of meditation" in text


def test_texts_apart_at_an_inline_edge_are_two_words(corpus):
    # "Our Standards:</a><a>The Thomson Reuters…": two links set apart by the style sheet
    text = _text(corpus, "bench/scrapinghub-57d46c9d75")
    assert "Our Standards: The Thomson Reuters Trust Principles" in text and "Standards:The" not in text


def test_texts_apart_at_a_block_edge_stay_joined_and_at_an_inline_edge_get_a_blank():
    # "today<div>Tweet": the comment-thread rule reads such joins as a widget's line ends; an
    # inline edge ("question</span><span>Submit") gets a blank, which it reads as one too
    tree = load_html("<html><body><p>Posted today<div>Tweet</div> Ask your question<span>Submit</span></p></body></html>")
    changed = keep_gaps(tree)
    assert [(old, getattr(el, attr)) for el, attr, old in changed] == [(" Ask your question", " Ask your question ")]


def test_highlighted_code_stays_whole(corpus):
    # Go with a span per identifier: r.<span>MultipartForm</span>.<span>File</span>
    blocks = extract_html(_html(corpus, "wcxb-dev/wcxb-2831")).blocks
    code = "\n".join(b.text for b in blocks)
    assert "r.MultipartForm.File" in code and "r. MultipartForm" not in code


def test_seams_add_blanks_only_and_are_undone(corpus):
    tree = load_html(_html(corpus, "wcxb-dev/wcxb-0119"))
    before = etree.tostring(tree)
    text = "".join(tree.itertext())
    changed = keep_gaps(tree)
    after = "".join(tree.itertext())
    assert changed and "".join(after.split()) == "".join(text.split())
    assert len(after) == len(text) + len(changed)
    restore(changed)
    assert etree.tostring(tree) == before


def test_what_a_seam_is():
    assert word_seam("approach", "The shift") and word_seam("conditions.", "An") and word_seam("Standards:", "The")
    assert not word_seam("Hel", "lo") and not word_seam("W", "ord") and not word_seam("CO", "2")
    assert not word_seam("U.S.", "Army") and not word_seam("e", "Book")
    tree = load_html("<html><body><p>H<sub>2</sub>O and x<sup>N</sup>Total, <code>get<span></span>Element"
                     "</code>, <b>Hel</b>lo</p></body></html>")
    assert keep_gaps(tree) == []
