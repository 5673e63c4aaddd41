"""A pattern rule runs only on the blocks that hold one of its `needs`: a prefilter, so it must
never hide a match. Each rule's matches over every block (the plain path) must stand in the
blocks the needle scan hands it, on real articles and on hostile text made from the rules'
own examples (upper case, long s, dotless and dotted I, curly apostrophes)."""

from __future__ import annotations

import dataclasses
import random
import re
from bisect import bisect_right

import pytest

from ascurate.flags.patterns import _blocks_to_read, _needles, _needles_found, _rules, block_spans
from ascurate.model import Block

from .test_flags_view import FILES, _articles, _view

LANGUAGES = ("en", "de", "fr", "es")


def _variants(text: str) -> list[str]:
    """`text` as a pattern that ignores case still matches it, and as lower-casing moves it."""
    return [text, text.upper(), text.lower(), text.title(), text.replace("s", "ſ"), text.replace("i", "ı"),
            text.replace("I", "İ"), text.upper().replace("I", "İ"), text.replace("'", "’"), text.replace("’", "'")]


def _hostile(language: str, seed: int = 7) -> list[list[Block]]:
    """Articles of the rules' examples and counter-examples in every variant, alone, inside a
    paragraph and run together, and of random joins of their pieces."""
    pieces = [x for r in _rules(FILES, language) for x in (*r.examples, *r.counter_examples, *(r.get("needs") or []))]
    rng = random.Random(seed)
    texts = [v for p in pieces for v in _variants(p)]
    texts += [f"Lead text. {v} And more." for v in texts[::3]]
    words = " ".join(pieces).split()
    texts += [" ".join(rng.choices(words, k=rng.randint(3, 12))) for _ in range(400)]
    rng.shuffle(texts)
    return [[Block("paragraph", t) for t in texts[i:i + 40]] for i in range(0, len(texts), 40)]


def missed(blocks: list[Block], language: str, rules=None) -> list[tuple[str, str]]:
    """(rule, block text) of every match the prefilter hid: a rule that matches a block it was
    not handed."""
    rules = rules if rules is not None else _rules(FILES, language)
    v = _view(blocks, language)
    todo = _blocks_to_read(v, rules)
    return [(r.id, b.text) for k, b in enumerate(blocks) for r in rules
            if r not in todo.get(k, []) and block_spans(b.text, [r])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_rule_matches_a_block_its_needles_kept_it_from(language):
    articles = _hostile(language) + (_articles() if language == "en" else [])
    for blocks in articles:
        assert missed(blocks, language) == []


def test_a_needle_taken_away_is_caught():
    # the seeded mistake: ai.leftover without "sure, here" misses "Sure, here is ..." (a rule
    # set of its own, so no memo or needle scan of the shipped rules is reused)
    rules = list(_rules(FILES, "en"))
    i = next(i for i, r in enumerate(rules) if r.id == "ai.leftover")
    short = [n for n in rules[i].get("needs") if n != "sure, here"]
    rules[i] = dataclasses.replace(rules[i], data={**rules[i].data, "needs": short})
    blocks = [Block("paragraph", "Sure, here are some tips for sleeping well:")]
    assert missed(blocks, "en", tuple(rules)) == [("ai.leftover", blocks[0].text)]
    assert missed(blocks, "en") == []


def test_letters_lower_casing_keeps_apart_and_other_digits_still_find_their_needles():
    # "ſure, here" and "İ'm an AI" match the rules that ignore case, "٣٠٠-word" is a number to `\d`
    for text in ["ſure, here is a shorter version:", "İ'm an AI and cannot advise you.", "As an Aı model, I cannot.",
                 "Below is a ٣٠٠-word summary of the article for the newsletter:"]:
        blocks = [Block("paragraph", "Gout is a form of arthritis."), Block("paragraph", text)]
        assert any(rule.id.startswith("ai.") for _, _, rule in block_spans(text, list(_rules(FILES, "en"))))
        assert missed(blocks, "en") == []


def test_a_needle_with_leading_spaces_stands_only_where_its_spaces_do():
    # " runs" is scanned as "runs" (a space would stop the scan everywhere) and its space checked
    blocks = [Block("paragraph", t) for t in ["runs first", "Reruns of it", "It  runs", "Mid\nruns", "x runs"]]
    v = _view(blocks)
    found = _needles_found(v, _needles(FILES, "en")).get((" runs", False), set())
    assert found == {bisect_right(v.offs, m.start()) - 1 for m in re.finditer(" runs", v.lower)} == {2, 4}
