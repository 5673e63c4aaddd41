"""`placeholder`: filler text (lorem ipsum and its kin) left where copy was to go.

Filler is read by its vocabulary, not by its wording: the words of the filler texts that
typesetters and site themes use (`[[filler]]` in `rules/shapes.toml`) are no words of the
languages the word lists cover, so two of them within a few words of each other ("Ut enim
ad minim veniam", "Sed ut perspiciatis", "consetetur sadipscing elitr") are filler in any
of its versions, while real text holds at most a lone one (a Latin term of anatomy, a
surname). Common Latin a language uses ("dolor" is Spanish for pain, "magna", "error") is not
in the vocabulary. A page full of filler (a theme's demo tabs) is one finding: one flag an
article, on the first filler run, the message counting the others.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Flag
from . import lexicon
from .view import ArticleView

_WORD = re.compile(r"[^\W\d_]+")
_MESSAGE = "Placeholder text (lorem ipsum) meant to be replaced."


@cache
def vocabulary(files: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], int]:
    """(the filler words in lower case, the same as a run may stand in the text: lower case,
    capitalised or in capitals, the window in words) from every `[[filler]]` table."""
    words: set[str] = set()
    window = 0
    for t in lexicon.tables(files, "filler").values():
        words.update(w.lower() for w in t.get("words", []))
        window = max(window, int(t.get("window", 6)))
    cased = words | {w.capitalize() for w in words} | {w.upper() for w in words}
    return frozenset(words), frozenset(cased), window


def filler_text(v: ArticleView) -> list[Flag]:
    """One `placeholder` flag on the first run of filler (two filler words within the
    window, and those that follow within it) in the article, widened to the sentences it
    stands in. Most articles hold no filler word at all: one set test on their runs."""
    words, cased, window = vocabulary(v.files)
    present = cased.intersection(v.runs)
    if not present or (len(present) == 1 and v.runs[next(iter(present))] < 2):
        return []
    found: list[tuple[int, int]] = []
    for k, b in enumerate(v.blocks):
        if not any(w in b.text for w in present):
            continue
        toks = list(_WORD.finditer(b.text))
        hits = [i for i, m in enumerate(toks) if m.group().lower() in words]
        run: list[int] = []
        for i in [*hits, None]:
            if i is not None and run and i - run[-1] <= window:
                run.append(i)
                continue
            if len(run) >= 2:
                found.append(_sentences(v, k, toks[run[0]].start(), toks[run[-1]].end()))
            run = [i] if i is not None else []
    if not found:
        return []
    s, e = found[0]
    message = _MESSAGE + (f" Found {len(found)} times in this article." if len(found) > 1 else "")
    return [Flag("placeholder", s, e, v.text[s:e], "blocking", message, rule="placeholder.lorem", suggestion="")]


def _sentences(v: ArticleView, k: int, start: int, end: int) -> tuple[int, int]:
    """Article offsets of the sentences of block k that the span start:end (in the block) touches."""
    spans = [(s, e) for s, e in v.spans(k) if s < end and start < e] or [(start, end)]
    off = v.offs[k]
    return off + spans[0][0], off + spans[-1][1]
