"""`missing_value`: a quantity whose number was stripped, read with a small grammar.

A quantity is a cue, a number and a unit ("about 5 kilograms", "etwa 10 Prozent",
"environ 3 %"), a range ("between 2 and 5 hours"), a ratio ("1 in 10"), a multiple
("3 times higher") or a date after a word that announces one ("published in 2019").
With the number gone the words left make a shape no writer produces: a cue right
before its unit ("roughly  weeks"), the two ends of a range with nothing between
("between and"), a unit symbol after a word ("the dose is mg"), a preposition before
punctuation ("a study from , about"). The word lists are data per language
(`rules/shapes.toml`, `[[quantity]]`); each shape has a score, and the threshold
(`[[threshold]] missing_value`) decides.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..config import Config
from ..model import Block, Flag
from . import lexicon

# how sure each shape is that a number is missing: a cue before a unit cannot be anything
# else; a unit symbol after a common word or a preposition before a comma sometimes can
_SCORES = {"cue": 0.9, "measure": 0.8, "symbol": 0.7, "range": 0.9, "date": 0.7}
_GAP = 0.1  # two spaces where the number was: the stripping left its trace
_MESSAGE = "A number seems to have been stripped out here ({})."
_WHAT = {"cue": "a quantity word with no value after it", "measure": "a quantity word with no value after it",
         "symbol": "a unit with no value before it", "range": "a range or ratio with a value missing",
         "date": "a year or date seems to be missing"}


def missing_value(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    shapes = _shapes(lexicon.files(cfg), language or "en")
    if shapes is None:
        return []
    limit = lexicon.threshold(cfg, "missing_value")
    flags: list[Flag] = []
    for b, off in zip(blocks, offs, strict=True):
        if b.type in ("code", "table") or not b.text.strip():
            continue
        for s, e, shape, score in candidates(b.text, shapes):
            if score >= limit and not any(f.start < off + e and off + s < f.end for f in flags):
                flags.append(Flag("missing_value", off + s, off + e, text[off + s:off + e], "warning",
                                  _MESSAGE.format(_WHAT[shape]), rule=f"quantity.{shape}", score=score))
    return flags


def candidates(s: str, shapes: list[tuple[str, re.Pattern[str]]]) -> list[tuple[int, int, str, float]]:
    """(start, end, shape, score) of each quantity shape with its number gone in one block."""
    out = []
    for shape, pat in shapes:
        for m in pat.finditer(s):
            a, e = m.start("q"), m.end("q")
            while a < e and s[a].isspace():
                a += 1
            while e > a and s[e - 1].isspace():
                e -= 1
            gap = _GAP if "  " in s[a:e] else 0.0
            out.append((a, e, shape, min(1.0, _SCORES[shape] + gap)))
    return out


def _alt(words: list[str]) -> str:
    """Alternatives, longest first, with any space in a phrase matching any run of spaces."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _shapes(files: tuple[str, ...], language: str) -> list[tuple[str, re.Pattern[str]]] | None:
    t: dict[str, Any] | None = lexicon.for_language(files, "quantity", language)
    if t is None:
        return None
    units, times, symbols = _alt(t["units"]), _alt(t["time_units"]), _alt(t["symbols"])
    end = r"(?![\w/])"
    pats = {
        "cue": rf"(?<![\w'’])(?P<q>(?:{_alt(t['cues'])})\s+(?:{units}|{times})){end}",
        "measure": rf"(?<![\w'’])(?P<q>(?:{_alt(t['measure_cues'])})\s+(?:{units})){end}",
        "symbol": rf"(?<![\w'’])(?P<q>(?:{_alt(t['loose_cues'])})\s+(?-i:{symbols})){end}",
        "range": rf"(?<![\w'’])(?P<q>{_alt(t['ranges'])})",
        "date": rf"(?P<q>(?<![\w'’])(?:{_alt(t['dates'])})\s+[,.;:])(?=\s|$)",
    }
    return [(k, re.compile(p, re.I)) for k, p in pats.items()]
