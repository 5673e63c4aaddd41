"""Plain data objects that travel down the pipeline.

Every step takes and returns these; none of them knows about Prefect, files or the
review store, so a step can be tested with a literal and a batch can cross a process
boundary by pickling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

BlockType = Literal["heading", "paragraph", "list_item", "quote", "table", "code"]
Severity = Literal["info", "warning", "blocking"]
Status = Literal["clean", "needs_review", "approved", "rejected", "duplicate"]


@dataclass(slots=True)
class Document:
    """One raw input document: a file, or one record of a JSONL or WARC file."""

    path: str  # relative to the raw folder, posix separators
    content: str  # decoded text (HTML or plain text)
    format: Literal["html", "text"]
    sha256: str  # hash of the raw bytes of this document
    record: str | None = None  # record name inside a JSONL/WARC container
    url: str | None = None
    fetched_at: str | None = None
    encoding: str | None = None  # how the bytes were decoded, and why (e.g. "utf-8 (bom)")
    repaired: tuple[str, ...] = ()  # words that decoding repaired (mojibake), for an editor to check

    @property
    def key(self) -> str:
        """Where the document came from, unique within a raw folder."""
        return self.path if self.record is None else f"{self.path}#{self.record}"


@dataclass(slots=True)
class Block:
    type: BlockType
    text: str
    level: int | None = None


@dataclass(slots=True)
class Removal:
    """Text that cleaning took out, with the rule that took it (datatrove's 'reason')."""

    text: str
    reason: str  # rule id, e.g. "furniture.copyright" or "site-template"
    block: int | None = None  # index of the block it came from, in the extracted blocks
    start: int | None = None  # offsets inside that block's text, when cut from a paragraph
    end: int | None = None
    detail: str | None = None
    score: float | None = None  # a model's removal: its probability that the text was main content


@dataclass(slots=True)
class Flag:
    kind: str
    start: int
    end: int
    quote: str
    severity: Severity
    message: str
    rule: str | None = None
    suggestion: str | None = None
    score: float | None = None  # the detector's confidence (0-1), for detectors that weigh evidence


@dataclass(slots=True)
class Extracted:
    """What extraction made of a Document: title, body blocks and page metadata."""

    title: str | None
    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)
    precise: list[bool] | None = None  # HTML: which blocks trafilatura's precise pass kept
    features: Any = None  # HTML: the boilerplate model's rows, one per block (clean/boilerplate.py)
    segments: Any = None  # HTML: the page's other text, for the win-back model (clean/winback.py)
    threads: Any = None  # HTML: the reader discussions its markup shows (clean/threads.py)


@dataclass(slots=True)
class Article:
    id: str
    source: dict[str, Any]
    status: Status
    title: str | None
    language: str | None
    text: str
    blocks: list[Block]
    flags: list[Flag] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    duplicate_of: str | None = None
    reject_reason: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""  # hash of the normalised clean text (exact dedup key)
    extra: dict[str, Any] = field(default_factory=dict)  # later steps' fields (sections, about, ...)
    minhash: Any = None  # dedup.Sketch of the clean text (MinHash signature, shingle count); not written out

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id,
            "source": self.source,
            "status": self.status,
            "reject_reason": self.reject_reason,
            "title": self.title,
            "language": self.language,
            "text": self.text,
            # field by field, in declaration order: `asdict` deep-copies every value through
            # Python-level recursion (most of an article's encoding time), and these are strings and ints
            "blocks": [{"type": b.type, "text": b.text, "level": b.level} for b in self.blocks],
            "flags": [{"kind": f.kind, "start": f.start, "end": f.end, "quote": f.quote, "severity": f.severity,
                       "message": f.message, "rule": f.rule, "suggestion": f.suggestion, "score": f.score}
                      for f in self.flags],
            "removed": [_compact({"text": r.text, "reason": r.reason, "block": r.block, "start": r.start,
                                  "end": r.end, "detail": r.detail, "score": r.score}) for r in self.removed],
            "duplicate_of": self.duplicate_of,
            "metadata": self.metadata,
            "content_hash": self.content_hash,
        }
        d.update(self.extra)
        return d


@dataclass(slots=True)
class InputError:
    """An input (or one record of it) that could not become an article, and why."""

    path: str
    reason: str
    record: str | None = None
    step: str = "ingest"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "record": self.record, "step": self.step, "reason": self.reason}


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None or k in ("level",)}


def join_blocks(blocks: list[Block]) -> str:
    """The article text: block texts joined by newlines (the schema's definition)."""
    return "\n".join(b.text for b in blocks)


def site_of(url: str | None) -> str | None:
    """The site a URL (or a bare host name) belongs to: its host, without "www.". The one
    place a site is worked out: an article's `source.site` (its URL, else the host its page
    names) and the site templates' grouping (clean/templates.py: `page_site`, which falls
    back to the page's own links and name)."""
    if not url:
        return None
    url = str(url).strip()
    host = urlsplit(url if "://" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None
