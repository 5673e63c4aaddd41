"""The win-back model: the page's segments that neither trafilatura pass kept, their rows,
where a segment won back goes among the candidates, and the shipped model and card."""

from __future__ import annotations

import bisect
import math
from typing import Any

import numpy as np

from ascurate import models
from ascurate.clean import boilerplate, pagetype, winback
from ascurate.clean.pagetype import TYPES, PageType
from ascurate.extract import extract_html, load_html
from ascurate.extract.segments import (
    Records,
    ancestor_spans,
    coverage,
    dom_index,
    locate,
    segment_block,
    uncovered,
)
from ascurate.model import Block

from .corpus_pages import document

PAGE = """<html><head><title>Forum: gout and coffee</title></head><body>
<nav><a href="/">Home</a> <a href="/forums">Forums</a></nav>
<div class="thread"><h1>Does coffee help with gout?</h1>
<div class="post"><p>I have had gout for three years and my doctor said coffee might lower uric acid.</p></div>
<div class="post"><p>Two cups a day helped me, but talk to your doctor before changing anything.</p></div>
<div class="post"><p>Cherries and water helped me more than coffee ever did during flares.</p></div>
</div><footer><p>Copyright 2024 Example Forums</p></footer></body></html>"""
KEPT = [Block("heading", "Does coffee help with gout?", 1),
        Block("paragraph", "I have had gout for three years and my doctor said coffee might lower uric acid.")]


def _found(gate: float | None = 2.0) -> winback.Candidates | None:
    index = dom_index(load_html(PAGE))
    return winback.candidates(index, KEPT, [True, True], locate(index, KEPT), False, boilerplate.Memo(), gate=gate)


def test_the_segments_left_out_become_rows_in_page_order():
    found = _found()
    assert found is not None
    assert [b.text for b in found.blocks] == [
        "Home Forums", "Two cups a day helped me, but talk to your doctor before changing anything.",
        "Cherries and water helped me more than coffee ever did during flares.", "Copyright 2024 Example Forums"]
    assert found.rows.shape == (4, len(winback.ROW_FEATURES))
    assert found.at == [0, 2, 2, 2]  # before the heading; the rest after the kept post
    f = {name: found.rows[:, i] for i, name in enumerate(winback.ROW_FEATURES)}
    assert f["link_share"].tolist() == [1, 0, 0, 0]
    assert f["in_nav"].tolist() == [1, 0, 0, 0] and f["in_footer"].tolist() == [0, 0, 0, 1]
    # the posts' grandparent (the thread) is partly kept; the nav's parent (<body>) far less
    assert f["kept_grand"][1] > 0.3 and f["kept_grand"][1] > f["kept_parent"][0]
    assert list(f["position"]) == sorted(f["position"])
    assert f["gap_before"][0] == -1 and f["gap_after"][3] == -1
    # against the <h1>: the posts share the thread with it (two levels up), the nav and the
    # footer only <body>, the whole page
    assert f["title_up"].tolist() == [1, 2, 2, 2]
    assert f["title_shared"][0] == f["title_shared"][3] == 1 and f["title_shared"][1] < 0.9
    assert f["title_offset"][0] < 0 < f["title_offset"][1] < f["title_offset"][3]


def test_a_post_among_posts_is_read_as_a_record_and_the_nav_is_not():
    found = _found()
    assert found is not None
    f = {name: found.rows[:, i] for i, name in enumerate(winback.ROW_FEATURES)}
    # the posts' <p> is alone in its <div class="post">, one of three in the thread
    assert f["item_level"].tolist() == [0, 2, 2, 0]
    assert f["item_repeat"][1] == np.float32(np.log1p(3)) and f["item_links"][1] == 0
    # the thread: a third of it (heading and first post) kept by trafilatura, no links
    assert 0.3 < f["item_group_kept"][1] < 0.7 and f["item_group_links"][1] == 0
    assert f["item_group_share"][1] > 0.7




