"""Page type: is this page an article, or a forum thread, product page, listing,
collection, documentation or service page? Editors are sent articles only, so a page
the model calls something else is `rejected` with the type and its score (its text
is still written).

The model is a LightGBM text file in `ascurate/models/` (`pagetype-v3.txt`, card
`pagetype-v3.json`), trained by `python -m ascurate.models.train_pagetype` on the raw
HTML and URL of the corpora's pages: what the page declares (schema.org @type,
og:type), its URL path, counts that tell templates apart (forms, prices, code, list
items, links, headings, article/time tags, text length) and its layout (`_layout`:
repeated records, the article's run of prose, pagination, calls to action).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .. import models

MODEL_NAME = "pagetype-v3"
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
# what the page's layout says (`_layout`): records, prose, pagination, calls to action
LAYOUT = ("records_share", "records_size", "records_heading", "records_chars", "records_dated", "records_groups",
          "records_all_share", "linked_headings", "linked_heading_share", "title_prose", "prose_paragraphs",
          "prose_share", "page_numbers", "rel_next", "repeated_link_texts", "link_text_repeat", "tel_mailto",
          "contact_inputs", "tabs", "dates", "records_link")
_HIDDEN = frozenset(("script", "style", "noscript"))
_REPEAT_PARENTS = ("ul", "ol", "div", "section", "tbody")
_TEXT_TAGS = frozenset(("p", "li", "a"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CHROME = frozenset(("nav", "header", "footer", "aside"))  # the site's, not the page's: no records there
# a record is a block element, not a paragraph or an inline one (a paragraph with a link is prose)
_RECORD_TAGS = frozenset(("li", "div", "article", "section", "tr", "dt", "dd", "td", "figure", "aside", "header"))
_DATES = re.compile(r"\b(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}\.? ?[A-Za-z\u00e0-\u00fc]{3,9}\.? \d{4}"
                    r"|[A-Za-z\u00e0-\u00fc]{3,9}\.? \d{1,2}, \d{4})\b")
_PAGE_NUMBER = re.compile(r"\d{1,3}")

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
    *LAYOUT,
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


def _sizes(root: Any) -> tuple[dict[Any, list[int]], set[Any]]:
    """One walk over `root`: for each element, the visible characters (stripped text
    nodes), links, headings and link characters inside it; and the elements inside the
    page's chrome (nav, header, footer, aside)."""
    size: dict[Any, list[int]] = {}
    chrome: set[Any] = set()
    stack: list[list[int]] = [[0, 0, 0, 0]]
    hidden = in_link = in_chrome = 0
    for action, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if action == "start":
            if tag.__class__ is not str:  # a comment: its tail comes at its end
                continue
            in_chrome += tag in _CHROME
            if in_chrome:
                chrome.add(el)
            hidden += tag in _HIDDEN
            is_link = tag == "a"
            in_link += is_link
            text = el.text
            n = len(text.strip()) if text and not hidden else 0
            stack.append([n, int(is_link), int(tag in _HEADINGS), n if in_link else 0])
            continue
        if tag.__class__ is str:
            acc = stack.pop()
            hidden -= tag in _HIDDEN
            in_chrome -= tag in _CHROME
            in_link -= tag == "a"
            size[el] = acc
            top = stack[-1]
            top[0] += acc[0]
            top[1] += acc[1]
            top[2] += acc[2]
            top[3] += acc[3]
        tail = el.tail
        if tail and not hidden and el is not root:
            n = len(tail.strip())
            top = stack[-1]
            top[0] += n
            if in_link:
                top[3] += n
    return size, chrome


def _kind_of(classes: str | None) -> str:
    """What a record's class names say it is: the first with no digit ("entry" of "entry
    hentry tag-ai article-index-1"; records carry their own numbers and tags)."""
    return next((c for c in (classes or "").split() if not any(ch.isdigit() for ch in c)), "")


