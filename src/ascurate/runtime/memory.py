"""Giving freed heap back to the system (glibc's malloc_trim; a no-op elsewhere).

glibc returns freed memory to the system only from the top of a heap: after a large
page's tree is freed, the pages it used stay with the process wherever a smaller
allocation sits above them. A document child that met one huge page kept that peak for
the rest of its life (docs/scheduling.md), and the flow's worker threads, each with its
own arena, kept every batch's unpickled articles. `malloc_trim(0)` releases the free
pages inside the heap too.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

try:
    _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc
    _malloc_trim = None


def release_freed_memory() -> None:
    """Return the heap's free pages to the system."""
    if _malloc_trim is not None:
        _malloc_trim(0)


def resident_bytes() -> int:
    """This process's resident set size (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class Trimmer:
    """Trims the heap after work that grew it by more than `slack` bytes: a trim costs
    little, but the pages it returns fault in again when the next document needs them,
    so a child trims after its large pages, not after every page."""

    def __init__(self, slack: int = 32 << 20) -> None:
        self.slack = slack
        self.base = resident_bytes()

    def after_work(self) -> None:
        if resident_bytes() > self.base + self.slack:
            release_freed_memory()
            self.base = resident_bytes()
