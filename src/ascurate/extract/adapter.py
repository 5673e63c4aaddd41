"""The trafilatura adapter: an HTML page becomes candidate blocks, a title and metadata.

trafilatura is called through its public API (`load_html`, `bare_extraction`) and its
structured output (its XML body, flattened by `blocks.py`), so headings, list items,
tables and quotes stay blocks; comments are excluded (trafilatura's default includes
them). A precise and a recall-oriented pass give the candidate blocks, each with the
boilerplate model's features (clean/boilerplate.py), which decides what stays. Page
metadata comes from trafilatura plus what it ignores (`metadata.py`).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lhtml

from ..model import Block, Extracted
from . import compiled_xpaths
from .blocks import clean_space, xml_blocks
from .metadata import page_metadata, page_text, text_metadata
from .segments import dom_index, kept_by, locate

# trafilatura's XPaths as Python (opt-in, for the trafilatura version they were verified on)
FAST_XPATHS = os.environ.get("ASCURATE_FAST_XPATHS", "") == "1" and compiled_xpaths.enable()

_SITE_SEPARATOR = re.compile(r"\s+(?:[|»•·]|&bull;|&raquo;)\s+")

# trafilatura's settings, measured on the corpora (bench/cleaning.py prints the figures)
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
    "include_links": False,
    "include_images": False,
    "with_metadata": True,
    "deduplicate": False,
    "favor_precision": True,
    # htmldate's extensive search guesses a date from free text through dateparser, a
    # heavy path (its regex cache thrashes), for 4 dates in 206 pages, one wrong
    # (2000-01-01). Markup dates stay, and text_metadata reads "last reviewed" lines itself.
    # (htmldate's own parameters, as trafilatura's documentation says to pass them)
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}
# the recall-oriented pass that gives the boilerplate model its other candidates
RECALL_OPTIONS: dict[str, Any] = {**TRAFILATURA_OPTIONS, "with_metadata": False, "favor_precision": False,
                                  "favor_recall": True, "fast": True}
# `extends` (a feature of the model): the recall pass kept nearly all of the precise one and added to it
WIDER_KEEP = 0.95  # share of the first pass's words the wider pass must keep
WIDER_MIN_GAIN = 1.01  # and it must be longer
_TOKEN = re.compile(r"\w+")


def extract_html(page: str, url: str | None = None, tree: Any = None, *, own_tree: bool = False,
                 page_type: Any = None) -> Extracted:
    """Candidates from trafilatura's precise pass and its recall pass, merged in page
    order, each with the boilerplate model's features (`clean/boilerplate.py`) read
    from the element of the page it came from; the page's other segments with the
    win-back model's features where they may matter (`clean/winback.py`). The tree is left as
    it was (`keep_gaps` spaces it for trafilatura's passes, `restore` undoes it) (`own_tree`:
    accepted for callers that give it up; trafilatura copies it all the same). `page_type`
    (`pagetype.classify`'s call): the segments are featurised only under its type's gate,
    the only pages the win-back model judges (without it: under the card's largest gate).
    The reader discussions the page's markup shows (`clean/threads.py`) are found here, while
    the tree is at hand, and cut in cleaning."""
    # at call time: clean/templates imports this package's parser
    from ..clean import boilerplate, threads, winback

    if tree is None:
        tree = load_html(page)
    meta: dict[str, Any] = {}
    page_title = prose = ""
    source: Any = page
    index = None
    if tree is not None:
        meta = page_metadata(tree)
        page_title, prose = clean_space(tree.findtext(".//title")), page_text(tree)
        index = dom_index(tree)
        source = tree
    spaced = keep_gaps(tree) if tree is not None else []
    try:
        result = _bare(source, url, TRAFILATURA_OPTIONS)
        wide = _bare(source, url, RECALL_OPTIONS)
    finally:
        restore(spaced)
    precise = xml_blocks(result.body) if result is not None and result.body is not None else []
    wider = xml_blocks(wide.body) if wide is not None and wide.body is not None else []
    blocks, in_precise = merge(precise, wider)
    title = None
    if result is not None:
        title = clean_space(result.title) or None
        for key, value in (
            ("authors", _split_authors(result.author)),
            ("published", result.date),
            ("publisher", result.sitename),
            ("canonical_url", result.url),
            ("description", result.description),
            ("hostname", result.hostname),
        ):
            if value and key not in meta:
                meta[key] = value
    title = choose_title(page_title, title, meta.pop("title", None), precise or blocks)
    if prose:
        meta.update({k: v for k, v in text_metadata(prose).items() if k not in meta})
    wide_extends = extends(wider, precise)
    located = locate(index, blocks) if index is not None else None
    memo = boilerplate.Memo()
    # what the candidates hold of the page, shared by both models' features
    page_kept = kept_by(index, blocks, located, in_precise) if index is not None and located is not None else None
    rows = boilerplate.features(blocks, in_precise, located, wide_extends, memo, index, page_kept)
    segments = None
    if index is not None and located is not None:
        setting = winback.setting(page_type) if page_type is not None else None
        gate = float(setting["gate"]) if setting is not None else None
        segments = winback.candidates(index, blocks, in_precise, located, wide_extends, memo, gate=gate,
                                      page=page_kept)
    # a page whose records are its content keeps them whatever they look like (`threads.cut`)
    units = threads.find(index, blocks, located, segments.blocks if segments is not None else ()) \
        if index is not None and located is not None \
        and (page_type is None or page_type.type not in threads.CONTENT_RECORDS) else None
    return Extracted(title=title, blocks=blocks, metadata=meta, precise=in_precise, features=rows,
                     segments=segments, threads=units)


# where a browser breaks the line (CSS's default `display: block`, list items, table cells, <hr>)
BREAKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_NOT_TEXT = frozenset({"script", "style", "template", "noscript"})  # their text is no page text
_KEPT = frozenset({"br", "img"})  # trafilatura keeps a <br> (a line break) and an <img>'s tail
Change = tuple[Any, str, str | None]


def keep_gaps(tree: Any) -> list[Change]:
    """A space where trafilatura would lose the only gap between two texts, for its passes.

    Its passes and fallbacks (jusText skips blank text) drop whitespace that an element
    alone held: an empty element with its blank tail ("bannetons</span><div></div>\n<span>Use"),
    a `<span> </span>` between two words ("platforms like<span> </span><a>Runway"), and an
    empty block-level element that was the only break ("Advertisement</span><div></div><span>
    Advertisement"). The text before such an element gets a trailing space, only between
    two texts that have none; inline markup is never split ("Hel<b>lo</b>"). Texts in two
    adjacent non-empty blocks that trafilatura joins ("today<div>Tweet") stay joined: the
    comment-thread rule (`clean/comments.py`) reads those joins as a widget's line ends.
    Two texts that meet at inline element edges get a blank where they read as two words
    (`word_seam`: "approach</span><span class=br></span>The", "returns</a><a>What",
    "Standards:</a><a>The"): the page breaks the line or sets a label apart there by its
    style sheet, which trafilatura never sees; the comment-thread rule reads such a blank as
    a possible line end (`comments._seam_points`). Code (<pre>, <code>) and sub- or
    superscripts are left alone. Returns what it changed, for `restore`."""
    changed: list[Change] = []
    bodies = tree.xpath("//body") if hasattr(tree, "xpath") else []
    root = bodies[0] if bodies else tree
    last: tuple[Any, str] | None = None  # the text slot that holds the text so far's last character
    broken = False  # a gap since that text that trafilatura may lose
    literal = 0  # open code and sub-/superscript elements
    plain = True  # no such element started or ended since that text
    inline = True  # no block-level element started or ended since that text

    def text(el: Any, attr: str, value: str | None) -> None:
        nonlocal last, broken, plain, inline
        if not value:
            return
        if value.isspace():
            if _fragile(el, attr):
                broken = True
            else:
                last, broken = None, False  # a blank that stays
            return
        if last is not None and not value[0].isspace() and (
                broken or (plain and inline and not literal and value[0].isupper() and word_seam(getattr(*last), value))):
            at, where = last
            old = getattr(at, where)
            changed.append((at, where, old))
            setattr(at, where, old + " ")
        broken = False
        plain = inline = True
        last = None if value[-1].isspace() else (el, attr)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if el is root:
            if event == "start":
                text(el, "text", el.text)
            continue
        if tag in BREAKS and not len(el) and not el.text:  # an empty block: a break
            broken = True
        if tag in BREAKS:
            inline = False
        if tag in _LITERAL:
            literal += 1 if event == "start" else -1
            plain = False
        if event == "start":
            if tag not in _NOT_TEXT:
                text(el, "text", el.text)
        else:
            text(el, "tail", el.tail)
    return changed


# text whose element edges are no word boundaries: highlighted code, H<sub>2</sub>O, x<sup>2</sup>
_LITERAL = frozenset({"pre", "code", "kbd", "samp", "var", "sub", "sup", "math"})
_SENTENCE_END = frozenset(".!?:;")


def word_seam(before: str, after: str) -> bool:
    """Two texts that read as two words where they meet: a lower-case letter, or a sentence
    end after one, then a capital ("approach|The", "conditions.|An"): a word of prose with a
    capital after a lower-case letter ("McDonald", "JavaScript") is rarely cut by an element edge."""
    if len(before) < 2 or not after[0].isupper():
        return False
    last = before[-1]
    if last in _SENTENCE_END:
        last = before[-2]
    return last.islower()


def _fragile(el: Any, attr: str) -> bool:
    """Blank text that trafilatura deletes with its element: the text of an element with no
    children, or the tail of an element with no content (not a <br>'s or an <img>'s)."""
    if not isinstance(el.tag, str) or len(el) or el.tag in _KEPT:
        return False
    return attr == "text" or not el.text


def restore(changed: list[Change]) -> None:
    """The tree as it was before `keep_gaps`."""
    for el, attr, value in reversed(changed):
        setattr(el, attr, value)


def _bare(source: Any, url: str | None, options: dict[str, Any]) -> Any:
    """`trafilatura.bare_extraction` (which copies a parsed page before it prunes it);
    None where trafilatura finds nothing or fails on the page."""
    try:
        return trafilatura.bare_extraction(source, url=url, **options)
    except (TypeError, ValueError, AttributeError):  # trafilatura's own bugs on odd pages: no result
        return None


def merge(precise: list[Block], wider: list[Block]) -> tuple[list[Block], list[bool]]:
    """Both passes' blocks in page order, each once, and whether the precise pass kept it:
    the blocks they share are aligned (difflib), and where they differ the precise pass's
    come first."""
    if not wider:
        return list(precise), [True] * len(precise)
    out: list[Block] = []
    kept: list[bool] = []
    matcher = SequenceMatcher(None, [b.text for b in precise], [b.text for b in wider], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(wider[j1:j2])
            kept.extend([True] * (j2 - j1))
            continue
        mine = precise[i1:i2]
        texts = {b.text for b in mine}
        out.extend(mine)
        kept.extend([True] * len(mine))
        others = [b for b in wider[j1:j2] if b.text not in texts]
        out.extend(others)
        kept.extend([False] * len(others))
    return out, kept


def extends(wider: list[Block], blocks: list[Block]) -> bool:
    """The wider extraction keeps nearly all of the narrower one and adds to it: it
    found more of the same article (cards, lists, asides that favor_recall keeps),
    not another part of the page."""
    a = Counter(_TOKEN.findall(" ".join(b.text for b in blocks).casefold()))
    b = Counter(_TOKEN.findall(" ".join(b.text for b in wider).casefold()))
    na, nb = sum(a.values()), sum(b.values())
    return nb > na * WIDER_MIN_GAIN and sum((a & b).values()) >= WIDER_KEEP * na


def choose_title(page_title: str, extracted: str | None, declared: str | None, blocks: list[Block]) -> str | None:
    """The article's title, not the site section's: a body heading that the page's
    <title> (`page_title`, cleaned) or og:title repeats wins; then og:title/headline;
    then trafilatura's guess."""
    named = [t.casefold() for t in (page_title, declared) if t]
    for b in blocks[:8]:
        if b.type == "heading" and len(b.text) > 8 and any(b.text.casefold() in t for t in named):
            return b.text
    if page_title:
        first = re.split(r"\s+[|–—·»]\s+|\s+-\s+", page_title)[0].strip()
        if len(first) > 8 and (not extracted or extracted.casefold() not in page_title.casefold()):
            return first
    return strip_site_name(declared or extracted or page_title) or None


def strip_site_name(title: str | None) -> str | None:
    """'Gout | Patient Education | Example Hospital' -> 'Gout': pages append the site
    and section after a pipe or bullet; dashes are left alone (titles use them)."""
    if not title:
        return title
    first = _SITE_SEPARATOR.split(title)[0].strip()
    return first if len(first) > 8 else title


def load_html(page: str) -> Any:
    """The page parsed once, by trafilatura's `load_html` (comments and processing
    instructions dropped, encoding and faulty markup repaired); lxml's own parser
    when trafilatura rejects it. Passes and metadata readers share this tree."""
    try:
        tree = trafilatura.load_html(page)
    except (etree.ParserError, ValueError, TypeError):
        tree = None
    return tree if tree is not None else parse_html(page)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def without_xml_declaration(page: str) -> str:
    """lxml refuses a str that starts with an XML declaration naming an encoding."""
    return _XML_DECLARATION.sub("", page[:512]) + page[512:]


def parse_html(page: str) -> Any:
    try:
        return lhtml.document_fromstring(without_xml_declaration(page))
    except (etree.ParserError, ValueError):
        return None


def _split_authors(author: str | None) -> list[str] | None:
    if not author:
        return None
    return [a.strip() for a in re.split(r";|\band\b", author) if a.strip()] or None


