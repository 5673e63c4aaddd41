"""The per-document time limit (`doc_timeout`): one pathological page must cost that page
only, never the batch or the night's run.

Where the time goes decides the mechanism. Most of a document's time is Python
(trafilatura's tree walks, our rules), but the worst cases are single C calls: a rule's
regular expression backtracking over a 200 KB line without punctuation, lxml on deeply
nested markup, a crash inside a C extension. No in-process mechanism stops those
(`signal.setitimer` and async exceptions both wait for the C call to return, and a
signal only reaches the main thread, while flows run batches in worker threads). So a
document is curated in a child process that is killed at the deadline:

- `DocumentRunner` keeps one child (a `multiprocessing` pool of one, forked from a
  clean single-threaded forkserver, so forking is safe from a threaded flow) for a
  batch and sends it one document at a time. Past `doc_timeout` the child is
  terminated, the document gets an error record, and a fresh child takes the rest.
  A child that dies (segfault, out of memory) costs that document the same way.
  Cost: a Document and an Article pickled across a pipe, ~1 ms against ~30 ms of work.
- Where a child cannot be started (inside a daemonic pool worker, or with
  `doc_timeout <= 0`), documents run in-process; with a positive limit a watchdog
  thread raises `DocumentTimeout` inside the worker thread (CPython's
  `PyThreadState_SetAsyncExc`), which stops Python-level loops but not a long C call.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any, TypeVar

T = TypeVar("T")


class DocumentTimeout(BaseException):
    """Raised in place of a document's result when it overruns `doc_timeout`.

    A BaseException so that library code's `except Exception` cannot swallow it."""


def _preload() -> list[str]:
    return ["ascurate.warm"]  # imports the pipeline and loads models, so children start warm


class DocumentRunner:
    """Runs `fn(*args)` per document under a deadline; use as a context manager per batch."""

    def __init__(self, timeout: float, isolate: bool = True) -> None:
        self.timeout = timeout
        self.isolate = isolate and timeout > 0
        self._pool: Pool | None = None
        self.restarts = 0

    def __enter__(self) -> DocumentRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _get_pool(self) -> Pool | None:
        if self._pool is None and self.isolate:
            try:
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(_preload())
                self._pool = ctx.Pool(1)
            except (AssertionError, OSError, ValueError):  # daemonic process: no children allowed
                self.isolate = False
        return self._pool

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args), or DocumentTimeout if it overruns (or kills its process)."""
        pool = self._get_pool()
        if pool is None:
            return call_with_deadline(fn, args, self.timeout)
        pending = pool.apply_async(fn, args)
        try:
            return pending.get(self.timeout)
        except multiprocessing.TimeoutError:
            self.close()  # the child may be stuck in C: only killing it frees the core
            self.restarts += 1
            raise DocumentTimeout(f"did not finish within doc_timeout={self.timeout:g} s "
                                  "(stuck, or crashed its worker process); skipped") from None


# ---------------------------------------------------------------- in-process fallback

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


class _Watchdog:
    """One thread per process that interrupts overrunning calls in other threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.deadlines: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self.fired: set[int] = set()
        self.next = 0
        self.thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self.lock:
            self.next += 1
            self.deadlines[self.next] = (time.monotonic() + seconds, threading.get_ident())
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="ascurate-doc-timeout", daemon=True)
                self.thread.start()
            return self.next

    def disarm(self, token: int) -> bool:
        """Forget the deadline; clear an interrupt that was sent but not yet raised."""
        with self.lock:
            _, tid = self.deadlines.pop(token, (0.0, 0))
            fired = token in self.fired
            if fired:
                self.fired.discard(token)
                _set_async_exc(tid, None)  # NULL clears a pending async exception
            return fired

    def _loop(self) -> None:
        while True:
            time.sleep(0.05)
            now = time.monotonic()
            with self.lock:
                for token, (deadline, tid) in self.deadlines.items():
                    if now >= deadline:
                        # sent again every second in case a bare `except:` swallowed it
                        _set_async_exc(tid, DocumentTimeout)
                        self.fired.add(token)
                        self.deadlines[token] = (now + 1.0, tid)


_WATCHDOG = _Watchdog()


def call_with_deadline(fn: Callable[..., T], args: tuple[Any, ...], seconds: float) -> T:
    """fn(*args) in this thread, interrupted with DocumentTimeout after `seconds` (0: no limit)."""
    if seconds <= 0:
        return fn(*args)
    token = _WATCHDOG.arm(seconds)
    try:
        return fn(*args)
    except DocumentTimeout:
        raise DocumentTimeout(f"did not finish within doc_timeout={seconds:g} s; skipped") from None
    finally:
        _WATCHDOG.disarm(token)  # a result that came just as the deadline passed is kept
