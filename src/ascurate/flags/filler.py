"""`placeholder`: filler text (lorem ipsum and its kin) left where copy was to go.

Filler is read by its vocabulary, not by its wording: the words of the filler texts that
typesetters and site themes use (`[[filler]]` in `rules/shapes.toml`) are no words of the
languages the word lists cover, so two of them within a few words of each other ("Ut enim
ad minim veniam", "Sed ut perspiciatis", "consetetur sadipscing elitr") are filler in any
of its versions, while real text holds at most a lone one (a Latin term of anatomy, a
surname); a lone one counts where the words around it follow the filler's opening in its
order ("Dolor sit amet": three words of it, `canon`). Common Latin a language uses ("dolor" is Spanish for pain, "magna", "error") is not
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


CANON_RUN = 3  # words of the filler's opening in its order that are filler with one filler word among them


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


@cache
def canon(files: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The runs of `CANON_RUN` words of the filler's opening (`canon` of `[[filler]]`)."""
    out: set[tuple[str, ...]] = set()
    for t in lexicon.tables(files, "filler").values():
        ws = t.get("canon", "").lower().split()
        out.update(tuple(ws[i:i + CANON_RUN]) for i in range(len(ws) - CANON_RUN + 1))
    return frozenset(out)


def _canon_run(toks: list[re.Match[str]], i: int, runs: frozenset[tuple[str, ...]]) -> tuple[int, int] | None:
    """The tokens around filler word i that the filler's opening holds in its order, if three or more."""
    low = [m.group().lower() for m in toks[max(0, i - CANON_RUN + 1):i + CANON_RUN]]
    first = max(0, i - CANON_RUN + 1)
    hits = [first + j for j in range(len(low) - CANON_RUN + 1) if tuple(low[j:j + CANON_RUN]) in runs]
    return (hits[0], hits[-1] + CANON_RUN - 1) if hits else None


def filler_text(v: ArticleView) -> list[Flag]:
    """One `placeholder` flag on the first run of filler (two filler words within the
    window, and those that follow within it) in the article, widened to the sentences it
    stands in. Most articles hold no filler word at all: one set test on their runs."""
    words, cased, window = vocabulary(v.files)
    present = cased.intersection(v.runs)
    if not present:
        return []
    runs = canon(v.files)
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
            elif len(run) == 1 and (span := _canon_run(toks, run[0], runs)):
                found.append(_sentences(v, k, toks[span[0]].start(), toks[span[1]].end()))
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
