"""The per-document CPU limit (`doc_timeout`): one pathological page costs that page only.

The worst pages hang inside one C call (a regular expression backtracking over a long
line, lxml on deep markup), which no in-process timer interrupts. So a `DocumentRunner`
curates its documents in one child process, forked from a warm forkserver (safe from
a threaded flow). Before each document the child sets its CPU limit (RLIMIT_CPU) to
what it has used plus `doc_timeout`: past it the kernel kills it, that document gets an
error, and a fresh child takes the rest. CPU seconds, not wall seconds, so a busy
machine does not cut normal pages; a child that crashes costs its document the same way,
and one that answers nothing for `backstop` wall seconds is killed as stuck.

A process told to stop (`stop()`, on SIGTERM or SIGINT) kills its children and starts
no more documents: a batch in flight raises RunStopped, so a run stops at once instead of
finishing its batches, and no document is recorded as failed for being cut short.

Where no child can be started (a daemonic process such as a Dask worker), documents run
in the calling thread and a watchdog interrupts Python code that overruns (it cannot
stop a long C call).
"""

from __future__ import annotations

import ctypes
import itertools
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from .memory import Trimmer

T = TypeVar("T")


class DocumentTimeout(BaseException):
    """A document overran `doc_timeout`, crashed its child or got stuck. A BaseException,
    so that library code's `except Exception` cannot swallow it."""


class RunStopped(BaseException):
    """The process was told to stop (`stop()`) while documents were running. Not a
    DocumentTimeout: the documents are not at fault, and are done again by the next run."""


_stopping = threading.Event()


def stop() -> None:
    """This process is ending: every runner kills its child and runs no more documents."""
    _stopping.set()


def stopping() -> bool:
    """Whether `stop()` was called."""
    return _stopping.is_set()


def check() -> None:
    """RunStopped if the process was told to stop: for loops that wait or submit work."""
    if _stopping.is_set():
        raise RunStopped("the run was stopped")


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["ascurate.runtime.warm"])  # children start with the pipeline and models loaded
    return ctx


