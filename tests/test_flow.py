"""The curate flow through Prefect: once on the shared test server, once as users run it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import psutil
import pytest

from ascurate.flows import curate as curate_flow

pytestmark = pytest.mark.prefect


def cli_env(tmp_path, **extra: str) -> dict[str, str]:
    """The environment of a schedule or CI runner: no Prefect server named, a home of the
    test's own, an 80-column terminal type that is not there (the tests read stdout/stderr
    through pipes, never a tty), so nothing passes only where the terminal is wide."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               COLUMNS="80", LINES="24", TERM="xterm-256color", **extra)
    return env


def ascurate(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ascurate", path=os.path.dirname(sys.executable)) or "ascurate"
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def test_curate_flow_on_prefect(prefect_server, corpus, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(corpus / "seeds", raw)
    curate = curate_flow.curate
    summary = curate(raw=str(raw), out=str(tmp_path / "out"), batch_size=1)
    assert summary["documents"] == 2 and summary["errors"] == 0
    assert summary["clean"] == 1 and summary["needs_review"] == 1
    again = curate(raw=str(raw), out=str(tmp_path / "out"))
    assert again["skipped_unchanged"] == 2 and again["written"] == 0


def test_ascurate_run_cli_on_ephemeral_server(corpus, tmp_path):
    """The README's main job, as a user types it (a fresh ephemeral Prefect server)."""
    raw = tmp_path / "raw"
    shutil.copytree(corpus / "seeds", raw)
    (raw / "bad.html.gz").write_bytes(b"not gzip at all")
    env = cli_env(tmp_path)
    env.pop("PREFECT_SERVER_ANALYTICS_ENABLED")  # the ephemeral server turns its telemetry off itself
    proc = ascurate("run", "--raw", str(raw), "--out", str(tmp_path / "curated"), env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "needs_review: 1" in proc.stdout.splitlines() and "errors: 1" in proc.stdout.splitlines()
    # what it did, as lines a log keeps: from the start, with the folders' paths whole
    said = proc.stderr.splitlines()
    assert said[0] == f"ascurate: curating {raw} into {tmp_path / 'curated'}"
    assert "ascurate: 3 input file(s) to curate" in said and said[-1].endswith("errors.jsonl")
    assert "telemetry" not in proc.stderr and "Traceback" not in proc.stderr
    out = tmp_path / "curated"
    assert len(list((out / "articles").glob("*.json"))) == 2
    errs = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert errs and errs[0]["path"] == "bad.html.gz"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["errors"] == 1 and summary["documents"] == 3
    # the run is on record in PREFECT_HOME's database, and the server it started is gone
    with contextlib.closing(sqlite3.connect(tmp_path / "prefect-home" / "prefect.db")) as db:
        runs = db.execute("SELECT f.name, r.state_type FROM flow_run r JOIN flow f ON f.id = r.flow_id").fetchall()
    assert runs == [("curate", "COMPLETED")]
    assert not [p for p in psutil.process_iter(["cmdline"])
                if "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or ())
                and _environ(p).get("PREFECT_HOME") == env["PREFECT_HOME"]]


def _environ(p: psutil.Process) -> dict[str, str]:
    try:
        return p.environ()
    except psutil.Error:
        return {}


def test_expired_batch_results_are_deleted_from_the_result_storage(prefect_server, corpus, tmp_path):
    from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    raw = tmp_path / "raw"
    shutil.copytree(corpus / "seeds", raw)
    storage = tmp_path / "results"
    curate = curate_flow
    with temporary_settings({PREFECT_RESULTS_LOCAL_STORAGE_PATH: storage}):
        first = curate.curate(raw=str(raw), out=str(tmp_path / "out"), batch_size=1)
        cached = sorted(p.name for p in storage.iterdir())
        assert len(cached) == first["batches"] == 2 and all(n.startswith("ascurate-batch-") for n in cached)
        assert first["batch_cache"]["pruned"] == 0
        # one entry written longer ago than results are kept, beside a file that is not ascurate's
        expired = time.time() - (curate.BATCH_CACHE_DAYS + 1) * 86400
        os.utime(storage / cached[0], (expired, expired))
        (storage / "another-flows-result").write_text("{}")
        os.utime(storage / "another-flows-result", (expired, expired))
        again = curate.curate(raw=str(raw), out=str(tmp_path / "out2"), batch_size=1)
    assert again["batches_cached"] == 2  # another curated/ folder, the same batches: reused
    assert again["batch_cache"]["pruned"] == 1 and again["batch_cache"]["bytes"] > 0
    assert sorted(p.name for p in storage.iterdir()) == sorted(["another-flows-result", cached[1]])


@pytest.mark.slow  # starts two Prefect servers
def test_a_server_started_early_stops_when_a_profile_names_one():
    """`ascurate run` starts the ephemeral server before Prefect is imported, unless the
    environment names a server; a server named only by a profile stops it again."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from ascurate.cli.main import ephemeral_server
    from ascurate.runtime.servers import EphemeralServer

    early = EphemeralServer()
    try:
        with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:9/api"}):
            assert ephemeral_server(early) is None
        assert early.proc is not None and early.proc.poll() is not None  # stopped
    finally:
        early.stop()
    kept = EphemeralServer()
    try:
        with temporary_settings(restore_defaults={PREFECT_API_URL}):  # (a test harness names one)
            assert ephemeral_server(kept) is kept  # nothing named: the early one is the run's
        assert kept.wait(120).startswith("http://127.0.0.1:")
    finally:
        kept.stop()


def test_a_run_that_never_starts_leaves_no_server(tmp_path):
    """A missing raw folder or a usage error ends `ascurate run` before it starts Prefect's
    server; the one error line holds the path whole at 80 columns without a tty."""
    env = cli_env(tmp_path)
    missing = ascurate("run", "--raw", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "c"), env=env,
                       timeout=120)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [f"error: raw folder {tmp_path / 'no-such-folder'} does not exist"]
    usage = ascurate("run", "--no-such-option", env=env, timeout=120)
    assert usage.returncode == 2 and "Error: No such option: --no-such-option" in usage.stderr.splitlines()
    assert not [p for p in psutil.process_iter(["cmdline"])
                if "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or ())
                and _environ(p).get("PREFECT_HOME") == env["PREFECT_HOME"]]


def test_a_run_on_a_locked_folder_waits_a_bounded_time_then_stops(prefect_server, corpus, tmp_path):
    """One run per curated/ is the file lock's (lock.py), whichever server started the run:
    a second run waits `wait` seconds, then fails with the holder's name; never forever."""
    from ascurate.runtime.lock import RunLocked

    raw, out = tmp_path / "raw", tmp_path / "curated"
    shutil.copytree(corpus / "seeds", raw)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from ascurate.runtime.lock import RunLock; "
                               "RunLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(120)", str(out)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        curate = curate_flow.curate
        start = time.monotonic()
        with pytest.raises(RunLocked, match=f"pid {holder.pid} .*waited 1 s"):
            curate(raw=str(raw), out=str(out), wait=1)
        assert time.monotonic() - start < 60
    finally:
        holder.kill()
        holder.wait()
    assert curate(raw=str(raw), out=str(out), wait=0)["documents"] == 2  # the holder died: free at once
