"""An ordered alternation of patterns, factored on their first character, with the same matches.

Python's `re` tries the alternatives of `a|b|c` one after another at every position it
reaches: a word list of a hundred entries costs a hundred tries at each word start. Where
entries open on a literal character, those sharing it are grouped behind it
(`doctor|dose|clinic` -> `d(?:octor|ose)|clinic`, and so on down each group), so a position
costs one try per distinct first character. Matches stay exactly those of the plain
alternation: entries with different first characters can never both match at one
position, and the entries of a group keep their order, so the first entry that leads to a
match is the same one. An entry that does not open on a plain literal (a group, a class,
an escape such as `\\s`, a character under a quantifier, or an entry holding a `|` of its
own, or a capturing group) is kept as it is, and no entry moves across it; an entry opening
on a group of alternatives can be written out first as one entry per alternative
(`expanded`), which then opens on its own character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIERS = frozenset("?*+{")


def grouped(entries: list[str]) -> str:
    """`"|".join(entries)` factored on the entries' first literal characters, for a pattern
    compiled case-sensitively (under IGNORECASE, "a" and "A" entries could both match)."""
    out: list[str] = []
    run: dict[str, list[str]] = {}  # first character -> the rests, in order, since the last kept entry

    def flush() -> None:
        for ch, rests in run.items():  # (a lone rest is one branch: it needs no group)
            out.append(re.escape(ch) + (rests[0] if len(rests) == 1 else f"(?:{grouped(rests)})"))
        run.clear()

    for entry in entries:
        head = _head(entry)
        if head is None:
            flush()
            out.append(entry)
        else:
            run.setdefault(head[0], []).append(entry[head[1]:])
    flush()
    return "|".join(out)


def at_word_start(entries: list[str], before: str) -> str:
    """`(?<!before)(?:e1|e2|...)`, grouped, with the test of the character before moved
    behind each branch's first character (`d(?<!\\wd)(?:octor|ose)`): a pattern opening on
    a look-behind has no first characters for the scan to skip to, so it is tried at every
    position; this one is tried only where one of its first characters stands, and the same
    matches come out (the test reads the same character). `before` is a character class; a
    branch with no plain first character keeps the test in front of it."""
    out = []
    for branch in _branches(grouped(entries)):
        head = _head(branch)
        if head is None:
            out.append(f"(?<!{before}){branch}")
        else:
            lit = branch[:head[1]]
            out.append(f"{lit}(?<!{before}{lit}){branch[head[1]:]}")
    return "|".join(out)


def _branches(pattern: str) -> list[str]:
    """The top-level branches of an alternation."""
    out, depth, start = [], 0, 0
    for i, c in _syntax(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    return [*out, pattern[start:]]


def factored(entry: str) -> bool:
    """Whether `grouped` can put `entry` behind its first character (it opens on a plain literal)."""
    return _head(entry) is not None


def _head(entry: str) -> tuple[str, int] | None:
    """(character, its width in the pattern) of the literal character `entry` surely opens
    with, or None."""
    if entry[:1] == "\\":
        ch = entry[1:2]
        if not ch or ch.isalnum() or ch == "_":
            return None  # \s, \d, \b, a back-reference: no single character
        width = 2
    elif entry and entry[0] not in _SPECIAL:
        ch, width = entry[0], 1
    else:
        return None
    if entry[width:width + 1] in _QUANTIFIERS and entry[width:width + 1]:
        return None  # "s?" may match nothing
    return (ch, width) if _whole(entry) else None


def _syntax(entry: str) -> Iterator[tuple[int, str]]:
    """(position, character) of each character of `entry` that is regex syntax: not escaped
    and not inside a character class."""
    escaped, in_class = False, False
    for i, c in enumerate(entry):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            yield i, c


def _whole(entry: str) -> bool:
    """Whether `entry` is one branch with no capturing group: an alternation of its own
    ("mg|ml") opens on its character in its first branch only, and moving a capturing
    group would renumber the groups."""
    depth = 0
    for i, c in _syntax(entry):
        if c == "(":
            if entry[i + 1:i + 2] != "?" or entry[i + 1:i + 4] in ("?P<", "?P="):
                return False
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
    return True


def expanded(entry: str) -> list[str]:
    """`entry` as one entry per alternative of the group it opens on (`(?:for|of) to` ->
    `for to`, `of to`), and so on for a group each of those opens on: the same matches, in
    the same order (the first alternative and all its ways to go on come first). An entry with
    no such group, or a group under a quantifier, or a `|` of its own, is itself."""
    split = _leading_group(entry) if _whole(entry) else None
    if split is None:
        return [entry]
    alternatives, rest = split
    return [x for a in alternatives for x in (expanded(a + rest) if _whole(a + rest) else [f"(?:{a}){rest}"])]


def _leading_group(entry: str) -> tuple[list[str], str] | None:
    """(the alternatives, what follows the group) of the non-capturing group `entry` opens
    on, when no quantifier follows it; else None."""
    if not entry.startswith("(?:"):
        return None
    depth, start, alternatives = 0, 3, []
    for i, c in _syntax(entry):
        if c == "(":
            depth += 1
        elif c == "|" and depth == 1:
            alternatives.append(entry[start:i])
            start = i + 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                rest = entry[i + 1:]
                return None if rest[:1] in _QUANTIFIERS else ([*alternatives, entry[start:i]], rest)
    return None
