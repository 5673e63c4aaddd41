"""Upsert curated articles and their flags into the review store.

A flag's identity is (article source, rule, quote, the text around it), so rerunning
the pipeline on unchanged text finds the same flag and keeps its decision. When the
text changes around a flag, that flag is retired (its decision stays in the audit
history) and the new one is open; when an article's text changes, an approval or
rejection on it is withdrawn, since the editor approved other words.

A nightly sync reads only the files that changed: each article row keeps the identity
(`filestat.identity`: inode, size, mtime, ctime) of the JSON it was synced from, and a
file with that identity is not read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from .. import __version__, rulebook
from ..config import Config, load_config
from ..runtime import filestat
from . import audit, medical, siterules
from .db import Store
from .models import OPEN, SEVERITY_RANK, Article, Flag

CONTEXT = 40  # characters either side of a quote that belong to a flag's identity
SYSTEM = "ascurate"  # the editor name on events the pipeline causes


@dataclass(slots=True)
class SyncReport:
    seen: int = 0
    read: int = 0  # files read (the others had the identity they were synced with)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    gone: int = 0
    reopened: int = 0  # decided flags retired because their text changed
    new_flags: list[dict[str, Any]] = field(default_factory=list)  # open flags first seen this sync

    def to_dict(self) -> dict[str, Any]:
        return {"seen": self.seen, "read": self.read, "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "gone": self.gone, "reopened": self.reopened, "new_flags": len(self.new_flags)}


def source_key(article: dict[str, Any]) -> str:
    src = article.get("source") or {}
    path = src.get("path") or article["id"]
    return path if not src.get("record") else f"{path}#{src['record']}"


def fingerprint(key: str, rule: str | None, kind: str, quote: str, text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
    return _hash(key, rule or kind, quote, before, after)


def match_key(rule: str | None, kind: str, quote: str) -> str:
    """Identical matches across articles: the same rule on the same words."""
    return _hash(rule or kind, " ".join(quote.split()).lower())


def rule_versions(cfg: Config) -> dict[str, str]:
    """A short hash of each flag rule's definition: the audit says which version fired."""
    out = {}
    for r in rulebook.load(cfg, "flag"):
        body = json.dumps({"pattern": r.pattern.pattern, **r.data}, sort_keys=True, default=str)
        out[r.id] = hashlib.sha256(body.encode()).hexdigest()[:12]
    return out


