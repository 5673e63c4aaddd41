"""Publishing: approved articles, with accepted fixes and hand edits applied, written to
`curated/published/` as JSON and Markdown.

An article with an open (or deferred) blocking flag is never published, approved or
not. The folder mirrors the store: an article that is no longer approved (rejected,
undone, or reopened by changed text) has its published files removed. Writes are
atomic and unchanged files are not rewritten, so publishing twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..emit import atomic_write, markdown
from ..model import Article as ModelArticle
from ..model import Block
from ..model import Flag as ModelFlag
from . import cleaning, medical
from .db import Store
from .fixes import apply_fixes_indexed, fixed_text
from .models import OPEN, Article, Flag
from .offsets import Remap

# the article schema's own fields (and the pipeline's): offsets in every other field are remapped
BASE_FIELDS = {"id", "source", "status", "reject_reason", "title", "language", "text", "blocks", "flags",
               "removed", "duplicate_of", "metadata", "content_hash"}


@dataclass(slots=True)
class PublishReport:
    published: int = 0  # articles in published/ after this run
    written: int = 0  # of which files changed now
    removed: int = 0  # published earlier, no longer approved
    held: list[dict[str, Any]] = field(default_factory=list)  # approved but not publishable, and why

    def to_dict(self) -> dict[str, Any]:
        return {"published": self.published, "written": self.written, "removed": self.removed,
                "held": len(self.held), "held_samples": self.held[:20]}


def published_dict(art: Article, flags: list[Flag]) -> dict[str, Any]:
    """The article as published: fixed text and blocks (offsets in its extra fields follow
    them), the editors' decisions recorded under `editor_review`, and the warnings nobody
    decided kept in `flags` (offsets in the fixed text) and listed as `open_warnings`, so a
    reader of the published article knows what was left open."""
    reps = [(f.start, f.end, f.replacement or "") for f in flags if f.status in ("accepted", "edited")]
    kept = cleaning.apply_edits(art, apply_fixes_indexed(art.blocks, reps))
    blocks = [b for _, b in kept]
    text = fixed_text(blocks)
    d = dict(art.data)
    warnings = [{"kind": f.kind, "start": f.start, "end": f.end, "quote": f.quote, "severity": f.severity,
                 "message": f.message, "rule": f.rule, "suggestion": f.suggestion, "status": f.status}
                for f in sorted(flags, key=lambda f: (f.start, f.id)) if f.status in OPEN]
    if text != art.text:
        remap = Remap(art.text, text, [i for i, _ in kept])
        d.update({k: remap.apply(v) for k, v in d.items() if k not in BASE_FIELDS})
        warnings = remap.apply(warnings)
    d.update({
        "status": "approved", "reject_reason": None, "text": text, "blocks": blocks, "flags": warnings,
        "removed": art.removed,
        "editor_review": {
            "approved_by": art.decided_by,
            "approved_at": _iso(art.decided_at),
            "medical_signoff": {"by": art.medical_by, "at": _iso(art.medical_at)} if art.medical_by else None,
            "block_edits": art.block_edits,
            "open_warnings": [{k: w[k] for k in ("kind", "severity", "rule", "quote", "status")} for w in warnings],
            "decisions": [{"rule": f.rule, "kind": f.kind, "decision": f.status, "quote": f.quote,
                           "replacement": f.replacement, "reason": f.reason, "by": f.decided_by,
                           "at": _iso(f.decided_at)} for f in flags if f.status not in ("open", "retired")],
        },
    })
    return d


def publishable(flags: list[Flag], art: Article | None = None, medical_groups: tuple[str, ...] = ()) -> str | None:
    """Why an approved article cannot be published, or None."""
    blocking = [f for f in flags if f.status in OPEN and f.severity == "blocking"]
    if blocking:
        return f"{len(blocking)} open blocking flag(s)"
    if art is not None and medical.waiting(art, medical_groups):
        return "waits for a medical reviewer's sign-off"
    return None


def publish_approved(store: Store, out: str | Path, medical_groups: tuple[str, ...] | None = None) -> PublishReport:
    """Write the publishable approved articles to OUT and remove what is no longer so.
    `medical_groups`: what needs a medical sign-off (default: $ASCURATE_MEDICAL_REVIEW)."""
    chosen = medical.groups() if medical_groups is None else medical_groups
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = PublishReport()
    keep: set[str] = set()
    with store.session() as s:
        ids = list(s.scalars(select(Article.id).where(Article.review_status == "approved", Article.present)
                             .order_by(Article.id)))
        for i in range(0, len(ids), 200):
            for art in s.scalars(select(Article).where(Article.id.in_(ids[i:i + 200]))):
                flags = [f for f in art.flags if f.status != "retired"]
                why = publishable(flags, art, chosen)
                if why:
                    report.held.append({"article": art.id, "source": art.source_key, "reason": why})
                    continue
                d = published_dict(art, flags)
                name = d.get("id") or art.article_id
                changed = atomic_write(out / f"{name}.json", json.dumps(d, ensure_ascii=False, indent=1) + "\n")
                changed |= atomic_write(out / f"{name}.md", markdown(_model(d)))
                report.written += int(changed)
                report.published += 1
                keep.add(name)
            s.expunge_all()
    for p in out.iterdir():
        if p.suffix in (".json", ".md") and p.stem not in keep:
            p.unlink()
            report.removed += p.suffix == ".json"
    return report


def _model(d: dict[str, Any]) -> ModelArticle:
    return ModelArticle(id=d["id"], source=d.get("source", {}), status="approved", title=d.get("title"),
                        language=d.get("language"), text=d["text"],
                        blocks=[Block(b["type"], b["text"], b.get("level")) for b in d["blocks"]],
                        flags=[ModelFlag(w["kind"], w["start"], w["end"], w["quote"], w["severity"], w["message"],
                                         w["rule"], w["suggestion"]) for w in d["flags"]])


def _iso(t: Any) -> str | None:
    if t is None:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).isoformat()
