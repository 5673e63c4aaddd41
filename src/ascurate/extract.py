"""Extraction: a Document becomes a title, body blocks and what the page says about itself.

HTML goes through trafilatura's structured output (its XML body), so headings, list
items, tables and quotes stay blocks; comments are excluded (trafilatura's default
includes them). Plain text is split by its own layout. Page metadata comes from
trafilatura plus what trafilatura ignores: JSON-LD review facts, article meta tags,
the canonical link and "medically reviewed by" / "last reviewed" lines.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from copy import copy
from typing import Any

import trafilatura
import trafilatura.core
import trafilatura.metadata as trafilatura_metadata
import trafilatura.settings
import trafilatura.utils
from lxml import etree
from lxml import html as lhtml
from trafilatura.settings import set_date_params

from . import compiled_xpaths
from .ingest import has_unsafe
from .model import Block, Document, Extracted

compiled_xpaths.install()  # trafilatura's XPaths as Python where they compile, else native (~25% of extraction)

_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_HEADING_LEVEL = re.compile(r"h([1-6])")
_SITE_SEPARATOR = re.compile(r"\s+(?:[|»•·]|&bull;|&raquo;)\s+")

# trafilatura's settings, measured on the corpora (bench/cleaning.py prints the figures)
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
    "include_links": False,
    "include_images": False,
    "with_metadata": True,
    "deduplicate": False,
    "favor_precision": True,
    # htmldate's extensive search guesses a date from free text through dateparser: ~7% of
    # all extraction time (its regex cache thrashes), for 4 dates in 206 pages, one wrong
    # (2000-01-01). Markup dates stay, and text_metadata reads "last reviewed" lines itself.
    "date_extraction_params": set_date_params(extensive=False),
}
# wider passes, in order; each one's blocks replace the current ones when they extend
# them (`extends`): start precise, widen only where the wider pass finds more of the same
# article. Measured on health-dev and bench (docs/cleaning.md).
WIDER_PASSES: list[dict[str, Any]] = [{"favor_precision": False, "favor_recall": True, "fast": True}]
WIDER_KEEP = 0.95  # share of the first pass's words the wider pass must keep
WIDER_MIN_GAIN = 1.01  # and it must be longer
_TOKEN = re.compile(r"\w+")


def extract(doc: Document, tree: Any = None, *, own_tree: bool = False) -> Extracted:
    """`tree`: the page already parsed by `load_html` (the pipeline keys its cache on it);
    `own_tree`: the caller is done with it, so the last pass may take it apart."""
    if doc.format == "text":
        return extract_text(doc.content)
    return extract_html(doc.content, doc.url, tree, own_tree=own_tree)


# ---------------------------------------------------------------- HTML


def extract_html(page: str, url: str | None = None, tree: Any = None, *, own_tree: bool = False) -> Extracted:
    if tree is None:
        tree, own_tree = load_html(page), True
    option_sets = [TRAFILATURA_OPTIONS, *({**TRAFILATURA_OPTIONS, "with_metadata": False, **o} for o in WIDER_PASSES)]
    meta: dict[str, Any] = {}
    page_title = page_text = ""
    if tree is not None:
        meta = page_metadata(tree)
        # all that is read of the page before the passes prune it: what it says about itself
        # (meta wins in the merge below, so what the markup already says is not searched for again)
        about = page_facts(tree, url, author=not meta.get("authors"), date=not meta.get("published"))
        page_title, page_text = _clean(tree.findtext(".//title")), _page_text(tree)
        result, *wides = cascade(tree, url, option_sets, own=own_tree)
        if result is not None:
            result.title, result.author, result.date = about.title, about.author, about.date
            result.sitename, result.url, result.description, result.hostname = (
                about.sitename, about.url, about.description, about.hostname)
    else:
        result, *wides = (trafilatura.bare_extraction(page, url=url, **options) for options in option_sets)
    blocks: list[Block] = []
    title = None
    if result is not None:
        if result.body is not None:
            blocks = xml_blocks(result.body)
        for wide in wides:
            if wide is not None and wide.body is not None:
                wider = xml_blocks(wide.body)
                if extends(wider, blocks):
                    blocks = wider
        title = _clean(result.title) or None
        for key, value in (
            ("authors", _split_authors(result.author)),
            ("published", result.date),
            ("publisher", result.sitename),
            ("canonical_url", result.url),
            ("description", result.description),
            ("hostname", result.hostname),
        ):
            if value and key not in meta:
                meta[key] = value
    title = choose_title(page_title, title, meta.pop("title", None), blocks)
    if page_text:
        meta.update({k: v for k, v in text_metadata(page_text).items() if k not in meta})
    return Extracted(title=title, blocks=blocks, metadata=meta)


_SEQUENCE = getattr(trafilatura.core, "trafilatura_sequence", None)
_STEPS = ("_forum_thread_page", "prune_unwanted_nodes", "RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH",
          "REMOVE_COMMENTS_XPATH", "tree_cleaning", "convert_tags", "extract_content", "compare_extraction", "baseline")
# this trafilatura has the cascade and the steps `_sequence` calls; else `passes` is bare_extraction
_OWN_CASCADE = _SEQUENCE is not None and all(hasattr(trafilatura.core, name) for name in _STEPS)


def _sequence(tree: Any, ext: Any, url: str | None) -> tuple[Any, str, Any, str]:
    """`trafilatura_sequence` with comments off and a precise or wide focus (ascurate's
    passes), step for step, less the page copy that readability gets in a precise pass
    (nothing reads the page after it in that mode). Comments or the balanced focus (its
    recall escalation): trafilatura's own sequence."""
    c = trafilatura.core
    if not _steps_apply(ext):
        return _SEQUENCE(tree, ext, url)  # type: ignore[misc]
    is_forum = c._forum_thread_page(tree)
    tree = c.prune_unwanted_nodes(tree, c.RAW_TREE_PRUNE_XPATH)
    if ext.focus == "precision" or not is_forum:
        tree = c.prune_unwanted_nodes(tree, c.REMOVE_COMMENTS_AND_LISTS_XPATH)
    return _cascade(tree, ext, url, is_forum, take=True)