def _load(raw: bytes) -> Any:
    """An article file's JSON: orjson (the standard library's decoder took most of a sync's
    time), or the standard library's for what orjson refuses (NaN, huge integers)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def curated_files(curated: str | Path) -> list[tuple[Path, os.stat_result]]:
    """Every article JSON in curated/articles with its stat, in name order."""
    folder = Path(curated) / "articles"
    if not folder.is_dir():
        return []
    with os.scandir(folder) as it:
        entries = sorted((e for e in it if e.name.endswith(".json") and e.is_file()), key=lambda e: e.name)
    out = []
    for e in entries:
        try:
            out.append((Path(e.path), e.stat()))
        except FileNotFoundError:  # deleted since it was listed
            continue
    return out


def sync_curated(store: Store, curated: str | Path, cfg: Config | None = None,
                 now: datetime | None = None, chunk: int = 500) -> SyncReport:
    """Bring the store in line with curated/articles; mark articles no longer there."""
    report = SyncReport()
    rules = siterules.index(siterules.load(curated))
    started = time.time_ns()  # what changed after the listing began is read again next time
    seen_keys: set[str] = set()
    t = Article.__table__.c  # the table's columns, not the ORM's: plain rows, no ORM objects to build for a listing
    with store.session() as s:
        rows = s.connection().execute(select(t.source_key, t.file_hash, t.article_id, t.file_stat, t.present)).all()
    known = {key: fhash for key, fhash, *_ in rows}
    synced = {f"{aid}.json": (key, stat) for key, _, aid, stat, present in rows if stat and present}
    pending: list[tuple[str, dict[str, Any]]] = []
    stats: dict[str, str | None] = {}  # source key -> identity of the file its pending row comes from
    restat: list[dict[str, str]] = []  # unchanged rows whose file's identity is new to the store
    for path, st in curated_files(curated):
        report.seen += 1
        stat = filestat.identity(st, started)
        hit = synced.get(path.name)
        if stat is not None and hit is not None and hit[1] == stat:  # the very file synced before
            seen_keys.add(hit[0])
            report.unchanged += 1
            continue
        try:
            raw = path.read_bytes()
        except FileNotFoundError:  # deleted since it was listed: the next sync sees it gone
            report.seen -= 1
            continue
        report.read += 1
        fhash = hashlib.sha256(raw).hexdigest()
        data = _load(raw)
        key = source_key(data)
        seen_keys.add(key)
        if known.get(key) == fhash:
            report.unchanged += 1
            if stat is not None:
                restat.append({"key": key, "stat": stat})
            continue
        pending.append((fhash, data))
        stats[key] = stat
        if len(pending) >= chunk:
            upsert(store, pending, cfg, now, report, stats, rules)
            pending = []
    if pending:
        upsert(store, pending, cfg, now, report, stats, rules)
    gone = [k for k in known if k not in seen_keys]
    if gone or restat:
        with store.session() as s, s.begin():
            for i in range(0, len(gone), 500):
                res = s.execute(update(Article).where(Article.source_key.in_(gone[i:i + 500]), Article.present)
                                .values(present=False))
                report.gone += res.rowcount  # type: ignore[attr-defined]
            if restat:
                table = Article.__table__
                s.connection().execute(table.update().where(table.c.source_key == bindparam("key"))
                                       .values(file_stat=bindparam("stat")), restat)
    return report


class Feed:
    """Articles into the review store while a run writes them: editors see them as they
    come, and the sync after the run (`finish`, which is `sync_curated`) has only the last
    seconds' files left to read instead of every article at once on one core.

    An article is synced once its file is `filestat.RACY_SECONDS` old, so the identity
    recorded with it holds and the closing sync does not read it again; a file rewritten
    after it was synced (a dedup relabel) has another identity, and the closing sync
    reads it. So the store ends as one `sync_curated` after the run would leave it."""

    SETTLE_NS = int((filestat.RACY_SECONDS + 0.5) * 1e9)

    def __init__(self, store: Store, curated: str | Path, cfg: Config | None = None, chunk: int = 200) -> None:
        self.store, self.curated, self.cfg, self.chunk = store, Path(curated), cfg, chunk
        self.report = SyncReport()
        self._queue: deque[tuple[int, str]] = deque()  # (when it was written, ns; article id)

    def add(self, article_ids: Iterable[str]) -> None:
        """Articles just written; those written long enough ago are synced in chunks."""
        now = time.time_ns()
        self._queue.extend((now, aid) for aid in article_ids)
        settled = now - self.SETTLE_NS
        ready = 0
        for written, _ in self._queue:
            if written > settled:
                break
            ready += 1
        if ready >= self.chunk:
            self._sync([self._queue.popleft()[1] for _ in range(ready)])

    def _sync(self, article_ids: list[str]) -> None:
        started = time.time_ns()
        pending: list[tuple[str, dict[str, Any]]] = []
        stats: dict[str, str | None] = {}
        for aid in dict.fromkeys(article_ids):
            path = self.curated / "articles" / f"{aid}.json"
            try:
                st = path.stat()
                raw = path.read_bytes()
            except FileNotFoundError:  # deleted since (its input changed): the closing sync marks it gone
                continue
            self.report.read += 1
            data = _load(raw)
            stats[source_key(data)] = filestat.identity(st, started)
            pending.append((hashlib.sha256(raw).hexdigest(), data))
        if pending:
            upsert(self.store, pending, self.cfg, None, self.report, stats,
                   siterules.index(siterules.load(self.curated)))

    def finish(self) -> SyncReport:
        """The closing sync, and one report for the run: what this feed synced counts as
        added or updated, not again as unchanged."""
        final = sync_curated(self.store, self.curated, self.cfg)
        fed = self.report
        final.read += fed.read
        final.unchanged = max(0, final.unchanged - fed.added - fed.updated)
        final.added += fed.added
        final.updated += fed.updated
        final.reopened += fed.reopened
        final.new_flags[:0] = fed.new_flags
        self._queue.clear()
        return final


def upsert(store: Store, items: Iterable[tuple[str, dict[str, Any]]], cfg: Config | None = None,
           now: datetime | None = None, report: SyncReport | None = None,
           stats: dict[str, str | None] | None = None,
           site_rules: dict[tuple[str, str], siterules.SiteRule] | None = None) -> SyncReport:
    """Insert or update articles (given as (file hash, article dict)) in one transaction.
    The chunk's stored articles and flags are read in two queries; rows that are new (an
    article first seen, a flag first found) are inserted as plain rows in two statements
    (the ORM would insert them one statement a row), in the order the chunk gives them;
    changes to stored rows go through the ORM, in one flush. `stats`: each source key's
    file identity (`file_stat`), recorded with the row."""
    report = report if report is not None else SyncReport()
    now = now or datetime.now(UTC)
    versions = rule_versions(cfg or load_config(Path("/nonexistent")))
    items = [(fhash, data, source_key(data)) for fhash, data in items]
    with store.session() as s, s.begin():
        stored: dict[str, Article] = {}
        flags: dict[int, dict[str, Flag]] = {}
        keys = sorted({key for _, _, key in items})
        for i in range(0, len(keys), 500):
            stored.update((a.source_key, a) for a in s.scalars(select(Article).where(Article.source_key.in_(keys[i:i + 500]))))
        pks = [a.id for a in stored.values()]
        for i in range(0, len(pks), 500):
            for f in s.scalars(select(Flag).where(Flag.article_pk.in_(pks[i:i + 500]))):
                flags.setdefault(f.article_pk, {})[f.fingerprint] = f
        new = _NewRows()
        for fhash, data, key in items:
            art = stored.get(key) or new.articles.get(key)
            if art is not None and _get(art, "present") and _get(art, "file_hash") == fhash:  # the very article synced before
                report.unchanged += 1
                stat = (stats or {}).get(key)
                if stat:
                    _set(art, "file_stat", stat)
                continue
            _upsert_one(s, fhash, data, key, versions, now, report, stored, flags, new,
                        (stats or {}).get(key), site_rules or {})
        new.insert(s)
        s.flush()
        report.new_flags.extend(new.flag_rows())
    return report


Row = dict[str, Any]


class _NewRows:
    """The rows a chunk adds: articles first seen and flags first found, inserted with Core
    in the order they were found (so ids are given in that order), and the flags new to
    editors (an ORM flag reopened, or a new row), for the run's report."""

    def __init__(self) -> None:
        self.articles: dict[str, Row] = {}  # by source key
        self.flags: list[tuple[Article | Row, Row]] = []
        self.fresh: list[tuple[Article | Row, Flag | Row]] = []

    def insert(self, s: Session) -> None:
        conn = s.connection()
        if self.articles:
            table = Article.__table__
            rows = list(self.articles.values())
            ids = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
            for row, pk in zip(rows, ids, strict=True):
                row["id"] = pk
        if self.flags:
            for art, row in self.flags:
                row["article_pk"] = _get(art, "id")
            table = Flag.__table__
            ids = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                               [row for _, row in self.flags]).scalars().all()
            for (_, row), pk in zip(self.flags, ids, strict=True):
                row["id"] = pk

    def flag_rows(self) -> list[dict[str, Any]]:
        return [_flag_row(art, f) for art, f in self.fresh]


