"""The compact word-frequency table (flags/wordtable.py) answers as wordfreq's dict does."""

from __future__ import annotations

import random
import sys

import pytest
import wordfreq

from ascurate.flags.wordtable import HEAD_ZIPF, WordTable, word_table


@pytest.mark.parametrize("language", ["en", "de"])
def test_same_words_and_frequencies_as_wordfreq(language: str) -> None:
    table = word_table(language)
    stock = wordfreq.get_frequency_dict(language, wordlist="best")
    assert isinstance(table, WordTable)
    assert len(table) == len(stock)
    assert all(table.get(w) == f for w, f in stock.items())  # the common words and the rare ones
    assert dict(table.items()) == stock
    for floor in (HEAD_ZIPF, 3.5, 5.0):  # what the glued-word sets are built from, in wordfreq's order
        f = wordfreq.zipf_to_freq(floor)
        assert [w for w, v in table.items() if v >= f] == [w for w, v in stock.items() if v >= f]
    rng = random.Random(0)
    words = rng.sample(sorted(stock), 2000)
    absent = [w + "qx" for w in words] + [w[:-1] for w in words] + ["", "\ud800x", "a\0", "Thé"]
    assert [table.get(w, 0.0) for w in absent] == [stock.get(w, 0.0) for w in absent]
    assert ("zzzqx" in table) is False and (words[0] in table) is True


def test_codes_without_a_file_of_their_own() -> None:
    assert word_table("xx") == {}
    assert dict(word_table("pt-BR").items()) == wordfreq.get_frequency_dict("pt-BR", wordlist="best")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_smaller_than_the_dict() -> None:
    table = word_table("fr")
    held = sum(a.nbytes for a in table._words.values()) + sum(a.nbytes for a in table._codes.values())
    held += sum(sys.getsizeof(w) for w in table._head) + sys.getsizeof(table._head)
    stock = wordfreq.get_frequency_dict("fr", wordlist="best")
    stock_held = sys.getsizeof(stock) + sum(sys.getsizeof(w) for w in stock)
    assert held < stock_held / 4, (held, stock_held)


def test_a_word_with_sharp_s_is_found_as_wordfreq_spells_it() -> None:
    """wordfreq's lists spell "ß" as "ss" and its `zipf_frequency` folds a query so: the
    table (and `zipf`, which every detector's rarity weights read) does the same."""
    from ascurate.flags.glued import zipf

    table = word_table("de")
    for word in ("straße", "größe", "regelmäßig", "fußball", "heißt"):
        assert table.get(word) == table.get(word.replace("ß", "ss")) > 0
        assert word in table
        assert round(zipf(word, "de"), 2) == wordfreq.zipf_frequency(word, "de")
    assert table.get("großzzqx") is None and zipf("großzzqx", "de") == 0.0
