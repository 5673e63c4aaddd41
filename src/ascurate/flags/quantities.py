"""`missing_value`: a quantity whose number was stripped, read with a small grammar.

A quantity is a cue, a number and a unit ("about 5 kilograms", "etwa 10 Prozent",
"environ 3 %"), a range ("between 2 and 5 hours"), a ratio ("1 in 10"), a multiple
("3 times higher") or a date after a word that announces one ("published in 2019").
With the number gone the words left make a shape no writer produces: a cue right
before its unit ("roughly  weeks"), the two ends of a range with nothing between
("between and"), a unit symbol after a word ("the dose is mg"; after any word but those
that name a unit without a value, "in mg", "per kg", `names_unit`: a symbol stands after a
number, so extraction that collapsed the number's place to one space leaves "Give ml of"
readable), a preposition before punctuation ("a study from , about"; "over the age of .",
`stranded`: words that need a number after them, before a stop). Where the stripping left the number's place, two
spaces or more beside a quantity word ("takes  of an hour", "atteint  %"), the gap is the
shape: published text, once extracted, holds none outside code. The word lists are data
per language (`rules/shapes.toml`, `[[quantity]]`); each shape has a score, and the
threshold (`[[threshold]] missing_value`) decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..config import Config
from ..model import Block, Flag
from . import lexicon
from .alternation import expanded, factored, grouped
from .patterns import trim, widen
from .view import ArticleView

# how sure each shape is that a number is missing: a cue before a unit cannot be anything
# else; a unit symbol after a common word or a preposition before a comma sometimes can
_SCORES = {"cue": 0.9, "measure": 0.8, "symbol": 0.7, "range": 0.9, "date": 0.7, "gap": 0.9, "hole": 0.6,
           "bare": 0.7, "stranded": 0.7, "slash": 0.8}
_WORD_START = r"(?<![\w'’])"  # every shape but the date opens with it
# a stop with a space before and after it (opening on the stop, which is rarer than a space)
_LOOSE_STOP = re.compile(r"[,.;:](?<=\s[,.;:])(?=\s|$)")
_GAP = 0.1  # two spaces where the number was: the stripping left its trace
_GAPS = re.compile(r"\w[ \u00a0]{2,}(?=\w|%)")
_COLUMNS = 4  # a run of spaces at one word boundary in four or more (past two): text set in columns, no hole
_MESSAGE = "A number seems to have been stripped out here ({})."
_WHAT = {"cue": "a quantity word with no value after it", "measure": "a quantity word with no value after it",
         "symbol": "a unit with no value before it", "range": "a range or ratio with a value missing",
         "date": "a year or date seems to be missing", "gap": "a quantity word beside an empty place",
         "bare": "a unit with no value before it", "stranded": "a word that needs a number, with none after it",
         "hole": "an empty place between two words of a sentence",
         "slash": "a ratio or reading with a value missing"}
# an empty place between two words of a sentence ("Prenez  gélules par jour"), with no quantity word beside
# it: a hole only in prose (a block of words ending as a sentence does, none of code's signs), where
# extracted published text holds none; aligned columns and shell lines hold runs of spaces
_HOLE = re.compile(r"(?<=[^\W\d_])[ \u00a0]{2,}(?=[^\W\d_])")
_CODE_SIGNS = re.compile(r"[`$|{}=<>_\\/#*]|--")
_PROSE_END = re.compile(r"[.!?…:][\"”’»)]*\s*$")
# a ratio or a reading over a number with the value before the slash gone ("a reading of /85",
# "is  /90 mmHg"): a number over another stands after a number, not after a word and a space
_SLASH = re.compile(r"(?<![\w'’])[^\W\d_][\w'’]*[ \u00a0]+/\d+(?![\w/])")
# and with the value after the slash gone ("unter 140/ mmHg"): a number over nothing, then a spaced unit symbol
# (a price per item, "$35/ each", is over a word)
_SLASH_AFTER = re.compile(r"(?<![\w/.,'’$€£])\d+(?:[.,]\d+)?/[ \u00a0]+([^\W\d_][\w/]*)")
SYMBOL_LEN = 4  # a unit this short is a symbol ("g", "mmol")
HOLE_WORDS = 5  # a block this short is a label or a line of a form, not a sentence
HOLE_MOST = 2  # more empty places than this in a block: text set in columns
CONTEXT = 80  # characters each way, within its sentence, a flag quotes around the shape (one flag a sentence)


def missing_value(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    return missing_values(ArticleView(text, blocks, language, cfg, offs))


def missing_values(v: ArticleView) -> list[Flag]:
    shapes = _shapes(v.files, v.language or "en")
    if shapes is None:
        return []
    limit = v.threshold("missing_value")
    # the shapes most articles hold nowhere are looked for in a block only when the article holds them
    bare = shapes.bare_any is not None and shapes.bare_any.search(v.text) is not None
    flags: list[Flag] = []
    for i, b in enumerate(v.blocks):
        if b.type in ("code", "table") or not b.text.strip():
            continue
        off = v.offs[i]
        for s, e, shape, score in candidates(b.text, shapes, v.block_lower(i), bare):
            s, e = trim(b.text, *widen(b.text, s, e, CONTEXT))  # the hole in its sentence: what an editor reads
            if score >= limit and not any(f.start < off + e and off + s < f.end for f in flags):
                flags.append(Flag("missing_value", off + s, off + e, v.text[off + s:off + e], "warning",
                                  _MESSAGE.format(_WHAT[shape]), rule=f"quantity.{shape}", score=score))
    return flags


def candidates(s: str, shapes: Shapes, low: str | None = None,
               bare: bool = True) -> list[tuple[int, int, str, float]]:
    """(start, end, shape, score) of each quantity shape with its number gone in one block.
    The patterns run case-sensitively on the lower-cased text (an alternation that ignores
    case tries both cases at every position); a unit symbol must then have its own case in
    the text ("ml", not "ML"). One scan for any shape but the date comes first: most
    blocks hold none, and each shape alone would scan the block again. `bare` False: the
    article holds no unit symbol after a space, so the block is not searched for one."""
    low = s.lower() if low is None else low
    pats = shapes.lower if len(low) == len(s) else shapes.any_case
    text = low if pats is shapes.lower else s
    loose_stop = _LOOSE_STOP.search(s) is not None
    some_shape = pats is not shapes.lower or shapes.any_shape.search(low) is not None
    gaps = "  " in s or "\u00a0 " in s or " \u00a0" in s or "\u00a0\u00a0" in s  # (one no-break space is no gap)
    bare = bare and any(n in s for n in shapes.bare_needles)
    slash = " /" in s or "\u00a0/" in s
    slash_after = "/ " in s or "/\u00a0" in s
    if not (loose_stop or some_shape or gaps or bare or slash or slash_after):
        return []
    if gaps:
        gaps = len(_GAPS.findall(s)) * _COLUMNS <= max(len(s.split()), 2 * _COLUMNS)
    out = []
    for shape, pat in pats:
        if not (loose_stop if shape in ("date", "stranded") else gaps if shape == "gap" else some_shape):
            continue  # a date or an age gone leaves a space before a stop; most blocks have none
        for m in pat.finditer(text):
            a, e = m.start("q"), m.end("q")
            unit = m.groupdict().get("u")
            if unit is not None and unit in shapes.symbols_lower and s[m.start("u"):m.end("u")] not in shapes.symbols:
                continue
            while a < e and s[a].isspace():
                a += 1
            while e > a and s[e - 1].isspace():
                e -= 1
            gap = _GAP if "  " in s[a:e] else 0.0
            out.append((a, e, shape, min(1.0, _SCORES[shape] + gap)))
    if bare:
        out += _bare(s, shapes)
    if slash:
        out += [(m.start(), m.end(), "slash", _SCORES["slash"]) for m in _SLASH.finditer(s)]
    if slash_after:
        out += [(m.start(), m.end(), "slash", _SCORES["slash"]) for m in _SLASH_AFTER.finditer(s)
                if m.group(1) in shapes.symbols]
    if gaps:
        out += _holes(s, out)
    return out


_LAST_WORD = re.compile(r"(?<![\w'’])[^\W\d_](?:[^\W\d_]|['’])*\Z")


def _bare(s: str, shapes: Shapes) -> list[tuple[int, int, str, float]]:
    """A unit symbol after a word of letters that names no unit ("Give ml of", not "in mg",
    "our kg value", "scope5Handle %"): the symbol's number is gone."""
    out = []
    for m in shapes.bare_at.finditer(s):
        w = _LAST_WORD.search(s, max(0, m.start() - 40), m.start())
        if w and w.group().lower() not in shapes.names_unit:
            out.append((w.start(), m.end(), "bare", _SCORES["bare"]))
    return out