def _get(obj: Any, name: str) -> Any:
    """A column's value of an ORM object or of a plain row."""
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def _set(obj: Any, name: str, value: Any) -> None:
    if isinstance(obj, dict):
        obj[name] = value
    else:
        setattr(obj, name, value)


def _upsert_one(s: Session, fhash: str, data: dict[str, Any], key: str, versions: dict[str, str], now: datetime,
                report: SyncReport, stored: dict[str, Article], flags: dict[int, dict[str, Flag]],
                new: _NewRows, stat: str | None = None,
                site_rules: dict[tuple[str, str], siterules.SiteRule] | None = None) -> None:
    src = data.get("source") or {}
    text = data.get("text", "")
    art: Article | Row | None = stored.get(key) or new.articles.get(key)
    fields = dict(
        article_id=data["id"], file_hash=fhash, file_stat=stat, content_hash=data.get("content_hash") or _hash(text),
        title=data.get("title"), language=data.get("language"), site=src.get("site"), url=src.get("url"),
        pipeline_status=data.get("status", "clean"), pipeline_reason=data.get("reject_reason"), text=text,
        blocks=data.get("blocks", []), removed=data.get("removed", []),
        data={k: v for k, v in data.items() if k not in ("text", "blocks", "flags", "removed")},
        present=True, updated_at=now, medical_terms=medical.terms(data),
    )
    existing: dict[str, Flag] = {}
    if art is None:
        # the columns an ORM insert would give; those left out (decisions, claims, block
        # edits) are NULL, as when the ORM inserts an object that never set them
        art = new.articles[key] = dict(source_key=key, first_seen=now, review_status="pending", **fields)
        report.added += 1
    elif isinstance(art, dict):  # a second file of this source in the chunk: its row, not yet inserted, is updated
        report.updated += 1
        art.update(fields)
    else:
        report.updated += 1
        text_changed = art.content_hash != fields["content_hash"]
        if text_changed and (art.review_status != "pending" or art.medical_by is not None or art.block_edits):
            was = (art.review_status + (", medically signed off" if art.medical_by else "")
                   + (", with blocks restored or removed" if art.block_edits else ""))
            audit.record(s, SYSTEM, "reopen", article=art, reason=f"text changed after it was {was}",
                         before=audit.article_state(art), after={**audit.article_state(art), "review_status": "pending",
                                                                  "review_reason": None, "medical_by": None,
                                                                  "medical_at": None, "block_edits": None},
                         at=now)
            art.review_status, art.review_reason = "pending", None
            art.medical_by = art.medical_at = None  # the medical reviewer signed off other words too
            art.block_edits = None  # block edits name blocks of the old text
        for k, v in fields.items():
            setattr(art, k, v)
        existing = flags.get(art.id, {}) if art.id is not None else {}
    current: set[str] = set()
    added: list[Row] = []
    for fd in data.get("flags", []):
        start, end, quote = fd["start"], fd["end"], fd.get("quote", "")
        fp = fingerprint(key, fd.get("rule"), fd["kind"], quote, text, start, end)
        if fp in current:
            continue
        current.add(fp)
        old = existing.get(fp)
        if old is not None:
            old.start, old.end, old.quote = start, end, quote
            old.severity, old.message, old.suggestion = fd["severity"], fd.get("message", ""), fd.get("suggestion")
            if old.status == "retired":  # the text came back: the flag needs a look again
                old.status, old.replacement, old.reason, old.decided_by, old.decided_at = "open", None, None, None, None
                new.fresh.append((art, old))
            continue
        rule = fd.get("rule")
        flag = dict(fingerprint=fp, match_key=match_key(rule, fd["kind"], quote), kind=fd["kind"], rule=rule,
                    rule_version=versions.get(rule or "", f"ascurate-{__version__}"),
                    severity=fd["severity"], message=fd.get("message", ""), suggestion=fd.get("suggestion"),
                    quote=quote, start=start, end=end, status="open", replacement=None, reason=None,
                    decided_by=None, decided_at=None, first_seen=now)
        ruled = (site_rules or {}).get((fields["site"] or "", rule or ""))
        if ruled is not None:  # an editor said this rule is wrong on this site (siterules.py)
            flag.update(status="dismissed", reason=ruled.reason, decided_by=ruled.who, decided_at=now)
        new.flags.append((art, flag))
        if ruled is None:
            added.append(flag)
    for fp, old in existing.items():
        if fp in current or old.status == "retired":
            continue
        if old.status not in OPEN:
            report.reopened += 1
        audit.record(s, SYSTEM, "retire", article=art, flag=old, text_before=old.quote,
                     reason="text changed: the flag is no longer found there"
                     + (f" (was {old.status} by {old.decided_by})" if old.decided_by else ""),
                     before=audit.flag_state(old), after={**audit.flag_state(old), "status": "retired"}, at=now)
        old.status = "retired"
    new.fresh.extend((art, f) for f in added)
    # the queue's sort keys (a flag a site rule dismissed is neither open nor new)
    open_flags, max_severity = queue_keys([*((f.severity, f.status) for f in existing.values()),
                                           *((f["severity"], f["status"]) for f in added)])
    _set(art, "open_flags", open_flags)
    _set(art, "max_severity", max_severity)


