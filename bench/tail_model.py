"""Where the article ends: a sequence decision over the blocks the boilerplate model keeps.

The per-block model judges each block by its own shape and its neighbours'; what it keeps
that the gold leaves out is mostly the article's tail ("You may be interested in …",
author bios, promotion lines), prose that reads like the article's own. Whether such a
block ends the article shows only in what follows it: the rest of the page's kept blocks
(their headings, links, lengths, scores, the share of the page's prose already seen).
For every boundary between two kept blocks, `features` describes the blocks before and
after it; a regression model predicts what cutting there gains (`bench/train_tail.py`'s
target: the change of the page's precision and recall), and the blocks after the boundary
of highest predicted gain go when it is over the threshold.
Measured by nested site-grouped CV (`python bench/train_tail.py`) and not
shipped: docs/cleaning.md, "Measured and not shipped".
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from ascurate.clean.boilerplate import FEATURES
from ascurate.clean.pagetype import TYPES
from ascurate.clean.repeats import drop_repeats
from ascurate.clean.result import Cleaned
from ascurate.model import Block

_WORD = re.compile(r"[^\W\d_]{4,}")  # content words, roughly: letters only, four or more
JUDGED = ("article",)  # the page types whose end is judged (on others it cost: service pages -0.008)
PROSE_WORDS = 30  # a block of this many words ending a sentence is finished prose

_COL = {name: FEATURES.index(name) for name in FEATURES}
# the per-block columns averaged over the blocks after a boundary (and, some, before it)
SUFFIX_COLUMNS = ("link_density", "type_heading", "type_list_item", "sentence_end", "ui_share", "capitalised",
                  "digits", "separators", "in_precise", "in_aside", "in_footer", "in_li", "in_a", "in_form",
                  "same_tag_siblings", "repeated_parents", "near_related", "near_recommend", "near_author",
                  "near_byline", "near_share", "near_tag", "near_comment", "near_teaser", "near_card",
                  "near_more", "near_article", "near_content", "near_post", "near_entry", "near_body")
PREFIX_COLUMNS = ("link_density", "type_heading", "in_precise", "near_article", "near_content")
EDGE_COLUMNS = ("log_words", "type_heading", "heading_level", "link_density", "colon_end", "question",
                "sentence_end", "in_precise", "capitalised", "ui_share", "relative_times", "counts",
                "url_or_at", "copyright", "dom_position")

NAMES = ["kept_position", "candidate_position", "kept_after", "kept_before", "words_before_share",
         "log_words_after", "prose_before_share", "prose_blocks_after", "prose_after_share",
         "short_after_share", "score_after_mean", "score_after_min", "score_before_mean", "score_next",
         "score_prev", "score_next_min3", "dropped_between", "dom_jump", "chars_spread_after",
         "headings_after", "cohesion_after", "novelty_after", "novelty_next", "novelty_prev",
         "title_after", "title_next", *(f"after_{c}" for c in SUFFIX_COLUMNS), *(f"before_{c}" for c in PREFIX_COLUMNS),
         *(f"next_{c}" for c in EDGE_COLUMNS), *(f"prev_{c}" for c in EDGE_COLUMNS),
         *(f"page_{t}" for t in TYPES)]


def kept_blocks(scores: np.ndarray, threshold: float) -> np.ndarray:
    """The candidates the boilerplate model keeps (indices)."""
    return np.flatnonzero(np.asarray(scores) >= threshold)


def unrepeated(kept: np.ndarray, blocks: Sequence[Block], settings: Sequence[dict]) -> np.ndarray:
    """`kept` less the blocks the repeats step (`repeats.drop_repeats`, with `settings`)
    drops: the sequence cleaning goes on with, so a second copy of the article, which that
    step takes, is neither a boundary here nor a gain the model learns."""
    pairs = [(int(i), blocks[int(i)]) for i in kept]
    for setting in settings:
        pairs = drop_repeats(pairs, setting, Cleaned(blocks=[]))
    return np.asarray([i for i, _ in pairs], dtype=np.int64)


def cohesion(texts: Sequence[str], title: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What the blocks' words share with what came before them: per boundary j (before
    block j, j = 0 .. m), the tokens of blocks j.. whose word occurs in blocks ..j-1 and
    the tokens of blocks j.. ; per block, the share of its words not seen before it
    (-1 without words) and whether it has a word of the title. An article's tail
    (a bio, a promotion, other stories) turns to other words than the article's."""
    m = len(texts)
    first: dict[str, int] = {}
    inprefix = np.zeros(m + 2)
    tokens = np.zeros(m + 1)
    novelty = np.full(m, -1.0)
    titled = np.zeros(m)
    heading = {w.casefold() for w in _WORD.findall(title or "")}
    for k, text in enumerate(texts):
        words = [w.casefold() for w in _WORD.findall(text)]
        tokens[k] = len(words)
        new = 0
        for w in words:
            f = first.setdefault(w, k)
            if f < k:  # counted at every boundary j with f < j <= k
                inprefix[f + 1] += 1
                inprefix[k + 1] -= 1
            else:
                new += 1
        if words:
            novelty[k] = new / len(words)
            titled[k] = float(bool(heading.intersection(words)))
    shared = np.cumsum(inprefix)[:m + 1]
    suffix_tokens = np.cumsum(tokens[::-1])[::-1]
    return shared, suffix_tokens, novelty, titled


