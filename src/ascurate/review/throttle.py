"""Sign-in under attack: throttled per account and per client address, and a bound on
the password checks running at once.

An argon2id check costs memory and CPU on purpose. Unbounded, a burst of concurrent
sign-ins fills the desk's memory and starves the signed-in editors' pages. So:

- every attempt counts against its account and its client address in a sliding window
  *before* its password is checked (a burst of concurrent guesses is throttled as
  surely as a slow one); past the limit the answer is 429 with Retry-After and no
  password is checked, the right one included, until the window lets the account in
  again. A successful sign-in clears its account's count.
- at most `checks` passwords are checked at once, in threads of their own that run at a
  lower priority (nice 10; Linux keeps niceness per thread and argon2's lane threads
  inherit it), so the editors' pages win the CPU from a flood of checks; the other
  attempts wait for a slot on the event loop (holding no thread the editors' pages
  need), at most `wait` seconds and at most `queue` of them, else 503 with Retry-After.

Counts live in this process's memory: a restart forgets them, and several desk
processes each count on their own (one desk process is how `ascurate review serve`
runs). Behind a reverse proxy the client address is the proxy's unless uvicorn is told
to trust its forwarded headers (`--forwarded-allow-ips`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import anyio

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    account: int = 10  # attempts per account in a window
    address: int = 30  # attempts per client address in a window
    window: float = 900.0  # seconds
    checks: int = 2  # password checks at once (each holds argon2's memory and one core)
    wait: float = 5.0  # seconds an attempt waits for a check slot
    queue: int = 64  # attempts waiting for a slot at most
    keys: int = 10_000  # accounts and addresses remembered at most (oldest forgotten first)
    nice: int = 10  # the password-check threads' niceness (Linux)


class Throttled(Exception):
    """Refused before any password was checked: `status` 429 (too many attempts) or 503 (busy)."""

    def __init__(self, status: int, retry_after: int, code: str) -> None:
        super().__init__(code)
        self.status, self.retry_after, self.code = status, retry_after, code


class Window:
    """Attempt times per key in a sliding window, for a bounded number of keys."""

    def __init__(self, limit: int, seconds: float, keys: int) -> None:
        self.limit, self.seconds, self.keys = limit, seconds, keys
        self._times: OrderedDict[str, deque[float]] = OrderedDict()

    def wait(self, key: str, now: float) -> float:
        """Seconds until `key` may try again (0: it may now)."""
        times = self._times.get(key)
        if times is None:
            return 0.0
        while times and times[0] <= now - self.seconds:
            times.popleft()
        if not times:
            del self._times[key]
            return 0.0
        return times[0] + self.seconds - now if len(times) >= self.limit else 0.0

    def add(self, key: str, now: float) -> None:
        times = self._times.pop(key, None) or deque()
        times.append(now)
        self._times[key] = times  # newest last: the oldest keys go first when there are too many
        while len(self._times) > self.keys:
            self._times.popitem(last=False)

    def forget_one(self, key: str) -> None:
        times = self._times.get(key)
        if times:
            times.pop()

    def clear(self, key: str) -> None:
        self._times.pop(key, None)


class SignInGate:
    """Where every sign-in passes: `await gate.sign_in(account, address, check)`."""

    def __init__(self, limits: Limits | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits or Limits()
        self.clock = clock
        self.accounts = Window(self.limits.account, self.limits.window, self.limits.keys)
        self.addresses = Window(self.limits.address, self.limits.window, self.limits.keys)
        self._slots: anyio.Semaphore | None = None
        self._waiting = 0
        self._pool: ThreadPoolExecutor | None = None

    def admit(self, account: str, address: str) -> None:
        """Count an attempt, or raise Throttled(429) when its account or address is over the limit."""
        account = account.strip().casefold()
        now = self.clock()
        wait = max(self.accounts.wait(account, now), self.addresses.wait(address, now))
        if wait > 0:
            raise Throttled(429, math.ceil(wait), "throttled")
        self.accounts.add(account, now)
        self.addresses.add(address, now)

    def succeeded(self, account: str, address: str) -> None:
        self.accounts.clear(account.strip().casefold())
        self.addresses.forget_one(address)

    async def sign_in(self, account: str, address: str, check: Callable[[], T | None]) -> T | None:
        """`check()` (the password check, blocking) in a worker thread once admitted and a
        slot is free; its result (None: wrong password). Raises Throttled."""
        self.admit(account, address)
        if self._slots is None:
            self._slots = anyio.Semaphore(self.limits.checks)
            self._pool = ThreadPoolExecutor(self.limits.checks, "password-check", initializer=self._background)
        if self._waiting >= self.limits.queue:
            self._not_checked(account, address)
            raise Throttled(503, 1, "busy")
        self._waiting += 1
        try:
            with anyio.move_on_after(self.limits.wait) as waited:
                await self._slots.acquire()
            if waited.cancelled_caught:  # no slot in time: not acquired
                self._not_checked(account, address)
                raise Throttled(503, math.ceil(self.limits.wait), "busy")
        finally:
            self._waiting -= 1
        try:
            result = await asyncio.get_running_loop().run_in_executor(self._pool, check)
        finally:
            self._slots.release()
        if result is not None:
            self.succeeded(account, address)
        return result

    def _background(self) -> None:
        """A password-check thread yields the CPU to the editors' requests."""
        if sys.platform.startswith("linux"):  # elsewhere this would renice the whole process
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self.limits.nice)

    def _not_checked(self, account: str, address: str) -> None:
        """An attempt refused for load checked no password: it does not count."""
        self.accounts.forget_one(account.strip().casefold())
        self.addresses.forget_one(address)
