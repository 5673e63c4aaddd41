"""`off_topic`: a paragraph whose vocabulary the rest of the article does not share.

Each paragraph is compared with the rest of the article by TF-IDF (scikit-learn, fitted
on the article's own paragraphs, English stop words out). Within one article many
on-topic paragraphs share few terms (a short section on pacing, a definition), so a
paragraph is flagged only when it shares almost nothing with the rest AND speaks almost
none of the domain's vocabulary (`[[topic]]` rules, data) in an article that does: a
teaser for another page or a news item spliced into a health page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .. import rulebook
from ..config import Config
from ..model import Block, Flag

MIN_PARAGRAPHS = 6  # a short article has too little "rest" to compare with
MIN_WORDS = 15
MAX_SIMILARITY = 0.005  # cosine with the rest of the article: no weighted term in common
MAX_DOMAIN_SHARE = 0.05  # of the paragraph's content words that are the domain's
MIN_ARTICLE_DOMAIN_SHARE = 0.10  # an article that is not about the domain has no outliers from it
_TOKEN = re.compile(r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b")


def off_topic(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    domain = _domain_matcher(tuple(r.pattern for r in rulebook.load(cfg, "topic")))
    if domain is None:
        return []
    idx = [i for i, b in enumerate(blocks) if b.type in ("paragraph", "list_item", "quote", "heading")]
    paras = [i for i in idx if blocks[i].type == "paragraph" and _prose(blocks[i].text)]
    if len(paras) < MIN_PARAGRAPHS or language != "en":
        return []
    analyse = _analyser()
    # both tests must hold; the cheap one (domain words) first, the TF-IDF fit only
    # for an article that has a candidate
    candidates = {i for i in paras if domain(analyse(blocks[i].text)) <= MAX_DOMAIN_SHARE}
    if not candidates or domain(analyse(text)) < MIN_ARTICLE_DOMAIN_SHARE:
        return []
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [blocks[i].text for i in idx]
    try:
        vec = TfidfVectorizer(stop_words="english", token_pattern=_TOKEN.pattern, sublinear_tf=True,
                              lowercase=True).fit(docs)
    except ValueError:  # nothing but stop words
        return []
    m = vec.transform(docs)  # rows are L2-normalised
    total = np.asarray(m.sum(axis=0)).ravel()
    dots = m @ total  # row . total
    own = np.asarray(m.multiply(m).sum(axis=1)).ravel()  # |row|^2: 1, or 0 for a row of stop words
    rest_norm = np.sqrt(np.maximum(total @ total - 2 * dots + own, 1e-12))
    flags = []
    for k, i in enumerate(idx):
        if i not in candidates or not own[k]:
            continue
        sim = float((dots[k] - own[k]) / rest_norm[k])  # cosine(row, rest of article)
        if sim <= MAX_SIMILARITY:
            s, e = offs[i], offs[i] + len(blocks[i].text)
            flags.append(Flag("off_topic", s, e, text[s:e], "warning",
                              f"This paragraph shares almost no vocabulary with the rest of the article "
                              f"(similarity {sim:.2f}): a teaser or a passage from another page?",
                              rule="topic.tfidf-outlier", suggestion=""))
    return flags


@cache
def _analyser() -> Callable[[str], list[str]]:
    """TF-IDF's own tokenizer (lower case, English stop words out), without a fit."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", token_pattern=_TOKEN.pattern, lowercase=True).build_analyzer()


@cache
def _domain_matcher(patterns: tuple[re.Pattern[str], ...]) -> Callable[[list[str]], float] | None:
    """Share of tokens that are the domain's; each distinct token is matched once per process."""
    if not patterns:
        return None
    known: dict[str, bool] = {}

    def share(tokens: list[str]) -> float:
        hits = 0
        for t in tokens:
            hit = known.get(t)
            if hit is None:
                hit = known[t] = any(p.match(t) for p in patterns)
                if len(known) > 200_000:  # a bound, not a leak
                    known.clear()
            hits += hit
        return hits / max(1, len(tokens))

    return share


def _prose(s: str) -> bool:
    """Ordinary sentences, not a byline, a reference or a list of names."""
    words = s.split()
    if len(words) < MIN_WORDS:
        return False
    lower = sum(w[0].islower() for w in words)
    return lower / len(words) >= 0.6 and not re.search(r"\bet al\b|\bdoi\b|\d{4};\d", s)
