"""The package as users and Prefect workers install it: a wheel (not an editable checkout)
in a fresh venv, run from a folder that is not the repository.

Slow (a few minutes: the venv installs every dependency, from pip's cache and
constraints.txt's versions), so CI runs it in its second step (`-m wheel`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from ascurate.config import Config
from ascurate.ingest import discover

pytestmark = [pytest.mark.slow, pytest.mark.wheel]

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "ascurate"


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """(the wheel, the fresh venv's bin folder, an environment without the repository on any path)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src-copy"  # built from a copy: the build leaves nothing in the worktree
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(PKG, src / "src" / "ascurate", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PREFECT_API_URL")}
    env.update(PREFECT_HOME=str(tmp / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false", COLUMNS="80")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(src)], tmp, env)
    (wheel,) = (tmp / "dist").glob("ascurate-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp, env)  # no --system-site-packages: every dependency is declared
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel), "-c", str(ROOT / "constraints.txt")],
        tmp, env)
    return wheel, venv / "bin", env


def test_the_wheel_ships_every_data_file(installed):
    """Templates, static files, rules, migrations, the deployments file and model files: every
    file of the package that is not Python source is in the wheel."""
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p.relative_to(PKG.parent).as_posix() for p in PKG.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    missing = sorted(d for d in data if d not in names)
    assert not missing, f"not in the wheel: {missing}"
    assert any(n.startswith("ascurate/review/migrations/versions/") for n in names)
    assert "ascurate/flows/curate.py" in names and "ascurate/flows/prefect.yaml" in names


def test_installed_ascurate_runs_from_another_folder(installed, tmp_path):
    """`ascurate run` on a copy of raw/ from a folder that is not the checkout writes an
    article for every document, as the editable install does."""
    _, bin_, env = installed
    raw = tmp_path / "pages"
    shutil.copytree(ROOT / "raw", raw)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run([str(bin_ / "ascurate"), "run", "--raw", str(raw), "--out", str(tmp_path / "out")], elsewhere, env)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    articles = sorted((tmp_path / "out" / "articles").glob("*.json"))
    assert summary["errors"] == 0, done.stderr[-2000:]
    assert summary["documents"] == len(articles) == summary["written"] > len(list(discover(raw, Config())))
    origin = run([str(bin_ / "python"), "-c", "import ascurate; print(ascurate.__file__)"], elsewhere, env).stdout
    assert str(bin_.parent) in origin and str(ROOT) not in origin  # the wheel's code ran, not the checkout's


def test_installed_commands_start(installed, tmp_path):
    """`ascurate serve` and `ascurate review serve` answer --help, and the review app
    starts and answers on a port from another folder (the packaged templates and static files)."""
    _, bin_, env = installed
    for cmd in (["serve", "--help"], ["review", "serve", "--help"], ["review", "publish", "--help"]):
        run([str(bin_ / "ascurate"), *cmd], tmp_path, env, timeout=120)
    from ascurate.runtime.servers import free_port

    port = free_port()
    proc = subprocess.Popen([str(bin_ / "ascurate"), "review", "serve", "--curated", str(tmp_path / "curated"),
                             "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, page = time.monotonic() + 90, ""
        while time.monotonic() < deadline and not page:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as resp:
                    page = resp.read().decode()
            except OSError:
                time.sleep(0.5)
        assert "<form" in page.lower()
    finally:
        proc.terminate()
        proc.wait(20)
