"""Freed heap goes back to the system (runtime/memory.py), as the document children rely on."""

from __future__ import annotations

import sys

import pytest

from ascurate.runtime import memory


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux") or memory._malloc_trim is None, reason="glibc only")
def test_freed_heap_under_live_objects_is_returned() -> None:
    # a large page's tree, then a little that stays: the freed pages sit under live chunks,
    # so free() alone cannot return them (only the top of the heap is trimmed)
    chunks = [bytearray(4000) for _ in range(25_000)]  # ~100 MB through malloc, not mmap
    keep = chunks[::500]
    del chunks
    before = _rss_mb()
    memory.release_freed_memory()
    after = _rss_mb()
    assert before - after > 50, (before, after)
    assert len(keep) == 50


@pytest.mark.skipif(not sys.platform.startswith("linux") or memory._malloc_trim is None, reason="glibc only")
def test_trimmer_trims_only_after_growth() -> None:
    trimmer = memory.Trimmer(slack=32 << 20)
    trimmer.after_work()  # nothing grew: the baseline stays
    base = trimmer.base
    chunks = [bytearray(4000) for _ in range(25_000)]
    keep = chunks[::500]
    del chunks
    grown = memory.resident_bytes()
    assert grown > base + (64 << 20)
    trimmer.after_work()
    assert trimmer.base < grown - (50 << 20)  # the freed pages went back; the new baseline is after the trim
    assert len(keep) == 50
