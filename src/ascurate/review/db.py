"""Where the review store lives and how it is opened.

SQLite beside `curated/` by default (one file, nothing to run); PostgreSQL (or any
SQLAlchemy URL) through `ASCURATE_DATABASE_URL`. Opening a store runs its Alembic
migrations programmatically, so an upgraded ascurate upgrades its store on start; a
SQLite store is checked first and refused when damaged, replaced or gone (integrity.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from . import integrity

MIGRATIONS = Path(__file__).parent / "migrations"
ENV_URL = "ASCURATE_DATABASE_URL"


def database_url(curated: str | Path = "curated", url: str | None = None) -> str:
    """An explicit URL, else $ASCURATE_DATABASE_URL, else SQLite in curated/.ascurate/."""
    if url or os.environ.get(ENV_URL):
        return url or os.environ[ENV_URL]
    path = Path(curated) / ".ascurate" / "review.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # the web app reads while a curate run writes
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def migrate(engine: Engine) -> None:
    """Bring the store's schema to the newest revision shipped with this package."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _json(value: Any) -> str:
    """JSON columns' encoder: orjson (the standard library's encoder, SQLAlchemy's default,
    was most of the cost of storing an article's blocks), the standard library's for what
    orjson refuses. Either text reads back as the same value."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(value)


class Store:
    """An engine plus a session factory, migrated on open."""

    def __init__(self, url: str, *, run_migrations: bool = True) -> None:
        self.url = url
        # a SQLite store that is missing, damaged or another file is refused (StoreDamaged),
        # never replaced by a new empty one (integrity.py)
        self.path = integrity.sqlite_path(url)
        if self.path is not None:
            integrity.inspect(self.path)
        kwargs: dict[str, Any] = {"json_serializer": _json}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        self.engine = create_engine(url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if run_migrations:
            migrate(self.engine)
        if self.path is not None and run_migrations:
            integrity.stamp(self.path)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def open_store(curated: str | Path = "curated", url: str | None = None) -> Store:
    return Store(database_url(curated, url))
