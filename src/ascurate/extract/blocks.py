"""trafilatura's XML body as typed blocks (headings, paragraphs, list items, quotes,
tables, code) in document order, and the whitespace clean-up every extracted text gets."""

from __future__ import annotations

import re
from typing import Any

from ..model import Block

_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_HEADING_LEVEL = re.compile(r"h([1-6])")


def xml_blocks(body: Any) -> list[Block]:
    """Flatten trafilatura's XML body into typed blocks, in document order."""
    blocks: list[Block] = []

    def add(kind: str, text: str, level: int | None = None) -> None:
        text = clean_space(text)
        if text:
            blocks.append(Block(kind, text, level))  # type: ignore[arg-type]

    def walk(el: Any) -> None:
        tag = el.tag
        if tag == "head":
            m = _HEADING_LEVEL.match(el.get("rend") or "")
            add("heading", _text(el), int(m.group(1)) if m else 2)
        elif tag == "p":
            paragraph(el)
        elif tag == "list":
            for item in el.iterchildren("item"):
                if item.find("head") is not None:
                    sectioned_item(item)
                    continue
                add("list_item", _text(item, skip=("list",)))
                for sub in item.iterchildren("list"):
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
                cells = [clean_space(_text(c)) for c in row.iterchildren("cell")]
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

    def paragraph(p: Any) -> None:
        # <lb/> ends a line; a heading, list, quote, table or code trafilatura leaves inside a
        # paragraph (text set with <br> around an <h2> or a <ul>) is a block of its own, in
        # place: its lead-in stays apart from its list ("such as:" / items). A list set in
        # the middle of a sentence (the text before it ends neither a line nor a clause) reads
        # as part of it.
        cur = [p.text or ""]
        for c in p:
            if c.tag == "lb" or (c.tag in _NESTED_BLOCKS and (c.tag != "list" or _line_ends("".join(cur)))):
                add("paragraph", "".join(cur))
                if c.tag != "lb":
                    walk(c)
                cur = [c.tail or ""]
            else:
                edge = " " if c.tag in _BLOCK_TAGS else ""  # a paragraph nested in one is apart from its text
                cur.append(edge + _text(c) + edge)
                cur.append(c.tail or "")
        add("paragraph", "".join(cur))

    def sectioned_item(item: Any) -> None:
        # an item with headings of its own ("<li><h3>Native Apps</h3><p>Native apps are …",
        # a review's "<h5>What We Like:</h5><ul>…") reads as the page shows it: each heading
        # a heading block and each nested list after its heading, in place; run into the
        # item's text it read "Native Apps Native apps are …"
        cur = [item.text or ""]
        for c in item:
            if c.tag in ("head", "list"):
                add("list_item", "".join(cur))
                walk(c)
                cur = []
            elif c.tag == "lb":
                cur.append(" ")
            else:
                edge = " " if c.tag in _BLOCK_TAGS else ""
                cur.append(edge + _text(c) + edge)
            cur.append(c.tail or "")
        add("list_item", "".join(cur))

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


# trafilatura's block elements that `walk` types, when they stand inside a paragraph
_NESTED_BLOCKS = frozenset({"head", "list", "quote", "table", "code"})


_CLAUSE_END = re.compile(r"[.:!?;…)\]]\s*$")


def _line_ends(before: str) -> bool:
    """Text before an element in a paragraph ends a line or a clause (or there is none)."""
    return not before.strip() or bool(_CLAUSE_END.search(before))


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
            elif c.tag in _BLOCK_TAGS:  # paragraphs inside an item or cell: "PMC11101251. Rosenblum", not glued
                parts.append(" ")
                rec(c)
                parts.append(" ")  # nor the text after one ("<p>by Lauren Dragan</p>The Beats")
            else:
                rec(c)
            if c.tail:
                parts.append(c.tail)

    rec(el)
    return "".join(parts)


def clean_space(text: str | None) -> str:
    """Spaces collapsed, lines joined: ~60 calls a page (every block of both passes), so a
    line with nothing to collapse (most) is only stripped."""
    if not text:
        return ""
    if "\n" not in text:
        return (_WS.sub(" ", text) if _ODD_SPACE.search(text) else text).strip()
    lines = [ln.strip() for ln in _WS.sub(" ", text).split("\n")]
    return " ".join(ln for ln in lines if ln)


_ODD_SPACE = re.compile(r"[\t\r\f\v\u00a0\u200b]|  ")  # what `_WS` would change


