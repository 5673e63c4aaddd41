"""Near-duplicate groups on a Dask cluster, for corpora beyond one machine.

The same grouping as `groups.near_groups`, as a map-shuffle-reduce over a Dask bag:
1. per partition: each (id, text) -> its Sketch, then one record per LSH band,
   (band key, id, sketch);
2. shuffle: records grouped by band key (`Bag.groupby`, a task shuffle), so every bucket
   of candidates lands on one worker;
3. per bucket: verified pairs (`groups.verified_pairs`);
4. join: the pairs (few: copies are rare) are collected and joined into connected
   components on the client.
Prefect runs these tasks on the same cluster through prefect-dask's DaskTaskRunner; this
module only needs dask.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .groups import UnionFind, verified_pairs
from .index import band_keys
from .text import Sketch, sketch


def _band_records(part: Iterable[tuple[str, str]]) -> Iterator[tuple[int, str, Sketch]]:
    for doc_id, text in part:
        sk = sketch(text)
        for key in band_keys(sk.sig)[0].tolist():
            yield key, doc_id, sk


def _bucket_pairs(bucket: tuple[int, list[tuple[int, str, Sketch]]]) -> list[tuple[str, str]]:
    _, recs = bucket
    if len(recs) < 2:
        return []
    members = sorted({r[1]: r[2] for r in recs}.items())
    return list(verified_pairs([m[0] for m in members], [m[1] for m in members]))


def near_groups_dask(docs: Any, npartitions: int | None = None) -> list[list[str]]:
    """Groups of near copies among a Dask bag of (id, text), as `near_groups` returns them.

    `docs` may also be a list of (id, text), turned into a bag of `npartitions` parts.
    Runs on the current Dask scheduler (a `distributed.Client` if one is active)."""
    import dask.bag as db

    bag = docs if isinstance(docs, db.Bag) else db.from_sequence(list(docs), npartitions=npartitions or 4)
    records = bag.map_partitions(lambda part: list(_band_records(part)))
    pairs = records.groupby(lambda r: r[0], shuffle="tasks").map(_bucket_pairs).flatten().distinct()
    uf = UnionFind()
    for a, b in pairs.compute():
        uf.union(a, b)
    return uf.groups()
