"""Deduplication: one article per text, across the batch and across earlier runs.

Exact duplicates share the hash of their normalised clean text (case, whitespace and
punctuation folded), computed after cleaning so that pages differing only in their
furniture still match. The first article seen with a text stays canonical; later copies
get `status: duplicate` and `duplicate_of`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .model import Article
from .state import State

_NON_WORD = re.compile(r"[\W_]+", re.U)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


class Deduper:
    """Decides, article by article in a stable order, which copy stays."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.seen: dict[str, str] = {}  # content hash -> kept article id, this run

    def decide(self, article: Article) -> None:
        if article.status == "rejected" or not article.text.strip():
            return
        h = article.content_hash
        kept = self.seen.get(h)
        if kept is None:
            prior = self.state.by_hash(h)
            if prior is not None and prior[0] != article.id:
                kept = prior[0]
        if kept is not None and kept != article.id:
            article.status = "duplicate"
            article.duplicate_of = kept
            article.metadata.setdefault("dedup", {"method": "exact", "reason": "same normalised text as an earlier article"})
        else:
            self.seen[h] = article.id
