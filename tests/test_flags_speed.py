"""Shortcuts taken for speed find exactly what the plain form finds (flags must not move)."""

from __future__ import annotations

import random
import re

import pytest

from ascurate.flags import chat, lexicon
from ascurate.flags.alternation import at_word_start, expanded, grouped
from ascurate.flags.glued import repeats_a_run

from .test_flags_view import CFG, FILES, _articles

_EDGES = r"(?<![\w-])({})"  # as `lexicon.care_words` wraps its entries


def _hostile(entries: list[str], n: int, seed: int) -> list[str]:
    """Strings made of the entries' own letters cut and joined at random: prefixes of one
    entry glued to another, entries one letter short, doubled, run into each other."""
    rng = random.Random(seed)
    words = [re.sub(r"\\(.)", r"\1", re.sub(r"\(\?[=!].*", "", e)) for e in entries]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            w = rng.choice(words)
            cut = rng.randint(0, len(w))
            parts.append(rng.choice([w, w[:cut], w[cut:], w + w[:cut], w.upper(), w + rng.choice("sy-' ")]))
        out.append("".join(rng.choice(["", " ", "-", "s ", ".", "\n"]) + p for p in parts))
    return out


def _care_entries(language: str) -> list[str]:
    t = lexicon.for_language(FILES, "care_words", language)
    assert t is not None
    entries = [lexicon._word(w) for w in sorted(t.get("words", []), key=len, reverse=True)]
    return entries + [re.escape(s) for s in sorted(t.get("stems", []), key=len, reverse=True)]


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_the_care_words_grouped_on_their_letters_match_as_the_plain_alternation_does(language):
    entries = _care_entries(language)
    plain = re.compile(_EDGES.format("|".join(entries)))
    shipped = lexicon.care_words(FILES, language)
    assert shipped is not None and shipped[0].pattern != plain.pattern  # the shipped one is the grouped form
    texts = [b.text.lower() for blocks in _articles() for b in blocks] + _hostile(entries, 3000, seed=7)
    found = 0
    for s in texts:
        expected = [(m.span(), m.group(1)) for m in plain.finditer(s)]
        assert [(m.span(), m.group(1)) for m in shipped[0].finditer(s)] == expected, s
        found += bool(expected)
    assert found > 100


