"""Schedules for real: a `prefect server start` of its own, `ascurate serve` on it with a
short interval, and a scheduled curate run that completes and writes curated/."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ascurate.cli import serve
from ascurate.runtime import servers

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.prefect
@pytest.mark.slow
def test_served_deployment_runs_on_its_schedule(corpus, tmp_path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "curated"
    shutil.copytree(corpus / "seeds", raw)
    for key in [k for k in os.environ if k.startswith("PREFECT_API")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    with servers.prefect_server(port=servers.free_port(), timeout=240) as api:
        env = {**os.environ, "PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "2",
               "PREFECT_LOGGING_LEVEL": "WARNING"}
        exe = shutil.which("ascurate", path=os.path.dirname(sys.executable)) or "ascurate"
        proc = subprocess.Popen([exe, "serve", "--only", "nightly", "--interval", "5", "--raw", str(raw),
                                 "--out", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            run = wait_for_completed_run(api, "nightly", proc, timeout=300)
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    assert run["parameters"]["raw"] == str(raw) and run["auto_scheduled"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["read"] == 2 and summary["errors"] == 0
    assert len(list((out / "articles").glob("*.json"))) == 2


def wait_for_completed_run(api: str, deployment: str, proc: subprocess.Popen, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=api, timeout=10) as client:
        dep = client.get(f"/deployments/name/curate/{deployment}")
        while dep.status_code == 404 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(1)
            dep = client.get(f"/deployments/name/curate/{deployment}")
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"ascurate serve exited ({proc.returncode}):\n{proc.stdout.read().decode()[-3000:]}")
            runs = client.post("/flow_runs/filter", json={
                "deployments": {"id": {"any_": [dep.json()["id"]]}},
                "flow_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED", "CRASHED"]}}}}).json()
            done = [r for r in runs if r["state_type"] == "COMPLETED"]
            if done:
                return done[0]
            if runs:
                pytest.fail(f"scheduled run ended {runs[0]['state_type']}: {runs[0]['state']}")
            time.sleep(2)
    pytest.fail("no scheduled run completed in time")


def test_serve_overrides_folders_and_languages():
    """`ascurate serve --raw/--out/--languages/--interval` reach every deployment that takes them."""
    specs = serve.read_specs(ROOT / "prefect.yaml")
    assert {s.name for s in specs} == {"nightly", "hourly", "weekly"}
    assert {s.entrypoint for s in specs} == {"flows/curate.py:curate", "flows/publish.py:publish",
                                             "flows/report.py:report"}
    nightly = next(s for s in specs if s.name == "nightly")
    assert nightly.schedules == [{"cron": "0 2 * * *", "timezone": "UTC"}]
    chosen = serve.configure(specs, raw="/data/raw", out="/data/curated", languages=["en", "de"], interval=30)
    params = {s.name: s.parameters for s in chosen}
    assert params["nightly"] == {"raw": "/data/raw", "out": "/data/curated", "languages": ["en", "de"]}
    assert params["hourly"]["curated"] == "/data/curated" and params["weekly"]["out"] == "/data/curated"
    assert all(s.schedules == [{"interval": 30}] for s in chosen)
    with pytest.raises(ValueError, match="unknown deployment"):
        serve.configure(serve.read_specs(ROOT / "prefect.yaml"), only=["nightly", "monthly"])


def test_flows_named_in_prefect_yaml_load():
    """Every entrypoint names a flow that exists, with the parameters the file gives it."""
    from prefect.flows import load_flow_from_entrypoint

    for s in serve.read_specs(ROOT / "prefect.yaml"):
        file, func = s.entrypoint.split(":")
        flow = load_flow_from_entrypoint(f"{ROOT / file}:{func}")
        assert set(s.parameters) <= set(flow.parameters.properties), s.name


def test_entrypoints_load_the_packaged_flows(tmp_path):
    """The repository's flows/*.py are entry points into ascurate.flows; outside a checkout
    (an installed wheel) `ascurate serve` loads the packaged flows for the same entrypoints,
    from the packaged copy of prefect.yaml."""
    import importlib

    from prefect.flows import load_flow_from_entrypoint

    assert (ROOT / "prefect.yaml").resolve() == serve.PACKAGED.resolve()
    for s in serve.read_specs(serve.PACKAGED):
        file, func = s.entrypoint.split(":")
        packaged = getattr(importlib.import_module(f"ascurate.flows.{Path(file).stem}"), func)
        assert serve.load_flow(s.entrypoint, tmp_path) is packaged  # no flows/ folder here
        assert load_flow_from_entrypoint(f"{ROOT / file}:{func}").name == packaged.name
    with pytest.raises(FileNotFoundError):
        serve.load_flow("elsewhere/mine.py:mine", tmp_path)
@pytest.mark.slow
def test_a_local_servers_ui_calls_that_servers_api(tmp_path, monkeypatch):
    """`ascurate serve` without PREFECT_API_URL starts a server on a free port: the UI there
    must call that port's API, not Prefect's default 4200 ("Can't connect to Server API")."""
    for key in [k for k in os.environ if k.startswith(("PREFECT_API", "PREFECT_UI", "PREFECT_SERVER_UI"))]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    port = servers.free_port()
    with servers.prefect_server(port=port, timeout=240) as api:
        ui = httpx.get(f"{api.removesuffix('/api')}/ui-settings", timeout=30).json()
        assert ui["api_url"] == api == f"http://127.0.0.1:{port}/api"
        assert httpx.get(f"{ui['api_url']}/health", timeout=30).status_code == 200


def test_serves_message_says_how_to_start_a_run_from_another_shell():
    from types import SimpleNamespace

    deps = [SimpleNamespace(name="nightly", flow_name="curate"), SimpleNamespace(name="hourly", flow_name="publish")]
    msg = serve.ready_message("http://127.0.0.1:4321/api", deps, started_here=True)
    assert "UI: http://127.0.0.1:4321 " in msg
    assert "  export PREFECT_API_URL=http://127.0.0.1:4321/api\n" in msg
    assert msg.endswith("prefect deployment run 'curate/nightly'\n  prefect deployment run 'publish/hourly'")
    assert "UI:" not in serve.ready_message("http://host:4200/api", deps, started_here=False)
