"""The near-duplicate index: LSH over MinHash signatures, loaded in one vectorised pass.

Banding as in datasketch's MinHashLSH: the signature is cut into BANDS bands of ROWS
values, and two articles are candidates when all values of some band agree (64 x 2: a
pair at Jaccard 0.2 is a candidate with probability 0.93). Candidates are then verified
(`text.is_near_copy`), so LSH only decides what gets compared.

Why not datasketch's MinHashLSH object here: it inserts a signature into Python dicts
band by band, which every run would pay again for every article ever curated
(bench/dedup.py measures it). The articles of earlier runs are instead one
sorted numpy array of band keys, built in one vectorised pass; this run's articles go
into a dict. `groups.near_groups` uses datasketch's MinHashLSH with the same bands for the
one-shot batch path, and the tests check that the paths agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .text import NUM_PERM, Sketch, containment, is_near_copy

BANDS, ROWS = 64, 2
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BAND_IDS = np.arange(1, BANDS + 1, dtype=np.uint64)


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """(n, NUM_PERM) uint32 signatures -> (n, BANDS) uint64 keys, one per band.

    A key hashes the band's ROWS values and the band's number, so that keys of all bands
    can share one table; unequal bands collide with probability ~2**-64 (a collision only
    adds a candidate that verification rejects)."""
    sigs = np.asarray(sigs).astype(np.uint64)
    keys = _BAND_IDS if sigs.ndim == 1 else np.broadcast_to(_BAND_IDS, (sigs.shape[0], BANDS))
    for j in range(ROWS):
        keys = keys * _MIX + sigs[..., j:BANDS * ROWS:ROWS]
    return np.atleast_2d(keys)


class BandIndex:
    """Sketches by row number; `query` returns the rows of verified near copies."""

    def __init__(self, sigs: np.ndarray | None = None, sizes: np.ndarray | None = None) -> None:
        self._base = np.zeros((0, NUM_PERM), dtype=np.uint32) if sigs is None else np.asarray(sigs, dtype=np.uint32)
        self._base_sizes = np.zeros(len(self._base), dtype=np.int64) if sizes is None else np.asarray(sizes)
        keys = band_keys(self._base).ravel() if len(self._base) else np.zeros(0, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._rows = (order // BANDS).astype(np.int32)
        self._live: list[Sketch] = []  # sketches added this run: rows len(base)...
        self._table: dict[int, int | list[int]] = {}  # band key -> row, or rows when shared
        self.dead: set[int] = set()  # rows superseded (an article reprocessed with new text)

    def __len__(self) -> int:
        return len(self._base) + len(self._live)

    def sketch(self, row: int) -> Sketch:
        n = len(self._base)
        return Sketch(self._base[row], int(self._base_sizes[row])) if row < n else self._live[row - n]

    def add(self, sk: Sketch, keys: np.ndarray | None = None) -> int:
        row = len(self)
        self._live.append(sk)
        table = self._table
        for key in (band_keys(sk.sig)[0] if keys is None else keys).tolist():
            prev = table.get(key)
            if prev is None:
                table[key] = row
            elif type(prev) is int:
                table[key] = [prev, row]
            else:
                prev.append(row)
        return row

    def candidates(self, sig: np.ndarray, keys: np.ndarray | None = None) -> set[int]:
        keys = band_keys(sig)[0] if keys is None else keys
        rows: set[int] = set()
        if len(self._keys):
            lo = np.searchsorted(self._keys, keys, "left")
            hi = np.searchsorted(self._keys, keys, "right")
            for b in np.flatnonzero(hi > lo).tolist():
                rows.update(self._rows[lo[b]:hi[b]].tolist())
        table = self._table
        for key in keys.tolist():
            got = table.get(key)
            if got is None:
                continue
            if type(got) is int:
                rows.add(got)
            else:
                rows.update(got)
        return rows - self.dead if self.dead else rows

    def query(self, sk: Sketch, keys: np.ndarray | None = None) -> list[tuple[float, float, int]]:
        """(jaccard, containment, row) of verified near copies, most similar first."""
        rows = sorted(self.candidates(sk.sig, keys))
        if not rows:
            return []
        others = [self.sketch(r) for r in rows]
        sims = np.count_nonzero(np.stack([o.sig for o in others]) == sk.sig, axis=1) / NUM_PERM
        hits = [(j, round(containment(j, sk.size, o.size), 3), r)
                for j, o, r in zip(sims.tolist(), others, rows, strict=True) if is_near_copy(j, sk.size, o.size)]
        return sorted(hits, key=lambda h: (-h[1], -h[0], h[2]))


def stack(blobs: Iterable[bytes | None], n: int) -> np.ndarray:
    """Signatures stored as bytes (little-endian uint32) -> an (n, NUM_PERM) array."""
    empty = bytes(4 * NUM_PERM)
    joined = b"".join(b if b else empty for b in blobs)
    return np.frombuffer(joined, dtype="<u4").reshape(n, NUM_PERM).astype(np.uint32)
