"""Editors' corrections to cleaning as labelled examples for the boilerplate model.

Every block an editor restores (`keep`) or removes (`drop`) on the desk, one at a time or
with a site rule, is a line of `curated/.ascurate/editor-examples.jsonl`: site, url,
source, the block's text, the label, who, when and what made it. Taking a correction back
(the same button again, an undo, a site rule removed) appends the same block with label
`null`, so the file is an append-only history whose last word on a block counts
(`ascurate.models.editor_examples.load_editor_examples` reads it for the training command).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FILE = Path(".ascurate") / "editor-examples.jsonl"
LABELS = ("keep", "drop", None)


def path(curated: str | Path) -> Path:
    return Path(curated) / FILE


def record(curated: str | Path | None, art: Any, text: str, label: str | None, who: str, origin: str) -> None:
    """Append one example about `text`, a block of article row `art`; `origin`: the decision
    or site rule that made it."""
    write(curated, art.site, art.url, art.source_key, text, label, who, origin)


def write(curated: str | Path | None, site: str | None, url: str | None, source: str, text: str,
          label: str | None, who: str, origin: str) -> None:
    """Append one example (`record`, for a block known by its page's site, url and source)."""
    if curated is None or not text.strip():
        return
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    line = json.dumps({"site": site, "url": url, "source": source, "text": text, "label": label,
                       "who": who, "when": datetime.now(UTC).isoformat(timespec="seconds"), "origin": origin},
                      ensure_ascii=False) + "\n"
    p = path(curated)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(p, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # one write per line: lines never interleave
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