def _row_by_definition(s, index, covered, precise, page, records, memo, kept_at) -> list[float]:
    """A segment's row as its columns are defined, one segment at a time (`candidates`
    builds a page's at once). `kept_at`: the flat text's places that trafilatura kept."""
    segs, total = index.segments, len(index.flat)
    k, length, el = segs.index(s), max(1, s.end - s.start), s.element
    ups = ancestor_spans(el, index, 3)
    i = bisect.bisect_left(kept_at, s.start)
    before = kept_at[i - 1] if i else -1
    j = bisect.bisect_left(kept_at, s.end)
    after = kept_at[j] if j < len(kept_at) else total

    def share(seg):
        return float(covered[seg.end] - covered[seg.start]) / max(1, seg.end - seg.start)

    same, twins = boilerplate.siblings(el, memo)
    return [
        *boilerplate.text_features(segment_block(s)),
        min(boilerplate.element_context(el, memo)[0], 60), s.links / length, min(same, 50), min(twins, 50),
        *boilerplate.place_features(el, memo), s.start / total, length / total,
        *[(covered[b] - covered[a]) / max(1, b - a) for a, b in ups],
        *[(precise[b] - precise[a]) / max(1, b - a) for a, b in ups],
        *[math.log1p(max(1, b - a)) - math.log1p(length) for a, b in ups],
        math.log1p(s.start - before) if before >= 0 else -1.0, math.log1p(after - s.end) if after < total else -1.0,
        share(segs[k - 1]) if k else -1.0, share(segs[k + 1]) if k + 1 < len(segs) else -1.0,
        math.log1p(segs[k - 1].end - segs[k - 1].start) if k else -1.0,
        math.log1p(segs[k + 1].end - segs[k + 1].start) if k + 1 < len(segs) else -1.0,
        *page, *records.item(el, memo.shapes), *_title_by_definition(s, index)]


def _title_by_definition(s, index) -> list[float]:
    """Where a segment sits against the page's first <h1> with text (`winback.TITLE_NAMES`)."""
    total = len(index.flat)
    heads = [el for el, (a, b) in index.spans.items() if el.tag == "h1" and b > a]
    if not heads:
        return [-1.0, -1.0, -1.0]
    h1 = min(heads, key=lambda el: index.spans[el][0])
    around = [h1, *h1.iterancestors()]
    up, at = 0, s.element
    while at not in around:
        up, at = up + 1, at.getparent()
    lo, hi = index.spans.get(at, (0, total))
    return [(s.start - index.spans[h1][0]) / total, float(min(up, 30)), (hi - lo) / total]


def test_rows_are_their_columns_definitions_on_real_pages():
    """Every column of every segment of a forum thread, a listing and a health article."""
    checked = 0
    for folder, name in (("wcxb-dev", "wcxb-0183"), ("wcxb-dev", "wcxb-0007"), ("health-dev", "readability-webmd-1")):
        doc, _ = document(folder, name)
        tree = load_html(doc.content)
        ex = extract_html(doc.content, doc.url, tree=tree)
        index = dom_index(tree)
        located = locate(index, ex.blocks)
        found = winback.candidates(index, ex.blocks, ex.precise, located, False, boilerplate.Memo(), gate=2.0)
        assert found is not None
        covered, precise = coverage(index, ex.blocks, located), coverage(index, ex.blocks, located, ex.precise)
        extra = uncovered(index, covered)
        total, segs = len(index.flat), index.segments
        page = [float(covered[-1]) / total, float(precise[-1]) / total, math.log1p(total), math.log1p(len(segs)),
                len(extra) / len(segs), 0.0]
        records, memo = Records(index, covered), boilerplate.Memo()
        kept_at = np.flatnonzero(np.diff(covered) > 0).tolist()
        want = [_row_by_definition(s, index, covered, precise, page, records, memo, kept_at) for s in extra]
        assert np.array_equal(found.rows, np.asarray(want, dtype=np.float32))
        checked += len(extra)
    assert checked > 100


def test_a_page_trafilatura_kept_most_of_is_not_judged():
    assert _found(gate=0.2) is None  # the heading and one post are more than 20% of the page's text
    assert _found(gate=0.9) is not None


def test_segments_won_back_join_the_candidates_and_drops_follow():
    found = _found()
    assert found is not None
    blocks, drops = winback.merged(KEPT, {1: 0.3}, found, [1, 2])
    assert [b.text for b in blocks] == [KEPT[0].text, KEPT[1].text, found.blocks[1].text, found.blocks[2].text]
    assert drops == {1: 0.3}
    blocks, drops = winback.merged(KEPT, {0: 0.1, 1: 0.3}, found, [0])
    assert blocks[0].text == "Home Forums" and drops == {1: 0.1, 2: 0.3}
    assert winback.merged(KEPT, {1: 0.3}, found, []) == (KEPT, {1: 0.3})
    assert winback.merged(KEPT, {}, None, []) == (KEPT, {})


def test_the_card_names_the_shipped_model():
    card = models.card("winback")
    assert models.MODEL_VERSIONS["winback"] == f"winback-v{card['release']}"
    assert card["features"] == winback.FEATURES
    assert 0 < card["threshold"] < 1 and 0 < card["gate"] <= 1
    assert set(card["gates"]) == set(TYPES) and max(card["gates"].values()) == card["gate"]
    assert card["cross_validation"]["grouped_by"] == "site"
    assert models.booster("winback").num_feature() == len(winback.FEATURES)


