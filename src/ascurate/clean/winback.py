"""The win-back model: page text that neither trafilatura pass kept, put back when it is
main content (the posts of a forum, a service page's sections, a listing's entries).

The boilerplate model (boilerplate.py) decides on trafilatura's candidates; this second
model decides only on the page's other segments (`extract/segments.py`), and only on
pages where trafilatura kept a small share of the visible text (the card's setting for
the page type: `by_type`'s gate; `gate`, the largest, decides what is featurised): on an article
trafilatura already holds nearly all of the text, so the segments are not even
featurised there. A segment's row reads its text and place as the boilerplate model's
do, plus how much of its parent, grandparent and great-grandparent trafilatura kept, how
far it is from kept text, the record it sits in (a card, a post, a spec row: an ancestor
repeated among its siblings), where it sits against the page's title heading (a product's
description and specs share a small container with its <h1>, the shop's menus do not)
and, when judged, the page-type model's probabilities. A
segment scored at or over the card's threshold joins the candidates in page order; the
others were never in the extraction, so they leave no `removed` record. The setting of
a page type also says from which boilerplate score a candidate stays (`readmit`): the
cards of a listing or the specs of a product score lower than an article's paragraphs.
Trained by `python -m ascurate.models.train_winback` (site-grouped cross-validation;
threshold, gates and the settings by page type chosen on the combined output).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..extract.segments import (
    ITEM_NAMES,
    DomIndex,
    Kept,
    Records,
    Segment,
    ancestor_spans,
    coverage,
    segment_block,
    uncovered,
)
from ..model import Block
from .boilerplate import DOM_NAMES as _DOM
from .boilerplate import (
    TAG_CONTEXT,
    TEXT_NAMES,
    VOCAB,
    Memo,
    element_context,
    siblings,
    tag_flags,
    text_features,
    word_bits,
)
from .pagetype import TYPES, PageType

PLACE_NAMES = ["depth", "link_share", "same_tag_siblings", "repeated_parents", *_DOM[5:]]
_LEVELS = ("parent", "grand", "great")
CONTEXT_NAMES = ["position", "segment_share", *(f"kept_{a}" for a in _LEVELS), *(f"precise_{a}" for a in _LEVELS),
                 *(f"size_{a}" for a in _LEVELS), "gap_before", "gap_after", "prev_kept", "next_kept",
                 "prev_log_chars", "next_log_chars", "page_kept", "page_precise", "page_log_chars",
                 "page_segments", "page_uncovered", "wide_extends"]
# where a segment sits against the page's title heading (its first <h1>): a product's name,
# description and specs share a small container with it, the shop's menus and teasers do not
TITLE_NAMES = ["title_offset", "title_up", "title_shared"]
ROW_FEATURES = [*TEXT_NAMES, *PLACE_NAMES, *CONTEXT_NAMES, *ITEM_NAMES, *TITLE_NAMES]  # what extraction computes
TYPE_NAMES = [f"page_{t}" for t in TYPES]  # the page-type model's probabilities, added when judging
FEATURES = [*ROW_FEATURES, *TYPE_NAMES]


@dataclass(slots=True)
class Candidates:
    """The segments a page's win-back model judges: as blocks, one row each, and where
    each goes among trafilatura's candidates (`at`: the index it is inserted before)."""

    blocks: list[Block]
    rows: np.ndarray
    at: list[int]


def kept_share(index: DomIndex, covered: np.ndarray) -> float:
    """The share of the page's visible text that trafilatura's candidates hold."""
    return float(covered[-1]) / max(1, len(index.flat))


