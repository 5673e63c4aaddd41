"""WARC response records (plain or gzipped), read with warcio.

Only HTTP 200 responses with an HTML or text body become documents; a truncated or
corrupt record ends the file with an error naming how far reading got, and keeps
the records read before it.
"""

from __future__ import annotations

import re
import zlib
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
            declared = rec.rec_headers.get_header("Content-Length") if rec.rec_headers else None
            if rec.rec_type is None or rec.length is None or not (declared or "").strip().isdigit():
                # warcio's answer to a header the file's end cuts off (even mid-word: "WARC-Type: re")
                if cut := _cut_off(path, n, stream, it.offset, size):
                    yield cut
                    return
                if rec.rec_type == "response":
                    n += 1
                    rid = rec.rec_headers.get_header("WARC-Record-ID") or f"response-{n}"
                    yield InputError(path, f"record {n} has no valid Content-Length in its WARC header",
                                     rid.strip("<>"))
                continue
            if rec.rec_type != "response":
                continue
            n += 1
            rid = rec.rec_headers.get_header("WARC-Record-ID") or f"response-{n}"
            record = rid.strip("<>")
            url = rec.rec_headers.get_header("WARC-Target-URI")
            date = rec.rec_headers.get_header("WARC-Date")
            try:  # read before judging status and type: a cut record's HTTP headers are cut too
                body = rec.content_stream().read(cfg.max_bytes + 1)
                while rec.raw_stream.read(1 << 20):  # the rest of an oversized record, without keeping it
                    pass
            except Exception as e:  # noqa: BLE001 - warcio raises bare exceptions on damage
                yield InputError(path, f"record {n} body cannot be read: {e}", record)
                continue
            if getattr(rec.raw_stream, "limit", 0) > 0:  # warcio stops silently at a truncated record
                yield InputError(path, f"record {n} is truncated ({rec.raw_stream.limit:,} bytes missing)", record)
                continue
            status = rec.http_headers.get_statuscode() if rec.http_headers else None
            ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
            if status and status != "200":
                yield InputError(path, f"HTTP status {status} for {url}", record, step="ingest")
                continue
            if ctype and not any(t in ctype.lower() for t in ("html", "text", "xml")):
                continue
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=")[-1].split(";")[0].strip()
            fmt = "text" if "text/plain" in ctype.lower() else "html"
            yield from document_from_bytes(
                path, body, fmt, cfg, record=record, url=url, fetched_at=date, charset=charset
            )
        if it.offset < size and _trailing(stream, it.offset):
            yield _cut_off(path, n, stream, it.offset, size) or InputError(
                path, f"WARC file damaged after {n} response records: "
                      f"{size - it.offset:,} trailing bytes could not be read")
    except ArchiveLoadFailed as e:
        yield _cut_off(path, n, stream, it.offset, size) or InputError(
            path, f"not a readable WARC file after {n} response records: {e}")
    except Exception as e:  # noqa: BLE001 - truncated gzip members surface as zlib/EOF errors
        yield _cut_off(path, n, stream, it.offset, size) or InputError(
            path, f"WARC file damaged after {n} response records: {type(e).__name__}: {e}")


def _trailing(stream: IO[bytes], offset: int) -> bool:
    """Whether anything but whitespace follows the last record read."""
    try:
        stream.seek(offset)
        return bool(stream.read(1 << 16).strip())
    except (OSError, ValueError):
        return False


def _cut_off(path: str, n: int, stream: IO[bytes], offset: int, size: int) -> InputError | None:
    """The error for a record the file's end cuts off, or None if the record at `offset` is not that.

    Where the cut falls decides how warcio reacts: it stops silently, yields a record
    with a partial header, or raises about an invalid first line. The record is decoded
    here, as far as it goes, so the error names the record that was lost wherever the
    cut falls.
    """
    try:
        stream.seek(offset)
        tail = stream.read(1 << 16)
    except (OSError, ValueError):
        return None
    to_end = offset + len(tail) >= size  # the bytes read reach the file's end
    text = tail
    if tail[:2] == b"\x1f\x8b"[: len(tail)]:  # a gzip member: decompress what survives of it
        z = zlib.decompressobj(wbits=31)
        try:
            text = z.decompress(tail, 1 << 20)
        except zlib.error:
            return None
        if z.eof:
            return None  # a whole gzip member: whatever is wrong, it is not a cut
        to_end = to_end and not z.unconsumed_tail
    if not to_end or text[:5] != b"WARC/"[: len(text)]:
        return None
    head_end = text.find(b"\r\n\r\n")
    if head_end < 0:
        state = "its WARC header is cut off"
    else:
        length = re.search(rb"^Content-Length:[ \t]*(\d+)[ \t]*\r?$", text[:head_end], re.M | re.I)
        if length is None or len(text) - head_end - 4 >= int(length.group(1)):
            return None
        state = f"{int(length.group(1)) - (len(text) - head_end - 4):,} bytes of its content missing"
    kind = re.search(rb"^WARC-Type:[ \t]*(\S+)\r?\n", text, re.M | re.I)
    rid = re.search(rb"^WARC-Record-ID:[ \t]*<?([^>\s]+)>?\r?\n", text, re.M | re.I)
    record = rid.group(1).decode("ascii", "replace") if rid else None
    if kind is None:
        what = f"the record after response record {n}"
    elif kind.group(1).lower() == b"response":
        what = f"record {n + 1}"
    else:
        what = f"a {kind.group(1).decode('ascii', 'replace')} record after response record {n}"
    left = size - offset
    return InputError(path, f"{what} is truncated ({state}; the file ends {left:,} byte{'s' * (left != 1)} "
                            "into it)", record)
