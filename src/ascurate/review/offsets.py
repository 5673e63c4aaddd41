"""Offsets in an article's extra fields (sections, mentions, ...) follow its text through
editors' fixes, so a published article's `text[start:end]` still means what it meant.

Generic on purpose: any object with integer `start` and `end` is remapped (through a
character alignment of the old and new text), `block`, `first_block` and `end_block`
follow the kept blocks, and an object whose `text` no longer matches its span (the
editor cut it) is dropped from its list.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher
from typing import Any

_DROP = object()


class Remap:
    def __init__(self, old: str, new: str, kept_blocks: list[int]) -> None:
        self.new = new
        self.ops = [op for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[2] > op[1]]
        self.starts = [op[1] for op in self.ops]
        self.kept = kept_blocks  # kept_blocks[new index] = old index (-1: a block an editor restored)
        self.block = {old_i: new_i for new_i, old_i in enumerate(kept_blocks)}

    def _op(self, p: int) -> tuple[str, int, int, int, int]:
        return self.ops[max(0, bisect_right(self.starts, p) - 1)]

    def start(self, p: int) -> int:
        if not self.ops:
            return 0
        tag, i1, _i2, j1, j2 = self._op(p)
        return min(j1 + (p - i1), j2) if tag == "equal" else j1

    def end(self, p: int) -> int:
        if p <= 0 or not self.ops:
            return 0
        tag, i1, _i2, j1, j2 = self._op(p - 1)
        return min(j1 + (p - i1), j2) if tag == "equal" else j2

    def _place(self, old: int) -> int:
        """Where the new blocks reach old block `old`: the first new block that was it or came
        after it (a block an editor restored has no old index, -1, and counts where it stands)."""
        return next((n for n, i in enumerate(self.kept) if i >= old), len(self.kept))

    def apply(self, obj: Any) -> Any:
        out = self._walk(obj)
        return None if out is _DROP else out

    def _walk(self, obj: Any) -> Any:
        if isinstance(obj, list):
            return [y for y in (self._walk(x) for x in obj) if y is not _DROP]
        if not isinstance(obj, dict):
            return obj
        d = {k: self._walk(v) for k, v in obj.items()}
        if isinstance(d.get("start"), int) and isinstance(d.get("end"), int):
            d["start"], d["end"] = self.start(d["start"]), self.end(d["end"])
            if isinstance(d.get("text"), str) and self.new[d["start"]:d["end"]] != d["text"]:
                return _DROP
        if isinstance(d.get("block"), int):
            if d["block"] not in self.block:
                return _DROP
            d["block"] = self.block[d["block"]]
        if isinstance(d.get("first_block"), int):
            d["first_block"] = self._place(d["first_block"])
        if isinstance(d.get("end_block"), int):
            d["end_block"] = self._place(d["end_block"])
        return d
