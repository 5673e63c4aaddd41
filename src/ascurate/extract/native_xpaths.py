"""trafilatura's XPath expressions, with their regex tests made native to libxml2.

trafilatura prunes and selects with XPaths such as
`.//*[self::div ...][re:test(@class, '^shar|social|viral|...')]`. `re:test` is EXSLT,
which lxml answers by calling back into Python for every element the XPath visits:
the callback, the node-set it is handed and the regex are paid per element, and
most of those patterns are plain alternations of words. Such a pattern is the same
test as an `or` of XPath's own `contains()` and `starts-with()` (`^word` anchors),
which libxml2 evaluates in C:

    re:test(@id, '^shar|social')  ->  @id[starts-with(., 'shar') or contains(., 'social')]
    re:test(@id|@class, 'cookie')  ->  (@id|@class)[1][contains(., 'cookie')]

lxml's `re:test` reads the first node of the set it is given, in document order, which
is what `(...)[1]` selects; a missing attribute selects nothing, as '' matches none of
these words. A pattern outside this grammar (`\\s`, `$`, `.`, a lookahead that is not
at the end of an anchored word) or of more than 16 words keeps its `re:test`, behind a
test that its attribute exists (a missing attribute is '', which none of those patterns
matches; checked per pattern), so the callback runs
only for elements that have one. Expressions that still call back are compiled
without lxml's "smart strings" (each attribute handed to the callback otherwise
becomes a Python object that knows its parent).

`install()` rewrites the lists in `trafilatura.xpaths` in place (every trafilatura
module imported those lists by reference), once per process; `compiled_xpaths`
installs through it, with each expression that compiles to Python (most of them) as
Python, so these rewrites serve the rest. The rewrite is checked
pattern by pattern against `re.search` here, and `tests/test_native_xpaths.py`
checks that every rewritten expression selects the same nodes as trafilatura's own
on every corpus page, for whichever trafilatura version is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml.etree import XPath, fromstring

EXSLT = {"re": "http://exslt.org/regular-expressions"}
MAX_LITERALS = 16  # an alternation of more words stays one regex: libxml2 converts the
# attribute to a string for each test, and past ~16 words one callback costs less (measured)
_RE_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'([^']*)'\)")
_LITERAL_CHAR = re.compile(r"[\w\- ]")


@dataclass(frozen=True)
class Literal:
    """One alternative of a pattern: the text, whether `^` anchors it, and the text that
    must not follow it (`(?!...)`, anchored alternatives only)."""

    text: str
    anchored: bool = False
    not_followed_by: str = ""


class _Unsupported(Exception):
    pass


def _alternation(s: str, i: int) -> tuple[list[tuple[str, str]], int]:
    """Parse alternatives from s[i] up to an unmatched ')': (text, lookahead) pairs in
    the pattern's order; '\x00' marks a '^' anchor inside the text."""
    alts: list[list[list[tuple[str, str]]]] = [[]]
    while i < len(s) and s[i] != ")":
        if s[i] == "|":
            alts.append([])
            i += 1
            continue
        atom, i = _atom(s, i)
        if i < len(s) and s[i] == "?":
            atom = [*atom, ("", "")]
            i += 1
        alts[-1].append(atom)
    out: dict[tuple[str, str], None] = {}
    for seq in alts:
        combos: list[tuple[str, str]] = [("", "")]
        for atom in seq:
            if any(ahead for _, ahead in combos):  # a lookahead ends its alternative
                raise _Unsupported
            combos = [(text + t2, a2) for text, _ in combos for t2, a2 in atom]
            if len(combos) > MAX_LITERALS:
                raise _Unsupported
        out.update(dict.fromkeys(combos))
    if len(out) > MAX_LITERALS:
        raise _Unsupported
    return list(out), i


def _atom(s: str, i: int) -> tuple[list[tuple[str, str]], int]:
    c = s[i]
    if s.startswith("(?!", i):
        inner, j = _alternation(s, i + 3)
        if j >= len(s) or len(inner) != 1 or any(a for _, a in inner):
            raise _Unsupported
        (text, _), = inner
        if not text or "\x00" in text:
            raise _Unsupported
        return [("", text)], j + 1
    if c == "(":
        if not s.startswith("(?:", i):
            raise _Unsupported
        inner, j = _alternation(s, i + 3)
        if j >= len(s):
            raise _Unsupported
        return inner, j + 1
    if c == "[":
        j = s.find("]", i)
        body = s[i + 1:j]
        if j < 0 or not body or not all(_LITERAL_CHAR.fullmatch(ch) for ch in body) or "-" in body:
            raise _Unsupported
        return [(ch, "") for ch in dict.fromkeys(body)], j + 1
    if c == "^":
        return [("\x00", "")], i + 1
    if _LITERAL_CHAR.fullmatch(c):
        return [(c, "")], i + 1
    raise _Unsupported