@pytest.mark.parametrize("entries, texts", [
    # order within a first letter decides the match: "pain" before "painful" stops at "pain"
    (["pain", "painful", "pa"], ["painful", "pa", "pain", "pai"]),
    (["ab", "a", "abc", "b", "ac"], ["abc", "ab", "ac", "a", "b", "ba"]),
    # entries that cannot be grouped (a class, a quantified first letter, their own "|", a
    # capturing group) stay where they were, and nothing moves across them
    (["[ab]x", "ax", "a?y", "b|ax", "(a)z", "az", r"\sa", r"\.a", r"\-b", "aa"],
     ["ax", "bx", "y", "ay", "b", "az", " a", ".a", "-b", "aa"]),
    (["heart(?=(?:s)?(?!\\w))", "heartburn", "heartbeat", "hearts"], ["hearts", "heartburn", "heart", "heartbeats"]),
])
def test_grouping_keeps_the_first_entry_that_matches(entries, texts):
    plain, factored = re.compile("|".join(entries)), re.compile(grouped(entries))
    for s in texts + _hostile(entries, 500, seed=3):
        for pos in range(len(s) + 1):
            a, b = plain.match(s, pos), factored.match(s, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (entries, s, pos)


@pytest.mark.parametrize("entries", [
    ["pain", "painful", "pa"], ["i", "i'm", "me", "my", "want me to"], ["[ab]x", "ax", r"\sa", r"\-b", "aa"],
])
def test_the_test_before_a_word_moved_behind_its_first_letter_matches_as_in_front(entries):
    plain, moved = re.compile(r"(?<![\w-])(?:" + "|".join(entries) + ")"), re.compile(at_word_start(entries, r"[\w-]"))
    for s in _hostile(entries, 500, seed=5):
        assert [m.span() for m in moved.finditer(s)] == [m.span() for m in plain.finditer(s)], s
        for pos in range(len(s) + 1):
            a, b = plain.match(s, pos), moved.match(s, pos)
            assert (a and a.span()) == (b and b.span()), (s, pos)


def _chat_entries(language: str, key: str) -> list[str]:
    return [chat._plain(w) for t in lexicon.tables(FILES, "chat_words").values() if t.get("language") == language
            for w in t.get(key, [])]


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_the_chat_words_match_as_their_plain_alternations_do(language):
    # each class as the plain `(?<!\w)(?:e1|e2|...)` of its entries, longest first; and the one
    # search for any class that scores before the offer finds one wherever a class's own does
    w = chat.chat_words(FILES, language)
    assert w is not None
    entries = {key: [e for e in _chat_entries(language, key) if e == e.lower()] for key in chat._CLASSES}
    texts = [b.text.lower() for blocks in _articles() for b in blocks]
    texts += _hostile(chat._entries([e for es in entries.values() for e in es]), 3000, seed=11)
    found = 0
    for key, es in entries.items():
        plain = re.compile(r"(?<!\w)(?:" + "|".join(chat._entries(es) or ["(?!)"]) + ")")
        for s in texts:
            expected = [m.span() for m in plain.finditer(s)]
            assert [m.span() for m in w.lower[key].finditer(s)] == expected, (key, s)
            found += bool(expected)
    assert found > 1000
    for s in texts:
        assert w.has(chat._ANY_SCORING, s, s) == any(w.has(k, s, s) for k in chat._SCORING), s


def test_grouping_factors_shared_first_letters():
    assert grouped(["doctor", "dose", "clinic"]) == "d(?:o(?:ctor|se))|clinic"
    assert grouped(["a?b", "ab"]) == "a?b|ab"


def test_the_config_is_the_one_the_view_tests_use():
    assert lexicon.files(CFG) == FILES


def test_patterns_opening_on_their_class_match_as_their_plain_forms():
    # a repeat written as its class and then the class repeated, so the scan can skip to the class
    from ascurate.flags import notes, sentences

    pairs = [(sentences._END, r"[.!?…]+[\"”’»)\]]*\s+(?=[\"“‘«(¿¡\[]?[^\W_])"), (notes._RUN, r"[\w-]+")]
    texts = [b.text for blocks in _articles() for b in blocks]
    texts += ["Dr. Lee... ok!! «Yes.» (No.) [Why?] ¿Qué? end.", "x-y --  z_1 ’s", "", "..."]
    for fast, plain in pairs:
        assert fast.pattern != plain
        for s in texts:
            assert [m.span() for m in fast.finditer(s)] == [m.span() for m in re.finditer(plain, s)], s


@pytest.mark.parametrize("entry, texts", [
    ("(?:for|of|lasts?) (?:up to|about)\\s*[.,;]", ["for up to.", "of about ,", "lasts about;", "last up to.", "for  about."]),
    ("(?:a(?:b|c)|d)e(?!f)", ["abe", "ace", "de", "def", "abef", "ae"]),
    ("(?:ab|a)b", ["abb", "ab", "abbb"]),
])
def test_an_entry_written_out_per_alternative_matches_as_it_did(entry, texts):
    parts = expanded(entry)
    assert len(parts) > 1 and all(p[:1] != "(" or p.startswith("(?:") for p in parts)
    plain, out = re.compile(entry), re.compile("|".join(parts))
    for s in texts + _hostile([entry.replace("(?:", "").replace(")", "")], 300, seed=4):
        for pos in range(len(s) + 1):
            a, b = plain.match(s, pos), out.match(s, pos)
            assert (a and a.span()) == (b and b.span()), (entry, s, pos)


@pytest.mark.parametrize("entry", ["(?:a|b)?c", "(?:a|b)|c", "(?P<x>a|b)c", "a(?:b|c)", "[(]a"])
def test_an_entry_with_no_plain_leading_group_stays_whole(entry):
    assert expanded(entry) == [entry]


def test_the_cover_s_quick_bound_rules_out_only_passages_the_exact_count_rules_out():
    """`topic._may_be_outlier` rules a passage out on sums of weights looked up once an
    article, before it counts the passage's cover: on every paragraph and sentence of the
    health-dev articles, at limits from strict to lenient, it answers as the exact count
    (`_shared_bound`) does."""
    from ascurate.flags import sentences, topic

    answers = {True: 0, False: 0}
    for blocks in _articles():
        words = {i: topic._lower_words(b.text) for i, b in enumerate(blocks)}
        df = topic._block_counts(words)
        shared = topic._shared_weights(df, "en")
        passages = [ws for ws in words.values() if ws]
        for b in blocks:
            passages += [ws for s, e in sentences.spans(b.text) if (ws := topic._lower_words(b.text[s:e]))]
        for ws in passages:
            for bound in (0.005, 0.01, 0.03, 0.1, 0.15, 0.3):
                exact = topic._shared_bound(ws, df, "en") <= bound + 1e-9
                assert topic._may_be_outlier(ws, shared, df, "en", bound) == exact, (ws, bound)
                answers[exact] += 1
    assert min(answers.values()) > 100


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_a_token_s_lists_read_from_the_merged_tables_are_each_list_s_own(language):
    """`Lexicons._lists_of` looks a token up in one table of whole words and reads the word
    starts only where one opens it: on every token of the health-dev articles and on the
    lists' own entries (cut, capitalised, run on), each list holds the token exactly where
    its own words and starts do."""
    from ascurate.flags import note_model, notes

    words = notes._words(FILES, language)
    assert words is not None
    lex = words.lexicon

    def plain(token: str) -> int:
        low, mask = token.lower(), 0
        for k, one in lex.lists.items():
            t = token if k in note_model.CASED else low
            if t in one.words or one.starts and t.startswith(one.starts):
                mask |= lex.bit[k]
        return mask

    entries = [w for one in lex.lists.values() for w in (*one.words, *one.starts)]
    tokens = {t for blocks in _articles() for b in blocks for t in note_model.TOKEN.findall(b.text)}
    tokens |= {t for s in _hostile([re.escape(e) for e in entries], 3000, seed=11) for t in note_model.TOKEN.findall(s)}
    tokens |= {w.capitalize() for w in entries} | {w + "s" for w in entries}
    marked = 0
    for t in tokens:
        assert lex._lists_of(t) == plain(t), t
        marked += plain(t) > 0
    assert marked > 50


def test_a_run_repeated_right_after_itself_is_found_as_the_plain_comparison_finds_it():
    rng = random.Random(13)
    blocks = [re.findall(r"\w[\w'-]*", b.text.lower()) for blocks in _articles() for b in blocks]
    blocks += [[rng.choice("abc") for _ in range(rng.randint(0, 20))] for _ in range(3000)]
    found = 0
    for words in blocks:
        plain = any(words[i:i + n] == words[i + n:i + 2 * n] for n in range(2, 7) for i in range(len(words) - 2 * n + 1))
        assert repeats_a_run(words) == plain, words
        found += plain
    assert found > 100
