"""Page type: is this page an article, or a forum thread, product page, listing,
collection, documentation or service page? Editors are sent articles only, so a page
the model calls something else is `rejected` with the type and its score (its text
is still written).

The model is a LightGBM text file in `ascurate/models/` (`pagetype-v2.txt`, card
`pagetype-v2.json`), trained by `python -m ascurate.models.train_pagetype` on the raw
HTML and URL of the corpora's pages: what the page declares (schema.org @type,
og:type), its URL path, and counts that tell templates apart (forms, prices, code,
list items, links, headings, article/time tags, text length).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .. import models

MODEL_NAME = "pagetype-v2"
TYPES = ("article", "forum", "product", "listing", "collection", "documentation", "service")

# what a page may declare about itself (JSON-LD @type, og:type), grouped by the type it hints at
_DECLARED = {
    "article": ("article", "newsarticle", "blogposting", "medicalwebpage", "report", "scholarlyarticle",
                "medicalscholarlyarticle", "reviewnewsarticle", "analysisnewsarticle", "opinionnewsarticle"),
    "forum": ("discussionforumposting", "qapage", "question", "answer", "comment", "socialmediaposting"),
    "product": ("product", "offer", "aggregateoffer", "productgroup", "individualproduct", "book", "vehicle"),
    "listing": ("itemlist", "collectionpage", "searchresultspage", "breadcrumblist"),
    "documentation": ("techarticle", "apireference", "softwaresourcecode", "softwareapplication", "howto"),
    "service": ("organization", "localbusiness", "service", "faqpage", "contactpage", "aboutpage", "event",
                "professionalservice", "medicalorganization", "corporation", "website"),
}
_URL_TOKENS = {
    "article": ("blog", "news", "article", "articles", "story", "stories", "post", "posts", "health", "magazine"),
    "forum": ("forum", "forums", "thread", "threads", "topic", "topics", "t", "community", "discussion",
              "questions", "q", "showthread", "viewtopic", "board", "r", "comments"),
    "product": ("product", "products", "p", "dp", "item", "items", "shop", "store", "buy", "sku"),
    "listing": ("category", "categories", "tag", "tags", "archive", "archives", "search", "page", "c", "list",
                "author", "section"),
    "collection": ("collection", "collections", "gallery", "recipes", "best", "top", "lists", "guides"),
    "documentation": ("docs", "doc", "documentation", "api", "reference", "manual", "guide", "wiki", "help",
                      "kb", "knowledge", "learn", "tutorial", "man", "sdk", "v1", "v2", "latest", "en-us"),
    "service": ("services", "service", "contact", "about", "pricing", "solutions", "team", "careers", "locations",
                "book", "appointment", "company", "features", "plans"),
}
_CLASS_TOKENS = ("post", "comment", "reply", "author", "product", "price", "cart", "sku", "rating", "review",
                 "card", "grid", "item", "tile", "pagination", "breadcrumb", "sidebar", "toc", "docs", "code",
                 "highlight", "article", "entry", "content", "thread", "message", "user", "avatar", "vote",
                 "quantity", "filter", "sort", "menu", "hero", "cta", "testimonial", "feature")
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|USD|EUR|GBP|kr|zł))")
_CURRENCIES = ("$", "€", "£", "¥", "₹", "USD", "EUR", "GBP", "kr", "zł")  # one is in every match of _PRICE
_DATEISH = re.compile(r"/(?:19|20)\d\d/|\d{4}-\d\d-\d\d")
_WORDS = re.compile(r"\w+")
# ASCII's non-word characters as spaces: an ASCII text's words are the runs its bytes split into
_ASCII_SPACES = bytes(i if re.fullmatch(r"\w", chr(i)) else 32 for i in range(256))


_METACHARS = re.compile(r"[\\()\[\]{}?*+.|^$]")


def _literal(alternative: str) -> str:
    """The text every match of a regex alternative starts with: its characters up to the
    first metacharacter, less the last one when a quantifier that allows none follows."""
    cut = _METACHARS.search(alternative)
    if cut is not None and cut.group() == "|":
        raise ValueError(f"{alternative!r} is more than one alternative")
    head = alternative if cut is None else alternative[:cut.start()]
    if cut is not None and cut.group() in "?*{":
        head = head[:-1]
    if not head:
        raise ValueError(f"{alternative!r} starts with no literal text")
    return head


@dataclass(frozen=True, slots=True)
class Phrases:
    """A pattern of alternatives and the literal texts its matches start with (`_literal`):
    `count` is `len(pattern.findall(text))`, the pattern tried only where a literal is
    (str.find), not at every place of a page's text."""

    pattern: re.Pattern[str]
    literals: tuple[str, ...]

    @classmethod
    def of(cls, pattern: str, alternatives: tuple[str, ...]) -> Phrases:
        found = {_literal(a) for a in alternatives}
        # a literal that starts with another is found where that one is
        return cls(re.compile(pattern), tuple(sorted(x for x in found if not any(
            x != y and x.startswith(y) for y in found))))

    def findall(self, text: str) -> list[Any]:
        return self.pattern.findall(text)

    def count(self, text: str) -> int:
        starts = []
        for literal in self.literals:
            at = text.find(literal)
            while at != -1:
                starts.append(at)
                at = text.find(literal, at + 1)
        n = end = 0
        match = self.pattern.match
        for at in sorted(starts):  # findall's scan: leftmost first, then from where a match ends
            if at >= end and (m := match(text, at)) is not None:  # (the pattern's look-behinds see text before `at`)
                n += 1
                end = m.end()
        return n


