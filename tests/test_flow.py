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
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    exe = shutil.which("ascurate", path=os.path.dirname(sys.executable)) or "ascurate"
    proc = subprocess.run([exe, "run", "--raw", str(raw), "--out", str(tmp_path / "curated")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "needs_review" in proc.stdout and "errors" in proc.stdout
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


def test_a_server_started_early_stops_when_a_profile_names_one():
    """`ascurate run` starts the ephemeral server before Prefect is imported, unless the
    environment names a server; a server named only by a profile stops it again."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from ascurate.cli import ephemeral_server
    from ascurate.servers import EphemeralServer

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


def test_a_server_launched_for_a_run_that_never_starts_is_stopped(tmp_path):
    """`ascurate run` launches Prefect's server before its own imports (launch.py); a
    missing raw folder or a usage error ends the command, and the server with it."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    exe = shutil.which("ascurate", path=os.path.dirname(sys.executable)) or "ascurate"
    missing = subprocess.run([exe, "run", "--raw", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "c")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    usage = subprocess.run([exe, "run", "--no-such-option"], capture_output=True, text=True, env=env, timeout=120)
    assert usage.returncode == 2 and "no-such-option" in usage.stderr
    assert not [p for p in psutil.process_iter(["cmdline"])
                if "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or ())
                and _environ(p).get("PREFECT_HOME") == env["PREFECT_HOME"]]
