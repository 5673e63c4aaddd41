"""Text where two page elements meet stays two words: the glue ("monitoringSee") is made
by extraction, not by the page, and the garbled_text detector would flag it."""

from __future__ import annotations

import gzip
import re

import trafilatura
from lxml import etree

from ascurate.extract import extract_html
from ascurate.extract.adapter import TRAFILATURA_OPTIONS, keep_gaps, load_html, restore
from ascurate.extract.blocks import xml_blocks

_CAMEL = re.compile(r"\b[a-z]+[A-Z][a-z]+\b")


def _page(corpus, name: str) -> str:
    return gzip.decompress((corpus / "wcxb-dev" / f"{name}.html.gz").read_bytes()).decode("utf-8")


def _text(html: str) -> str:
    return "\n".join(b.text for b in extract_html(html).blocks)


def test_text_after_a_paragraph_inside_an_item_is_apart(corpus):
    # trafilatura's XML: <item><head>…</head><p>by Lauren Dragan</p>The Beats Powerbeats…</item>
    text = _text(_page(corpus, "wcxb-2891"))
    assert "Lauren Dragan The Beats Powerbeats" in text
    assert "DraganThe" not in text and "ButterworthWireless" not in text


def test_a_heading_inside_an_item_is_a_heading_of_its_own(corpus):
    # <li><h3>Native Apps</h3><p>Native apps are …</p></li>: run into the item's text it read
    # "Native Apps Native apps are …", which garbled_text flags as doubled words
    blocks = extract_html(_page(corpus, "wcxb-0278")).blocks
    at = next(i for i, b in enumerate(blocks) if b.text == "Native Apps")
    assert blocks[at].type == "heading" and blocks[at].level == 3
    assert blocks[at + 1].type == "list_item" and blocks[at + 1].text.startswith("Native apps are custom-built")
    assert not [b for b in blocks if "Native Apps Native" in b.text]


def test_a_heading_inside_an_item_is_followed_by_its_own_list(corpus):
    # <li><h5>What We Like:</h5><ul>…</ul><h5>What We Don't Like:</h5><ul>…</ul></li>: each
    # list stays under its heading, not after the item's last heading
    blocks = extract_html(_page(corpus, "wcxb-4893")).blocks
    labels = [i for i, b in enumerate(blocks) if b.text.startswith(("What We Like", "What We Don"))]
    assert len(labels) >= 10
    assert all(blocks[i].type == "heading" and blocks[i + 1].type == "list_item" for i in labels)
    at = next(i for i, b in enumerate(blocks) if b.text.startswith("Cybersecurity features provided"))
    assert blocks[at - 1].text == "What We Like:"


def test_product_cards_keep_their_buttons_apart(corpus):
    # <p>…live agent monitoring</p>See Packages, a card's button after its text, ten times
    text = _text(_page(corpus, "wcxb-4601"))
    assert "monitoring See Packages" in text
    assert not [t for t in _CAMEL.findall(text) if t.endswith(("View", "See", "Shop", "Get"))]


def test_nested_paragraphs_are_apart(corpus):
    # <p>Amar Hussain<p class="editor-name">Amar Hussain</p><p class="editor-title">Senior…
    text = _text(_page(corpus, "wcxb-0334"))
    assert "HussainSenior" not in text and "Hussain Senior Content Contributor" in text


def test_a_word_the_markup_splits_stays_whole():
    tree = load_html("<html><body><article><p>The <b>W</b>ord of the day is "
                     "<i>hyper</i>tension, a long word for a very common condition of the "
                     "blood vessels that many adults have without knowing it.</p></article></body></html>")
    result = trafilatura.bare_extraction(tree, **TRAFILATURA_OPTIONS)
    texts = [b.text for b in xml_blocks(result.body)]
    assert any("The Word of the day is hypertension" in t for t in texts)


def test_a_gap_held_by_an_empty_spacer_is_kept(corpus):
    # <span>…bannetons</span><div class="wprm-spacer"></div>\n<span>Use a Dutch oven…: trafilatura's
    # precise pass deletes the empty <div> with its tail, the only gap between the two tips
    text = "\n".join(b.text for b in extract_html(_page(corpus, "wcxb-4159")).blocks if b.type != "table")
    assert "bannetonsUse" not in text and "bannetons Use a Dutch oven" in text


