"""Pages nested deeper than the HTML parser goes: flattened and parsed again, so no text is lost.

libxml2 (lxml's parser, so trafilatura's and ours) refuses more than 256 levels of
nesting ("Excessive depth in document", a resource limit) and, since 2.13, gives back
an empty document: one real paragraph under thousands of `<div>`s came out as an
article with no text. `huge_tree` only moves the cap to 2048. So when a parse hits the
cap, the page's tags below `DEPTH` levels are dropped (their text stays where it was)
and it is parsed again; the article records that this was done. A normal page is parsed
once: only one with more tags than the cap and little text is probed again.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .extract import load_html, without_xml_declaration

DEPTH = 128  # levels kept: half of libxml2's cap, since its count and ours differ on broken markup
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?/?>")
# elements that never hold others (void), or that the parser closes when a sibling opens:
# they do not deepen the tree however they are written
_FLAT = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th"})
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s",
                     "small", "span", "strong", "sub", "sup", "time", "u", "var"})


CAP = 256  # libxml2's nesting limit
_PROBE = etree.HTMLParser(collect_ids=False, remove_comments=True)  # only to read its error log
_NEAR_CAP = etree.XPath("boolean(/" + "/*" * (CAP - 16) + ")")  # a chain of elements almost as deep as the cap


def hit_depth_cap(page: str, tree: Any) -> bool:
    """Parsing `page` stopped at libxml2's depth cap: its tree reaches almost as deep as the
    cap (child steps only: one look at each element), or it came out with little text and a
    second parse (by `_PROBE`, whose error log says it) hits the cap; the tree trafilatura
    parsed keeps no log of its own."""
    if page.count("<") < CAP:
        return False
    if tree is not None and _NEAR_CAP(tree):
        return True
    text = tree.text_content() if tree is not None else ""
    if len(text) * 20 > len(page):  # a normal share of text: nothing was cut off
        return False
    try:
        etree.fromstring(without_xml_declaration(page), _PROBE)
    except (etree.ParserError, ValueError):
        return False
    return bool(_PROBE.error_log.filter_types([etree.ErrorTypes.ERR_RESOURCE_LIMIT]))


def flatten(page: str, depth: int = DEPTH) -> str:
    """`page` without the tags nested deeper than `depth` (a dropped block tag becomes a
    space, so words on either side stay apart); text and shallower markup are kept."""
    out: list[str] = []
    level = last = 0
    for m in _TAG.finditer(page):
        name = m.group(2).lower()
        if name in _FLAT or m.group(0).endswith("/>"):
            continue
        closing = bool(m.group(1))
        if closing:
            level = max(0, level - 1)
            keep = level < depth
        else:
            keep = level < depth
            level += 1
        if not keep:
            out.append(page[last:m.start()])
            out.append("" if name in _INLINE else " ")
            last = m.end()
    if not out:
        return page
    out.append(page[last:])
    return "".join(out)


def parse(page: str) -> tuple[Any, bool]:
    """The page's tree (extract.load_html) and whether it had to be flattened to keep its text."""
    tree = load_html(page)
    if not hit_depth_cap(page, tree):
        return tree, False
    for depth in (DEPTH, DEPTH // 4):
        flat = flatten(page, depth)
        tree = load_html(flat)
        if not hit_depth_cap(flat, tree):
            break
    return tree, True
