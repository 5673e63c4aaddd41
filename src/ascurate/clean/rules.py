"""Furniture rules (`rules/furniture.toml`) applied to one block at a time.

Each rule is data; this module only applies them. Every cut is a Removal with the rule
id, so nothing leaves the text without a reason, and text that is cut is never
rewritten: what remains is the input minus the cut spans.

A span or sentence rule with `needs` runs only on a block that holds one of those
strings (`fold`ed, for a rule that ignores case): a substring test is far cheaper than an
alternation tried at every position of every sentence, and a block none of whose
sentence rules can match is not split into sentences at all.
"""

from __future__ import annotations

import re
from typing import Any

from .. import rulebook
from ..model import Block, Removal
from .result import Cleaned

_BOUNDARY = re.compile(r"(?:(?<=[.!?…])[\"'”’)\]]*\s+)|(?<=[。！？])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering `text`, trailing whitespace included."""
    spans, pos = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.end() > pos and text[pos:m.end()].strip():
            spans.append((pos, m.end()))
            pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def words(text: str) -> int:
    return len(text.split())


# the characters other than A-Z that a case-insensitive pattern takes for an ASCII letter
# and that `str.lower` does not turn into it: the dotted and dotless i, the long s
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """`text` lower-cased so that a lower-case ASCII needle is in it wherever a
    case-insensitive pattern matches that needle's letters (tests/test_rules.py checks
    every code point)."""
    return text.translate(_FOLD).lower()


def may_match(needs: tuple[str, ...] | None, case_sensitive: bool, text: str, folded: str) -> bool:
    """Whether the block (as written and `fold`ed) holds one of a rule's `needs` (any
    block, for a rule without)."""
    if needs is None:
        return True
    within = text if case_sensitive else folded
    return any(n in within for n in needs)


def clean_block(i: int, block: Block, rules: list[rulebook.Rule], out: Cleaned) -> Block | None:
    """Block `i` with the rules' cuts made (None: it goes whole); removals and the facts
    they carried go to `out`.

    The outcome depends only on the block and the rules, and pages repeat blocks (a
    site's footer, the paragraphs of an article's copies), so each worker keeps recent
    outcomes and replays them: the same removals (with this block's index) and the same
    facts captured, in the same order."""
    memo = rulebook.memo(rules, "furniture-outcome")
    key = (block.type, block.level, block.text)
    seen = memo.get(key)
    if seen is None:
        if len(memo) >= rulebook.MEMO_ITEMS:
            memo.clear()
        seen = memo[key] = _clean_block(block, rules)
    kept, removed, captured = seen
    for r in removed:
        out.removed.append(Removal(r.text, r.reason, block=i, start=r.start, end=r.end, detail=r.detail))
    for kind, text in captured:
        capture(out, kind, text)
    if kept is None:
        return None
    return block if kept.text == block.text else Block(kept.type, kept.text, kept.level)


_Outcome = tuple[Block | None, list[Removal], list[tuple[str, str]]]


def _clean_block(block: Block, rules: list[rulebook.Rule]) -> _Outcome:
    """(kept block or None, removals without a block index, (metadata kind, text) captures in order)."""
    text = block.text
    removed: list[Removal] = []
    captured: list[tuple[str, str]] = []

    def remove(rule: rulebook.Rule, cut: str, start: int | None = None, end: int | None = None) -> None:
        removed.append(Removal(cut.strip(), rule.id, start=start, end=end))
        if rule.get("metadata"):
            captured.append((rule.get("metadata"), cut))

    block_rules, span_needs, sentence_needs = _by_scope(rules)
    n_words = words(text)
    for rule, most, types in block_rules:
        if n_words <= most and (types is None or block.type in types) and rule.pattern.search(text):
            remove(rule, text)
            return None, removed, captured
    if block.type in ("code", "table"):
        return block, removed, captured
    folded = fold(text)
    span_rules = [r for r, needs, case in span_needs if may_match(needs, case, text, folded)]
    sentence_rules = [(r, most) for r, most, needs, case in sentence_needs if may_match(needs, case, text, folded)]
    cuts: list[tuple[int, int, rulebook.Rule]] = []
    for rule in span_rules:
        cuts += [(m.start(), m.end(), rule) for m in rule.pattern.finditer(text) if m.end() > m.start()]
    for s, e in sentences(text) if sentence_rules else ():
        sent = text[s:e]
        sent_words = words(sent)
        for rule, most in sentence_rules:
            if sent_words <= most and rule.pattern.search(sent):
                cuts.append((s, e, rule))
                break
    if not cuts:
        return block, removed, captured
    cuts = _merge(cuts)
    cut_chars = sum(e - s for s, e, _ in cuts)
    remaining = "".join(text[a:b] for a, b in _gaps(cuts, len(text)))
    # a paragraph that is mostly furniture sentences, or whose rest is a scrap, goes whole;
    # span rules cut precisely, so what they leave is kept however short
    sentence_cut = any(r.get("scope") == "sentence" for _, _, r in cuts)
    mostly = sentence_cut and cut_chars >= 0.5 * len(text.strip()) and words(remaining) <= 25
    if mostly or not remaining.strip(" .,;:-|"):
        dominant = max(cuts, key=lambda c: c[1] - c[0])[2]
        captured += [(r.get("metadata"), text[s:e]) for s, e, r in cuts if r.get("metadata")]
        removed.append(Removal(text, dominant.id, detail="paragraph mostly furniture"))
        return None, removed, captured
    for s, e, rule in cuts:
        remove(rule, text[s:e], s, e)
    return Block(block.type, _join_gaps(text, cuts), block.level), removed, captured


_Needs = tuple[tuple[str, ...] | None, bool]  # a rule's needs (None: none) and whether it is case-sensitive
_Scopes = tuple[list[tuple[rulebook.Rule, float, Any]],
                list[tuple[rulebook.Rule, tuple[str, ...] | None, bool]],
                list[tuple[rulebook.Rule, float, tuple[str, ...] | None, bool]]]


def _by_scope(rules: list[rulebook.Rule]) -> _Scopes:
    """The rules of each scope in order, with their word limits, block types and needs
    read out once per rule set (not once per rule and block): (block rules with max_words
    and types or None, span rules with their needs, sentence rules with max_words and needs)."""
    kept = rulebook.memo(rules, "furniture-scopes-needs")
    scopes: _Scopes | None = kept.get("scopes")
    if scopes is None:
        scopes = kept["scopes"] = (
            [(r, r.get("max_words", 10**6), r.get("types")) for r in rules if r.get("scope") == "block"],
            [(r, *needs_of(r)) for r in rules if r.get("scope") == "span"],
            [(r, r.get("max_words", 10**6), *needs_of(r)) for r in rules if r.get("scope") == "sentence"])
    return scopes


def needs_of(rule: rulebook.Rule) -> _Needs:
    """The rule's `needs` as a tuple (None when it has none: it runs on every block) and
    whether it is case-sensitive. A needle of a rule that ignores case must be `fold`ed
    already (lower case): one that is not could never be found."""
    needs = rule.get("needs")
    case = bool(rule.get("case_sensitive"))
    if not needs:
        return None, case
    bad = [n for n in needs if not isinstance(n, str) or not n or (not case and fold(n) != n)]
    if bad:
        raise rulebook.RuleError(f"{rule.source}: rule {rule.id}: needs must be non-empty strings"
                                 f"{'' if case else ' in lower case'}: {bad!r}")
    return tuple(needs), case


def _merge(cuts: list[tuple[int, int, rulebook.Rule]]) -> list[tuple[int, int, rulebook.Rule]]:
    cuts.sort(key=lambda c: (c[0], -c[1]))
    merged: list[tuple[int, int, rulebook.Rule]] = []
    for s, e, r in cuts:
        if merged and s < merged[-1][1]:
            ps, pe, pr = merged[-1]
            merged[-1] = (ps, max(pe, e), pr)
        else:
            merged.append((s, e, r))
    return merged


def _gaps(cuts: list[tuple[int, int, rulebook.Rule]], n: int) -> list[tuple[int, int]]:
    gaps, pos = [], 0
    for s, e, _ in cuts:
        gaps.append((pos, s))
        pos = e
    gaps.append((pos, n))
    return gaps


def _join_gaps(text: str, cuts: list[tuple[int, int, rulebook.Rule]]) -> str:
    parts = [text[a:b].strip() for a, b in _gaps(cuts, len(text))]
    return " ".join(p for p in parts if p)


def capture(out: Cleaned, kind: str | None, text: str) -> None:
    """Keep what a removed text says about the page as metadata: disclaimer and
    copyright (holder, year) as text, citations and author notes as lists."""
    text = text.strip()
    if not kind or not text:
        return
    if kind == "disclaimer":
        prev = out.metadata.get("disclaimer")
        out.metadata["disclaimer"] = f"{prev} {text}" if prev else text
    elif kind == "copyright":
        facts = copyright_facts(text)
        if facts:
            for k, v in facts.items():
                if v is not None:
                    out.metadata.setdefault(k, v)
        out.metadata.setdefault("copyright", text)
    else:  # citations, author_notes, ...: one entry per removed block
        out.metadata.setdefault(kind, []).append(text)


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\s*,?\s*"
    r"((?:[^.,|\s]|\.(?=\w)|\s(?!all rights))+)?", re.I)


def copyright_facts(line: str) -> dict[str, Any] | None:
    """Holder and year from a copyright line, so removing the line keeps the facts."""
    m = _COPYRIGHT.search(line)
    if not m:
        return None
    year = int(m.group(2) or m.group(1))
    holder = (m.group(3) or "").strip(" ,.-") or None
    if holder and re.match(r"(?i)all rights", holder):
        holder = None
    return {"copyright_year": year, "copyright_holder": holder}
