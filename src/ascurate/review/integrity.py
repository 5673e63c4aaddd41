"""Is the review store the one editors worked in, whole? Refuse it when it is not.

The store holds every decision, account and the append-only audit; nothing else has
them. Truncated to 0 bytes it used to be taken for a new store (a run exited 0 and
started an empty one: everything editors did was gone), and half-truncated it failed
with a 700-line traceback (issue 23). So a SQLite store carries an identity: its header's
`application_id` says it is an ascurate review store and its `user_version` is a random
store id, also recorded beside it in `review.sqlite.identity`. Every opening of the
store (`db.Store`) first checks, in about a millisecond, that the file
- exists if the identity record (or a backup) says a store existed,
- is a SQLite file as long as its header says (a truncated file is shorter),
- has the identity recorded beside it (a file copied over it has another) and the
  review tables;
and `inspect(..., level="quick"|"full")` adds SQLite's own `quick_check` or
`integrity_check`, which read every page (before a run and when the desk starts; the
`ascurate review check` command). A refusal is one line that names the last good backup
(backup.py makes them before each run).

PostgreSQL stores (`ASCURATE_DATABASE_URL`) are not checked here: the database server
keeps its own files whole, and its backups are its administrator's (pg_dump).
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

APPLICATION_ID = 0x41435256  # "ACRV": PRAGMA application_id of an ascurate review store
HEADER = b"SQLite format 3\x00"
TABLES = ("articles", "flags", "audit", "users", "sessions", "alembic_version")
BACKUPS = "backups"  # the folder beside the store that holds its backups
LEVELS = {"identity": None, "quick": "quick_check", "full": "integrity_check"}


class StoreDamaged(RuntimeError):
    """The store is missing, damaged or another database; the message is one line."""


@dataclass(frozen=True, slots=True)
class Health:
    path: Path
    store_id: int
    tables: tuple[str, ...]
    size: int


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None: another database, or SQLite in memory)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:" \
            or u.query.get("mode") == "memory":
        return None
    return Path(u.database).resolve()


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + ".identity")


def backups_dir(path: Path) -> Path:
    return path.parent / BACKUPS


def read_marker(path: Path) -> dict[str, Any] | None:
    """The identity recorded beside the store, or None when there is none (a new store)."""
    try:
        data = json.loads(marker_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"id": None}  # unreadable: a store existed, its identity is unknown
    return data if isinstance(data, dict) else {"id": None}


def backups(path: Path) -> list[Path]:
    """The store's backups, newest first (their names sort by time)."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*{path.suffix}"), key=lambda p: p.name, reverse=True)


def last_good_backup(path: Path) -> Path | None:
    """The newest backup that passes the cheap checks with the recorded identity."""
    marker = read_marker(path)
    for b in backups(path):
        try:
            health = examine(b, None)
        except StoreDamaged:
            continue
        if marker is None or marker.get("id") in (None, health.store_id):
            return b
    return None


def damaged(path: Path, what: str) -> StoreDamaged:
    """The refusal, in one line, with the way back."""
    good = last_good_backup(path)
    if good is not None:
        way = f"last good backup: {good} (restore it: ascurate review restore --curated {_curated_hint(path)})"
    else:
        gone = f"{path.name} and " if path.exists() else ""
        way = f"no backup was found; to start an empty store instead, remove {gone}{marker_path(path)}"
    return StoreDamaged(" ".join(f"the review store {path} {what}; {way}".split()))  # SQLite's own may span lines


def _curated_hint(path: Path) -> str:
    return str(path.parent.parent) if path.parent.name == ".ascurate" else "CURATED --database-url sqlite:///" + str(path)


def existed(path: Path) -> bool:
    """Whether a store was made here before: its identity record or a backup says so."""
    return marker_path(path).exists() or bool(backups(path))


