"""Editors' decisions: on a flag (accept, dismiss, edit, defer), on an article (approve,
reject), and undo. Each decision is one audit batch; a decision applied to every
identical open match across articles is still one batch, so one undo reverts it all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit, cleaning, medical, siterules
from .fixes import apply_fixes, fixed_text
from .models import OPEN, Article, AuditEvent, Flag
from .sync import refresh

FLAG_ACTIONS = ("accept", "dismiss", "edit", "defer")
ARTICLE_ACTIONS = ("approve", "reject")
MEDICAL = "medical-signoff"  # the second, medical approval (medical.py)
BLOCK_ACTIONS = ("restore-block", "remove-block")  # corrections to cleaning (cleaning.py)
UNDOABLE = FLAG_ACTIONS + ARTICLE_ACTIONS + (MEDICAL,) + BLOCK_ACTIONS


class DecisionError(ValueError):
    """A decision that cannot be made (the message says why, for the editor)."""


def identical(s: Session, flag: Flag) -> tuple[int, int]:
    """Other open flags with the same rule and words: (flags, articles)."""
    n, arts = s.execute(select(func.count(Flag.id), func.count(func.distinct(Flag.article_pk)))
                        .where(Flag.match_key == flag.match_key, Flag.status.in_(OPEN), Flag.id != flag.id)).one()
    return int(n), int(arts)


def identical_counts(s: Session, flags: Sequence[Flag]) -> dict[int, tuple[int, int]]:
    """`identical` for all of an article's flags in one query."""
    keys = {f.match_key for f in flags}
    if not keys:
        return {}
    rows = s.execute(select(Flag.match_key, Flag.article_pk, func.count(Flag.id))
                     .where(Flag.match_key.in_(keys), Flag.status.in_(OPEN)).group_by(Flag.match_key, Flag.article_pk))
    per: dict[str, list[tuple[int, int]]] = {}
    for key, pk, n in rows:
        per.setdefault(key, []).append((pk, n))
    out = {}
    for f in flags:
        groups = per.get(f.match_key, [])
        n = sum(c for _, c in groups) - (1 if f.status in OPEN else 0)
        out[f.id] = (n, sum(1 for pk, _ in groups if pk != f.article_pk))
    return out


def decide_flag(s: Session, flag_id: int, action: str, editor: str, *, reason: str | None = None,
                text: str | None = None, apply_all: bool = False, now: datetime | None = None) -> str:
    """Record one decision on a flag (and, with apply_all, on its identical open matches)."""
    if action not in FLAG_ACTIONS:
        raise DecisionError(f"unknown action {action!r}")
    flag = s.get(Flag, flag_id)
    if flag is None:
        raise DecisionError(f"no flag {flag_id}")
    if flag.status == "retired":
        raise DecisionError("this flag is retired: its text changed since it was raised")
    reason = (reason or "").strip() or None
    if action == "accept" and flag.suggestion is None:
        raise DecisionError("this rule has no suggestion to accept: edit the text instead")
    if action == "dismiss" and not reason:
        raise DecisionError("say why the flag is a false alarm (the reason tunes the rule)")
    if action == "edit" and text is None:
        raise DecisionError("an edit needs the new text")
    targets = [flag]
    if apply_all:
        targets += list(s.scalars(select(Flag).where(Flag.match_key == flag.match_key, Flag.status.in_(OPEN),
                                                     Flag.id != flag.id).order_by(Flag.id)))
    now = now or datetime.now(UTC)
    batch = audit.new_batch()
    status = {"accept": "accepted", "dismiss": "dismissed", "edit": "edited", "defer": "deferred"}[action]
    touched: dict[int, Article] = {}
    for f in targets:
        before = audit.flag_state(f)
        f.status, f.decided_by, f.decided_at = status, editor, now
        f.replacement = f.suggestion if action == "accept" else (text if action == "edit" else None)
        f.reason = reason if action in ("dismiss", "defer", "edit") else None
        art = f.article
        audit.record(s, editor, action, article=art, flag=f, batch=batch, text_before=f.quote,
                     text_after=f.replacement if action in ("accept", "edit") else None, reason=reason,
                     before=before, after=audit.flag_state(f), at=now)
        touched[art.id] = art
    s.flush()
    for art in touched.values():
        refresh(s, art)
    return batch


def decide_article(s: Session, article_pk: int, action: str, editor: str, *, reason: str | None = None,
                   now: datetime | None = None) -> str:
    if action not in ARTICLE_ACTIONS:
        raise DecisionError(f"unknown action {action!r}")
    art = s.get(Article, article_pk)
    if art is None:
        raise DecisionError(f"no article {article_pk}")
    reason = (reason or "").strip() or None
    if action == "reject" and not reason:
        raise DecisionError("say why the article is rejected")
    if action == "approve":
        blocking = s.scalar(select(func.count(Flag.id)).where(
            Flag.article_pk == art.id, Flag.status.in_(OPEN), Flag.severity == "blocking"))
        if blocking:
            raise DecisionError(f"{blocking} blocking flag(s) are still open: accept, edit or dismiss them first")
    now = now or datetime.now(UTC)
    before = audit.article_state(art)
    art.review_status = "approved" if action == "approve" else "rejected"
    art.review_reason, art.decided_by, art.decided_at = reason, editor, now
    batch = audit.new_batch()
    audit.record(s, editor, action, article=art, batch=batch, text_before=before["review_status"],
                 text_after=art.review_status, reason=reason, before=before, after=audit.article_state(art), at=now)
    return batch