def _words(*alternatives: str) -> Phrases:
    """`\\b(?:alternative|...)\\b` for alternatives that start with a letter, written with
    each one's first letter ahead of the test for the word's start (`(?<!\\w.)`): the same
    matches, but the regex engine skips to the places where one of those letters is."""
    if not all(a[:1].isalpha() for a in alternatives):
        raise ValueError("each alternative must start with a letter")
    return Phrases.of("(?:" + "|".join(rf"{a[0]}(?<!\w.){a[1:]}" for a in alternatives) + r")\b", alternatives)


def _anywhere(*alternatives: str) -> Phrases:
    """The alternatives as one pattern, matched anywhere (inside words too)."""
    return Phrases.of("|".join(alternatives), alternatives)


# searched in the lower-cased text (as case-insensitive patterns, at a third of the cost)
_PHRASES_LOWER = {
    "cart": _anywhere("add to (?:cart|bag|basket)", "in stock", "out of stock", "free shipping", "quantity", r"sku\b"),
    "forum": _words("replies", "reply", "posts?:", "joined", "member since", "views", "quote", "thread", "upvote",
                    "likes?"),
    "more": _words("read more", "continue reading", "learn more", "view all", "see all", "load more", "next page"),
    "docs": _words("parameters?", "returns?", "example", "syntax", "install(?:ation)?", "configuration", "version"),
    "service": _words("contact us", "call us", "get a quote", "book (?:now|an appointment)", "our services",
                      "free consultation", "request a", "schedule"),
}
_BYLINE = _words("by [A-Z][a-z]+", "published", "updated", "min read", "posted on")
_PHRASE_NAMES = ("cart", "forum", "more", "docs", "service", "byline")
_HIDDEN = frozenset(("script", "style", "noscript"))
_REPEAT_PARENTS = ("ul", "ol", "div", "section", "tbody")
_TEXT_TAGS = frozenset(("p", "li", "a"))

FEATURES: tuple[str, ...] = (
    *(f"declared_{t}" for t in _DECLARED),
    *(f"url_{t}" for t in _URL_TOKENS),
    "url_depth", "url_date", "url_slug_words", "url_slug_len", "url_has_query", "url_html", "url_digits",
    "url_root",
    "og_article", "og_product", "og_website",
    *(f"n_{t}" for t in ("form", "input", "button", "select", "textarea", "code", "pre", "li", "ul", "ol", "a",
                         "p", "h1", "h2", "h3", "h4", "article", "time", "img", "table", "nav", "aside",
                         "section", "blockquote", "dl", "figure", "iframe", "video", "svg", "script")),
    *(f"cls_{t}" for t in _CLASS_TOKENS),
    "n_price", "text_words", "link_density", "p_words_mean", "p_long", "li_words_mean", "a_per_p",
    "headings_per_kw", "li_per_kw", "longest_p_words", "text_in_p", "max_sibling_repeat",
    *(f"phrase_{t}" for t in _PHRASE_NAMES),
)