def test_each_page_type_has_its_setting_and_articles_keep_the_global_one():
    from ascurate.models.train_winback import NO_READMISSION

    card = models.card("winback")
    boilerplate_bar = models.card("boilerplate")["threshold"]
    for t in TYPES:
        found = winback.setting(PageType(t, 0.9, {t: 0.9}))
        assert found is not None and found["gate"] == card["gates"][t] and 0 < found["threshold"] < 1
        assert 0 < found["keep"] <= NO_READMISSION
    article = winback.setting(PageType("article", 0.9, {"article": 0.9}))
    # the boilerplate model's own call: no removal scored under its threshold comes back
    assert article is not None and article["threshold"] == card["threshold"] and article["keep"] >= boilerplate_bar
    assert winback.setting(None) is None and winback.setting(PageType("unknown", 0.9, {})) is None


def test_candidates_over_their_types_keep_bar_stay():
    drops = {0: 0.05, 1: 0.25, 2: 0.35, 3: 0.45}  # all under the boilerplate card's threshold
    for t in TYPES:
        kind = PageType(t, 0.9, {t: 0.9})
        found = winback.setting(kind)
        assert found is not None
        assert winback.readmit(drops, kind) == {i: s for i, s in drops.items() if s < found["keep"]}
    assert winback.readmit(drops, PageType("article", 0.9, {})) == drops  # the boilerplate model's own call
    assert winback.readmit(drops, None) == drops  # no page type (plain text): nothing readmitted
    assert any(winback.readmit(drops, PageType(t, 0.9, {})) != drops for t in TYPES)  # some type readmits


def test_segments_are_featurised_only_under_the_page_types_gate():
    found = extract_html(PAGE).segments  # no page type: under the card's largest gate
    assert found is not None
    kept = found.rows[0, winback.ROW_FEATURES.index("page_kept")]
    outcome = {}
    for t in TYPES:
        kind = PageType(t, 0.9, {t: 0.9})
        setting = winback.setting(kind)
        assert setting is not None
        outcome[t] = extract_html(PAGE, page_type=kind).segments is None
        assert outcome[t] == (kept >= setting["gate"])
    assert len(set(outcome.values())) == 2  # this page is over some types' gates and under others'


def test_an_article_trafilatura_holds_gets_nothing_added(corpus):
    page = (corpus / "health-dev" / "readability-webmd-1.html").read_text(encoding="utf-8")
    ex = extract_html(page)
    kind = pagetype.classify(load_html(page), None)
    assert kind.type == "article" and winback.judge(ex.segments, kind) == []


def _widest() -> PageType:
    """The page type whose gate lets the most pages be judged."""
    gates = models.card("winback")["gates"]
    t = max(gates, key=gates.get)
    return PageType(t, 0.9, {t: 0.9})


def test_scores_under_the_threshold_win_nothing_back():
    found = _found()
    assert found is not None
    wide = _widest()
    assert winback.judge(found, wide, threshold=1.01) == []
    assert winback.judge(found, wide, threshold=0.0) == [0, 1, 2, 3]
    assert winback.judge(None, wide) == []
    assert winback.judge(found, None, threshold=0.0) == []  # no page type (no HTML tree): nothing judged
    empty = winback.Candidates([], np.zeros((0, len(winback.ROW_FEATURES)), dtype=np.float32), [])
    assert winback.judge(empty, wide) == []


def test_a_page_over_its_types_gate_is_not_judged():
    found = _found()
    assert found is not None
    card = models.card("winback")
    column = winback.ROW_FEATURES.index("page_kept")
    judged = {t: bool(found.rows[0, column] < card["gates"][t]) for t in TYPES}
    assert any(judged.values())
    for t in TYPES:
        assert winback.judge(found, PageType(t, 0.9, {t: 0.9}), threshold=0.0) == ([0, 1, 2, 3] if judged[t] else [])
    over = winback.Candidates(found.blocks, found.rows.copy(), found.at)
    over.rows[:, column] = max(card["gates"].values())  # trafilatura kept as much as the widest gate allows
    assert all(winback.judge(over, PageType(t, 0.9, {t: 0.9}), threshold=0.0) == [] for t in TYPES)
    assert winback.judge(found, PageType("unknown", 0.9, {}), threshold=0.0) == []  # a type with no gate


