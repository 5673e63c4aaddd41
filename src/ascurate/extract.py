"""Extraction: a Document becomes a title, body blocks and what the page says about itself.

HTML goes through trafilatura's public API (`load_html`, `bare_extraction`) and its
structured output (its XML body), so headings, list items, tables and quotes stay
blocks; comments are excluded (trafilatura's default includes them). A precise and a
recall-oriented pass give the candidate blocks, each with the boilerplate model's
features (clean/boilerplate.py), which decides what stays. Plain text is split by its own layout. Page metadata comes from
trafilatura plus what trafilatura ignores: JSON-LD review facts, article meta tags,
the canonical link and "medically reviewed by" / "last reviewed" lines.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lhtml

from . import compiled_xpaths
from .model import Block, Document, Extracted

# trafilatura's XPaths as Python (opt-in, for the trafilatura version they were verified on)
FAST_XPATHS = os.environ.get("ASCURATE_FAST_XPATHS", "") == "1" and compiled_xpaths.enable()

_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_HEADING_LEVEL = re.compile(r"h([1-6])")
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
    # htmldate's extensive search guesses a date from free text through dateparser: ~7% of
    # all extraction time (its regex cache thrashes), for 4 dates in 206 pages, one wrong
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


def extract(doc: Document, tree: Any = None, *, own_tree: bool = False) -> Extracted:
    """`tree`: the page already parsed by `load_html` (the pipeline keys its cache on it);
    `own_tree`: the caller is done with it, so the last pass may take it apart."""
    if doc.format == "text":
        return extract_text(doc.content)
    return extract_html(doc.content, doc.url, tree, own_tree=own_tree)


# ---------------------------------------------------------------- HTML


def extract_html(page: str, url: str | None = None, tree: Any = None, *, own_tree: bool = False) -> Extracted:
    """Candidates from trafilatura's precise pass and its recall pass, merged in page
    order, each with the boilerplate model's features (`clean/boilerplate.py`) read
    from the element of the page it came from. The tree is never changed (`own_tree`:
    accepted for callers that give it up; trafilatura copies it all the same)."""
    from .clean import boilerplate  # clean's rules read this module's copyright_facts

    if tree is None:
        tree = load_html(page)
    meta: dict[str, Any] = {}
    page_title = page_text = ""
    source: Any = page
    index = None
    if tree is not None:
        meta = page_metadata(tree)
        page_title, page_text = _clean(tree.findtext(".//title")), _page_text(tree)
        index = boilerplate.dom_index(tree)
        source = tree
    result = _bare(source, url, TRAFILATURA_OPTIONS)
    wide = _bare(source, url, RECALL_OPTIONS)
    precise = xml_blocks(result.body) if result is not None and result.body is not None else []
    wider = xml_blocks(wide.body) if wide is not None and wide.body is not None else []
    blocks, in_precise = merge(precise, wider)
    title = None
    if result is not None:
        title = _clean(result.title) or None
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
    if page_text:
        meta.update({k: v for k, v in text_metadata(page_text).items() if k not in meta})
    rows = boilerplate.features(blocks, in_precise, index, extends(wider, precise))
    return Extracted(title=title, blocks=blocks, metadata=meta, precise=in_precise, features=rows)


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


def xml_blocks(body: Any) -> list[Block]:
    """Flatten trafilatura's XML body into typed blocks, in document order."""
    blocks: list[Block] = []

    def add(kind: str, text: str, level: int | None = None) -> None:
        text = _clean(text)
        if text:
            blocks.append(Block(kind, text, level))  # type: ignore[arg-type]

    def walk(el: Any) -> None:
        tag = el.tag
        if tag == "head":
            m = _HEADING_LEVEL.match(el.get("rend") or "")
            add("heading", _text(el), int(m.group(1)) if m else 2)
        elif tag == "p":
            for part in _split_lb(el):
                add("paragraph", part)
        elif tag == "list":
            for item in el.iterchildren("item"):
                nested = list(item.iterchildren("list"))
                own = _text(item, skip=("list",))
                add("list_item", own)
                for sub in nested:
                    walk(sub)
        elif tag == "quote":
            if any(c.tag in ("p", "list", "head") for c in el):
                start = len(blocks)
                for c in el:
                    walk(c)
                for b in blocks[start:]:
                    if b.type == "paragraph":
                        b.type = "quote"
            else:
                add("quote", _text(el))
        elif tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [_clean(_text(c)) for c in row.iterchildren("cell")]
                rows.append(" | ".join(c for c in cells if c))
            table = "\n".join(r for r in rows if r)  # a row a line (add's clean-up would join them)
            if table:
                blocks.append(Block("table", table))
        elif tag == "code":
            text = "".join(el.itertext()).strip("\n")
            if text.strip():
                blocks.append(Block("code", text))
        elif tag in ("div", "body", "main", "section"):
            walk_children(el)
        elif tag in ("graphic", "ref"):
            return
        else:
            add("paragraph", _text(el))

    def walk_children(el: Any) -> None:
        # text loose between elements ("</p>Near-term outlook<p>") is a block of its own
        add("paragraph", el.text or "")
        for c in el:
            walk(c)
            add("paragraph", c.tail or "")

    walk_children(body)
    return blocks