def candidates(index: DomIndex, blocks: Sequence[Block], in_precise: Sequence[bool],
               located: Sequence[tuple[Any, float, int]], wide_extends: bool, memo: Memo,
               gate: float | None = None, page: Kept | None = None) -> Candidates | None:
    """The page's uncovered segments with their rows; None when trafilatura kept `gate`
    or more of the page's text (default: the card's), or nothing is left out. `page`:
    `extract.segments.kept_by` of the candidates, when the caller has it (the boilerplate
    features read it too)."""
    if not index.flat:
        return None
    covered = page.covered if page is not None else coverage(index, blocks, located)
    page_kept = kept_share(index, covered)
    if gate is None:
        gate = _gate()
    if page_kept >= gate:
        return None
    extra = uncovered(index, covered)
    if not extra:
        return None
    precise = page.precise if page is not None else coverage(index, blocks, located, in_precise)
    records = page.records if page is not None else Records(index, covered)
    total = len(index.flat)
    segs = index.segments
    order = {id(s): k for k, s in enumerate(segs)}
    ups_of: dict[Any, list[tuple[int, int]]] = {}  # a parent's ancestor spans (its children share them)
    # what needs the elements, a segment at a time; the rest a page at a time, in numpy
    dom, tags, own, near, items, ups, at = [], [], [], [], [], [], []
    title = Title(index)
    for s in extra:
        el = s.element
        parent = el.getparent()
        found = ups_of.get(parent)
        if found is None:
            found = ups_of[parent] = ancestor_spans(el, index, 3)
        ups.append(found)
        at.append((s.start, s.end, order[id(s)]))
        depth, path, chain = element_context(el, memo)
        bits = 0
        for b in chain:
            bits |= b
        same, twins = siblings(el, memo)
        dom.append((min(depth, 60), s.links / max(1, s.end - s.start), min(same, 50), min(twins, 50)))
        tags.append(path)
        own.append(word_bits(f"{el.get('class', '')} {el.get('id', '')}"))
        near.append(bits)
        items.append([*records.item(el, memo.shapes), *title.place(s)])
    out_blocks = [segment_block(s) for s in extra]
    rows = np.empty((len(extra), len(ROW_FEATURES)), dtype=np.float32)
    col = len(TEXT_NAMES)
    rows[:, :col] = [text_features(b) for b in out_blocks]
    rows[:, col:col + 4] = dom
    col += 4
    rows[:, col:col + len(TAG_CONTEXT)] = [tag_flags(t) for t in tags]
    col += len(TAG_CONTEXT)
    for bits in (own, near):
        rows[:, col:col + len(VOCAB)] = np.asarray(bits, dtype=np.int64)[:, None] >> _BIT & 1
        col += len(VOCAB)
    rows[:, col:col + len(CONTEXT_NAMES)] = _context(np.asarray(at), np.asarray(ups), covered, precise, segs, [
        page_kept, float(precise[-1]) / total, math.log1p(total), math.log1p(len(segs)), len(extra) / len(segs),
        float(wide_extends)])
    rows[:, col + len(CONTEXT_NAMES):] = items
    return Candidates(out_blocks, rows, _insertion(extra, located))


_BIT = np.arange(len(VOCAB), dtype=np.int64)


class Title:
    """The page's title heading (its first <h1> with text) and where a segment sits against
    it (`TITLE_NAMES`): its distance in the page's flat text, the levels up to the nearest
    element that holds both, and that element's share of the page (-1 each without one)."""

    def __init__(self, index: DomIndex) -> None:
        self.total = max(1, len(index.flat))
        self.spans = index.spans
        heads = [(span[0], el) for el, span in index.spans.items() if el.tag == "h1" and span[1] > span[0]]
        first = min(heads, key=lambda h: h[0]) if heads else (-1, None)
        self.start = first[0]
        self.above: dict[Any, int] = {}  # the heading's ancestors (itself first): levels up from it
        at, n = first[1], 0
        while at is not None:
            self.above[at] = n
            at, n = at.getparent(), n + 1
        self.found: dict[Any, tuple[int, Any]] = {}  # an element's levels up to the shared one, and it

    def _shared(self, el: Any) -> tuple[int, Any]:
        path = []
        at = el
        while at is not None and at not in self.above and at not in self.found:
            path.append(at)
            at = at.getparent()
        n, top = (0, at) if at is None or at in self.above else self.found[at]
        for k, e in enumerate(reversed(path), 1):
            self.found[e] = (n + k, top)
        return self.found[el] if path else (n, top)

    def place(self, s: Segment) -> list[float]:
        if self.start < 0:
            return [-1.0, -1.0, -1.0]
        up, top = self._shared(s.element)
        lo, hi = self.spans.get(top, (0, self.total)) if top is not None else (0, self.total)
        return [(s.start - self.start) / self.total, float(min(up, 30)), (hi - lo) / self.total]


def _logs(values: np.ndarray) -> np.ndarray:
    """math.log1p of each (numpy's may differ from it in the last place)."""
    return np.asarray(list(map(math.log1p, values.ravel().tolist())), dtype=np.float64).reshape(values.shape)


def _context(at: np.ndarray, ups: np.ndarray, covered: np.ndarray, precise: np.ndarray, segs: list[Segment],
             page: list[float]) -> np.ndarray:
    """The `CONTEXT_NAMES` columns of the segments at `at` (start, end, index among `segs`)
    with the flat spans of their three nearest block ancestors (`ups`)."""
    total = len(covered) - 1
    start, end, k = at[:, 0], at[:, 1], at[:, 2]
    length = np.maximum(1, end - start)
    lo, hi = ups[:, :, 0], ups[:, :, 1]
    span = np.maximum(1, hi - lo)
    # the last kept character at or before each place, and the first at or after it
    inside = np.diff(covered) > 0
    at_or_before = np.where(inside, np.arange(total), -1)
    np.maximum.accumulate(at_or_before, out=at_or_before)
    at_or_after = np.where(inside, np.arange(total), total)[::-1]
    np.minimum.accumulate(at_or_after, out=at_or_after)
    at_or_after = at_or_after[::-1]
    before = np.where(start > 0, at_or_before[np.maximum(start - 1, 0)], -1)
    after = np.where(end < total, at_or_after[np.minimum(end, total - 1)], total)
    seg_start = np.asarray([s.start for s in segs])
    seg_end = np.asarray([s.end for s in segs])
    share = (covered[seg_end] - covered[seg_start]).astype(np.float64) / np.maximum(1, seg_end - seg_start)
    seg_log = _logs(seg_end - seg_start)
    first, last = k == 0, k + 1 >= len(segs)
    prev, nxt = np.maximum(k - 1, 0), np.minimum(k + 1, len(segs) - 1)
    return np.column_stack([
        start / total, length / total,
        (covered[hi] - covered[lo]) / span, (precise[hi] - precise[lo]) / span, _logs(span) - _logs(length)[:, None],
        np.where(before >= 0, _logs(start - before), -1.0), np.where(after < total, _logs(after - end), -1.0),
        np.where(first, -1.0, share[prev]), np.where(last, -1.0, share[nxt]),
        np.where(first, -1.0, seg_log[prev]), np.where(last, -1.0, seg_log[nxt]),
        np.tile(np.asarray(page, dtype=np.float64), (len(at), 1)),
    ])