def literals(pattern: str) -> list[Literal] | None:
    """The alternatives that `re.search(pattern, s)` amounts to, or None when the pattern
    is not a plain alternation of words (or the rewrite would not be exact)."""
    try:
        found, end = _alternation(pattern, 0)
    except (_Unsupported, IndexError):
        return None
    if end != len(pattern):
        return None
    lits = []
    for text, ahead in found:
        anchored = text.startswith("\x00")
        text = text.removeprefix("\x00")
        if not text or "\x00" in text or (ahead and not anchored):
            return None
        lits.append(Literal(text, anchored, ahead))
    return lits if _agrees(pattern, lits) else None


def matches(lits: list[Literal], value: str) -> bool:
    """What the native test computes."""
    for lit in lits:
        if lit.anchored:
            if value.startswith(lit.text) and not (lit.not_followed_by and value.startswith(lit.text + lit.not_followed_by)):
                return True
        elif lit.text in value:
            return True
    return False


def _agrees(pattern: str, lits: list[Literal]) -> bool:
    """The rewrite against `re.search` on strings built to tell them apart: each literal
    alone, inside other text, at the start, followed by its excluded text, truncated."""
    rx = re.compile(pattern)
    samples = {"", " ", "x"}
    for lit in lits:
        for t in (lit.text, lit.text + lit.not_followed_by, lit.text[:-1], lit.text[1:]):
            samples.update({t, "x" + t, t + "x", " " + t + " ", "a-" + t + "-b", t.upper(), t.capitalize()})
    return all((rx.search(s) is not None) == matches(lits, s) for s in samples)


def _quote(text: str) -> str:
    return f"'{text}'"  # literals are word characters, '-' and ' ': no quote to escape


def native_test(attr: str, lits: list[Literal]) -> str:
    """XPath 1.0 for `matches(lits, string(attr))`."""
    parts = []
    for lit in lits:
        if not lit.anchored:
            parts.append(f"contains(., {_quote(lit.text)})")
        elif lit.not_followed_by:
            parts.append(f"(starts-with(., {_quote(lit.text)}) and "
                         f"not(starts-with(., {_quote(lit.text + lit.not_followed_by)})))")
        else:
            parts.append(f"starts-with(., {_quote(lit.text)})")
    node = attr if "|" not in attr else f"({attr})[1]"
    return f"{node}[{' or '.join(parts)}]"


def rewrite(path: str) -> str:
    """`path` with each `re:test` made native where the pattern allows, else guarded."""

    def one(m: re.Match[str]) -> str:
        attr, pattern = m.group(1), m.group(2)
        lits = literals(pattern)
        if lits is not None:
            return native_test(attr, lits)
        if re.search(pattern, "") is not None:  # '' matches: a missing attribute would pass
            return m.group(0)
        exists = " or ".join(attr.split("|"))
        return f"(({exists}) and {m.group(0)})"

    return _RE_TEST.sub(one, path)


def _returns_elements(path: str) -> bool:
    return "text()" not in path and not re.search(r"/@[\w-]+\s*$|string\(", path)


def compiled(expr: XPath) -> XPath:
    """An XPath equivalent to `expr` with its regex tests native where possible."""
    path = expr.path
    if "re:test" not in path:
        return expr
    new = rewrite(path)
    smart = not _returns_elements(new) or "re:test" not in new
    try:
        native = XPath(new, namespaces=EXSLT, smart_strings=smart)
        native(_PROBE)  # an unknown prefix or function fails only when evaluated
    except Exception:  # noqa: BLE001 - a form this rewrite did not foresee: trafilatura's own stays
        return expr
    return native


_PROBE = fromstring("<html><body><div id='a' class='b' style='c'><p>x</p></div></body></html>")


ORIGINAL: dict[str, list[XPath]] = {}  # trafilatura's own expressions, by list name (for tests)


def install(convert: Callable[[XPath], Any] = compiled) -> None:
    """Replace trafilatura's XPath lists' expressions in place by `convert(expression)`
    (once; `ORIGINAL` keeps trafilatura's own)."""
    if ORIGINAL:
        return
    import trafilatura.xpaths as xp

    for name, value in vars(xp).items():
        if isinstance(value, list) and value and all(isinstance(x, XPath) for x in value):
            ORIGINAL[name] = list(value)
            value[:] = [convert(x) for x in value]


def uninstall() -> None:
    """trafilatura's own expressions back in its lists (tests compare both)."""
    import trafilatura.xpaths as xp

    for name, value in ORIGINAL.items():
        getattr(xp, name)[:] = value
    ORIGINAL.clear()
