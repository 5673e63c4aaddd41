"""The append-only decision history: every decision, undo, reopen and retirement, with
the editor, the time, the rule and its version, and the text before and after.

Rows are only ever inserted (the migration adds triggers that refuse UPDATE and
DELETE); an undo is a new event naming the batch it reverts.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Article, AuditEvent, Flag


def new_batch() -> str:
    return uuid.uuid4().hex


def flag_state(f: Flag) -> dict[str, Any]:
    return {"status": f.status, "replacement": f.replacement, "reason": f.reason, "decided_by": f.decided_by,
            "decided_at": f.decided_at.isoformat() if f.decided_at else None}


def article_state(a: Article) -> dict[str, Any]:
    return {"review_status": a.review_status, "review_reason": a.review_reason, "decided_by": a.decided_by,
            "decided_at": a.decided_at.isoformat() if a.decided_at else None, "medical_by": a.medical_by,
            "medical_at": a.medical_at.isoformat() if a.medical_at else None, "block_edits": a.block_edits}


def record(s: Session, editor: str, action: str, *, article: Article | None = None, flag: Flag | None = None,
           batch: str | None = None, undoes: str | None = None, text_before: str | None = None,
           text_after: str | None = None, reason: str | None = None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:
    ev = AuditEvent(
        at=at or datetime.now(UTC), editor=editor, action=action, batch=batch or new_batch(), undoes=undoes,
        article_pk=article.id if article else None, source_key=article.source_key if article else None,
        flag_id=flag.id if flag else None, rule=flag.rule if flag else None,
        rule_version=flag.rule_version if flag else None, text_before=text_before, text_after=text_after,
        reason=reason, state_before=before or {}, state_after=after or {},
    )
    s.add(ev)
    return ev


def event_dict(ev: AuditEvent) -> dict[str, Any]:
    return {"id": ev.id, "at": _iso(ev.at), "editor": ev.editor, "action": ev.action, "batch": ev.batch,
            "undoes": ev.undoes, "article": ev.article_pk, "source": ev.source_key, "flag": ev.flag_id,
            "rule": ev.rule, "rule_version": ev.rule_version, "text_before": ev.text_before,
            "text_after": ev.text_after, "reason": ev.reason, "state_before": ev.state_before,
            "state_after": ev.state_after}


def _iso(t: datetime) -> str:
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).isoformat()


def iter_jsonl(s: Session, since_id: int = 0, chunk: int = 1000) -> Iterator[str]:
    """The history as JSON lines, oldest first, read in chunks (it only grows)."""
    last = since_id
    while True:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id).limit(chunk)).all()
        if not rows:
            return
        for ev in rows:
            yield json.dumps(event_dict(ev), ensure_ascii=False) + "\n"
        last = rows[-1].id


def history(s: Session, article_pk: int, limit: int = 200) -> list[AuditEvent]:
    return list(s.scalars(select(AuditEvent).where(AuditEvent.article_pk == article_pk)
                          .order_by(AuditEvent.id.desc()).limit(limit)))