def _steps_apply(ext: Any) -> bool:
    return not ext.comments and ext.focus in ("precision", "recall")


def _cascade(tree: Any, ext: Any, url: str | None, is_forum: bool, *, take: bool) -> tuple[Any, str, Any, str]:
    """`trafilatura_sequence` after its pruning of the page (`tree`): cleaning, conversion,
    extraction, then readability's comparison (not in a fast pass) or the baseline rescue
    (a wide pass). `take`: readability may take `tree` apart (a precise pass reads it no
    more after); else it gets a copy. The backup of the cleaned tree is made only for that
    comparison, which alone reads it."""
    c = trafilatura.core
    cleaned = c.tree_cleaning(copy(tree), ext)
    backup = None if ext.fast else copy(cleaned)
    cleaned = c.convert_tags(cleaned, ext, url)
    precise = ext.focus == "precision"
    if precise and not is_forum:
        cleaned = c.prune_unwanted_nodes(cleaned, c.REMOVE_COMMENTS_XPATH)
    body, text = c.extract_content(cleaned, ext)
    if not ext.fast:
        body, text = c.compare_extraction(backup, tree if precise and take else copy(tree), body, text, ext)
    if len(text) < ext.min_extracted_size and not precise:  # trafilatura's rescue from the page (copied there)
        b_body, b_text, b_len = c.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    return body, text, None, ""


def _extractor(options: dict[str, Any], url: str | None) -> Any:
    """trafilatura's settings object for `bare_extraction`'s options, without metadata."""
    return trafilatura.settings.Extractor(
        config=trafilatura.settings.DEFAULT_CONFIG, output_format="python", fast=options.get("fast", False),
        precision=options.get("favor_precision", False), recall=options.get("favor_recall", False),
        comments=options.get("include_comments", True), formatting=options.get("include_formatting", False),
        links=options.get("include_links", False), images=options.get("include_images", False),
        tables=options.get("include_tables", True), dedup=options.get("deduplicate", False), lang=None, url=url,
        with_metadata=False, only_with_metadata=False, author_blacklist=None, url_blacklist=None,
        date_params=options.get("date_extraction_params"))


def _result(found: tuple[Any, str, Any, str], ext: Any) -> Any:
    """`bare_extraction`'s size check, and its document with the body ascurate reads."""
    body, text, _, comments = found
    if len(text) < ext.min_output_size and len(comments) < ext.min_output_comm_size:
        return None
    out = trafilatura.settings.Document()
    out.body = body
    return out


