"""Link density: how much of an article's text is the text of the page's links.

A page of nothing but links (a sitemap, a tag cloud, a link farm) passes extraction as
one long "article": trafilatura keeps the list because it is the only content there is.
Such text is navigation, not an article, so it is rejected with its share as the reason.

The share is measured on words: the page's anchor texts are counted as a multiset of
words before extraction (which takes the tree apart), and each word of the extracted
text that is one of them uses one up. An article beside a large menu shares at most the
menu's words with it (and only those its text repeats), so it stays well under the bar.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

SHARE = 0.8  # an article whose words are this much link text, or more, is a page of links
MIN_WORDS = 50  # fewer anchor words than this: not a page of links, whatever its share
_WORD = re.compile(r"\w+")


def anchor_words(tree: Any) -> Counter[str] | None:
    """The words of the page's link texts (lower case), or None when there are too few to matter."""
    if tree is None:
        return None
    texts = [t for a in tree.iter("a") if (t := a.text_content())]
    words = _WORD.findall(" ".join(texts).lower())
    return Counter(words) if len(words) >= MIN_WORDS else None


def share(anchors: Counter[str] | None, text: str) -> float:
    """The share of `text`'s words that are link text (0.0 when the page had few links)."""
    if not anchors:
        return 0.0
    words = _WORD.findall(text.lower())
    if not words or anchors.total() < SHARE * len(words):  # cannot reach the bar: not counted
        return 0.0
    linked = sum(min(n, anchors[w]) for w, n in Counter(words).items())
    return linked / len(words)