# block elements, trafilatura's and the raw HTML ones it leaves in place (cells of a table
# nested in a list item): their texts are apart, never glued ("coverageYes")
_BLOCK_TAGS = frozenset({"p", "head", "item", "list", "quote", "row", "cell", "table",
                         "td", "th", "tr", "li", "dd", "dt", "div", "section", "article", "ul", "ol", "dl", "h1",
                         "h2", "h3", "h4", "h5", "h6", "br", "hr"})


def _text(el: Any, skip: tuple[str, ...] = ()) -> str:
    parts: list[str] = []

    def rec(e: Any) -> None:
        if e.text:
            parts.append(e.text)
        for c in e:
            if c.tag in skip:
                pass
            elif c.tag == "lb":
                parts.append(" ")
            else:
                if c.tag in _BLOCK_TAGS:  # paragraphs inside an item or cell: "PMC11101251. Rosenblum", not glued
                    parts.append(" ")
                rec(c)
            if c.tail:
                parts.append(c.tail)

    rec(el)
    return "".join(parts)


def _split_lb(p: Any) -> list[str]:
    """A paragraph with <lb/> line breaks is several lines: keep them as separate blocks."""
    parts, cur = [], [p.text or ""]
    for c in p:
        if c.tag == "lb":
            parts.append("".join(cur))
            cur = [c.tail or ""]
        else:
            cur.append(_text(c))
            cur.append(c.tail or "")
    parts.append("".join(cur))
    return parts


def _clean(text: str | None) -> str:
    """Spaces collapsed, lines joined: ~60 calls a page (every block of both passes), so a
    line with nothing to collapse (most) is only stripped."""
    if not text:
        return ""
    if "\n" not in text:
        return (_WS.sub(" ", text) if _ODD_SPACE.search(text) else text).strip()
    lines = [ln.strip() for ln in _WS.sub(" ", text).split("\n")]
    return " ".join(ln for ln in lines if ln)


_ODD_SPACE = re.compile(r"[\t\r\f\v\u00a0\u200b]|  ")  # what `_WS` would change


def _split_authors(author: str | None) -> list[str] | None:
    if not author:
        return None
    return [a.strip() for a in re.split(r";|\band\b", author) if a.strip()] or None


# ---------------------------------------------------------------- page metadata

_META_KEYS = {
    "article:published_time": "published",
    "datepublished": "published",
    "date": "published",
    "dc.date": "published",
    "article:modified_time": "modified",
    "og:updated_time": "modified",
    "datemodified": "modified",
    "last-modified": "modified",
    "og:site_name": "publisher",
    "author": "authors",
    "article:author": "authors",
    "citation_author": "authors",
    "og:title": "title",
}


