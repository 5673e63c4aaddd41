"""Sentences of a block, as offsets: the unit the sentence-level detectors read.

A sentence ends at `.`, `!` or `?` (and closing quotes or brackets after it) followed by
space and something that is not a lower-case word (an @mention opens one: "... today. @Megan
pls confirm"). A full stop after an abbreviation,
an initial or a German ordinal is a sentence end only before a word that opens
sentences ("vitamin D. The", not "John F. Kennedy", "am 1. Mai", "25 Mio. Versicherte"),
and never after a title or "for example" ("Dr.", "z. B.", "p. ex."). A list item's
number or letter is a piece of its own ("3." of "3. Take it with food": the detectors
read the item's sentence from its first word). The abbreviations and opening
words are data per language (`rules/sentences.toml`), applied together: the text's
language is not known here. Flags quote what they find by offset and never rebuild the
text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from ..config import RULES_DIR
from ..rulebook import tables

# (its first stop written once before the repeat: a pattern that opens on a character class lets the
# scan skip to the stops instead of trying the pattern at every position)
# (the stop and what closes it are group 1: the sentence ends where the spaces after them start)
_END = re.compile(r"([.!?…][.!?…]*[\"”’»)\]]*)\s+(?=[\"“‘«(¿¡\[@]?[^\W_])")
_NEXT_WORD = re.compile(r"[\"“‘«(¿¡\[]?([^\W\d_]+)")
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}|[^\W\d_]|[IVXivx]{1,4})")  # a list item's number or letter, alone
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")  # U.S, a.m, Ph.D: short letters between stops
_OPENING = "([\"“‘«„/"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCES_FILE = RULES_DIR / "sentences.toml"


class _Rules(NamedTuple):
    never: frozenset[str]  # abbreviations a stop after which ends no sentence, written without inner spaces
    may: frozenset[str]  # abbreviations that end one only before an opening word
    inner: dict[str, frozenset[str]]  # the start of an abbreviation of several parts -> the parts that go on it
    openers: frozenset[str]  # words that open sentences, in lower case
    ordinal: frozenset[str]  # words before a number written as an ordinal, in lower case


@cache
def _rules() -> _Rules:
    """Every language's table together (the text's language is not known here)."""
    never, may, openers, ordinal = set(), set(), set(), set()
    for t in tables((str(SENTENCES_FILE),), "sentences").values():
        never.update(e.replace(". ", ".") for e in t.get("never_end", []))
        may.update(e.replace(". ", ".") for e in t.get("may_end", []))
        openers.update(w.lower() for w in t.get("openers", []))
        ordinal.update(w.lower() for w in t.get("ordinal_before", []))
    inner: dict[str, set[str]] = {}
    for e in never | may:
        parts = e.split(".")
        for i in range(1, len(parts)):
            inner.setdefault(".".join(parts[:i]), set()).add(parts[i])
    return _Rules(frozenset(never), frozenset(may), {k: frozenset(v) for k, v in inner.items()},
                  frozenset(openers), frozenset(ordinal))


def _is_end(text: str, start: int, end: int, following: int) -> bool:
    """Whether the full stop at `end - 1` ends the sentence begun at `start` (the next
    sentence would begin at `following`)."""
    r = _rules()
    if _ENUMERATOR.fullmatch(text, start, end - 1):
        return True  # (an item's number is a piece of its own: the item's sentence opens on its first word)
    pieces = text[max(start, end - 24):end - 1].split()
    if not pieces:
        return True
    token = pieces[-1].lstrip(_OPENING)
    forms = [token]  # the token, then with the pieces before it that end on a stop ("z. B" as "z.B")
    for p in reversed(pieces[-3:-1]):
        if not p.endswith("."):
            break
        forms.append(p.lstrip(_OPENING) + forms[-1])
    if any(f in r.never for f in forms):
        return False
    goes_on = text[following:following + 8].split(".", 1)[0]
    if any(goes_on in r.inner.get(f, ()) for f in forms):
        return False  # a stop inside an abbreviation of several parts ("z. B.", "EE. UU.")
    ordinal_number = len(pieces) > 1 and token.isdigit() and len(token) <= 2 and pieces[-2].lower() in r.ordinal
    if not (ordinal_number or any(f in r.may for f in forms) or _DOTTED.fullmatch(token)
            or (len(token) == 1 and token.isupper())):
        return True
    w = _NEXT_WORD.match(text, following)
    if w is None or text.startswith(".", w.end()) or (len(w.group(1)) > 1 and w.group(1).isupper()):
        return False  # (another initial, "J. J. Thomson", or an acronym, "p.m. ET", is no opening word)
    return w.group(1).lower() in r.openers


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in `text`, without the spaces around them (kept per
    text: the notes and the language detectors read the same blocks)."""
    out, start = [], len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        end, following = m.end(1), m.end()
        first = text[following + 1] if text[following] in "\"“‘«(¿¡[@" else text[following]
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
