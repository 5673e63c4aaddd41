"""Lost structure is never silent: when the page had section headings or a list inside
the article that the article no longer has (and no removal accounts for), the article
gets a `lost_structure` warning, so an editor sees that "… has been shown to help
improve:" lost its list or that every section heading vanished.

`page_outline` reads the source page (before extraction takes its tree apart): its
paragraphs, h2-h4 headings and lists in document order, outside nav/header/footer/aside/
form. `lost_structure` compares that outline with the article's blocks: the article's
span of the page is from the first to the last page paragraph it kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Block, Flag, Removal

KIND = "lost_structure"
MIN_LOST_HEADINGS = 2
_TOKENS = re.compile(r"\w+")
_FURNITURE_TAGS = frozenset(("nav", "header", "footer", "aside", "form", "button", "select", "script", "style",
                             "noscript", "template"))
_VISIBLE_TEXT = ".//text()[not(ancestor::style or ancestor::script)]"
_MAX_ITEMS = 400  # outline items read from one page (a huge page's tail is not the article's)


def _key(text: str) -> str:
    """A text's identity for matching page and article: its first 12 words, folded."""
    return " ".join(_TOKENS.findall(text.lower())[:12])


@dataclass(slots=True)
class Item:
    kind: str  # "p", "h" (h2-h4) or "list"
    key: str
    text: str
    entries: list[str] = field(default_factory=list)  # a list's item keys


@dataclass(slots=True)
class Outline:
    items: list[Item]


def page_outline(tree: Any) -> Outline:
    """The page's paragraphs, section headings and lists, in document order."""
    items: list[Item] = []
    if tree is None:
        return Outline(items)
    body = tree.find(".//body")
    root = body if body is not None else tree
    for el in root.iter("p", "h2", "h3", "h4", "ul", "ol"):
        if len(items) >= _MAX_ITEMS:
            break
        if any(isinstance(a.tag, str) and a.tag in _FURNITURE_TAGS for a in el.iterancestors()):
            continue
        if el.tag in ("ul", "ol"):
            if any(a.tag in ("ul", "ol") for a in el.iterancestors()):
                continue
            entries = [" ".join(li.itertext()) for li in el.iterchildren("li")]
            links = sum(len(" ".join(a.itertext())) for a in el.iter("a"))
            chars = sum(len(e) for e in entries)
            keys = [k for k in (_key(e) for e in entries) if k]
            if len(keys) >= 2 and links < 0.5 * max(1, chars):  # a list of links is navigation
                items.append(Item("list", keys[0], "", keys))
            continue
        text = " ".join(" ".join(el.xpath(_VISIBLE_TEXT)).split())
        key = _key(text)
        if key:
            items.append(Item("p" if el.tag == "p" else "h", key, text))
    return Outline(items)


def lost_structure(outline: Outline | None, text: str, blocks: list[Block], offs: list[int],
                   removed: list[Removal]) -> list[Flag]:
    """Flags for the headings and lists of the article's span of the page that neither the
    article nor a recorded removal has."""
    if outline is None or not blocks:
        return []
    have = {_key(b.text) for b in blocks}
    joined = " ".join(" ".join(_TOKENS.findall(b.text.lower())) for b in blocks)
    gone = {_key(part) for r in removed for part in r.text.split("\n")}

    def found(key: str) -> bool:  # as a block, in a removal, or (4 words or more) inside a block
        return key in have or key in gone or (key.count(" ") >= 3 and f" {key} " in f" {joined} ")

    kept = [i for i, it in enumerate(outline.items) if it.kind == "p" and it.key in have]
    if len(kept) < 2:
        return []
    first, last = kept[0], kept[-1]
    flags: list[Flag] = []
    # a section heading is one that the article's own text follows ("Related", "Share this:"
    # and "More from UK" head teasers and buttons the article does not have)
    items = outline.items
    heads = [it for j, it in enumerate(items[first:last + 1], start=first)
             if it.kind == "h" and j + 1 < len(items) and items[j + 1].kind == "p" and items[j + 1].key in have]
    lost_heads = [it for it in heads if not found(it.key)]
    if len(lost_heads) >= MIN_LOST_HEADINGS and 2 * len(lost_heads) >= len(heads):
        i = 0
        quote = blocks[i].text
        flags.append(Flag(KIND, offs[i], offs[i] + len(quote), quote, "warning",
                          f"{len(lost_heads)} of the page's {len(heads)} section headings are not in the article "
                          f"(the first: \"{lost_heads[0].text[:80]}\"); its sections may have run together.",
                          rule="structure.headings-lost", suggestion=None))
    where = {b_key: n for n, b_key in enumerate(_key(b.text) for b in blocks)}
    for j in range(first, min(len(outline.items), last + 2)):
        it = outline.items[j]
        if it.kind != "list" or j == 0:
            continue
        if any(found(e) for e in it.entries):
            continue
        lead = outline.items[j - 1]  # a lead-in that announces the list: "… has been shown to help:"
        n = where.get(lead.key) if lead.kind == "p" and lead.text.rstrip().endswith(":") else None
        if n is None:
            continue
        quote = blocks[n].text
        flags.append(Flag(KIND, offs[n], offs[n] + len(quote), quote, "warning",
                          f"The page has a list of {len(it.entries)} items after this passage that the article lost.",
                          rule="structure.list-lost", suggestion=None))
    return flags
