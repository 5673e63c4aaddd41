"""An HTML page as a plain-text scrape would save it: the whole visible text, one line
per block element (what the text-line model is trained on and measured with)."""

from __future__ import annotations

import re
from typing import Any

_BLOCK = frozenset(
    ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dt", "dd", "dl", "form", "figure", "figcaption", "caption", "main", "address", "fieldset", "legend", "label", "button", "option", "select", "details", "summary", "hr", "br"])
_SKIP = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "title", "meta", "link", "input", "textarea"])
_WS = re.compile(r"\s+")


def render_lines(tree: Any) -> list[str]:
    """The visible text of a parsed page (lxml), one line per block element."""
    if tree is None:
        return []
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        text = _WS.sub(" ", "".join(cur)).strip()
        if text:
            lines.append(text)
        cur.clear()

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP:
            if el.tail:
                cur.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            cur.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            cur.append(el.tail)

    for child in [root]:
        if child.text:
            cur.append(child.text)
        for c in child:
            walk(c)
    flush()
    return lines
