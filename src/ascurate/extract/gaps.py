"""The gaps extraction closes in an HTML page: where a word or a number was cut out.

A browser shows a run of spaces as one, and trafilatura's text collapses it; but two to
four spaces between two words of a page's text are often the trace of what a scraper or
an editor cut out ("nach <span></span> Tagen", "in about  of adults"): the trace the flag
step reads in a page saved as text (`textlayout.gapped_space`, `flags/quantities.py`).
`page_gaps` reads them from the page's source, `restore` puts them back into the article's
blocks where the same two words stand with one space. The gap comes from the input, so
the text still holds only the input's characters.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace

from ..model import Block

# a run of spaces (two to four make a gap), and one space each side of inline elements
# left empty ("nach <span class="n"></span> Tagen"); both open with a literal, which the
# regex engine finds fast
_SPACES = re.compile(r"  +")
_INLINE = "a|abbr|b|cite|data|em|font|i|mark|q|s|small|span|strong|sub|sup|time|u|var"
_EMPTIED = re.compile(rf" (?:<({_INLINE})\b[^<>]*>\s*</\1\s*>)+ ", re.I)
_LEFT = re.compile(r"(?<![^\s>])[^\s<>]{1,40}$")
_RIGHT = re.compile(r"[^\s<>]{1,40}(?![^\s<])")
_NEXT = re.compile(r" ([^\s<>]{1,40})(?![^\s<])")  # the word after the right one, one space on
_LEFT_END = re.compile(r"[\w,]")  # a gap after a sentence's end is a typist's double space, not a cut
MAX_GAPS = 200  # a page with more is text set in columns or a pasted form, not cuts

Gaps = dict[tuple[str, ...], str]  # (left, right) or (left, right, next): the gap's spaces


def page_gaps(page: str) -> Gaps:
    """The word pairs `(left, right)` the page's text has with a gap between them (the
    gap's spaces), leaving out any pair the page also has with one space: there the gap
    is spacing, or cannot be told apart from it; such a pair is kept with the word after
    it, `(left, right, next)`, where the page does not have those three with one space
    each ("is  to 100" beside "is to reduce"). A gap inside a tag is no text's; one in a
    script's text pairs words that an article does not hold side by side. The words are
    read as the article holds them: "d&#x27;un" is "d'un"."""
    gaps: Gaps = {}
    for m in (*_SPACES.finditer(page), *_EMPTIED.finditer(page)):
        at, to = m.start(), m.end()
        spaces = m.re is _SPACES
        if spaces and to - at > 4 or not at or not _LEFT_END.match(page, at - 1) or to == len(page) \
                or page[to] in "\t\n\r\f\v<>":
            continue
        if page.rfind("<", 0, at) > page.rfind(">", 0, at):
            continue  # inside a tag
        left, right = _LEFT.search(page, max(0, at - 40), at), _RIGHT.match(page, to)
        if left is None or right is None:
            continue
        pair: tuple[str, ...] = (left.group(), right.group())
        if f"{pair[0]} {pair[1]}" in page:
            after = _NEXT.match(page, right.end())
            if after is None or " ".join(pair := (*pair, after.group(1))) in page:
                continue
        if pair not in gaps:
            gaps[pair] = m.group() if spaces else "  "
            if len(gaps) > MAX_GAPS:
                return {}
    return {tuple(map(html.unescape, words)): gap for words, gap in gaps.items()}


def restore(blocks: list[Block], gaps: Gaps, cut: Callable[[str, str], bool] | None = None) -> list[Block]:
    """The blocks with each closed gap of `gaps` open again (tables and code stay as they
    are: their spacing is their own); with `cut`, only the gaps between two words it says a
    value was cut out between (`flags.quantities.value_gap`: published prose holds a typist's
    double spaces between any two words)."""
    if cut is not None:
        gaps = {words: gap for words, gap in gaps.items() if cut(*words[:2])}
    if not gaps:
        return blocks
    out = []
    for b in blocks:
        text = b.text
        if b.type not in ("table", "code"):
            for (left, *rest), gap in gaps.items():
                if left in text:
                    then = re.escape(" ".join(rest))
                    text = re.sub(rf"(?<!\S){re.escape(left)} (?={then}(?!\S))", left + gap, text)
        out.append(b if text == b.text else replace(b, text=text))
    return out