def test_the_page_type_probabilities_join_every_row():
    found = _found()
    assert found is not None
    rows = winback.with_page_type(found.rows, [0.1, 0.9, 0, 0, 0, 0, 0])
    assert rows.shape == (4, len(winback.FEATURES))
    assert (rows[:, winback.FEATURES.index("page_forum")] == np.float32(0.9)).all()
    assert (rows[:, :len(winback.ROW_FEATURES)] == found.rows).all()


def test_a_forum_thread_gets_its_posts_back(corpus):
    """health-dev's forum page: trafilatura's passes keep almost none of the thread; the
    text won back is the gold's main content."""
    import json

    from ascurate.models.train import page_f1

    gold = json.loads((corpus / "health-dev" / "wcxb-0518.gold.json").read_text(encoding="utf-8"))
    page = (corpus / "health-dev" / gold["source"]).read_text(encoding="utf-8")
    ex = extract_html(page)
    kept = winback.judge(ex.segments, pagetype.classify(load_html(page), gold.get("url")))
    assert ex.segments is not None and kept
    won = "\n".join(ex.segments.blocks[k].text for k in kept)
    precision, recall = page_f1(won, gold["main_content"])
    assert precision is not None and precision >= 0.6 and recall >= 0.05


def test_the_setting_chosen_keeps_health_pages_where_they_were():
    from ascurate.models.train_winback import choose

    def trial(wcxb: float, health: float, judged: int) -> dict:
        return {"figures": {"wcxb-dev": wcxb, "health pages": health, "pages judged": judged}}

    alone = {"health pages": 0.963}
    trials = [trial(0.827, 0.955, 900), trial(0.8181, 0.9632, 1500), trial(0.8177, 0.9631, 900),
              trial(0.810, 0.9640, 300)]
    assert choose(trials, alone) is trials[2]  # the best safe one costs 1500 pages; 0.0004 less costs 900
    assert choose(trials[:1], alone) is trials[0]  # nothing safe: the best there is
    edge = [trial(0.8264, 0.9631, 1114), trial(0.8254, 0.9631, 913)]
    assert choose(edge, alone) is edge[1]  # exactly 0.001 less (figures have 4 places) is within the tie


def test_a_gate_per_page_type_opens_where_wcxb_gains_and_health_pages_do_not_lose():
    from types import SimpleNamespace

    from ascurate.models.train_winback import Scoring, gates_by_type

    pages = [SimpleNamespace(corpus="wcxb-dev"), SimpleNamespace(corpus="wcxb-dev"),
             SimpleNamespace(corpus="health-dev")]
    sc = Scoring([], {}, [(0.5, 0.5), (0.9, 0.9), (0.95, 0.95)], ["forum", "article", "article"])
    by_gate = {0.5: ([(0.9, 0.9), (0.97, 0.97), (0.8, 0.8)], [True, True, True]),  # articles: health loses
               0.9: ([(0.9, 0.9), (0.9, 0.9), (0.95, 0.95)], [True, True, True])}
    gates = gates_by_type(pages, sc, by_gate)  # type: ignore[arg-type]
    assert gates["forum"] == 0.5  # the lowest gate with the gain (0.9 adds nothing)
    assert gates["article"] == 0.0  # 0.5 would win wcxb-dev 0.07 but cost the health page
    assert set(gates) == set(TYPES) and gates["product"] == 0.0


def test_a_shipped_cards_settings_are_judged_as_they_are():
    """`card_figures` applies a card's keep, threshold and gate by predicted type, choosing nothing."""
    from ascurate.extract import extract
    from ascurate.models import train
    from ascurate.models.train_winback import card_figures, page_segments, scoring

    doc, gold = document("health-dev", "readability-webmd-1")
    ex = extract(doc, load_html(doc.content))
    assert ex.features is not None
    page = train.Page("health-dev", gold["source"], "webmd.com", "article", gold["main_content"], ex.title,
                      ex.blocks, ex.features)
    page.labels = train.labels(page.blocks, page.gold)
    seg = page_segments(page, doc.content, doc.url)
    base = [page.labels.astype(float)]  # scores that keep exactly the labelled candidates from 0.5
    sc = scoring([page], base, 0.5, [seg], np.eye(len(TYPES), dtype=np.float32)[:1])

    def f1_with(keep: float) -> float:
        settings = dict.fromkeys(TYPES, {"keep": keep, "threshold": 0.5, "gate": 0.0})  # gate 0: nothing judged
        return card_figures([page], base, 0.5, [seg], [np.zeros(0)], sc, settings)["health-dev"]

    labelled = "\n".join(b.text for b, y in zip(page.blocks, page.labels, strict=True) if y)
    assert f1_with(0.5) == f1_with(1.0) == round(train.f1([train.page_f1(labelled, page.gold)]), 4) > 0.9
    assert f1_with(0.0) < f1_with(1.0)  # a keep bar under every score readmits what the gold leaves out


