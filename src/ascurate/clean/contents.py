"""Tables of contents by what they repeat: the page's own headings, in page order.

A table of contents is a list of the article's section heads (or the first words of its
paragraphs) under a label no rule can list in every wording ("Jump to section", "Auf
einen Blick", "Au programme", "Lo que encontrarás aquí"). What it always does is repeat
the page: each of its items is the beginning of another block of the same page, and the
items follow that page's order. So, among the blocks the rules left:

  a line    one block whose parts (split at `separators`, after a label ending in a colon)
            are, `min_items` or more of them and all but one at most, the beginnings of
            other blocks of the page, in page order ("Inhalt: Ursachen · Behandlung ·
            Vorbeugung");
  a run     `min_run` or more blocks in a row, each short (`max_words`) and the beginning
            of another block outside the run, in page order; with the short line just
            before the run (its label: `label_words` or fewer, no sentence end);

is removed as `furniture.contents-repeat`. An item is at least `min_chars` characters
(case folded, bullets and numbers set aside), the beginning of exactly one other block
(a label the page repeats points at no section) and never of the block right after it:
a heading over a paragraph that opens with the heading's words is no contents.
The `[[contents]]` table in rules/furniture.toml holds the settings (`disabled = true`
switches it off).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Block, Removal
from .result import Cleaned
from .rules import words

RULE = "furniture.contents-repeat"
_BULLET = re.compile(r"^[\W\d_]*(?:\d+[.)]\s*)?")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _fold(text: str) -> str:
    return " ".join(_BULLET.sub("", text).split()).casefold()


def _parts(text: str, separators: str) -> list[str]:
    head, colon, rest = text.partition(":")
    body = rest if colon and len(head.split()) <= 6 else text
    return [p for p in (_fold(x) for x in re.split(separators, body)) if p]


def _targets(item: str, blocks: list[tuple[int, str]], skip: set[int], min_chars: int) -> list[int]:
    """The position (in `blocks`) of the one block outside `skip` that begins with `item`
    (none when several do: a label the page repeats, "Amazon (Craftsman)", points at no
    section), as a list; an item ending in a colon is a lead-in, no entry."""
    if len(item) < min_chars or item.endswith(":"):
        return []
    found = [k for k, (_, text) in enumerate(blocks) if k not in skip and text.startswith(item)]
    return found if len(found) == 1 else []


def _in_order(found: list[list[int]]) -> int:
    """How many items can be given distinct targets in increasing page order (greedy);
    none when the targets stand all in a row: a table of contents points at heads with
    the sections' text between them, while the heads it repeats do not point back at it."""
    last, chosen = -1, []
    for targets in found:
        nxt = next((t for t in targets if t > last), None)
        if nxt is not None:
            last = nxt
            chosen.append(nxt)
    if len(chosen) > 1 and all(b - a == 1 for a, b in zip(chosen, chosen[1:], strict=False)):
        return 0
    return len(chosen)


def cut_contents(kept: list[tuple[int, Block]], judged: list[tuple[int, Block]], out: Cleaned,
                 setting: dict[str, Any]) -> tuple[list[tuple[int, Block]], list[tuple[int, Block]]]:
    """`kept` and `judged` without the tables of contents found among them (see the
    module's docstring), each removed block recorded as `furniture.contents-repeat`."""
    min_items = int(setting.get("min_items", 2))
    min_run = int(setting.get("min_run", 3))
    min_chars = int(setting.get("min_chars", 8))
    max_words = int(setting.get("max_words", 12))
    label_words = int(setting.get("label_words", 6))
    separators = str(setting.get("separators", r"\s+[·•|–—›»/]\s+|\s*;\s+"))
    blocks = sorted([*kept, *judged], key=lambda t: t[0])
    if len(blocks) < min_items + 2:
        return kept, judged
    folded = [(i, _fold(b.text)) for i, b in blocks]
    taken: dict[int, str] = {}
    for k, (_, b) in enumerate(blocks):  # a line of items
        parts = _parts(b.text, separators)
        if len(parts) < min_items:
            continue
        found = [_targets(p, folded, {k, k + 1, *taken}, min_chars) for p in parts]
        hits = _in_order(found)
        if hits >= min_items and hits >= len(parts) - 1:
            taken[k] = "a line of the page's own heads"
    item = [k not in taken and words(b.text) <= max_words and bool(_targets(folded[k][1], folded, {k, k + 1}, min_chars))
            for k, (_, b) in enumerate(blocks)]
    k = 0
    while k < len(blocks):  # a run of items: blocks in a row, each the beginning of another
        end = k
        while end < len(blocks) and item[end] and blocks[end][0] == blocks[k][0] + (end - k):
            end += 1
        last = end
        while last - k >= min_run:  # the longest run from k whose items point outside it, in order
            run = set(range(k, last)) | set(taken)
            if _in_order([_targets(folded[j][1], folded, run | {j + 1}, min_chars) for j in range(k, last)]) == last - k:
                break
            last -= 1
        if last - k >= min_run:
            end = last
            taken.update({j: "a run of the page's own heads" for j in range(k, end)})
            label = blocks[k - 1] if k else None
            if label and k - 1 not in taken and label[0] == blocks[k][0] - 1 \
                    and words(label[1].text) <= label_words and not _SENTENCE_END.search(label[1].text):
                taken[k - 1] = "the label of a run of the page's own heads"
        k = max(end, k + 1)
    if not taken:
        return kept, judged
    gone = {blocks[k][0] for k in taken}
    for k, why in sorted(taken.items()):
        out.removed.append(Removal(blocks[k][1].text, RULE, block=blocks[k][0], detail=why))
    return [t for t in kept if t[0] not in gone], [t for t in judged if t[0] not in gone]
