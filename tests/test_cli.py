"""Misusing `ascurate` gets one clear line and a non-zero exit at once, before Prefect
starts; messages are one line whatever the terminal's width (COLUMNS=80, no tty)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascurate.cli.main import app

LONG = "a-folder-name-long-enough-that-an-80-column-terminal-would-have-wrapped-the-line"


def invoke(*args: str) -> tuple[int, list[str]]:
    """`ascurate ARGS` in this process (CliRunner: no tty); the exit code and stderr's lines."""
    res = CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "TERM": "xterm-256color"})
    return res.exit_code, res.stderr.splitlines()


@pytest.fixture
def raw(tmp_path: Path, corpus: Path) -> Path:
    folder = tmp_path / LONG / "raw"
    shutil.copytree(corpus / "seeds", folder)
    return folder


@pytest.mark.parametrize(("args", "says"), [
    (["--batch-size", "0"], "--batch-size must be at least 1, not 0"),
    (["--batch-size", "-1"], "--batch-size must be at least 1, not -1"),
    (["--languages", "english"], "unknown language code 'english'"),
    (["--languages", "en,xx"], "unknown language code 'xx'"),
    (["--wait", "-5"], "--wait must be 0 or more seconds"),
])
def test_a_setting_that_cannot_work_is_refused_in_one_line(raw, args, says):
    code, lines = invoke("run", "--raw", str(raw), "--out", str(raw.parent / "curated"), *args)
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0]
    assert not (raw.parent / "curated").exists()  # nothing started, nothing written


def test_a_raw_folder_that_is_a_file_or_missing_is_named_whole(tmp_path):
    folder = tmp_path / LONG
    folder.mkdir()
    (folder / "pages.html").write_text("<p>hi</p>")
    code, lines = invoke("run", "--raw", str(folder / "pages.html"))
    assert code == 2 and lines == [f"error: --raw {folder / 'pages.html'} is a file, not a folder: "
                                   "name the folder that holds the pages"]
    code, lines = invoke("run", "--raw", str(folder / "no-such-folder"))
    assert code == 2 and lines == [f"error: raw folder {folder / 'no-such-folder'} does not exist"]


def test_a_config_file_that_does_not_exist_or_is_wrong_is_refused(raw, tmp_path):
    code, lines = invoke("run", "--raw", str(raw), "--config", str(tmp_path / "nope.toml"))
    assert code == 2 and lines == [f"error: config file {tmp_path / 'nope.toml'} does not exist"]
    bad = tmp_path / "bad.toml"
    bad.write_text("[ascurate]\nbatch_size = 0\n")
    code, lines = invoke("run", "--raw", str(raw), "--config", str(bad))
    assert code == 2 and lines == ["error: batch_size must be a whole number of at least 1, not 0"]
    bad.write_text("[ascurate]\nlanguages = ['english']\nbatch_sise = 3\n")
    code, lines = invoke("run", "--raw", str(raw), "--config", str(bad))
    assert code == 2 and len(lines) == 1 and "unknown settings" in lines[0] and "batch_sise" in lines[0]
    bad.write_text("[ascurate\n")
    code, lines = invoke("run", "--raw", str(raw), "--config", str(bad))
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"error: config file {bad}: ")


def test_an_empty_raw_folder_says_there_was_nothing_to_do(tmp_path):
    empty = tmp_path / LONG / "raw"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.pdf").write_bytes(b"%PDF")  # not an input format
    code, lines = invoke("run", "--raw", str(empty), "--out", str(tmp_path / "curated"))
    assert code == 0 and len(lines) == 1 and lines[0].startswith(f"nothing to curate: {empty} holds no input files")
    assert not (tmp_path / "curated").exists()


def test_show_a_missing_or_broken_article(tmp_path):
    code, lines = invoke("show", "nope")
    assert code == 2 and lines == ["error: no article nope (name an article's .json or .md file under "
                                   "curated/articles/)"]
    broken = tmp_path / "a.json"
    broken.write_text("{not json")
    code, lines = invoke("show", str(broken))
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"error: cannot read article {broken}: ")
    broken.write_text(json.dumps({"title": "ok"}))
    res = CliRunner().invoke(app, ["show", str(broken)])
    assert res.exit_code == 0 and '"title": "ok"' in res.stdout


def test_the_command_refuses_misuse_at_once_without_starting_a_server(tmp_path):
    """The real `ascurate` executable, as a schedule or CI starts it: no tty, 80 columns."""
    import psutil

    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "COLUMNS": "80", "TERM": "dumb"}
    env.pop("PREFECT_API_URL", None)
    exe = shutil.which("ascurate", path=os.path.dirname(sys.executable)) or "ascurate"
    for args, says in ((["--raw", str(tmp_path / LONG)], f"error: raw folder {tmp_path / LONG} does not exist"),
                       (["--raw", str(tmp_path), "--batch-size", "0"], "error: --batch-size must be at least 1, not 0"),
                       (["--no-such-option"], "No such option: --no-such-option")):
        start = time.monotonic()
        done = subprocess.run([exe, "run", *args], capture_output=True, text=True, env=env, timeout=60,
                              stdin=subprocess.DEVNULL)
        took = time.monotonic() - start
        assert done.returncode == 2 and says in done.stderr.splitlines()[-1], done.stderr
        assert "Traceback" not in done.stderr and "╭" not in done.stderr  # no traceback, no rich box
        assert took < 20, took  # ~0.5 s on an idle machine: nothing waits for Prefect
    assert not [p for p in psutil.process_iter(["cmdline"])
                if "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or ())
                and _environ(p).get("PREFECT_HOME") == env["PREFECT_HOME"]]


def _environ(p) -> dict[str, str]:  # type: ignore[no-untyped-def]
    import psutil

    try:
        return p.environ()
    except psutil.Error:
        return {}
