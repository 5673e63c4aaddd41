"""The review store's tables (SQLAlchemy 2, typed mappings).

An article row is keyed by where it came from (`source_key`), not by the pipeline's
article id, which changes with the raw bytes: so a rerun updates the same row, and the
decisions on it survive. A flag row is keyed by `fingerprint` (rule, quote and the text
around it): the same flag on unchanged text is the same row with the same decision; a
flag whose surroundings changed is a new, open row, and the old one is retired with
its decision kept. `audit` is append-only (triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SEVERITY_RANK = {"info": 1, "warning": 2, "blocking": 3}
OPEN = ("open", "deferred")  # flag statuses that still need a decision
FLAG_STATUSES = ("open", "deferred", "accepted", "dismissed", "edited", "retired")
REVIEW_STATUSES = ("pending", "approved", "rejected")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # editor | viewer
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Session(Base):
    __tablename__ = "sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie value
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user: Mapped[User] = relationship(lazy="joined")


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str] = mapped_column(String(1000), unique=True)  # path or path#record
    article_id: Mapped[str] = mapped_column(String(40), index=True)  # the pipeline's id (changes with bytes)
    file_hash: Mapped[str] = mapped_column(String(64))  # hash of the curated JSON: unchanged -> skip
    # the JSON's identity (filestat.py) when it was synced: the same identity -> not even read
    file_stat: Mapped[str | None] = mapped_column(String(80))
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    site: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text)
    pipeline_status: Mapped[str] = mapped_column(String(16))  # the pipeline's status
    pipeline_reason: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)  # the clean text the flags' offsets index into
    blocks: Mapped[list[Any]] = mapped_column(JSON)
    removed: Mapped[list[Any]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the rest of the article JSON (metadata, extras)
    review_status: Mapped[str] = mapped_column(String(16), default="pending")
    review_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    max_severity: Mapped[int] = mapped_column(Integer, default=0)  # highest open flag (SEVERITY_RANK)
    open_flags: Mapped[int] = mapped_column(Integer, default=0)
    present: Mapped[bool] = mapped_column(Boolean, default=True)  # still in curated/
    claimed_by: Mapped[str | None] = mapped_column(String(80))  # the editor working on it (claims.py)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    medical_terms: Mapped[str | None] = mapped_column(Text)  # "|conditions:asthma|drugs:salbutamol|" (medical.py)
    medical_by: Mapped[str | None] = mapped_column(String(80))  # the medical reviewer who signed it off
    medical_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # editors' corrections to cleaning: {"restore": [removal index], "remove": [block index]} (cleaning.py)
    block_edits: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    flags: Mapped[list[Flag]] = relationship(back_populates="article", order_by="Flag.start")

    __table_args__ = (
        # the queue's order (severity high to low, then oldest first) read straight off an index
        Index("articles_queue_order", "review_status", max_severity.desc(), "first_seen", "id"),
        Index("articles_counts", "review_status", "pipeline_status", "present"),  # counts without the rows
        Index("articles_site_counts", "site", "review_status", "pipeline_status", "present"),
        Index("articles_language_counts", "language", "review_status", "pipeline_status", "present"),
    )


class Flag(Base):
    __tablename__ = "flags"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64))  # rule + quote + context
    match_key: Mapped[str] = mapped_column(String(64), index=True)  # rule + quote: identical matches
    kind: Mapped[str] = mapped_column(String(40))
    rule: Mapped[str | None] = mapped_column(String(120))
    rule_version: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")
    replacement: Mapped[str | None] = mapped_column(Text)  # what the quote becomes (accepted or edited)
    reason: Mapped[str | None] = mapped_column(Text)  # why dismissed
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    article: Mapped[Article] = relationship(back_populates="flags")

    __table_args__ = (
        Index("flags_article", "article_pk", "fingerprint", unique=True),
        Index("flags_kind_status", "kind", "status"),
        Index("flags_open_counts", "status", "kind", "severity", "article_pk"),  # the queue's counts, from the index
    )


class AuditEvent(Base):
    """One decision (or undo, reopen, publish). Never updated: undo is a new event."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    editor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(24))
    batch: Mapped[str] = mapped_column(String(32), index=True)  # one decision over several flags shares it
    undoes: Mapped[str | None] = mapped_column(String(32), index=True)  # batch an undo reverted
    article_pk: Mapped[int | None] = mapped_column(Integer, index=True)
    source_key: Mapped[str | None] = mapped_column(String(1000))
    flag_id: Mapped[int | None] = mapped_column(Integer)
    rule: Mapped[str | None] = mapped_column(String(120))
    rule_version: Mapped[str | None] = mapped_column(String(40))
    text_before: Mapped[str | None] = mapped_column(Text)
    text_after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    state_before: Mapped[dict[str, Any]] = mapped_column(JSON)  # what undo restores
    state_after: Mapped[dict[str, Any]] = mapped_column(JSON)
