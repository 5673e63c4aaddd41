"""Claims: an editor who opens an article holds it for a while, so two editors never
decide on the same article at once; the claim lapses by itself (a closed tab frees the
article) and is renewed by every page view and decision of its holder.

Taken with one conditional UPDATE, so two editors opening the same article at the same
moment cannot both get it, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from .models import Article

TTL = timedelta(minutes=20)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def claim(s: Session, pk: int, editor: str, *, now: datetime | None = None, ttl: timedelta = TTL) -> str | None:
    """Claim (or renew) article `pk` for `editor`; None when it is theirs now, else who holds it."""
    now = _now(now)
    done = s.execute(update(Article).where(
        Article.id == pk, or_(Article.claimed_by.is_(None), Article.claimed_by == editor, Article.claimed_until < now))
        .values(claimed_by=editor, claimed_until=now + ttl).execution_options(synchronize_session=False))
    if done.rowcount:  # type: ignore[attr-defined]
        return None
    return s.scalar(select(Article.claimed_by).where(Article.id == pk))


def release(s: Session, pk: int | None, editor: str) -> None:
    """Give up the claim on article `pk` (None: every claim of the editor's, as on sign-out)."""
    q = update(Article).where(Article.claimed_by == editor)
    if pk is not None:
        q = q.where(Article.id == pk)
    s.execute(q.values(claimed_by=None, claimed_until=None).execution_options(synchronize_session=False))


def held_by_others(s: Session, pks: list[int], editor: str, *, now: datetime | None = None) -> dict[int, str]:
    """Of these articles, those another editor holds now, with who."""
    now = _now(now)
    out: dict[int, str] = {}
    for i in range(0, len(pks), 500):
        out.update(s.execute(select(Article.id, Article.claimed_by).where(
            Article.id.in_(pks[i:i + 500]), Article.claimed_by.is_not(None), Article.claimed_by != editor,
            Article.claimed_until >= now)).tuples().all())
    return out
