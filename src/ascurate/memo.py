"""Reuse within a worker: a page seen before is not curated again.

Scrapes repeat themselves: the same page fetched under two URLs or on two nights, with
a different tracking comment or cache-buster; the same article behind different
furniture. Curation is a pure function of what it reads, so a worker keeps recent
results by content key and hands back a copy:

- `page` key: the parsed page (comments and processing instructions are gone once
  parsed, so a page that differs only in those is the same page), its URL and format,
  its site's template fingerprints and the settings. A hit skips everything.
- `text` key: the cleaned article (title, blocks, metadata, URL) and the settings. A
  hit skips language detection, flags, MinHash and structure (furniture that cleaning
  removed made the pages differ, not the articles).

Values are stored pickled, so a caller can never change a kept result, and the cache
is bounded in bytes (least recently used goes first). It lives in the worker process
(the document child of `limits.py`, or a pool worker), one run at most: the key holds
the settings' repr, not the rule files' content, which a run reads once.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from .config import Config

MAX_BYTES = 16 * 2**20  # per cache per process; a curated article pickles to ~20-200 KB, and
# the hits that matter are near neighbours in input order (copies sit side by side)
MAX_ENTRY = 4 * 2**20  # a larger result is not kept (a 1 MB page's article)


class LRU:
    """Least-recently-used store of pickled values, bounded by their total size."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.items: OrderedDict[bytes, bytes] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def get(self, key: bytes) -> Any | None:
        blob = self.items.get(key)
        if blob is None:
            self.misses += 1
            return None
        self.items.move_to_end(key)
        self.hits += 1
        return pickle.loads(blob)

    def put(self, key: bytes, value: Any) -> None:
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(blob) > MAX_ENTRY:
            return
        old = self.items.pop(key, None)
        if old is not None:
            self.size -= len(old)
        self.items[key] = blob
        self.size += len(blob)
        while self.size > self.max_bytes and self.items:
            _, dropped = self.items.popitem(last=False)
            self.size -= len(dropped)

    def clear(self) -> None:
        self.items.clear()
        self.size = self.hits = self.misses = 0


PAGES = LRU()
TEXTS = LRU()


def clear() -> None:
    """Forget everything this worker keeps: whole pages and articles here, the per-block
    results (furniture outcomes, flag matches: rulebook.memo) and langdetect's answers."""
    from . import lang, rulebook

    PAGES.clear()
    TEXTS.clear()
    rulebook.forget_memos()
    lang._detect.cache_clear()
_cfg_keys: dict[str, bytes] = {}


def _cfg_key(cfg: Config) -> bytes:
    r = repr(cfg)
    k = _cfg_keys.get(r)
    if k is None:
        if len(_cfg_keys) > 64:
            _cfg_keys.clear()
        k = _cfg_keys[r] = hashlib.blake2b(r.encode(), digest_size=16).digest()
    return k


def key(kind: str, cfg: Config, parts: Iterable[str | bytes | None]) -> bytes:
    """A digest of `parts` (None and "" kept apart), the settings and the kind of result."""
    h = hashlib.blake2b(digest_size=20)
    h.update(kind.encode() + b"\0" + _cfg_key(cfg))
    for p in parts:
        if p is None:
            h.update(b"\1")
            continue
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little") + b)
    return h.digest()


_prints: dict[frozenset[str], str] = {}


def prints_digest(prints: frozenset[str]) -> str:
    """Digest of a site's template fingerprints (one site's set is seen page after page)."""
    d = _prints.get(prints)
    if d is None:
        if len(_prints) > 256:
            _prints.clear()
        d = _prints[prints] = hashlib.blake2b(",".join(sorted(prints)).encode(), digest_size=16).hexdigest()
    return d
