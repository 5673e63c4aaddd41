"""The learned boilerplate model: keep or remove each candidate block of an HTML page.

Extraction gives candidates from two trafilatura passes (a recall-oriented one and the
precise one) and the element of the page each came from (`extract/adapter.py`). Each candidate
becomes one row of features that carry across sites: its place in the page (tag
context, class/id words such as nav, share or comment, depth, link density, repeated
siblings, position), its text (length, punctuation, stop words, capitals, separators,
relative times, interface verbs) and whether the precise pass kept it; when judging, the
page type's probabilities, how alike its words and its section's are to the rest of what
the precise pass kept (`page_words`, the words columns boilerplate-v3 reads), and, for a
model trained with `--columns lexical`, what the block's words say (`clean/lexical.py`,
measured and not shipped). A LightGBM model
(`models/boilerplate-v*.txt`, trained by `python -m ascurate.models.train boilerplate`
with site-grouped cross-validation) scores each row; a block whose score of being
main content is under the card's threshold is removed as "model.boilerplate".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

from ..extract.segments import ITEM_NAMES, DomIndex, Kept, ancestor_spans, children_shapes, kept_by, norm
from ..model import Block
from .lexical import LEXICAL, Lexicon
from .pagetype import TYPES, PageType

RULE = "model.boilerplate"


# class/id words that carry across sites (substring tests on an element and its ancestors)
VOCAB = ("nav", "menu", "footer", "header", "share", "social", "comment", "reply", "related", "recommend",
         "newsletter", "subscribe", "cookie", "consent", "promo", "ad", "sponsor", "widget", "sidebar", "aside",
         "byline", "author", "meta", "tag", "categor", "breadcrumb", "toc", "caption", "disclaimer", "banner",
         "modal", "popup", "login", "signup", "form", "search", "pagination", "rating", "review", "teaser",
         "card", "list", "more", "content", "article", "post", "entry", "body", "story", "text", "main")
TAG_CONTEXT = ("nav", "aside", "footer", "header", "form", "li", "table", "article", "main", "figure",
                "blockquote", "a", "button", "select", "h1", "h2", "h3", "dl")
_TYPES = ("heading", "paragraph", "list_item", "quote", "table", "code")

_STOP_WORDS = """a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only
or other our out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you your
der die das und ist nicht mit von den zu ein eine le la les et est des une pour dans que qui el los las y en es por
con para una il di che e per non della del"""
_STOP = frozenset(_STOP_WORDS.split())
_RELATIVE_TIME = re.compile(r"\b\d+\s*(?:sec|min|minute|hour|hr|day|week|month|year|yr)s?\s+ago\b|\byesterday\b|"
                            r"\bjust now\b|\b(?:an?|one)\s+(?:hour|day|week|month|year)\s+ago\b", re.I)
_COUNT = re.compile(r"\b\d[\d,.]*\s*(?:comments?|replies|reply|likes?|views?|shares?|votes?|points?|reviews?|"
                    r"ratings?|answers?|followers?|items?|results?|stars?)\b", re.I)
_UI_PHRASES = (
    "share", "reply", "subscribe", r"sign\s?up", r"sign\s?in", r"log\s?in", "login", "register", "accept", "cookies?",
    "newsletter", "follow", "read more", "click", "download", "print", "e-?mail", "tweet", "pin", "like", "comment",
    "upvote", "report", "flag", "join", "add to cart", "buy", "shop", "view all", "see all", "show more", "load more",
    "next", "previous", "back to top", "skip to", "menu", "search", "advertisement", "sponsored", "privacy", "terms")
_UI = re.compile(r"\b(?:" + "|".join(_UI_PHRASES) + r")\b", re.I)
_SEPARATORS = re.compile(r"[|·›»★•/«‹>]")
_SENTENCE = re.compile(r"[.!?][\s\"')\]]")
_TOKEN = re.compile(r"\w+")
# the three patterns above, case-sensitive, for lower-cased text: they match there what
# they match case-insensitively in the text unless it holds one of İ ı ſ K, the only
# characters outside ASCII that match an ASCII letter case-insensitively or whose lower
# case is ASCII, longer, or of another class (\w, \s, \d) (tests/test_text_features.py)
_LOWER = {p: re.compile(p.pattern) for p in (_RELATIVE_TIME, _COUNT, _UI)}
_CASE_CROSSING = re.compile("[\u0130\u0131\u017f\u212a]")


def _ui_words() -> tuple[frozenset[str], frozenset[str]]:
    """_UI's matches as the \\w+ tokens of a lower-cased ASCII text: the words that match
    alone ("cookies", "signup", "email"), and the first words of the phrases that may
    span tokens ("read more", "sign up", "e-mail"), whose texts are left to the pattern."""
    alone: set[str] = set()
    first: set[str] = set()
    for phrase in _UI_PHRASES:
        word = re.fullmatch(r"([a-z]+)(s\?)?", phrase)
        if word:
            alone |= {word[1], f"{word[1]}s"} if word[2] else {word[1]}
            continue
        first.add(re.match("[a-z]+", phrase)[0])  # type: ignore[index]
        if " " not in phrase:
            alone.add(phrase.replace(r"\s?", "").replace("-?", ""))
    return frozenset(alone), frozenset(first)


_UI_ALONE, _UI_FIRST = _ui_words()
# ASCII characters by str method, for counting an ASCII text's with bytes.translate
_ALNUM, _SPACE, _DIGIT, _ALPHA = (bytes(i for i in range(128) if test(chr(i)))
                                  for test in (str.isalnum, str.isspace, str.isdigit, str.isalpha))
# an ASCII text's \w+ tokens are the runs its bytes split into with every other byte a space;
# its words (str.split's) that start with a capital are the " U" pairs of its bytes with
# spaces as " ", capitals as "U" and the rest as "x", after a leading space
_WORD_BYTES = bytes(i if re.fullmatch(r"\w", chr(i)) else 32 for i in range(256))
_CAPITALS = bytes(32 if chr(i).isspace() else 85 if chr(i).isupper() else 120 for i in range(128)) + b"x" * 128
_STOP_BYTES = frozenset(w.encode() for w in _STOP if w.isascii())
_UI_ALONE_BYTES, _UI_FIRST_BYTES = (frozenset(w.encode() for w in words) for words in (_UI_ALONE, _UI_FIRST))
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_TYPE_FLAGS = {t: tuple(float(t == u) for u in _TYPES) for t in _TYPES}
_NO_TYPE = (0.0,) * len(_TYPES)


_POWERS = tuple(1 << i for i in range(len(VOCAB)))
_NEAR_LEVELS = 8  # the element and its ancestors whose class/id/role words count as "near"


@lru_cache(maxsize=4096)
def word_bits(attrs: str) -> int:
    """Which VOCAB words are in an element's class/id (/role) text, as bits."""
    return sum(compress(_POWERS, map(attrs.casefold().__contains__, VOCAB)))


