"""Editors teach the pipeline: "remove this everywhere on this site", "never remove this"
and "this flag rule is wrong on this site", made on the desk and applied by the next run
to the site's other pages; the corrections as labelled examples for the training command.

Real pages through the real pipeline and the real app: a site of three pages whose
furniture differs in its numbers and dates from page to page, and whose one true
sentence the shipped rules take for furniture; and a page of another site.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ascurate import pipeline
from ascurate.clean import siterules as cleaning_rules
from ascurate.config import changed_parts, load_config
from ascurate.model import Block
from ascurate.models.editor_examples import load_editor_examples, relabel
from ascurate.review import auth, cleaning, examples, siterules, sync
from ascurate.review.app import create_app
from ascurate.review.db import open_store
from ascurate.review.models import Article, AuditEvent, Flag

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://clinic.example/advice/{slug}"></head>
<body><nav><a href="/">Home</a> <a href="/advice">Advice</a></nav>
<article><h1>{title}</h1>
<p>Clinic bulletin: {posted} · {count} readers found this useful this week.</p>
{body}
<p>Related: see our guide to sleep and rest for better recovery.</p>
</article><footer>Copyright 2024 Clinic Example. All rights reserved.</footer></body></html>
"""
PAGES = {
    "knee.html": ("Caring for a sore knee", "knee", "Updated March 3, 2024", 12, [
        "Knee pain is common in adults who walk or run a lot, and most of it gets better within a few weeks "
        "with rest, ice and gentle movement that keeps the joint from stiffening.",
        "Raise the leg when you can and use a cold pack for twenty minutes a few times a day during the first "
        "two days. TODO: add the dosage table. A physiotherapist can show you exercises that strengthen the "
        "muscles around the knee and take the load off it.",
        "See a doctor if the knee is hot, very swollen, cannot bear weight, or if the pain has not eased after "
        "two weeks of looking after it at home."]),
    "back.html": ("Easing lower back pain", "back", "Updated June 12, 2025", 7, [
        "Lower back pain usually comes from the muscles and ligaments rather than the spine itself, and most "
        "people feel much better within six weeks without any special treatment.",
        "Staying active helps more than bed rest: short walks, gentle stretches and carrying on with daily "
        "tasks keep the back moving. TODO: add the dosage table. Heat packs and simple pain relief can make "
        "the first days easier while the muscles settle.",
        "Get urgent help if back pain comes with numbness around the bottom, weakness in the legs or trouble "
        "passing urine, because these can be signs of a nerve problem."]),
    "wrist.html": ("Looking after a sprained wrist", "wrist", "Updated October 21, 2025", 31, [
        "A sprained wrist happens when the ligaments that hold the wrist bones together are stretched or torn, "
        "often after a fall onto an outstretched hand during sport or on ice.",
        "Rest the wrist, keep it raised and use ice wrapped in a cloth for the first two days to bring the "
        "swelling down. TODO: add the dosage table. A support bandage can help while it heals, but take it "
        "off at night so the skin and circulation stay healthy.",
        "Ask for an X-ray if the wrist is deformed, the pain is severe, or you cannot move your fingers, as "
        "a small bone in the wrist can break without looking broken."]),
}
FURNITURE = "Clinic bulletin: Updated March 3, 2024 · 12 readers found this useful this week."
TEASER = "Related: see our guide to sleep and rest for better recovery."  # taken by the shipped teaser rule


