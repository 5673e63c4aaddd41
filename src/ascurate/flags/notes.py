"""`editorial_note` from a sentence's structure: a note from one member of staff to another.

Notes left in copy rarely say "note" or "editor"; they are addressed ("Priya: can you cut
this to 80 words?", "Legal team, are we OK to name the hospital?", "Do we have a source
for this, Raj?"). A sentence scores for each of three signals:
- address: a first name or an editorial role opening it before a comma, colon or dash
  (after an optional greeting), or closing it after a comma; a name is a capitalised word
  the article never uses in lower case and that is no sentence opener (`not_names`);
- a request or question to that person: a request word, a question mark, or an
  imperative right after the address;
- editorial vocabulary: words about the copy (paragraph, source, quote, publish...).
A sentence at `THRESHOLD` or more is flagged, with its score: in practice all three
signals, which is what a reader-facing "Parents, check your child's temperature" lacks.
Word lists are data per language (`rules/notes.toml`); quoted speech is never a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rulebook
from ..config import Config, rule_files
from ..model import Block, Flag
from . import sentences

ADDRESS_NAME = 1.0
ADDRESS_ROLE = 1.25  # an editorial role is a stronger sign than a name
REQUEST = 1.0
QUESTION = 0.75
EDITORIAL_EACH = 0.75
EDITORIAL_MAX = 1.5
THRESHOLD = 2.5  # calibrated on the flagset's tune families and real pages (bench/flags.py)
MAX_SENTENCE = 320
_QUOTES_OPEN = "“«„\"‘"
_LEAD = re.compile(
    r"(?P<who>[^\W\d_][\w'’.-]*(?:\s+[^\W_][\w'’.-]*){0,3}?)\s*(?:\((?P<paren>[^)\n]{1,30})\))?"
    r"\s*(?:[,:]|\s[-–—]|[-–—]\s)\s*")
_TRAIL = re.compile(r",\s*(?P<who>[^\W\d_][\w'’-]*)\s*[?.!…]*\s*$")
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Words:
    greetings: frozenset[str]
    roles: re.Pattern[str]
    requests: re.Pattern[str]
    imperatives: frozenset[str]
    editorial: re.Pattern[str]
    not_names: frozenset[str]


def _alternation(items: list[str]) -> re.Pattern[str]:
    """Whole words or phrases; a trailing `*` matches a word's start."""
    parts = sorted({re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in items},
                   key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts or ["(?!)"]) + r")(?![\w-])", re.I)


@lru_cache(maxsize=32)
def _words(files: tuple[str, ...], language: str) -> Words | None:
    tables = [t for p in files for t in rulebook._read(p).get("note_words", []) if t.get("language") == language]
    if not tables:
        return None

    def merged(key: str) -> list[str]:
        return [w.lower() for t in tables for w in t.get(key, [])]

    return Words(frozenset(merged("greetings")), _alternation(merged("roles")), _alternation(merged("requests")),
                 frozenset(merged("imperatives")), _alternation(merged("editorial")), frozenset(merged("not_names")))


def words_for(cfg: Config, language: str) -> Words | None:
    return _words(tuple(str(p) for p in rule_files(cfg)), language)


def _is_name(who: str, text: str, w: Words) -> bool:
    """One or two capitalised words, no sentence opener, never in lower case in the article."""
    parts = who.split()
    if not 1 <= len(parts) <= 2 or not all(p[0].isupper() and p.replace("-", "").isalpha() for p in parts):
        return False
    if parts[0].lower() in w.not_names or (len(parts[0]) > 3 and parts[0].isupper()):
        return False
    return not any(re.search(rf"(?<![\w-]){re.escape(p.lower())}(?![\w-])", text) for p in parts)


def _address(who: str, paren: str | None, text: str, w: Words) -> float:
    parts = who.split()
    if parts and parts[0].lower() in w.greetings:
        parts = parts[1:]
    who = " ".join(parts)
    if not who:
        return 0.0
    if w.roles.search(who) or (paren and w.roles.search(paren)):
        return ADDRESS_ROLE
    return ADDRESS_NAME if _is_name(who, text, w) else 0.0


def score(sentence: str, text: str, w: Words) -> float:
    """The note score of one sentence; `text` is the article's (to tell names from words)."""
    address, rest = 0.0, sentence
    m = _LEAD.match(sentence)
    if m:
        address = _address(m.group("who"), m.group("paren"), text, w)
        if address:
            rest = sentence[m.end():]
    if not address:
        first = _FIRST_WORD.match(sentence)
        if first and w.requests.match(sentence, first.end() + 1) and _is_name(first.group(), text, w):
            address, rest = ADDRESS_NAME, sentence[first.end():]  # "Kate can you check ..."
    if not address:
        t = _TRAIL.search(sentence)
        if t and _address(t.group("who"), None, text, w):
            address, rest = ADDRESS_NAME, sentence[:t.start()] + sentence[t.end() - 1:]
    if not address:
        return 0.0
    first = _FIRST_WORD.match(rest.lstrip())
    if w.requests.search(rest) or (first and first.group().lower() in w.imperatives):
        request = REQUEST
    else:
        request = QUESTION if "?" in rest else 0.0
    editorial = {e.group().lower() for e in w.editorial.finditer(rest)}
    return address + request + min(EDITORIAL_MAX, EDITORIAL_EACH * len(editorial))


def _quoted(block: str, start: int) -> bool:
    """Inside quotation marks: dialogue or a quoted message, not a note to staff."""
    before = block[:start]
    closes = "“" if "„" in before else "”"  # German quotes open low („) and close with “
    opens = "„" if closes == "“" else "“"
    return block[start:start + 1] in _QUOTES_OPEN or before.count(opens) > before.count(closes) \
        or before.count("«") > before.count("»")


def addressed_notes(text: str, blocks: list[Block], offs: list[int], cfg: Config,
                    language: str | None) -> list[Flag]:
    w = words_for(cfg, language or "en")
    if w is None:
        return []
    flags = []
    for b, off in zip(blocks, offs, strict=True):
        if b.type not in ("paragraph", "list_item", "quote", "heading"):
            continue
        for s, e in sentences.spans(b.text):
            if e - s > MAX_SENTENCE or _quoted(b.text, s):
                continue
            value = score(b.text[s:e], text, w)
            if value >= THRESHOLD:
                flags.append(Flag("editorial_note", off + s, off + e, text[off + s:off + e], "blocking",
                                  "A note addressed to a colleague was left in the text.",
                                  rule="editorial.addressed-note", suggestion="", score=round(value, 2)))
    return flags
