"""The medical vocabulary (`rules/vocabulary.toml`) and where an article mentions it.

Names are looked up by word n-grams in a dictionary (a regex alternation of ~600
names costs a quarter of a second per article), longest first, so one pass over the
words finds every mention and a longer name ("certolizumab pegol") wins over a
shorter one inside it. Abbreviations are matched case-sensitively and kept only
when the article also uses a full name of the same term: "AS" alone is the English word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Any

from ..config import Config, rule_files
from ..rulebook import RuleError, raw_tables

TYPES = ("condition", "symptom", "drug", "drug_class", "test", "treatment")
SCHEMA_TYPE = {"condition": "MedicalCondition", "symptom": "MedicalSignOrSymptom", "drug": "Drug",
               "drug_class": "DrugClass", "test": "MedicalTest", "treatment": "MedicalTherapy"}


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    type: str
    name: str
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()


@dataclass(slots=True)
class Mention:
    term: Term
    start: int
    end: int
    text: str
    abbreviation: bool


@dataclass(slots=True)
class Vocabulary:
    terms: dict[str, Term]
    _full: dict[tuple[str, ...], str] = field(default_factory=dict)  # lower-cased name tokens -> term id
    _abbr: dict[tuple[str, ...], str] = field(default_factory=dict)  # exact abbreviation tokens -> term id
    _first_full: dict[str, int] = field(default_factory=dict)  # first word -> longest name starting with it
    _first_abbr: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for t in self.terms.values():
            for n in (t.name, *t.synonyms):
                key = tuple(w.casefold() for w in _tokens(n))
                if key:
                    self._full.setdefault(key, t.id)
                    self._first_full[key[0]] = max(self._first_full.get(key[0], 0), len(key))
            for a in t.abbreviations:
                key = tuple(_tokens(a))
                if key:
                    self._abbr.setdefault(key, t.id)
                    self._first_abbr[key[0]] = max(self._first_abbr.get(key[0], 0), len(key))

    def find(self, text: str) -> list[Mention]:
        """Every mention in the text, in order, longest names first; abbreviations only
        of terms the text also names in full. Words join into a name only across spaces
        and hyphens, so "heart. Disease" is not "heart disease"."""
        parts = _SPLIT.split(text)  # between-words, word, between-words, ..., between-words
        words = parts[1::2]
        if not words:
            return []
        # case folding maps each character on its own, so one call folds every word (NUL apart)
        low = "\0".join(words).casefold().replace("’", "'").split("\0")
        first_full, first_abbr = self._first_full, self._first_abbr
        # the words a name can start at: a name's first word, an abbreviation's, or a plural
        # whose singular is a one-word name; the words between are only looked at from these
        full = self._full
        hot = {w for w in set(low) if w in first_full or (w.endswith("s") and (_singular(w),) in full)}
        starts = compress(range(len(words)), map(hot.__contains__, low))
        if abbr := first_abbr.keys() & set(words):
            starts = sorted({*starts, *compress(range(len(words)), map(abbr.__contains__, words))})
        ends = list(accumulate(map(len, parts)))  # word i is text[ends[2 * i]:ends[2 * i + 1]]
        found: list[tuple[int, int, str, bool]] = []
        i = 0
        for at in starts:
            if at < i:  # inside the name found last
                continue
            i = at
            longest = max(first_full.get(low[i], 0), first_abbr.get(words[i], 0)) or 1
            joined = 1  # how many words from i on are joined by spaces or hyphens only
            while joined < longest and i + joined < len(words) and _JOIN.fullmatch(parts[2 * (i + joined)]):
                joined += 1
            hit = None
            for n in range(min(longest, joined), 0, -1):
                names = low[i:i + n]
                tid = self._full.get(tuple(names)) or self._full.get((*names[:-1], _singular(names[-1])))
                if tid:
                    hit = (n, tid, False)
                    break
                tid = self._abbr.get(tuple(words[i:i + n]))
                if tid:
                    hit = (n, tid, True)
                    break
            if hit:
                n, tid, abbr_hit = hit
                found.append((ends[2 * i], ends[2 * (i + n - 1) + 1], tid, abbr_hit))
                i += n
            else:
                i += 1
        named = {tid for _, _, tid, abbr in found if not abbr}
        return [Mention(self.terms[tid], s, e, text[s:e], abbr) for s, e, tid, abbr in found
                if not abbr or tid in named]


_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_SPLIT = re.compile(r"(\w+(?:['’]\w+)*)")  # `_TOKEN` as re.split's separator: the words with what is between them
_JOIN = re.compile(r"[ \t\-\u00a0]+")


def _tokens(name: str) -> list[str]:
    return [m.group().replace("’", "'") for m in _TOKEN.finditer(name)]


def _singular(w: str) -> str:
    if w.endswith("es") and len(w) > 4 and w[-3] in "sxz":
        return w[:-2]
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


_CACHE: dict[tuple[str, ...], Vocabulary] = {}


def load_vocabulary(cfg: Config) -> Vocabulary:
    """The [[term]] tables of every rule file (shipped first, then `rules_dirs`)."""
    files = rule_files(cfg)
    key = tuple(str(p) for p in files)
    if key not in _CACHE:
        terms: dict[str, Term] = {}
        for raw, source in raw_tables(cfg, "term"):
            _add(terms, raw, source)
        _CACHE[key] = Vocabulary(terms)
    return _CACHE[key]


def _add(terms: dict[str, Term], raw: dict[str, Any], source: str) -> None:
    tid, typ, name = raw.get("id"), raw.get("type"), raw.get("name")
    if not tid:
        raise RuleError(f"{source}: a [[term]] has no id")
    if raw.get("disabled"):
        terms.pop(tid, None)
        return
    if typ not in TYPES or not name:
        raise RuleError(f"{source}: term {tid}: type must be one of {', '.join(TYPES)} and name is required")
    terms[tid] = Term(tid, typ, name, tuple(raw.get("synonyms", ())), tuple(raw.get("abbreviations", ())),
                      tuple(raw.get("examples", ())), tuple(raw.get("counter_examples", ())))


def summarise(mentions: list[Mention], where: Any) -> list[dict[str, Any]]:
    """One entry per term: its name, type, count and where it occurs (first 20 places).
    `where(offset)` names the block and section an offset falls in."""
    by_term: dict[str, list[Mention]] = {}
    for m in mentions:
        by_term.setdefault(m.term.id, []).append(m)
    out = []
    for tid, ms in by_term.items():
        t = ms[0].term
        forms = Counter(m.text for m in ms)
        out.append({
            "id": tid, "name": t.name, "type": t.type, "count": len(ms),
            "forms": sorted(forms, key=lambda f: -forms[f]),
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, **where(m.start)} for m in ms[:20]],
        })
    out.sort(key=lambda e: (-e["count"], e["name"]))
    return out
