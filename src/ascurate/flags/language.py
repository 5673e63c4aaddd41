"""`foreign_text`: a passage in another language than the article.

langdetect (through `ascurate.lang.detect`, seeded and thread-safe) runs per block. It
guesses short text badly and calls reference lists, drug names and tables anything, so
a block counts only when it is long enough, langdetect is sure, and, for an English
article, the block uses almost none of the English function words every English
sentence needs.
"""

from __future__ import annotations

import re

from .. import lang
from ..model import Block, Flag

MIN_WORDS = 8
MIN_LETTERS = 50
MIN_PROB = 0.90
MAX_ENGLISH_SHARE = 0.08
SAMPLE_CHARS = 600  # langdetect's time grows with the text; a paragraph's start tells its language
_WORD = re.compile(r"[^\W\d_]+")
_CITATION = re.compile(r"\bet al\b|\bdoi\b|\d{4};\s?\d|\b\d{4}\)?[.;:]\s?\d+\s?[:(]")
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "is", "are", "was", "were", "for", "with", "that", "this", "it", "be", "by", "on", "as", "at", "from", "or", "an", "not", "have", "has", "can", "you", "your", "they", "their", "we", "our", "he", "she", "his", "her", "which", "who", "will", "may", "should", "would"]
)


def _running_text(s: str, words: list[str]) -> bool:
    """Sentences, not a reference list, tags or names (langdetect calls those anything).
    German capitalises nouns, so the bar for lower-case words is low."""
    if s.count(",") > 0.25 * len(words):
        return False  # a tag list ("stock car 2018, stock car brasil, ...")
    return sum(w[0].islower() for w in words) / len(words) >= 0.4 and not _CITATION.search(s)


def foreign_text(text: str, blocks: list[Block], offs: list[int], language: str | None) -> list[Flag]:
    if not language:
        return []
    flags = []
    for i, b in enumerate(blocks):
        if b.type not in ("paragraph", "list_item", "quote"):
            continue
        words = _WORD.findall(b.text)
        if len(words) < MIN_WORDS or sum(len(w) for w in words) < MIN_LETTERS or not _running_text(b.text, words):
            continue
        if language == "en" and sum(w.lower() in _ENGLISH for w in words) / len(words) > MAX_ENGLISH_SHARE:
            continue
        code, prob = lang.detect(b.text[:SAMPLE_CHARS])
        if code and code != language and prob >= MIN_PROB:
            s, e = offs[i], offs[i] + len(b.text)
            flags.append(Flag("foreign_text", s, e, text[s:e], "warning",
                              f"This passage is in another language ({code}) than the article ({language}).",
                              rule="language.block-language", suggestion=None))
    return flags
