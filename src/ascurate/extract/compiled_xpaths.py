"""trafilatura's XPath expressions compiled to Python over lxml's element iterators.

trafilatura prunes and selects with expressions such as
`.//*[self::div or self::p ...][@class='x' or contains(@id, 'y') or re:test(@class, ...)]`.
libxml2 answers each test of each visited element by building a node-set, copying the
attribute's value and freeing both, so the work grows with every element and every test,
and these XPaths are a large part of extraction. The same expression as Python is an
lxml iterator that filters tags in C (`iterdescendants('div', 'p')`) and one generated
boolean expression over `el.get(...)` per element, with no node-set built.

`compile_xpath(xpath)` parses the small part of XPath 1.0 these expressions use:
- paths `.//name`, `.//*`, `//name` (from the document's root), unions of such paths,
  `(path)[1]` (the first in document order) and a trailing `[1]` on a step (the first
  match among each element's children, as XPath counts positions per parent);
- predicates of `or`, `and`, `not()`, `self::name`, `@a` (exists), `.//name` (exists),
  `X = 'literal'` (attribute or child element), `contains()`, `starts-with()`,
  `translate()` and EXSLT `re:test()` as lxml runs it (Python's `re.search`, flag
  'i'), on `@a` or `@a|@b` (the first of them in attribute order, as lxml hands over
  the first node of the set).
Anything else (another axis, function or position) returns None and the expression
stays an XPath. `install()` replaces the expressions of `trafilatura.xpaths` that
compile, in place; `tests/test_compiled_xpaths.py` checks each against trafilatura's
own on every corpus page, for whichever trafilatura version is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

_TOKEN = re.compile(r"""\s*(?:
    (?P<str>'[^']*'|"[^"]*") | (?P<num>\d+) | (?P<dslash>\.//|//) |
    (?P<axis>self::|@) | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?) |
    (?P<op>[()\[\]|=,*.]))""", re.X)


class Unsupported(Exception):
    """A form outside the grammar above: the expression stays an XPath."""


@dataclass
class Step:
    """`.//name[preds][1]` or `//name...`: descendants of the context (or of the document)."""

    absolute: bool
    name: str | None  # None: any element
    preds: list[str] = field(default_factory=list)  # Python boolean expressions over `el`
    first_per_parent: bool = False  # `.//x[...][1]`
    first_in_document: bool = False  # `(.//x[...])[1]`
    tags: list[str] | None = None  # a leading `[self::a or self::b]` on a `*` step


@dataclass
class Parser:
    tokens: list[tuple[str, str]]
    names: dict[str, Any]  # constants the generated code refers to (regexes, tables)
    i: int = 0
    attrs: dict[str, int] = field(default_factory=dict)  # attributes read, each once an element

    def attr(self, name: str) -> str:
        """The variable holding attribute `name` (None if absent), read at the loop's top."""
        return f"a{self.attrs.setdefault(name, len(self.attrs))}"

    # ---------------------------------------------------------------- tokens

    def peek(self, k: int = 0) -> tuple[str, str]:
        return self.tokens[self.i + k] if self.i + k < len(self.tokens) else ("end", "")

    def take(self, kind: str | None = None, value: str | None = None) -> str:
        tk, tv = self.peek()
        if (kind and tk != kind) or (value is not None and tv != value):
            raise Unsupported(f"expected {kind or ''} {value or ''}, got {tv!r}")
        self.i += 1
        return tv

    def name(self) -> str:
        """An element or attribute name without a namespace prefix (a prefix needs the
        XPath's namespace map, which Python's `el.tag` and `el.get` do not see)."""
        name = self.take("name")
        if ":" in name:
            raise Unsupported(f"prefixed name {name}")
        return name

    def at(self, kind: str, value: str | None = None) -> bool:
        tk, tv = self.peek()
        return tk == kind and (value is None or tv == value)

    def const(self, value: Any) -> str:
        name = f"_c{len(self.names)}"
        self.names[name] = value
        return name

    # ---------------------------------------------------------------- node-sets

    def union(self) -> list[Step]:
        parts = [self.path()]
        while self.at("op", "|"):
            self.take()
            parts.append(self.path())
        return parts

    def path(self) -> Step:
        if self.at("op", "("):  # (path)[1]: the first in document order
            self.take()
            inner = self.union()
            self.take("op", ")")
            self.take("op", "[")
            self.take("num", "1")
            self.take("op", "]")
            if len(inner) != 1 or inner[0].first_per_parent or inner[0].first_in_document:
                raise Unsupported("(union)[1]")
            inner[0].first_in_document = True
            return inner[0]
        absolute = self.take("dslash") == "//"
        if self.at("op", "*"):
            self.take()
            name = None
        else:
            name = self.name()
        step = Step(absolute, name)
        while self.at("op", "["):
            self.take()
            if self.at("num"):
                if self.take() != "1" or step.first_per_parent:
                    raise Unsupported("position other than a first [1]")
                step.first_per_parent = True
            elif step.first_per_parent:
                raise Unsupported("a predicate after a position")
            elif name is None and step.tags is None and not step.preds and (tags := self.tag_names()):
                step.tags = tags
            else:
                step.preds.append(self.or_expr())
            self.take("op", "]")
        return step

    def tag_names(self) -> list[str] | None:
        """The names of a predicate that is only `self::a or self::b ...`, consumed, else None."""
        names, j = [], 0
        while self.peek(j) == ("axis", "self::") and self.peek(j + 1)[0] == "name":
            names.append(self.peek(j + 1)[1])
            if self.peek(j + 2) == ("name", "or"):
                j += 3
                continue
            if self.peek(j + 2) == ("op", "]") and not any(":" in n for n in names):
                self.i += j + 2
                return names
            break
        return None

    # ---------------------------------------------------------------- predicates

    def or_expr(self) -> str:
        return self.chain("or", self.and_expr)

    def and_expr(self) -> str:
        return self.chain("and", self.eq_expr)

    def chain(self, op: str, operand: Callable[[], str]) -> str:
        """`operand (op operand)*`, as Python's operator of the same name."""
        parts = [operand()]
        while self.at("name", op):
            self.take()
            parts.append(operand())
        return parts[0] if len(parts) == 1 else "(" + f" {op} ".join(parts) + ")"

    def eq_expr(self) -> str:
        if self.at("name") and self.peek(1) == ("op", "=") and self.peek(2)[0] == "str":
            child = self.name()  # `rel='me'`: a child element named rel whose text is 'me'
            self.take()
            return f"_child_is(el, {child!r}, {self.literal()!r})"
        if self.at("axis", "@") and self.peek(2) == ("op", "="):
            self.take()
            attr = self.name()
            self.take()
            return f"({self.attr(attr)} == {self.literal()!r})"
        return self.primary()

    def primary(self) -> str:
        tk, tv = self.peek()
        if tk == "op" and tv == "(":
            self.take()
            inner = self.or_expr()
            self.take("op", ")")
            return inner
        if tk == "axis" and tv == "self::":
            self.take()
            return f"(el.tag == {self.name()!r})"
        if tk == "axis" and tv == "@":
            self.take()
            return f"({self.attr(self.name())} is not None)"
        if tk == "dslash" and tv == ".//":
            self.take()
            name = self.name()
            if self.at("op", "["):
                raise Unsupported("predicate in a nested path")
            return f"(next(el.iterdescendants({name!r}), None) is not None)"
        if tk == "name" and self.peek(1) == ("op", "("):
            return self.call()
        raise Unsupported(f"predicate starting {tv!r}")

    def call(self) -> str:
        fn = self.take("name")
        self.take("op", "(")
        if fn == "not":
            inner = self.or_expr()
            self.take("op", ")")
            return f"(not {inner})"
        if fn in ("contains", "starts-with"):
            s = self.string()
            self.take("op", ",")
            lit = self.literal()
            self.take("op", ")")
            return f"({lit!r} in {s})" if fn == "contains" else f"{s}.startswith({lit!r})"
        if fn == "re:test":
            s = self.string()
            self.take("op", ",")
            pattern = self.literal()
            flags = ""
            if self.at("op", ","):
                self.take()
                flags = self.literal()
            self.take("op", ")")
            rx = re.compile(pattern, re.UNICODE | (re.IGNORECASE if "i" in flags else 0))
            return f"({self.const(rx)}.search({s}) is not None)"
        raise Unsupported(f"function {fn}")

    def string(self) -> str:
        """A string-valued argument: `@a`, `@a|@b` (the first present, in attribute order)
        or `translate(that, 'AB', 'ab')`."""
        if self.at("name", "translate") and self.peek(1) == ("op", "("):
            self.take()
            self.take()
            s = self.string()
            self.take("op", ",")
            src = self.literal()
            self.take("op", ",")
            dst = self.literal()
            self.take("op", ")")
            table: dict[int, str | None] = {}
            for k, ch in enumerate(src):
                table.setdefault(ord(ch), dst[k] if k < len(dst) else None)
            return f"{s}.translate({self.const(table)})"
        attrs = []
        while True:
            self.take("axis", "@")
            attrs.append(self.name())
            if not self.at("op", "|"):
                break
            self.take()
        values = [self.attr(a) for a in attrs]
        if len(values) == 1:
            return f"({values[0]} or '')"
        if len(values) == 2:  # the one present, or both: attribute order decides
            a, b = values
            return f"({a} or '' if {b} is None else {b} if {a} is None else _first(el, {tuple(attrs)!r}))"
        return f"_first(el, {tuple(attrs)!r})"

    def literal(self) -> str:
        return self.take("str")[1:-1]