def medical_signoff(s: Session, article_pk: int, reviewer: str, chosen: tuple[str, ...],
                    now: datetime | None = None) -> str:
    """A medical reviewer's sign-off on an article that names a condition or drug (the
    `chosen` groups); publishing waits for it as well as for an editor's approval."""
    art = s.get(Article, article_pk)
    if art is None:
        raise DecisionError(f"no article {article_pk}")
    names = medical.named(art.medical_terms, chosen)
    if not names:
        raise DecisionError("this article names no condition or drug that needs a medical sign-off")
    if art.medical_by:
        raise DecisionError(f"signed off already by {art.medical_by}")
    now = now or datetime.now(UTC)
    before = audit.article_state(art)
    art.medical_by, art.medical_at = reviewer, now
    batch = audit.new_batch()
    audit.record(s, reviewer, MEDICAL, article=art, batch=batch, text_after=", ".join(names),
                 reason="medical review", before=before, after=audit.article_state(art), at=now)
    return batch


def edit_block(s: Session, article_pk: int, op: str, index: int, editor: str, now: datetime | None = None) -> str:
    """Restore a block cleaning removed (`restore`, an index into the article's removals)
    or remove a kept one (`remove`, a block index); the same again takes it back. Applied
    when the article is published."""
    art = s.get(Article, article_pk)
    if art is None:
        raise DecisionError(f"no article {article_pk}")
    before = audit.article_state(art)
    try:
        text, rule = cleaning.toggle(art, op, index)
    except ValueError as e:
        raise DecisionError(str(e)) from None
    now = now or datetime.now(UTC)
    batch = audit.new_batch()
    on = index in cleaning.edits(art)["restore" if op == "restore" else "remove"]
    audit.record(s, editor, f"{op}-block", article=art, batch=batch, text_before=text,
                 reason=f"{'' if on else 'take back: '}{rule}", before=before, after=audit.article_state(art), at=now)
    return batch


def apply_site_rule(s: Session, rule: siterules.SiteRule, editor: str, now: datetime | None = None) -> int:
    """Dismiss the rule's open flags on its site, as one audited batch; returns how many."""
    now = now or datetime.now(UTC)
    batch = audit.new_batch()
    targets = list(s.scalars(select(Flag).join(Article).where(
        Article.site == rule.site, Flag.rule == rule.rule, Flag.status.in_(OPEN))))
    for f in targets:
        before = audit.flag_state(f)
        f.status, f.reason, f.decided_by, f.decided_at, f.replacement = "dismissed", rule.reason, editor, now, None
        audit.record(s, editor, "dismiss", article=f.article, flag=f, batch=batch, text_before=f.quote,
                     reason=rule.reason, before=before, after=audit.flag_state(f), at=now)
    s.flush()
    for art in {f.article_pk: f.article for f in targets}.values():
        refresh(s, art)
    return len(targets)


def lift_site_rule(s: Session, rule: siterules.SiteRule, editor: str, now: datetime | None = None) -> int:
    """Reopen what the rule dismissed (its id is in their reason), as one audited batch."""
    now = now or datetime.now(UTC)
    batch = audit.new_batch()
    targets = list(s.scalars(select(Flag).where(Flag.status == "dismissed", Flag.reason == rule.reason)))
    for f in targets:
        before = audit.flag_state(f)
        f.status, f.reason, f.decided_by, f.decided_at = "open", None, None, None
        audit.record(s, editor, "reopen", article=f.article, flag=f, batch=batch, text_before=f.quote,
                     reason=f"site rule {rule.id} removed", before=before, after=audit.flag_state(f), at=now)
    s.flush()
    for art in {f.article_pk: f.article for f in targets}.values():
        refresh(s, art)
    return len(targets)


@dataclass(slots=True)
class Bulk:
    """What one decision over a selection of articles would do (or did): the articles it
    applies to, and those it skips with why."""

    action: str
    pks: list[int] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # why -> how many
    batch: str | None = None