@lru_cache(maxsize=4096)
def tag_flags(tags: frozenset[str]) -> tuple[float, ...]:
    return tuple(float(t in tags) for t in TAG_CONTEXT)


@lru_cache(maxsize=4096)
def _bits_list(bits: int) -> tuple[float, ...]:
    return tuple(float(bits >> i & 1) for i in range(len(VOCAB)))


@dataclass(slots=True)
class Memo:
    """What the elements of one page share: each element's context, each parent's counts
    of child tags, each grandparent's counts of (tag, class) children."""

    context: dict[Any, tuple[int, frozenset[str], tuple[int, ...]]] = field(default_factory=dict)
    tags: dict[Any, Counter[str]] = field(default_factory=dict)
    shapes: dict[Any, Counter[tuple[str, str | None]]] = field(default_factory=dict)


def element_context(el: Any, memo: Memo) -> tuple[int, frozenset[str], tuple[int, ...]]:
    """Depth, the tags of the element and its ancestors, and the VOCAB bits of the nearest
    `_NEAR_LEVELS` of them below <body>: shared by siblings, so each element's is worked
    out once a page (from the nearest ancestor already known)."""
    known_map = memo.context
    path = []
    at = el
    while at is not None and at not in known_map:
        path.append(at)
        at = at.getparent()
    known = known_map[at] if at is not None else (-1, frozenset(), ())
    for node in reversed(path):
        depth, tags, near = known
        tag = node.tag
        bits = () if tag in ("body", "html") else (
            (word_bits(f"{node.get('class', '')} {node.get('id', '')} {node.get('role', '')}"),) + near
        )[:_NEAR_LEVELS]
        known = (depth + 1, tags if tag in tags else tags | {tag}, bits)  # (a tag seen above: the same set)
        known_map[node] = known
    return known


