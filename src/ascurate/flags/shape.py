"""Detectors that read a sentence's shape rather than a fixed wording: a lead-in whose
list is gone (`dangling_list`) and scraping damage inside a sentence (`garbled_text`)."""

from __future__ import annotations

import re

from ..model import Block, Flag

# a lead-in whose list was cut inside the paragraph: "Drugs used to treat it include:."
_COLON_STOP = re.compile(r"(?<=[A-Za-z)\]])\s*:\s*\.")
# the words that promise a list, at the very end of a lead-in
_PROMISE = re.compile(r"\b(?:include|includes|including|are|as follows|following|below|these|here)\s*:$", re.I)
_OPENS_QUOTE = re.compile(r"^[\"“”‘'«]")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*$")
_SENTENCE_STOP = re.compile(r"[.!?:\n]")
_DANGLING_MSG = "This lead-in announces a list, but no list follows (it was probably lost in scraping)."


def dangling_list(text: str, blocks: list[Block], offs: list[int]) -> list[Flag]:
    """A lead-in ending in ':' with no list after it: ':.' inside a paragraph, or a list
    promise ('include:', 'listed below:', 'are:') that ends the article or is followed by
    prose. Other colons ('See more photos:', 'she explains:') introduce embeds and
    quotations, and a colon before a heading or a short list-like line is how pages set
    lists, so those are left alone."""
    flags = []
    for i, b in enumerate(blocks):
        if b.type not in ("paragraph", "list_item", "quote"):
            continue
        for m in _COLON_STOP.finditer(b.text):
            flags.append(_flag(text, offs[i] + _sentence_start(b.text, m.start()), offs[i] + m.end()))
        body = b.text.rstrip()
        if not body.endswith(":") or body.endswith("::"):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if not _PROMISE.search(body) or (nxt is not None and not _lost_list_before(nxt)):
            continue
        flags.append(_flag(text, offs[i] + _sentence_start(body, len(body) - 1), offs[i] + len(body)))
    return flags


def _sentence_start(s: str, pos: int) -> int:
    """Where the sentence holding s[pos] starts (after the last stop or colon before it)."""
    start = 0
    for m in _SENTENCE_STOP.finditer(s, 0, pos):
        start = m.end()
    return start


def _lost_list_before(nxt: Block) -> bool:
    if nxt.type != "paragraph":
        return False
    if _OPENS_QUOTE.match(nxt.text):
        return False  # a quotation introduced by a colon
    short = len(nxt.text.split()) <= 8 and not _SENTENCE_END.search(nxt.text)
    return not short  # a short unpunctuated line is a list item set as a paragraph


def _flag(text: str, s: int, e: int) -> Flag:
    while s < e and text[s].isspace():
        s += 1
    return Flag("dangling_list", s, e, text[s:e], "warning", _DANGLING_MSG, rule="shape.dangling-list")


# "interleukinA": a word glued to a capital letter; "biologicTreatment": two words glued
_GLUED = re.compile(r"\b[a-z]{5,}[A-Z]\b|\b[a-z]{4,}[A-Z][a-z]{2,}\b")
_WORD = re.compile(r"\w[\w'-]*")
# a repeat across a sentence, a comma, a quotation mark or a table cell is speech or layout, not damage
_BREAK = re.compile(r"[\n.!?:;,|\"“”‘’]")


def garbled_text(text: str, blocks: list[Block], offs: list[int]) -> list[Flag]:
    """Scraping damage: words glued together ('interleukinA', 'biologicTreatment'), link or
    heading text said twice in a row. Names with digits or hyphens (IL-17A, HbA1c) do not
    match: the glued shape needs letters only."""
    flags = []
    for i, b in enumerate(blocks):
        if b.type == "code":
            continue
        for m in _GLUED.finditer(b.text):
            if _in_url(b.text, m.start()):
                continue
            s, e = offs[i] + m.start(), offs[i] + m.end()
            flags.append(Flag("garbled_text", s, e, text[s:e], "warning",
                              "A word seems glued to another word or letter (scraping damage).",
                              rule="shape.glued-word"))
    toks = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    words = [t[2] for t in toks]
    i = 0
    while i < len(toks):
        n = _repeat_at(words, i)
        if n and not _BREAK.search(text[toks[i][0]:toks[i + 2 * n - 1][1]]):
            s, e = toks[i][0], toks[i + 2 * n - 1][1]
            flags.append(Flag("garbled_text", s, e, text[s:e], "warning",
                              "The same words appear twice in a row (doubled link or heading text).",
                              rule="shape.doubled-text", suggestion=text[s:toks[i + n - 1][1]]))
            i += 2 * n
        else:
            i += 1
    return flags


def _in_url(s: str, pos: int) -> bool:
    start = s.rfind(" ", 0, pos) + 1
    token = s[start:s.find(" ", pos) if " " in s[pos:] else len(s)]
    return "/" in token or "@" in token or "#" in token or "." in token.strip(".,;:)")


def _repeat_at(words: list[str], i: int) -> int:
    """Length n (3-6 words) of a word run at i that is repeated right after itself, else 0
    (list slices compare in C: this runs at every word of every article)."""
    for n in (6, 5, 4, 3):
        if i + 2 * n <= len(words) and words[i] == words[i + n] and words[i:i + n] == words[i + n:i + 2 * n]:
            return n
    return 0
