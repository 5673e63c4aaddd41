"""native_xpaths: trafilatura's regex XPaths rewritten to native tests select the same
nodes as trafilatura's own, on every corpus page (the extractions with the expressions
ascurate installs are compared in test_compiled_xpaths.py)."""

from __future__ import annotations

import re

import pytest

from ascurate.extract import load_html
from ascurate.extract import native_xpaths as nx


@pytest.mark.parametrize(("pattern", "value", "expected"), [
    ("^shar|social", "share-bar", True),
    ("^shar|social", "post-share", False),
    ("^shar|social", "my-social-links", True),
    ("bread-?crumb", "breadcrumb", True),
    ("bread-?crumb", "bread-crumb", True),
    ("bread-?crumb", "bread_crumb", False),
    ("dfp[Aa]d", "dfpAd-1", True),
    ("(?:^| )ad-", "top ad-slot", True),
    ("(?:^| )ad-", "load-more", False),
    ("^(?:[Cc]omment(?!ary)|comol)", "comments", True),
    ("^(?:[Cc]omment(?!ary)|comol)", "Commentary", False),
    ("^(?:[Cc]omment(?!ary)|comol)", "comolx", True),
    ("^(?:[Cc]omment(?!ary)|comol)", "no-comments", False),
])
def test_literals_decide_as_re_search(pattern, value, expected):
    lits = nx.literals(pattern)
    assert lits is not None
    assert (re.search(pattern, value) is not None) is expected
    assert nx.matches(lits, value) is expected


@pytest.mark.parametrize("pattern", [
    r"(^|\s)link(\s|$)",  # \s and $: not words
    "comment(?!ary)",  # a lookahead on an unanchored word
    "a.b", "ab+", "x$",
    "|".join(f"word{i}" for i in range(nx.MAX_LITERALS + 1)),  # too many words: one regex is cheaper
])
def test_other_patterns_stay_regexes(pattern):
    assert nx.literals(pattern) is None
    assert "re:test(@class" in nx.rewrite(f"//*[re:test(@class, '{pattern}')]")


def test_rewrite_is_native_or_guarded():
    assert nx.rewrite("//div[re:test(@id|@class, '^nav|menu')]") == (
        "//div[(@id|@class)[1][starts-with(., 'nav') or contains(., 'menu')]]")
    # a regex that stays is only called for elements that have the attribute
    assert nx.rewrite(r"//div[re:test(@class, 'a\sb')]") == r"//div[((@class) and re:test(@class, 'a\sb'))]"
    # unless '' matches it, when a missing attribute must still pass
    assert nx.rewrite("//div[re:test(@class, 'x?')]") == "//div[re:test(@class, 'x?')]"


def test_an_expression_it_cannot_compile_stays_trafilaturas():
    from lxml.etree import XPath

    theirs = XPath("//x:div[re:test(@class, 'nav')]",
                   namespaces={"x": "http://www.w3.org/1999/xhtml", "re": nx.EXSLT["re"]})
    assert nx.compiled(theirs) is theirs  # the rewrite knows no 'x' prefix: trafilatura's own is kept


def test_same_nodes_on_every_corpus_page(corpus_pages):
    nx.install()
    try:
        _same_nodes(corpus_pages)
    finally:
        nx.uninstall()  # trafilatura's own again for the other tests


def _same_nodes(corpus_pages):
    assert nx.ORIGINAL, "install() rewrote nothing: trafilatura's XPath lists moved?"
    rewritten = [(name, old, new) for name, olds in nx.ORIGINAL.items()
                 for old in olds if (new := nx.compiled(old)) is not old]
    assert sum(new.path.count("re:test") < old.path.count("re:test") for _, old, new in rewritten) >= 10
    selected = 0
    for page in corpus_pages:
        tree = load_html(page)
        if tree is None:
            continue
        for name, old, new in rewritten:
            theirs = old(tree)
            assert new(tree) == theirs, (name, old.path)
            selected += len(theirs)
    assert selected > 10_000
