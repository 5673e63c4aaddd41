"""JSONL records: one JSON object a line with `url`, `html` or `text`, optional `fetched_at`.

A broken line is an error for that record only; the record is named by its line
number (and `id` when the record has one) so an editor can find it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..config import Config
from ..model import Document, InputError


def read_jsonl(path: str, data: bytes, cfg: Config) -> Iterator[Document | InputError]:
    from . import document_from_bytes  # circular at import time only

    for n, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        record = f"line-{n}"
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as e:  # JSONDecodeError, UnicodeDecodeError, nesting too deep
            yield InputError(path, f"line {n} is not valid JSON: {type(e).__name__}: {str(e)[:200]}", record)
            continue
        if not isinstance(obj, dict):
            yield InputError(path, f"line {n} is a JSON {type(obj).__name__}, not an object", record)
            continue
        rid = obj.get("id")
        if isinstance(rid, (str, int)) and str(rid).strip():
            record = f"line-{n}:{str(rid)[:80]}"
        body, fmt = (obj.get("html"), "html") if obj.get("html") else (obj.get("text"), "text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(path, f"line {n} has no 'html' or 'text' string", record)
            continue
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        fetched = obj.get("fetched_at")
        yield from document_from_bytes(
            path, body.encode("utf-8"), fmt, cfg, record=record, url=url,
            fetched_at=str(fetched) if fetched is not None else None,
        )
