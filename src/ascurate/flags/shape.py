"""Detectors that read a sentence's shape or a passage's voice, not a fixed wording."""

from __future__ import annotations

import re

from ..model import Block, Flag

_LEAD_IN = re.compile(
    r"[^.!?\n]*\b(?:include|includes|including|are|is|following|below|these|as follows|such as|"
    r"treatments?|options?|steps?|tips?|ways?|signs?|symptoms?)\b[^.!?\n]{0,40}:\s*(?:\.|$)", re.I
)


def dangling_list(text: str, blocks: list[Block], offs: list[int]) -> list[Flag]:
    """A lead-in that ends in ':' (or ':.') with no list after it."""
    flags = []
    for i, b in enumerate(blocks):
        if b.type not in ("paragraph", "list_item", "quote"):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        for m in re.finditer(r"[^.!?:\n]*[A-Za-z)\]]\s*:\s*(\.|$)", b.text):
            at_end = m.group(1) == "" and m.end() >= len(b.text.rstrip())
            if at_end and nxt is not None and nxt.type in ("list_item", "table"):
                continue  # the lead-in has its list
            if m.group(1) == "" and not at_end:
                continue
            s = offs[i] + m.start()
            while s < len(text) and text[s].isspace():
                s += 1
            e = offs[i] + m.end()
            flags.append(Flag(
                "dangling_list", s, e, text[s:e], "warning",
                "This lead-in announces a list, but no list follows (it was probably lost in scraping).",
                rule="shape.dangling-list", suggestion=None,
            ))
    return flags


_GLUED = re.compile(r"\b[a-z]{5,}[A-Z]\b")
_WORD = re.compile(r"\w[\w'-]*")


def garbled_text(text: str, blocks: list[Block], offs: list[int]) -> list[Flag]:
    """Scraping damage: a word glued to a letter ('interleukinA'), link text said twice."""
    flags = []
    for m in _GLUED.finditer(text):
        flags.append(Flag("garbled_text", m.start(), m.end(), m.group(), "warning",
                          "A word seems glued to another word or letter (scraping damage).", rule="shape.glued-word"))
    toks = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(toks):
        n = _repeat_at(toks, i)
        if n and "\n" not in text[toks[i][0]:toks[i + 2 * n - 1][1]]:
            s, e = toks[i][0], toks[i + 2 * n - 1][1]
            flags.append(Flag("garbled_text", s, e, text[s:e], "warning",
                              "The same words appear twice in a row (doubled link or heading text).",
                              rule="shape.doubled-text", suggestion=text[s:toks[i + n - 1][1]]))
            i += 2 * n
        else:
            i += 1
    return flags


def _repeat_at(toks: list[tuple[int, int, str]], i: int) -> int:
    """Length n (3-6 words) of a word run at i that is repeated right after itself, else 0."""
    for n in (6, 5, 4, 3):
        if i + 2 * n <= len(toks) and [t[2] for t in toks[i:i + n]] == [t[2] for t in toks[i + n:i + 2 * n]]:
            return n
    return 0


_FIRST = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def _first_person(sentence: str) -> bool:
    return len(_FIRST.findall(_QUOTED.sub("", sentence))) >= 1


def mixed_voice(text: str, blocks: list[Block], offs: list[int]) -> list[Flag]:
    """A first-person account spliced into reference text: a run of first-person paragraphs
    in an article whose other paragraphs are written in the third person."""
    from ..clean import sentences

    paras = [(i, b) for i, b in enumerate(blocks) if b.type == "paragraph"]
    if len(paras) < 4:
        return []
    share = []
    for _, b in paras:
        sents = [b.text[s:e] for s, e in sentences(b.text)]
        fp = sum(_first_person(s) for s in sents)
        share.append(fp / max(1, len(sents)))
    voiced = [s >= 0.3 for s in share]
    n_fp = sum(voiced)
    if n_fp == 0 or n_fp > len(paras) / 2:
        return []  # no first person, or the article is a personal account throughout
    flags = []
    run: list[int] = []
    for k, v in enumerate(voiced + [False]):
        if v:
            run.append(k)
            continue
        if run:
            i0, i1 = paras[run[0]][0], paras[run[-1]][0]
            s, e = offs[i0], offs[i1] + len(blocks[i1].text)
            flags.append(Flag("mixed_voice", s, e, text[s:e], "warning",
                              f"A first-person account ({len(run)} paragraph(s)) in an article otherwise written "
                              "in the third person: spliced from another source?", rule="shape.first-person-run"))
            run = []
    return flags
