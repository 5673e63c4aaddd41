"""Claims: an editor who opens an article holds it for a while, so two editors never
decide on the same article at once; the claim lapses by itself (a closed tab frees the
article) and is renewed by every page view and decision of its holder.

Taken with one conditional UPDATE, so two editors opening the same article at the same
moment cannot both get it, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from .models import Article

TTL = timedelta(minutes=20)
RENEW_AFTER = timedelta(minutes=5)  # a page view renews a claim older than this, not every time
QUICK_LOCK_MS = 100  # how long a page view waits for SQLite's write lock to claim


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


def claim_on_view(s: Session, pk: int, editor: str, *, now: datetime | None = None) -> str | None:
    """`claim` for a page view, which must not wait on a curate run's writes: who else holds
    the article, else None. It writes only to take or renew (every RENEW_AFTER) the claim,
    and on SQLite waits at most QUICK_LOCK_MS for the write lock: when the store is busy
    the claim is taken by the editor's first decision instead (which waits its turn)."""
    now = _now(now)
    row = s.execute(select(Article.claimed_by, Article.claimed_until).where(Article.id == pk)).first()
    if row is None:
        return None
    by, until = row
    until = until if until is None or until.tzinfo else until.replace(tzinfo=UTC)
    if by and until is not None and until >= now:
        if by != editor:
            return str(by)
        if until - now > TTL - RENEW_AFTER:
            return None
    sqlite = s.get_bind().dialect.name == "sqlite"
    try:
        if sqlite:
            s.connection().exec_driver_sql(f"PRAGMA busy_timeout={QUICK_LOCK_MS}")
        holder = claim(s, pk, editor, now=now)
        s.commit()
        return holder
    except OperationalError:
        s.rollback()
        return None
    finally:
        if sqlite:
            s.connection().exec_driver_sql("PRAGMA busy_timeout=30000")


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