def passes(tree: Any, url: str | None, options: dict[str, Any], *, own: bool = False) -> Any:
    """trafilatura's `bare_extraction` of a parsed tree without metadata, reduced to what
    ascurate reads of it (`.body`): the same options (`Extractor`), the same cascade
    (`_sequence`, trafilatura's step for step) and the same size check, but no copy of a tree the caller
    gives up (`own`: ~1 ms a page) and no text rendering of the body (`xmltotxt`), which
    xml_blocks makes its own way. tests/test_extract.py holds the bodies to
    `bare_extraction`'s on the corpus; a trafilatura without that cascade gets
    `bare_extraction` itself."""
    options = {**options, "with_metadata": False}
    if not _OWN_CASCADE:
        return trafilatura.bare_extraction(tree, url=url, **options)
    ext = _extractor(options, url)
    try:
        return _result(_sequence(tree if own else copy(tree), ext, ext.url), ext)
    except (TypeError, ValueError):  # as bare_extraction: no result
        return None


def cascade(tree: Any, url: str | None, option_sets: list[dict[str, Any]], *, own: bool = False) -> list[Any]:
    """`passes` for several option sets over one page (ascurate's precise pass and its
    wider ones), in the order given. Where every set prunes the page alike (comments off,
    a precise or wide focus, not a forum thread) the page is pruned once and each pass
    cleans its own copy of it: one copy of the page and one pruning of it fewer per wider
    pass (~2 ms a page). The passes that leave the pruned page as it was go first, and
    the last precise one hands it to readability. Else: one `passes` each."""
    c = trafilatura.core
    if not _OWN_CASCADE:
        return [passes(tree, url, o) for o in option_sets]
    exts = [_extractor({**o, "with_metadata": False}, url) for o in option_sets]
    try:
        shared = all(map(_steps_apply, exts)) and not c._forum_thread_page(tree)
        if shared:
            pruned = c.prune_unwanted_nodes(tree if own else copy(tree), c.RAW_TREE_PRUNE_XPATH)
            pruned = c.prune_unwanted_nodes(pruned, c.REMOVE_COMMENTS_AND_LISTS_XPATH)
    except (TypeError, ValueError):  # as bare_extraction: no result (each pass would fail on these steps)
        return [None] * len(exts)
    if not shared:
        return [passes(tree, url, o, own=own and i == len(option_sets) - 1) for i, o in enumerate(option_sets)]
    order = sorted(range(len(exts)), key=lambda i: not exts[i].fast)  # readability takes the page apart: last
    out: list[Any] = [None] * len(exts)
    for i in order:
        try:
            out[i] = _result(_cascade(pruned, exts[i], exts[i].url, False, take=i == order[-1]), exts[i])
        except (TypeError, ValueError):  # as bare_extraction: no result
            out[i] = None
    return out


def page_facts(tree: Any, url: str | None = None, *, author: bool = True, date: bool = True) -> Any:
    """trafilatura's page metadata (its `extract_metadata`), without the categories, tags
    and licence that it also looks for and ascurate does not use (~2 ms of ~6 ms a page).
    Same steps, same order, same functions; `tests/test_extract.py` checks the fields
    against `extract_metadata` on the corpus. Reads the tree, never changes it.
    `author=False`, `date=False`: skip the searches of the page's body for a byline
    (~5 ms: a copy of the tree and ~20 XPaths) and a date, when the caller has them."""
    m = trafilatura_metadata
    try:
        doc = m.examine_meta(tree)
        if doc.author and " " not in doc.author:
            doc.author = None
        with contextlib.suppress(Exception):  # as extract_metadata: bugs in trafilatura's JSON-LD reader
            doc = m.extract_meta_json(tree, doc)
        if not doc.title:
            doc.title = m.extract_title(tree)
        if not doc.author and author:
            doc.author = m.extract_author(tree)
        if not doc.url:
            doc.url = m.extract_url(tree, url)
        if doc.url:
            doc.hostname = m.extract_domain(doc.url, fast=True)
        dates = {**TRAFILATURA_OPTIONS["date_extraction_params"], "url": doc.url}
        if date:
            doc.date = m.find_date(tree, **dates)
        if not doc.sitename:
            doc.sitename = m.extract_sitename(tree)
        if doc.sitename:
            doc.sitename = doc.sitename.lstrip("@")
            if doc.sitename and "." not in doc.sitename and not doc.sitename[0].isupper():
                doc.sitename = doc.sitename.title()
        elif doc.url and (found := m.META_URL.match(doc.url)):
            doc.sitename = found[1]
        doc.filedate = dates.get("max_date")
        doc.clean_and_trim()
        return doc
    except AttributeError:  # a trafilatura without these steps: its whole extraction
        return m.extract_metadata(tree, url, TRAFILATURA_OPTIONS["date_extraction_params"], False, None)


