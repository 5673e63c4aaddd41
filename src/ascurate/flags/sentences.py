"""Sentences of a block, as offsets: the unit the sentence-level detectors read.

A sentence ends at `.`, `!` or `?` (and closing quotes or brackets after it) followed by
space and something that is not a lower-case word. A full stop after an abbreviation,
an initial or a German ordinal is a sentence end only before a word that opens
sentences ("vitamin D. The", not "John F. Kennedy", "am 1. Mai", "25 Mio. Versicherte"),
and never after a title or "for example" ("Dr.", "z. B.", "p. ex."), nor after the
number or letter of a list item ("3. Take it with food"). The abbreviations and opening
words are data per language (`rules/sentences.toml`), applied together: the text's
language is not known here. Flags quote what they find by offset and never rebuild the
text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..config import RULES_DIR
from ..rulebook import tables

# (its first stop written once before the repeat: a pattern that opens on a character class lets the
# scan skip to the stops instead of trying the pattern at every position)
# (the stop and what closes it are group 1: the sentence ends where the spaces after them start)
_END = re.compile(r"([.!?…][.!?…]*[\"”’»)\]]*)\s+(?=[\"“‘«(¿¡\[]?[^\W_])")
_NEXT_WORD = re.compile(r"[\"“‘«(¿¡\[]?([^\W\d_]+)")
_TOKEN = re.compile(r"(\S+)\.$")  # what stands before a full stop
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}|[^\W\d_]|[IVXivx]{1,4})")  # a list item's number or letter, alone
_ORDINAL = re.compile(r"(?:^|\s)([^\W\d_]+)\s+\d{1,2}$")  # a word, then a day or an ordinal: "am 1", "im 19"
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")  # U.S, a.m, Ph.D: short letters between stops
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCES_FILE = RULES_DIR / "sentences.toml"


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """The abbreviations that never end a sentence and those that may (each as one pattern
    over a token's end), the abbreviations of several parts ("z. B.", "EE. UU.": a stop
    inside one ends nothing), the words that open sentences and those before an ordinal,
    of every language's table."""
    never, may, openers, ordinal = set(), set(), set(), set()
    for t in tables((str(SENTENCES_FILE),), "sentences").values():
        never.update(t.get("never_end", []))
        may.update(t.get("may_end", []))
        openers.update(w.lower() for w in t.get("openers", []))
        ordinal.update(w.lower() for w in t.get("ordinal_before", []))
    parts = [_entry(e) for e in sorted(never | may, key=len, reverse=True) if ". " in e or "." in e]
    inner = re.compile(r"(?:^|(?<=[\s(\[\"“‘«„/]))(?:" + "|".join(parts) + r")\.")
    return _ends(never), _ends(may), inner, frozenset(openers), frozenset(ordinal)


def _entry(e: str) -> str:
    """An entry as a pattern: its inner stops followed by a space or not ("z. B", "z.B")."""
    return r"\.\s?".join(map(re.escape, e.replace(". ", ".").split(".")))


def _ends(entries: set[str]) -> re.Pattern[str]:
    """One pattern matching a token that is one of `entries` (a stop inside an entry may
    be followed by a space or not: "z. B" and "z.B"), with nothing but brackets or quotes
    before it in the token."""
    alts = [_entry(e) for e in sorted(entries, key=len, reverse=True)]
    return re.compile(r"(?:^|(?<=[\s(\[\"“‘«„/]))(?:" + "|".join(alts) + ")$")


def _is_end(text: str, start: int, end: int, following: int) -> bool:
    """Whether the full stop at `end - 1` ends the sentence begun at `start` (the next
    sentence would begin at `following`)."""
    never, may, inner, openers, ordinal = _rules()
    before = text[max(start, end - 24):end - 1]
    if never.search(before) or _ENUMERATOR.fullmatch(text, start, end - 1):
        return False
    if any(m.start() < end - 1 < m.end() - 1 for m in inner.finditer(text, max(start, end - 24), end + 12)):
        return False
    m = _TOKEN.search(text, max(start, end - 24), end)
    token = m.group(1).lstrip("([\"“‘«„") if m else ""
    ordinal_number = (o := _ORDINAL.search(before)) is not None and o.group(1).lower() in ordinal
    if not (may.search(before) or ordinal_number or _DOTTED.fullmatch(token)
            or (len(token) == 1 and token.isupper())):
        return True
    w = _NEXT_WORD.match(text, following)
    if w is None or text.startswith(".", w.end()) or (len(w.group(1)) > 1 and w.group(1).isupper()):
        return False  # (another initial, "J. J. Thomson", or an acronym, "p.m. ET", is no opening word)
    return w.group(1).lower() in openers


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in `text`, without the spaces around them (kept per
    text: the notes and the language detectors read the same blocks)."""
    out, start = [], len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        end, following = m.end(1), m.end()
        first = text[following + 1] if text[following] in "\"“‘«(¿¡[" else text[following]
        if first.islower():
            continue  # a lower-case word carries the sentence on
        if text[end - 1] == "." and not _is_end(text, start, end, following):
            continue
        out.append((start, end))
        start = following
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return tuple(out)


def words(text: str) -> list[str]:
    return WORD.findall(text)
