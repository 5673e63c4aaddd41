"""Ingest: find the inputs under a raw folder and turn each into Documents.

`discover` lists input files (lazily, sorted for determinism); `read` turns one file
into Documents, or into an InputError that names the file, the record and the reason.
Nothing here raises for a bad input: a bad file costs that file only.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import stat
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..model import Document, InputError
from ..runtime import filestat
from .decode import DecodeError, decode_noting_repairs
from .jsonl import read_jsonl
from .warc import read_warc

HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXT = (".txt", ".text")
FORMATS = {**{e: "html" for e in HTML_EXT}, **{e: "text" for e in TEXT_EXT}, ".jsonl": "jsonl", ".warc": "warc"}


@dataclass(frozen=True, slots=True)
class Source:
    """One input file under the raw folder."""

    root: str
    path: str  # relative, posix
    kind: str  # html | text | jsonl | warc
    size: int
    sha256: str | None = None  # filled in by planning, so processing does not hash again
    ident: str | None = None  # filestat.identity when listed: unchanged since it was last hashed?

    @property
    def full(self) -> Path:
        return Path(self.root) / self.path

    def hashed(self, sha256: str) -> Source:
        """This source with its content hash: a plain constructor call, where
        `dataclasses.replace` inspects the fields again for each of the run's inputs."""
        return Source(self.root, self.path, self.kind, self.size, sha256, self.ident)


CONTAINERS = frozenset({"jsonl", "warc"})  # kinds whose files hold many documents (records)


def kind_of(name: str) -> str | None:
    low = name.lower()
    if low.endswith(".gz"):
        low = low[:-3]
    for ext, kind in FORMATS.items():
        if low.endswith(ext):
            return kind
    return None


def discover(root: str | Path, cfg: Config, skipped: list[InputError] | None = None) -> Iterator[Source]:
    """Yield the input files below `root` in a stable order.

    Hidden files, gold files and unknown extensions are passed over; symlinks that lead
    outside `root` are skipped (and reported in `skipped`) unless `cfg.follow_symlinks`.
    """
    root = Path(root)
    real_root = root.resolve()
    listed = time.time_ns()
    for prefix, entries in _walk(str(root), "", cfg.follow_symlinks):
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.endswith(".gold.json"):
                continue
            rel = prefix + name
            kind = kind_of(name)
            if kind is None:
                continue
            if not _utf8(rel):  # bytes the filesystem allows but no JSON, SQLite or editor can carry
                if skipped is not None:
                    shown = os.fsencode(rel).decode("utf-8", "replace")
                    skipped.append(InputError(shown, "file name is not valid UTF-8 (rename the file); not read"))
                continue
            if not cfg.follow_symlinks and entry.is_symlink():
                target = Path(os.path.realpath(entry.path))  # never raises, even for a link loop
                if not target.is_relative_to(real_root):
                    if skipped is not None:
                        skipped.append(InputError(rel, f"symlink to {target} outside the raw folder, not followed"))
                    continue
            try:
                st = entry.stat()
            except OSError as e:
                if skipped is not None:
                    skipped.append(InputError(rel, f"cannot stat: {e.strerror or e}"))
                continue
            if not stat.S_ISREG(st.st_mode):  # a named pipe or device would block a reader forever
                if skipped is not None:
                    skipped.append(InputError(rel, "not a regular file (pipe, socket or device), not read"))
                continue
            yield Source(str(root), rel, kind, st.st_size, ident=filestat.identity(st, listed))


def _walk(top: str, prefix: str, follow: bool) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """`os.walk` in name order, hidden folders left out: (relative prefix, file entries)
    per folder. The entries carry what the listing told about each file (a symlink or
    not; its stat once asked), where `os.walk` passed names and every file cost pathlib
    objects and two more system calls per file, on every run."""
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:  # as os.walk: a folder that cannot be listed is passed over
        return
    dirs = [e for e in entries if _is_dir(e)]
    yield prefix, [e for e in entries if not _is_dir(e)]
    for d in dirs:
        if not d.name.startswith(".") and (follow or not d.is_symlink()):
            yield from _walk(d.path, f"{prefix}{d.name}/", follow)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def file_hash(src: Source) -> str:
    if src.sha256:
        return src.sha256
    h = hashlib.sha256()
    with src.full.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read(src: Source, cfg: Config) -> Iterator[Document | InputError]:
    """Turn one input file into Documents (several for JSONL and WARC); never raises:
    a reader bug ends that file with an error record and keeps the documents before it."""
    n = 0
    try:
        for n, item in enumerate(_read(src, cfg), start=1):  # noqa: B007 - n counts what was read
            yield item
    except Exception as e:  # noqa: BLE001 - planning reads files too, and must not stop the run
        yield InputError(src.path, f"reader failed: {type(e).__name__}: {str(e)[:200]}")
        return
    if n == 0:  # an empty JSONL or WARC file: say so, or the input would vanish without a trace
        yield InputError(src.path, f"no documents in this {src.kind.upper()} file (no records)")


