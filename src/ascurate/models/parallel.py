"""Independent training work in worker processes (the trainers' `--jobs N`).

A trainer's site folds are independent fits, and rendering or featurising pages is per
page: on a 2-core machine two processes halve the wall time of both. Workers are started
by spawn (never fork: a process that has run LightGBM holds OpenMP threads a fork does
not copy), each fit keeps `num_threads=1` and its seed, so what a worker computes is
what the serial path computes, bit for bit. With one job everything runs in the calling
process, as the serial trainer did. Each task reports its worker's CPU time, so a trainer
can print the CPU-s of each process: on an idle machine the busiest process's CPU-s is
the wall time, which a shared machine's wall clock does not show.
"""

from __future__ import annotations

import collections
import itertools
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

_LOADED: dict[str, np.ndarray] = {}  # a worker's arrays, read from the files `Pool.share` wrote


def default_jobs() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def shared(array: np.ndarray | str) -> np.ndarray:
    """An array given to a task: itself (one job), or read once per worker from the file
    `Pool.share` wrote (memory-mapped: the workers share the pages)."""
    if isinstance(array, np.ndarray):
        return array
    found = _LOADED.get(array)
    if found is None:
        found = _LOADED[array] = np.load(array, mmap_mode="r", allow_pickle=False)
    return found


def _timed(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[int, float, Any]:
    out = fn(*args)
    return os.getpid(), time.process_time(), out


def _timed_chunk(fn: Callable[..., Any], chunk: tuple[tuple[Any, ...], ...]) -> tuple[int, float, list[Any]]:
    out = [fn(*args) for args in chunk]
    return os.getpid(), time.process_time(), out


class Pool:
    """`jobs` worker processes (spawned), or none for one job; use as a context manager."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._executor = (ProcessPoolExecutor(self.jobs, mp_context=get_context("spawn"))
                          if self.jobs > 1 else None)
        self._dir = tempfile.TemporaryDirectory(prefix="ascurate-jobs-") if self._executor else None
        self._shared = 0
        self.cpu: dict[int, float] = {}  # each worker's CPU-s so far (its own process time)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    def share(self, array: np.ndarray) -> np.ndarray | str:
        """`array` as tasks take it (see `shared`): written once to a file for the workers."""
        if self._dir is None:
            return array
        self._shared += 1
        path = str(Path(self._dir.name) / f"{self._shared}.npy")
        np.save(path, np.ascontiguousarray(array), allow_pickle=False)
        return path

    def _note(self, pid: int, cpu: float) -> None:
        self.cpu[pid] = max(cpu, self.cpu.get(pid, 0.0))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Job:
        """`fn(*args)` in a worker (a module-level function: spawned workers import it)."""
        if self._executor is None:
            return Job(self, None, fn(*args))
        return Job(self, self._executor.submit(_timed, fn, args))

    def map(self, fn: Callable[..., Any], items: Iterable[tuple[Any, ...]], chunk: int = 16) -> list[Any]:
        """`[fn(*args) for args in items]`, in order, `chunk` items per task; `items` is read
        as the workers go (a few chunks ahead), so a corpus is not held whole in memory."""
        if self._executor is None:
            return [fn(*args) for args in items]
        out: list[Any] = []
        waiting: collections.deque[Future[tuple[int, float, list[Any]]]] = collections.deque()

        def collect() -> None:
            pid, cpu, part = waiting.popleft().result()
            self._note(pid, cpu)
            out.extend(part)

        it = iter(items)
        while batch := tuple(itertools.islice(it, chunk)):
            if len(waiting) >= 4 * self.jobs:
                collect()
            waiting.append(self._executor.submit(_timed_chunk, fn, batch))
        while waiting:
            collect()
        return out


class Job:
    """A submitted task: `result()` waits for it (and notes its worker's CPU time)."""

    def __init__(self, pool: Pool, future: Future[tuple[int, float, Any]] | None, out: Any = None) -> None:
        self._pool, self._future, self._out = pool, future, out

    def result(self) -> Any:
        if self._future is not None:
            pid, cpu, self._out = self._future.result()
            self._pool._note(pid, cpu)
            self._future = None
        return self._out


class Clock:
    """Prints each phase's CPU-s: the calling process's, each worker's, and their sum; and
    the phase's wall time on an idle machine, taken as its busiest process's CPU-s."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.cpu, self.wall = time.process_time(), time.monotonic()
        self.workers = dict(pool.cpu)
        self.idle_wall = 0.0

    def lap(self, what: str) -> None:
        cpu, wall = time.process_time(), time.monotonic()
        own = cpu - self.cpu
        workers = {pid: c - self.workers.get(pid, 0.0) for pid, c in self.pool.cpu.items()}
        busiest = max([own, *workers.values()])
        self.idle_wall += busiest
        each = " + ".join(f"{c:.0f}" for c in workers.values())
        print(f"[{what}: {own + sum(workers.values()):.0f} CPU-s (main {own:.0f}"
              + (f", workers {each}" if workers else "")
              + f"), {wall - self.wall:.0f} s wall]", flush=True)
        self.cpu, self.wall, self.workers = cpu, wall, dict(self.pool.cpu)

    def total(self) -> str:
        """The run's CPU-s (workers' own and their start-up included, once they are shut
        down), its wall time on an idle machine, and the peak resident memory."""
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        return (f"{cpu:.0f} CPU-s in all, about {self.idle_wall:.0f} s of wall time on an idle machine "
                f"(the busiest process of each phase), peak memory {own.ru_maxrss / 1024:.0f} MB (main)"
                + (f", {children.ru_maxrss / 1024:.0f} MB (largest worker)" if self.pool.jobs > 1 else ""))