def _layout(root: Any, text: str) -> dict[str, float]:
    """What the page's layout says about its type (issue 19: listings and service pages
    were called articles). Records: the children of one parent with one tag and kind of
    class (`_kind_of`; block elements, not paragraphs), at least three of them each
    holding a link and some text, none holding half the group's text, outside the
    page's nav, header, footer and aside (a listing's teasers, a shop's cards; not the
    page's columns or its menus); the largest group by text, its
    share of the page, its size, how many of its records hold a heading or a date, their
    length and link share. Prose: the words of the paragraphs after the title heading
    (its first `<h1>` with text, else `<h2>`) before the first heading that is a link (a
    teaser's title), and the parent with the most long paragraphs (an article's body).
    Links whose text is a page number, `rel=next`, the same link text three times or
    more ("Read more"), tel: and mailto: links, contact inputs, tabs; dates in the text."""
    size, chrome = _sizes(root)
    contact = int(root.xpath("count(.//input[translate(@type, 'EMAILT', 'emailt') = 'email' or "
                             "translate(@type, 'EMAILT', 'emailt') = 'tel'])"))
    tabs = int(root.xpath("count(.//*[@role = 'tab' or @role = 'tablist'])"))
    total = max(1, size[root][0])
    best: list[Any] = []
    best_chars = groups = 0
    members: set[Any] = set()
    prose_n = prose_chars = 0
    for parent, (chars, _, _, _) in size.items():
        if chars < 60:
            continue
        kids = [c for c in parent if isinstance(c.tag, str)]
        if len(kids) < 3 or parent in chrome:
            continue
        long_p = [size[c][0] for c in kids if c.tag == "p" and size[c][0] >= 80]
        if len(long_p) > prose_n:
            prose_n, prose_chars = len(long_p), sum(long_p)
        by_sig: dict[tuple[str, str], list[Any]] = {}
        for c in kids:
            if c.tag in _RECORD_TAGS:
                by_sig.setdefault((c.tag, _kind_of(c.get("class"))), []).append(c)
        for group in by_sig.values():
            linked = [m for m in group if size[m][1] and size[m][0] >= 20]
            if len(linked) < 3:
                continue
            got = sum(size[m][0] for m in linked)
            if max(size[m][0] for m in linked) * 2 > got:
                continue
            groups += 1
            members.update(linked)
            if got > best_chars:
                best, best_chars = linked, got
    outer = sum(size[m][0] for m in members if not any(a in members for a in m.iterancestors()))
    f: dict[str, float] = dict.fromkeys(LAYOUT, 0.0)
    if best:
        f["records_share"] = min(1.0, best_chars / total)
        f["records_size"] = _log(len(best))
        f["records_heading"] = sum(size[m][2] > 0 for m in best) / len(best)
        f["records_chars"] = _log(best_chars / len(best))
        f["records_link"] = sum(size[m][3] for m in best) / max(1, best_chars)
        sample = best[:100]
        f["records_dated"] = sum(m.find(".//time") is not None or _DATES.search(" ".join(m.itertext())) is not None
                                 for m in sample) / len(sample)
    f["records_groups"] = _log(groups)
    f["records_all_share"] = min(1.0, outer / total)
    heads = [h for h in size if h.tag in _HEADINGS and size[h][0]]
    linked_heads = sum(size[h][1] > 0 for h in heads)
    f["linked_headings"] = _log(linked_heads)
    f["linked_heading_share"] = linked_heads / len(heads) if heads else 0.0
    title = next((h for h in heads if h.tag == "h1"), None)
    if title is None:
        title = next((h for h in heads if h.tag == "h2"), None)
    words, after = 0, False
    for el in root.iter("p", *_HEADINGS):
        if not after:
            after = el is title
        elif el.tag == "p":
            words += _count_words(" ".join(el.itertext()))
        elif size[el][1] or words >= 2000:  # a heading that is a link: the teasers start
            break
    f["title_prose"] = _log(words)
    f["prose_paragraphs"] = _log(prose_n)
    f["prose_share"] = min(1.0, prose_chars / total)
    texts: dict[str, int] = {}
    numbers = rel_next = calls = 0
    for a in root.iter("a"):
        label = " ".join("".join(a.itertext()).split()).lower()
        if _PAGE_NUMBER.fullmatch(label):
            numbers += 1
        elif len(label) > 3:
            texts[label] = texts.get(label, 0) + 1
        rel_next += "next" in (a.get("rel") or "").lower()
        calls += (a.get("href") or "").lower().startswith(("tel:", "mailto:"))
    f["page_numbers"] = _log(numbers)
    f["rel_next"] = float(rel_next > 0)
    f["repeated_link_texts"] = _log(sum(n >= 3 for n in texts.values()))
    f["link_text_repeat"] = _log(max(texts.values(), default=0))
    f["tel_mailto"] = _log(calls)
    f["contact_inputs"] = _log(contact)
    f["tabs"] = _log(tabs)
    f["dates"] = _log(len(_DATES.findall(text)))
    return f


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
    f.update(_layout(root, text) if tree is not None else dict.fromkeys(LAYOUT, 0.0))
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
