"""`garbled_text`: scraping damage inside a sentence.

- Glued words: a token that is no word of the article's language but splits into two
  words of it ("theirdoctor", "biologicTreatment", "IhremArzt", "sanstraitement"), by
  word frequencies (`wordfreq`, the article's language and English). Names and
  identifiers are not damage: tokens with digits or hyphens (IL-17A, HbA1c), a brand
  or name that is itself a word ("YouTube"), acronyms ("macOS", "innerHTML"), a token
  that recurs in the article, identifiers (a left part like "get" or "use", a page or
  block that shows code: braces, "()", snake_case, dotted names), URLs and handles.
- Doubled text: the same two to six words twice in a row, as link or heading text
  pasted beside itself ("knee pain knee pain").
- Repaired mojibake: text that ingest decoded a second time (ftfy) gets an `info` flag
  on its first repaired word, so an editor can check the repair.
Thresholds and word lists are data (`[[glue]]`, `[[threshold]]` in `rules/shapes.toml`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from ..config import Config
from ..model import Block, Flag
from . import lexicon

_TOKEN = re.compile(r"(?<![\w@#/.\\-])[^\W\d_]{5,40}(?![\w@/\\-]|\.\w)")
_CAMEL = re.compile(r"^([^\W\d_][^\W\d_A-ZÀ-ÖØ-Þ]+)([A-ZÀ-ÖØ-Þ][^\W\d_A-ZÀ-ÖØ-Þ]*)$")
_CODE = re.compile(r"[{}<>]|\w\(\)|\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z]+[A-Z(]|=>|::|\$\w|\w=\w|;\s*$", re.M)
_WORD = re.compile(r"\w[\w'-]*")
# a repeat across a sentence, a comma, a quotation mark or a table cell is speech or layout, not damage
_BREAK = re.compile(r"[\n.!?:;,|\"“”‘’]")
_MESSAGE = "A word seems glued to another word ({}): scraping damage?"


def garbled_text(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    limit = lexicon.threshold(cfg, "garbled_text")
    flags = glued_words(text, blocks, offs, language or "en", cfg, limit)
    flags += doubled_text(text)
    return flags


def glued_words(text: str, blocks: list[Block], offs: list[int], language: str, cfg: Config,
                limit: float) -> list[Flag]:
    settings = _settings(lexicon.files(cfg), language)
    if settings is None or _CODE.search(text) and len(_CODE.findall(text)) >= 3:
        return []  # no word list for the language, or a page that shows code
    seen = Counter(m.group() for m in _TOKEN.finditer(text))
    flags = []
    for b, off in zip(blocks, offs, strict=True):
        if b.type in ("code", "table") or _CODE.search(b.text):
            continue
        for m in _TOKEN.finditer(b.text):
            tok = m.group()
            if seen[tok] > 1 or (tok.islower() and len(tok) < 6):
                continue
            found = split_score(tok, language, settings)
            if found and found[0] >= limit:
                s, e = off + m.start(), off + m.end()
                flags.append(Flag("garbled_text", s, e, text[s:e], "warning", _MESSAGE.format(found[1]),
                                  rule="glue.split-word", suggestion=found[1], score=round(found[0], 2)))
    return flags


def split_score(tok: str, language: str, settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "word word") when `tok` is no word but two glued ones, else None."""
    camel = _CAMEL.match(tok)
    if tok[0].isupper() and not camel:
        return None  # a capitalised name, an acronym, an all-caps word
    if not camel and not tok.islower():
        return None  # "iPhone", "McDonald", "macOS": more than one case change, or a short head
    low = tok.lower()
    if _zipf(low, language) > 0 or _zipf(low, "en") > 0:
        return None  # a word, a name or a brand the language knows
    if camel:
        left, right = camel.groups()
        if left.lower() in settings["prefixes"] or len(left) < 2:
            return None
        if len(right) == 1:  # "interleukinA": a word glued to a letter (a link, a footnote, a label)
            z = _zipf(left.lower(), language) or _zipf(left.lower(), "en")
            return (0.6 + min(z, 4) / 10, f"{left} {right}") if len(left) >= 6 and z >= 1.5 else None
        candidates = [(left.lower(), right.lower())]
    else:
        candidates = [(low[:i], low[i:]) for i in range(2, len(low) - 1)]
    best = None
    for a, b in candidates:
        score = _pair_score(a, b, language, settings)
        if score is not None and (best is None or score > best[0]):
            best = (score + (0.1 if camel else 0.0), f"{a} {b}" if not camel else f"{camel.group(1)} {camel.group(2)}")
    return best


