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
CREATE TABLE IF NOT EXISTS dedup (
  id TEXT PRIMARY KEY,            -- articles.id
  signature BLOB,                 -- MinHash signature of the clean text (uint32 little-endian)
  shingles INTEGER,               -- distinct 5-word shingles of the clean text
  decision TEXT                   -- JSON: why it is a duplicate (metadata.dedup); NULL when kept
);
CREATE TABLE IF NOT EXISTS input_idents (
  path TEXT PRIMARY KEY,          -- input file, relative to the raw folder
  ident TEXT NOT NULL,            -- filestat.identity when it was hashed
  sha256 TEXT NOT NULL            -- the hash of its bytes then
);
CREATE TABLE IF NOT EXISTS fingerprints (
  config TEXT PRIMARY KEY,        -- inputs.config
  parts TEXT NOT NULL             -- JSON: Config.fingerprint_parts (settings, rules, code, library versions)
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
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

    def done(self, config: str) -> dict[str, str]:
        """path -> sha256 of the inputs processed under settings `config` (one query, not
        one per input)."""
        return dict(self.db.execute("SELECT path, sha256 FROM inputs WHERE config=?", (config,)))

    def record_fingerprint(self, config: str, parts: dict[str, str]) -> None:
        """Remember what fingerprint `config` stands for, so a later run can say what changed."""
        self.db.execute("INSERT OR IGNORE INTO fingerprints VALUES (?,?)", (config, json.dumps(parts, sort_keys=True)))

    def other_fingerprints(self, config: str, paths: Iterable[str]) -> list[dict[str, str]]:
        """The parts of the other fingerprints that these inputs were last processed under,
        most inputs first; {} for one recorded before parts were kept."""
        last = dict(self.db.execute("SELECT path, config FROM inputs WHERE config != ?", (config,)))
        counts: dict[str, int] = {}
        for p in paths:
            if p in last:
                counts[last[p]] = counts.get(last[p], 0) + 1
        parts = dict(self.db.execute("SELECT config, parts FROM fingerprints"))
        return [json.loads(parts[c]) if c in parts else {} for c in sorted(counts, key=lambda c: -counts[c])]

    def elsewhere(self, config: str) -> list[tuple[str, str, str, set[str]]]:
        """(path, sha256, config, sites of its articles) of the inputs last processed under
        another fingerprint than `config` (one query)."""
        out: dict[str, tuple[str, str, str, set[str]]] = {}
        for path, sha, cfg, site in self.db.execute(
                "SELECT i.path, i.sha256, i.config, a.site FROM inputs i LEFT JOIN articles a ON a.input = i.path "
                "WHERE i.config != ?", (config,)):
            out.setdefault(path, (path, sha, cfg, set()))[3].update([site] if site else [])
        return list(out.values())

    def fingerprint_parts(self) -> dict[str, dict[str, str]]:
        """Each recorded fingerprint's parts ({} for one recorded before parts were kept)."""
        return {c: json.loads(p) for c, p in self.db.execute("SELECT config, parts FROM fingerprints")}

    def input_idents(self) -> dict[str, tuple[str, str]]:
        """path -> (identity, sha256) of the inputs hashed before (filestat.py)."""
        return {p: (i, h) for p, i, h in self.db.execute("SELECT path, ident, sha256 FROM input_idents")}

    def record_idents(self, rows: Iterable[tuple[str, str, str]], gone: Iterable[str] = ()) -> None:
        """Remember (path, identity, sha256) of inputs just hashed; forget inputs no longer there."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO input_idents VALUES (?,?,?)", rows)
            self.db.executemany("DELETE FROM input_idents WHERE path=?", ((p,) for p in gone))

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
                    self.db.executemany("DELETE FROM dedup WHERE id=?", [(g,) for g in gone])
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
                    if a.get("signature") is not None:
                        self.db.execute("INSERT OR REPLACE INTO dedup VALUES (?,?,?,?)",
                                        (a["id"], a["signature"], a.get("shingles"),
                                         json.dumps(a["dedup"]) if a.get("dedup") else None))

    # -- dedup index
    def dedup_rows(self) -> list[dict[str, Any]]:
        """Every kept or duplicate article with what dedup needs, oldest first (one query)."""
        rows = self.db.execute(
            "SELECT a.id, a.input, a.content_hash, a.site, a.words, a.status, a.duplicate_of, a.first_seen, d.signature, d.shingles "
            "FROM articles a LEFT JOIN dedup d ON d.id = a.id WHERE a.status != 'rejected' "
            "ORDER BY a.first_seen, a.id").fetchall()
        keys = ("id", "input", "content_hash", "site", "words", "status", "duplicate_of", "first_seen", "signature", "shingles")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def relabel(self, changes: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Mark articles of earlier batches as duplicates of (id, kept id, decision), in one transaction."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for aid, kept, decision in changes:
                self.db.execute("UPDATE articles SET status='duplicate', duplicate_of=? WHERE id=?", (kept, aid))
                self.db.execute("UPDATE dedup SET decision=? WHERE id=?", (json.dumps(decision), aid))

    def group(self, article_id: str) -> list[dict[str, Any]]:
        """The duplicate group of an article: the kept copy first, then its duplicates."""
        row = self.db.execute("SELECT status, duplicate_of FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return []
        kept = row[1] if row[0] == "duplicate" and row[1] else article_id
        rows = self.db.execute(
            "SELECT a.id, a.input, a.site, a.words, a.status, a.duplicate_of, a.first_seen, d.decision "
            "FROM articles a LEFT JOIN dedup d ON d.id = a.id WHERE a.id=? OR a.duplicate_of=? "
            "ORDER BY a.id != ?, a.first_seen, a.id", (kept, kept, kept)).fetchall()
        keys = ("id", "input", "site", "words", "status", "duplicate_of", "first_seen", "decision")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        for m in out:
            m["decision"] = json.loads(m["decision"]) if m["decision"] else None
        return out
