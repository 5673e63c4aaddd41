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
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from ..emit import atomic_write_chunks
from ..extract import without_xml_declaration
from ..model import Block, Document, Removal
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
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
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
_FP = 16  # hex characters of one fingerprint


def page_record(doc: Document) -> PageRecord | None:
    """What learning needs of one page, compactly: it crosses a process boundary and
    is kept for every page of the corpus."""
    site = page_site(doc)
    return (site, doc.key, "".join(page_prints(page_texts(doc)))) if site else None


class TemplateStore:
    """Every page's paragraph fingerprints per site, kept beside curated/ so a run
    learns from what earlier runs saw (a page seen again replaces its old entry).
    A page's fingerprints are one string (16 hex characters each): 20,000 pages of
    150 paragraphs are ~50 MB so, and three times that as lists of strings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sites: dict[str, dict[str, str]] = {}
        # input path -> the content hash its pages were learnt from: those bytes need no learning again
        self.learnt_path = path.with_name(path.stem + ".inputs.json")
        self.learnt: dict[str, str] = {}
        if path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
                self.sites = {site: {k: v if isinstance(v, str) else "".join(v) for k, v in pages.items()}
                              for site, pages in stored.items()}
            except (OSError, ValueError, AttributeError, TypeError):
                self.sites = {}  # a damaged store is relearnt from the pages, not fatal
            else:
                try:
                    learnt = json.loads(self.learnt_path.read_text(encoding="utf-8"))
                    self.learnt = {str(k): str(v) for k, v in learnt.items()}
                except (OSError, ValueError, AttributeError, TypeError):
                    self.learnt = {}  # inputs are learnt again

    def learn(self, doc: Document) -> None:
        rec = page_record(doc)
        if rec:
            self.add(rec)

    def add(self, record: PageRecord) -> None:
        site, key, prints = record
        self.sites.setdefault(site, {})[key] = prints

    def record(self, records: Iterable[PageRecord], inputs: Iterable[tuple[str, str | None]]) -> bool:
        """Add learnt pages, and which bytes (input path, content hash) they were learnt
        from (every input read, pages or not); save if anything was added."""
        added = 0
        for rec in records:
            self.add(rec)
            added += 1
        for path, sha256 in inputs:
            if sha256:
                self.learnt[path] = sha256
                added += 1
        if added:
            self.save()
        return bool(added)

    def templates(self) -> dict[str, frozenset[str]]:
        """Site -> its template fingerprints (sites with none left out)."""
        out = {}
        for site in sorted(self.sites):
            if len(self.sites[site]) >= 2:
                pages = {k: [v[i:i + _FP] for i in range(0, len(v), _FP)] for k, v in self.sites[site].items()}
                found = templates_of(pages)
                if found:
                    out[site] = frozenset(found)
        return out

    def save(self) -> None:
        """The fingerprints, then which input bytes they come from (a crash between the two
        writes leaves inputs to learn again, never a claim the store cannot back)."""
        atomic_write_chunks(self.path, self._json())
        atomic_write_chunks(self.learnt_path, [json.dumps(self.learnt, sort_keys=True, separators=(",", ":"))])

    def sites_of(self) -> dict[str, set[str]]:
        """Input path -> the sites of its pages, as stored."""
        out: dict[str, set[str]] = {}
        for site, pages in self.sites.items():
            for key in pages:
                out.setdefault(key.split("#", 1)[0], set()).add(site)
        return out

    def _json(self) -> Iterator[str]:
        """The store as JSON, one site at a time (the same text json.dumps gives, sorted)."""
        yield "{"
        for i, site in enumerate(sorted(self.sites)):
            yield ("," if i else "") + json.dumps(site) + ":"
            yield json.dumps(self.sites[site], sort_keys=True, separators=(",", ":"))
        yield "}"

    @staticmethod
    def key(templates: dict[str, frozenset[str]]) -> str:
        """Digest of learnt templates: batches cleaned under other templates are not reused."""
        h = hashlib.sha256()
        for site in sorted(templates):
            h.update(site.encode() + b"\0" + ",".join(sorted(templates[site])).encode() + b"\n")
        return h.hexdigest()[:16]
