"""wordfreq's frequency table for a language, held compactly.

`wordfreq.get_frequency_dict` is a dict of every word of a list (300,000-650,000 a
language): 30-65 MB of Python strings and dict slots a language, in the forkserver and
shared by every document child (docs/scheduling.md). Most lookups are of common words.
So the common words (Zipf `HEAD_ZIPF` or more) stay a dict, and the rest are kept as
sorted arrays of their UTF-8 bytes, one array per byte length, searched by bisection:
the same words with the same frequencies (the same float values, from the same buckets),
in about 10 MB a language. The table is read from wordfreq's own data file with its
public functions, so wordfreq's caches do not keep a second copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import wordfreq

HEAD_ZIPF = 3.0  # words this common (30,000-40,000 a language) stay in a dict: most lookups are of them


class WordTable(Mapping[str, float]):
    """A read-only {word: frequency} equal to `wordfreq.get_frequency_dict(language)`, where a
    word with "ß" is looked up as wordfreq spells it, with "ss" ("Größe" as "grösse": the
    lists hold no "ß", and wordfreq's own `zipf_frequency` folds a query so).
    Iterating gives the common words in wordfreq's order, then the rest; every word at
    `HEAD_ZIPF` or more comes before any word below it."""

    def __init__(self, path: str) -> None:
        freqs: dict[str, float] = {}
        for index, bucket in enumerate(wordfreq.read_cBpack(path)):  # as get_frequency_dict: a later bucket wins
            freq = wordfreq.cB_to_freq(-index)
            for word in bucket:
                freqs[word] = freq
        floor = wordfreq.zipf_to_freq(HEAD_ZIPF)
        self._head = {w: f for w, f in freqs.items() if f >= floor or "\0" in w}  # numpy's bytes drop trailing NULs
        self._values = sorted(set(freqs.values()))
        code = {f: i for i, f in enumerate(self._values)}
        keys: dict[int, list[bytes]] = {}
        codes: dict[int, list[int]] = {}
        for w, f in freqs.items():
            if f < floor and "\0" not in w:
                key = w.encode("utf-8", "surrogatepass")
                keys.setdefault(len(key), []).append(key)
                codes.setdefault(len(key), []).append(code[f])
        kind = np.uint16 if len(self._values) < 65536 else np.uint32
        self._words: dict[int, np.ndarray[Any, Any]] = {}
        self._codes: dict[int, np.ndarray[Any, Any]] = {}
        for n, group in keys.items():
            words = np.array(group, dtype=f"S{n}")
            order = np.argsort(words, kind="stable")
            self._words[n] = words[order]
            self._codes[n] = np.array(codes[n], dtype=kind)[order]
        self._len = len(freqs)

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        f = self._head.get(word)
        if f is not None:
            return f
        if "ß" in word:  # wordfreq spells "ß" as "ss" (its own look-ups fold a query so): "straße" is "strasse"
            return self.get(word.replace("ß", "ss"), default)
        key = word.encode("utf-8", "surrogatepass")
        words = self._words.get(len(key))
        if words is None:
            return default
        i = int(words.searchsorted(key))
        if i < len(words) and words[i] == key:
            return self._values[self._codes[len(key)][i]]
        return default

    def __getitem__(self, word: str) -> float:
        f = self.get(word)
        if f is None:
            raise KeyError(word)
        return f  # type: ignore[no-any-return]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        return (w for w, _ in self.items())

    def items(self) -> Iterator[tuple[str, float]]:  # type: ignore[override]
        yield from self._head.items()
        for n, words in self._words.items():
            for key, c in zip(words.tolist(), self._codes[n].tolist(), strict=True):
                yield key.decode("utf-8", "surrogatepass"), self._values[c]


def word_table(language: str) -> Mapping[str, float]:
    """wordfreq's "best" table for a language ({} when it has none). A code wordfreq has no
    file of its own for (a regional variant it matches to a close one) goes through
    `get_frequency_dict` as it is."""
    path = wordfreq.available_languages("best").get(language)
    if path is None:
        try:
            return wordfreq.get_frequency_dict(language, wordlist="best")
        except (LookupError, ValueError):
            return {}
    return WordTable(path)
