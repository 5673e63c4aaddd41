"""What a page says about itself: JSON-LD, meta tags and the canonical link from the
markup, and review facts from the prose ("Medically reviewed by ...", "Last reviewed ...")."""

from __future__ import annotations

import json
import re
from typing import Any

from .blocks import clean_space

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
        val = clean_space(m.get("content"))
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


def page_text(tree: Any) -> str:
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

def text_metadata(text: str) -> dict[str, Any]:
    """Review facts as pages write them in prose: 'Medically reviewed by ...', 'Last reviewed ...'.

    Each pattern's first match, found from its keyword: the keyword's places in the
    lowered page (`str.find`, memchr speed), the rest of the pattern matched there. The
    patterns' leading words are optional or checked before the keyword, and the values
    come after it, so the values are those of `search` with the whole pattern, which
    steps through the page one character at a time (tests hold the two equal). A page whose lowering moves characters, or with a dotless ı (which the
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
