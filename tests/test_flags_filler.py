"""Filler text (lorem ipsum and its kin) read by its vocabulary, on real article text."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.flags.filler import vocabulary
from ascurate.flags.glued import zipf
from ascurate.flags.lexicon import files
from ascurate.model import Block

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def placeholders(language: str, *paragraphs: str) -> list:
    host = HOSTS[language]
    extra = [Block("paragraph", p) for p in paragraphs[1:]]
    return planted_flags(host[:3] + extra + host[3:], paragraphs[0], "placeholder", language, CFG)


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris."),
    ("de", "Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod tempor."),
    ("fr", "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium."),
    ("es", "Curabitur pretium tincidunt lacus, nulla gravida orci a odio."),
])
def test_filler_text_in_any_of_its_versions_is_one_placeholder(language, sentence):
    flags = placeholders(language, sentence)
    assert [(f.quote, f.rule, f.severity) for f in flags] == [(sentence, "placeholder.lorem", "blocking")]


def test_a_page_full_of_filler_is_one_flag_that_counts_the_others():
    flags = placeholders("en", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                         "Duis aute irure dolor in reprehenderit in voluptate velit esse.",
                         "Excepteur sint occaecat cupidatat non proident.")
    assert len(flags) == 1 and "Found 3 times" in flags[0].message


@pytest.mark.parametrize(("language", "sentence"), [
    ("es", "Tenía un dolor de cabeza muy fuerte y un error de cálculo en la dosis."),
    ("en", "Tinea corporis and the vestibulum nasi are named in Latin, as is risus sardonicus."),
    ("en", "Carpe diem, quid pro quo, in vitro et in vivo: Latin that English uses."),
    ("fr", "Lorem, un village des collines, accueille un centre de santé."),
])
def test_latin_a_language_uses_and_a_lone_filler_word_are_no_filler(language, sentence):
    assert placeholders(language, sentence) == []


def test_the_filler_vocabulary_holds_no_common_word_of_the_languages():
    """The list is what filler texts hold and real text does not: no entry is a word of the
    languages the word lists cover at Zipf 2.5 or more."""
    words, _, window = vocabulary(files(CFG))
    assert len(words) > 200 and window >= 2
    assert [w for w in sorted(words) if max(zipf(w, lang) for lang in ("en", "de", "fr", "es")) >= 2.5] == []
