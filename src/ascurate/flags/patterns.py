"""Pattern rules (`rules/flags.toml`, section `[[flag]]`) applied block by block.

Matching inside one block at a time means `^`/`$` in a rule mean the start and end of
a paragraph, and no match runs from one paragraph into the next. A rule with
`languages` applies only to articles in those languages (its wording is English: "TK"
in a German article is a health insurer). A rule with `unless` does not flag a match
with that context near it in the article (`{{ name }}` on a page about templates), one with
`unless_near` with that context in its own sentence ("such as 123 Any Street"); one with
`needs` runs only on a block that contains one of those strings (lower case for a rule
that ignores case, as written for a case-sensitive one): a substring test is far cheaper
than an alternation tried at every position. The test is made once on the whole article
first, so most rules never look at most articles' blocks. A rule with `not_quoted` does not
flag a match that starts inside quotation marks (`voice.mask_quotes`): an article about
chatbots quotes what one said.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .. import rulebook
from ..model import Flag
from .view import ArticleView
from .voice import mask_quotes

PAIR_REACH = 40  # characters between a match and its repeat that make them one pair of slots
UNLESS_REACH = 600  # characters each side of a match, in the article, where a rule's `unless` context is looked for
NEAR_REACH = 120  # characters each side of a match, in its block, where `unless_near` is: its own sentence
# ("for example" says an address is a sample there; "such as" a paragraph away says nothing of it)


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
            unless, near = rule.get("unless"), rule.get("unless_near")
            if unless and re.search(unless, text[max(0, off + s - UNLESS_REACH):off + e + UNLESS_REACH], re.I):
                continue
            if near and re.search(near, b.text[max(0, s - NEAR_REACH):e + NEAR_REACH], re.I):
                continue  # (in the match's own block: the paragraph before it is no sentence of its own)
            flags.append(Flag(
                kind=rule.get("kind"), start=off + s, end=off + e, quote=text[off + s:off + e],
                severity=rule.get("severity", "warning"), message=rule.get("message", ""), rule=rule.id,
                suggestion=rule.get("suggestion"),
            ))
    return _fold_repeats(flags, {r.id for r in rules if r.get("once")}, text)


def _blocks_to_read(v: ArticleView, rules: tuple[rulebook.Rule, ...]) -> dict[int, list[rulebook.Rule]]:
    """Block index -> the rules to run there, in rule order: those whose `needs` the block
    holds (every rule's needles are looked for in one scan of the whole article)."""
    blocks = v.blocks
    scanned: dict[int, set[int]] = {}  # rule's position -> the blocks its found needles stand in
    if v.aligned:
        needers = _needers(rules)
        for key, where in _needles_found(v, _needles(v.files, v.language)).items():
            for i in needers.get(key, ()):
                scanned.setdefault(i, set()).update(where)
    todo: dict[int, list[rulebook.Rule]] = {}
    for i, rule in enumerate(rules):
        needs = rule.get("needs")
        if not needs or not v.aligned or "" in needs:
            hit: set[int] = {k for k, b in enumerate(blocks) if not needs or _may_match(rule, b.text, v.block_lower(k))}
        else:
            hit = scanned.get(i, set())
        for k in hit:
            todo.setdefault(k, []).append(rule)
    return todo


def _needers(rules: tuple[rulebook.Rule, ...]) -> dict[tuple[str, bool], tuple[int, ...]]:
    """(needle, case-sensitive) -> the positions in `rules` of the rules that need it, so an
    article's found needles are looked up, not every rule's needles (kept with the rules)."""
    memo = rulebook.memo(list(rules), "rules-by-needle")
    index = memo.get(None)
    if index is None:
        lists: dict[tuple[str, bool], list[int]] = {}
        for i, rule in enumerate(rules):
            for n in rule.get("needs") or ():
                lists.setdefault((n, bool(rule.get("case_sensitive"))), []).append(i)
        index = memo[None] = {key: tuple(dict.fromkeys(ids)) for key, ids in lists.items()}
    return index


@dataclass(frozen=True, slots=True)
class _Needles:
    """Every rule's needles as one pattern per case (a trie of them, so the scan tries a
    position once for all), and for each needle the needles it starts with. A needle's
    leading spaces (" runs") are not in the trie but checked where the rest is found: a
    space in the trie's first letters would stop the scan at every space of the text."""
    lower: re.Pattern[str] | None  # needles of rules that ignore case, found in the lower-cased text
    cased: re.Pattern[str] | None  # needles of case-sensitive rules, found in the text as written
    # (what the trie found, case-sensitive) -> (needle, its leading spaces) of every needle it starts with
    prefixes: dict[tuple[str, bool], tuple[tuple[str, str], ...]]


def _needles_found(v: ArticleView, needles: _Needles) -> dict[tuple[str, bool], set[int]]:
    """(needle, case-sensitive) -> the blocks it stands in (the block of its first character).
    The scan reports, at each position where a needle starts, the longest one there (the trie
    is deterministic and greedy); the needles it starts with stand there too (where their
    leading spaces stand before it), and the next scan starts one character on, so a needle
    inside another is not skipped."""
    found: dict[tuple[str, bool], set[int]] = {}
    offs = v.offs
    for case, pattern, within in ((False, needles.lower, folded(v.lower)), (True, needles.cased, v.text)):
        if pattern is None:
            continue
        pos = 0
        while (m := pattern.search(within, pos)) is not None:
            at = m.start()
            for n, lead in needles.prefixes[(m.group(), case)]:
                if lead and (at < len(lead) or not within.startswith(lead, at - len(lead))):
                    continue
                found.setdefault((n, case), set()).add(bisect_right(offs, at - len(lead)) - 1)
            pos = at + 1
    return found


def _lead(needle: str) -> str:
    """A needle's leading spaces (none for a needle of spaces only)."""
    rest = needle.lstrip(" ")
    return needle[:len(needle) - len(rest)] if rest else ""


def preload(paths: tuple[str, ...], language: str | None) -> None:
    """Compile a language's rules and their needles before any article needs them."""
    _needles(paths, language)


@lru_cache(maxsize=32)
def _needles(paths: tuple[str, ...], language: str | None) -> _Needles:
    """The needles of the rules `_rules(paths, language)` holds."""
    words = {(n, bool(r.get("case_sensitive"))) for r in _rules(paths, language) for n in (r.get("needs") or []) if n}
    by_core: dict[tuple[str, bool], list[tuple[str, str]]] = {}  # (core, case) -> its needles and their spaces
    for n, case in sorted(words):
        by_core.setdefault((n[len(_lead(n)):], case), []).append((n, _lead(n)))
    prefixes = {(c, case): tuple(x for k in range(1, len(c) + 1) for x in by_core.get((c[:k], case), ()))
                for c, case in by_core}
    cores = set(by_core)
    return _Needles(_trie([c for c, case in cores if not case]), _trie([c for c, case in cores if case]), prefixes)


def _trie(words: list[str]) -> re.Pattern[str] | None:
    """A pattern matching exactly the words, longest first at each position, as a trie
    ("note (?:for|to)"): one branch per letter at each step, not one per word."""
    if not words:
        return None
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return (f"(?:{body})?" if len(alts) == 1 else body + "?") if "" in node else body
    return re.compile(emit(root))


def block_spans(text: str, rules: list[rulebook.Rule]) -> list[tuple[int, int, rulebook.Rule]]:
    """(start, end, rule) of every rule's match in one block's text, in rule order."""
    spans = []
    masked: str | None = None  # the text with quotations blanked, made for the first `not_quoted` match
    for rule in rules:
        not_after, context = rule.get("not_after"), rule.get("context", 0)
        for m in rule.pattern.finditer(text):
            s, e = trim(text, m.start(), m.end())
            if e <= s or (not_after and re.search(f"(?:{not_after})$", text[max(0, s - 60):s])):
                continue
            if rule.get("not_quoted"):
                masked = mask_quotes(text) if masked is None else masked
                if masked[s] == " ":
                    continue  # quoted speech: someone's words reported, not the page's
            if context:
                s, e = trim(text, *widen(text, s, e, context))
            spans.append((s, e, rule))
    return spans


def _may_match(rule: rulebook.Rule, text: str, low: str) -> bool:
    """Whether `text` holds one of the rule's `needs` (any text, for a rule without)."""
    needs = rule.get("needs")
    if not needs:
        return True
    within = text if rule.get("case_sensitive") else folded(low, offsets=False)
    return any(n in within for n in needs)


# letters a pattern that ignores case matches as an ASCII letter where `str.lower` keeps them
# apart: long s and dotless i stay as they are (one character each, offsets kept); a dotted
# capital I becomes "i" and a combining dot, which moves the offsets (such text is read block by block)
_SAME_LENGTH = (("ſ", "s"), ("ı", "i"))
_DOTTED_I = "i\u0307"


def folded(low: str, offsets: bool = True) -> str:
    """Lower-cased text with those letters written as the ASCII letter a pattern matches them
    as, so a needle stands wherever its rule can match; `offsets=False` folds the dotted I too
    (a block's text tested for containment only)."""
    for odd, plain in _SAME_LENGTH if offsets else (*_SAME_LENGTH, (_DOTTED_I, "i")):
        if odd in low:
            low = low.replace(odd, plain)
    return low


@lru_cache(maxsize=32)
def _rules(paths: tuple[str, ...], language: str | None) -> tuple[rulebook.Rule, ...]:
    """The flag rules that apply to articles in a language, in rule-file order."""
    return tuple(r for r in rulebook.rules(paths, "flag") if _applies(r, language))


def _fold_repeats(flags: list[Flag], once: set[str], text: str) -> list[Flag]:
    """One flag for one finding: the same text matched by a rule again (a CMS token in
    every card) is flagged where it first stands, its message counting the others; a rule
    with `once` (a slot filling a demo page) keeps only its first match an article.
    A repeat close after the first in the same line ("de XXh à XXh", "from XX:XX to
    XX:XX") is one slot pair: the flag reaches over it, so the quote shows both."""
    groups: dict[tuple[str, str], list[Flag]] = {}
    for f in flags:
        groups.setdefault((f.rule, "" if f.rule in once else f.quote.lower()), []).append(f)
    out = []
    for same in groups.values():
        first = same[0]
        end = first.end
        for f in same[1:]:
            if f.start - end <= PAIR_REACH and "\n" not in text[end:f.start]:
                end = f.end
        if end != first.end:
            first = dataclasses.replace(first, end=end, quote=text[first.start:end])
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
