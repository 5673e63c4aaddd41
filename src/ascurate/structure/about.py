"""What an article is about: its condition(s), and the drugs, tests and treatments it mentions.

A page names many conditions in passing ("...may raise the risk of heart disease"), so
being mentioned is not being the subject. The subject is the condition the title
names; failing that, one that a heading or the opening lines name and that also
dominates the mentions (at least 3, and twice the next condition's). Symptoms (back pain) stand in only when no condition qualifies.
"""

from __future__ import annotations

from typing import Any

from .sections import Section
from .vocabulary import Mention, Vocabulary, summarise

GROUPS = {"condition": "conditions", "symptom": "symptoms", "drug": "drugs", "drug_class": "drug_classes",
          "test": "tests", "treatment": "treatments"}


OPENING = 400  # characters: where a page says what it is about, if its title does not


def about(title: str | None, text: str, sections: list[Section], blocks_at: list[int],
          vocab: Vocabulary) -> dict[str, Any]:
    """`blocks_at[i]`: offset in text where block i starts (to say where mentions are)."""
    mentions = vocab.find(text)
    title_terms = {m.term.id for m in vocab.find(title or "")}

    firsts = [s.first_block for s in sections]

    def where(offset: int) -> dict[str, int]:
        b = _index(blocks_at, offset)
        return {"block": b, "section": _index(firsts, b) if firsts else 0}

    out: dict[str, Any] = {g: [] for g in GROUPS.values()}
    for typ, group in GROUPS.items():
        out[group] = summarise([m for m in mentions if m.term.type == typ], where)
    for e in out["conditions"] + out["symptoms"]:
        e["in_title"] = e["id"] in title_terms
    main = _main(out["conditions"], sections, mentions, title_terms) or _main(out["symptoms"], sections, mentions, title_terms)
    for e in out["conditions"] + out["symptoms"]:
        e["main"] = e["id"] in main
    out["main"] = [e["name"] for e in out["conditions"] + out["symptoms"] if e["main"]]
    return out


def _main(entries: list[dict[str, Any]], sections: list[Section], mentions: list[Mention],
          title_terms: set[str]) -> set[str]:
    if not entries:
        return set()
    in_title = {e["id"] for e in entries if e["id"] in title_terms}
    if in_title:
        return in_title
    starts = [s.start for s in sections]
    headed = set()
    for m in mentions:
        s = sections[_index(starts, m.start)]
        if s.heading and s.start <= m.start < s.start + len(s.heading):
            headed.add(m.term.id)
    lead = {m.term.id for m in mentions if m.start < OPENING}
    top = entries[0]
    runner = entries[1]["count"] if len(entries) > 1 else 0
    if top["count"] >= 3 and top["count"] >= 2 * runner and top["id"] in (headed | lead):
        return {top["id"]}
    return set()


def _index(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
