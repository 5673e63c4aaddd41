"""Word lists and thresholds of the shape detectors (`rules/shapes.toml`), as data.

Tables are read by the rulebook's loader (`rulebook.tables`), in rule-file order, so a
site's file (Config.rules_dirs) replaces a shipped table by giving its id again.
Detectors compile what they build from a table once per set of rule files (`files(cfg)`
is the cache key)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..config import Config
from ..rulebook import rule_paths, tables
from .alternation import grouped

__all__ = ["care_words", "files", "for_language", "languages", "tables", "threshold", "threshold_in", "word_starts"]

files = rule_paths


def for_language(paths: tuple[str, ...], section: str, language: str | None) -> dict[str, Any] | None:
    """The table of `section` for a language (None when there is none)."""
    return next((t for t in tables(paths, section).values() if t.get("lang") == language), None)


def languages(paths: tuple[str, ...]) -> frozenset[str]:
    """The languages the shape detectors have word lists for (`[[languages]] shapes`)."""
    t = tables(paths, "languages").get("shapes")
    return frozenset(t["codes"]) if t else frozenset()


def threshold(cfg: Config, kind: str) -> float:
    """The score at or above which a candidate of this kind becomes a flag."""
    return threshold_in(files(cfg), kind)


def threshold_in(paths: tuple[str, ...], kind: str) -> float:
    """`threshold` under a set of rule files (`files(cfg)`, listed once by the caller)."""
    t = tables(paths, "threshold").get(kind)
    return float(t["value"]) if t else 0.5


@cache
def care_words(paths: tuple[str, ...], language: str) -> tuple[re.Pattern[str], int] | None:
    """The care vocabulary for a language (`[[care_words]]`): its word starts (`stems`:
    "diagnos" for diagnosis, diagnosed...) and its whole words (`words`: "pain", which
    as a start would take "paint" too), and how many distinct ones make a paragraph
    about health (off_topic and mixed_voice both ask). A match is the word start or the
    whole word without its ending, so "pain" and "painful" are one word of care. The
    entries are factored on their first letters (`alternation.grouped`: the same matches,
    one try per letter at a word start instead of one per entry)."""
    t = for_language(paths, "care_words", language)
    if not t or not (t.get("stems") or t.get("words")):
        return None
    alts = [_word(w) for w in sorted(t.get("words", []), key=len, reverse=True)]
    alts += map(re.escape, sorted(t.get("stems", []), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(" + grouped(alts) + ")"), int(t.get("min_stems", 2))


@cache
def word_starts(paths: tuple[str, ...], table: str, language: str) -> re.Pattern[str] | None:
    """A table of word starts (`stems`) and whole words with their endings (`words`, as in
    `[[care_words]]`) for a language, as one pattern over lower-case text; None when the
    language has none."""
    t = for_language(paths, table, language)
    if not t or not (t.get("stems") or t.get("words")):
        return None
    alts = [_word(w) for w in sorted(t.get("words", []), key=len, reverse=True)]
    alts += map(re.escape, sorted(t.get("stems", []), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + grouped(alts) + ")")


def _word(entry: str) -> str:
    """A whole word of `[[care_words]]` ("pain|s|ful": the word, then its endings), as a
    pattern that matches the word alone and sees its ending in a look-ahead."""
    word, *endings = entry.split("|")
    ends = "|".join(map(re.escape, sorted(endings, key=len, reverse=True)))
    return re.escape(word) + (rf"(?=(?:{ends})?(?!\w))" if ends else r"(?!\w)")