def test_a_held_page_types_setting_stands_while_the_others_are_chosen():
    """`per_type` with `held` (the shipped card's settings of the types not chosen again)
    keeps them as they are, in the card and in the nested figure, even where another wins."""
    from ascurate.extract import extract
    from ascurate.models import train
    from ascurate.models.train_winback import NO_READMISSION, page_segments, per_type, scoring

    doc, gold = document("health-dev", "readability-webmd-1")
    ex = extract(doc, load_html(doc.content))
    assert ex.features is not None
    pages = []
    for site in ("a.example", "b.example"):  # two sites: two folds
        page = train.Page("wcxb-dev", gold["source"], site, "listing", gold["main_content"], ex.title,
                          ex.blocks, ex.features)
        page.labels = train.labels(page.blocks, page.gold)
        pages.append(page)
    segs = [page_segments(p, doc.content, doc.url) for p in pages]
    base = [p.labels.astype(float) for p in pages]  # scores that keep exactly the labelled candidates from 0.5
    listing = np.eye(len(TYPES), dtype=np.float32)[[TYPES.index("listing")] * 2]
    sc = scoring(pages, base, 0.5, segs, listing)
    chosen = {"threshold": 0.5, "gates": dict.fromkeys(TYPES, 0.0)}
    scores = [np.zeros(0), np.zeros(0)]
    free = per_type(pages, base, 0.5, segs, scores, sc, chosen, 2)
    held = {"listing": {"keep": 0.0, "threshold": 0.5, "gate": 0.0}}  # readmits every removal
    kept = per_type(pages, base, 0.5, segs, scores, sc, chosen, 2, held)
    assert free["by_type"]["listing"]["keep"] == NO_READMISSION  # chosen: the boilerplate model's own call
    assert kept["by_type"]["listing"] == held["listing"]
    assert kept["nested"]["wcxb-dev"] == kept["figures"]["wcxb-dev"] < free["figures"]["wcxb-dev"]
    assert kept["by_type"]["forum"] == free["by_type"]["forum"]  # the types not held are chosen as before


def test_out_of_fold_scores_are_read_only_with_the_stamp_of_what_made_them(tmp_path):
    """bench/boilerplate_cv.py and the trainer read the cache's out-of-fold scores only when
    they were made by the shipped card on these pages: a retrained model, other folds, or
    the file rewritten since (the boilerplate trainer's, unstamped) make them again."""
    import hashlib
    from types import SimpleNamespace

    from ascurate.models.train_winback import boilerplate_stamp, stamp, stamped

    pages: list[Any] = [SimpleNamespace(blocks=[KEPT[0], KEPT[1]]), SimpleNamespace(blocks=[KEPT[1]])]
    what = boilerplate_stamp(pages, 5)
    shipped = models.HERE / what["card"]
    assert what["card"] == f"boilerplate-v{models.card('boilerplate')['release']}.json"
    assert what["card_sha256"] == hashlib.sha256(shipped.read_bytes()).hexdigest() and what["blocks"] == [2, 1]
    saved = tmp_path / "oof-boilerplate.npy"
    scores = np.asarray([0.1, 0.9, 0.5])
    stamp(saved, scores, what)
    assert (stamped(saved, what) == scores).all()
    assert stamped(saved, {**what, "card_sha256": "0" * 64}) is None  # another card's scores
    assert stamped(saved, boilerplate_stamp(pages, 10)) is None  # other folds
    assert stamped(saved, boilerplate_stamp(pages[:1], 5)) is None  # other pages
    np.save(saved, scores[::-1])  # rewritten without a stamp
    assert stamped(saved, what) is None
    assert stamped(tmp_path / "absent.npy", what) is None


def test_the_shipped_win_back_card_is_of_the_trainers_recipe():
    """bench/boilerplate_cv.py refuses a card whose recipe (features, parameters, folds,
    training pages) differs from the trainer's: its out-of-fold scores cannot be made again."""
    from ascurate.models.train_winback import PARAMS, winback_stamp

    card = models.card("winback")
    shipped = winback_stamp(card["features"], card["params"], card["cross_validation"]["folds"], card["segments"])
    assert shipped == winback_stamp(winback.FEATURES, PARAMS, 5, card["segments"])
    assert shipped != winback_stamp(winback.FEATURES, {**PARAMS, "num_leaves": 63}, 5, card["segments"])