ELSEWHERE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Walking for health</title>
<link rel="canonical" href="https://other.example/walking"></head>
<body><article><h1>Walking for health</h1>
<p>Walking is one of the easiest ways to be more active: it needs no equipment, it can be fitted into the day, and
a brisk walk of twenty minutes most days lowers the risk of heart disease and type 2 diabetes.</p>
<p>Start with short walks at a comfortable pace and add a few minutes each week. Good shoes and a route without
heavy traffic make it easier to keep going, and walking with a friend helps many people stick with it.</p>
</article></body></html>
"""


def write_site(raw: Path) -> None:
    """The three pages of clinic.example, and a page of another site."""
    raw.mkdir(parents=True)
    for name, (title, slug, posted, count, body) in PAGES.items():
        (raw / name).write_text(PAGE.format(title=title, slug=slug, posted=posted, count=count,
                                            body="\n".join(f"<p>{p}</p>" for p in body)), encoding="utf-8")
    (raw / "walking.html").write_text(ELSEWHERE, encoding="utf-8")


def articles(curated: Path) -> dict[str, dict]:
    out = {}
    for p in (curated / "articles").glob("*.json"):
        a = json.loads(p.read_text())
        out[a["source"]["path"]] = a
    return out


def test_normalised_text_matches_other_numbers_and_dates():
    assert cleaning_rules.normalise("Posted 3 days ago") == cleaning_rules.normalise("posted  15 days  ago")
    assert cleaning_rules.CleaningRule("r", "s", "remove", "block", "Posted 1 day ago").whole("Posted 3 days ago")
    assert cleaning_rules.CleaningRule("r", "s", "remove", "block", "Tempo de leitura: 1 minuto").whole(
        "Tempo de leitura: 2 minutos")  # the word a number counts, with or without its plural -s
    rule = cleaning_rules.CleaningRule("r", "s", "remove", "block", FURNITURE)
    assert rule.whole("Clinic bulletin: Updated October 21, 2025 · 31 readers found this useful this week.")
    assert not rule.whole("Clinic bulletin: Updated yesterday · 31 readers found this useful this week.")
    assert not rule.whole("Clinic bulletin: Updated March 3, 2024 · 12 readers found this useful this week. More")
    assert cleaning_rules.normalise(FURNITURE) == "clinic bulletin: updated @ #, # · # reader found this useful this week."


def test_cleaning_layer_keeps_and_removes_in_place(cfg):
    from dataclasses import replace

    from ascurate.clean import clean

    blocks = [Block("paragraph", "Sleep is when the body repairs itself, and adults need seven to nine hours a night "
                                 "to stay well. Share on Facebook"),
              Block("paragraph", "Posted 12 days ago"), Block("paragraph", TEASER),
              Block("paragraph", "Most people sleep better with a regular bedtime and a dark, quiet room to sleep in.")]
    plain = clean(blocks, cfg, "Sleep", site="clinic.example")
    assert [r.reason for r in plain.removed] == ["furniture.teaser"] and len(plain.blocks) == 3
    ruled = replace(cfg, editor_rules=(("r1", "clinic.example", "remove", "block", "Posted 3 days ago"),
                                       ("r2", "clinic.example", "keep", "block", TEASER),
                                       ("r3", "clinic.example", "remove", "span", "Share on Facebook")))
    out = clean(blocks, ruled, "Sleep", site="clinic.example")
    assert [b.text for b in out.blocks] == [
        "Sleep is when the body repairs itself, and adults need seven to nine hours a night to stay well.",
        TEASER, blocks[3].text]
    assert [(r.reason, r.block, r.text) for r in out.removed] == [
        ("site.r3", 0, "Share on Facebook"), ("site.r1", 1, "Posted 12 days ago")]
    assert out.metadata["kept_by_site_rules"] == [{"block": 2, "rule": "site.r2"}]
    assert len(clean(blocks, ruled, "Sleep", site="other.example").blocks) == 3  # another site: no rule of its
    spans = replace(cfg, editor_rules=(("r4", "clinic.example", "remove", "span", "Clinic news, 3 items"),))
    alone = clean([Block("paragraph", "Clinic news, 12 items."), blocks[3]], spans, "Sleep", site="clinic.example")
    assert [(r.reason, r.block, r.start) for r in alone.removed] == [("site.r4", 0, None)]  # nothing left: whole


@pytest.fixture(scope="module")
def site_once(tmp_path_factory) -> Path:
    """The three pages curated once; each test gets its own copy (`site`)."""
    base = tmp_path_factory.mktemp("clinic")
    write_site(base / "raw")
    pipeline.run(base / "raw", base / "curated", load_config(Path("/nonexistent/ascurate.toml")))
    return base


@pytest.fixture
def site(site_once, tmp_path):
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    shutil.copytree(site_once / "raw", raw)
    shutil.copytree(site_once / "curated", curated)
    store = open_store(curated)
    sync.sync_curated(store, curated)
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        s.commit()
    yield raw, curated, store
    store.close()


def sign_in(c: TestClient) -> None:
    from tests.test_review_api import sign_in as signs_in

    signs_in(c)


def csrf_of(html: str) -> str:
    from tests.test_review_api import csrf_of as of

    return of(html)


@pytest.mark.slow
def test_rules_made_on_one_page_clean_the_sites_other_pages_on_the_next_run(site, capsys):
    raw, curated, store = site
    before = articles(curated)
    assert {a["source"]["site"] for a in before.values()} == {"clinic.example", "other.example"}
    furniture_before = sum(1 for a in before.values() for b in a["blocks"] if b["text"].startswith("Clinic bulletin"))
    teaser_before = sum(TEASER in a["text"] for a in before.values())
    assert (furniture_before, teaser_before) == (3, 0)  # the bulletin is kept everywhere, the true teaser cut
    with store.session() as s:
        knee = s.scalar(select(Article).where(Article.source_key == "knee.html"))
        pk = knee.id
        rows = cleaning.side_by_side(knee)
        block = next(r["block"] for r in rows if r["kind"] == "kept" and r["text"] == FURNITURE)
        removal = next(r["removal"] for r in rows if r["kind"] == "removed" and r["text"] == TEASER)
        fid, flag_rule = s.execute(select(Flag.id, Flag.rule).where(Flag.article_pk == pk,
                                                                    Flag.kind == "editorial_note")).one()
        open_other = s.scalar(select(Flag.id).join(Article).where(Article.source_key == "back.html",
                                                                  Flag.rule == flag_rule))
    with TestClient(create_app(store, curated=curated)) as c:
        sign_in(c)
        view = c.get(f"/articles/{pk}/cleaning").text
        assert "Remove everywhere on clinic.example" in view and "Never remove on clinic.example" in view
        r = c.post(f"/articles/{pk}/site-rules", data={"csrf": csrf_of(view), "kind": "remove", "block": block})
        assert "is removed everywhere on clinic.example from the next run" in r.text
        r = c.post(f"/articles/{pk}/site-rules", data={"csrf": csrf_of(r.text), "kind": "keep", "removal": removal})
        assert "is never removed on clinic.example from the next run" in r.text
        again = c.post(f"/articles/{pk}/site-rules", data={"csrf": csrf_of(r.text), "kind": "keep",
                                                           "removal": removal})
        assert "already says this" in again.text  # one rule per text, refused with its reason
        page = c.get(f"/articles/{pk}").text
        c.post(f"/articles/{pk}/flags/{fid}", data={"csrf": csrf_of(page), "action": "dismiss",
                                                     "reason": "the clinic's own wording", "site_rule": "1"})
        rules_page = c.get("/rules").text
    made = sorted(siterules.load_cleaning(curated), key=lambda r: r.kind, reverse=True)  # remove, keep
    assert [(r.kind, r.scope, r.text, r.who, r.article) for r in made] == [
        ("remove", "block", FURNITURE, "alice", "knee.html"), ("keep", "block", TEASER, "alice", "knee.html")]
    assert all(r.id in rules_page for r in made) and "clinic bulletin: updated @ #, # · #" in rules_page
    with store.session() as s:  # this article's own edits, decided now; audited
        assert cleaning.edits(s.get(Article, pk)) == {"restore": [removal], "remove": [block]}
        acts = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.article_pk == pk))]
        assert acts.count("site-rule") == 2 and "remove-block" in acts and "restore-block" in acts
        assert s.get(Flag, open_other).status == "dismissed"  # the flag rule's false alarm, at once
    labelled = load_editor_examples(examples.path(curated))
    assert sorted((e.site, e.source, e.text, e.label) for e in labelled) == [
        ("clinic.example", "knee.html", FURNITURE, 0), ("clinic.example", "knee.html", TEASER, 1)]

    summary = pipeline.run(raw, curated, load_config(Path("/nonexistent/ascurate.toml")))
    assert summary.reprocessed == ["editors' site rules changed for clinic.example"]
    assert (summary.documents, summary.skipped_unchanged) == (3, 1)  # the site's pages; not the other site's
    sync.sync_curated(store, curated)
    after = articles(curated)
    for name in ("back.html", "wrist.html"):  # the site's other pages, other dates and numbers
        a = after[name]
        assert not any(b["text"].startswith("Clinic bulletin") for b in a["blocks"]), name
        assert TEASER in a["text"], name
        assert any(r["reason"] == f"site.{made[0].id}" and r["text"].startswith("Clinic bulletin: Updated")
                   for r in a["removed"])
        assert not any(r["text"] == TEASER for r in a["removed"])
        assert [k["rule"] for k in a["metadata"]["kept_by_site_rules"]] == [f"site.{made[1].id}"]
    with store.session() as s:  # the dismissed false alarm does not come back on the site's pages
        flags = s.execute(select(Flag.status, Flag.reason).where(Flag.rule == flag_rule,
                                                                Flag.status != "retired")).all()
        assert len(flags) == 3 and all(st == "dismissed" for st, _ in flags)
    furniture_after = sum(1 for a in after.values() for b in a["blocks"] if b["text"].startswith("Clinic bulletin"))
    with capsys.disabled():
        print(f"\nsite rules, 3 pages of clinic.example: bulletin kept {furniture_before} -> {furniture_after}, "
              f"true teaser kept {teaser_before} -> {sum(TEASER in a['text'] for a in after.values())}, "
              f"open false alarms of {flag_rule}: {len(flags)} dismissed")
    assert furniture_after == 0
    rerun = pipeline.run(raw, curated, load_config(Path("/nonexistent/ascurate.toml")))
    assert rerun.skipped_unchanged == 4  # the rules are in the fingerprint, not a new one each run


def test_removing_a_cleaning_rule_is_audited_and_withdraws_its_example(site):
    _raw, curated, store = site
    with store.session() as s:
        knee = s.scalar(select(Article).where(Article.source_key == "knee.html"))
        pk = knee.id
    with TestClient(create_app(store, curated=curated)) as c:
        sign_in(c)
        page = c.get(f"/articles/{pk}").text
        assert 'id="selection-rule-form"' in page
        r = c.post(f"/articles/{pk}/site-rules", data={"csrf": csrf_of(page), "kind": "remove",
                                                       "text": "12 readers found this useful", "back": f"/articles/{pk}"})
        assert "is removed everywhere on clinic.example" in r.text
        (rule,) = siterules.load_cleaning(curated)
        assert (rule.scope, rule.pattern) == ("span", "# reader found this useful")  # a selection inside a block
        refused = c.post(f"/articles/{pk}/site-rules", data={"csrf": csrf_of(r.text), "kind": "remove",
                                                             "text": "12, 2024", "back": f"/articles/{pk}"})
        assert "no words" in refused.text  # it would match any number on the site
        rules_page = c.get("/rules").text
        r = c.post(f"/site-rules/{rule.id}/remove", data={"csrf": csrf_of(rules_page)})
        assert f"Site rule {rule.id} removed: the next run cleans clinic.example without it" in r.text
    assert siterules.load_cleaning(curated) == [] and load_editor_examples(examples.path(curated)) == []
    with store.session() as s:
        assert [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.action.like("site-rule%")))] == [
            "site-rule", "site-rule-off"]


def test_block_edits_are_labelled_examples_and_taking_one_back_withdraws_it(site):
    _raw, curated, store = site
    with store.session() as s:
        pk = s.scalar(select(Article.id).where(Article.source_key == "back.html"))
    with TestClient(create_app(store, curated=curated)) as c:
        sign_in(c)
        view = c.get(f"/articles/{pk}/cleaning").text
        c.post(f"/articles/{pk}/blocks", data={"csrf": csrf_of(view), "op": "remove", "index": 0})
        assert [e.label for e in load_editor_examples(examples.path(curated))] == [0]
        c.post(f"/articles/{pk}/undo", data={"csrf": csrf_of(view), "back": f"/articles/{pk}/cleaning"})
    assert load_editor_examples(examples.path(curated)) == []
    lines = [json.loads(line) for line in examples.path(curated).read_text().splitlines()]
    assert [(d["label"], d["origin"]) for d in lines] == [("drop", "remove-block"), (None, "undo")]


def test_examples_relabel_the_same_furniture_on_the_sites_training_pages(tmp_path):
    class Row:
        site, url, source_key = "health.example.org", None, "a.html"

    examples.record(tmp_path, Row(), "Posted 3 days ago", "drop", "alice", "remove-block")
    examples.record(tmp_path, Row(), "Our clinic's story", "keep", "alice", "restore-block")
    (tmp_path / examples.FILE).open("a").write("not json\n")
    got = load_editor_examples(examples.path(tmp_path))
    assert [(e.text, e.label) for e in got] == [("Posted 3 days ago", 0), ("Our clinic's story", 1)]
    blocks = [Block("paragraph", "Posted 9 days ago"), Block("paragraph", "Body text"),
              Block("paragraph", "our clinic's STORY")]
    labels = np.asarray([1.0, 1.0, 0.0], dtype=np.float32)
    assert relabel("example.org", blocks, labels, got).tolist() == [0.0, 1.0, 1.0]  # the site's other name
    assert relabel("other.org", blocks, labels, got).tolist() == [1.0, 1.0, 0.0]


def test_the_run_fingerprint_says_when_editors_rules_changed(tmp_path):
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    assert cleaning_rules.configured(cfg, tmp_path) is cfg  # no rules: the fingerprint it always had
    siterules.add_cleaning(tmp_path, "clinic.example", "remove", FURNITURE, "alice")
    ruled = cleaning_rules.configured(cfg, tmp_path)
    assert ruled.editor_rules and ruled.fingerprint() != cfg.fingerprint()
    assert changed_parts(cfg.fingerprint_parts(), ruled.fingerprint_parts()) == [
        "editors' site rules changed for clinic.example"]
    siterules.add(tmp_path, "clinic.example", "flag.rule", "alice", "wrong here")  # a flag rule cleans nothing
    assert cleaning_rules.configured(cfg, tmp_path).fingerprint() == ruled.fingerprint()
