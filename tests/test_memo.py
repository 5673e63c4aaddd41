"""Reuse within a worker (memo.py): a reused result must be exactly what curating again gives."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate import memo
from ascurate.emit import article_json
from ascurate.model import Article, Document
from ascurate.pipeline import curate_document


@pytest.fixture
def page(corpus) -> str:
    return (corpus / "health-dev" / "readability-medicalnewstoday.html").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def empty_memo():
    memo.clear()
    yield
    memo.clear()


def published(art: Article) -> tuple[str, list[int] | None]:
    """What is written for an article, and its MinHash (kept for dedup, not written)."""
    return article_json(art), art.minhash.sig.tolist() if art.minhash is not None else None


def fresh(doc: Document, cfg) -> tuple[str, list[int] | None]:
    memo.clear()  # nothing kept: pages, articles, block outcomes, language answers
    return published(curate_document(doc, cfg))


def test_page_differing_in_a_comment_is_reused_as_its_own_article(page, cfg):
    a = Document("a.html", page, "html", "1" * 64)
    b = Document("b.html", page.replace("<body", "<!-- cache 42 --><body", 1), "html", "2" * 64)
    first = curate_document(a, cfg)
    hits = memo.PAGES.hits
    second = curate_document(b, cfg)
    assert memo.PAGES.hits == hits + 1
    assert second.id != first.id and second.source["path"] == "b.html" and second.source["sha256"] == "2" * 64
    assert second.text == first.text and second.flags == first.flags
    assert published(second) == fresh(b, cfg)


def test_same_article_behind_other_furniture_reuses_the_annotation_not_the_removals(page, cfg):
    a = Document("a.html", page, "html", "1" * 64)
    at = page.index("<p>", page.index("<article"))
    extra = "<p>Share this article: Facebook Twitter Email Print</p>"
    b = Document("b.html", page[:at] + extra + page[at:], "html", "2" * 64)
    first = curate_document(a, cfg)
    second = curate_document(b, cfg)
    assert memo.PAGES.hits == 0 and memo.TEXTS.hits == 1
    assert second.text == first.text
    assert [r.reason for r in second.removed if "Share this" in r.text] == ["furniture.share"]
    assert not any("Share this" in r.text for r in first.removed)
    assert published(second) == fresh(b, cfg)


def test_a_kept_result_cannot_be_changed_by_its_caller(page, cfg):
    doc = Document("a.html", page, "html", "1" * 64)
    first = curate_document(doc, cfg)
    first.text, first.flags = "changed", []
    again = curate_document(doc, cfg)
    assert again.text != "changed" and published(again) == fresh(doc, cfg)


def test_other_settings_are_another_key(page, cfg):
    doc = Document("a.html", page, "html", "1" * 64)
    curate_document(doc, cfg)
    other = dataclasses.replace(cfg, min_words=10_000)
    art = curate_document(doc, other)
    assert memo.PAGES.hits == 0 and art.status == "rejected"


def test_the_cache_is_bounded_in_bytes():
    lru = memo.LRU(max_bytes=10_000)
    for i in range(50):
        lru.put(i.to_bytes(4, "little"), "x" * 1_000)
    assert lru.size <= 10_000 and len(lru.items) < 50
    assert lru.get((49).to_bytes(4, "little")) == "x" * 1_000 and lru.get((0).to_bytes(4, "little")) is None
