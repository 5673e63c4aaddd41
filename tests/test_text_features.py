"""A block's text features (`boilerplate.text_features`) take shortcuts: character classes,
tokens and capitalised words counted over an ASCII text's bytes, and the case-insensitive
patterns run case-sensitively
on the lower-cased text. Both must give what the plain definitions give, on real blocks and
on the characters where the shortcuts would go wrong (the four letters whose case pairs
cross the ASCII line, Unicode digits and spaces, ASCII's separator controls)."""

from __future__ import annotations

import pytest

from ascurate.clean import boilerplate
from ascurate.extract import extract_html
from ascurate.model import Block

from .corpus_pages import document

NAMES = boilerplate.TEXT_NAMES


def plain(text: str) -> dict[str, float]:
    """The shortcut columns by their definitions."""
    n, size = max(1, len(text.split())), max(1, len(text))
    ui = len(boilerplate._UI.findall(text))
    toks = boilerplate._TOKEN.findall(text.casefold())
    return {
        "capitalised": sum(w[:1].isupper() for w in text.split()) / n,
        "stopwords": sum(t in boilerplate._STOP for t in toks) / max(1, len(toks)),
        "digits": sum(map(str.isdigit, text)) / size,
        "punct": (len(text) - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))) / size,
        "letters": sum(map(str.isalpha, text)) / size,
        "relative_times": len(boilerplate._RELATIVE_TIME.findall(text)),
        "counts": len(boilerplate._COUNT.findall(text)),
        "ui_share": ui / n,
        "ui_any": float(ui > 0),
    }


def check(text: str) -> None:
    row = boilerplate._text_features.__wrapped__(text, "paragraph", None)
    got = {k: row[NAMES.index(k)] for k in plain(text)}
    assert got == plain(text), text


@pytest.mark.parametrize("text", [
    "", " ", "\x1c\x1f\t", "5 \u212aomments", "SHARE this · 3 days AGO", "\u017fhare", "Log\u00a0In now",
    "L\u0131ke it? 12 L\u0130KES", "\u0130nstall the app \u2014 sign-up, 2 hours ago", "²³ ٣ items", "Reply ❤ 4 Likes",
    "Read more » Yesterday", "1,204 views · 7 comments · sign\u2003up",
    # capitals after ASCII's separator controls (str.split's spaces), words joined by _ or -
    "The\x1cCat\x1fSat on\x0bThe Mat", "A_B c-D e.F (G) 'H' 9I", "ÉCOLE de la Ville et la Rue",
    "Ärzte über \u01c5emal \u01c8 Ωmega ωmega ² ٣ \u2003Ünd", "日本語のテキスト 12 件のコメント",
    # the interface words counted from an ASCII text's tokens, and the phrases that span tokens
    "Email us or e-mail us", "signup, Sign up, sign\tin, LOGIN, log in", "Cookies and cookie policy",
    "add to cart | Add to Cart now", "back to top", "Show more comments", "sharing is caring; share it",
    "a_share reply_ 2share likes like", "just now, an hour ago, 3 days ago", "Posted just now", "10 comments",
])
def test_shortcuts_equal_the_definitions_on_tricky_text(text):
    check(text)


def test_shortcuts_equal_the_definitions_on_real_blocks():
    blocks = []
    for folder, name in (("health-dev", "readability-webmd-1"), ("bench", "scrapinghub-042bb7b5fe"), ("wcxb-dev", "wcxb-0183")):
        doc, _ = document(folder, name)
        blocks += extract_html(doc.content, doc.url).blocks
    assert len(blocks) > 50 and any(not b.text.isascii() for b in blocks)
    for b in blocks:
        check(b.text)
    assert boilerplate.text_features(Block("paragraph", "Share")) == \
        boilerplate._text_features.__wrapped__("Share", "paragraph", None)


@pytest.mark.slow
def test_the_four_letters_are_the_only_ones_the_lower_case_shortcut_must_avoid():
    import re
    import sys

    letter, classes = re.compile("[a-z]", re.I), [re.compile(p) for p in (r"\w", r"\s", r"\d")]
    found = set()
    for i in range(128, sys.maxunicode + 1):
        c = chr(i)
        low = c.lower()
        if letter.fullmatch(c) or len(low) != 1 or low.isascii() or \
                any(bool(p.fullmatch(c)) != bool(p.fullmatch(low)) for p in classes):
            found.add(c)
    assert found == set("\u0130\u0131\u017f\u212a")