def siblings(el: Any, memo: Memo) -> tuple[int, int]:
    """Siblings of `el` with its tag, and its parent's siblings of the parent's tag and class."""
    parent = el.getparent()
    same = twins = 1
    if parent is not None:
        if parent not in memo.tags:
            memo.tags[parent] = Counter(map(attrgetter("tag"), parent))
        same = memo.tags[parent][el.tag]
        grand = parent.getparent()
        if grand is not None:
            if grand not in memo.shapes:
                memo.shapes[grand] = children_shapes(grand)
            twins = memo.shapes[grand][(parent.tag, parent.get("class"))]
    return same, twins


def place_features(el: Any, memo: Memo) -> list[float]:
    """Tag context and class/id words of the element and its ancestors."""
    _, tags, chain = element_context(el, memo)
    near = 0
    for bits in chain:
        near |= bits
    return [*tag_flags(tags),
            *_bits_list(word_bits(f"{el.get('class', '')} {el.get('id', '')}")), *_bits_list(near)]


def _dom_features(el: Any, block_len: int, memo: Memo) -> list[float]:
    if el is None:
        return [0.0] * (5 + len(TAG_CONTEXT) + len(VOCAB) * 2)
    depth = element_context(el, memo)[0]
    text_len = len(el.text_content()) if block_len < 5000 else block_len
    link_len = sum(len(a.text_content()) for a in el.iter("a"))
    same, twins = siblings(el, memo)
    return [
        min(depth, 60),
        link_len / max(1, text_len),
        math.log1p(text_len) - math.log1p(block_len),
        min(same, 50),
        min(twins, 50),
        *place_features(el, memo),
    ]


def text_features(b: Block) -> tuple[float, ...]:
    """The features of a block's text alone (kept per worker: a site's pages repeat their
    menus, footers and notices, whose rows are then not computed again)."""
    return _text_features(b.text, b.type, b.level)


@lru_cache(maxsize=8192)
def _text_features(text: str, kind: str, level: int | None) -> tuple[float, ...]:
    words = text.split()
    n = max(1, len(words))
    size = max(1, len(text))
    folded = text.casefold()
    ascii = text.isascii()
    if ascii:  # (casefold is lower there) counted by C loops over the bytes
        raw = text.encode()
        alnum = len(raw) - len(raw.translate(None, _ALNUM))
        space = len(raw) - len(raw.translate(None, _SPACE))
        digits = len(raw) - len(raw.translate(None, _DIGIT))
        alpha = len(raw) - len(raw.translate(None, _ALPHA))
        toks: list[Any] = raw.lower().translate(_WORD_BYTES).split()
        capitals = (b" " + raw.translate(_CAPITALS)).count(b" U")
        crossing = False
    else:  # its ASCII characters counted over their bytes, the others one by one
        raw = text.encode("ascii", "ignore")
        rest = "".join(_NON_ASCII.findall(text))
        alnum = len(raw) - len(raw.translate(None, _ALNUM)) + sum(map(str.isalnum, rest))
        space = len(raw) - len(raw.translate(None, _SPACE)) + sum(map(str.isspace, rest))
        digits = len(raw) - len(raw.translate(None, _DIGIT)) + sum(map(str.isdigit, rest))
        alpha = len(raw) - len(raw.translate(None, _ALPHA)) + sum(map(str.isalpha, rest))
        toks = _TOKEN.findall(folded)
        capitals = sum(map(str.isupper, map(itemgetter(0), words)))  # (str.split gives no empty word)
        crossing = _CASE_CROSSING.search(text) is not None
    if not crossing:
        lower = folded if ascii else text.lower()
        # every relative time holds "ago", "yesterday" or "just now", every count a digit: most
        # blocks need neither pattern
        timed = "ago" in lower or "yesterday" in lower or "just now" in lower
        times = len(_LOWER[_RELATIVE_TIME].findall(lower)) if timed else 0
        counts = len(_LOWER[_COUNT].findall(lower)) if digits else 0
        # an ASCII text's tokens give _UI's count unless one may start a phrase of several
        if ascii and _UI_FIRST_BYTES.isdisjoint(toks):
            ui = sum(map(_UI_ALONE_BYTES.__contains__, toks))
        else:
            ui = len(_LOWER[_UI].findall(lower))
    else:
        times, counts, ui = (len(p.findall(text)) for p in (_RELATIVE_TIME, _COUNT, _UI))
    # no character is both alphanumeric and a space
    other = len(text) - alnum - space
    stripped = text.rstrip()
    return (
        math.log1p(len(text)),
        math.log1p(len(words)),
        len(text) / n,
        capitals / n,
        digits / size,
        other / size,
        alpha / size,
        float(stripped[-1:] in ".!?:;\"'”)"),
        float(stripped.endswith(":")),
        len(_SENTENCE.findall(text + " ")),
        len(_SEPARATORS.findall(text)),
        times,
        counts,
        ui / n,
        float(ui > 0),
        sum(map((_STOP_BYTES if ascii else _STOP).__contains__, toks)) / max(1, len(toks)),
        float("©" in text or "copyright" in folded),
        float("@" in text or "http" in text or "www." in text),
        float("?" in text),
        *_TYPE_FLAGS.get(kind, _NO_TYPE),
        float(level or 0),
    )


