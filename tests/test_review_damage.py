"""A damaged, replaced or vanished review store is refused with one line that names the
last good backup, never replaced by a new empty one; runs back the store up first;
`ascurate review check` and `ascurate review restore` (issue 23, item 3)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from ascurate.cli.main import app
from ascurate.review import auth, backup, db, decisions, integrity
from ascurate.review.integrity import StoreDamaged
from ascurate.review.models import AuditEvent, Flag, User

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store

BIN = Path(sys.executable).parent


def store_file(curated: Path) -> Path:
    return (curated / ".ascurate" / "review.sqlite").resolve()


@pytest.fixture
def worked(workdir, store):
    """A store editors worked in (an account, a decision) and closed; one backup made as a run makes it."""
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        fid = s.scalar(select(Flag.id).where(Flag.status == "open").order_by(Flag.id))
        decisions.decide_flag(s, fid, "dismiss", "alice", reason="a real heading")
        s.commit()
    store.close()
    curated = workdir / "curated"
    made = backup.before_run(curated)
    assert made is not None and made.parent == store_file(curated).parent / "backups"
    return curated, made


def damage(path: Path, how: str, workdir: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if how == "empty":
        path.write_bytes(b"")
    elif how == "half":
        os.truncate(path, path.stat().st_size // 2)
    elif how == "text":
        path.write_text("this is not a database\n" * 100)
    elif how == "other-store":  # another curated folder's store, copied over this one
        (workdir / "other").mkdir()
        other = db.Store(f"sqlite:///{workdir / 'other' / 'review.sqlite'}")
        other.close()
        shutil.copyfile(workdir / "other" / "review.sqlite", path)
    elif how == "other-db":  # another SQLite file of the run state
        con = sqlite3.connect(path.with_name("x.sqlite"))
        con.execute("CREATE TABLE t (a)")
        con.commit()
        con.close()
        os.replace(path.with_name("x.sqlite"), path)
    elif how == "gone":
        path.unlink()
    elif how == "pages":  # the right length, one page in the middle overwritten
        with path.open("r+b") as fh:
            page = int.from_bytes(fh.read(18)[16:18], "big")
            fh.seek(page * 2)
            fh.write(b"\xff" * page)


CASES = ["empty", "half", "text", "other-store", "other-db", "gone"]


@pytest.mark.parametrize("how", CASES)
def test_a_damaged_store_is_refused_naming_the_last_good_backup(worked, workdir, how):
    curated, good = worked
    path = store_file(curated)
    before = {p.name for p in path.parent.iterdir()}
    damage(path, how, workdir)
    size = path.stat().st_size if path.exists() else None
    with pytest.raises(StoreDamaged) as e:
        db.open_store(curated)  # what the flow, the CLI and the desk open
    msg = str(e.value)
    assert "\n" not in msg and str(good) in msg and "ascurate review restore" in msg, msg
    with pytest.raises(StoreDamaged):
        backup.before_run(curated)
    # nothing was made in place of the store: no new empty store, no new backup
    assert (path.stat().st_size if path.exists() else None) == size
    assert integrity.backups(path) == [good]
    assert {p.name for p in path.parent.iterdir()} <= before | {"review.sqlite-wal", "review.sqlite-shm"}
    # the command lines: one line, exit status 4, no traceback
    runner = CliRunner()
    for args in (["review", "serve", "--curated", str(curated)], ["review", "list", "--curated", str(curated)],
                 ["review", "publish", "--curated", str(curated)], ["review", "check", "--curated", str(curated)],
                 ["run", "--raw", str(workdir / "raw"), "--out", str(curated)]):
        r = runner.invoke(app, args)
        assert r.exit_code == 4, (args, r.output)
        assert r.output.count("\n") == 1 and "error: the review store" in r.output and good.name in r.output, r.output


def test_a_store_damaged_inside_is_caught_by_the_check_before_a_run(worked, workdir):
    curated, good = worked
    path = store_file(curated)
    damage(path, "pages", workdir)
    db.open_store(curated).close()  # the cheap check cannot see it ...
    with pytest.raises(StoreDamaged, match="fails SQLite's quick_check") as e:
        backup.before_run(curated)  # ... the run's copy is checked before it is kept
    assert str(good) in str(e.value) and integrity.backups(path) == [good]
    assert list((path.parent / "backups").glob("*.part")) == []
    r = CliRunner().invoke(app, ["review", "check", "--curated", str(curated)])
    assert r.exit_code == 4 and "fails SQLite's integrity_check" in r.output and str(good) in r.output
    # `ascurate run` makes the check and the backup before the flow starts: one line, status 4
    r = CliRunner().invoke(app, ["run", "--raw", str(workdir / "raw"), "--out", str(curated)])
    assert r.exit_code == 4 and r.output.count("\n") == 1 and "fails SQLite's quick_check" in r.output, r.output


def test_the_command_line_refuses_in_one_line(worked, workdir):
    """The installed `ascurate` command (its own process): one line on stderr, status 4."""
    curated, good = worked
    damage(store_file(curated), "empty", workdir)
    for args in (["run", "--raw", str(workdir / "raw"), "--out", str(curated)],
                 ["review", "serve", "--curated", str(curated)]):
        p = subprocess.run([BIN / "ascurate", *args], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "COLUMNS": "60"})
        assert p.returncode == 4, p.stderr
        assert p.stdout == "" and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, p.stderr
        assert "is empty (0 bytes)" in p.stderr and str(good) in p.stderr


def test_restore_brings_back_every_decision_and_keeps_the_damaged_file(worked, workdir):
    curated, good = worked
    path = store_file(curated)
    damage(path, "half", workdir)
    runner = CliRunner()
    r = runner.invoke(app, ["review", "restore", "--curated", str(curated)])
    assert r.exit_code == 0, r.output
    assert f"from {good}" in r.output
    aside = list(path.parent.glob("review.sqlite.replaced-*"))
    assert len(aside) == 1 and aside[0].stat().st_size > 0  # moved aside, not deleted
    r = runner.invoke(app, ["review", "check", "--curated", str(curated)])
    assert r.exit_code == 0 and r.output.startswith("ok: ") and "1 accounts" in r.output, r.output
    store = db.open_store(curated)
    with store.session() as s:
        assert s.scalar(select(User.username)) == "alice"
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "dismiss")) == 1
    store.close()
    # a healthy store is not restored over without --force
    r = runner.invoke(app, ["review", "restore", "--curated", str(curated)])
    assert r.exit_code == 1 and "is healthy" in r.output
    r = runner.invoke(app, ["review", "restore", str(good), "--curated", str(curated), "--force"])
    assert r.exit_code == 0


def test_a_missing_store_with_no_backup_says_how_to_start_again(workdir, store):
    store.close()
    curated = workdir / "curated"
    path = store_file(curated)
    path.unlink()
    with pytest.raises(StoreDamaged, match="is missing; no backup was found; to start an empty store instead, remove"):
        db.open_store(curated)
    integrity.marker_path(path).unlink()
    db.open_store(curated).close()  # deliberately started again


def test_runs_back_up_before_writing_and_keep_a_few_generations(worked):
    curated, first = worked
    path = store_file(curated)
    assert backup.before_run(curated) == first  # unchanged since: no new generation
    made = [first]
    for n in range(4):
        store = db.open_store(curated)
        with store.session() as s:
            auth.add_user(s, f"editor{n}", "correct horse", "editor")
            s.commit()
        store.close()
        made.append(backup.make(path) if n == 0 else backup.before_run(curated))
    kept = integrity.backups(path)
    assert kept == made[::-1][: backup.KEEP] and len(set(made)) == 5
    con = sqlite3.connect(kept[0])
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 5  # the copy holds the last change
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    con.close()


def test_a_store_made_before_identities_is_adopted(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.sqlite'}"
    db.Store(url).close()
    path = tmp_path / "review.sqlite"
    integrity.marker_path(path).unlink()
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 0")
    con.execute("PRAGMA user_version = 0")
    con.commit()
    con.close()
    db.Store(url).close()
    assert integrity.read_marker(path)["id"] == integrity.examine(path, None).store_id != 0
