"""The page's text segments: what one block element owns, found in one walk, and which of
them trafilatura's candidates leave out (the win-back model's candidates)."""

from __future__ import annotations

from ascurate.extract import load_html
from ascurate.extract.segments import coverage, dom_index, locate, norm, segment_block, uncovered
from ascurate.model import Block

PAGE = """<html><head><title>Blue kettle</title><style>p { color: red }</style></head><body>
<div class="top"><a href="/">Home</a> <a href="/shop">Shop</a></div>
<h1>Blue kettle, 1.7 litres</h1>
<p>A kettle with a <b>stainless</b> steel body and a <a href="/f">blue</a> finish.<br>Boils in three minutes.</p>
<ul><li>Capacity: 1.7 l</li><li>Power: 2200 W <span>(UK plug)</span></li></ul>
<script>var tracking = "never text";</script>
<table><tr><td>Weight</td><td>1.2 kg</td></tr></table>
Loose text after the table
</body></html>"""
KEPT = [Block("heading", "Blue kettle, 1.7 litres", 1),
        Block("paragraph", "A kettle with a stainless steel body and a blue finish. Boils in three minutes.")]


def test_a_segment_is_the_text_one_block_element_owns():
    index = dom_index(load_html(PAGE))
    texts = [s.text for s in index.segments]
    assert texts == ["Home Shop", "Blue kettle, 1.7 litres",
                     "A kettle with a stainless steel body and a blue finish. Boils in three minutes.",
                     "Capacity: 1.7 l", "Power: 2200 W (UK plug)", "Weight", "1.2 kg", "Loose text after the table"]
    assert [s.element.tag for s in index.segments][1:5] == ["h1", "p", "li", "li"]
    assert "tracking" not in index.flat and "color" not in index.flat
    for s in index.segments:  # each segment's span of the flat text is its own text
        assert index.flat[s.start:s.end] == norm(s.text)
        assert index.spans[s.element][0] <= s.start and s.end <= index.spans[s.element][1]
    links = {s.text: s.links for s in index.segments}
    assert links["Home Shop"] == len("homeshop")
    assert links["A kettle with a stainless steel body and a blue finish. Boils in three minutes."] == len("blue")
    assert links["Capacity: 1.7 l"] == 0
    assert [segment_block(s).type for s in index.segments][1:5] == ["heading", "paragraph", "list_item", "list_item"]


def test_the_segments_trafilatura_left_out_in_page_order():
    index = dom_index(load_html(PAGE))
    located = locate(index, KEPT)
    assert [pos for _, _, pos in located] == sorted(pos for _, _, pos in located)
    assert [el.tag for el, _, _ in located] == ["h1", "p"]
    covered = coverage(index, KEPT, located)
    assert covered[-1] == len(norm(KEPT[0].text)) + len(norm(KEPT[1].text))
    assert [s.text for s in uncovered(index, covered)] == [
        "Home Shop", "Capacity: 1.7 l", "Power: 2200 W (UK plug)", "Weight", "1.2 kg", "Loose text after the table"]
    only_first = coverage(index, KEPT, located, [True, False])
    assert only_first[-1] == len(norm(KEPT[0].text))


def test_a_page_trafilatura_keeps_whole_leaves_nothing_out():
    text = ("Gout is a form of arthritis. " * 8).strip()
    index = dom_index(load_html(f"<html><body><article><p>{text}</p></article></body></html>"))
    para = [Block("paragraph", text)]
    assert uncovered(index, coverage(index, para, locate(index, para))) == []


def test_text_in_nested_inline_elements_and_after_a_comment_belongs_to_its_block():
    page = ("<html><body><div><p>Take <em>one <b>tablet</b> daily</em><!-- dose --> with water.</p>"
            "<span>Loose <i>span</i> text</span> after</div></body></html>")
    index = dom_index(load_html(page))
    assert [(s.element.tag, s.text) for s in index.segments] == [
        ("p", "Take one tablet daily with water."), ("div", "Loose span text after")]
    # each piece of the flat text keeps the element whose text or tail it is
    pieces = {index.flat[a:b]: o.tag for a, b, o in zip(index.starts, index.starts[1:] + [len(index.flat)],
                                                         index.owners, strict=True)}
    assert pieces == {"take": "p", "one": "em", "tablet": "b", "daily": "em", "withwater": "p",
                      "loose": "span", "span": "i", "text": "span", "after": "div"}


def test_norm_keeps_word_characters_casefolded_as_the_pattern_does():
    """An ASCII text takes a shortcut over its bytes; both ways keep \\w's characters, casefolded."""
    import re

    for text in ("Blue_kettle, 1.7 l!", "\x1c\x1fA\tb\x7f~", "Straße İstanbul ﬁne", "Ünïcode — 12½", "", "a_b-c"):
        assert norm(text) == re.sub(r"\W+", "", text.casefold())
    assert norm("Mixed CASE, 12_3") == "mixedcase12_3"


def _page(corpus, stem: str) -> str:
    import gzip

    return gzip.decompress((corpus / "wcxb-dev" / f"{stem}.html.gz").read_bytes()).decode("utf-8", "replace")


def test_a_noscript_view_of_the_page_is_its_text(corpus):
    """A Discourse thread saved before its script ran: the posts are only in <noscript>,
    where trafilatura reads them; the walk reads them too, so every candidate is found."""
    from ascurate.extract import extract_html
    from ascurate.extract.segments import noscript_views

    page = _page(corpus, "wcxb-0510")
    tree = load_html(page)
    assert len(noscript_views(tree.find(".//body"))) == 1
    index = dom_index(tree)
    blocks = extract_html(page, None, load_html(page)).blocks
    assert blocks and all(pos >= 0 for _, _, pos in locate(index, blocks))
    assert "deployfailedforunknownreason" in index.flat


def test_a_noscript_notice_stays_out_of_the_text(corpus):
    """A shop's <noscript> notice beside the page's own text is no view of the page."""
    from ascurate.extract.segments import noscript_views

    tree = load_html(_page(corpus, "wcxb-0612"))
    assert not noscript_views(tree.find(".//body"))
    small = load_html("<html><body><noscript><p>Please enable JavaScript to use this site.</p></noscript>"
                      "<p>Blue kettle, 1.7 litres.</p></body></html>")
    assert "javascript" not in dom_index(small).flat