def queue_keys(flags: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """(open flag count, highest open severity) of (severity, status) pairs."""
    sev = [severity for severity, status in flags if status in OPEN]
    return len(sev), max((SEVERITY_RANK.get(x, 0) for x in sev), default=0)


def refresh(s: Session, art: Article, flags: Iterable[Flag] | None = None) -> None:
    """Recompute the queue's sort keys (highest open severity, open flag count)."""
    if flags is None:
        flags = s.scalars(select(Flag).where(Flag.article_pk == art.id))
    art.open_flags, art.max_severity = queue_keys((f.severity, f.status) for f in flags)


def _flag_row(art: Article | Row, flag: Flag | Row) -> dict[str, Any]:
    return {"article": _get(art, "id"), "source": _get(art, "source_key"), "title": _get(art, "title"),
            "site": _get(art, "site"), "flag": _get(flag, "id"), "kind": _get(flag, "kind"), "rule": _get(flag, "rule"),
            "severity": _get(flag, "severity"), "quote": _get(flag, "quote")[:120]}


def review_url() -> str:
    """Where editors reach the review app (links in run artifacts): $ASCURATE_REVIEW_URL."""
    return os.environ.get("ASCURATE_REVIEW_URL", "http://127.0.0.1:8000").rstrip("/")


def artifact_rows(new_flags: list[dict[str, Any]], base_url: str, limit: int = 1000) -> list[dict[str, Any]]:
    """New flagged items as table rows with a link into the review app (first `limit`)."""
    return [{"severity": f["severity"], "kind": f["kind"], "rule": f["rule"] or "", "quote": f["quote"],
             "article": f["title"] or f["source"], "site": f["site"] or "",
             "link": f"{base_url}/articles/{f['article']}#flag-{f['flag']}"}
            for f in sorted(new_flags, key=lambda f: (-SEVERITY_RANK.get(f["severity"], 0), f["article"]))[:limit]]
