"""The per-document time limit (`doc_timeout`): one pathological page must cost that page
only, never the batch or the night's run.

Where the time goes decides the mechanism. Most of a document's time is Python
(trafilatura's tree walks, our rules), but the worst cases are single C calls: a rule's
regular expression backtracking over a 200 KB line without punctuation, lxml on deeply
nested markup, a crash inside a C extension. No in-process mechanism stops those
(`signal.setitimer` and async exceptions both wait for the C call to return, and a
signal only reaches the main thread, while flows run batches in worker threads). So a
document is curated in a child process that the kernel stops:

- `DocumentRunner` keeps one child (per flow thread, kept across batches; forked from a clean, single-threaded,
  pre-warmed forkserver, so forking is safe from a threaded flow) and sends it a
  document (`run`), or a whole batch in one request whose answers stream back one by
  one (`map`: the child reads one-document files itself and never waits for the
  caller between documents). Before each document the child sets its own CPU
  limit (RLIMIT_CPU) to what it has used plus `doc_timeout`; past it the kernel kills
  it with SIGXCPU, the document gets an error record, and a fresh child takes the rest.
  CPU seconds, not wall seconds: on a busy machine (two cores shared by many jobs) a
  normal page may take ten times its CPU time in wall time, and must not be cut.
  A child that crashes (segfault, out of memory) costs its document the same way; one
  that stops using CPU without answering (a deadlock) is killed after a generous
  wall-clock backstop.
  Cost: an article pickled across a pipe (and, with `run`, the page) per document.
- Where a child cannot be started (inside a daemonic pool worker, or with
  `doc_timeout <= 0`), documents run in-process; with a positive limit a watchdog
  thread raises `DocumentTimeout` inside the worker thread (CPython's
  `PyThreadState_SetAsyncExc`), which stops Python-level loops but not a long C call.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")


class DocumentTimeout(BaseException):
    """Raised in place of a document's result when it overruns `doc_timeout`.

    A BaseException so that library code's `except Exception` cannot swallow it."""


def _preload() -> list[str]:
    return ["ascurate.runtime.warm"]  # imports the pipeline and loads models, so children start warm


