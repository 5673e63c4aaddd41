"""Health aspects of sections, from rules in `rules/aspects.toml`.

A heading says what its section is about far more reliably than the words under it,
so every aspect rule whose pattern matches the heading labels the section ("Diagnosis
and Treatment" gets both). Only a section whose heading matched nothing (or that has
no heading) is labelled from its text, and only when one aspect's cue phrases clearly
dominate; otherwise the section stays unlabelled: no label is better than a wrong one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from .. import rulebook
from ..config import Config, rule_files
from .sections import Section

MAX_HEADING, MAX_BODY = 300, 50_000  # what a heading rule / a text rule reads (bounds time on hostile pages)
INTRO_CHARS = 300  # an intro_only text rule reads the lead's opening: where a page defines its topic
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|#)\s*|\s*#\s*$")


@dataclass(frozen=True, slots=True)
class AspectRule:
    id: str
    label: str
    schema: str
    heading: re.Pattern[str]
    text: re.Pattern[str] | None
    text_min_hits: int
    fallback: bool
    intro_only: bool
    stop: bool
    title: re.Pattern[str] | None = None


_CACHE: dict[tuple[str, ...], tuple[AspectRule, ...]] = {}
_GATES: dict[tuple[str, ...], dict[str, Any]] = {}


def load_gate(cfg: Config) -> dict[str, Any]:
    """The [aspect_gate] table (the last rule file that has one wins), pattern compiled."""
    key = tuple(str(p) for p in rule_files(cfg))
    if key not in _GATES:
        gate: dict[str, Any] = {}
        for p in rule_files(cfg):
            with open(p, "rb") as fh:
                gate = tomllib.load(fh).get("aspect_gate", gate)
        gate = dict(gate)
        gate["pattern"] = re.compile(gate.get("pattern") or r"(?!)", re.I)
        _GATES[key] = gate
    return _GATES[key]


def is_health_content(text: str, n_terms: int, gate: dict[str, Any]) -> bool:
    """Enough medical vocabulary, or enough health words, for health aspects to make sense."""
    if n_terms >= gate.get("min_terms", 2):
        return True
    hits = len(gate["pattern"].findall(text[:200_000]))
    words = max(1, len(text.split()))
    return hits >= gate.get("min_hits", 10) and hits * 1000 / words >= gate.get("min_per_1000_words", 10.0)


def load_aspects(cfg: Config) -> tuple[AspectRule, ...]:
    """The aspect rules of this configuration's rule files, compiled once per process."""
    key = tuple(str(p) for p in rule_files(cfg))
    if key not in _CACHE:
        _CACHE[key] = _compile(cfg)
    return _CACHE[key]


def _compile(cfg: Config) -> tuple[AspectRule, ...]:
    out = []
    for r in rulebook.load(cfg, "aspect"):
        for key in ("label", "schema"):
            if not r.get(key) and not r.get("stop"):
                raise rulebook.RuleError(f"{r.source}: aspect rule {r.id} has no {key}")
        tp, ttl = r.get("text_pattern"), r.get("title_pattern")
        try:
            text = re.compile(tp, re.I) if tp else None
            title = re.compile(ttl, re.I) if ttl else None
        except re.error as e:
            raise rulebook.RuleError(f"{r.source}: aspect rule {r.id}: bad text_pattern or title_pattern: {e}") from e
        out.append(AspectRule(r.id, r.get("label", ""), r.get("schema", ""), r.pattern, text, int(r.get("text_min_hits", 2)),
                              bool(r.get("fallback")), bool(r.get("intro_only")), bool(r.get("stop")), title))
    return tuple(out)


def heading_aspects(heading: str, rules: tuple[AspectRule, ...], title: str | None = None) -> list[AspectRule]:
    """Every rule whose pattern matches the heading; fallback rules only if no other did.
    A rule with a title_pattern needs the article title to match, and reads the heading
    with its numbering ("3. Eat more fiber"); the others read it without."""
    heading = heading[:MAX_HEADING]
    h = _NUMBERING.sub("", heading).strip()
    if any(r.stop and r.heading.search(h) for r in rules):
        return []

    def match(r: AspectRule) -> bool:
        if r.title is None:
            return bool(r.heading.search(h))
        return bool(title and r.title.search(title) and r.heading.search(heading))

    hits = [r for r in rules if not r.fallback and not r.stop and match(r)]
    if not hits:
        hits = [r for r in rules if r.fallback and match(r)]
    return _unique(hits)


def text_aspect(body: str, rules: tuple[AspectRule, ...], lead: bool) -> AspectRule | None:
    """The one aspect whose cues dominate the text: enough hits, twice any other's."""
    counts = []
    for r in rules:
        if r.text is None or (r.intro_only and not lead):
            continue
        n = len(r.text.findall(body[:INTRO_CHARS] if r.intro_only else body[:MAX_BODY]))
        if n >= r.text_min_hits:
            counts.append((n / r.text_min_hits, r))
    if not counts:
        return None
    counts.sort(key=lambda x: -x[0])
    if len(counts) > 1 and counts[0][0] < 2 * counts[1][0]:
        return None
    return counts[0][1]


def label_sections(sections: list[Section], rules: tuple[AspectRule, ...], drug_headings: set[int] | None = None,
                   title: str | None = None) -> None:
    """Set each section's aspects in place. `drug_headings`: sections whose heading is
    just a medicine's name (from the vocabulary), which are about that medication."""
    med = [r for r in rules if r.label == "medication"]
    for i, s in enumerate(sections):
        hits: list[AspectRule] = []
        if not s.body.strip():
            s.aspects, s.aspect_rules = [], []
            continue
        if s.heading:
            if any(r.stop and r.heading.search(_NUMBERING.sub("", s.heading[:MAX_HEADING])) for r in rules):
                s.aspects, s.aspect_rules = [], []
                continue
            hits = heading_aspects(s.heading, rules, title)
            if hits:
                s.aspect_source = "heading"
            elif drug_headings and i in drug_headings and med:
                hits, s.aspect_source = med[:1], "terms"
        if not hits and s.body:
            r = text_aspect(s.body, rules, lead=(i == 0 and s.heading is None))
            if r is not None:
                hits, s.aspect_source = [r], "text"
        s.aspects = list(dict.fromkeys(r.label for r in hits))
        s.aspect_rules = [r.id for r in hits]


def schema_names(labels: list[str], rules: tuple[AspectRule, ...]) -> list[str]:
    by_label = {r.label: r.schema for r in rules}
    return list(dict.fromkeys(by_label[x] for x in labels if x in by_label))


def _unique(rules: list[AspectRule]) -> list[AspectRule]:
    seen: set[str] = set()
    out = []
    for r in rules:
        if r.label not in seen:
            seen.add(r.label)
            out.append(r)
    return out