@dataclass(frozen=True, slots=True)
class PageType:
    type: str
    score: float  # the model's probability of that type
    scores: dict[str, float]

    def to_metadata(self) -> dict[str, Any]:
        return {"type": self.type, "score": round(self.score, 3), "model": MODEL_NAME}


def _count_words(text: str) -> int:
    """len(_WORDS.findall(text)), an ASCII text's counted over its bytes."""
    if text.isascii():
        return len(text.encode().translate(_ASCII_SPACES).split())
    return len(_WORDS.findall(text))


def _log(n: float) -> float:
    return math.log1p(n)


def _declared(script: Any) -> list[str]:
    """The schema.org types a JSON-LD script declares."""
    if "ld+json" not in (script.get("type") or ""):
        return []
    types = [t.lower() for t in re.findall(r'"@type"\s*:\s*"([^"]+)"', script.text or "")]
    for group in re.findall(r'"@type"\s*:\s*\[([^\]]*)\]', script.text or ""):
        types += [t.lower() for t in re.findall(r'"([^"]+)"', group)]
    return types


def _texts(root: Any) -> tuple[list[str], list[int], list[int], int]:
    """One walk over `root` (lxml's iterwalk): its text nodes outside script, style and
    noscript in document order (what `.//text()[not(ancestor::script or …)]` selects), and
    what `itertext` gives of each <p>, <li> and <a>: the words of each paragraph and list
    item and the characters of the links (the text of each joined by spaces, stripped)."""
    visible: list[str] = []
    p_words: list[int] = []
    li_words: list[int] = []
    link_chars = 0
    hidden = 0
    open_: list[list[str]] = []  # the texts so far of each open p, li and a (itertext's: script's too)
    for action, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        element = isinstance(tag, str)
        if action == "start":
            if not element:  # a comment's text is no text; its tail comes at its end
                continue
            if tag in _TEXT_TAGS:
                open_.append([])
            text = el.text
            if tag in _HIDDEN:
                hidden += 1
            elif text and not hidden:
                visible.append(text)
            if text:
                for pieces in open_:
                    pieces.append(text)
            continue
        if element:
            if tag in _HIDDEN:
                hidden -= 1
            if tag in _TEXT_TAGS:
                joined = " ".join(open_.pop())
                if tag == "p":
                    p_words.append(_count_words(joined))
                elif tag == "li":
                    li_words.append(_count_words(joined))
                else:
                    link_chars += len(joined.strip())
        tail = el.tail
        if tail and el is not root:
            if not hidden:
                visible.append(tail)
            for pieces in open_:
                pieces.append(tail)
    return visible, p_words, li_words, link_chars