def _forkserver() -> Any:
    """The context document children start in: forked from a warm, single-threaded server."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_preload())
    return ctx


def prestart() -> None:
    """Start the forkserver that document children fork from now, so its warm-up (imports
    and models, in its own process) overlaps what the caller does next (the CLI:
    Prefect's start-up) instead of delaying the first document."""
    from multiprocessing import forkserver

    try:
        _forkserver()
        with _main_not_reimported():
            forkserver.ensure_running()
    except (OSError, ValueError):  # no forkserver here: children start when first needed, or never
        pass


def _serve(conn: Connection, nice: int = 0) -> None:
    """The child: run requests under a CPU limit per document until the pipe closes. A
    request is ("call", fn, args, limit), answered once, or ("map", fn, items, args,
    limit): fn(item, *args) for each item, each under its own limit, answered item by item."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a killed child leaves no core file
    if nice:
        os.nice(nice)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request[0] == "map":
            _, fn, items, args, limit = request
            for item in items:
                _answer(conn, fn, (item, *args), limit)
        else:
            _, fn, args, limit = request
            _answer(conn, fn, args, limit)


def _answer(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], limit: float) -> None:
    """fn(*args) with the process's CPU limit set to what it has used plus `limit`; the
    result, or the error it raised, goes back over the pipe."""
    if limit > 0:
        ru = resource.getrusage(resource.RUSAGE_SELF)
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = math.ceil(ru.ru_utime + ru.ru_stime + limit)
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    try:
        reply: tuple[str, Any] = ("ok", fn(*args))
    except BaseException as e:  # noqa: BLE001 - reported to the parent as this document's error
        reply = ("error", f"{type(e).__name__}: {e}")
    try:
        conn.send(reply)
    except Exception as e:  # noqa: BLE001 - a result that cannot be pickled
        conn.send(("error", f"result cannot be returned: {type(e).__name__}: {e}"))


_MAIN_LOCK = threading.Lock()


@contextmanager
def _main_not_reimported() -> Iterator[None]:
    """multiprocessing re-runs the parent's main script in every child it starts, so a
    script without `if __name__ == "__main__"` would run (and write) again in each one.
    The child needs nothing from __main__: hide it while the child is prepared."""
    main = sys.modules.get("__main__")
    with _MAIN_LOCK:
        if main is None:
            yield
            return
        saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
        main.__dict__.pop("__file__", None)
        main.__spec__ = None
        try:
            yield
        finally:
            main.__dict__.update(saved)
            if "__spec__" not in saved:
                main.__dict__.pop("__spec__", None)


class DocumentRunner:
    """Runs `fn(*args)` per document under a CPU-time limit, in one child reused from call to call
    (pipeline.py keeps one per thread); use as a context manager or call `close()`."""

    def __init__(self, timeout: float, isolate: bool = True, nice: int = 0) -> None:
        self.timeout = timeout
        self.nice = nice  # the child's scheduling niceness: >0 yields the CPU to other work
        self.isolate = isolate and timeout > 0
        self.backstop = max(10 * timeout, 60.0)  # wall seconds without an answer or CPU use: stuck
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None
        self._served = 0  # documents the current child has answered
        self.documents = 0  # documents run, over all children
        # close() may come from another thread (the end of a run): it waits for a document in flight
        self._lock = threading.RLock()
        self._startup_failed = False  # the last child exited on its own before its first answer
        self.restarts = 0

    def __enter__(self) -> DocumentRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(5)
            self._proc = None

    def _child(self) -> Connection | None:
        if self._proc is None and self.isolate:
            try:
                ctx = _forkserver()
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=_serve, args=(child, self.nice), daemon=True, name="ascurate-document")
                with _main_not_reimported():
                    proc.start()
                child.close()
                self._proc, self._conn, self._served = proc, parent, 0
            except (AssertionError, OSError, ValueError):  # a daemonic process may not have children
                self.isolate = False
        return self._conn

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args); DocumentTimeout if it overruns, crashes or hangs; RuntimeError if it raised."""
        with self._lock:
            return self._run(fn, args)

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        self.documents += 1
        conn = self._child()
        if conn is None:
            return call_with_deadline(fn, args, self.timeout)
        assert self._proc is not None
        fresh = self._served == 0
        start = time.monotonic()
        try:
            conn.send(("call", fn, args, self.timeout))
            kind, value = self._answer(conn, start)
        except DocumentTimeout:
            if fresh and self._startup_failed:
                # the child never came up (e.g. a script without `if __name__ == "__main__"`, which
                # every child re-imports): no isolation in this process, the document runs here
                self.isolate = False
                return call_with_deadline(fn, args, self.timeout)
            raise
        except (EOFError, OSError):  # the pipe broke as the request went out
            raise self._lost(time.monotonic() - start) from None
        if kind == "error":
            raise RuntimeError(value)
        return value  # type: ignore[no-any-return]

    def map(self, fn: Callable[..., T], items: Sequence[Any], *args: Any) -> Iterator[T | BaseException]:
        """fn(item, *args) for each item, in order, each under its own CPU limit. One request
        carries all the items and the answers stream back one by one, so the child never
        waits for the caller between documents (and reads its inputs itself when `fn`
        does). An item that overruns, crashes or hangs yields its DocumentTimeout, and the
        rest go on in a fresh child; an item whose `fn` raised yields a RuntimeError."""
        with self._lock:
            i = 0
            while i < len(items):
                conn = self._child()
                if conn is None:
                    for item in items[i:]:
                        self.documents += 1
                        try:
                            value = call_with_deadline(fn, (item, *args), self.timeout)
                        except DocumentTimeout as e:
                            yield e
                        except Exception as e:  # noqa: BLE001 - as a child reports it
                            yield RuntimeError(f"{type(e).__name__}: {e}")
                        else:
                            yield value
                    return
                i = yield from self._stream(conn, fn, items, i, args)

    def _stream(self, conn: Connection, fn: Callable[..., T], items: Sequence[Any], i: int,
                args: tuple[Any, ...]) -> Generator[T | BaseException, None, int]:
        """Items i.. in the current child; returns the index to go on from."""
        fresh = self._served == 0
        finished = False
        try:
            start = time.monotonic()
            try:
                conn.send(("map", fn, list(items[i:]), args, self.timeout))
            except (EOFError, OSError):
                lost: DocumentTimeout | None = self._lost(time.monotonic() - start)
            else:
                lost = None
            for j in range(i, len(items)):
                if lost is None:
                    self.documents += 1
                    try:
                        kind, value = self._answer(conn, start)
                    except DocumentTimeout as e:
                        lost = e
                    else:
                        start = time.monotonic()
                        yield RuntimeError(value) if kind == "error" else value
                        continue
                if j == i and fresh and self._startup_failed:
                    self.isolate = False  # the child never came up: the items run in this process
                    finished = True
                    return j
                finished = True
                yield lost
                return j + 1
            finished = True
            return len(items)
        finally:
            if not finished:  # the caller stopped reading: the pipe still holds answers it will never take
                self._close()

    def _answer(self, conn: Connection, start: float) -> tuple[str, Any]:
        """The child's next answer; DocumentTimeout if it dies or hangs first."""
        assert self._proc is not None
        try:
            while not conn.poll(0.05):
                if not self._proc.is_alive() or time.monotonic() - start > self.backstop:
                    raise self._lost(time.monotonic() - start)
            kind, value = conn.recv()
        except (EOFError, OSError):
            raise self._lost(time.monotonic() - start) from None
        self._served += 1
        return kind, value

    def _lost(self, waited: float) -> DocumentTimeout:
        """The child died or hung: say which, and start afresh for the next document."""
        proc = self._proc
        assert proc is not None
        proc.join(0 if waited > self.backstop else 2)  # a child whose pipe just closed is still exiting
        alive = proc.is_alive()
        code = proc.exitcode
        self._startup_failed = self._served == 0 and code is not None and code > 0
        self.close()
        self.restarts += 1
        if alive:
            return DocumentTimeout(f"no result after {waited:.0f} s without finishing (stuck); skipped")
        if code == -signal.SIGXCPU:
            return DocumentTimeout(f"used more than doc_timeout={self.timeout:g} s of CPU time; skipped")
        return DocumentTimeout(f"crashed the process curating it (exit {code}); skipped")


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
                _set_async_exc(tid, ctypes.py_object())  # NULL clears a pending async exception
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
