"""Flags: spans of the clean text that an editor must look at. Detection never edits.

Pattern rules come from `rules/flags.toml`; detectors that read a sentence's shape or
compare a passage with the rest of the article are functions here. Every flag carries
exact offsets into the article text, and `quote == text[start:end]` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import rulebook
from ..config import Config
from ..model import Block, Flag
from .shape import dangling_list, garbled_text, mixed_voice

Detector = Callable[[str, list[Block], list[int]], list[Flag]]
DETECTORS: list[Detector] = [dangling_list, garbled_text, mixed_voice]


def block_offsets(blocks: list[Block]) -> list[int]:
    """Start offset of each block in the joined text."""
    offs, pos = [], 0
    for b in blocks:
        offs.append(pos)
        pos += len(b.text) + 1
    return offs


def detect(text: str, blocks: list[Block], cfg: Config) -> list[Flag]:
    offs = block_offsets(blocks)
    flags: list[Flag] = []
    for rule in rulebook.load(cfg, "flag"):
        not_after = rule.get("not_after")
        for m in rule.pattern.finditer(text):
            s, e = _trim(text, m.start(), m.end())
            if e <= s or (not_after and re.search(f"(?:{not_after})$", text[max(0, s - 60):s])):
                continue
            flags.append(Flag(
                kind=rule.get("kind"), start=s, end=e, quote=text[s:e], severity=rule.get("severity", "warning"),
                message=rule.get("message", ""), rule=rule.id, suggestion=rule.get("suggestion"),
            ))
    for det in DETECTORS:
        flags.extend(det(text, blocks, offs))
    return _dedupe(flags)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per kind and overlapping span; the first rule to claim it wins."""
    flags.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Flag] = []
    for f in flags:
        if any(k.kind == f.kind and f.start < k.end and k.start < f.end for k in kept):
            continue
        kept.append(f)
    return kept
