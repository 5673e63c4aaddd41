"""JSONL records: one JSON object a line with `url`, `html` or `text`, optional `fetched_at`.

A broken line is an error for that record only; the record is named by its line
number (and `id` when the record has one) so an editor can find it.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import IO

from ..config import Config
from ..model import Document, InputError


def read_jsonl(path: str, stream: IO[bytes], cfg: Config) -> Iterator[Document | InputError]:
    """Records from a (possibly gzip-decompressing) byte stream, one line at a time; a
    line over `max_bytes` is skipped with an error, so one giant line costs no memory."""
    n = 0
    try:
        while True:
            chunk = stream.readline(cfg.max_bytes + 1)
            if not chunk:
                break
            if len(chunk) > cfg.max_bytes and not chunk.endswith(b"\n"):
                n += 1
                while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                    pass
                yield InputError(path, f"line {n} is over the limit of {cfg.max_bytes:,} bytes (max_bytes)", f"line-{n}")
                continue
            for raw in chunk.splitlines():  # a lone \r ends a line too
                n += 1
                yield from _record(path, n, raw, cfg)
    except (OSError, EOFError, zlib.error) as e:  # BadGzipFile is an OSError; a cut stream is an EOFError
        yield InputError(path, f"truncated or damaged gzip after line {n}: {type(e).__name__}: {e}")


def _record(path: str, n: int, raw: bytes, cfg: Config) -> Iterator[Document | InputError]:
    from . import document_from_bytes  # circular at import time only

    if not raw.strip():
        return
    record = f"line-{n}"
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, UnicodeDecodeError, nesting too deep
        yield InputError(path, f"line {n} is not valid JSON: {type(e).__name__}: {str(e)[:200]}", record)
        return
    if not isinstance(obj, dict):
        yield InputError(path, f"line {n} is a JSON {type(obj).__name__}, not an object", record)
        return
    rid = obj.get("id")
    if isinstance(rid, (str, int)) and str(rid).strip():
        record = f"line-{n}:{str(rid)[:80]}"
    body, fmt = (obj.get("html"), "html") if obj.get("html") else (obj.get("text"), "text")
    if not isinstance(body, str) or not body.strip():
        yield InputError(path, f"line {n} has no 'html' or 'text' string", record)
        return
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    fetched = obj.get("fetched_at")
    yield from document_from_bytes(
        path, body.encode("utf-8", errors="replace"), fmt, cfg, record=record, url=url,
        fetched_at=str(fetched) if fetched is not None else None,
    )