def plan_bulk(s: Session, pks: list[int], action: str, editor: str, *, now: datetime | None = None) -> Bulk:
    """Which of these articles can take `action` now: not those already so decided, held by
    another editor, or (approve) with an open blocking flag."""
    if action not in ARTICLE_ACTIONS:
        raise DecisionError(f"unknown action {action!r}")
    from .claims import held_by_others

    out = Bulk(action)
    target = "approved" if action == "approve" else "rejected"
    held = held_by_others(s, pks, editor, now=now)
    blocked: set[int] = set()
    status: dict[int, str] = {}
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        status.update(s.execute(select(Article.id, Article.review_status).where(Article.id.in_(chunk))).tuples().all())
        if action == "approve":
            blocked.update(s.scalars(select(Flag.article_pk).distinct().where(
                Flag.article_pk.in_(chunk), Flag.status.in_(OPEN), Flag.severity == "blocking")))
    for pk in pks:
        why = ("not in the store" if pk not in status else f"{target} already" if status[pk] == target
               else "another editor is working on it" if pk in held
               else "an open blocking flag" if pk in blocked else None)
        if why:
            out.skipped[why] = out.skipped.get(why, 0) + 1
        else:
            out.pks.append(pk)
    return out


def decide_articles(s: Session, pks: list[int], action: str, editor: str, *, reason: str | None = None,
                    now: datetime | None = None) -> Bulk:
    """Approve or reject a selection in one audit batch (one undo reverts all of it); the
    articles `plan_bulk` skips are left as they are."""
    reason = (reason or "").strip() or None
    if action == "reject" and not reason:
        raise DecisionError("say why the articles are rejected")
    now = now or datetime.now(UTC)
    plan = plan_bulk(s, pks, action, editor, now=now)
    if not plan.pks:
        return plan
    plan.batch = audit.new_batch()
    for i in range(0, len(plan.pks), 500):
        for art in s.scalars(select(Article).where(Article.id.in_(plan.pks[i:i + 500]))):
            before = audit.article_state(art)
            art.review_status = "approved" if action == "approve" else "rejected"
            art.review_reason, art.decided_by, art.decided_at = reason, editor, now
            audit.record(s, editor, action, article=art, batch=plan.batch, text_before=before["review_status"],
                         text_after=art.review_status, reason=reason or f"bulk {action} of {len(plan.pks)}", before=before,
                         after=audit.article_state(art), at=now)
    return plan


def last_batch(s: Session, article_pk: int | None = None, editor: str | None = None) -> str | None:
    """The newest decision batch not yet undone (on this article, or by this editor)."""
    undone = select(AuditEvent.undoes).where(AuditEvent.undoes.is_not(None))
    q = select(AuditEvent.batch).where(AuditEvent.action.in_(UNDOABLE), AuditEvent.batch.not_in(undone))
    if article_pk is not None:
        q = q.where(AuditEvent.article_pk == article_pk)
    if editor is not None:
        q = q.where(AuditEvent.editor == editor)
    return s.scalar(q.order_by(AuditEvent.id.desc()).limit(1))


def undo(s: Session, editor: str, *, article_pk: int | None = None, batch: str | None = None,
         now: datetime | None = None) -> str | None:
    """Revert a decision batch (default: the newest on the article); returns it, or None."""
    batch = batch or last_batch(s, article_pk=article_pk)
    if batch is None:
        return None
    events = list(s.scalars(select(AuditEvent).where(AuditEvent.batch == batch).order_by(AuditEvent.id.desc())))
    if not events or events[0].action not in UNDOABLE:
        raise DecisionError("only decisions can be undone")
    if s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.undoes == batch)):
        raise DecisionError("that decision was already undone")
    now = now or datetime.now(UTC)
    undo_batch = audit.new_batch()
    touched: dict[int, Article] = {}
    for ev in events:
        if ev.flag_id is not None:
            f = s.get(Flag, ev.flag_id)
            if f is None or f.status == "retired":
                continue
            cur = audit.flag_state(f)
            _restore(f, ev.state_before)
            audit.record(s, editor, "undo", article=f.article, flag=f, batch=undo_batch, undoes=batch,
                         text_before=ev.text_after, text_after=ev.text_before, reason=f"undo {ev.action}",
                         before=cur, after=audit.flag_state(f), at=now)
            touched[f.article_pk] = f.article
        elif ev.article_pk is not None:
            art = s.get(Article, ev.article_pk)
            if art is None:
                continue
            cur = audit.article_state(art)
            _restore(art, ev.state_before)
            audit.record(s, editor, "undo", article=art, batch=undo_batch, undoes=batch, text_before=ev.text_after,
                         text_after=ev.text_before, reason=f"undo {ev.action}", before=cur,
                         after=audit.article_state(art), at=now)
    s.flush()
    for art in touched.values():
        refresh(s, art)
    return batch


def _restore(obj: Any, state: dict[str, Any]) -> None:
    for k, v in state.items():
        if k in ("decided_at", "medical_at"):
            v = datetime.fromisoformat(v) if v else None
        setattr(obj, k, v)


def fixed_blocks(art: Article, flags: Sequence[Flag] | None = None) -> list[dict[str, Any]]:
    """The article's blocks with accepted suggestions and hand edits applied."""
    flags = art.flags if flags is None else flags
    reps = [(f.start, f.end, f.replacement or "") for f in flags if f.status in ("accepted", "edited")]
    return apply_fixes(art.blocks, reps)


def article_fixed_text(art: Article) -> str:
    return fixed_text(fixed_blocks(art))