def features(rows: np.ndarray, scores: np.ndarray, kept: np.ndarray,
             probabilities: Sequence[float] | np.ndarray | None, texts: Sequence[str],
             title: str | None) -> np.ndarray:
    """One row of `NAMES` per boundary before `kept[m]`, m = 1 .. len(kept) - 1 (the
    first kept block always stays); `texts`: the candidates' texts, `title` the page's."""
    m = len(kept)
    if m < 2:
        return np.zeros((0, len(NAMES)), dtype=np.float32)
    shared, suffix_tokens, novelty, titled = cohesion([texts[i] for i in kept], title)
    has_words = novelty >= 0
    novel_rev = np.cumsum((novelty * has_words)[::-1])[::-1]
    worded_rev = np.cumsum(has_words[::-1])[::-1]
    titled_rev = np.cumsum(titled[::-1])[::-1]
    r = rows[kept]
    s = np.asarray(scores, dtype=np.float64)[kept]
    words = np.expm1(r[:, _COL["log_words"]])
    prose = (words >= PROSE_WORDS) & (r[:, _COL["sentence_end"]] > 0)
    short = words < 10
    total = max(1.0, float(words.sum()))
    prose_total = max(1.0, float((words * prose).sum()))
    cum_words = np.concatenate([[0.0], np.cumsum(words)])
    cum_prose = np.concatenate([[0.0], np.cumsum(words * prose)])
    types = np.zeros(len(TYPES), dtype=np.float32) if probabilities is None else \
        np.asarray(probabilities, dtype=np.float32)
    n = max(1, int(rows.shape[0]))
    suffix = np.asarray([_COL[c] for c in SUFFIX_COLUMNS])
    prefix = np.asarray([_COL[c] for c in PREFIX_COLUMNS])
    edge = np.asarray([_COL[c] for c in EDGE_COLUMNS])
    # suffix means by reversed cumulative sums
    rev = np.cumsum(r[::-1][:, suffix], axis=0)[::-1]
    fwd = np.cumsum(r[:, prefix], axis=0)
    s_rev = np.cumsum(s[::-1])[::-1]
    s_fwd = np.cumsum(s)
    s_min_rev = np.minimum.accumulate(s[::-1])[::-1]
    prose_rev = np.cumsum(prose[::-1])[::-1]
    short_rev = np.cumsum(short[::-1])[::-1]
    heads_rev = np.cumsum(r[::-1, _COL["type_heading"]])[::-1]
    chars = r[:, _COL["log_chars"]]
    out = np.zeros((m - 1, len(NAMES)), dtype=np.float32)
    for j in range(1, m):
        after = m - j
        tail_chars = chars[j:]
        out[j - 1] = [
            j / m, kept[j] / n, math.log1p(after), math.log1p(j), cum_words[j] / total,
            math.log1p(total - cum_words[j]), cum_prose[j] / prose_total, math.log1p(prose_rev[j]),
            (cum_prose[m] - cum_prose[j]) / max(1.0, total - cum_words[j]),
            short_rev[j] / after, s_rev[j] / after, s_min_rev[j], s_fwd[j - 1] / j, s[j], s[j - 1],
            float(s[j:j + 3].min()), math.log1p(kept[j] - kept[j - 1] - 1),
            r[j, _COL["dom_position"]] - r[j - 1, _COL["dom_position"]],
            float(tail_chars.std()) if after > 1 else 0.0, math.log1p(heads_rev[j]),
            shared[j] / suffix_tokens[j] if suffix_tokens[j] else -1.0,
            novel_rev[j] / worded_rev[j] if worded_rev[j] else -1.0,
            novelty[j], novelty[j - 1], titled_rev[j] / after, titled[j],
            *(rev[j] / after), *(fwd[j - 1] / j), *r[j, edge], *r[j - 1, edge], *types,
        ]
    return out


def boundary(predicted: np.ndarray, threshold: float) -> int | None:
    """The boundary (index into `features`' rows) with the highest predicted gain, if
    that gain is over `threshold`."""
    if not len(predicted):
        return None
    best = int(np.argmax(predicted))
    return best if predicted[best] > threshold else None


def cut(kept: np.ndarray, predicted: np.ndarray, threshold: float, n: int) -> list[int]:
    """The candidates (indices, of `n`) from the first kept block after the chosen
    boundary on."""
    b = boundary(predicted, threshold)
    return [] if b is None else list(range(int(kept[b + 1]), n))

