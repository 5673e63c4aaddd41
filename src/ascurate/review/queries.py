"""What the review screens and the CLI read: the queue and one article's view.

The queue is ordered by the highest open severity, then by age (oldest first), and
paged; it reads only indexed columns of `articles`, so it stays fast at 10,000s of
articles. An article's view splits each block into segments so the flagged spans can
be highlighted without ever building HTML from page text (templates escape it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session

from . import audit, medical, search
from .decisions import fixed_blocks, identical_counts, last_batch
from .models import OPEN, SEVERITY_RANK, Article, AuditEvent, Flag
from .sync import SYSTEM

STATUSES = ("pending", "approved", "rejected", "all", "medical")  # medical: waiting for a medical sign-off
HIDDEN_PIPELINE = ("duplicate", "rejected")  # not in the pending queue: nothing to review


@dataclass(slots=True)
class Filters:
    status: str = "pending"
    kind: str | None = None
    site: str | None = None
    language: str | None = None
    q: str | None = None  # words to search for (search.py)
    medical: tuple[str, ...] = ()  # the about-groups that need a medical sign-off (medical.py)

    def apply(self, q: Select[Any], dialect: str = "sqlite") -> Select[Any]:
        q = q.where(Article.present)
        if self.status == "pending":
            q = q.where(Article.review_status == "pending", Article.pipeline_status.not_in(HIDDEN_PIPELINE))
        elif self.status in ("approved", "rejected"):
            q = q.where(Article.review_status == self.status)
        elif self.status == "medical":
            q = q.where(Article.review_status != "rejected", Article.pipeline_status.not_in(HIDDEN_PIPELINE),
                        medical.needs_clause(self.medical) if self.medical else false())
        if self.kind:
            # one set of article ids, not a subquery per article: fast on SQLite and PostgreSQL
            q = q.where(Article.id.in_(select(Flag.article_pk).where(Flag.kind == self.kind, Flag.status.in_(OPEN))))
        if self.site:
            q = q.where(Article.site == self.site)
        if self.language:
            q = q.where(Article.language == self.language)
        found = search.matching(self.q, dialect) if self.q else None
        if found is not None:
            q = q.where(Article.id.in_(found))
        return q


@dataclass(slots=True)
class QueuePage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[str]] = field(default_factory=dict)
    open_counts: list[dict[str, Any]] = field(default_factory=list)  # open flags by kind and severity (the app's)
    today: list[dict[str, Any]] = field(default_factory=list)  # what each editor did today (UTC)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def queue(s: Session, filters: Filters, page: int = 1, per_page: int = 50, facets: bool = True) -> QueuePage:
    page = max(1, page)
    cols = (Article.id, Article.title, Article.site, Article.language, Article.review_status,
            Article.pipeline_status, Article.max_severity, Article.open_flags, Article.first_seen,
            Article.decided_by, Article.decided_at, Article.source_key, Article.claimed_by, Article.claimed_until,
            Article.medical_terms, Article.medical_by)
    dialect = s.get_bind().dialect.name
    q = filters.apply(select(*cols), dialect).order_by(Article.max_severity.desc(), Article.first_seen, Article.id)
    rows = [dict(r._mapping) for r in s.execute(q.limit(per_page).offset((page - 1) * per_page))]
    total = s.scalar(filters.apply(select(func.count(Article.id)), dialect)) or 0
    if rows:
        kinds: dict[int, list[str]] = {}
        for pk, kind in s.execute(select(Flag.article_pk, Flag.kind).distinct().where(
                Flag.article_pk.in_([r["id"] for r in rows]), Flag.status.in_(OPEN))):
            kinds.setdefault(pk, []).append(kind)
        now = datetime.now(UTC)
        for r in rows:
            r["kinds"] = sorted(kinds.get(r["id"], []))
            until = r["claimed_until"]
            r["held"] = r["claimed_by"] if until and (until if until.tzinfo else until.replace(tzinfo=UTC)) >= now else None
            r["medical"] = medical.named(r["medical_terms"], filters.medical)
    out = QueuePage(rows, int(total), page, per_page)
    if facets:
        out.facets = {
            "kind": _distinct(s, Flag.kind),
            "site": _distinct(s, Article.site),
            "language": _distinct(s, Article.language),
            "status": [v for v in STATUSES if v != "medical" or filters.medical],
        }
        out.today = done_today(s)
    return out


def selection(s: Session, filters: Filters, limit: int) -> list[int]:
    """The ids of every article the filters select (all pages), in the queue's order."""
    q = filters.apply(select(Article.id), s.get_bind().dialect.name)
    return list(s.scalars(q.order_by(Article.max_severity.desc(), Article.first_seen, Article.id).limit(limit)))


def open_counts(s: Session, filters: Filters) -> list[dict[str, Any]]:
    """Open flags of the selected articles by kind and severity, most severe and largest first."""
    arts = filters.apply(select(Article.id), s.get_bind().dialect.name)
    rows = s.execute(select(Flag.kind, Flag.severity, func.count(Flag.id)).where(
        Flag.status.in_(OPEN), Flag.article_pk.in_(arts)).group_by(Flag.kind, Flag.severity))
    out = [{"kind": k, "severity": sev, "open": int(n)} for k, sev, n in rows]
    return sorted(out, key=lambda r: (-SEVERITY_RANK.get(r["severity"], 0), -r["open"], r["kind"]))