def page_metadata(tree: Any) -> dict[str, Any]:
    """What the markup says about the page: JSON-LD, meta tags, the canonical link."""
    meta: dict[str, Any] = {}
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content() or "")
        except (json.JSONDecodeError, ValueError):
            continue
        for obj in _ld_objects(data):
            _from_ld(obj, meta)
    for m in tree.xpath("//meta[@content]"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        target = _META_KEYS.get(key)
        val = _clean(m.get("content"))
        if not target or not val or val.startswith("http"):
            continue
        if target == "authors":
            meta.setdefault("authors", [])
            if val not in meta["authors"]:
                meta["authors"].append(val)
        else:
            meta.setdefault(target, val)
    canon = tree.xpath('//link[@rel="canonical"]/@href')
    if canon:
        meta["canonical_url"] = canon[0].strip()
    if not meta.get("authors"):
        meta.pop("authors", None)
    return meta


def _ld_objects(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            out.append(x)
            if "@graph" in x:
                stack.append(x["@graph"])
    return out


def _names(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v.strip()] if v.strip() else []
    if isinstance(v, dict):
        n = v.get("name")
        return [n.strip()] if isinstance(n, str) and n.strip() else []
    if isinstance(v, list):
        return [n for x in v for n in _names(x)]
    return []


def _from_ld(obj: dict[str, Any], meta: dict[str, Any]) -> None:
    t = obj.get("@type")
    types = {t} if isinstance(t, str) else set(t or [])
    if not types & {"Article", "NewsArticle", "MedicalWebPage", "WebPage", "BlogPosting", "MedicalScholarlyArticle",
                    "ReportageNewsArticle", "HealthTopicContent"}:
        return
    for src, dst in (("datePublished", "published"), ("dateModified", "modified"), ("lastReviewed", "last_reviewed")):
        if isinstance(obj.get(src), str):
            meta.setdefault(dst, obj[src])
    for src, dst in (("author", "authors"), ("reviewedBy", "reviewed_by")):
        names = _names(obj.get(src))
        if names:
            meta.setdefault(dst, names)
    pub = _names(obj.get("publisher"))
    if pub:
        meta.setdefault("publisher", pub[0])
    if isinstance(obj.get("headline"), str):
        meta.setdefault("title", obj["headline"])


def _page_text(tree: Any) -> str:
    body = tree.find("body")
    if body is None:
        return ""
    return " ".join(filter(None, map(str.strip, body.itertext())))[:200_000]


_NAME = r"([A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,4}(?:,\s*(?:[A-Z][A-Za-z.]{1,8})(?:,\s*[A-Z][A-Za-z.]{1,8})*)?)"
_DATE = (
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_REVIEWED_BY = re.compile(r"(?:medically|clinically|expert)?\s*reviewed by:?\s+(?:Dr\.?\s+)?" + _NAME, re.I)
_LAST_REVIEWED = re.compile(r"(?:last|page last|medically|date)\s+reviewed(?:\s+on)?:?\s+" + _DATE, re.I)
_UPDATED = re.compile(r"(?:last\s+)?updated(?:\s+on)?:?\s+" + _DATE, re.I)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\s*,?\s*"
    r"((?:[^.,|\s]|\.(?=\w)|\s(?!all rights))+)?", re.I)


def text_metadata(text: str) -> dict[str, Any]:
    """Review facts as pages write them in prose: 'Medically reviewed by ...', 'Last reviewed ...'.

    Each pattern's first match, found from its keyword: the keyword's places in the
    lowered page (`str.find`, memchr speed), the rest of the pattern matched there. The
    patterns' leading words are optional or checked before the keyword, and the values
    come after it, so the values are those of `search` with the whole pattern, which
    steps through the page one character at a time (~1.5 ms a page; tests hold the two
    equal). A page whose lowering moves characters, or with a dotless ı (which the
    patterns match as i), is searched the slow way."""
    low = text.lower()
    if len(low) != len(text) or "\u0131" in text:
        return _search_metadata(text)
    return _metadata(_first(_REVIEWED_BY_AT, text, low, "reviewed by"),
                     _first(_REVIEWED_AT, text, low, "reviewed", _after_review_word),
                     _first(_UPDATED_AT, text, low, "updated"))


def _search_metadata(text: str) -> dict[str, Any]:
    """`text_metadata` by searching with the whole patterns."""
    low = text.casefold()  # a literal test first: the patterns themselves are slow to search a page with
    return _metadata(_REVIEWED_BY.search(text) if "reviewed by" in low else None,
                     _LAST_REVIEWED.search(text) if "reviewed" in low else None,
                     _UPDATED.search(text) if "updated" in low else None)


def _metadata(reviewed_by: re.Match[str] | None, reviewed: re.Match[str] | None,
              updated: re.Match[str] | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if reviewed_by:
        meta["reviewed_by"] = [reviewed_by.group(1).strip()]
    if reviewed:
        meta["last_reviewed"] = reviewed.group(1)
    if updated:
        meta["modified"] = updated.group(1)
    return meta


_REVIEWED_BY_AT = re.compile(r"reviewed by:?\s+(?:Dr\.?\s+)?" + _NAME, re.I)
_REVIEWED_AT = re.compile(r"reviewed(?:\s+on)?:?\s+" + _DATE, re.I)
_REVIEW_WORD = re.compile(r"(?:last|page last|medically|date)\Z", re.I)  # before \s+ and "reviewed"
_UPDATED_AT = re.compile(r"updated(?:\s+on)?:?\s+" + _DATE, re.I)


def _first(pattern: re.Pattern[str], text: str, low: str, keyword: str,
           before: Any = None) -> re.Match[str] | None:
    """The first match of `pattern` at a place of `keyword` (and `before(text, place)`)."""
    i = low.find(keyword)
    while i != -1:
        m = pattern.match(text, i)
        if m and (before is None or before(text, i)):
            return m
        i = low.find(keyword, i + 1)
    return None


def _after_review_word(text: str, i: int) -> bool:
    """`_LAST_REVIEWED`'s leading words and spaces end where its keyword starts, at `i`."""
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    return j < i and _REVIEW_WORD.search(text, max(0, j - 9), j) is not None


def copyright_facts(line: str) -> dict[str, Any] | None:
    """Holder and year from a copyright line, so removing the line keeps the facts."""
    m = _COPYRIGHT.search(line)
    if not m:
        return None
    year = int(m.group(2) or m.group(1))
    holder = (m.group(3) or "").strip(" ,.-") or None
    if holder and re.match(r"(?i)all rights", holder):
        holder = None
    return {"copyright_year": year, "copyright_holder": holder}


# ---------------------------------------------------------------- plain text

_SENTENCE_END = re.compile(r"[.!?:;…。！？」”\"')\]]$")


def extract_text(content: str) -> Extracted:
    """Plain text: first line is the title, blank lines split paragraphs, short
    unpunctuated lines standing alone between paragraphs are headings."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = content.split("\n")
    title = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        title = _clean(lines[i])
        i += 1
    paragraphs: list[list[str]] = []
    cur: list[str] = []
    for ln in lines[i:]:
        if ln.strip():
            cur.append(ln)
        elif cur:
            paragraphs.append(cur)
            cur = []
    if cur:
        paragraphs.append(cur)
    blocks: list[Block] = []
    for para in paragraphs:
        bullets = [ln for ln in para if re.match(r"\s*(?:[-*•·]|\d+[.)])\s+", ln)]
        if bullets and len(bullets) == len(para):
            for ln in para:
                blocks.append(Block("list_item", _clean(re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", ln))))
            continue
        text = _clean(" ".join(para))
        if not text:
            continue
        if len(para) == 1 and is_heading_line(text):
            blocks.append(Block("heading", text, 2))
        else:
            blocks.append(Block("paragraph", text))
    return Extracted(title=title, blocks=blocks, metadata=text_metadata(content))


def is_heading_line(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and len(text) <= 90 and not _SENTENCE_END.search(text)