def _pair_score(a: str, b: str, language: str, settings: dict[str, Any]) -> float | None:
    za, zb = _zipf(a, language), _zipf(b, language)
    for part, z in ((a, za), (b, zb)):
        need = settings["min_short_part"] if len(part) <= 3 else settings["min_part"]
        if z < need:
            return None
    if settings["compounds"] and max(za, zb) < settings["min_function_word"]:
        return None  # two nouns glued are a German compound, not damage
    return min(1.0, 0.3 + (min(za, zb) - 2) / 5)


def doubled_text(text: str) -> list[Flag]:
    toks = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    words = [t[2] for t in toks]
    flags = []
    i = 0
    while i < len(toks):
        n = _repeat_at(words, i)
        if n and not _BREAK.search(text[toks[i][0]:toks[i + 2 * n - 1][1]]):
            s, e = toks[i][0], toks[i + 2 * n - 1][1]
            flags.append(Flag("garbled_text", s, e, text[s:e], "warning",
                              "The same words appear twice in a row (doubled link or heading text).",
                              rule="shape.doubled-text", suggestion=text[s:toks[i + n - 1][1]], score=0.8))
            i += 2 * n
        else:
            i += 1
    return flags


def _repeat_at(words: list[str], i: int) -> int:
    """Length n (2-6 words; two only when both have three letters or more) of a word run
    at i that is repeated right after itself, else 0 (list slices compare in C: this runs
    at every word of every article)."""
    for n in (6, 5, 4, 3, 2):
        if i + 2 * n <= len(words) and words[i] == words[i + n] and words[i:i + n] == words[i + n:i + 2 * n]:
            if n == 2 and (len(words[i]) < 3 or len(words[i + 1]) < 3):
                continue
            return n
    return 0


def repaired_encoding(text: str, repaired: Iterable[str]) -> list[Flag]:
    """An `info` flag on the first place each word that ingest repaired (mojibake undone
    by ftfy) stands in the article, so an editor can check that the repair is right."""
    flags = []
    for word in dict.fromkeys(repaired):
        s = text.find(word)
        if s < 0 or not word.strip():
            continue
        flags.append(Flag("garbled_text", s, s + len(word), word, "info",
                          "This text was stored with a broken encoding and repaired on reading (mojibake): "
                          "check that it reads right.", rule="ingest.mojibake-repaired", score=1.0))
    return flags


@cache
def _settings(files: tuple[str, ...], language: str) -> dict[str, Any] | None:
    if not _has_words(language):
        return None
    tables = lexicon.tables(files, "glue")
    base = tables.get("glue.settings", {})
    own = next((t for t in tables.values() if t.get("lang") == language), {})
    return {"min_short_part": float(base.get("min_short_part", 5.0)), "min_part": float(base.get("min_part", 3.3)),
            "min_function_word": float(base.get("min_function_word", 5.3)),
            "prefixes": frozenset(base.get("identifier_prefixes", [])), "compounds": bool(own.get("compounds"))}


@cache
def _has_words(language: str) -> bool:
    return bool(_frequencies(language))


@cache
def _frequencies(language: str) -> dict[str, float]:
    """wordfreq's frequency table for a language ({} when it has none)."""
    import wordfreq

    try:
        return wordfreq.get_frequency_dict(language, wordlist="best")
    except (LookupError, ValueError):
        return {}


@lru_cache(maxsize=200_000)
def _zipf(word: str, language: str) -> float:
    f = _frequencies(language).get(word, 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0