def _holes(s: str, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """The empty places between two words of a prose sentence that no quantity shape took:
    the word before and the word after, with the place between them."""
    holes = list(_HOLE.finditer(s))
    if (len(holes) > HOLE_MOST or len(s.split()) < HOLE_WORDS or not _PROSE_END.search(s)
            or _CODE_SIGNS.search(s) or any(" " not in s[a.end():b.start()] for a, b in zip(holes, holes[1:], strict=False))):
        return []  # (two places one word apart: words set apart, "sudo  apt  update", no value lost)
    out = []
    for m in holes:
        a = s.rfind(" ", 0, m.start()) + 1
        e = s.find(" ", m.end())
        e = len(s) if e < 0 else e
        while e > a and not s[e - 1].isalnum():
            e -= 1
        if not any(x < e and a < y for x, y, *_ in found):
            out.append((a, e, "hole", _SCORES["hole"]))
    return out


def _alt(words: list[str]) -> str:
    """Alternatives, longest first, with any space in a phrase matching any run of spaces."""
    return "|".join(_spaces(w) for w in sorted(words, key=len, reverse=True))


def _spaces(pattern: str) -> str:
    """A space in a pattern matches any run of spaces (the number's place), except inside
    a lookbehind, which must keep its width."""
    return re.sub(r"\(\?<[!=][^)]*\)|( )", lambda m: r"\s+" if m.group(1) else m.group(0), pattern)


@dataclass(frozen=True, slots=True)
class Shapes:
    lower: list[tuple[str, re.Pattern[str]]]  # lower-cased patterns, for lower-cased text
    any_case: list[tuple[str, re.Pattern[str]]]  # the same ignoring case (text whose length lower() changes)
    symbols: frozenset[str]  # and the units of `SYMBOL_LEN` characters or fewer: each in its case
    symbols_lower: frozenset[str]
    any_shape: re.Pattern[str]  # any lower-cased shape but the date, sharing its word-start test
    bare_needles: tuple[str, ...]  # a space and a `bare_symbols` symbol: where `_bare` may find one
    bare_at: re.Pattern[str]  # a `bare_symbols` symbol after a letter and spaces
    names_unit: frozenset[str]  # lower-cased
    bare_any: re.Pattern[str] | None  # any of `bare_needles` (one scan of an article)


@cache
def _shapes(files: tuple[str, ...], language: str) -> Shapes | None:
    t: dict[str, Any] | None = lexicon.for_language(files, "quantity", language)
    if t is None:
        return None
    # a symbol, and a unit short enough to be one ("g", "cm"), stands in its own case ("only G" holds none)
    cased = frozenset(t["symbols"]) | {u for u in t["units"] if len(u) <= SYMBOL_LEN and re.escape(u) == u}
    return Shapes(lower=_patterns(t, str.lower, 0), any_case=_patterns(t, str, re.I),
                  symbols=cased, symbols_lower=frozenset(x.lower() for x in cased),
                  any_shape=_any_shape(t),
                  bare_needles=tuple(" " + u for u in t.get("bare_symbols", [])),
                  bare_at=re.compile(rf"(?<=[^\W\d_])[ \u00a0]+(?:{_alt(t.get('bare_symbols', [])) or '(?!)'}){_END}"),
                  names_unit=frozenset(w.lower() for w in t.get("names_unit", [])),
                  bare_any=_needle_pattern([" " + u for u in t.get("bare_symbols", [])]))


def _needle_pattern(needles: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(map(re.escape, sorted(needles, key=len, reverse=True)))) if needles else None


_END = r"(?![\w/])"  # a unit ends where no word character or slash follows
# ... or as a unit over another ("mg/dl", "g/l", "mmol/mol"): where a unit takes a number before it
_UNIT_TAIL = r"(?:/[^\W\d_]+)?"
_RANGE_END = r"(?![^\W\d_])"  # a range ends where no letter follows


def _patterns(t: dict[str, Any], case: Callable[[str], str], flags: int) -> list[tuple[str, re.Pattern[str]]]:
    """The five shapes from one language's word lists (`case` applied to the lists only)."""
    def alt(key: str) -> str:
        return _alt([case(w) for w in t[key]])

    units, times, symbols = alt("units"), alt("time_units"), alt("symbols")
    ranges = "|".join(f"(?:{_spaces(case(r))}){_RANGE_END}" for r in t["ranges"])
    bodies = {
        "cue": rf"(?P<q>(?:{alt('cues')})\s+(?P<u>{units}|{times}){_UNIT_TAIL}){_END}",
        "measure": rf"(?P<q>(?:{alt('measure_cues')})\s+(?P<u>{units}){_UNIT_TAIL}){_END}",
        "symbol": rf"(?P<q>(?:{alt('loose_cues')})\s+(?P<u>{symbols})){_END}",
        "range": rf"(?P<q>{ranges})",
    }
    pats = [(k, re.compile(_WORD_START + p, flags)) for k, p in bodies.items()]
    pats.append(("date", re.compile(rf"(?P<q>{_WORD_START}(?:{alt('dates')})\s+[,.;:])(?=\s|$)", flags)))
    if t.get("stranded"):
        pats.append(("stranded", re.compile(rf"(?P<q>{_WORD_START}(?:{alt('stranded')})\s+[,.;:])(?=\s|$)", flags)))
    before = "|".join(alt(k) for k in ("cues", "measure_cues", "loose_cues") + (("gap_before",) if t.get("gap_before") else ()))
    after = "|".join([units, times, symbols] + ([alt("gap_after")] if t.get("gap_after") else []))
    gap = r"[ \u00a0]{2,}"
    pats.append(("gap", re.compile(rf"(?P<q>{_WORD_START}(?:(?:{before}){gap}[^\W\d_][\w'’]*"
                                   rf"|[^\W\d_][\w'’]*{gap}(?:{after}){_UNIT_TAIL}{_END}))", flags)))
    return pats


def _any_shape(t: dict[str, Any]) -> re.Pattern[str]:
    """One lower-cased pattern matching wherever a shape but the date does, their common
    word-start test made once for all. Each cue with its units, each range's alternatives
    (`alternation.expanded`) is an entry of its own, so the entries open on their words'
    first letters and a word start costs one try per letter (`alternation.grouped`), not one
    per cue and range: the pattern only says whether a shape stands, so its entries may be
    in any order (those that open on no letter last, where they keep no entry from a group)."""
    def alt(key: str) -> list[str]:
        return [_spaces(w.lower()) for w in sorted(t[key], key=len, reverse=True)]

    units, times, symbols = "|".join(alt("units")), "|".join(alt("time_units")), "|".join(alt("symbols"))
    entries = [rf"{c}\s+(?:{units}|{times}){_UNIT_TAIL}{_END}" for c in alt("cues")]
    entries += [rf"{c}\s+(?:{units}){_UNIT_TAIL}{_END}" for c in alt("measure_cues")]
    entries += [rf"{c}\s+(?:{symbols}){_END}" for c in alt("loose_cues")]
    entries += [e + _RANGE_END for r in t["ranges"] for e in expanded(_spaces(r.lower()))]
    entries.sort(key=lambda e: not factored(e))
    return re.compile(_WORD_START + "(?:" + grouped(entries) + ")")


@dataclass(frozen=True, slots=True)
class ValueGap:
    """Whether two words a page's source holds with a gap between them stand where a value
    was cut out: the word after takes a number before it in some language's grammar of
    quantities (a unit, "mg/dl" too, a time or count unit, a symbol: "nach  Tagen", "los  mg"),
    or both words do in one language's, the first before a number (a cue, a preposition, an
    article: "about", "is", "d'un") and the second after one (a range's or fraction's word:
    "to", "bis", "des", "por"). A typist's double space between other words stays one space."""
    unit: re.Pattern[str]
    pairs: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]

    def __call__(self, left: str, right: str) -> bool:
        return self.unit.fullmatch(right) is not None or any(
            a.fullmatch(left) is not None and b.fullmatch(right) is not None for a, b in self.pairs)


_PUNCT_AFTER = "[.,;:!?)]*"


@cache
def value_gap(files: tuple[str, ...]) -> ValueGap:
    """The `ValueGap` test of the grammars of quantities of every language with one."""
    tables = [t for code in sorted(lexicon.languages(files)) if (t := lexicon.for_language(files, "quantity", code))]
    units = [w for t in tables for key in ("units", "time_units", "symbols") for w in t.get(key, [])]
    pairs = tuple(
        (re.compile(_alt([w for key in ("cues", "measure_cues", "loose_cues", "gap_before") for w in t.get(key, [])])
                    or "(?!)", re.I),
         re.compile(rf"(?:{_alt([w for key in ('units', 'time_units', 'symbols', 'gap_after') for w in t.get(key, [])])})"
                    rf"{_UNIT_TAIL}{_PUNCT_AFTER}", re.I))
        for t in tables)
    return ValueGap(re.compile(rf"(?:{_alt(units) or '(?!)'}){_UNIT_TAIL}{_PUNCT_AFTER}", re.I), pairs)
