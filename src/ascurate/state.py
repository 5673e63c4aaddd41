"""The run state kept beside `curated/`: what each input was, what it became, and the
index of published text that dedup checks every later run against.

SQLite (one file, `curated/.ascurate/state.sqlite`) because it gives atomic commits:
a batch's articles, its inputs' hashes and its index entries land together or not at
all, so a killed run leaves the state as it was after the last whole batch.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
  path TEXT PRIMARY KEY,          -- input file, relative to the raw folder
  sha256 TEXT NOT NULL,           -- hash of the file's bytes when last processed
  config TEXT NOT NULL,           -- config fingerprint it was processed with
  articles TEXT NOT NULL,         -- JSON list of article ids it produced
  errors TEXT NOT NULL,           -- JSON list of error records
  processed_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  input TEXT NOT NULL,            -- inputs.path
  content_hash TEXT NOT NULL,     -- normalised clean text hash (exact dedup)
  site TEXT,
  words INTEGER NOT NULL,
  status TEXT NOT NULL,
  duplicate_of TEXT,
  first_seen REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_input ON articles(input);
"""


class State:
    def __init__(self, out: str | Path) -> None:
        self.dir = Path(out) / ".ascurate"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.dir / "state.sqlite", timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- inputs
    def input(self, path: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT sha256, config, articles, errors FROM inputs WHERE path=?", (path,)).fetchone()
        if row is None:
            return None
        return {"sha256": row[0], "config": row[1], "articles": json.loads(row[2]), "errors": json.loads(row[3])}

    def all_errors(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for (errs,) in self.db.execute("SELECT errors FROM inputs WHERE errors != '[]' ORDER BY path"):
            out.extend(json.loads(errs))
        return out

    # -- articles
    def by_hash(self, content_hash: str) -> tuple[str, str] | None:
        """The article already kept for this exact text, as (id, input), if any."""
        row = self.db.execute(
            "SELECT id, input FROM articles WHERE content_hash=? AND status != 'duplicate' AND status != 'rejected' "
            "ORDER BY first_seen, id LIMIT 1", (content_hash,)).fetchone()
        return (row[0], row[1]) if row else None

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def commit_inputs(self, records: Iterable[dict[str, Any]]) -> None:
        """Record a batch of processed inputs and their articles in one transaction."""
        now = time.time()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for rec in records:
                old = self.input(rec["path"])
                if old:
                    gone = set(old["articles"]) - {a["id"] for a in rec["articles"]}
                    self.db.executemany("DELETE FROM articles WHERE id=?", [(g,) for g in gone])
                self.db.execute(
                    "INSERT OR REPLACE INTO inputs VALUES (?,?,?,?,?,?)",
                    (rec["path"], rec["sha256"], rec["config"], json.dumps([a["id"] for a in rec["articles"]]),
                     json.dumps(rec["errors"]), now))
                for a in rec["articles"]:
                    first = self.db.execute("SELECT first_seen FROM articles WHERE id=?", (a["id"],)).fetchone()
                    self.db.execute(
                        "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?)",
                        (a["id"], rec["path"], a["content_hash"], a.get("site"), a["words"], a["status"],
                         a.get("duplicate_of"), first[0] if first else now))
