"""Sign-in under attack (issue 23, item 2): throttled per account and per client address
with 429 and Retry-After, and no more than a few argon2 checks at once, so a flood of
sign-ins leaves a signed-in editor's queue fast and the server's memory bounded."""

from __future__ import annotations

import asyncio
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient

from ascurate.review import auth
from ascurate.review.app import create_app
from ascurate.review.throttle import Limits, SignInGate, Throttled

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@pytest.fixture
def alice(store):
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        s.commit()
    return store


def attempt(c: TestClient, user: str, password: str):
    token = csrf_of(c.get("/login").text)
    return c.post("/login", data={"username": user, "password": password, "csrf": token}, follow_redirects=False)


def test_thirty_wrong_passwords_are_throttled_and_then_the_right_one_too(alice):
    clock = Clock()
    gate = SignInGate(Limits(), clock=clock)
    with TestClient(create_app(alice, gate=gate)) as c:
        codes = [attempt(c, "alice", f"guess {i}").status_code for i in range(30)]
        assert codes == [401] * Limits().account + [429] * (30 - Limits().account)
        r = attempt(c, "Alice ", "correct horse")  # the same account, however it is typed
        assert r.status_code == 429 and "Too many sign-in attempts" in r.text
        assert 0 < int(r.headers["retry-after"]) <= Limits().window
        clock.now += int(r.headers["retry-after"])  # the window passes
        r = attempt(c, "alice", "correct horse")
        assert r.status_code == 303 and c.get("/queue").status_code == 200


def test_a_client_address_is_throttled_across_accounts(alice):
    gate = SignInGate(Limits(address=5), clock=Clock())
    with TestClient(create_app(alice, gate=gate)) as c:
        assert [attempt(c, f"user{i}", "guess").status_code for i in range(5)] == [401] * 5
        r = attempt(c, "alice", "correct horse")
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_a_success_clears_its_account():
    gate = SignInGate(Limits(account=3, address=100), clock=Clock())

    def check(ok: bool):
        return lambda: "token" if ok else None

    async def main() -> list[str | None]:
        return [await gate.sign_in("bob", "10.0.0.1", check(ok)) for ok in (False, False, True, False, False)]

    assert anyio.run(main) == [None, None, "token", None, None]  # 4 failures, never 3 in a row: no 429


def test_throttled_attempts_check_no_password():
    gate = SignInGate(Limits(account=3), clock=Clock())
    checked = []

    def check():
        checked.append(1)

    async def main() -> None:
        for _ in range(3):
            await gate.sign_in("bob", "10.0.0.1", check)
        with pytest.raises(Throttled) as e:
            await gate.sign_in("bob", "10.0.0.2", check)
        assert e.value.status == 429 and e.value.retry_after == 900

    anyio.run(main)
    assert len(checked) == 3


def test_password_checks_run_a_few_at_once_and_the_rest_are_told_to_wait():
    gate = SignInGate(Limits(account=100, address=100, checks=2, wait=0.6, queue=6))
    running, peak, lock = [0], [0], threading.Lock()

    def check():
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1

    async def one(i: int) -> int:
        try:
            await gate.sign_in(f"user{i}", f"10.0.0.{i}", check)
        except Throttled as e:
            assert e.retry_after >= 1
            return e.status
        return 401

    async def main() -> list[int]:
        results: list[int] = []

        async def run(i: int) -> None:
            results.append(await one(i))

        async with anyio.create_task_group() as tg:
            for i in range(20):
                tg.start_soon(run, i)
        return results

    results = anyio.run(main)
    assert peak[0] == 2
    checked = results.count(401)
    assert 2 <= checked <= 8 and results.count(503) == 20 - checked  # busy: queue full or the wait ran out
    assert sum(len(t) for t in gate.accounts._times.values()) == checked  # refused for load: not counted


# ---------------------------------------------------------------- under load, a real server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


@pytest.mark.slow
def test_a_hundred_concurrent_sign_ins_leave_the_queue_fast_and_memory_bounded(alice, workdir):
    import httpx

    alice.close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([Path(sys.executable).parent / "ascurate", "review", "serve", "--curated",
                               str(workdir / "curated"), "--port", str(port), "--no-sync"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/login", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.2)
        editor = httpx.Client(base_url=base, timeout=30)
        page = editor.get("/login").text
        assert editor.post("/login", data={"username": "alice", "password": "correct horse",
                                           "csrf": csrf_of(page)}).status_code == 303
        for _ in range(3):
            assert editor.get("/queue").status_code == 200  # warm
        quiet = [_timed(editor) for _ in range(40)]
        rss_before = _rss_kib(server.pid)

        done = threading.Event()
        latencies: list[float] = []
        peak = [rss_before]

        def read_queue() -> None:
            while not done.is_set():
                latencies.append(_timed(editor))

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _rss_kib(server.pid))
                time.sleep(0.02)

        async def attack() -> list[int]:
            # 100 attempts at once from 100 addresses (uvicorn trusts X-Forwarded-For from
            # 127.0.0.1) on 100 accounts: the throttle lets every one through to argon2
            async with httpx.AsyncClient(base_url=base, timeout=60, cookies={"ascurate_login_csrf": "t"},
                                         limits=httpx.Limits(max_connections=100)) as c:
                async def one(i: int) -> int:
                    r = await c.post("/login", data={"username": f"user{i}", "password": "guess", "csrf": "t"},
                                     headers={"X-Forwarded-For": f"10.1.{i // 250}.{i % 250}"})
                    return r.status_code
                return list(await asyncio.gather(*(one(i) for i in range(100))))

        threads = [threading.Thread(target=read_queue), threading.Thread(target=sample)]
        for t in threads:
            t.start()
        t0 = time.monotonic()
        codes = asyncio.run(attack())
        attack_s = time.monotonic() - t0
        done.set()
        for t in threads:
            t.join()
        hwm = _rss_kib(server.pid, "VmHWM")
        p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 2 else latencies[0]
        print(f"\nqueue quiet: median {statistics.median(quiet) * 1000:.0f} ms, "
              f"p95 {statistics.quantiles(quiet, n=20)[-1] * 1000:.0f} ms; under 100 concurrent sign-ins: "
              f"{len(latencies)} requests, median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; attack {attack_s:.1f} s; "
              f"answers { {c: codes.count(c) for c in sorted(set(codes))} }; RSS {rss_before / 1024:.0f} MB before, "
              f"peak sampled {peak[0] / 1024:.0f} MB, VmHWM {hwm / 1024:.0f} MB")
        assert set(codes) <= {401, 503} and codes.count(401) >= 2
        assert p95 < 0.5
        assert hwm < 400 * 1024
    finally:
        server.terminate()
        server.wait(timeout=30)


def _timed(client) -> float:
    t = time.monotonic()
    assert client.get("/queue").status_code == 200
    return time.monotonic() - t

