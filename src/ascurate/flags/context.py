"""What the page is, and the block a passage stands in, decide what is a leftover: gates
(`[[page_type_gate]]` and `[[block_type_gate]]` in `rules/flags.toml`).

The detectors read a passage against the conventions of edited reference prose. Other
pages break those conventions by nature: a forum thread is many people writing in the
first person to each other (@names, requests, asides, other languages); a shop page holds
customer reviews, cards of unrelated items whose texts run together, and feature lead-ins
before grids; documentation holds example values (`John Doe`, `{{ var }}`, `[OPTION]`),
identifiers, instructions to the reader and lead-ins before code. On such a page a flag
of those kinds says what the page is, not what an editor left behind. A gate names page
types and the kinds it drops, and holds when the page-type model gives the page at least
`min_score` of probability of being one of those types (a gate over every type but
article holds on a page that is surely no article, whichever kind of page it is). The
flags a gate drops are counted by gate id, so the article says which gate did what.

A block gate does the same for a block type: a code block shows code as such (example
values, identifiers, `TODO` comments, words in any language), never prose an editor wrote,
so no prose kind means anything inside one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..model import Block, Flag
from .lexicon import tables

__all__ = ["Gate", "block_gates", "gate_flags", "gates"]


@dataclass(frozen=True, slots=True)
class Gate:
    id: str
    page_types: frozenset[str]
    kinds: frozenset[str]
    min_score: float  # the model's probability of the page types together at or above which the gate holds


@dataclass(frozen=True, slots=True)
class BlockGate:
    id: str
    block_types: frozenset[str]
    kinds: frozenset[str]


@lru_cache(maxsize=16)
def gates(paths: tuple[str, ...]) -> tuple[Gate, ...]:
    """The page-type gates of these rule files (`lexicon.files(cfg)`), in file order."""
    return tuple(Gate(gid, frozenset(t["page_types"]), frozenset(t["kinds"]), float(t.get("min_score", 0.0)))
                 for gid, t in tables(paths, "page_type_gate").items())


@lru_cache(maxsize=16)
def block_gates(paths: tuple[str, ...]) -> tuple[BlockGate, ...]:
    """The block-type gates of these rule files, in file order."""
    return tuple(BlockGate(gid, frozenset(t["block_types"]), frozenset(t["kinds"]))
                 for gid, t in tables(paths, "block_type_gate").items())


def gate_flags(flags: list[Flag], page_type: Mapping[str, float] | None, paths: tuple[str, ...],
               blocks: list[Block], offs: list[int], gated: Counter[str] | None = None) -> list[Flag]:
    """`flags` without those of a kind a gate drops: on this page (`page_type`: the page-type
    model's probability of each type; None: no page gate holds), or inside a block of a gated
    type (`offs`: each block's start in the text); `gated`, when given, gains the count of
    flags each gate dropped."""
    if not flags:
        return flags
    holding: list[Gate | BlockGate] = []
    if page_type:
        holding += [g for g in gates(paths) if sum(page_type.get(t, 0.0) for t in g.page_types) >= g.min_score]
    spans = [(g, offs[i], offs[i] + len(b.text)) for g in block_gates(paths)
             for i, b in enumerate(blocks) if b.type in g.block_types]
    if not holding and not spans:
        return flags
    kept = []
    for f in flags:
        by = next((g for g in holding if f.kind in g.kinds), None)
        if by is None:
            by = next((g for g, start, end in spans if f.kind in g.kinds and start <= f.start and f.end <= end), None)
        if by is None:
            kept.append(f)
        elif gated is not None:
            gated[by.id] += 1
    return kept
