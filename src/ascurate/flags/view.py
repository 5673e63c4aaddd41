"""One article as the flag detectors read it: what several of them need is computed once.

`detect` makes one `ArticleView` per article and hands it to every detector. Each part
(the rule files and thresholds, the lower-cased text and blocks, a block's sentences, the
article's runs of word characters) is computed on first use and kept with the view, so a
detector that never asks for a part costs nothing, and the view dies with the article (no
cache outlives it: a worker's memory does not grow with the documents it reads).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from ..config import Config
from ..model import Block
from . import lexicon, sentences

RUN = re.compile(r"[\w-][\w-]*")  # a run of word characters and hyphens (`[\w-]+`, opening on its class)


def block_offsets(blocks: list[Block]) -> list[int]:
    """Start offset of each block in the joined text."""
    offs, pos = [], 0
    for b in blocks:
        offs.append(pos)
        pos += len(b.text) + 1
    return offs


class ArticleView:
    """An article's text (its blocks joined by newlines), blocks, block offsets, language
    and configuration, with the parts the detectors share computed lazily."""

    def __init__(self, text: str, blocks: list[Block], language: str | None, cfg: Config,
                 offs: list[int] | None = None) -> None:
        self.text, self.blocks, self.language, self.cfg = text, blocks, language, cfg
        self.offs = block_offsets(blocks) if offs is None else offs
        self._lower: dict[int, str] = {}
        self._spans: dict[int, tuple[tuple[int, int], ...]] = {}
        self._thresholds: dict[str, float] = {}

    @cached_property
    def files(self) -> tuple[str, ...]:
        """The rule files (the key of every compiled word list and pattern)."""
        return lexicon.files(self.cfg)

    def threshold(self, kind: str) -> float:
        """`lexicon.threshold` of a kind under the view's rule files (listed once an article)."""
        value = self._thresholds.get(kind)
        if value is None:
            value = self._thresholds[kind] = lexicon.threshold_in(self.files, kind)
        return value

    @cached_property
    def runs(self) -> Counter[str]:
        """The article's runs of word characters and hyphens (`RUN`), each with how often it
        stands: the names and vocabulary the notes read, the tokens glue reads among them."""
        return Counter(RUN.findall(self.text))

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def aligned(self) -> bool:
        """Whether lower-casing kept every offset (it does but for a few letters)."""
        return len(self.lower) == len(self.text)

    def block_lower(self, i: int) -> str:
        low = self._lower.get(i)
        if low is None:
            low = self._lower[i] = self.blocks[i].text.lower()
        return low

    def spans(self, i: int) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence of block i, in the block's text (`sentences.spans`)."""
        out = self._spans.get(i)
        if out is None:
            out = self._spans[i] = sentences.spans(self.blocks[i].text)
        return out