def _read(src: Source, cfg: Config) -> Iterator[Document | InputError]:
    gz = src.path.lower().endswith(".gz")
    if src.kind in CONTAINERS:
        # containers are streamed: a crawl of many gigabytes costs one record's memory at a time
        try:
            fh = src.full.open("rb")
        except OSError as e:
            yield InputError(src.path, f"cannot read: {e.strerror or e}")
            return
        with fh:
            if src.kind == "warc":
                yield from read_warc(src.path, fh, cfg, src.size)
            else:
                yield from read_jsonl(src.path, gzip.GzipFile(fileobj=fh) if gz else fh, cfg)
        return
    if src.size > cfg.max_bytes:
        yield InputError(src.path, f"file is {src.size:,} bytes, over the limit of {cfg.max_bytes:,} (max_bytes)")
        return
    try:
        data = src.full.read_bytes()
    except OSError as e:
        yield InputError(src.path, f"cannot read: {e.strerror or e}")
        return
    if gz:
        try:
            data = _gunzip(data, cfg.max_bytes)
        except ValueError as e:
            yield InputError(src.path, str(e))
            return
    yield from document_from_bytes(src.path, data, src.kind, cfg)


def document_from_bytes(
    path: str, data: bytes, fmt: str, cfg: Config, **extra: str | None
) -> Iterator[Document | InputError]:
    """Decode one document's bytes; shared by file, JSONL and WARC readers."""
    record = extra.get("record")
    if not data or data.isspace():  # (strip() would copy the page to find out)
        yield InputError(path, "empty document (no bytes or only whitespace)", record)
        return
    if len(data) > cfg.max_bytes:
        yield InputError(path, f"document is {len(data):,} bytes, over the limit of {cfg.max_bytes:,}", record)
        return
    try:
        text, how, repaired = decode_noting_repairs(data, extra.pop("charset", None))
    except DecodeError as e:
        yield InputError(path, str(e), record)
        return
    if _mostly_control(text):
        yield InputError(path, f"binary content (control characters, decoded as {how}), not a text or HTML document",
                         record)
        return
    if has_unsafe(text, data if how.startswith("utf-8") and "repaired" not in how else None):
        # lxml stops at a NUL and XML refuses \v and \f: one stray byte would empty the page
        text, how = _XML_SPACE.sub(" ", _CONTROL.sub("", text)), f"{how}, control characters removed"
    if not text or text.isspace():  # whitespace beyond ASCII (U+3000, NBSP, a BOM alone) is still nothing
        yield InputError(path, "empty document (only whitespace once decoded)", record)
        return
    if fmt == "text" and _looks_like_html(text):
        fmt = "html"
    yield Document(
        path=path, content=text, format=fmt, sha256=hashlib.sha256(data).hexdigest(), encoding=how,  # type: ignore[arg-type]
        record=record, url=extra.get("url"), fetched_at=extra.get("fetched_at"), repaired=repaired,
    )


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_XML_SPACE = re.compile(r"[\x0b\x0c]")  # vertical tab, form feed: whitespace to HTML, invalid in XML
_UNSAFE_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_SAFE_BYTES = bytes(b for b in range(256) if b not in _UNSAFE_BYTES)


def has_unsafe(text: str, utf8: bytes | None = None) -> bool:
    """Any character of `_CONTROL` or `_XML_SPACE` in `text`; `utf8`: the bytes `text` was
    decoded from as UTF-8 (invalid sequences replaced or not), if it was.

    One pass in C over bytes (`bytes.translate`), where a regular expression would step
    through the text character by character: in UTF-8 these characters are their own single bytes (never part of a
    multi-byte sequence) or the byte triples of U+FFFE and U+FFFF, and a replaced invalid
    sequence becomes U+FFFD, none of them."""
    data = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    if data.translate(None, _SAFE_BYTES):
        return True
    # most pages have no lead byte of U+F000-U+FFFF at all: one memchr instead of two searches
    return b"\xef" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)


def _mostly_control(text: str) -> bool:
    """Bytes that decode (NULs are valid UTF-8) but are not text: >10% control characters."""
    head = text[:8192]
    return len(_CONTROL.findall(head)) > len(head) // 10


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress, refusing truncated streams and decompression bombs."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise ValueError(f"not a valid gzip file: {e}") from e
    if len(out) > limit:
        raise ValueError(f"gzip expands to more than {limit:,} bytes (max_bytes)")
    if not d.eof:
        raise ValueError("truncated gzip file (stream ends before its end marker)")
    return out


__all__ = ["Source", "discover", "read", "file_hash", "document_from_bytes", "gzip", "DecodeError"]
