"""Site templates: a paragraph that recurs across pages of one site is that site's
furniture, whatever it says (a disclaimer, a promo, a sign-off).

Learning is a pass over the whole corpus before cleaning (plus what earlier runs saw,
stored beside curated/): every page's paragraphs are fingerprinted, and per site a
fingerprint is a template when it is on at least `MIN_PAGES` pages, or on two pages
next to another shared paragraph on both (a footer is a run of shared blocks; two
articles that merely quote the same sentence share one block, not a run). The
decision depends only on the set of pages seen, so it is deterministic and does not
depend on the order pages come in. Cleaning then removes a block whose fingerprint
is a template of its site, with rule `site-template`, unless that would take most of
the page (then the pages are copies of one article: dedup's business, not ours).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..extract import without_xml_declaration
from ..model import Block, Document, Removal, site_of
from .result import Cleaned

RULE = "site-template"
MIN_PAGES = 3  # pages of one site that share a paragraph, for it to be a template on its own
MAX_SHARE = 0.5  # a page losing more of its words than this to templates is a copy, not a template
_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=32_768)  # a site's pages repeat their furniture, a page's copies their paragraphs
def fingerprint(text: str) -> str:
    """Same for texts that differ only in case, spacing and punctuation."""
    norm = " ".join(_TOKEN.findall(text.casefold()))
    return hashlib.blake2b(norm.encode(), digest_size=8).hexdigest()


def page_prints(texts: Iterable[str]) -> list[str]:
    """A page's paragraph fingerprints in order (blank texts skipped)."""
    return [fingerprint(t) for t in texts if _TOKEN.search(t)]


def templates_of(pages: dict[str, list[str]]) -> set[str]:
    """Template fingerprints of one site, from its pages' fingerprint lists (page id -> prints)."""
    seen: dict[str, set[str]] = {}
    for page, prints in pages.items():
        for fp in set(prints):
            seen.setdefault(fp, set()).add(page)
    out = {fp for fp, ps in seen.items() if len(ps) >= MIN_PAGES}
    pair_pages: dict[tuple[str, str], set[str]] = {}
    for page, prints in pages.items():
        for a, b in zip(prints, prints[1:], strict=False):
            if a != b and len(seen[a]) >= 2 and len(seen[b]) >= 2:
                pair_pages.setdefault((a, b), set()).add(page)
    for (a, b), ps in pair_pages.items():
        if len(ps) >= 2:
            out.update((a, b))
    return out


def cut_templates(blocks: list[tuple[int, Block]], templates: Collection[str],
                  out: Cleaned) -> list[tuple[int, Block]]:
    if not templates:
        return blocks
    hits = [fingerprint(b.text) in templates for _, b in blocks]
    total = sum(len(b.text.split()) for _, b in blocks)
    cut = sum(len(b.text.split()) for (_, b), h in zip(blocks, hits, strict=True) if h)
    if not cut or cut > MAX_SHARE * total:
        return blocks
    for (idx, b), h in zip(blocks, hits, strict=True):
        if h:
            out.removed.append(Removal(b.text, RULE, block=idx))
    return [ib for ib, h in zip(blocks, hits, strict=True) if not h]


# ---------------------------------------------------------------- learning, across pages

_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th", "blockquote",
               "figcaption", "pre", "caption", "summary", "label", "button"}
_CONTAINER_TAGS = {"div", "section", "aside", "footer", "header", "span", "a", "small", "strong", "em", "b", "nav"}


def page_texts(doc: Document) -> list[str]:
    """A page's paragraphs, cheaply, in reading order: for HTML the text of every
    block element (and of text-bearing containers without block children); for plain
    text the blank-line paragraphs. Extraction makes its blocks from the same elements,
    so a block's fingerprint is found here when it recurs.

    Every page of a run is read here once before cleaning, so this is kept lean: lxml's
    plain tree (lxml.html's element classes cost a Python call per element touched) and
    only the elements of the two tag sets visited."""
    if doc.format == "text":
        return [p for p in re.split(r"\n\s*\n", doc.content) if p.strip()]
    tree = _parse(doc.content)
    if tree is None:
        return []
    texts: list[str] = []
    for el in tree.iter(_TAGS):
        if el.tag in _BLOCK_TAGS or ((el.text or "").strip()
                                     and not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el)):
            text = " ".join(_STRING(el).split())
            if text and len(text) < 5000:
                texts.append(text)
    return texts