def page_features(tree: Any, url: str | None) -> list[float]:
    """The model's inputs for one parsed page (lxml HTML tree) and its URL, in FEATURES order."""
    f: dict[str, float] = {}
    parts = urlsplit(url or "")
    path = parts.path.lower()
    tokens = [t for t in re.split(r"[/\-_.]+", path) if t]
    segments = [s for s in path.split("/") if s]
    for group, names in _URL_TOKENS.items():
        f[f"url_{group}"] = float(sum(s in names for s in segments) + 0.5 * sum(t in names for t in tokens))
    slug = re.sub(r"\.\w+$", "", segments[-1]) if segments else ""
    f["url_depth"] = float(len(segments))
    f["url_date"] = float(bool(_DATEISH.search(path)))
    f["url_slug_words"] = float(len([w for w in re.split(r"[-_]+", slug) if w]))
    f["url_slug_len"] = float(len(slug))
    f["url_has_query"] = float(bool(parts.query))
    f["url_html"] = float(path.endswith((".html", ".htm", ".php", ".aspx")))
    f["url_digits"] = float(len(re.findall(r"\d+", path)))
    f["url_root"] = float(url is not None and not segments)
    og = ""
    counts: dict[str, int] = {}
    cls_counts = dict.fromkeys(_CLASS_TOKENS, 0)
    link_chars = 0
    p_words: list[int] = []
    li_words: list[int] = []
    texts: list[str] = []
    sibling_repeat = 0
    declared: list[str] = []
    if tree is not None:
        # one walk over the tree: tag counts, class/id tokens, what the page declares
        hits: dict[str, tuple[str, ...]] = {}  # class/id string -> the tokens in it (pages repeat a few strings)
        for el in tree.iter(etree.Element):
            tag = el.tag
            counts[tag] = counts.get(tag, 0) + 1
            itemtype = el.get("itemtype")
            if itemtype is not None and el is not tree:  # the model was trained on the root's descendants
                declared.append(itemtype.rsplit("/", 1)[-1].lower())
            if tag == "script" and el.get("type") is not None:
                declared += _declared(el)
            elif tag == "meta" and (el.get("property") or "").lower() == "og:type":
                og = (el.get("content") or "").lower()
            cls, ident = el.get("class"), el.get("id")
            if cls is not None or ident is not None:
                key = f"{cls or ''} {ident or ''}"
                found = hits.get(key)
                if found is None:
                    low = key.lower()
                    found = hits[key] = tuple(tok for tok in _CLASS_TOKENS if tok in low)
                for tok in found:
                    cls_counts[tok] += 1
        body = tree.find(".//body")
        root = body if body is not None else tree
        for el in root.iter(*_REPEAT_PARENTS):
            kids = [c.tag for c in el if isinstance(c.tag, str)]
            if len(kids) >= 3:
                sibling_repeat = max(sibling_repeat, max(kids.count(k) for k in set(kids)))
        visible, p_words, li_words, link_chars = _texts(root)
        texts = [t for t in visible if t.strip()]
    for group, names in _DECLARED.items():
        f[f"declared_{group}"] = float(sum(t in names for t in declared))
    text = " ".join(texts)
    text_chars = max(1, len(text))
    n_words = _count_words(text)
    n_price = len(_PRICE.findall(text)) if any(c in text for c in _CURRENCIES) else 0
    f["og_article"] = float("article" in og)
    f["og_product"] = float("product" in og)
    f["og_website"] = float(og == "website")
    for tag in ("form", "input", "button", "select", "textarea", "code", "pre", "li", "ul", "ol", "a", "p", "h1",
                "h2", "h3", "h4", "article", "time", "img", "table", "nav", "aside", "section", "blockquote",
                "dl", "figure", "iframe", "video", "svg", "script"):
        f[f"n_{tag}"] = _log(counts.get(tag, 0))
    for tok in _CLASS_TOKENS:
        f[f"cls_{tok}"] = _log(cls_counts[tok])
    kw = max(1.0, n_words / 1000)
    f["n_price"] = _log(n_price)
    f["text_words"] = _log(n_words)
    f["link_density"] = min(1.0, link_chars / text_chars)
    f["p_words_mean"] = sum(p_words) / len(p_words) if p_words else 0.0
    f["p_long"] = _log(sum(n >= 40 for n in p_words))
    f["li_words_mean"] = sum(li_words) / len(li_words) if li_words else 0.0
    f["a_per_p"] = counts.get("a", 0) / max(1, counts.get("p", 0))
    f["headings_per_kw"] = sum(counts.get(h, 0) for h in ("h2", "h3", "h4")) / kw
    f["li_per_kw"] = counts.get("li", 0) / kw
    f["longest_p_words"] = _log(max(p_words, default=0))
    f["text_in_p"] = min(1.0, sum(p_words) / max(1, n_words))
    f["max_sibling_repeat"] = _log(sibling_repeat)
    lower = text.lower()
    for name, phrases in _PHRASES_LOWER.items():
        f[f"phrase_{name}"] = _log(phrases.count(lower))
    f["phrase_byline"] = _log(_BYLINE.count(text))
    return [f[name] for name in FEATURES]


def _model() -> tuple[Any, dict[str, Any]]:
    return models.trained_on("pagetype", FEATURES, "python -m ascurate.models.train_pagetype")


def reject_threshold() -> float:
    """A page is rejected when a non-article type has at least this probability (model card)."""
    return float(_model()[1]["reject_threshold"])


def classify(tree: Any, url: str | None) -> PageType:
    """The page's type and the model's probability for it."""
    booster, card = _model()
    probs = booster.predict([page_features(tree, url)], num_threads=1)[0]
    scores = {t: float(p) for t, p in zip(card["classes"], probs, strict=True)}
    best = max(scores, key=scores.__getitem__)
    return PageType(best, scores[best], scores)


def rejection(page: PageType) -> str | None:
    """The reject reason for a page that is not an article (None: keep it)."""
    if page.type != "article" and page.score >= reject_threshold():
        return f"page type: {page.type} ({page.score:.2f})"
    return None
