"""Held-out furniture under meaningless class names (bench/furniture.py): a cookie banner,
a share line, a newsletter box, a related list and a comment form, worded as in no rule
file or training corpus, planted into real articles, mostly go and the article stays."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import furniture  # noqa: E402


@pytest.fixture(scope="module")
def result(corpus):
    return furniture.run("health-dev", 8, 19)


def test_planted_furniture_mostly_goes(result):
    assert result["pages"] == 8
    assert result["leak"] <= 0.15, result["kinds"]
    share = result["kinds"]["share"]
    assert share[1] <= share[0] // 2, result["kinds"]


def test_the_article_stays_whole(result):
    (_p0, r0), (_p1, r1) = result["before"], result["after"]
    assert r1 >= r0 - 0.02


def test_planting_puts_each_kind_in_the_page(corpus):
    import json
    import random

    gold = json.loads((corpus / "health-dev" / "readability-webmd-1.gold.json").read_text(encoding="utf-8"))
    page = (corpus / "health-dev" / gold["source"]).read_text(encoding="utf-8")
    planted = furniture.plant(page, gold["main_content"], random.Random(1))
    assert planted is not None
    html, chosen = planted
    assert set(chosen) == set(furniture.VARIANTS)
    for lines in chosen.values():
        assert all(line.replace("&", "&amp;") in html or line in html for line in lines)
