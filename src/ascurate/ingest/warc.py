"""WARC response records (plain or gzipped), read with warcio.

Only HTTP 200 responses with an HTML or text body become documents; a truncated or
corrupt record ends the file with an error naming how far reading got, and keeps
the records read before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..config import Config
from ..model import Document, InputError


def read_warc(path: str, stream: IO[bytes], cfg: Config, size: int) -> Iterator[Document | InputError]:
    """Response records from a WARC byte stream of `size` bytes, one record in memory at a time."""
    from . import document_from_bytes

    n = 0
    it = ArchiveIterator(stream)
    try:
        for rec in it:
            if rec.format != "warc":  # warcio falls back to reading anything as ARC: garbage
                yield InputError(path, f"not a WARC file: record {n + 1} has no WARC header "
                                       f"(after {n} response records)")
                return
            if rec.rec_type != "response":
                continue
            n += 1
            rid = rec.rec_headers.get_header("WARC-Record-ID") or f"response-{n}"
            record = rid.strip("<>")
            declared = rec.rec_headers.get_header("Content-Length")
            if rec.length is None or not (declared or "").strip().isdigit():
                yield InputError(path, f"record {n} is truncated (its WARC header is cut off)", record)
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            date = rec.rec_headers.get_header("WARC-Date")
            status = rec.http_headers.get_statuscode() if rec.http_headers else None
            ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
            if status and status != "200":
                yield InputError(path, f"HTTP status {status} for {url}", record, step="ingest")
                continue
            if ctype and not any(t in ctype.lower() for t in ("html", "text", "xml")):
                continue
            try:
                body = rec.content_stream().read(cfg.max_bytes + 1)
                while rec.raw_stream.read(1 << 20):  # the rest of an oversized record, without keeping it
                    pass
            except Exception as e:  # noqa: BLE001 - warcio raises bare exceptions on damage
                yield InputError(path, f"record {n} body cannot be read: {e}", record)
                continue
            if getattr(rec.raw_stream, "limit", 0) > 0:  # warcio stops silently at a truncated record
                yield InputError(path, f"record {n} is truncated ({rec.raw_stream.limit:,} bytes missing)", record)
                continue
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=")[-1].split(";")[0].strip()
            fmt = "text" if "text/plain" in ctype.lower() else "html"
            yield from document_from_bytes(
                path, body, fmt, cfg, record=record, url=url, fetched_at=date, charset=charset
            )
        if it.offset < size and _trailing(stream, it.offset):
            yield InputError(path, f"WARC file damaged after {n} response records: "
                                   f"{size - it.offset:,} trailing bytes could not be read")
    except ArchiveLoadFailed as e:
        yield InputError(path, f"not a readable WARC file after {n} response records: {e}")
    except Exception as e:  # noqa: BLE001 - truncated gzip members surface as zlib/EOF errors
        yield InputError(path, f"WARC file damaged after {n} response records: {type(e).__name__}: {e}")


def _trailing(stream: IO[bytes], offset: int) -> bool:
    """Whether anything but whitespace follows the last record read."""
    try:
        stream.seek(offset)
        return bool(stream.read(1 << 16).strip())
    except (OSError, ValueError):
        return False
