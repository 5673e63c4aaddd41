"""Two runs on the same curated/: the second waits for the first or stops with a clear
message, never interleaving; a killed holder leaves no stale lock."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from ascurate.config import Config
from ascurate.pipeline import run
from ascurate.runtime.lock import RunLock, RunLocked

from .test_crash import make_raw, snapshot

pytestmark = pytest.mark.crash  # kills processes mid-run: CI's second step

CFG = Config(batch_size=2, doc_timeout=0)


def _run(raw: str, out: str, lock_timeout: float, log: str) -> None:
    """One run; appends (pid, start, end) of its hold on curated/ to `log`, or the refusal."""
    from ascurate.runtime.lock import RunLocked as Locked

    try:
        summary = run(raw, out, CFG, lock_timeout=lock_timeout)
    except Locked as e:
        with open(log, "a") as fh:
            fh.write(json.dumps({"pid": os.getpid(), "refused": str(e)}) + "\n")
        return
    end = time.time()  # summary.seconds counts from the moment the Curator held the lock
    with open(log, "a") as fh:
        fh.write(json.dumps({"pid": os.getpid(), "start": end - summary.seconds, "end": end}) + "\n")


def _hold(out: str, seconds: float, then_kill: bool) -> None:
    lock = RunLock(out).acquire()
    time.sleep(seconds)
    if then_kill:
        os.kill(os.getpid(), signal.SIGKILL)
    lock.release()


def _try_lock(out: str) -> None:
    """Exit 0 if the lock could be taken at once, 3 if another holder has it."""
    try:
        RunLock(out).acquire().release()
    except RunLocked:
        os._exit(3)


def _start(target, *args):  # type: ignore[no-untyped-def]
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["ascurate.runtime.warm"])
    p = ctx.Process(target=target, args=args)
    p.start()
    return p


@pytest.fixture(scope="module")
def raw(tmp_path_factory, corpus) -> Path:
    return make_raw(tmp_path_factory.mktemp("conc"), corpus)


def test_two_runs_at_once_one_stops_with_a_clear_message(raw, tmp_path):
    out, log = tmp_path / "out", tmp_path / "log"
    procs = [_start(_run, str(raw), str(out), 0.0, str(log)) for _ in range(2)]
    for p in procs:
        p.join(120)
    rows = [json.loads(ln) for ln in log.read_text().splitlines()]
    done = [r for r in rows if "end" in r]
    refused = [r for r in rows if "refused" in r]
    assert len(done) == 1 and len(refused) == 1
    msg = refused[0]["refused"]
    assert "another ascurate run is writing" in msg and f"pid {done[0]['pid']}" in msg and str(out) in msg


def test_two_runs_at_once_the_second_waits_and_nothing_interleaves(raw, tmp_path):
    ref = tmp_path / "ref"
    run(raw, ref, CFG)
    out, log = tmp_path / "out", tmp_path / "log"
    procs = [_start(_run, str(raw), str(out), 120.0, str(log)) for _ in range(2)]
    for p in procs:
        p.join(240)
    rows = sorted((json.loads(ln) for ln in log.read_text().splitlines()), key=lambda r: r.get("start", 0))
    assert [("end" in r) for r in rows] == [True, True]
    first, second = rows
    # the second's hold on curated/ began after the first's ended (it waited at the lock)
    assert second["start"] >= first["end"] - 0.05
    assert snapshot(out) == snapshot(ref)


def test_library_run_refuses_while_another_process_holds_the_lock(raw, tmp_path):
    out = tmp_path / "out"
    holder = _start(_hold, str(out), 5.0, False)
    deadline = time.time() + 30
    while not (out / ".ascurate" / "run.lock").exists() or "pid" not in (out / ".ascurate" / "run.lock").read_text():
        assert time.time() < deadline
        time.sleep(0.05)
    with pytest.raises(RunLocked, match=f"pid {holder.pid}"):
        run(raw, out, CFG, lock_timeout=0.5)
    assert not (out / "articles").exists() or not any((out / "articles").iterdir())  # nothing written
    holder.join(30)
    assert run(raw, out, CFG).documents == 10  # free again once the holder let go


def test_a_killed_holder_leaves_no_stale_lock(raw, tmp_path):
    out = tmp_path / "out"
    holder = _start(_hold, str(out), 0.3, True)
    holder.join(30)
    assert holder.exitcode == -signal.SIGKILL and (out / ".ascurate" / "run.lock").exists()
    assert run(raw, out, CFG, lock_timeout=0).documents == 10


def test_lock_is_reentrant_in_one_process_and_released_by_its_owner(tmp_path):
    outer = RunLock(tmp_path).acquire()
    inner = RunLock(tmp_path).acquire()  # the Curator inside a flow that holds the lock
    inner.release()
    assert outer.held
    p = _start(_try_lock, str(tmp_path))
    p.join(30)
    assert p.exitcode == 3  # another process cannot take it while the owner holds it...
    outer.release()
    p = _start(_try_lock, str(tmp_path))
    p.join(30)
    assert p.exitcode == 0  # ...and takes it once the owner lets go


def test_the_holder_is_named_even_while_it_is_still_writing(tmp_path):
    """A holder writes its line just after it takes the lock: a refused run that reads the
    file in between waits for the line instead of saying 'holder unknown'; a reused lock
    file holds the new holder's line only, however long the old one was."""
    import threading

    lock = RunLock(tmp_path)
    lock.path.parent.mkdir(parents=True)
    lock.path.write_text("")
    line = json.dumps({"pid": 7, "host": "h", "since": "s"}) + "\n"
    threading.Timer(0.1, lambda: lock.path.write_text(line)).start()
    assert lock.holder() == "pid 7 on h since s"

    lock.path.write_text(json.dumps({"pid": 1, "host": "a-much-longer-host-name.example.org", "since": "2020"}) + "\n")
    with RunLock(tmp_path) as held:
        assert json.loads(lock.path.read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert held.holder().startswith(f"pid {os.getpid()} on ")