def _first(el: Any, names: tuple[str, ...]) -> str:
    """The value of the first of `names` in the element's attribute order, or ''."""
    found = [n for n in names if el.get(n) is not None]
    if len(found) > 1:
        return next(v for k, v in el.items() if k in names)
    return el.get(found[0]) if found else ""


def _child_is(el: Any, name: str, text: str) -> bool:
    return any(etree.tostring(c, method="text", encoding=str, with_tail=False) == text
               for c in el.iterchildren(name))


def _source(steps: list[Step], attrs: dict[str, int]) -> str:
    """The Python function for a parsed expression (see `compile_xpath`)."""
    if len(steps) > 1 and (any(s.first_per_parent or s.first_in_document for s in steps)
                           or len({s.absolute for s in steps}) > 1):
        raise Unsupported("union of positional paths, or of relative and absolute ones")
    names = [s.tags or ([s.name] if s.name else None) for s in steps]
    if len(steps) == 1:
        test = " and ".join(steps[0].preds)
    else:  # one walk for a union: document order for free
        test = " or ".join(
            "(" + " and ".join([f"el.tag in {tuple(n)!r}" if n else "True", *s.preds]) + ")"
            for s, n in zip(steps, names, strict=True))
    wanted = None if any(n is None for n in names) else list(dict.fromkeys(t for n in names for t in n or ()))
    tag_args = "etree.Element" if wanted is None else ", ".join(repr(t) for t in wanted)
    step = steps[0]
    lines = ["def run(ctx):"]
    if step.absolute:  # `//`: from the document's root element, itself included
        lines.append(f"    it = ctx.getroottree().getroot().iter({tag_args})")
    else:
        lines.append(f"    it = ctx.iterdescendants({tag_args})")
    lines.append("    out = []")
    if step.first_per_parent:
        lines.append("    seen = set()")
    lines.append("    for el in it:")
    if test:
        if attrs:
            lines.append("        g = el.get")
            lines.append("        " + "; ".join(f"a{k} = g({a!r})" for a, k in attrs.items()))
        lines.append(f"        if not ({test}):")
        lines.append("            continue")
    if step.first_in_document:
        lines.append("        return [el]")
    elif step.first_per_parent:  # XPath counts `[1]` among each parent's children
        lines.append("        parent = el.getparent()")
        lines.append("        if parent in seen:")
        lines.append("            continue")
        lines.append("        seen.add(parent)")
        lines.append("        out.append(el)")
    else:
        lines.append("        out.append(el)")
    lines.append("    return out")
    return "\n".join(lines)


