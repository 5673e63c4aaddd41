"""One run at a time per `curated/`: an exclusive lock on `curated/.ascurate/run.lock`.

Two runs writing the same folder would interleave article files, errors.jsonl and the
state's view of which input made which article. `fcntl.flock` is held by the open file,
so the kernel releases it when the holder exits in any way (even SIGKILL): a crashed
run never leaves a stale lock behind, and the next run needs no clean-up to start.
The file records who holds it (pid, host, start time) so the waiting run can say so.
Within one process the lock is re-entrant, so the flow can hold it across the Curator
and the review sync while the Curator takes it too.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

_HELD: dict[Path, list[object]] = {}  # lock path -> [open file, holders]: re-entrant within a process
_GUARD = threading.Lock()


class RunLocked(RuntimeError):
    """Another run holds the lock on this curated/ folder."""


class RunLock:
    """`with RunLock(out, timeout):` waits up to `timeout` seconds, then raises RunLocked.
    `on_wait(holder)` is called once when the lock is taken and the wait begins, so a
    waiting run can say why it is silent."""

    def __init__(self, out: str | Path, timeout: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(out) / ".ascurate" / "run.lock"
        self.timeout = timeout
        self.on_wait = on_wait
        self._fh: IO[str] | None = None
        self._owner = False

    def acquire(self) -> RunLock:
        """Take the lock; a process that holds it already (the flow around its Curator) just counts."""
        if self._fh is not None:
            return self
        key = self.path.resolve()
        with _GUARD:
            if key in _HELD:
                _HELD[key][1] += 1  # type: ignore[operator]
                self._fh = _HELD[key][0]  # type: ignore[assignment]
                return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # read-write without O_APPEND: the holder line is written at the start, then cut to length
        fh = os.fdopen(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644), "r+", encoding="utf-8")
        try:
            self._wait(fh)
        except BaseException:  # refused, or a signal while waiting (SIGTERM, Ctrl-C): nothing left open
            fh.close()
            raise
        # written over the old holder's line, then cut to length: a reader never sees an empty file
        # because of us (only before a first holder has written, which `holder` waits out)
        fh.seek(0)
        fh.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                             "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}) + "\n")
        fh.truncate()
        fh.flush()
        self._fh = fh
        self._owner = True
        with _GUARD:
            _HELD[key] = [fh, 1]
        return self

    def _wait(self, fh: IO[str]) -> None:
        deadline = time.monotonic() + max(0.0, self.timeout)
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                raise RunLocked(
                    f"another ascurate run is writing {self.path.parent.parent} "
                    f"({self.holder() or 'holder unknown'}); waited {self.timeout:g} s. "
                    "Let it finish, or point this run at another output folder.")
            if self.on_wait is not None:
                self.on_wait(self.holder() or "holder unknown")
                self.on_wait = None
            time.sleep(0.2)

    def holder(self) -> str:
        """Who holds the lock, as its holder wrote it; "" if unknown. A holder writes just after
        it takes the lock, so an empty or half-written file is read again for up to 0.5 s."""
        for _ in range(10):
            try:
                info = json.loads(self.path.read_text(encoding="utf-8") or "{}")
            except OSError:
                return ""
            except ValueError:
                info = {}
            if info:
                return f"pid {info.get('pid')} on {info.get('host')} since {info.get('since')}"
            time.sleep(0.05)
        return ""

    def release(self) -> None:
        if self._fh is None:
            return
        key = self.path.resolve()
        with _GUARD:
            held = _HELD.get(key)
            if not self._owner:  # a nested holder: the one that opened the file unlocks it
                if held is not None:
                    held[1] -= 1  # type: ignore[operator]
                self._fh = None
                return
            _HELD.pop(key, None)
        fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        self._fh.close()
        self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