def test_gaps_add_blanks_only_and_are_undone(corpus):
    html = _page(corpus, "wcxb-4159")
    tree = load_html(html)
    before = "".join(tree.itertext())
    changed = keep_gaps(tree)
    after = "".join(tree.itertext())
    # a space per change, nothing else: the page's characters as they were, some words apart
    assert after != before and "".join(after.split()) == "".join(before.split())
    assert len(after) == len(before) + len(changed)
    restore(changed)
    assert "".join(tree.itertext()) == before


def test_an_empty_block_element_between_two_texts_breaks_them(corpus):
    # <span>Advertisement</span><div class="ad-slot"></div><span>Advertisement</span>: no blank
    # in the markup, but a browser breaks the line at the <div>
    html = (corpus / "health-dev" / "wcxb-0027.html").read_text(encoding="utf-8")
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert "AdvertisementAdvertisement" not in text


def test_blocks_inside_a_paragraph_keep_their_type_and_place(corpus):
    # text set with <br> around <h3> and <ul>: trafilatura's XML puts the heading and the list
    # inside the <p> ("…manageable, such as:<list><item>Using only small…"); the lead-in stays
    # apart from its list, and the heading from the text under it
    blocks = extract_html(_page(corpus, "wcxb-0072")).blocks
    at = next(i for i, b in enumerate(blocks) if b.text.endswith("make each box manageable, such as:"))
    assert blocks[at].type == "paragraph"
    assert blocks[at + 1].type == "list_item" and blocks[at + 1].text.startswith("Using only small or medium-sized")
    heading = next(i for i, b in enumerate(blocks) if b.text == "Books")
    assert blocks[heading].type == "heading" and blocks[heading + 1].text.startswith("Although less fragile")
    assert not [b for b in blocks if b.type == "paragraph" and ("such as: Using" in b.text or "Books Although" in b.text)]


def test_a_list_inside_a_paragraph_follows_its_lead_in():
    tree = load_html("<html><body><article><div>Managing blood pressure at home takes a few habits that "
                     "most adults can keep up for years without much effort.<br><br>Useful habits include:"
                     "<ul><li>Measuring at the same time each morning</li><li>Cutting down on salt</li>"
                     "<li>Walking for thirty minutes a day</li></ul>Your doctor can tell you which matter "
                     "most for you.</div></article></body></html>")
    result = trafilatura.bare_extraction(tree, **TRAFILATURA_OPTIONS)
    got = [(b.type, b.text) for b in xml_blocks(result.body)]
    at = got.index(("paragraph", "Useful habits include:"))
    assert got[at + 1:at + 4] == [("list_item", "Measuring at the same time each morning"),
                                  ("list_item", "Cutting down on salt"), ("list_item", "Walking for thirty minutes a day")]
    assert ("paragraph", "Your doctor can tell you which matter most for you.") in got[at + 4:]


def test_a_list_in_the_middle_of_a_sentence_stays_in_it(corpus):
    # <p>0 : 0<list><item>narrow-browser-and-phone</item>…: a widget's breakpoints, not a lead-in and its list
    html = gzip.decompress((corpus / "bench" / "scrapinghub-57d46c9d75.html.gz").read_bytes()).decode("utf-8", "replace")
    blocks = extract_html(html).blocks
    assert any(b.type == "paragraph" and b.text.startswith("0 : 0 narrow-browser-and-phone") for b in blocks)
    assert not [b for b in blocks if b.type == "list_item" and b.text == "narrow-browser-and-phone"]


def test_a_blank_that_only_an_element_holds_stays_a_space(corpus):
    # "platforms like</span><span style=…><span> </span></span><a …>Runway ML": the blank is a
    # <span>'s only text, and the precise pass's fallback (jusText skips blank text) dropped it
    text = _text(_page(corpus, "wcxb-0108"))
    assert "likeRunway" not in text and "platforms like Runway ML, Pika" in text


def test_gaps_leave_inline_markup_alone():
    # a word split by inline markup is one word to a browser; an empty <div> breaks the line
    tree = load_html("<html><body><div>Hel<b>lo</b> <span>wor</span><i>ld</i>, <a href='/x'>hyper</a>"
                     "<span>tension</span><div></div><span>Next</span></div></body></html>")
    changed = keep_gaps(tree)
    assert "".join(tree.find(".//body").itertext()) == "Hello world, hypertension Next"
    assert len(changed) == 1


def test_gaps_are_undone_exactly(corpus):
    for name in ("wcxb-0108", "wcxb-4159"):
        tree = load_html(_page(corpus, name))
        before = etree.tostring(tree)
        changed = keep_gaps(tree)
        assert changed and etree.tostring(tree) != before
        restore(changed)
        assert etree.tostring(tree) == before
