"""Plain text: the page's own layout (blank lines, line breaks, bullets, short
unpunctuated lines) gives its title, paragraphs, list items and headings.

The first line is the title when it reads as one: a line of running text (a paragraph
saved without its title, a record's body) is the article's first paragraph, else a page
of one paragraph would be all title and no text.

A line break means one of two things. In hard-wrapped text (an e-mail, a text dump at 72
columns) it is only where a line ran out of room: the line is nearly as long as the
page's wrap width, and the next line's first word would not have fitted on it. Anywhere
else it is the page's own: a scraper writes one line per block element, so a run of
short lines without blank lines between is a menu, a share row, a related list or a
comment thread (names, times, bodies, "Reply"), not a paragraph. Such lines stay
apart, so that the cleaning passes and the text-line model judge each one.
"""

from __future__ import annotations

import re

from ..model import Block, Extracted
from .blocks import clean_space
from .metadata import text_metadata

_SENTENCE_END = re.compile(r"[.!?:;…。！？」”\"')\]]$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d+[.)])\s+")
_WRAP_QUANTILE = 0.95  # the page's wrap width: this share of its wrapped lines is no longer
_WRAP_SLACK = 0.85  # a line that, with the next line's first word, passes this share of it was wrapped
_WRAP_OVER = 1.1  # a line this much longer than the wrap width was not wrapped
_WRAPPED_SHARE = 0.5  # a page is hard-wrapped when this share of its breaks inside paragraphs are wraps
_MIN_BREAKS = 3
_MIN_WIDTH = 40  # characters: narrower "wrapping" is a run of short lines
_OVER_SHARE = 0.1  # a hard-wrapped page has few lines longer than its wrap width
_HALF = 0.5
_TITLE_WORDS = 30  # a first line longer than this is running text, not a title
_SHORT_TITLE_WORDS = 12  # a line this short is a title even with two sentences in it
_HEADLINE_SHARE = 0.6  # words capitalised in a headline-case line ("We Help 4 Readers Find Solutions")
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"'”’)\]]*\s+[\"“¿¡(]?[^\W\d_a-zà-ÿ]")  # a sentence ends, a capital starts one
_GAP = re.compile(r"(?<=\S) {2,4}(?=\S)")  # a few spaces inside a line: where a word or a number was cut out
_HELD = "\ue000"  # a private-use character stands for each held space while the rest is collapsed


def extract_text(content: str) -> Extracted:
    """Plain text: first line is the title, blank lines split paragraphs, a line break
    inside a paragraph splits it unless the line was wrapped (see the module's docstring);
    bulleted lines are list items, short unpunctuated lines standing alone or heading the
    prose under them are headings."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = content.split("\n")
    title = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and reads_as_title(lines[i]):
        title = clean_space(lines[i])
        i += 1
    paragraphs: list[list[str]] = []
    cur: list[str] = []
    for ln in lines[i:]:
        if ln.strip():
            cur.append(ln)
        elif cur:
            paragraphs.append(cur)
            cur = []
    if cur:
        paragraphs.append(cur)
    width = wrap_width(paragraphs)
    blocks: list[Block] = []
    for para in paragraphs:
        groups = line_groups(para, width)
        for k, group in enumerate(groups):
            if _BULLET.match(group[0]):
                text = gapped_space(_BULLET.sub("", " ".join(ln.strip() for ln in group), count=1))
                if text:
                    blocks.append(Block("list_item", text))
                continue
            text = gapped_space(" ".join(ln.strip() for ln in group))
            if not text:
                continue
            alone = len(groups) == 1 and len(group) == 1
            heads_prose = k == 0 and len(group) == 1 and len(groups) > 1 and _reads_as_prose(groups[1])
            if (alone or heads_prose) and is_heading_line(text):
                blocks.append(Block("heading", text, 2))
            else:
                blocks.append(Block("paragraph", text))
    return Extracted(title=title, blocks=blocks, metadata=text_metadata(content))


def gapped_space(text: str) -> str:
    """`clean_space`, except that a run of two to four spaces inside a line stays: in a page
    saved as text it is visible, and it is often the trace of a number or a word stripped
    out ("take it after  hours"), which the flag step reads. Tabs, no-break spaces, line
    ends and longer runs (aligned columns) are collapsed as in HTML."""
    if "  " not in text or _HELD in text:
        return clean_space(text)
    held = _GAP.sub(lambda m: _HELD * len(m.group()), text)
    return clean_space(held).replace(_HELD, " ")


def reads_as_title(line: str) -> bool:
    """A first line that can be a title: `_TITLE_WORDS` words or fewer, and one sentence
    unless it is short ("What is gout? Causes and treatment", "Dr. Lee on gout") or set in
    headline case ("Struggling With Gout? We Help 4 Readers Find Relief")."""
    words = line.split()
    if len(words) > _TITLE_WORDS:
        return False
    if len(words) <= _SHORT_TITLE_WORDS or not _SENTENCE_INSIDE.search(line.strip()):
        return True
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    return sum(next(c for c in w if c.isalpha()).isupper() for w in lettered) >= _HEADLINE_SHARE * len(lettered)


def wrap_width(paragraphs: list[list[str]]) -> int | None:
    """The width a hard-wrapped page's lines were wrapped at, or None: the page is not
    hard-wrapped (most of its breaks inside paragraphs come after lines that had room for
    the next word, or many of its lines are longer than the width)."""
    breaks = [(a.strip(), b.split()[0]) for para in paragraphs for a, b in zip(para, para[1:], strict=False)]
    if len(breaks) < _MIN_BREAKS:
        return None
    lengths = sorted(len(a) for a, _ in breaks)
    width = lengths[min(len(lengths) - 1, int(_WRAP_QUANTILE * len(lengths)))]
    full = sum(len(a) + 1 + len(first) > _WRAP_SLACK * width for a, first in breaks)
    lines = [ln.strip() for para in paragraphs for ln in para]
    over = sum(len(ln) > _WRAP_OVER * width + 2 for ln in lines)
    wraps = width >= _MIN_WIDTH and full >= _WRAPPED_SHARE * len(breaks) and over <= _OVER_SHARE * len(lines)
    return width if wraps else None


def wrapped(line: str, following: str, width: int | None) -> bool:
    """The break after `line` is a wrap: on a hard-wrapped page, the next line's first word
    would not have fitted on it, or the next line goes on with the sentence (lower case)
    after a line at least half as long as the page's lines."""
    line, following = line.strip(), following.strip()
    if width is None or not following or _BULLET.match(following) or len(line) > _WRAP_OVER * width + 2:
        return False
    first = following.split()[0]
    if len(line) + 1 + len(first) > _WRAP_SLACK * width:
        return True
    return first[0].islower() and len(line) >= _HALF * width and not _SENTENCE_END.search(line)


def line_groups(para: list[str], width: int | None) -> list[list[str]]:
    """The lines of a paragraph grouped into blocks: a group is a line and the lines it
    wraps into."""
    groups: list[list[str]] = []
    for ln in para:
        if groups and wrapped(groups[-1][-1], ln, width):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _reads_as_prose(group: list[str]) -> bool:
    text = " ".join(group).strip()
    return len(text.split()) >= 12 and bool(_SENTENCE_END.search(text))


def is_heading_line(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and len(text) <= 90 and not _SENTENCE_END.search(text)
