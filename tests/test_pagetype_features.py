"""The page-type model's features keep their values when their code is made faster: the
model (pagetype-v2) is not retrained, so a feature that moves changes its calls.

`data/pagetype_features.json` holds, for every health-dev and bench page and every tenth
wcxb-dev page, a digest of its feature row (values to 9 significant digits), written by
`python -m tests.test_pagetype_features` from the code the model was trained with.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ascurate.clean import pagetype
from ascurate.extract import load_html

from .corpus_pages import CORPUS, document

SNAPSHOT = Path(__file__).parent / "data" / "pagetype_features.json"


def pages() -> list[tuple[str, str]]:
    out = []
    for folder, step in (("health-dev", 1), ("bench", 1), ("wcxb-dev", 10)):
        names = sorted(p.name.removesuffix(".gold.json") for p in (CORPUS / folder).glob("*.gold.json"))
        out += [(folder, n) for n in names[::step]]
    return out


def digest(folder: str, name: str) -> str:
    doc, _ = document(folder, name)
    row = pagetype.page_features(load_html(doc.content), doc.url)
    return hashlib.sha1(json.dumps([f"{x:.9g}" for x in row]).encode()).hexdigest()[:16]


def test_features_are_those_the_model_was_trained_on():
    want = json.loads(SNAPSHOT.read_text())
    assert len(want) > 300
    changed = [key for key, value in want.items() if digest(*key.split("/")) != value]
    assert not changed, f"page-type features changed on {len(changed)} pages, e.g. {changed[:5]}"


@pytest.mark.parametrize("url", [None, "https://example.org/", "https://example.org/blog/2024/05/a-long-slug.html?x=1"])
def test_features_of_a_small_page_and_of_no_page(url):
    tree = load_html("<html><head><title>T</title></head><body><p>" + "word " * 50 + "</p>"
                     "<ul><li>a</li><li>b</li><li>c</li></ul><a href='/'>home</a></body></html>")
    row = dict(zip(pagetype.FEATURES, pagetype.page_features(tree, url), strict=True))
    assert row["n_li"] > 0 and row["text_words"] > 0 and row["p_long"] > 0
    empty = dict(zip(pagetype.FEATURES, pagetype.page_features(None, url), strict=True))
    assert empty["text_words"] == 0 and empty["n_p"] == 0


def test_one_walk_gives_the_visible_text_and_each_paragraph_item_and_link_as_itertext_does():
    tree = load_html("<html><body><div>lead <!-- note -->after<p>One <a href='/'>two <b>three</b></a> four"
                     "<script>var x = 1;</script> five</p><ul><li>item <a>link</a> tail</li><li><p>in p</p> li</li>"
                     "</ul><noscript><p>no <a>script</a></p></noscript><style>p{}</style>end</div></body></html>")
    body = tree.find(".//body")
    visible, p_words, li_words, link_chars = pagetype._texts(body)
    assert visible == body.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    words = {tag: sorted(len(pagetype._WORDS.findall(" ".join(el.itertext()))) for el in body.iter(tag))
             for tag in ("p", "li")}
    assert sorted(p_words) == words["p"] == [2, 2, 8] and sorted(li_words) == words["li"] == [3, 3]
    assert link_chars == sum(len(" ".join(a.itertext()).strip()) for a in body.iter("a")) == 20


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps({f"{f}/{n}": digest(f, n) for f, n in pages()}, indent=0, sort_keys=True) + "\n")
    print(f"wrote {SNAPSHOT}")


TRICKY = ["", "reply", "replies: 3 replies, 2 REPLY", "xreply _reply 2reply éreply reply_ replyx", "\nreply\treplies",
          "posts:12 posts: post:a", "member since member  since", "read more, learn more; next page.",
          "install installation installations", "book now | book an appointment | booked", "by Anna, by anna",
          "published updated min read posted on", "mémber since ünd reply", "a_b c-d ¹² x\x1cy 3.5 _ __ ü",
          "add to cart, add to bag in stock out of stock skus sku1 sku. quantityquantity",
          "likes replies reply: posts: postss: book book now book an appointment by Ann by by Bo by Éva"]


@pytest.mark.parametrize("text", TRICKY)
def test_the_phrase_patterns_match_as_word_bounded_alternations_do(text):
    # each pattern as the plain `\b(?:...)\b` it stands for (what pagetype-v2 was trained with)
    plain = {
        "forum": r"\b(?:replies|reply|posts?:|joined|member since|views|quote|thread|upvote|likes?)\b",
        "more": r"\b(?:read more|continue reading|learn more|view all|see all|load more|next page)\b",
        "docs": r"\b(?:parameters?|returns?|example|syntax|install(?:ation)?|configuration|version)\b",
        "service": r"\b(?:contact us|call us|get a quote|book (?:now|an appointment)|our services|"
                   r"free consultation|request a|schedule)\b",
    }
    import re

    for name, pattern in plain.items():
        assert pagetype._PHRASES_LOWER[name].findall(text) == re.findall(pattern, text), (name, text)
    byline = r"\b(?:by [A-Z][a-z]+|published|updated|min read|posted on)\b"
    assert pagetype._BYLINE.findall(text) == re.findall(byline, text)
    # counted where their literals are, as findall counts them (matches that overlap, or follow
    # a word character, or start where another alternative's literal is)
    for phrases in [*pagetype._PHRASES_LOWER.values(), pagetype._BYLINE]:
        for t in (text, text.lower(), f"{text} {text}"):
            assert phrases.count(t) == len(phrases.findall(t)), (phrases.pattern.pattern, t)
    assert pagetype._count_words(text) == len(re.findall(r"\w+", text))


def test_a_phrase_s_literals_start_every_match_of_its_alternatives():
    assert pagetype._literal("posts?:") == "post" and pagetype._literal("install(?:ation)?") == "install"
    assert pagetype._literal("by [A-Z][a-z]+") == "by " and pagetype._literal(r"sku\b") == "sku"
    assert pagetype._PHRASES_LOWER["forum"].literals == (
        "joined", "like", "member since", "post", "quote", "replies", "reply", "thread", "upvote", "views")
    for bad in ("[a-z]+ing", "x?yz", "a|b"):
        with pytest.raises(ValueError):
            pagetype._literal(bad)


def test_every_price_holds_a_currency_so_a_text_without_one_has_no_price():
    matches = [m for text in ("$ 5 or 5 $", "5 kr, 5kr", "12,00€ 3 zł", "₹99 and USD10 and 10 USD", "1.5 EUR", *TRICKY)
               for m in pagetype._PRICE.findall(text)]
    assert len(matches) >= 8
    assert all(any(c in m for c in pagetype._CURRENCIES) for m in matches)
