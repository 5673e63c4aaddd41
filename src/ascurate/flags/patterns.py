"""Pattern rules (`rules/flags.toml`, section `[[flag]]`) applied block by block.

Matching inside one block at a time means `^`/`$` in a rule mean the start and end of
a paragraph, and no match runs from one paragraph into the next. A rule with
`languages` applies only to articles in those languages (its wording is English: "TK"
in a German article is a health insurer). A rule with `unless` does not flag a match
with that context near it in the article (`{{ name }}` on a page about templates); one with
`needs` runs only on a block that contains one of those strings (lower case for a rule
that ignores case, as written for a case-sensitive one): a substring test is far cheaper
than an alternation tried at every position. The test is made once on the whole article
first, so most rules never look at most articles' blocks.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from functools import lru_cache

from .. import rulebook
from ..model import Flag
from .view import ArticleView

UNLESS_REACH = 600  # characters each side of a match, in the article, where a rule's `unless` context is looked for


def pattern_flags(v: ArticleView) -> list[Flag]:
    rules = _rules(v.files, v.language)
    todo = _blocks_to_read(v, rules)
    if not todo:
        return []
    # a block's spans under the rules whose needs it meets are its spans under them all (a
    # rule matches only where its needs are), so the memo serves every article
    memo = rulebook.memo(list(rules), "flag-spans")  # pages repeat paragraphs (footers, copies)
    flags: list[Flag] = []
    text = v.text
    for k in sorted(todo):
        b, off = v.blocks[k], v.offs[k]
        spans = memo.get(b.text)
        if spans is None:
            if len(memo) >= rulebook.MEMO_ITEMS:
                memo.clear()
            spans = memo[b.text] = block_spans(b.text, todo[k])
        for s, e, rule in spans:
            unless = rule.get("unless")
            if unless and re.search(unless, text[max(0, off + s - UNLESS_REACH):off + e + UNLESS_REACH], re.I):
                continue
            flags.append(Flag(
                kind=rule.get("kind"), start=off + s, end=off + e, quote=text[off + s:off + e],
                severity=rule.get("severity", "warning"), message=rule.get("message", ""), rule=rule.id,
                suggestion=rule.get("suggestion"),
            ))
    return _fold_repeats(flags, {r.id for r in rules if r.get("once")})


def _blocks_to_read(v: ArticleView, rules: tuple[rulebook.Rule, ...]) -> dict[int, list[rulebook.Rule]]:
    """Block index -> the rules to run there, in rule order: those whose `needs` the block
    holds (each needle is looked for once in the whole article, not block by block)."""
    text, blocks, offs, aligned = v.text, v.blocks, v.offs, v.aligned
    todo: dict[int, list[rulebook.Rule]] = {}
    for rule in rules:
        needs = rule.get("needs")
        if not needs or not aligned:
            hit: set[int] = {k for k, b in enumerate(blocks) if not needs or _may_match(rule, b.text, v.block_lower(k))}
        else:
            within = text if rule.get("case_sensitive") else v.lower
            hit = set()
            for n in needs:
                i = within.find(n)
                while i >= 0:
                    k = bisect_right(offs, i) - 1
                    hit.add(k)
                    i = within.find(n, offs[k + 1]) if k + 1 < len(offs) else -1
        for k in hit:
            todo.setdefault(k, []).append(rule)
    return todo


def block_spans(text: str, rules: list[rulebook.Rule]) -> list[tuple[int, int, rulebook.Rule]]:
    """(start, end, rule) of every rule's match in one block's text, in rule order."""
    spans = []
    for rule in rules:
        not_after, context = rule.get("not_after"), rule.get("context", 0)
        for m in rule.pattern.finditer(text):
            s, e = trim(text, m.start(), m.end())
            if e <= s or (not_after and re.search(f"(?:{not_after})$", text[max(0, s - 60):s])):
                continue
            if context:
                s, e = trim(text, *widen(text, s, e, context))
            spans.append((s, e, rule))
    return spans


def _may_match(rule: rulebook.Rule, text: str, low: str) -> bool:
    """Whether `text` holds one of the rule's `needs` (any text, for a rule without)."""
    needs = rule.get("needs")
    if not needs:
        return True
    within = text if rule.get("case_sensitive") else low
    return any(n in within for n in needs)


@lru_cache(maxsize=32)
def _rules(paths: tuple[str, ...], language: str | None) -> tuple[rulebook.Rule, ...]:
    """The flag rules that apply to articles in a language, in rule-file order."""
    return tuple(r for r in rulebook.rules(paths, "flag") if _applies(r, language))


def _fold_repeats(flags: list[Flag], once: set[str]) -> list[Flag]:
    """One flag for one finding: the same text matched by a rule again (a CMS token in
    every card) is flagged where it first stands, its message counting the others; a rule
    with `once` (lorem ipsum filling a demo page) keeps only its first match an article."""
    groups: dict[tuple[str, str], list[Flag]] = {}
    for f in flags:
        groups.setdefault((f.rule, "" if f.rule in once else f.quote.lower()), []).append(f)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) > 1:
            first = dataclasses.replace(first, message=f"{first.message} Found {len(same)} times in this article.")
        out.append(first)
    return sorted(out, key=lambda f: f.start)


def _applies(rule: rulebook.Rule, language: str | None) -> bool:
    langs = rule.get("languages")
    return not langs or language is None or language in langs


def widen(text: str, s: int, e: int, n: int) -> tuple[int, int]:
    """Grow a span by up to n characters each way without crossing a sentence end."""
    lo, hi = max(0, s - n), min(len(text), e + n)
    while s > lo and text[s - 1] not in ".!?\n":
        s -= 1
    while e < hi and text[e] not in ".!?\n":
        e += 1
    return s, e


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with whitespace."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