def _insertion(extra: list[Segment], located: Sequence[tuple[Any, float, int]]) -> list[int]:
    """Each segment's place among the candidates: before the first one found later in the
    page (a candidate not found keeps the place of the one before it)."""
    reach: list[int] = []
    top = -1
    for _, _, pos in located:
        top = max(top, pos)
        reach.append(top)
    return [bisect.bisect_right(reach, s.start) for s in extra]


def _card() -> Mapping[str, Any] | None:
    from .. import models

    try:
        return models.card("winback")
    except KeyError:
        return None


def _gate() -> float:
    """The largest share of the page's text trafilatura may keep for its segments to be
    featurised at all (the largest of the card's gates by page type)."""
    card = _card()
    return float(card["gate"]) if card is not None else 0.0


def with_page_type(rows: np.ndarray, probabilities: Sequence[float] | np.ndarray) -> np.ndarray:
    """The segments' rows with the page's page-type probabilities (in `TYPES` order) added."""
    types = np.asarray(probabilities, dtype=np.float32).reshape(1, -1)
    return np.hstack([rows, np.repeat(types, len(rows), axis=0)])


_PAGE_KEPT = ROW_FEATURES.index("page_kept")


def setting(kind: PageType | None) -> Mapping[str, float] | None:
    """The card's setting for the page type `kind` (`gate`, `threshold`, and `keep`: the
    boilerplate model's score from which a candidate stays): a listing's cards or a
    product's specs score lower with the boilerplate model than an article's paragraphs.
    None without a card or a page type (then nothing is judged, nothing readmitted)."""
    card = _card()
    if card is None or kind is None:
        return None
    by_type = card.get("by_type", {}).get(kind.type)
    if by_type is not None:
        return by_type
    if kind.type not in card["gates"]:
        return None
    return {"gate": float(card["gates"][kind.type]), "threshold": float(card["threshold"]), "keep": 1.0}


def readmit(drops: Mapping[int, float], kind: PageType | None) -> dict[int, float]:
    """The boilerplate model's removals (`boilerplate.judge`: index and score) without
    those scored at or over the `keep` bar of the page's type."""
    found = setting(kind)
    bar = float(found.get("keep", 1.0)) if found is not None else 1.0
    return {i: s for i, s in drops.items() if s < bar}


def judge(found: Candidates | None, kind: PageType | None, threshold: float | None = None) -> list[int]:
    """The segments the model puts back (indices into `found`), scored at or over
    `threshold` (default: the card's for the page type), on a page whose share kept by
    trafilatura is under the card's gate for its page type (`kind`: the page-type model's
    call)."""
    chosen = setting(kind)
    if found is None or chosen is None or kind is None or not len(found.rows):
        return []
    if found.rows[0, _PAGE_KEPT] >= float(chosen["gate"]):
        return []
    from .. import models

    rows = with_page_type(found.rows, [kind.scores.get(t, 0.0) for t in TYPES])
    scores = models.booster("winback").predict(rows, num_threads=1)
    bar = float(chosen["threshold"]) if threshold is None else threshold
    return [int(i) for i in np.flatnonzero(scores >= bar)]


def merged(blocks: list[Block], drops: Mapping[int, float], found: Candidates | None,
           kept: Sequence[int]) -> tuple[list[Block], dict[int, float]]:
    """trafilatura's candidates with the `kept` segments put in their places, and the
    boilerplate model's `drops` renumbered to match."""
    if found is None or not kept:
        return blocks, dict(drops)
    by_place: dict[int, list[Block]] = {}
    for k in kept:
        by_place.setdefault(found.at[k], []).append(found.blocks[k])
    out: list[Block] = []
    renumber: dict[int, int] = {}
    for i in range(len(blocks) + 1):
        out.extend(by_place.get(i, ()))
        if i < len(blocks):
            renumber[i] = len(out)
            out.append(blocks[i])
    return out, {renumber[i]: s for i, s in drops.items()}
