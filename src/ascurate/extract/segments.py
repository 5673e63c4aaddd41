"""The page's visible text, its elements and its text segments, from one walk over <body>.

`dom_index` flattens the page's visible text to word characters (`DomIndex.flat`), with
the element that owns each piece, each block-level element's span of that text, and its
segments: the runs of text one block-level element owns (a paragraph with its links and
emphasis, a list item, a heading, a cell), with how much of each is link text. Script,
style and the like are skipped. `locate` finds a block of trafilatura's in the flat text,
and so its element; `uncovered` gives the segments that neither trafilatura pass kept,
the candidates the win-back model judges (clean/winback.py).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, methodcaller
from typing import Any

import numpy as np
from lxml import etree

from ..model import Block
from .blocks import clean_space

SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object"})
INLINE = frozenset({"a", "span", "strong", "em", "b", "i", "u", "small", "sup", "sub", "font", "abbr", "time",
                    "label", "cite", "code", "mark", "br", "img", "q", "s", "del", "ins", "bdi", "bdo", "kbd",
                    "var", "wbr", "button"})
_HEADING = {f"h{i}": i for i in range(1, 7)}
_ITEM = frozenset({"li", "dt", "dd"})
_NORM = re.compile(r"\W+")
COVERED = 0.5  # a segment this much inside trafilatura's located blocks is theirs already
MIN_CHARS = 2  # word characters a segment needs to be a candidate


# ASCII's non-word characters: an ASCII text is casefolded (lower-cased) and stripped of
# them over its bytes, at half the cost of the pattern
_ASCII_NONWORD = bytes(i for i in range(128) if _NORM.fullmatch(chr(i)) is not None)


def _norm(text: str) -> str:
    if text.isascii():
        return text.lower().encode().translate(None, _ASCII_NONWORD).decode()
    return _NORM.sub("", text.casefold())


# a block's text is normalised by `locate`, by `coverage` (four times a page) and by the
# boilerplate features: kept for the page's blocks (the page's text pieces use `_norm`)
norm = lru_cache(maxsize=512)(_norm)


@dataclass(slots=True)
class Segment:
    """A block-level element's own text: its span of the flat text, the element, the
    text (spaces cleaned) and how many of its flat characters are inside links."""

    start: int
    end: int
    element: Any
    text: str
    links: int


@dataclass(slots=True)
class DomIndex:
    """The page's visible text flattened to word characters, with the element that owns
    each piece (a block's text is found in it, and so its element), every block-level
    element's span of the flat text, and the segments."""

    flat: str
    starts: list[int]
    owners: list[Any]
    segments: list[Segment]
    spans: dict[Any, tuple[int, int]]


def block_owner(el: Any) -> Any:
    """The nearest block-level element at or above `el`."""
    while el is not None and el.tag in INLINE and el.getparent() is not None:
        el = el.getparent()
    return el


VIEW_MIN_CHARS = 1000  # a <noscript> with less text is a notice or a tracking pixel


def noscript_views(root: Any) -> frozenset[Any]:
    """The <noscript> elements that hold the page's text: more of it than the rest of the
    page shows (a forum's or a shop's view for browsers without scripts, where a script
    renders the page for the others). trafilatura reads them; the walk must too, or the
    blocks it takes from them are found nowhere in the page."""
    found = [(el, sum(map(len, el.itertext()))) for el in root.iter("noscript")]
    found = [(el, n) for el, n in found if n >= VIEW_MIN_CHARS]
    if not found:
        return frozenset()
    hidden = sum(sum(map(len, el.itertext())) for el in root.iter("script", "style", "template"))
    rest = sum(map(len, root.itertext())) - hidden - sum(n for _, n in found)
    return frozenset(el for el, n in found if n > rest)


def dom_index(tree: Any) -> DomIndex:
    """One C-speed walk over the page (lxml's iterwalk); the open elements' blocks are kept
    on a stack, so a text's block-level owner is known without walking up the tree."""
    parts: list[str] = []
    starts: list[int] = []
    owners: list[Any] = []
    segments: list[Segment] = []
    spans: dict[Any, tuple[int, int]] = {}
    opened: list[int] = []
    raw: list[str] = []
    open_: list[tuple[Any, Any]] = []  # the open elements outside skipped ones: (element, its block owner)
    size = 0
    skipping = 0
    in_link = 0
    body = tree.find(".//body") if tree.tag != "body" else tree
    root = body if body is not None else tree
    views = noscript_views(root)
    seg_owner: Any = None
    seg_start = seg_links = 0

    def close() -> None:
        nonlocal seg_owner
        if seg_owner is not None and size - seg_start >= MIN_CHARS:
            text = clean_space("".join(raw))
            if text:
                segments.append(Segment(seg_start, size, seg_owner, text, seg_links))
        raw.clear()
        seg_owner = None

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            tag = ""
        if event == "start":
            if (tag in SKIP and el not in views) or not tag:
                skipping += 1
                continue
            if skipping:
                continue
            if tag == "a":
                in_link += 1
            if tag not in INLINE:
                if seg_owner is not None or raw:  # (else close() has nothing to do)
                    close()
                opened.append(size)
                block = el
            else:
                block = open_[-1][1] if open_ else block_owner(el)
                if tag == "br":
                    raw.append(" ")
            open_.append((el, block))
            text, owner = el.text, el
        else:
            if (tag in SKIP and el not in views) or not tag:
                skipping -= 1
            elif not skipping:
                if tag == "a":
                    in_link -= 1
                if tag not in INLINE:
                    if seg_owner is not None or raw:
                        close()
                    spans[el] = (opened.pop(), size)
                open_.pop()
            if skipping or el is root:
                continue
            text = el.tail
            owner, block = open_[-1]
        if not text:
            continue
        # the text's characters of \w, casefolded (`norm`); none in white space, most of a page's texts
        piece = "" if text.isspace() else _norm(text)
        if block is not seg_owner:
            if seg_owner is not None or raw:
                close()
            seg_owner, seg_start, seg_links = block, size, 0
        raw.append(text)
        if piece:
            parts.append(piece)
            starts.append(size)
            owners.append(owner)
            size += len(piece)
            if in_link:
                seg_links += len(piece)
    close()
    return DomIndex("".join(parts), starts, owners, segments, spans)


def locate(index: DomIndex, blocks: Sequence[Block]) -> list[tuple[Any, float, int]]:
    """Each block's element (its nearest non-inline owner), relative position in the page
    and start in the flat text, found in document order from where the previous block
    was; (None, -1, -1) when its text is not in the page as is."""
    out: list[tuple[Any, float, int]] = []
    cursor = 0
    flat = index.flat
    total = max(1, len(flat))
    for b in blocks:
        key = norm(b.text)[:40]
        if not key:
            out.append((None, -1.0, -1))
            continue
        pos = flat.find(key, cursor)
        if pos == -1:
            pos = flat.find(key)
        if pos == -1:
            out.append((None, -1.0, -1))
            continue
        cursor = pos + len(key)
        el = block_owner(index.owners[bisect.bisect_right(index.starts, pos) - 1])
        out.append((el, pos / total, pos))
    return out


def coverage(index: DomIndex, blocks: Sequence[Block], located: Sequence[tuple[Any, float, int]],
             keep: Sequence[bool] | None = None) -> np.ndarray:
    """Running count of the flat text's characters inside the located `blocks` (those
    `keep` says): `c[j] - c[i]` is how many of flat[i:j] trafilatura kept."""
    marks = np.zeros(len(index.flat) + 1, dtype=np.int32)
    for i, (b, (_, _, pos)) in enumerate(zip(blocks, located, strict=True)):
        if pos >= 0 and (keep is None or keep[i]):
            end = min(len(index.flat), pos + len(norm(b.text)))
            marks[pos] += 1
            marks[end] -= 1
    inside = np.cumsum(marks[:-1]) > 0
    out = np.zeros(len(index.flat) + 1, dtype=np.int32)
    np.cumsum(inside, out=out[1:])
    return out


def uncovered(index: DomIndex, covered: np.ndarray) -> list[Segment]:
    """The segments less than `COVERED` inside what trafilatura kept (`coverage`)."""
    segs = index.segments
    if not segs:
        return []
    bounds = np.asarray([(s.start, s.end) for s in segs])
    start, end = bounds[:, 0], bounds[:, 1]
    short = covered[end] - covered[start] < COVERED * (end - start)
    return [s for s, out in zip(segs, short.tolist(), strict=True) if out]


def segment_block(seg: Segment) -> Block:
    """A segment as a block of the type its element says."""
    tag = seg.element.tag
    if tag in _HEADING:
        return Block("heading", seg.text, _HEADING[tag])
    if tag in _ITEM:
        return Block("list_item", seg.text)
    if tag == "blockquote":
        return Block("quote", seg.text)
    if tag == "pre":
        return Block("code", seg.text)
    return Block("paragraph", seg.text)


def ancestor_spans(el: Any, index: DomIndex, n: int) -> list[tuple[int, int]]:
    """The flat spans of the `n` nearest block-level ancestors (the page's span past the top)."""
    out: list[tuple[int, int]] = []
    at = el.getparent()
    while at is not None and len(out) < n:
        span = index.spans.get(at)
        if span is not None:
            out.append(span)
        at = at.getparent()
    while len(out) < n:
        out.append((0, len(index.flat)))
    return out


_TAG, _CLASS = attrgetter("tag"), methodcaller("get", "class")


def children_shapes(parent: Any) -> Counter[tuple[Any, str | None]]:
    """How many children of `parent` have each (tag, class)."""
    return Counter(zip(map(_TAG, parent), map(_CLASS, parent), strict=True))


# the record an element sits in: its nearest ancestor repeated among its siblings with the
# same tag and class (a product's spec row, a listing's card, a forum post, an FAQ entry)
ITEM_NAMES = ["item_level", "item_repeat", "item_log_chars", "item_links", "item_group_share", "item_group_kept",
              "item_group_links"]
ITEM_LEVELS = 4  # ancestors looked at for the record
ITEM_MIN = 3  # siblings of one shape that make records


class Records:
    """The record features (`ITEM_NAMES`) of a page's elements, each record's worked out
    once: the blocks and segments of one card or post share it. `covered`: `coverage` of
    trafilatura's candidates, for the share of a record's group they hold."""

    def __init__(self, index: DomIndex, covered: np.ndarray) -> None:
        self.spans = index.spans
        self.covered = covered
        self.total = max(1, len(index.flat))
        self.starts = [s.start for s in index.segments]
        self.link_cum = [0, *itertools.accumulate(s.links for s in index.segments)]
        self.found: dict[Any, list[float]] = {}
        self.plain: set[Any] = set()  # elements found not to be a record

    def item(self, el: Any, shapes: dict[Any, Counter[tuple[str, str | None]]]) -> list[float]:
        """The element's record: the level of the nearest of its `ITEM_LEVELS` ancestors
        (the element first) that has `ITEM_MIN` or more siblings of its tag and class, how
        many, the record's size and link share, and its group's (the parent's) share of the
        page, share kept by trafilatura and link share. Zeros (level 0) when there is none.
        `shapes`: each parent's counts of (tag, class) children, shared across a page."""
        at = el
        for level in range(1, ITEM_LEVELS + 1):
            parent = at.getparent()
            if parent is None:
                break
            known = self.found.get(at)
            if known is not None:
                return [float(level), *known]
            if at not in self.plain:
                if parent not in shapes:
                    shapes[parent] = children_shapes(parent)
                repeat = shapes[parent][(at.tag, at.get("class"))]
                span, group = self.spans.get(at), self.spans.get(parent)
                if repeat >= ITEM_MIN and span is not None and group is not None:
                    size, width = max(1, span[1] - span[0]), max(1, group[1] - group[0])
                    known = self.found[at] = [
                        math.log1p(repeat), math.log1p(size), self._links(span) / size, width / self.total,
                        float(self.covered[group[1]] - self.covered[group[0]]) / width, self._links(group) / width]
                    return [float(level), *known]
                self.plain.add(at)
            at = parent
        return [0.0] * len(ITEM_NAMES)

    def _links(self, span: tuple[int, int]) -> float:
        """Link characters of the segments that start inside `span`."""
        lo, hi = bisect.bisect_left(self.starts, span[0]), bisect.bisect_left(self.starts, span[1])
        return float(self.link_cum[hi] - self.link_cum[lo])


@dataclass(slots=True)
class Kept:
    """What trafilatura's candidates hold of a page's flat text (`coverage` of all of them
    and of the precise pass's) and the records over it: worked out once a page, read by
    the boilerplate and the win-back features alike."""

    covered: np.ndarray
    precise: np.ndarray
    records: Records


def kept_by(index: DomIndex, blocks: Sequence[Block], located: Sequence[tuple[Any, float, int]],
            in_precise: Sequence[bool]) -> Kept:
    """The page's `Kept`: `coverage` of the located `blocks`, of those `in_precise`, and
    their `Records`."""
    covered = coverage(index, blocks, located)
    return Kept(covered, coverage(index, blocks, located, in_precise), Records(index, covered))