TEXT_NAMES = ["log_chars", "log_words", "chars_per_word", "capitalised", "digits", "punct", "letters",
              "sentence_end", "colon_end", "sentences", "separators", "relative_times", "counts", "ui_share",
              "ui_any", "stopwords", "copyright", "url_or_at", "question", *(f"type_{t}" for t in _TYPES),
              "heading_level"]
DOM_NAMES = ["depth", "link_density", "element_vs_block", "same_tag_siblings", "repeated_parents",
             *(f"in_{t}" for t in TAG_CONTEXT), *(f"own_{w}" for w in VOCAB), *(f"near_{w}" for w in VOCAB)]
PAGE_NAMES = ["found", "dom_position", "candidate_position", "in_precise", "prev_precise", "next_precise",
              "prev_log_words", "next_log_words", "page_candidates", "page_precise_share", "page_log_words",
              "wide_extends"]
_LEVELS = ("parent", "grand", "great")
# where the candidate sits among the others and in the page's visible text: how much of
# the page it is, how much of its ancestors the candidates (and the precise pass) hold,
# its neighbours, the run of candidates under one parent, and the record it belongs to (a
# card, a post, a spec row: `segments.Records`, as the win-back model reads it)
CONTEXT_NAMES = ["block_share", "words_share", "page_kept", "page_precise_kept",
                 *(f"kept_{a}" for a in _LEVELS), *(f"precise_{a}" for a in _LEVELS), *(f"size_{a}" for a in _LEVELS),
                 "prev_link_density", "next_link_density", "window_precise", "window_found", "parent_run",
                 "element_blocks", "rel_log_chars", "rel_depth", "rel_link_density", *ITEM_NAMES]
FEATURES = [*TEXT_NAMES, *DOM_NAMES, *PAGE_NAMES, *CONTEXT_NAMES]  # what extraction computes
TYPE_NAMES = [f"page_{t}" for t in TYPES]  # the page-type model's probabilities, added when judging
# what the candidate's words share with the rest of its page, and its section (the blocks
# from one heading to the next): added when judging, from the blocks (`page_words`)
WORDS_NAMES = ["body_similarity", "shared_words", "section_precise", "section_words_share", "section_similarity",
               "section_place", "run_precise", "run_length"]
MODEL_FEATURES = [*FEATURES, *TYPE_NAMES, *WORDS_NAMES, LEXICAL]  # LEXICAL: the lexical model's score, added when judging
_LINKS, _CHARS, _DEPTH = FEATURES.index("link_density"), FEATURES.index("log_chars"), FEATURES.index("depth")
_WINDOW = 2  # candidates each side for the window shares