def extends(wider: list[Block], blocks: list[Block]) -> bool:
    """The wider extraction keeps nearly all of the narrower one and adds to it: it
    found more of the same article (cards, lists, asides that favor_recall keeps),
    not another part of the page."""
    a = Counter(_TOKEN.findall(" ".join(b.text for b in blocks).casefold()))
    b = Counter(_TOKEN.findall(" ".join(b.text for b in wider).casefold()))
    na, nb = sum(a.values()), sum(b.values())
    return nb > na * WIDER_MIN_GAIN and sum((a & b).values()) >= WIDER_KEEP * na


def choose_title(page_title: str, extracted: str | None, declared: str | None, blocks: list[Block]) -> str | None:
    """The article's title, not the site section's: a body heading that the page's
    <title> (`page_title`, cleaned) or og:title repeats wins; then og:title/headline;
    then trafilatura's guess."""
    named = [t.casefold() for t in (page_title, declared) if t]
    for b in blocks[:8]:
        if b.type == "heading" and len(b.text) > 8 and any(b.text.casefold() in t for t in named):
            return b.text
    if page_title:
        first = re.split(r"\s+[|–—·»]\s+|\s+-\s+", page_title)[0].strip()
        if len(first) > 8 and (not extracted or extracted.casefold() not in page_title.casefold()):
            return first
    return strip_site_name(declared or extracted or page_title) or None


def strip_site_name(title: str | None) -> str | None:
    """'Gout | Patient Education | Example Hospital' -> 'Gout': pages append the site
    and section after a pipe or bullet; dashes are left alone (titles use them)."""
    if not title:
        return title
    first = _SITE_SEPARATOR.split(title)[0].strip()
    return first if len(first) > 8 else title


# trafilatura's parser settings, with lxml.html's element classes chosen in C: lxml.html's
# own parser picks them in a Python method, called for every element proxy that lxml
# creates, and trafilatura's EXSLT-regex XPaths create one per attribute they test (~5
# million calls in 1,200 pages, ~7% of extraction). Form elements become plain
# HtmlElements (FormElement's extras: nothing that trafilatura or ascurate reads); the
# trees and extractions are the same (tests/test_extract.py).
HTML_PARSER = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True)
HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lhtml.HtmlElement, comment=lhtml.HtmlComment, pi=lhtml.HtmlProcessingInstruction,
    entity=lhtml.HtmlEntity))


def load_html(page: str) -> Any:
    """The page parsed once, as trafilatura parses it (comments and processing
    instructions dropped): its passes and our metadata readers share this tree."""
    try:
        tree = trafilatura_tree(page)
    except (etree.ParserError, ValueError, TypeError):
        tree = None
    return tree if tree is not None else parse_html(page)