def done_today(s: Session, now: datetime | None = None) -> list[dict[str, Any]]:
    """Each editor's decisions since midnight UTC, by action."""
    now = now or datetime.now(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    rows = s.execute(select(AuditEvent.editor, AuditEvent.action, func.count(AuditEvent.id)).where(
        AuditEvent.at >= midnight, AuditEvent.editor != SYSTEM).group_by(AuditEvent.editor, AuditEvent.action))
    per: dict[str, dict[str, int]] = {}
    for editor, action, n in rows:
        per.setdefault(editor, {})[action] = int(n)
    return [{"editor": e, "actions": dict(sorted(a.items())), "total": sum(a.values())} for e, a in sorted(per.items())]


def _distinct(s: Session, col: Any) -> list[str]:
    return [v for (v,) in s.execute(select(col).distinct().where(col.is_not(None)).order_by(col))]


def segments(text: str, start: int, flags: list[Flag]) -> list[tuple[str, list[Flag]]]:
    """Cut one block's text (which starts at `start` in the article text) at flag edges."""
    end = start + len(text)
    inside = [f for f in flags if f.start < end and f.end > start]
    cuts = sorted({0, len(text), *(max(0, f.start - start) for f in inside), *(min(len(text), f.end - start)
                                                                                for f in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        cover = [f for f in inside if f.start - start < b and f.end - start > a]
        out.append((text[a:b], cover))
    return out


def flag_order(f: Flag) -> tuple[int, int, int, int]:
    """The flags panel's order: open before decided, blocking first, then in text order."""
    return (f.status not in OPEN, -SEVERITY_RANK.get(f.severity, 0), f.start, f.id)


def next_open_flag(s: Session, pk: int, after: int) -> int | None:
    """The open flag that follows flag `after` in the panel's order (wrapping round), or None:
    where the selection goes once `after` is decided."""
    flags = sorted((f for f in s.scalars(select(Flag).where(Flag.article_pk == pk, Flag.status != "retired"))),
                   key=flag_order)
    done = next((f for f in flags if f.id == after), None)
    opened = [f for f in flags if f.status in OPEN and f.id != after]
    if not opened:
        return None
    if done is not None:
        key = flag_order(done)[1:]
        later = [f for f in opened if flag_order(f)[1:] > key]
        if later:
            return later[0].id
    return opened[0].id


def article_view(s: Session, pk: int, selected: int | None = None) -> dict[str, Any] | None:
    art = s.get(Article, pk)
    if art is None:
        return None
    flags = sorted((f for f in art.flags if f.status != "retired"), key=flag_order)
    if selected not in {f.id for f in flags}:
        selected = next((f.id for f in flags if f.status in OPEN), flags[0].id if flags else None)
    retired = [f for f in art.flags if f.status == "retired"]
    blocks, pos = [], 0
    for b in art.blocks:
        blocks.append({**b, "segments": segments(b["text"], pos, flags)})
        pos += len(b["text"]) + 1
    counts = identical_counts(s, flags)
    neighbours = _neighbours(s, art)
    return {
        "article": art, "blocks": blocks, "flags": flags, "retired": retired, "identical": counts,
        "fixed": fixed_blocks(art, flags), "history": audit.history(s, pk),
        "can_undo": last_batch(s, article_pk=pk) is not None,
        "prev": neighbours[0], "next": neighbours[1], "selected": selected,
    }


def _neighbours(s: Session, art: Article) -> tuple[int | None, int | None]:
    """The articles before and after this one in the default queue's order."""
    f = Filters()
    key = (Article.max_severity, Article.first_seen, Article.id)
    after = f.apply(select(Article.id)).where(
        (key[0] < art.max_severity) | ((key[0] == art.max_severity) & ((key[1] > art.first_seen)
                                                                        | ((key[1] == art.first_seen) & (key[2] > art.id)))))
    before = f.apply(select(Article.id)).where(
        (key[0] > art.max_severity) | ((key[0] == art.max_severity) & ((key[1] < art.first_seen)
                                                                        | ((key[1] == art.first_seen) & (key[2] < art.id)))))
    nxt = s.scalar(after.order_by(key[0].desc(), key[1], key[2]).limit(1))
    prv = s.scalar(before.order_by(key[0], key[1].desc(), key[2].desc()).limit(1))
    return prv, nxt


def dismissals_by_rule(s: Session) -> list[dict[str, Any]]:
    """How often each rule was a false alarm, with the reasons given: what to tune first."""
    rows = s.execute(select(Flag.rule, Flag.kind, Flag.reason, func.count(Flag.id))
                     .where(Flag.status == "dismissed").group_by(Flag.rule, Flag.kind, Flag.reason))
    totals = dict(s.execute(select(Flag.rule, func.count(Flag.id)).where(Flag.status != "retired").group_by(Flag.rule)).all())
    per: dict[str, dict[str, Any]] = {}
    for rule, kind, reason, n in rows:
        d = per.setdefault(rule or kind, {"rule": rule or kind, "kind": kind, "dismissed": 0, "reasons": []})
        d["dismissed"] += n
        d["reasons"].append((reason, n))
    for d in per.values():
        d["raised"] = totals.get(d["rule"], d["dismissed"])
        d["reasons"].sort(key=lambda x: -x[1])
    return sorted(per.values(), key=lambda d: -d["dismissed"])