def _serve(conn: Connection, nice: int) -> None:
    """The child: for each request (fn, items, args, limit), fn(item, *args) per item under
    its own CPU limit, each answer sent as soon as it is ready."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a killed child leaves no core file
    if nice:
        os.nice(nice)
    trimmer = Trimmer()
    while True:
        try:
            fn, items, args, limit = conn.recv()
        except (EOFError, OSError):
            return
        for item in items:
            if limit > 0:
                used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
                hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
                soft = math.ceil(used + limit)
                resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
            try:
                reply: tuple[bool, Any] = (True, fn(item, *args))
            except BaseException as e:  # noqa: BLE001 - this document's error, reported to the parent
                reply = (False, f"{type(e).__name__}: {e}")
            try:
                conn.send(reply)
            except Exception as e:  # noqa: BLE001 - a result that cannot be pickled
                conn.send((False, f"result cannot be returned: {type(e).__name__}: {e}"))
            del reply
            trimmer.after_work()  # a large page's peak does not stay with the child (memory.py)


_MAIN_LOCK = threading.Lock()


@contextmanager
def _main_not_reimported() -> Iterator[None]:
    """multiprocessing re-imports the parent's main script in each child, so a script
    without `if __name__ == "__main__"` would run (and write) again there. The child needs
    nothing from __main__: hide it while the child starts."""
    main = sys.modules.get("__main__")
    with _MAIN_LOCK:
        saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__}
        if main is not None:
            main.__dict__.pop("__file__", None)
            main.__spec__ = None
        try:
            yield
        finally:
            if main is not None:
                main.__dict__.pop("__spec__", None)
                main.__dict__.update(saved)


def prestart() -> None:
    """Start the forkserver now, so its warm-up overlaps what the caller does next."""
    from multiprocessing import forkserver

    try:
        _context()
        with _main_not_reimported():
            forkserver.ensure_running()
    except (OSError, ValueError):  # no forkserver here: children start when first needed, or never
        pass


def _call(fn_args: tuple[Callable[..., T], tuple[Any, ...]]) -> T:
    fn, args = fn_args
    return fn(*args)


class DocumentRunner:
    """Runs documents under a CPU limit each, in one child kept from call to call
    (pipeline.py keeps one per thread); use as a context manager or call `close()`."""

    def __init__(self, timeout: float, isolate: bool = True, nice: int = 0) -> None:
        self.timeout = timeout
        self.nice = nice  # the child's niceness: > 0 yields the CPU to other work
        self.isolate = isolate and timeout > 0
        self.backstop = max(10 * timeout, 60.0)  # wall seconds without an answer: stuck
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock = threading.RLock()  # close() from another thread waits for a document in flight
        self._answered = 0  # answers from the current child
        self._failed_start = False  # the last child exited with an error before its first answer
        self.documents = 0  # documents run, over all children
        self.restarts = 0

    def __enter__(self) -> DocumentRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            if self._proc is not None:
                self._proc.kill()
                self._proc.join(5)
            self._proc = self._conn = None

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args); DocumentTimeout if it overruns, crashes or hangs; RuntimeError if it raised."""
        (out,) = self.map(_call, [(fn, args)])
        if isinstance(out, BaseException):
            raise out
        return out

    def map(self, fn: Callable[..., T], items: Sequence[Any], *args: Any) -> Iterator[T | BaseException]:
        """fn(item, *args) for each item, in order, each under its own CPU limit. One request
        carries the items and the answers stream back, so the child never waits for the
        caller between documents. An item that overruns, crashes or hangs yields its
        DocumentTimeout and the rest go on in a fresh child; one whose fn raised yields a
        RuntimeError. RunStopped once the process is told to stop."""
        with self._lock:
            i = 0
            while i < len(items):
                if _stopping.is_set():
                    self.close()
                    check()
                conn = self._child()
                if conn is None:  # no child possible: here, under the watchdog
                    for item in items[i:]:
                        self.documents += 1
                        check()
                        try:
                            yield call_with_deadline(fn, (item, *args), self.timeout)
                        except DocumentTimeout as e:
                            yield e
                        except Exception as e:  # noqa: BLE001 - as a child reports it
                            yield RuntimeError(f"{type(e).__name__}: {e}")
                    return
                done, first = False, i
                try:
                    start = time.monotonic()
                    conn.send((fn, list(items[i:]), args, self.timeout))
                    for _ in items[i:]:
                        self.documents += 1
                        ok, value = self._answer(conn, start)
                        start = time.monotonic()
                        i += 1
                        yield value if ok else RuntimeError(value)
                    done = True
                except (DocumentTimeout, EOFError, OSError) as e:
                    lost = e if isinstance(e, DocumentTimeout) else self._lost(time.monotonic() - start)
                    if i == first and self._failed_start:  # the child never came up (it could not import
                        # the caller's modules, say): the documents run here instead
                        self.isolate = False
                        continue
                    i += 1
                    done = True
                    yield lost
                finally:
                    if not done:  # the caller stopped reading: the pipe holds answers nobody takes
                        self.close()

    def _child(self) -> Connection | None:
        if self._proc is None and self.isolate:
            try:
                ctx = _context()
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=_serve, args=(child, self.nice), daemon=True, name="ascurate-document")
                with _main_not_reimported():
                    proc.start()
                child.close()
                self._proc, self._conn, self._answered = proc, parent, 0
            except (AssertionError, OSError, ValueError):  # a daemonic process may not have children
                self.isolate = False
        return self._conn

    def _answer(self, conn: Connection, start: float) -> tuple[bool, Any]:
        """The child's next answer; DocumentTimeout if it dies or hangs first."""
        assert self._proc is not None
        try:
            while not conn.poll(0.05):
                if _stopping.is_set():
                    self.close()
                    check()
                if not self._proc.is_alive() or time.monotonic() - start > self.backstop:
                    raise self._lost(time.monotonic() - start)
            answer: tuple[bool, Any] = conn.recv()
        except (EOFError, OSError):
            raise self._lost(time.monotonic() - start) from None
        self._answered += 1
        return answer

    def _lost(self, waited: float) -> DocumentTimeout:
        """The child died or hung: say which, and start afresh for the next document."""
        proc = self._proc
        assert proc is not None
        proc.join(0 if waited > self.backstop else 2)  # a child whose pipe just closed is still exiting
        alive, code = proc.is_alive(), proc.exitcode
        self._failed_start = self._answered == 0 and code is not None and code > 0
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
_deadlines: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
_fired: set[int] = set()
_watch_lock = threading.Lock()
_watcher: list[threading.Thread] = []
_tokens = itertools.count()


def _watch() -> None:
    """Raise DocumentTimeout in each thread past its deadline (again every second, in case
    a bare `except:` swallowed it)."""
    while True:
        time.sleep(0.05)
        with _watch_lock:
            now = time.monotonic()
            for token, (deadline, tid) in _deadlines.items():
                if now >= deadline:
                    _set_async_exc(tid, DocumentTimeout)
                    _fired.add(token)
                    _deadlines[token] = (now + 1.0, tid)


def call_with_deadline(fn: Callable[..., T], args: tuple[Any, ...], seconds: float) -> T:
    """fn(*args) in this thread, interrupted with DocumentTimeout after `seconds` (0: no limit)."""
    if seconds <= 0:
        return fn(*args)
    with _watch_lock:
        token = next(_tokens)
        _deadlines[token] = (time.monotonic() + seconds, threading.get_ident())
        if not _watcher or not _watcher[0].is_alive():
            _watcher[:] = [threading.Thread(target=_watch, name="ascurate-doc-timeout", daemon=True)]
            _watcher[0].start()
    try:
        return fn(*args)
    except DocumentTimeout:
        raise DocumentTimeout(f"did not finish within doc_timeout={seconds:g} s; skipped") from None
    finally:
        with _watch_lock:  # a result that came just as the deadline passed is kept
            _, tid = _deadlines.pop(token)
            if token in _fired:
                _fired.discard(token)
                _set_async_exc(tid, ctypes.py_object())  # NULL clears an interrupt not yet raised