_TAGS = tuple(sorted(_BLOCK_TAGS | _CONTAINER_TAGS))
_STRING = etree.XPath("string()")  # what lxml.html's text_content() computes
_PARSER = etree.HTMLParser()  # lxml.html's parser without its element classes: the same tree


def _parse(page: str) -> etree._Element | None:
    try:
        return etree.fromstring(without_xml_declaration(page), _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def page_site(doc: Document) -> str | None:
    """The site a page belongs to: its URL's host, else its canonical or og:url link's,
    else the name it gives itself (og:site_name, or the last part of its <title>)."""
    url = doc.url
    head = doc.content[:200_000] if doc.format == "html" else ""
    if not url and head:
        m = _CANONICAL.search(head) or _OG_URL.search(head)
        url = m.group(1) if m else None
    host = site_of(url)
    if host:
        return host
    m = _SITE_NAME.search(head)
    name = m.group(1) if m else None
    if not name:
        t = _TITLE.search(head)
        parts = re.split(r"\s+[|\-–—»·•]\s+", t.group(1).strip()) if t else []
        name = parts[-1] if len(parts) > 1 else None
    name = " ".join(name.split()).casefold() if name else ""
    return f"name:{name}" if 0 < len(name) <= 60 else None


_CANONICAL = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)""", re.I)
_SITE_NAME = re.compile(r"""<meta\b[^>]*\bproperty=["']og:site_name["'][^>]*\bcontent=["']([^"']+)""", re.I)
_TITLE = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.I)
_OG_URL = re.compile(r"""<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)""", re.I)


PageRecord = tuple[str, str, str]  # (site, page key, its paragraph fingerprints concatenated)
_FP_BYTES = 8  # one fingerprint (16 hex characters)


def page_record(doc: Document) -> PageRecord | None:
    """What learning needs of one page, compactly: it crosses a process boundary and
    is kept for every page of the corpus."""
    site = page_site(doc)
    return (site, doc.key, "".join(page_prints(page_texts(doc)))) if site else None


