"""off_topic's two limits learned or calibrated on the article, on real articles' own text
(health-dev and wcxb-dev corpora): a passage on a neighbouring health subject in a health
article is not off topic though it shares none of the article's words (`care-lift`), and
in an article whose every paragraph brings its own words a low cover is no outlier."""

from __future__ import annotations

import json
from pathlib import Path

from ascurate import models
from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.flags.topic import _talks_of_care
from ascurate.model import Block, join_blocks

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CFG = load_config("/nonexistent/ascurate.toml")


def blocks_of(gold: Path) -> list[Block]:
    d = json.loads(gold.read_text(encoding="utf-8"))
    return [Block("paragraph", ln.strip()) for ln in d["main_content"].split("\n") if ln.strip()]


HEALTH = blocks_of(CORPUS / "health-dev" / "wcxb-1087.gold.json")  # a hospital's mental-health services page
HEAT = ("Staying hydrated during hot weather matters for older adults, who may not feel thirsty until they are "
        "already dehydrated and dizzy.")
COVER = ("Some employers offer private cover that pays for physiotherapy and counselling sessions as part of the "
         "benefits package for their staff.")
INSURERS = ("Private insurers often refuse cover for pre-existing conditions, or charge a higher premium once you "
            "declare them on the application.")
ROADS = ("The council will resurface the high street next month, so expect diversions for buses, taxis and delivery "
         "vans until the end of the summer.")


def topic_quotes(blocks: list[Block]) -> list[str]:
    return [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "off_topic"]


def after_first(host: list[Block], text: str) -> list[Block]:
    return [host[0], Block("paragraph", text), *host[1:]]


def test_a_neighbouring_health_subject_is_not_off_topic_in_a_health_article():
    """None of the three shares the article's rare words (each was flagged on words alone);
    their words go with talk of health in the corpora (the insurers' with one care word,
    "conditions"), a road works notice's do not."""
    assert topic_quotes(HEALTH) == []
    assert topic_quotes(after_first(HEALTH, HEAT)) == []
    assert topic_quotes(after_first(HEALTH, COVER)) == []
    assert topic_quotes(after_first(HEALTH, INSURERS)) == []
    assert topic_quotes(after_first(HEALTH, ROADS)) == [ROADS]


def test_the_care_lift_is_learned_data_for_english_only():
    card = models.card("care-lift")
    lifts = card["lifts"]["en"]
    assert lifts["sympto"] > 2.0 and lifts["sleep"] > 1.0 and lifts["mortga"] < 0.5 and lifts.get("ferry", 0.0) < 0.5
    assert set(card["lifts"]) == {"en"}  # too little German, French or Spanish text in the corpora
    assert _talks_of_care(["sleep", "adults", "weight", "colds"], 0, "en")
    assert not _talks_of_care(["sleep", "adults", "weight", "colds"], 0, "de")


COFFEE = blocks_of(CORPUS / "wcxb-dev" / "wcxb-0463.gold.json")  # four paragraphs on an 18th-century treatise
DONATION = ("The PDR is a non-profit project kept alive by reader donations – no ads, no paywalls, just the generosity "
            "of our community. It’s a really exciting model, but we need your help to keep it thriving. Visit our "
            "support page to become a Friend and receive our themed postcard packs. Or give a one-off donation. Already "
            "a supporter? A huge thank you for making all this possible.")


def test_in_an_article_whose_paragraphs_each_bring_their_own_words_a_low_cover_is_no_outlier():
    """The page's donation appeal (kept by extraction, not in the gold text) shares 5% of its
    rare words with the essay, whose other paragraphs share 15% (median): a third of the
    article's own cover, no outlier. A road works notice shares none: still one."""
    assert topic_quotes([*COFFEE, Block("paragraph", DONATION)]) == []
    assert topic_quotes([*COFFEE, Block("paragraph", ROADS)]) == [ROADS]
