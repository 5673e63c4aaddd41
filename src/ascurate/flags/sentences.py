"""Sentences of a block, as offsets: the unit the sentence-level detectors read.

A sentence ends at `.`, `!` or `?` (and closing quotes or brackets after it) followed by
space and something that can start a sentence; a few abbreviations do not end one. Good
enough for flags, which quote what they find by offset and never rebuild the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (its first stop written once before the repeat: a pattern that opens on a character class lets the
# scan skip to the stops instead of trying the pattern at every position)
# (the stop and what closes it are group 1: the sentence ends where the spaces after them start)
_END = re.compile(r"([.!?…][.!?…]*[\"”’»)\]]*)\s+(?=[\"“‘«(¿¡\[]?[^\W_a-z])")
_ABBREV = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|etc|e\.g|i\.e|approx|No|Fig|Vol|z\.B|ca|bzw|Nr|Sr|Sra|av|cf)|\b[A-Z])\.$")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in `text`, without the spaces around them (kept per
    text: the notes and the language detectors read the same blocks)."""
    out, start = [], len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        end = m.end(1)
        if text[end - 1] == "." and _ABBREV.search(text[max(start, end - 8):end]):
            continue  # (an abbreviation ends on its full stop: no other end can be one)
        out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return tuple(out)


def words(text: str) -> list[str]:
    return WORD.findall(text)
