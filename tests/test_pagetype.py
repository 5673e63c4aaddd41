"""Page type (clean/pagetype.py): the shipped model on real corpus pages."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from ascurate.clean import pagetype
from ascurate.config import load_config
from ascurate.extract import load_html
from ascurate.pipeline import curate_document

from .corpus_pages import CORPUS, document

CFG = load_config("/nonexistent/ascurate.toml")
LISTING = "wcxb-0082"  # nssa.stanford.edu/news: a list of news teasers
HEALTH = sorted(p.name.split(".")[0] for p in (CORPUS / "health-dev").glob("*.gold.json")
                if json.loads(p.read_text(encoding="utf-8")).get("page_type", "article") == "article")


def test_the_card_describes_the_model():
    card = json.loads((resources.files("ascurate.models") / f"{pagetype.MODEL_NAME}.json").read_text())
    assert card["version"] == pagetype.MODEL_NAME and card["features"] == list(pagetype.FEATURES)
    assert card["classes"] == list(pagetype.TYPES) and 0.3 <= card["reject_threshold"] < 1
    assert card["cv"]["grouped_by"] == "site"


@pytest.mark.parametrize("name", HEALTH)
def test_health_articles_are_not_rejected(name):  # (health-dev also holds a forum and a service page)
    doc, _ = document("health-dev", name)
    kind = pagetype.classify(load_html(doc.content), doc.url)
    assert pagetype.rejection(kind) is None, (kind.type, kind.score)
    assert abs(sum(kind.scores.values()) - 1) < 1e-6


def test_a_listing_page_is_rejected_with_its_text_written():
    doc, _ = document("wcxb-dev", LISTING)
    art = curate_document(doc, CFG)
    out = art.to_dict()
    assert out["page_type"] == "listing" and out["metadata"]["page_type"]["type"] == "listing"
    assert art.status == "rejected" and art.reject_reason.startswith("page type: listing (")
    assert art.text.strip()


def test_an_article_records_its_type():
    doc, _ = document("health-dev", "wcxb-0027")
    art = curate_document(doc, CFG)
    assert art.to_dict()["page_type"] == "article" and art.status != "rejected"
    meta = art.metadata["page_type"]
    assert meta["model"] == pagetype.MODEL_NAME and 0 < meta["score"] <= 1

