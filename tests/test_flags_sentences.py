"""Sentence ends and shared word lists made for speed give exactly what the plain forms gave
(the sentence-level detectors quote by these offsets: a moved end moves a flag)."""

from __future__ import annotations

import re

import pytest

from ascurate.flags import glued, sentences

from .test_flags_view import FILES, _articles

# the sentence end as it was written before the stop became a group: the end found by
# stripping the spaces off the whole match
_PLAIN_END = re.compile(r"[.!?…][.!?…]*[\"”’»)\]]*\s+(?=[\"“‘«(¿¡\[]?[^\W_a-z])")


def _plain_spans(text: str) -> tuple[tuple[int, int], ...]:
    out, start = [], len(text) - len(text.lstrip())
    for m in _PLAIN_END.finditer(text):
        end = m.end() - len(m.group()) + len(m.group().rstrip())
        if text[end - 1] == "." and sentences._ABBREV.search(text[max(start, end - 8):end]):
            continue
        out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return tuple(out)


_HARD = [
    "She said “stop.”  Then she left.",  # closing quote, two spaces
    "Is it safe?!\u00a0Yes (mostly.) Ask Dr. Lee.",  # stops run together, a no-break space, a bracket closed
    "See Fig. 3. Results vary… «Non.» Fin.",
    "Il a dit : « oui ». ¿Y tú? ¡Claro!",
    "Ends here.\n\nNext paragraph starts.\u2003Em space before this one.",
    "No end at all",
    "   Leading spaces. Trailing ones.   ",
]


def test_a_sentence_ends_where_the_spaces_after_its_stop_start_as_the_stripped_match_said():
    texts = [b.text for blocks in _articles() for b in blocks] + _HARD
    ended = 0
    for t in texts:
        got = sentences.spans.__wrapped__(t)  # (the function itself, not a span the cache kept)
        assert got == _plain_spans(t), t
        ended += len(got) > 1
    assert ended > 100  # most of them are split somewhere


@pytest.mark.parametrize("text, expected", [
    ("She said “stop.”  Then she left.", ((0, 16), (18, 32))),
    ("Ask Dr. Lee. Now.", ((0, 12), (13, 17))),
])
def test_a_closing_quote_stays_with_its_sentence_and_an_abbreviation_ends_none(text, expected):
    assert sentences.spans.__wrapped__(text) == expected


def test_the_known_words_are_one_set_for_every_language_the_word_lists_cover():
    sets = [glued._known(FILES, lang) for lang in ("en", "de", "fr", "es")]
    assert all(s is sets[0] for s in sets)  # made once, not once a language
    settings = glued.glue_settings(FILES, "en")
    assert settings is not None
    floor = 10 ** (settings["max_joined_pair"] - 9)
    plain = frozenset(w for lang in sorted(settings["languages"]) for w, f in glued._frequencies(lang).items()
                      if f >= floor)
    assert sets[0] == plain and {"the", "der", "les", "los"} <= plain
