"""Backups of the review store before a run writes to it, and restoring one.

A backup is made with SQLite's online backup API (`sqlite3.Connection.backup`): a
consistent copy even while the desk writes, into `backups/review-<UTC time>.sqlite`
beside the store. The copy is checked (`quick_check`) before it is kept, so every kept
backup was good when made, and a store whose copy fails is refused as damaged. The
newest `KEEP` are kept; a run that finds the store unchanged since the newest backup
(size and mtime of the file and its log) makes none, so the kept generations differ.

Restoring moves the current store (and its write-ahead log) aside, never deleting it,
and copies the backup into place; the identity record then names the restored store.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from . import integrity
from .db import database_url
from .integrity import StoreDamaged

KEEP = 3


class RestoreError(RuntimeError):
    """A restore that was refused; the message is one line."""


def before_run(curated: str | Path, url: str | None = None, keep: int = KEEP) -> Path | None:
    """What a curate run calls before it writes to the review store: refuse a damaged,
    replaced or missing store (StoreDamaged, one line naming the last good backup), give
    an older store its identity, and back it up. The newest backup (None: a new store,
    or not SQLite)."""
    path = integrity.sqlite_path(database_url(curated, url))
    if path is None:
        return None
    health = integrity.inspect(path)
    if health is None or not health.tables:
        return None  # a new store: nothing to keep yet
    store_id = integrity.stamp(path)
    key = integrity.stat_key(path)  # before the copy: a write during it is backed up next time
    newest = integrity.backups(path)[:1]
    if newest and (integrity.read_marker(path) or {}).get("backed_up") == [newest[0].name, *key]:
        return newest[0]
    try:
        dest = make(path, keep)
    except StoreDamaged as e:
        raise integrity.damaged(path, str(e)) from None
    integrity.record(path, store_id, backed_up=[dest.name, *key])
    return dest


def make(path: Path, keep: int = KEEP, now: datetime | None = None) -> Path:
    """Copy the store at `path` into its backups folder (checked, then kept); prune to `keep`."""
    folder = integrity.backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    for part in folder.glob("*.part"):  # left by a run killed while it copied
        part.unlink(missing_ok=True)
    now = now or datetime.now(UTC)
    dest = folder / f"{path.stem}-{now.strftime('%Y%m%dT%H%M%S.%fZ')}{path.suffix}"  # names sort by time
    if dest.exists():
        raise FileExistsError(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        copy(path, tmp)
    except sqlite3.DatabaseError as e:
        tmp.unlink(missing_ok=True)
        raise StoreDamaged(f"cannot be copied ({e})") from None
    except StoreDamaged:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, dest)
    _fsync_dir(folder)
    for old in integrity.backups(path)[max(1, keep):]:
        old.unlink(missing_ok=True)
    return dest


def copy(source: Path, dest: Path) -> None:
    """SQLite's online backup of `source` into a new file `dest`, as one self-contained
    file (rollback journal, not WAL), checked with `quick_check` and synced to disk."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dst.execute("PRAGMA quick_check")]
        finally:
            dst.close()
    finally:
        src.close()
    if problems != ["ok"]:
        raise StoreDamaged(f"fails SQLite's quick_check ({problems[0]})")
    fd = os.open(dest, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore(path: Path, source: Path | None = None, force: bool = False) -> tuple[Path, Path | None]:
    """Put the backup `source` (default: the last good one) in place of the store at `path`.
    Refused without `force` when the store is healthy (what changed since the backup
    would be lost) or the backup is another store's. Returns (the backup restored, where
    the replaced store was moved, if there was one)."""
    source = source or integrity.last_good_backup(path)
    if source is None:
        raise RestoreError(f"no backup of {path} to restore (looked in {integrity.backups_dir(path)})")
    if not source.is_file():
        raise RestoreError(f"no backup file {source}")
    try:
        health = integrity.examine(source, "quick_check")
    except StoreDamaged as e:
        raise RestoreError(f"the backup {source} {e}") from None
    if not set(integrity.TABLES) <= set(health.tables):
        raise RestoreError(f"{source} is not a review store")
    marker = integrity.read_marker(path)
    if not force and marker is not None and marker.get("id") not in (None, health.store_id):
        raise RestoreError(f"{source} is a backup of another store (store id {health.store_id}, this one is "
                           f"{marker['id']}): add --force to restore it anyway")
    if not force:
        try:
            healthy = integrity.inspect(path, "quick") is not None
        except StoreDamaged:
            healthy = False
        if healthy:
            raise RestoreError(f"the store {path} is healthy: restoring {source.name} would lose what changed since "
                               "it was made; add --force to restore it anyway")
    aside = move_aside(path)
    tmp = path.with_name(path.name + ".restoring")
    tmp.unlink(missing_ok=True)
    copy(source, tmp)
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    integrity.record(path, health.store_id)
    return source, aside


def move_aside(path: Path) -> Path | None:
    """Rename the store and its log files to `<name>.replaced-<time>` (kept, not deleted)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    moved = None
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(f"{path}{suffix}")
        if p.exists():
            target = p.with_name(f"{p.name}.replaced-{stamp}")
            os.replace(p, target)
            moved = moved or target
    return moved


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
