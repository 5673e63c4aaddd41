"""`ascurate run` killed as a machine kills it, then run again: the rerun never waits on
the dead run, finishes, and leaves curated/ as one uninterrupted run does.

The command is killed at several moments (lock just taken and Prefect starting, site
templates being learnt while Prefect starts, batches in flight, articles being written),
each in two ways: SIGKILL to the main process alone (its Prefect server and document
children must not outlive it, nor keep its lock) and SIGKILL to the whole process group
(the OOM killer, a reboot). A run that is told to stop (SIGTERM), waiting for the lock
or curating, ends with its server. Before the lock was a file lock alone, a killed run
left a Prefect concurrency slot taken and every later run waited forever.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from ascurate.config import load_config
from ascurate.pipeline import run

from .test_crash import check_consistent, make_raw, snapshot

pytestmark = [pytest.mark.slow, pytest.mark.crash, pytest.mark.prefect]

RERUN_TIMEOUT = 600  # seconds: generous for a loaded 2-core machine; the point is that it ends


@pytest.fixture(scope="module")
def setting(tmp_path_factory, corpus):
    """A raw folder of every outcome and ~40 real pages (a run long enough to kill in its
    batches), the articles an uninterrupted run makes of it, and the command's environment."""
    base = tmp_path_factory.mktemp("crash-run")
    raw = make_raw(base, corpus)
    for page in sorted((corpus / "health-dev").glob("*.html"))[:40]:
        shutil.copy(page, raw / page.name)
    run(raw, base / "ref", load_config(Path("/nonexistent")))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(base / "prefect-home"), COLUMNS="80", TERM="dumb")
    return base, raw, snapshot(base / "ref"), env


EXE = shutil.which("ascurate", path=os.path.dirname(sys.executable)) or "ascurate"


def rerun(raw: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`ascurate run` to its end (it must not wait for the dead run: its lock went with it)."""
    return subprocess.run([EXE, "run", "--raw", str(raw), "--out", str(out), "--wait", "5"], env=env,
                          cwd=out.parent, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=RERUN_TIMEOUT)


class Command:
    """`ascurate run` in its own process group, its stderr lines read as they come."""

    def __init__(self, raw: Path, out: Path, env: dict[str, str], *extra: str) -> None:
        self.proc = subprocess.Popen([EXE, "run", "--raw", str(raw), "--out", str(out), *extra], env=env,
                                     cwd=out.parent, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 300) -> bool:
        """True once a line holding `text` came; False if the command ended first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    return False
                continue
            self.said.append(line)
            if text in line:
                return True
        raise AssertionError(f"no line {text!r} within {timeout} s: {self.said}")

    def family(self) -> list[psutil.Process]:
        try:
            return [psutil.Process(self.proc.pid), *psutil.Process(self.proc.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return []


def servers_of(env: dict[str, str]) -> list[psutil.Process]:
    found = []
    for p in psutil.process_iter(["cmdline"]):
        if "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or ()):
            try:
                if p.environ().get("PREFECT_HOME") == env["PREFECT_HOME"]:
                    found.append(p)
            except psutil.Error:
                continue
    return found


def gone(procs: list[psutil.Process], timeout: float = 30) -> list[psutil.Process]:
    """Those of `procs` still alive after `timeout` seconds."""
    _, alive = psutil.wait_procs(procs, timeout=timeout)
    return alive


def articles_written(out: Path) -> bool:
    return (out / "articles").is_dir() and any((out / "articles").iterdir())


def _until(check, timeout: float = 300) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    raise AssertionError("the moment never came")


def _after(cmd: Command, text: str, seconds: float) -> bool:
    reached = cmd.wait_for(text)
    time.sleep(seconds)
    return reached


MOMENTS = {  # how to tell that the command has reached the moment to kill it
    "lock taken, Prefect starting": lambda cmd, out: cmd.wait_for("ascurate: starting Prefect"),
    "learning while Prefect starts": lambda cmd, out: _after(cmd, "ascurate: starting Prefect", 2),
    "batches in flight": lambda cmd, out: _after(cmd, "input file(s) to curate", 1),
    "articles being written": lambda cmd, out: _until(lambda: articles_written(out) or cmd.proc.poll() is not None),
}


@pytest.mark.parametrize("group", [False, True], ids=["main-process", "process-group"])
def test_killed_at_several_moments_then_a_rerun_finishes(setting, group):
    base, raw, ref, env = setting
    killed = 0
    for i, (moment, reached) in enumerate(MOMENTS.items()):
        out = base / f"{'group' if group else 'main'}-{i}"
        cmd = Command(raw, out, env)
        reached(cmd, out)
        family = cmd.family()
        if cmd.proc.poll() is None:
            if group:
                os.killpg(cmd.proc.pid, signal.SIGKILL)
            else:
                os.kill(cmd.proc.pid, signal.SIGKILL)
            killed += 1
        cmd.proc.wait(60)
        # nothing it started outlives it: not its Prefect server, not its document children
        assert not gone(family), (moment, [p.cmdline()[:3] for p in gone(family, 0)])
        again = rerun(raw, out, env)
        assert again.returncode == 0, (moment, again.stderr[-3000:])
        check_consistent(out, ref)
        assert not servers_of(env)
    assert killed >= len(MOMENTS) - 1  # (a moment may come as the run ends on a fast machine)


def test_sigterm_ends_a_waiting_run_and_a_curating_one_with_their_servers(setting):
    base, raw, ref, env = setting
    out = base / "term"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from ascurate.runtime.lock import RunLock; "
                               "RunLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(300)", str(out)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        waiting = Command(raw, out, env, "--wait", "300")
        assert waiting.wait_for("ascurate: waiting up to 300 s for the run writing ")
        assert f"pid {holder.pid} on " in waiting.said[-1]
        family = waiting.family()
        waiting.proc.send_signal(signal.SIGTERM)
        assert waiting.proc.wait(60) == 128 + signal.SIGTERM
        assert not gone(family)
    finally:
        holder.kill()
        holder.wait()
    # a Prefect home of its own: none of the batches the tests above cached, so the run is
    # still curating when the signal comes, however fast the machine
    fresh = {**env, "PREFECT_HOME": str(base / "term-prefect-home")}
    curating = Command(raw, out, fresh)
    assert curating.wait_for("input file(s) to curate")
    family = curating.family()
    curating.proc.send_signal(signal.SIGTERM)
    assert curating.proc.wait(300) == 128 + signal.SIGTERM, curating.said
    assert not gone(family) and not servers_of(fresh)
    assert not (out / "errors.jsonl").is_file() or "stopped" not in (out / "errors.jsonl").read_text()
    again = rerun(raw, out, env)
    assert again.returncode == 0, again.stderr[-3000:]
    check_consistent(out, ref)