class TemplateStore:
    """Every page's paragraph fingerprints per site, kept beside curated/ so a run learns
    from what earlier runs saw (a page seen again replaces its old entry), and which bytes
    each input's pages were learnt from (an input whose bytes were learnt is not read again).

    SQLite, not a JSON file held in memory: a nightly run adds a few pages to a store of
    every page the scrape ever had, so it writes only those (one transaction with the
    inputs they come from) and reads one site's pages at a time to find its templates.
    A fingerprint is stored as its 8 bytes. A store from an earlier version
    (`site_templates.json` and `.inputs.json` beside this file) is imported once; a
    damaged store is started afresh, and the pages are learnt again."""

    SCHEMA = """
    CREATE TABLE IF NOT EXISTS pages (
      site TEXT NOT NULL,
      key TEXT NOT NULL,               -- the page: input path, #record for a record
      prints BLOB NOT NULL,            -- its paragraph fingerprints, 8 bytes each, in order
      PRIMARY KEY (site, key)
    );
    CREATE TABLE IF NOT EXISTS learnt (
      path TEXT PRIMARY KEY,           -- input path
      sha256 TEXT NOT NULL             -- the bytes its pages were learnt from
    );
    """

    @classmethod
    def beside(cls, out: Path) -> TemplateStore:
        """The store of the curated folder `out`."""
        return cls(Path(out) / ".ascurate" / "site_templates.sqlite")

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._pages: dict[str, dict[str, bytes]] = {}  # learnt, not saved yet: site -> key -> prints
        self._inputs: dict[str, str] = {}
        self.learnt: dict[str, str] = {}
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:  # not a database, or damaged: relearnt from the pages
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                p.unlink(missing_ok=True)
            self.db = self._open()
        self._import_json()
        self.learnt = dict(self.db.execute("SELECT path, sha256 FROM learnt"))

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(self.SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self.db.close()

    def learn(self, doc: Document) -> None:
        rec = page_record(doc)
        if rec:
            self.add(rec)

    def add(self, record: PageRecord) -> None:
        site, key, prints = record
        self._pages.setdefault(site, {})[key] = bytes.fromhex(prints)

    def record(self, records: Iterable[PageRecord], inputs: Iterable[tuple[str, str | None]]) -> bool:
        """Add learnt pages, and which bytes (input path, content hash) they were learnt
        from (every input read, pages or not); save if anything was added."""
        added = 0
        for rec in records:
            self.add(rec)
            added += 1
        for path, sha256 in inputs:
            if sha256:
                self._inputs[path] = sha256
                added += 1
        if added:
            self.save()
        return bool(added)

    def save(self) -> None:
        """The pages learnt since the last save and the bytes they come from, in one transaction."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?,?,?)",
                                ((site, key, prints) for site, pages in self._pages.items()
                                 for key, prints in pages.items()))
            self.db.executemany("INSERT OR REPLACE INTO learnt VALUES (?,?)", self._inputs.items())
        self.learnt.update(self._inputs)
        self._pages, self._inputs = {}, {}

    def _site_pages(self, site: str) -> dict[str, bytes]:
        pages = dict(self.db.execute("SELECT key, prints FROM pages WHERE site=?", (site,)))
        pages.update(self._pages.get(site, {}))
        return pages

    def templates(self) -> dict[str, frozenset[str]]:
        """Site -> its template fingerprints (sites with none left out), one site's pages
        in memory at a time."""
        counts = dict(self.db.execute("SELECT site, COUNT(*) FROM pages GROUP BY site"))
        out = {}
        for site in sorted(counts.keys() | self._pages.keys()):
            if counts.get(site, 0) + len(self._pages.get(site, ())) < 2:
                continue
            pages = {k: [v[i:i + _FP_BYTES] for i in range(0, len(v), _FP_BYTES)]
                     for k, v in self._site_pages(site).items()}
            if len(pages) >= 2 and (found := templates_of(pages)):
                out[site] = frozenset(fp.hex() for fp in found)
        return out

    def sites_of(self) -> dict[str, set[str]]:
        """Input path -> the sites of its pages, as stored."""
        out: dict[str, set[str]] = {}
        keys = [*self.db.execute("SELECT site, key FROM pages"),
                *((site, key) for site, pages in self._pages.items() for key in pages)]
        for site, key in keys:
            out.setdefault(key.split("#", 1)[0], set()).add(site)
        return out

    def _import_json(self) -> None:
        """Take over the JSON store an earlier version kept beside this file, then delete it."""
        old = self.path.with_suffix(".json")
        old_inputs = old.with_name(old.stem + ".inputs.json")
        if not old.is_file():
            return
        try:
            stored = json.loads(old.read_text(encoding="utf-8"))
            for site, pages in stored.items():
                for key, prints in pages.items():
                    self._pages.setdefault(site, {})[key] = bytes.fromhex(
                        prints if isinstance(prints, str) else "".join(prints))
            try:
                learnt = json.loads(old_inputs.read_text(encoding="utf-8"))
                self._inputs = {str(k): str(v) for k, v in learnt.items()}
            except (OSError, ValueError, AttributeError, TypeError):
                self._inputs = {}  # inputs are learnt again
        except (OSError, ValueError, AttributeError, TypeError):
            self._pages, self._inputs = {}, {}  # a damaged store is relearnt from the pages
        self.save()
        old.unlink(missing_ok=True)
        old_inputs.unlink(missing_ok=True)

    @staticmethod
    def key(templates: dict[str, frozenset[str]]) -> str:
        """Digest of learnt templates: batches cleaned under other templates are not reused."""
        h = hashlib.sha256()
        for site in sorted(templates):
            h.update(site.encode() + b"\0" + ",".join(sorted(templates[site])).encode() + b"\n")
        return h.hexdigest()[:16]
