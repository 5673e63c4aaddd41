"""A lexical signal for the boilerplate model: what a block's words are.

The boilerplate model's text columns are statistics (length, punctuation, stop words, a
few interface-verb patterns): "Follow us", "About the author", "Sign up for our
newsletter" or "... contributed reporting" are judged by their shape only. This model
reads the words: a logistic regression over a block's case-folded words and word pairs
(digits folded to 0; the block's first word and first pair marked apart, since furniture
announces itself at the start), limited to the terms found on many sites' pages in
training, so that no site's wording is learnt. Its score is one column of the
boilerplate model (`LEXICAL`), added when judging, like the page-type probabilities.

The weights are data (a JSON vocabulary of term -> weight and an intercept, no pickle),
trained by `python -m ascurate.models.train boilerplate --columns lexical` beside the
boilerplate model; in training the column is out of fold (grouped by site), so the
boilerplate model does not learn to trust a score that saw the page. Measured and not
shipped: it raises the block-level ROC AUC but not the articles' F1 (docs/cleaning.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

LEXICAL = "lexical"  # the boilerplate model's column name
HEAD_CHARS = 200  # the block's text read: furniture says what it is early; long prose is content anyway
PAIR_WORDS = 8  # word pairs are read among the first words only (a phrase of furniture opens its block)
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"[1-9]")


def terms(text: str) -> set[str]:
    """The block's terms: its words (digits as 0), the pairs among its first `PAIR_WORDS`
    words, and its first word and first pair marked `^`. Cheap: a page's blocks are read
    in well under a millisecond."""
    head_text = text[:HEAD_CHARS].casefold()
    if _DIGIT.search(head_text):  # most blocks hold none: the substitution is paid where needed
        head_text = _DIGIT.sub("0", head_text)
    words = _WORD.findall(head_text)
    if not words:
        return set()
    head = words[:PAIR_WORDS]
    out = set(words)
    out.update(map(" ".join, zip(head, head[1:], strict=False)))
    out.add("^" + words[0])
    if len(words) > 1:
        out.add(f"^{words[0]} {words[1]}")
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The fitted model: a weight per vocabulary term and an intercept. A block's score is
    the logistic of the intercept plus the sum of its terms' weights over the square root
    of its number of terms (the rows were scaled so in training: a long block does not
    score far out only by holding many terms)."""

    weights: Mapping[str, float]
    intercept: float

    def score(self, text: str) -> float:
        found = terms(text)
        if not found:
            return 1.0 / (1.0 + math.exp(-self.intercept))
        get = self.weights.get
        z = self.intercept + sum(get(t, 0.0) for t in found) / math.sqrt(len(found))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def scores(self, texts: Iterable[str]) -> np.ndarray:
        return np.asarray([self.score(t) for t in texts], dtype=np.float32)

    def to_json(self) -> dict[str, object]:
        return {"intercept": round(self.intercept, 6),
                "weights": {t: round(w, 6) for t, w in sorted(self.weights.items()) if abs(w) >= 1e-6}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Lexicon:
        weights = data["weights"]
        assert isinstance(weights, dict)
        return cls({str(k): float(v) for k, v in weights.items()}, float(data["intercept"]))  # type: ignore[arg-type]


def vocabulary(docs: Sequence[set[str]], groups: Sequence[str], min_groups: int, size: int) -> list[str]:
    """The terms found in at least `min_groups` groups (sites), the `size` most widespread."""
    seen: dict[str, set[str]] = {}
    for found, g in zip(docs, groups, strict=True):
        for t in found:
            seen.setdefault(t, set()).add(g)
    ranked = sorted((t for t, s in seen.items() if len(s) >= min_groups), key=lambda t: (-len(seen[t]), t))
    return ranked[:size]


def fit(docs: Sequence[set[str]], labels: np.ndarray, weights: np.ndarray, groups: Sequence[str],
        min_groups: int = 10, size: int = 4000, c: float = 1.0) -> Lexicon:
    """A logistic regression on the terms of `docs` (each block's `terms`), weighed by
    `weights`, over the vocabulary of terms on `min_groups` or more sites."""
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(docs, groups, min_groups, size)
    index = {t: i for i, t in enumerate(vocab)}
    model = LogisticRegression(C=c, max_iter=300, solver="lbfgs")
    model.fit(_matrix(docs, index), labels, sample_weight=weights)
    coef = model.coef_[0]
    return Lexicon({t: float(coef[i]) for t, i in index.items()}, float(model.intercept_[0]))


def _matrix(docs: Sequence[set[str]], index: Mapping[str, int]) -> Any:
    """The blocks' rows (scipy's CSR): 1 / sqrt(number of terms) for each vocabulary term."""
    from scipy.sparse import csr_matrix

    data: list[float] = []
    cols: list[int] = []
    ptr = [0]
    for found in docs:
        norm = 1.0 / math.sqrt(len(found)) if found else 0.0
        mine = sorted(j for j in map(index.get, found) if j is not None)  # in order: the same fit every run
        cols.extend(mine)
        data.extend([norm] * len(mine))
        ptr.append(len(cols))
    return csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(cols, dtype=np.int64),
                       np.asarray(ptr, dtype=np.int64)), shape=(len(docs), max(1, len(index))))