@dataclass(frozen=True)
class CompiledXPath:
    """A callable in place of an `etree.XPath` that selects elements: same nodes, same order."""

    path: str
    run: Callable[[Any], list[Any]]
    source: str
    xpath: etree.XPath  # for a context that is not an element (an ElementTree, a document)

    def __call__(self, ctx: Any) -> list[Any]:
        if isinstance(ctx, etree._Element):
            return self.run(ctx)
        return self.xpath(ctx)


def tokens(path: str) -> list[tuple[str, str]]:
    out, i = [], 0
    while i < len(path):
        if path[i:].strip() == "":
            break
        m = _TOKEN.match(path, i)
        if m is None:
            raise Unsupported(f"cannot read {path[i:i + 20]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        i = m.end()
    return out


def compile_xpath(xpath: etree.XPath) -> CompiledXPath | None:
    """`xpath` as Python, or None when it uses anything outside the grammar above."""
    path = xpath.path
    names: dict[str, Any] = {}
    try:
        parser = Parser(tokens(path), names)
        steps = parser.union()
        if parser.i != len(parser.tokens):
            raise Unsupported("trailing tokens")
        source = _source(steps, parser.attrs)
    except (Unsupported, re.error):
        return None
    scope: dict[str, Any] = {"etree": etree, "_first": _first, "_child_is": _child_is, **names}
    exec(compile(source, f"<xpath {path.strip()[:40]}>", "exec"), scope)  # noqa: S102 - code generated above
    return CompiledXPath(path, scope["run"], source, xpath)


VERIFIED = "2.3.1"  # the trafilatura release whose XPaths the tests compared on every corpus page


def install() -> None:
    """trafilatura's XPath lists, in place: each expression that compiles as Python, the
    others rewritten by `native_xpaths` (whose `ORIGINAL` keeps trafilatura's own)."""
    from . import native_xpaths

    native_xpaths.install(lambda x: compile_xpath(x) or native_xpaths.compiled(x))


def enable() -> bool:
    """Opt-in (`ASCURATE_FAST_XPATHS=1`): `install` only on the trafilatura release it was
    verified against (`VERIFIED`); on any other, trafilatura's own XPaths stay, with a warning."""
    import warnings

    import trafilatura

    if trafilatura.__version__ != VERIFIED:
        warnings.warn(f"ASCURATE_FAST_XPATHS ignored: verified on trafilatura {VERIFIED}, "
                      f"found {trafilatura.__version__}", stacklevel=2)
        return False
    install()
    return True
