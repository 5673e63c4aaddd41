"""The boilerplate model: its shipped file and card, the features it reads from a page,
and what it removes from a page with furniture under meaningless class names."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ascurate import models
from ascurate.clean import boilerplate, clean
from ascurate.config import load_config
from ascurate.extract import extract_html, load_html
from ascurate.extract.segments import dom_index, locate, norm
from ascurate.model import join_blocks

ARTICLE = [
    "Gout is a common form of inflammatory arthritis that causes sudden attacks of severe pain, swelling "
    "and redness in one or more joints, most often the joint at the base of the big toe.",
    "It happens when urate crystals build up in a joint. Urate crystals can form when there are high levels "
    "of uric acid in the blood, which the body makes when it breaks down purines found in some foods.",
    "Treatment usually combines medicines that ease the pain of an attack with medicines that lower uric "
    "acid over months, along with changes such as drinking less alcohol and fewer sugary drinks.",
    "People who have had one attack often have another within a year, so it is worth talking to a doctor "
    "about long-term treatment even when the first attack has passed and the joint feels normal again.",
]
FURNITURE = [
    "We use cookies to improve your experience. By continuing you accept our use of cookies. Accept all",
    "Share this article on social media: Facebook | X | Pinterest | WhatsApp | Email",
    "Sign up for our weekly health newsletter. Enter your email address. Subscribe",
    "Leave a reply. Your email address will not be published. Required fields are marked *",
    "You may also like: 10 foods that lower uric acid · Is coffee good for your joints? · Living with arthritis",
]


def _page() -> str:
    body = "".join(f"<p>{t}</p>" for t in ARTICLE)
    junk = "".join(f'<div class="x{i}k"><span>{t}</span></div>' for i, t in enumerate(FURNITURE))
    return (f"<html><head><title>Gout: causes and treatment</title></head><body><div class='q1'>{junk[:300]}</div>"
            f"<div class='zz'><h1>Gout: causes and treatment</h1>{body}</div><div class='q2'>{junk}</div>"
            "</body></html>")


def test_the_card_names_the_shipped_model():
    card = models.card("boilerplate")
    assert models.MODEL_VERSIONS["boilerplate"] == f"boilerplate-v{card['version']}"
    columns = [c for c in boilerplate.MODEL_FEATURES if c in card["features"]]
    assert card["features"] == columns  # the columns it reads, in the order extraction gives them
    assert 0 < card["threshold"] < 1
    assert card["cross_validation"]["grouped_by"] == "site"
    assert models.booster("boilerplate").num_feature() == len(card["features"])
    assert (models.HERE / card["file"]).read_text(encoding="utf-8").startswith("tree")  # LightGBM's text format


def test_features_read_the_blocks_place_in_the_page():
    page = """<html><body><nav class="main-menu"><ul><li><a href="/a">Home</a></li><li><a href="/b">Health A-Z</a>
    </li></ul></nav><article><p>Gout is a form of arthritis that causes sudden, severe joint pain in the big toe.</p>
    </article><div class="share-buttons"><p><a href="#">Share on Facebook</a></p></div>
    <footer><p>Copyright 2024 Example Health. All rights reserved.</p></footer></body></html>"""
    tree = load_html(page)
    from ascurate.model import Block

    blocks = [Block("list_item", "Home"), Block("paragraph", "Gout is a form of arthritis that causes sudden, "
              "severe joint pain in the big toe."), Block("paragraph", "Share on Facebook"),
              Block("paragraph", "Copyright 2024 Example Health. All rights reserved.")]
    rows = boilerplate.features(blocks, [False, True, False, False], locate(dom_index(tree), blocks), False)
    f = {name: rows[:, i] for i, name in enumerate(boilerplate.FEATURES)}
    assert f["found"].tolist() == [1, 1, 1, 1]
    assert f["in_nav"].tolist() == [1, 0, 0, 0]
    assert f["in_article"].tolist() == [0, 1, 0, 0]
    assert f["near_share"].tolist() == [0, 0, 1, 0]
    assert f["in_footer"].tolist() == [0, 0, 0, 1]
    assert f["copyright"].tolist() == [0, 0, 0, 1]
    assert f["link_density"][0] == 1 and f["link_density"][1] == 0
    assert list(f["dom_position"]) == sorted(f["dom_position"])
    assert f["in_precise"].tolist() == [0, 1, 0, 0]


def test_no_rows_no_model_no_removals():
    assert boilerplate.judge(None) == {}
    assert boilerplate.judge(np.zeros((0, len(boilerplate.FEATURES)), dtype=np.float32)) == {}


@pytest.fixture(scope="module")
def cleaned_page():
    page = _page()
    ex = extract_html(page)
    drops = boilerplate.judge(ex.features, blocks=ex.blocks)
    return page, ex, drops, clean(ex.blocks, load_config(Path("/nonexistent/ascurate.toml")), ex.title, (), drops)


def test_furniture_under_meaningless_class_names_goes(cleaned_page):
    """The issue's new-user check: furniture in divs named x0k, q2... around a real
    article. The article stays whole; most of the furniture goes, each removal named."""
    page, ex, drops, out = cleaned_page
    text = join_blocks(out.blocks)
    for paragraph in ARTICLE:
        assert paragraph in text
    gone = [f for f in FURNITURE if f[:30] not in text]
    assert len(gone) >= 4, [f for f in FURNITURE if f not in gone]
    model = [r for r in out.removed if r.reason == boilerplate.RULE]
    assert model, out.removed
    threshold = models.card("boilerplate")["threshold"]
    for r in model:
        assert r.score is not None and r.score < threshold
        assert r.text in ex.blocks[r.block].text


def test_text_holds_only_characters_of_the_input(cleaned_page):
    page, _ex, _drops, out = cleaned_page
    flat = norm(page)
    for block in out.blocks:
        assert norm(block.text) in flat



def test_blocks_under_the_threshold_go_with_their_score():
    rows = np.zeros((3, len(boilerplate.FEATURES)), dtype=np.float32)
    assert boilerplate.decide(rows, np.array([0.2, 0.9, 0.1]), 0.6) == {0: 0.2, 2: 0.1}


TEASERS = ["United Airlines cracks down on the hidden-city ticket trick",
           "Skiplagging: the risky travel hack that leads to airline bans",
           "What is skiplagging? The cheap travel hack airlines dislike"]


def test_a_list_of_links_most_of_which_go_goes_as_a_whole():
    """Three short link paragraphs in a row are one run: when the model removes two, the
    third goes at the best removed score; a run it mostly keeps, and the body, stay as judged."""
    from ascurate.model import Block

    links = "".join(f'<p><a href="/r{i}">{t}</a> by Traveler</p>' for i, t in enumerate(TEASERS))
    page = f"<html><body><article>{''.join(f'<p>{t}</p>' for t in ARTICLE)}{links}</article></body></html>"
    blocks = [Block("paragraph", t) for t in ARTICLE] + [Block("paragraph", f"{t} by Traveler") for t in TEASERS]
    index = dom_index(load_html(page))
    rows = boilerplate.features(blocks, [True] * len(blocks), locate(index, blocks), False, boilerplate.Memo(), index)
    assert boilerplate.link_runs(rows) == [[4, 5, 6]]
    body = [0.9, 0.95, 0.9, 0.9]
    assert boilerplate.decide(rows, np.array([*body, 0.65, 0.59, 0.53]), 0.6) == {4: 0.59, 5: 0.59, 6: 0.53}
    assert boilerplate.decide(rows, np.array([*body, 0.65, 0.61, 0.53]), 0.6) == {6: 0.53}
    assert boilerplate.decide(rows, np.array([0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9]), 0.6) == {0: 0.5, 1: 0.5, 2: 0.5}
    apart = rows[[4, 0, 5, 6]]  # a body paragraph between them: two links are no run
    assert boilerplate.link_runs(apart) == []


def test_text_features_are_kept_per_text_type_and_level():
    """A block's text features are kept per worker: the same text as another type or level
    is another row, and a kept row is the one computed afresh."""
    from ascurate.model import Block

    heading, paragraph = Block("heading", "Overview of treatment", 2), Block("paragraph", "Overview of treatment")
    rows = [boilerplate.text_features(b) for b in (heading, paragraph, Block("heading", "Overview of treatment", 3))]
    assert len(set(rows)) == 3
    boilerplate._text_features.cache_clear()
    assert boilerplate.text_features(heading) == rows[0] and boilerplate.text_features(paragraph) == rows[1]
    names = boilerplate.TEXT_NAMES
    assert rows[0][names.index("type_heading")] == 1.0 and rows[1][names.index("type_paragraph")] == 1.0
    assert rows[0][names.index("heading_level")] == 2.0 and rows[2][names.index("heading_level")] == 3.0


LISTING = """<html><body><nav class="m"><a href="/">Home</a> <a href="/shop">Shop</a></nav>
<h1>Knee braces</h1><div class="grid">
<div class="card"><h3>Hinged knee brace</h3><p>Adjustable hinges keep the knee stable after a sprain or surgery.</p></div>
<div class="card"><h3>Compression sleeve</h3><p>A light sleeve that warms the joint and eases mild arthritis pain.</p></div>
<div class="card"><h3>Patella strap</h3><p>A strap under the kneecap that eases runner's knee and tendon pain.</p></div>
</div><footer><p>Copyright 2024 Example Shop</p></footer></body></html>"""


def test_context_columns_read_records_runs_and_coverage():
    """A listing's cards are records (three div.card under one grid), each card's blocks a
    run under one parent; the lone heading and the footer are not records."""
    from ascurate.model import Block

    texts = ["Knee braces", "Hinged knee brace", "Adjustable hinges keep the knee stable after a sprain or surgery.",
             "Compression sleeve", "A light sleeve that warms the joint and eases mild arthritis pain.",
             "Copyright 2024 Example Shop"]
    blocks = [Block("heading" if len(t) < 20 else "paragraph", t) for t in texts]
    index = dom_index(load_html(LISTING))
    rows = boilerplate.features(blocks, [True, True, True, False, False, False], locate(index, blocks), False,
                                boilerplate.Memo(), index)
    assert rows.shape == (6, len(boilerplate.FEATURES))
    f = {name: rows[:, i] for i, name in enumerate(boilerplate.FEATURES)}
    assert f["item_level"].tolist() == [0, 2, 2, 2, 2, 0]  # the <h3>/<p> sit one level under a card
    assert f["item_repeat"][1] == np.float32(np.log1p(3))
    assert f["parent_run"][1] == f["parent_run"][2] == np.float32(np.log1p(2))
    assert 0 < f["block_share"].sum() < 1 and abs(f["words_share"].sum() - 1) < 1e-5
    assert 0 < f["page_precise_kept"][0] < f["page_kept"][0] < 1
    assert f["kept_parent"][1] == 1  # the first card is all candidates
    assert f["window_precise"][0] == 1 and f["window_precise"][5] == 0
    assert f["rel_log_chars"].max() == 0 and f["rel_log_chars"][1] < 0  # against the page's longest block
    without = boilerplate.features(blocks, [True] * 6, locate(index, blocks), False)  # no page index
    g = {name: without[:, i] for i, name in enumerate(boilerplate.FEATURES)}
    assert (g["page_kept"] == -1).all() and (g["item_level"] == -1).all() and (g["window_precise"] == 1).all()


def test_the_model_reads_the_page_type_and_only_its_cards_columns():
    rows = np.arange(2 * len(boilerplate.FEATURES), dtype=np.float32).reshape(2, -1)
    full = boilerplate.model_rows(rows, [0.7, 0.1, 0, 0, 0.2, 0, 0], boilerplate.TYPE_NAMES)
    assert full.shape == (2, len(boilerplate.TYPE_NAMES))
    assert full[1, boilerplate.TYPE_NAMES.index("page_article")] == np.float32(0.7)
    unknown = boilerplate.model_rows(rows, None, boilerplate.TYPE_NAMES)
    assert (unknown == 0).all()
    worded = boilerplate.model_rows(rows, None, ["lexical"], np.array([0.1, 0.9]))
    assert worded[:, 0].tolist() == [np.float32(0.1), np.float32(0.9)]
    fewer = boilerplate.model_rows(rows, None, ["log_chars", "page_forum", "depth"])
    assert fewer[0].tolist() == [rows[0, 0], 0, rows[0, boilerplate.FEATURES.index("depth")]]


def test_words_columns_read_likeness_to_the_kept_text_and_sections():
    """A paragraph of the article is like the rest of what the precise pass kept; a promotion
    after it, under its own heading, is not (nor is its section); a list whose items all
    were kept is a run kept whole."""
    from ascurate.model import Block

    blocks = [Block("heading", "Gout: causes and treatment", 1), *(Block("paragraph", t) for t in ARTICLE[:2]),
              Block("heading", "Treatment", 2), *(Block("paragraph", t) for t in ARTICLE[2:]),
              Block("list_item", "Drink less alcohol"), Block("list_item", "Eat fewer purines"),
              Block("heading", "Our partners", 2), Block("paragraph", FURNITURE[2])]
    kept = [True] * 9 + [False]
    rows = np.zeros((len(blocks), len(boilerplate.FEATURES)), dtype=np.float32)
    rows[:, boilerplate.FEATURES.index("in_precise")] = kept
    found = boilerplate.page_words(blocks, rows)
    assert found.shape == (len(blocks), len(boilerplate.WORDS_NAMES))
    f = {name: found[:, i] for i, name in enumerate(boilerplate.WORDS_NAMES)}
    assert min(f["body_similarity"][[1, 2, 4, 5]]) > 2 * f["body_similarity"][9]
    assert f["shared_words"][4] > f["shared_words"][9]
    assert f["section_precise"][1] == 1 and f["section_precise"][9] < 0.5
    assert f["section_place"].tolist() == [0] * 3 + [0.5] * 5 + [1, 1]
    assert f["section_similarity"][9] < 0.1 < f["section_similarity"][1]
    assert f["run_precise"][6] == f["run_precise"][7] == 1 and f["run_length"][6] == np.float32(np.log1p(2))
    full = boilerplate.model_rows(rows, None, boilerplate.MODEL_FEATURES, blocks=blocks)
    at = boilerplate.MODEL_FEATURES.index("body_similarity")
    assert (full[:, at:at + len(boilerplate.WORDS_NAMES)] == found).all()
    with pytest.raises(ValueError):
        boilerplate.model_rows(rows, None, boilerplate.MODEL_FEATURES)


def test_every_page_weighs_the_same_in_training():
    """score.py averages pages: a listing's 300 cards weigh what an article's 4 paragraphs do,
    and inside a page a long block still weighs more than a short one."""
    from ascurate.model import Block
    from ascurate.models import train

    article = [Block("paragraph", t) for t in ARTICLE]
    listing = [Block("list_item", f"Card {i}: a knee brace that eases pain") for i in range(300)]
    a, b = train.page_weights(article), train.page_weights(listing)
    assert abs(a.sum() - train.PAGE_WEIGHT) < 1e-3 and abs(b.sum() - train.PAGE_WEIGHT) < 1e-3
    short = train.page_weights([Block("paragraph", "Share"), article[0]])
    assert short[0] < short[1]


def test_rows_computed_again_from_the_candidates_are_extractions(corpus):
    """The trainer featurises cached candidates again when the feature set changes
    (`train.refeaturise`): from the blocks, the precise pass's marks and a fresh parse of
    the page, the rows must be the ones extraction gives."""
    from ascurate.models import train

    page = (corpus / "health-dev" / "readability-webmd-1.html").read_text(encoding="utf-8")
    ex = extract_html(page)
    index = dom_index(load_html(page))
    precise, wide = train.PAGE_NAMES_AT
    again = boilerplate.features(ex.blocks, [bool(r[precise]) for r in ex.features], locate(index, ex.blocks),
                                 bool(ex.features[0][wide]), boilerplate.Memo(), index)
    assert again.shape == ex.features.shape and (again == ex.features).all()


def test_error_analysis_gives_what_the_model_keeps_to_its_place(corpus):
    """bench/boilerplate_cv.py --errors on a real health page whose model keeps every
    candidate: every unlabelled candidate's tokens are counted once by place, removing
    them (the boilerplate model made perfect on precision) raises precision, and making it
    perfect on recall changes nothing (it removed nothing)."""
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import boilerplate_cv

    from ascurate.models import train, train_winback

    html = (corpus / "health-dev" / "wcxb-4561.html").read_text(encoding="utf-8")
    gold = json.loads((corpus / "health-dev" / "wcxb-4561.gold.json").read_text(encoding="utf-8"))
    ex = extract_html(html)
    page = train.Page("health-dev", "wcxb-4561.html", "site", "article", gold["main_content"], ex.title, ex.blocks,
                      ex.features, labels=train.labels(ex.blocks, gold["main_content"]))
    seg = train_winback.page_segments(page, html, gold.get("url"))
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    out = boilerplate_cv.stage_errors(page, np.ones(len(page.blocks)), seg, np.zeros(len(seg.labels)), "article",
                                      0.6, cfg)
    unlabelled = sum(len(train._TOKEN.findall(b.text)) for b, lab in zip(page.blocks, page.labels, strict=True)
                     if not lab)
    assert unlabelled > 0
    assert sum(v for k, v in out["leftover"].items() if k.endswith("the gold")) == unlabelled
    assert out["bp_precision"][0] > out["system"][0]
    assert out["bp_recall"] == out["system"]