def trafilatura_tree(page: str) -> Any:
    """`trafilatura.utils.load_html`'s steps (decode, repair, parse, bytes fallback,
    rejection of what is not HTML), with `HTML_PARSER`."""
    utils = trafilatura.utils
    page = utils.decode_file(page)
    beginning = page[:50].lower()
    page = repair_faulty_html(page, beginning)
    tree, fallback = None, False
    try:
        tree = lhtml.fromstring(page, parser=HTML_PARSER)
    except ValueError:  # a str with an encoding declaration
        tree, fallback = _from_bytes(page), True
    except Exception:  # noqa: BLE001 - as trafilatura: an unparsable page has no tree
        tree = None
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _from_bytes(page)
    if tree is not None and utils.is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def repair_faulty_html(page: str, beginning: str) -> str:
    """trafilatura's `repair_faulty_html`, whose first step, deleting the characters XML
    forbids with a regular expression (~0.7 ms a page), is skipped when one C-speed pass
    finds none of them (`ingest.has_unsafe` looks for a superset): ingest has already
    removed them from every page it reads. The other steps are trafilatura's, with its
    patterns; tests/test_extract.py holds the result to its function's."""
    utils = trafilatura.utils
    if has_unsafe(page):
        return utils.repair_faulty_html(page, beginning)
    if "doctype" in beginning:
        firstline, _, rest = page.partition("\n")
        page = utils.DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in page[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return utils.FAULTY_HTML.sub(r"\1>", page, count=1)
    return page


def _from_bytes(page: str) -> Any:
    try:
        return lhtml.fromstring(page.encode("utf8", "surrogatepass"), parser=HTML_PARSER)
    except Exception:  # noqa: BLE001
        return None


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def without_xml_declaration(page: str) -> str:
    """lxml refuses a str that starts with an XML declaration naming an encoding."""
    return _XML_DECLARATION.sub("", page[:512]) + page[512:]


def parse_html(page: str) -> Any:
    try:
        return lhtml.document_fromstring(without_xml_declaration(page))
    except (etree.ParserError, ValueError):
        return None


def xml_blocks(body: Any) -> list[Block]:
    """Flatten trafilatura's XML body into typed blocks, in document order."""
    blocks: list[Block] = []

    def add(kind: str, text: str, level: int | None = None) -> None:
        text = _clean(text)
        if text:
            blocks.append(Block(kind, text, level))  # type: ignore[arg-type]

    def walk(el: Any) -> None:
        tag = el.tag
        if tag == "head":
            m = _HEADING_LEVEL.match(el.get("rend") or "")
            add("heading", _text(el), int(m.group(1)) if m else 2)
        elif tag == "p":
            for part in _split_lb(el):
                add("paragraph", part)
        elif tag == "list":
            for item in el.iterchildren("item"):
                nested = list(item.iterchildren("list"))
                own = _text(item, skip=("list",))
                add("list_item", own)
                for sub in nested:
                    walk(sub)
        elif tag == "quote":
            if any(c.tag in ("p", "list", "head") for c in el):
                start = len(blocks)
                for c in el:
                    walk(c)
                for b in blocks[start:]:
                    if b.type == "paragraph":
                        b.type = "quote"
            else:
                add("quote", _text(el))
        elif tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [_clean(_text(c)) for c in row.iterchildren("cell")]
                rows.append(" | ".join(c for c in cells if c))
            table = "\n".join(r for r in rows if r)  # a row a line (add's clean-up would join them)
            if table:
                blocks.append(Block("table", table))
        elif tag == "code":
            text = "".join(el.itertext()).strip("\n")
            if text.strip():
                blocks.append(Block("code", text))
        elif tag in ("div", "body", "main", "section"):
            walk_children(el)
        elif tag in ("graphic", "ref"):
            return
        else:
            add("paragraph", _text(el))

    def walk_children(el: Any) -> None:
        # text loose between elements ("</p>Near-term outlook<p>") is a block of its own
        add("paragraph", el.text or "")
        for c in el:
            walk(c)
            add("paragraph", c.tail or "")

    walk_children(body)
    return blocks


_BLOCK_TAGS = frozenset({"p", "head", "item", "list", "quote", "row", "cell", "table"})


def _text(el: Any, skip: tuple[str, ...] = ()) -> str:
    parts: list[str] = []

    def rec(e: Any) -> None:
        if e.text:
            parts.append(e.text)
        for c in e:
            if c.tag in skip:
                pass
            elif c.tag == "lb":
                parts.append(" ")
            else:
                if c.tag in _BLOCK_TAGS:  # paragraphs inside an item or cell: "PMC11101251. Rosenblum", not glued
                    parts.append(" ")
                rec(c)
            if c.tail:
                parts.append(c.tail)

    rec(el)
    return "".join(parts)


def _split_lb(p: Any) -> list[str]:
    """A paragraph with <lb/> line breaks is several lines: keep them as separate blocks."""
    parts, cur = [], [p.text or ""]
    for c in p:
        if c.tag == "lb":
            parts.append("".join(cur))
            cur = [c.tail or ""]
        else:
            cur.append(_text(c))
            cur.append(c.tail or "")
    parts.append("".join(cur))
    return parts


def _clean(text: str | None) -> str:
    """Spaces collapsed, lines joined: ~60 calls a page (every block of both passes), so a
    line with nothing to collapse (most) is only stripped."""
    if not text:
        return ""
    if "\n" not in text:
        return (_WS.sub(" ", text) if _ODD_SPACE.search(text) else text).strip()
    lines = [ln.strip() for ln in _WS.sub(" ", text).split("\n")]
    return " ".join(ln for ln in lines if ln)


_ODD_SPACE = re.compile(r"[\t\r\f\v\u00a0\u200b]|  ")  # what `_WS` would change


def _split_authors(author: str | None) -> list[str] | None:
    if not author:
        return None
    return [a.strip() for a in re.split(r";|\band\b", author) if a.strip()] or None


# ---------------------------------------------------------------- page metadata

_META_KEYS = {
    "article:published_time": "published",
    "datepublished": "published",
    "date": "published",
    "dc.date": "published",
    "article:modified_time": "modified",
    "og:updated_time": "modified",
    "datemodified": "modified",
    "last-modified": "modified",
    "og:site_name": "publisher",
    "author": "authors",
    "article:author": "authors",
    "citation_author": "authors",
    "og:title": "title",
}


def page_metadata(tree: Any) -> dict[str, Any]:
    """What the markup says about the page: JSON-LD, meta tags, the canonical link."""
    meta: dict[str, Any] = {}
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content() or "")
        except (json.JSONDecodeError, ValueError):
            continue
        for obj in _ld_objects(data):
            _from_ld(obj, meta)
    for m in tree.xpath("//meta[@content]"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        target = _META_KEYS.get(key)
        val = _clean(m.get("content"))
        if not target or not val or val.startswith("http"):
            continue
        if target == "authors":
            meta.setdefault("authors", [])
            if val not in meta["authors"]:
                meta["authors"].append(val)
        else:
            meta.setdefault(target, val)
    canon = tree.xpath('//link[@rel="canonical"]/@href')
    if canon:
        meta["canonical_url"] = canon[0].strip()
    if not meta.get("authors"):
        meta.pop("authors", None)
    return meta


def _ld_objects(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            out.append(x)
            if "@graph" in x:
                stack.append(x["@graph"])
    return out


def _names(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v.strip()] if v.strip() else []
    if isinstance(v, dict):
        n = v.get("name")
        return [n.strip()] if isinstance(n, str) and n.strip() else []
    if isinstance(v, list):
        return [n for x in v for n in _names(x)]
    return []


def _from_ld(obj: dict[str, Any], meta: dict[str, Any]) -> None:
    t = obj.get("@type")
    types = {t} if isinstance(t, str) else set(t or [])
    if not types & {"Article", "NewsArticle", "MedicalWebPage", "WebPage", "BlogPosting", "MedicalScholarlyArticle",
                    "ReportageNewsArticle", "HealthTopicContent"}:
        return
    for src, dst in (("datePublished", "published"), ("dateModified", "modified"), ("lastReviewed", "last_reviewed")):
        if isinstance(obj.get(src), str):
            meta.setdefault(dst, obj[src])
    for src, dst in (("author", "authors"), ("reviewedBy", "reviewed_by")):
        names = _names(obj.get(src))
        if names:
            meta.setdefault(dst, names)
    pub = _names(obj.get("publisher"))
    if pub:
        meta.setdefault("publisher", pub[0])
    if isinstance(obj.get("headline"), str):
        meta.setdefault("title", obj["headline"])


def _page_text(tree: Any) -> str:
    body = tree.find("body")
    if body is None:
        return ""
    return " ".join(filter(None, map(str.strip, body.itertext())))[:200_000]


_NAME = r"([A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,4}(?:,\s*(?:[A-Z][A-Za-z.]{1,8})(?:,\s*[A-Z][A-Za-z.]{1,8})*)?)"
_DATE = (
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_REVIEWED_BY = re.compile(r"(?:medically|clinically|expert)?\s*reviewed by:?\s+(?:Dr\.?\s+)?" + _NAME, re.I)
_LAST_REVIEWED = re.compile(r"(?:last|page last|medically|date)\s+reviewed(?:\s+on)?:?\s+" + _DATE, re.I)
_UPDATED = re.compile(r"(?:last\s+)?updated(?:\s+on)?:?\s+" + _DATE, re.I)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\s*,?\s*"
    r"((?:[^.,|\s]|\.(?=\w)|\s(?!all rights))+)?", re.I)


def text_metadata(text: str) -> dict[str, Any]:
    """Review facts as pages write them in prose: 'Medically reviewed by ...', 'Last reviewed ...'.

    Each pattern's first match, found from its keyword: the keyword's places in the
    lowered page (`str.find`, memchr speed), the rest of the pattern matched there. The
    patterns' leading words are optional or checked before the keyword, and the values
    come after it, so the values are those of `search` with the whole pattern, which
    steps through the page one character at a time (~1.5 ms a page; tests hold the two
    equal). A page whose lowering moves characters, or with a dotless ı (which the
    patterns match as i), is searched the slow way."""
    low = text.lower()
    if len(low) != len(text) or "\u0131" in text:
        return _search_metadata(text)
    return _metadata(_first(_REVIEWED_BY_AT, text, low, "reviewed by"),
                     _first(_REVIEWED_AT, text, low, "reviewed", _after_review_word),
                     _first(_UPDATED_AT, text, low, "updated"))


def _search_metadata(text: str) -> dict[str, Any]:
    """`text_metadata` by searching with the whole patterns."""
    low = text.casefold()  # a literal test first: the patterns themselves are slow to search a page with
    return _metadata(_REVIEWED_BY.search(text) if "reviewed by" in low else None,
                     _LAST_REVIEWED.search(text) if "reviewed" in low else None,
                     _UPDATED.search(text) if "updated" in low else None)


def _metadata(reviewed_by: re.Match[str] | None, reviewed: re.Match[str] | None,
              updated: re.Match[str] | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if reviewed_by:
        meta["reviewed_by"] = [reviewed_by.group(1).strip()]
    if reviewed:
        meta["last_reviewed"] = reviewed.group(1)
    if updated:
        meta["modified"] = updated.group(1)
    return meta


_REVIEWED_BY_AT = re.compile(r"reviewed by:?\s+(?:Dr\.?\s+)?" + _NAME, re.I)
_REVIEWED_AT = re.compile(r"reviewed(?:\s+on)?:?\s+" + _DATE, re.I)
_REVIEW_WORD = re.compile(r"(?:last|page last|medically|date)\Z", re.I)  # before \s+ and "reviewed"
_UPDATED_AT = re.compile(r"updated(?:\s+on)?:?\s+" + _DATE, re.I)


def _first(pattern: re.Pattern[str], text: str, low: str, keyword: str,
           before: Any = None) -> re.Match[str] | None:
    """The first match of `pattern` at a place of `keyword` (and `before(text, place)`)."""
    i = low.find(keyword)
    while i != -1:
        m = pattern.match(text, i)
        if m and (before is None or before(text, i)):
            return m
        i = low.find(keyword, i + 1)
    return None


def _after_review_word(text: str, i: int) -> bool:
    """`_LAST_REVIEWED`'s leading words and spaces end where its keyword starts, at `i`."""
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    return j < i and _REVIEW_WORD.search(text, max(0, j - 9), j) is not None


def copyright_facts(line: str) -> dict[str, Any] | None:
    """Holder and year from a copyright line, so removing the line keeps the facts."""
    m = _COPYRIGHT.search(line)
    if not m:
        return None
    year = int(m.group(2) or m.group(1))
    holder = (m.group(3) or "").strip(" ,.-") or None
    if holder and re.match(r"(?i)all rights", holder):
        holder = None
    return {"copyright_year": year, "copyright_holder": holder}


# ---------------------------------------------------------------- plain text

_SENTENCE_END = re.compile(r"[.!?:;…。！？」”\"')\]]$")


def extract_text(content: str) -> Extracted:
    """Plain text: first line is the title, blank lines split paragraphs, short
    unpunctuated lines standing alone between paragraphs are headings."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = content.split("\n")
    title = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        title = _clean(lines[i])
        i += 1
    paragraphs: list[list[str]] = []
    cur: list[str] = []
    for ln in lines[i:]:
        if ln.strip():
            cur.append(ln)
        elif cur:
            paragraphs.append(cur)
            cur = []
    if cur:
        paragraphs.append(cur)
    blocks: list[Block] = []
    for para in paragraphs:
        bullets = [ln for ln in para if re.match(r"\s*(?:[-*•·]|\d+[.)])\s+", ln)]
        if bullets and len(bullets) == len(para):
            for ln in para:
                blocks.append(Block("list_item", _clean(re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", ln))))
            continue
        text = _clean(" ".join(para))
        if not text:
            continue
        if len(para) == 1 and is_heading_line(text):
            blocks.append(Block("heading", text, 2))
        else:
            blocks.append(Block("paragraph", text))
    return Extracted(title=title, blocks=blocks, metadata=text_metadata(content))


def is_heading_line(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and len(text) <= 90 and not _SENTENCE_END.search(text)
