"""compiled_xpaths: trafilatura's XPaths as Python select the same nodes, in the same
order, as trafilatura's own on every corpus page and its subtrees, and give the same
extractions; the grammar's edge cases are checked against libxml2 itself."""

from __future__ import annotations

import pytest
import trafilatura
import trafilatura.xpaths as xp
from lxml import etree, html

from ascurate.extract import RECALL_OPTIONS, TRAFILATURA_OPTIONS, load_html
from ascurate.extract import compiled_xpaths as cx
from ascurate.extract import native_xpaths as nx

NS = nx.EXSLT


@pytest.fixture(autouse=True)
def _trafilatura_restored():
    """Each test that installs the compiled XPaths gives trafilatura its own back."""
    yield
    nx.uninstall()

PAGE = html.fromstring("""<html><body>
<div id="a" class="nav x"><p class="Fulltext">one</p><p class="fulltext">two</p><span>s</span></div>
<div class="x" id="b"><p>three<rel>me</rel></p><section style="display:none"><h1>t</h1></section></div>
<section class="reply-box" id="zz"><div class="item">in</div><div class="item">in2</div></section>
<main><author>A. Writer</author><div data-lp-replacement-content="">r</div><div role="Navigation">n</div></main>
</body></html>""")


@pytest.mark.parametrize("path", [
    ".//*[self::div or self::section][@class='x' or contains(@class, 'nav')]",
    ".//*[self::p or self::div][1]",  # the first match among each parent's children
    ".//*[self::p or self::div][contains(@class, 'item') or @id][1]",
    "(.//*[self::div or self::section][@id])[1]",
    "(.//p)[1]",
    ".//div|.//section",  # a union comes out in document order
    "//*[self::p or self::span][re:test(@class, 'fulltext', 'i')]|//author",
    ".//*[starts-with(@id|@class, 'reply-') or re:test(@class|@id, '^x')]",  # the first attribute present
    ".//*[contains(translate(@role, 'N', 'n'), 'nav') or @data-lp-replacement-content]",
    ".//*[self::div or self::section][not(.//h1) and (@id or @class)]",
    ".//p[rel='me']",  # a child element, compared by its text
    ".//*[@style][contains(@style, 'display:none')]",
    ".//*[re:test(@class, '^(?:nav|x)')][not(self::p or self::span)]",
])
def test_edge_cases_select_what_libxml2_selects(path):
    ours = cx.compile_xpath(etree.XPath(path, namespaces=NS))
    assert ours is not None, path
    theirs = etree.XPath(path, namespaces=NS)
    for ctx in (PAGE, *PAGE.iter("div", "main")):
        assert ours(ctx) == theirs(ctx), (path, ctx.get("id"), ours.source)
    assert theirs(PAGE), path  # each case selects something


@pytest.mark.parametrize("path", [
    ".//*[text()='x']",  # another node test
    ".//div[position() > 1]",  # another function
    ".//div[2]",  # another position
    "(.//div)[1]|(.//p)[1]",  # a union of positional paths
    ".//div/p",  # a child step
    ".//x:div",  # a namespace prefix
    ".//*[self::x:div]", ".//div[@x:lang]",
    ".//div[@id != 'a']",  # another operator
])
def test_forms_outside_the_grammar_stay_xpaths(path):
    assert cx.compile_xpath(etree.XPath(path, namespaces={**NS, "x": "urn:x"})) is None


def test_a_context_that_is_not_an_element_goes_to_the_xpath():
    expr = cx.compile_xpath(etree.XPath(".//div[@id]"))
    doc = PAGE.getroottree()
    assert expr(doc) == etree.XPath(".//div[@id]")(doc) != []


def test_same_nodes_on_every_corpus_page(corpus_pages):
    cx.install()
    compiled = [(name, old, new) for name, olds in nx.ORIGINAL.items()
                for old, new in zip(olds, getattr(xp, name), strict=True) if isinstance(new, cx.CompiledXPath)]
    assert len(compiled) >= 25, "fewer of trafilatura's expressions compile: its XPaths changed?"
    selected = 0
    for page in corpus_pages:
        tree = load_html(page)
        if tree is None:
            continue
        contexts = [tree, *tree.iter("body"), *list(tree.iter("div"))[:3]]
        for name, old, new in compiled:
            for ctx in contexts:
                theirs = old(ctx)
                assert new(ctx) == theirs, (name, old.path)
                selected += len(theirs)
    assert selected > 50_000


def test_same_extractions_as_trafilaturas_expressions(corpus_pages):
    """Both of ascurate's trafilatura passes, with trafilatura's lists and with the ones installed."""
    cx.install()
    installed = {name: list(getattr(xp, name)) for name in nx.ORIGINAL}

    def use(lists):
        for name, exprs in lists.items():
            getattr(xp, name)[:] = exprs

    def passes(page):
        out = []
        for options in ({}, RECALL_OPTIONS):
            res = trafilatura.bare_extraction(load_html(page), **{**TRAFILATURA_OPTIONS, **options})
            out.append(None if res is None else (res.text, res.title, res.author, res.date, res.sitename))
        return out

    try:
        use(nx.ORIGINAL)
        theirs = [passes(p) for p in corpus_pages]
    finally:
        use(installed)
    assert [passes(p) for p in corpus_pages] == theirs


def test_opt_in_only_on_the_verified_release(monkeypatch):
    """`enable` installs nothing on a trafilatura release it was not verified on: the
    expressions stay trafilatura's own, with a warning."""
    before = {name: list(v) for name, v in vars(xp).items() if isinstance(v, list) and v and isinstance(v[0], etree.XPath)}
    monkeypatch.setattr(cx, "VERIFIED", "0.0.0")
    with pytest.warns(UserWarning, match="verified on trafilatura 0.0.0"):
        assert cx.enable() is False
    assert {name: list(getattr(xp, name)) for name in before} == before
    monkeypatch.setattr(cx, "VERIFIED", trafilatura.__version__)
    assert cx.enable() is True
    assert nx.ORIGINAL  # installed; the fixture puts trafilatura's own back
