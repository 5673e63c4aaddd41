"""What the review screens and the CLI read: the queue and one article's view.

The queue is ordered by the highest open severity, then by age (oldest first), and
paged; it reads only indexed columns of `articles`, so it stays fast at 10,000s of
articles. An article's view splits each block into segments so the flagged spans can
be highlighted without ever building HTML from page text (templates escape it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from . import audit
from .decisions import fixed_blocks, identical_counts, last_batch
from .models import OPEN, Article, Flag

STATUSES = ("pending", "approved", "rejected", "all")
HIDDEN_PIPELINE = ("duplicate", "rejected")  # not in the pending queue: nothing to review


@dataclass(slots=True)
class Filters:
    status: str = "pending"
    kind: str | None = None
    site: str | None = None
    language: str | None = None

    def apply(self, q: Select[Any]) -> Select[Any]:
        q = q.where(Article.present)
        if self.status == "pending":
            q = q.where(Article.review_status == "pending", Article.pipeline_status.not_in(HIDDEN_PIPELINE))
        elif self.status in ("approved", "rejected"):
            q = q.where(Article.review_status == self.status)
        if self.kind:
            # one set of article ids, not a subquery per article: fast on SQLite and PostgreSQL
            q = q.where(Article.id.in_(select(Flag.article_pk).where(Flag.kind == self.kind, Flag.status.in_(OPEN))))
        if self.site:
            q = q.where(Article.site == self.site)
        if self.language:
            q = q.where(Article.language == self.language)
        return q


@dataclass(slots=True)
class QueuePage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def queue(s: Session, filters: Filters, page: int = 1, per_page: int = 50, facets: bool = True) -> QueuePage:
    page = max(1, page)
    cols = (Article.id, Article.title, Article.site, Article.language, Article.review_status,
            Article.pipeline_status, Article.max_severity, Article.open_flags, Article.first_seen,
            Article.decided_by, Article.decided_at, Article.source_key)
    q = filters.apply(select(*cols)).order_by(Article.max_severity.desc(), Article.first_seen, Article.id)
    rows = [dict(r._mapping) for r in s.execute(q.limit(per_page).offset((page - 1) * per_page))]
    total = s.scalar(filters.apply(select(func.count(Article.id)))) or 0
    if rows:
        kinds: dict[int, list[str]] = {}
        for pk, kind in s.execute(select(Flag.article_pk, Flag.kind).distinct().where(
                Flag.article_pk.in_([r["id"] for r in rows]), Flag.status.in_(OPEN))):
            kinds.setdefault(pk, []).append(kind)
        for r in rows:
            r["kinds"] = sorted(kinds.get(r["id"], []))
    out = QueuePage(rows, int(total), page, per_page)
    if facets:
        out.facets = {
            "kind": _distinct(s, Flag.kind),
            "site": _distinct(s, Article.site),
            "language": _distinct(s, Article.language),
            "status": list(STATUSES),
        }
    return out


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


def article_view(s: Session, pk: int) -> dict[str, Any] | None:
    art = s.get(Article, pk)
    if art is None:
        return None
    flags = [f for f in art.flags if f.status != "retired"]
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
        "prev": neighbours[0], "next": neighbours[1],
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
