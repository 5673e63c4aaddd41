"""Which copy of a group stays: one ordered rule, and the reason it decided.

1. earliest-seen: an article published by an earlier run stays (readers and links
   already point at it); among earlier runs, the first one.
2. most-complete: among copies first seen in the same run, the one with most words
   (a print version or a syndicated excerpt loses paragraphs, rarely gains them).
3. preferred-site: then a copy from a site in `preferred_sites` (configuration), in the
   order listed.
4. stable-order: then the input path, so that the choice never depends on batching.
When the kept copy's input changes (a re-scrape gives it a new id), the copy that
matches the group first in that run takes its place (`kept-copy-replaced`).
"""

from __future__ import annotations

from dataclasses import dataclass

RULES = ("earliest-seen", "most-complete", "preferred-site", "stable-order")
_WHY = {
    "earliest-seen": "{kept} was published by an earlier run",
    "most-complete": "{kept} has the most complete text ({kept_words} words against {words})",
    "preferred-site": "{kept} is from a preferred site ({site})",
    "stable-order": "{kept} comes first by input path (copies otherwise equal)",
    "kept-copy-replaced": "{kept} replaces the group's kept copy, whose input changed",
}


@dataclass(slots=True, frozen=True)
class Candidate:
    """What the rule looks at for one copy."""

    id: str
    published_at: float | None  # first_seen of an earlier run; None when new in this run
    words: int
    site: str | None
    path: str

    def rank(self, preferred_sites: tuple[str, ...]) -> tuple[float, int, int, str, str]:
        seen = self.published_at if self.published_at is not None else float("inf")
        site = preferred_sites.index(self.site) if self.site in preferred_sites else len(preferred_sites)
        return (seen, -self.words, site, self.path, self.id)


def choose(a: Candidate, b: Candidate, preferred_sites: tuple[str, ...] = ()) -> tuple[Candidate, Candidate, str]:
    """(kept, duplicate, rule): the rule is the first criterion on which they differ."""
    ra, rb = a.rank(preferred_sites), b.rank(preferred_sites)
    kept, dup = (a, b) if ra <= rb else (b, a)
    rk, rd = kept.rank(preferred_sites), dup.rank(preferred_sites)
    rule = next((RULES[min(i, 3)] for i in range(5) if rk[i] != rd[i]), "stable-order")
    return kept, dup, rule


def reason(rule: str, kept: Candidate, dup: Candidate) -> str:
    return _WHY[rule].format(kept=kept.id, kept_words=kept.words, words=dup.words, site=kept.site)
