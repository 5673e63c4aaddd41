"""Duplicate groups as sets: the one-shot batch path, and a group as the review tool shows it.

`near_groups` is the single-machine reference for `dask_path.near_groups_dask`: LSH
candidates from datasketch's MinHashLSH (same bands as the index), verified by estimated
`is_near_copy`, joined into connected components.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from ..runtime.state import State
from .index import BANDS, ROWS
from .text import MIN_JACCARD, NUM_PERM, SCHEME, Sketch, is_near_copy


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return sorted(sorted(g) for g in out.values() if len(g) > 1)


def verified_pairs(ids: list[str], sketches: list[Sketch]) -> Iterable[tuple[str, str]]:
    """Pairs among `ids` (one LSH bucket, or a query's candidates) that are near copies."""
    sigs = np.stack([s.sig for s in sketches])
    for i in range(len(ids)):
        sims = np.count_nonzero(sigs[i + 1:] == sigs[i], axis=1) / NUM_PERM
        for j in np.flatnonzero(sims >= MIN_JACCARD).tolist():
            if is_near_copy(float(sims[j]), sketches[i].size, sketches[i + 1 + j].size):
                yield ids[i], ids[i + 1 + j]


def near_groups(sketches: Mapping[str, Sketch]) -> list[list[str]]:
    """Groups (sorted lists of ids, two or more) of near copies, on one machine."""
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    lean = {k: LeanMinHash(seed=1, hashvalues=v.sig, scheme=SCHEME) for k, v in sketches.items()}
    for k, m in lean.items():
        lsh.insert(k, m, check_duplication=False)
    uf = UnionFind()
    for k, m in lean.items():
        others = sorted(o for o in lsh.query(m) if o > k)
        for a, b in verified_pairs([k, *others], [sketches[x] for x in (k, *others)]):
            if a == k:
                uf.union(a, b)
    return uf.groups()


def group_members(out: str | Path, article_id: str) -> list[dict[str, Any]]:
    """For the review tool: the group of an article in a curated folder, kept copy first.

    Each member: id, input, site, words, status, duplicate_of, first_seen, and `decision`
    (None for the kept copy; else method, jaccard, containment, matched, rule, reason, as in the
    article's `metadata.dedup`). Empty when the article is unknown."""
    state = State(out)
    try:
        return state.group(article_id)
    finally:
        state.close()