def features(blocks: Sequence[Block], in_precise: Sequence[bool], located: Sequence[tuple[Any, float, int]] | None,
             wide_extends: bool, memo: Memo | None = None, index: DomIndex | None = None,
             page_kept: Kept | None = None) -> np.ndarray:
    """One row of `FEATURES` per candidate block; `located`: each block's element and
    place in the page (`extract.segments.locate`) in `index` (`extract.segments.dom_index`;
    without it the context columns are -1); `page_kept`: `extract.segments.kept_by` of these
    blocks, when the caller has it (the win-back features read it too)."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    if located is None:
        located = [(None, -1.0, -1)] * n
    memo = memo if memo is not None else Memo()
    words = [len(b.text.split()) for b in blocks]
    precise_share = sum(in_precise) / n
    page_words = math.log1p(sum(words))
    rows = []
    for i, b in enumerate(blocks):
        el, pos, _ = located[i]
        rows.append([
            *text_features(b),
            *_dom_features(el, len(b.text), memo),
            float(el is not None), pos, i / n, float(in_precise[i]),
            float(in_precise[i - 1]) if i else -1.0, float(in_precise[i + 1]) if i + 1 < n else -1.0,
            math.log1p(words[i - 1]) if i else -1.0, math.log1p(words[i + 1]) if i + 1 < n else -1.0,
            math.log1p(n), precise_share, page_words, float(wide_extends),
        ])
    out = np.asarray(rows, dtype=np.float32)
    return np.hstack([out, context(blocks, in_precise, located, index, memo, out, words, page_kept)])


def context(blocks: Sequence[Block], in_precise: Sequence[bool], located: Sequence[tuple[Any, float, int]],
            index: DomIndex | None, memo: Memo, rows: np.ndarray, words: list[int],
            page_kept: Kept | None = None) -> np.ndarray:
    """The `CONTEXT_NAMES` columns of a page's candidates (`rows`: their other columns;
    `page_kept`: `extract.segments.kept_by` of the candidates, worked out here without it)."""
    n = len(blocks)
    out = np.full((n, len(CONTEXT_NAMES)), -1.0, dtype=np.float32)
    total_words = max(1, sum(words))
    found = np.asarray([el is not None for el, _, _ in located], dtype=np.float32)
    precise = np.asarray(in_precise, dtype=np.float32)
    out[:, 1] = np.asarray(words, dtype=np.float32) / total_words
    base = 4 + 3 * len(_LEVELS)
    links = rows[:, _LINKS]
    out[1:, base] = links[:-1]
    out[:-1, base + 1] = links[1:]
    # against the page's other candidates: its longest block, its usual depth, its links
    out[:, base + 6] = rows[:, _CHARS] - rows[:, _CHARS].max()
    depths = rows[np.asarray(found, dtype=bool), _DEPTH]
    if len(depths):
        out[:, base + 7] = np.where(found > 0, rows[:, _DEPTH] - np.median(depths), 0.0)
    out[:, base + 8] = links - links.mean()
    out[:, base + 2] = _window_share(precise)
    out[:, base + 3] = _window_share(found)
    parents = Counter(id(el.getparent()) for el, _, _ in located if el is not None)
    elements = Counter(id(el) for el, _, _ in located if el is not None)
    if index is None or not index.flat:
        return out
    total = len(index.flat)
    if page_kept is None:
        page_kept = kept_by(index, blocks, located, in_precise)
    covered, precise_kept, records = page_kept.covered, page_kept.precise, page_kept.records
    out[:, 2] = float(covered[-1]) / total
    out[:, 3] = float(precise_kept[-1]) / total
    for i, (b, (el, _, _)) in enumerate(zip(blocks, located, strict=True)):
        if el is None:
            continue
        length = max(1, len(norm(b.text)))
        out[i, 0] = length / total
        for j, (a, z) in enumerate(ancestor_spans(el, index, len(_LEVELS))):
            span = max(1, z - a)
            out[i, 4 + j] = (covered[z] - covered[a]) / span
            out[i, 4 + len(_LEVELS) + j] = (precise_kept[z] - precise_kept[a]) / span
            out[i, 4 + 2 * len(_LEVELS) + j] = math.log1p(span) - math.log1p(length)
        out[i, base + 4] = math.log1p(parents[id(el.getparent())])
        out[i, base + 5] = math.log1p(elements[id(el)])
        out[i, base + 9:] = records.item(el, memo.shapes)
    return out


def _window_share(marks: np.ndarray) -> np.ndarray:
    """The share of marked candidates among each one and its `_WINDOW` neighbours each side."""
    n = len(marks)
    cum = np.concatenate([[0.0], np.cumsum(marks)])
    lo = np.clip(np.arange(n) - _WINDOW, 0, n)
    hi = np.clip(np.arange(n) + _WINDOW + 1, 0, n)
    return (cum[hi] - cum[lo]) / (hi - lo)


_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_IN_PRECISE = FEATURES.index("in_precise")


def _content_words(text: str) -> Counter[str]:
    return Counter(w for w in _CONTENT_WORD.findall(text.casefold()) if w not in _STOP)


def page_words(blocks: Sequence[Block], rows: np.ndarray) -> np.ndarray:
    """The `WORDS_NAMES` columns of a page's candidates (`rows`: their `FEATURES`): how
    alike in content words a block is to the text the precise pass kept (itself left
    out), the share of its words found in another block; its section's share kept by the
    precise pass, share of the page's words, likeness to the kept text outside it, and
    place among the sections (-1 with no heading); the share kept by the precise pass of
    the run of neighbouring blocks of its type (a list's items, a run of answers) and its
    length. An article's body repeats its own words; a page's tail and furniture speak of
    other things."""
    n = len(blocks)
    out = np.zeros((n, len(WORDS_NAMES)), dtype=np.float32)
    if n == 0:
        return out
    counts = [_content_words(b.text) for b in blocks]
    sizes = [sum(c.values()) for c in counts]
    norms = [float(sum(v * v for v in c.values())) for c in counts]
    precise = rows[:, _IN_PRECISE] > 0
    body: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for c, kept in zip(counts, precise, strict=True):
        spread.update(c.keys())
        if kept:
            body.update(c)
    body_norm = float(sum(v * v for v in body.values()))
    heads = np.asarray([b.type == "heading" for b in blocks])
    section = np.cumsum(heads) - heads[0]  # (a page that opens with a heading: its section is the first)
    sections = int(section[-1]) + 1
    total = max(1, sum(sizes))
    for j in range(sections):
        idx = np.flatnonzero(section == j)
        if not len(idx):
            continue
        own: Counter[str] = Counter()
        kept: Counter[str] = Counter()  # its words the kept text holds
        for i in idx:
            own.update(counts[i])
            if precise[i]:
                kept.update(counts[i])
        words, kept_words = sum(own.values()), sum(kept.values())
        # its likeness to the kept text less its own kept words, from dot products over its words
        dot = sum(v * (body[w] - kept[w]) for w, v in own.items())
        rest = body_norm - 2 * sum(v * body[w] for w, v in kept.items()) + sum(v * v for v in kept.values())
        own_norm = sum(v * v for v in own.values())
        out[idx, 2] = kept_words / words if words else float(precise[idx].mean())
        out[idx, 3] = words / total
        out[idx, 4] = dot / math.sqrt(own_norm * rest) if own_norm and rest > 0 else 0.0
        out[idx, 5] = j / (sections - 1) if sections > 1 else -1.0
    for i, c in enumerate(counts):
        if not sizes[i]:
            continue
        dot = sum(v * body[w] for w, v in c.items())
        rest = body_norm
        if precise[i]:  # the kept text less the block itself
            rest += norms[i] - 2 * dot
            dot -= norms[i]
        out[i, 0] = dot / math.sqrt(norms[i] * rest) if rest > 0 else 0.0
        out[i, 1] = sum(v for w, v in c.items() if spread[w] > 1) / sizes[i]
    start = 0
    for i in range(1, n + 1):
        if i == n or blocks[i].type != blocks[start].type:
            out[start:i, 6] = precise[start:i].mean()
            out[start:i, 7] = math.log1p(i - start)
            start = i
    return out


def model_rows(rows: np.ndarray, probabilities: Sequence[float] | np.ndarray | None,
               columns: Sequence[str], lexical: np.ndarray | None = None,
               blocks: Sequence[Block] | None = None) -> np.ndarray:
    """The rows with the page's page-type probabilities (`TYPES` order; none known: 0),
    the `page_words` columns of `blocks` (the candidates the rows describe; needed when
    `columns` hold them) and the blocks' lexical scores (`lexical`; none: 0.5) added, in
    the model's `columns` (a card's features: older models read fewer)."""
    types = np.zeros((1, len(TYPES)), dtype=np.float32) if probabilities is None else \
        np.asarray(probabilities, dtype=np.float32).reshape(1, -1)
    words = np.full((len(rows), 1), 0.5, dtype=np.float32) if lexical is None else \
        np.asarray(lexical, dtype=np.float32).reshape(-1, 1)
    if WORDS_NAMES[0] in columns:
        if blocks is None or len(blocks) != len(rows):
            raise ValueError("the boilerplate model reads the blocks' words: pass the blocks the rows describe")
        shared = page_words(blocks, rows)
    else:
        shared = np.zeros((len(rows), len(WORDS_NAMES)), dtype=np.float32)
    full = np.hstack([rows, np.repeat(types, len(rows), axis=0), shared, words])
    if list(columns) == MODEL_FEATURES:
        return full
    return full[:, [MODEL_FEATURES.index(c) for c in columns]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon | None:
    """The shipped boilerplate model's lexical model (its card's `lexical` file), if it reads one."""
    import json

    from .. import models

    name = models.card("boilerplate").get("lexical")
    if not name:
        return None
    return Lexicon.from_json(json.loads((models.HERE / name).read_text(encoding="utf-8")))


def scores(rows: np.ndarray | None, kind: PageType | None = None,
           blocks: Sequence[Block] | None = None) -> np.ndarray | None:
    """The model's probability that each row is main content; None without rows or model.
    `kind`: the page-type model's call (its probabilities are features); `blocks`: the
    candidates the rows describe (their words are a feature: required when the model reads
    them)."""
    if rows is None or len(rows) == 0:
        return None
    from .. import models

    try:
        booster = models.booster("boilerplate")
    except KeyError:
        return None
    columns = models.card("boilerplate")["features"]
    words = None
    if LEXICAL in columns:
        found = lexicon()
        if blocks is None or found is None or len(blocks) != len(rows):
            raise ValueError("the boilerplate model reads the blocks' words: pass the blocks the rows describe")
        words = found.scores(b.text for b in blocks)
    probabilities = None if kind is None else [kind.scores.get(t, 0.0) for t in TYPES]
    x = model_rows(rows, probabilities, columns, words, blocks)
    return booster.predict(x, num_threads=1)  # OpenMP's threads cost more than ~100 rows


def judge(rows: np.ndarray | None, kind: PageType | None = None,
          blocks: Sequence[Block] | None = None) -> dict[int, float]:
    """Blocks the model removes: their index and score (probability of main content);
    `blocks`: the candidates the rows describe (`scores`)."""
    found = scores(rows, kind, blocks)
    if found is None or rows is None:
        return {}
    from .. import models

    return decide(rows, found, float(models.card("boilerplate")["threshold"]))


def decide(rows: np.ndarray, found: np.ndarray, threshold: float) -> dict[int, float]:
    """Rows scored under `threshold` go, and with them the rest of each run of links most of
    which go (`link_runs`). (A floor of half the precise pass's words was measured and
    dropped: health-dev F1 0.962 -> 0.951 with it.)"""
    drops = {int(i): round(float(found[i]), 4) for i in np.flatnonzero(found < threshold)}
    for run in link_runs(rows):
        gone = [drops[i] for i in run if i in drops]
        if len(gone) * _RUN_SHARE[1] >= len(run) * _RUN_SHARE[0]:
            # one list of links is one decision: its rest goes at the score of the best of those that go
            drops.update({i: max(gone) for i in run if i not in drops})
    return drops


_TYPE_COLUMNS = [FEATURES.index(f"type_{t}") for t in _TYPES]
_WORDS = FEATURES.index("log_words")
_RUN_LINKS, _RUN_WORDS, _RUN_MIN, _RUN_SHARE = 0.5, math.log1p(30), 3, (2, 3)


def link_runs(rows: np.ndarray) -> list[list[int]]:
    """Runs of at least `_RUN_MIN` neighbouring candidates of one type, each short (up to 30
    words) and mostly link text: a list of teasers, related posts or a menu, whose items the
    model judges one by one though a page keeps or drops such a list as a whole."""
    linked = (rows[:, _LINKS] >= _RUN_LINKS) & (rows[:, _WORDS] <= _RUN_WORDS)
    kinds = rows[:, _TYPE_COLUMNS].argmax(axis=1) if len(rows) else np.zeros(0, dtype=int)
    runs: list[list[int]] = []
    run: list[int] = []
    for i in range(len(rows) + 1):
        if run and (i == len(rows) or not linked[i] or kinds[i] != kinds[run[0]]):
            if len(run) >= _RUN_MIN:
                runs.append(run)
            run = []
        if i < len(rows) and linked[i]:
            run.append(i)
    return runs
