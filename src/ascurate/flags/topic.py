"""`off_topic`: a paragraph about something else than the article around it.

Each prose paragraph is compared with the rest of the article by the cosine of their
word vectors, each word weighted by how rare it is in the language at large (wordfreq:
weight = `RARE_ZIPF` minus the word's Zipf frequency, so "the", "time" and "people" count
for almost nothing and "uric" or "spondylitis" for much). Words are cut to their first
`STEM` letters, so inflected forms meet in all four languages. A passage on pets or
travel that shares a few everyday words with a health page stays far from it; a
sub-topic (diet on a gout page) shares the article's rare words. The score is how far
below the article's typical paragraph similarity the paragraph falls; in English, a
paragraph that speaks none of the domain's vocabulary (`[[topic]]` rules) in an article
that does scores higher.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from functools import cache

from .. import rulebook
from ..config import Config
from ..model import Block, Flag
from . import lexicon
from .glued import _zipf

MIN_PARAGRAPHS = 5  # a short article has too little "rest" to compare with
MIN_WORDS = 25  # a shorter paragraph says too little to be about something else
STEM = 6
RARE_ZIPF = 6.0  # a word this frequent or more carries no topic
DOMAIN_BONUS = 0.15  # English: a paragraph without the domain's words in an article full of them
MIN_ARTICLE_DOMAIN_SHARE = 0.10
MAX_DOMAIN_SHARE = 0.05
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")


def off_topic(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    idx = [i for i, b in enumerate(blocks) if b.type in ("paragraph", "list_item", "quote", "heading")]
    paras = [i for i in idx if blocks[i].type == "paragraph" and _prose(blocks[i].text)]
    if len(paras) < MIN_PARAGRAPHS or not language:
        return []
    vecs = {i: _vector(blocks[i].text, language) for i in idx}
    total: Counter[str] = Counter()
    for v in vecs.values():
        total.update(v)
    sims = {i: _cosine(vecs[i], total - vecs[i]) for i in paras}
    typical = statistics.median(sims.values())
    if typical <= 0:
        return []
    domain = _domain_matcher(tuple(r.pattern for r in rulebook.load(cfg, "topic"))) if language == "en" else None
    on_domain = domain is not None and domain(_words(text)) >= MIN_ARTICLE_DOMAIN_SHARE
    limit = lexicon.threshold(cfg, "off_topic")
    flags = []
    for i in paras:
        score = max(0.0, 1.0 - sims[i] / (0.5 * typical))
        if on_domain and domain is not None and domain(_words(blocks[i].text)) <= MAX_DOMAIN_SHARE:
            score += DOMAIN_BONUS
        if score >= limit:
            s, e = offs[i], offs[i] + len(blocks[i].text)
            flags.append(Flag("off_topic", s, e, text[s:e], "warning",
                              f"This paragraph shares little of the article's distinctive vocabulary (similarity "
                              f"{sims[i]:.2f}, typical {typical:.2f}): a teaser or a passage from another page?",
                              rule="topic.rare-word-outlier", suggestion="", score=round(min(score, 1.0), 2)))
    return flags


def _words(s: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(s)]


def _vector(s: str, language: str) -> Counter[str]:
    """Word stems weighted by rarity, with sublinear counts."""
    counts = Counter(_words(s))
    vec: Counter[str] = Counter()
    for w, n in counts.items():
        weight = RARE_ZIPF - max(_zipf(w, language), _zipf(w, "en") if language != "en" else 0.0)
        if weight > 0:
            vec[w[:STEM]] += weight * (1 + math.log(n))
    return vec


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


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
    return lower / len(words) >= 0.5 and not re.search(r"\bet al\b|\bdoi\b|\d{4};\d", s)