def inspect(path: Path, level: str = "identity") -> Health | None:
    """Check the store at `path` (see the module's docstring); None when there is none yet
    and none existed (a new store may be made). Raises StoreDamaged."""
    if not path.exists() or (path.stat().st_size == 0 and not existed(path)):
        if existed(path):
            raise damaged(path, "is missing")
        return None
    try:
        health = examine(path, LEVELS[level])
    except StoreDamaged as e:
        raise damaged(path, str(e)) from None
    marker = read_marker(path)
    if marker is not None and health.tables:
        if marker.get("id") is None:
            raise damaged(path, f"has an unreadable identity record ({marker_path(path)})")
        if health.store_id != marker["id"]:
            raise damaged(path, f"was replaced by another database (store id {health.store_id}, "
                                f"expected {marker['id']})")
    if not health.tables and existed(path):
        raise damaged(path, "holds no review tables (it was replaced)")
    return health


def examine(path: Path, pragma: str | None) -> Health:
    """The file's own checks: size against its header, identity, tables, a SQLite check."""
    size = path.stat().st_size
    if size == 0:
        raise StoreDamaged("is empty (0 bytes)")
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(HEADER):
        raise StoreDamaged("is not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if size < pages * page_size:
        raise StoreDamaged(f"is truncated ({size:,} of {pages * page_size:,} bytes)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            store_id = con.execute("PRAGMA user_version").fetchone()[0]
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            try:
                problems = [r[0] for r in con.execute(f"PRAGMA {pragma}")] if pragma else ["ok"]
            except sqlite3.DatabaseError as e:  # a page it cannot even parse
                problems = [str(e)]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise StoreDamaged(f"cannot be read ({e})") from None
    if problems != ["ok"]:
        raise StoreDamaged(f"fails SQLite's {pragma} ({problems[0]}{' …' if len(problems) > 1 else ''})")
    if app_id not in (0, APPLICATION_ID) or (names and app_id == 0 and store_id != 0):
        raise StoreDamaged("is another application's database")
    missing = [t for t in TABLES if t not in names]
    if names and missing:
        raise StoreDamaged(f"is not a review store (no table {', '.join(missing)})")
    return Health(path, store_id if app_id == APPLICATION_ID else 0, tuple(sorted(names)), size)


def contents(path: Path) -> tuple[dict[str, int], str]:
    """Row counts of the main tables, and the schema revision against the migrations shipped
    with this package (what `ascurate review check` reports)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from .db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "flags", "audit", "users")}
        rev = (con.execute("SELECT version_num FROM alembic_version").fetchone() or ["none"])[0]
    finally:
        con.close()
    known = {r.revision for r in script.walk_revisions()}
    note = "" if rev == head else f" (opening it upgrades it to {head})" if rev in known \
        else " (unknown to this ascurate: a newer one made it)"
    return counts, f"{rev}{note}"


def stamp(path: Path) -> int:
    """Give the store at `path` its identity if it has none (a new store, or one made before
    stores had one) and record it beside the store; its store id."""
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            con.execute("BEGIN IMMEDIATE")  # two openers at once: one stamps, the other reads its stamp
            if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                con.execute(f"PRAGMA user_version = {1 + secrets.randbelow(2**31 - 2)}")
            con.execute("COMMIT")
        store_id = int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()
    marker = read_marker(path)
    if marker is None or marker.get("id") != store_id:
        record(path, store_id)
    return store_id


def record(path: Path, store_id: int, **extra: Any) -> None:
    """Write the identity record beside the store (atomically); `extra`: what backup.py keeps there."""
    from ..emit import atomic_write

    atomic_write(marker_path(path), json.dumps({
        "what": "identity of the ascurate review store beside this file (PRAGMA user_version); "
                "a store without it is refused: restore it (ascurate review restore) or remove this file",
        "id": store_id, "recorded": datetime.now(UTC).isoformat(timespec="seconds"), **extra,
    }, indent=1) + "\n")


def stat_key(path: Path) -> list[int]:
    """What changes when the store does: size and mtime of the file and its write-ahead log."""
    out: list[int] = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = os.stat(p)
            out += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            out += [0, 0]
    return out
