"""Repeated blocks: a kept block whose words the article has already said, in order.

What it catches is furniture no phrase names: a second copy of the article among the
candidates (the page's print or AMP copy, a slider of the same story), a pull quote, a
teaser or summary box repeating the lead. A block of at least `min_words` words goes when
its case-folded words, in order, lie inside the text kept before it (inside one block or
across the edge of two); its record names the block it repeats. Short blocks ("Read
more", a repeated heading) are left to the rules: a few words repeat by chance.

Settings are data: the `[[repeat]]` table of rules/furniture.toml (`id`, `min_words`,
`pattern`: what counts as a word); `disabled = true` there switches the step off.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from typing import Any

from ..model import Block, Removal
from ..rulebook import RuleError
from .result import Cleaned

KEY = 4  # words in the key that finds where an earlier copy could start


def drop_repeats(kept: list[tuple[int, Block]], setting: dict[str, Any] | None,
                 out: Cleaned) -> list[tuple[int, Block]]:
    """`kept`: the blocks cleaning kept so far, in page order, with their indices. Returns
    those that stay; each repeat is a Removal with the setting's id."""
    if not setting or len(kept) < 2:
        return kept
    try:
        word = re.compile(setting.get("pattern", r"\w+"))
        least = max(int(setting.get("min_words", 8)), KEY)
    except (re.error, TypeError, ValueError) as e:
        raise RuleError(f"[[repeat]] {setting.get('id')}: bad pattern or min_words: {e}") from e
    # the kept words so far as ids, and where runs of KEY of them start, every `stride`
    # words: a block of `least` words or more holds one of those starts within its first
    # `stride` words, so it is found without indexing every position (memory stays a
    # fraction of the text on a hostile page of millions of words)
    stride = least - KEY + 1
    ids: dict[str, int] = {}
    seen = array("q")
    owner: list[tuple[int, int]] = []  # (first word, block index) of each kept block
    starts: dict[tuple[int, ...], int | list[int]] = {}
    stay: list[tuple[int, Block]] = []
    for idx, block in kept:
        words = array("q", (ids.setdefault(w, len(ids)) for w in word.findall(block.text.casefold())))
        at = _found(words, seen, starts, stride) if len(words) >= least else None
        if at is not None:
            source = owner[bisect_right(owner, (at, 1 << 62)) - 1][1]
            out.removed.append(Removal(block.text, str(setting["id"]), block=idx, detail=f"repeats block {source}"))
            continue
        stay.append((idx, block))
        first = len(seen)
        if words:
            owner.append((first, idx))
        seen.extend(words)
        for p in range(-(-max(first - KEY + 1, 0) // stride) * stride, len(seen) - KEY + 1, stride):
            key = tuple(seen[p:p + KEY])
            hit = starts.get(key)
            if hit is None:
                starts[key] = p
            elif isinstance(hit, int):
                starts[key] = [hit, p]
            else:
                hit.append(p)
    return stay


def _found(words: array, seen: array, starts: dict[tuple[int, ...], int | list[int]], stride: int) -> int | None:
    """Where `words` lie, in order and contiguous, inside `seen`; None if nowhere."""
    n = len(words)
    for j in range(min(stride, n - KEY + 1)):
        hit = starts.get(tuple(words[j:j + KEY]))
        for p in (hit,) if isinstance(hit, int) else hit or ():
            at = p - j
            if at >= 0 and seen[at:at + n] == words:
                return at
    return None
