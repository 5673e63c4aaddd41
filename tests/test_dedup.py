"""Dedup on real corpus texts: exact and near copies, which copy stays, runs, groups."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import jsonschema
import pytest

from ascurate.config import load_config
from ascurate.dedup import Deduper, content_hash, group_members, near_groups, sketch
from ascurate.dedup.groups import verified_pairs
from ascurate.dedup.index import BandIndex
from ascurate.dedup.text import containment, is_near_copy, similarity
from ascurate.pipeline import run
from ascurate.runtime.state import State

from .conftest import ROOT, SCHEMA

BUILD = ROOT / "bench" / "dedupset" / "build.py"


def gold_text(corpus: Path, name: str) -> str:
    return json.loads((corpus / "health-dev" / f"{name}.gold.json").read_text(encoding="utf-8"))["main_content"]


def builder():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dedupset_build", BUILD)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def arts(out: Path) -> dict[str, dict]:
    """Articles by JSONL record id (the part after 'line-N:')."""
    found = {}
    for p in (out / "articles").glob("*.json"):
        d = json.loads(p.read_text(encoding="utf-8"))
        found[(d["source"].get("record") or d["source"]["path"]).split(":")[-1]] = d
    return found


@pytest.fixture(scope="module")
def texts(corpus) -> dict[str, str]:
    return {"harvard": gold_text(corpus, "wcxb-4561"), "ucdavis": gold_text(corpus, "wcxb-0368"),
            "ucdavis2": gold_text(corpus, "wcxb-4558"), "cnn": gold_text(corpus, "scrapinghub-ef4e67b66d")}


def test_exact_key_ignores_case_spacing_and_punctuation():
    assert content_hash("Back pain: what  helps?\nRest, then move.") == content_hash("back pain what helps rest then move")
    assert content_hash("Back pain helps") != content_hash("Back pain hurts")
    assert content_hash("Ärzte – Öffnungszeiten") == content_hash("ärzte öffnungszeiten")


def test_edited_and_partial_copies_are_near_but_other_articles_are_not(texts):
    rng = random.Random(1)
    paras = texts["harvard"].split("\n")
    edited = "\n".join(builder().edit(paras, rng))
    half = "\n".join(paras[: len(paras) // 2])
    a, e, h = sketch(texts["harvard"]), sketch(edited), sketch(half)
    assert is_near_copy(similarity(a.sig, e.sig), a.size, e.size)
    j = similarity(a.sig, h.sig)
    assert j < 0.7 and containment(j, a.size, h.size) > 0.8 and is_near_copy(j, a.size, h.size)
    for other in ("ucdavis", "ucdavis2", "cnn"):
        o = sketch(texts[other])
        assert not is_near_copy(similarity(a.sig, o.sig), a.size, o.size), other
    u1, u2 = sketch(texts["ucdavis"]), sketch(texts["ucdavis2"])
    assert similarity(u1.sig, u2.sig) < 0.1  # same site, different articles


def test_a_quoting_write_up_is_not_a_copy(texts):
    sents = texts["harvard"].split(". ")
    write_up = texts["cnn"] + "\nAs Harvard Health reported, " + ". ".join(sents[3:6]) + "."
    a, w = sketch(texts["harvard"]), sketch(write_up)
    assert not is_near_copy(similarity(a.sig, w.sig), a.size, w.size)


def test_band_index_finds_what_datasketch_lsh_finds(texts):
    rng = random.Random(2)
    docs = {}
    for name, t in texts.items():
        paras = t.split("\n")
        docs[name] = sketch(t)
        docs[name + "-edited"] = sketch("\n".join(builder().edit(paras, rng)))
        docs[name + "-half"] = sketch("\n".join(paras[: max(1, len(paras) * 2 // 3)]))
    ids = sorted(docs)
    index = BandIndex()
    for i in ids:
        index.add(docs[i])
    mine = set()
    for n, i in enumerate(ids):
        for _, _, row in index.query(docs[i]):
            if row > n:
                mine.add((i, ids[row]))
    groups = near_groups(docs)
    assert sorted(groups) == sorted([sorted(n for n in ids if n.split("-")[0] == base) for base in texts])
    pairs = set(verified_pairs(ids, [docs[i] for i in ids]))
    assert mine == pairs


def test_duplicates_point_to_the_most_complete_copy_with_a_reason(tmp_path, texts, cfg):
    paras = texts["harvard"].split("\n")
    short = "\n".join(paras[: len(paras) * 2 // 3])
    write_jsonl(tmp_path / "raw" / "a.jsonl", [
        {"id": "print", "url": "https://print.example.org/p", "text": short},
        {"id": "full", "url": "https://www.health.harvard.edu/a", "text": texts["harvard"]},
        {"id": "copy", "url": "https://mirror.example.com/a", "text": texts["harvard"].upper()},
        {"id": "other", "url": "https://health.ucdavis.edu/x", "text": texts["ucdavis"]},
    ])
    s = run(tmp_path / "raw", tmp_path / "out", cfg)
    a = arts(tmp_path / "out")
    full = a["full"]
    assert full["status"] != "duplicate" and full["duplicate_of"] is None
    assert a["print"]["duplicate_of"] == full["id"] and a["print"]["status"] == "duplicate"
    assert a["print"]["metadata"]["dedup"]["rule"] == "most-complete"
    assert a["print"]["metadata"]["dedup"]["method"] == "near"
    assert a["copy"]["duplicate_of"] == full["id"] and a["copy"]["metadata"]["dedup"]["method"] == "exact"
    assert a["other"]["status"] != "duplicate"
    assert s.duplicate == 2
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for art in a.values():
        jsonschema.validate(art, schema)
    group = group_members(tmp_path / "out", a["print"]["id"])
    assert [m["id"] for m in group][0] == full["id"] and {m["id"] for m in group} == {
        full["id"], a["print"]["id"], a["copy"]["id"]}
    assert group[0]["decision"] is None and all(m["decision"]["reason"] for m in group[1:])


def test_a_later_batch_can_displace_an_earlier_copy_of_the_same_run(tmp_path, texts, cfg):
    paras = texts["cnn"].split("\n")
    raw = tmp_path / "raw"
    write_jsonl(raw / "1.jsonl", [{"id": "excerpt", "url": "https://a.example/x", "text": "\n".join(paras[:-3])}])
    write_jsonl(raw / "2.jsonl", [{"id": "full", "url": "https://b.example/x", "text": texts["cnn"]}])
    s = run(raw, tmp_path / "out", load_config("/nonexistent", batch_size=1))
    a = arts(tmp_path / "out")
    assert a["excerpt"]["status"] == "duplicate" and a["excerpt"]["duplicate_of"] == a["full"]["id"]
    assert a["excerpt"]["metadata"]["dedup"]["status_was"] in ("clean", "needs_review")
    md = (tmp_path / "out" / "articles" / f"{a['excerpt']['id']}.md").read_text(encoding="utf-8")
    assert f"Duplicate of `{a['full']['id']}`" in md
    assert s.duplicate == 1 and s.clean + s.needs_review == 1
    st = State(tmp_path / "out")
    row = st.db.execute("SELECT status, duplicate_of FROM articles WHERE id=?", (a["excerpt"]["id"],)).fetchone()
    st.close()
    assert row == ("duplicate", a["full"]["id"])


def test_preferred_site_breaks_a_tie(tmp_path, texts, cfg):
    write_jsonl(tmp_path / "raw" / "a.jsonl", [
        {"id": "aggregator", "url": "https://aggregator.example/x", "text": texts["ucdavis"]},
        {"id": "publisher", "url": "https://health.ucdavis.edu/x", "text": texts["ucdavis"]},
    ])
    cfg2 = load_config("/nonexistent", preferred_sites=("health.ucdavis.edu",))
    run(tmp_path / "raw", tmp_path / "out", cfg2)
    a = arts(tmp_path / "out")
    assert a["aggregator"]["duplicate_of"] == a["publisher"]["id"]
    assert a["aggregator"]["metadata"]["dedup"]["rule"] == "preferred-site"


def test_a_published_article_stays_canonical_in_later_runs(tmp_path, texts, cfg):
    paras = texts["harvard"].split("\n")
    raw = tmp_path / "raw"
    write_jsonl(raw / "day1.jsonl", [{"id": "day1", "url": "https://a.example/x", "text": "\n".join(paras[:-4])}])
    run(raw, tmp_path / "out", cfg)
    write_jsonl(raw / "day2.jsonl", [{"id": "day2", "url": "https://b.example/x", "text": texts["harvard"]},
                                     {"id": "new", "url": "https://b.example/y", "text": texts["cnn"]}])
    s = run(raw, tmp_path / "out", cfg)
    a = arts(tmp_path / "out")
    assert s.skipped_unchanged == 1 and s.duplicate == 1
    assert a["day1"]["status"] != "duplicate"
    assert a["day2"]["duplicate_of"] == a["day1"]["id"]
    assert a["day2"]["metadata"]["dedup"]["rule"] == "earliest-seen"
    assert a["new"]["status"] != "duplicate"
    again = run(raw, tmp_path / "out", load_config("/nonexistent", min_words=21))  # settings changed: all redone
    b = arts(tmp_path / "out")
    assert again.documents == 3 and b["day2"]["duplicate_of"] == b["day1"]["id"]
    assert b["day1"]["status"] != "duplicate"


def test_the_index_is_reloaded_from_the_state(tmp_path, texts, cfg):
    write_jsonl(tmp_path / "raw" / "a.jsonl", [{"id": "a", "url": "https://a.example/x", "text": texts["cnn"]}])
    run(tmp_path / "raw", tmp_path / "out", cfg)
    text = arts(tmp_path / "out")["a"]["text"]
    st = State(tmp_path / "out")
    d = Deduper(st)
    assert len(d.index) == 1 and d.index.query(sketch(text))[0][:2] == (1.0, 1.0)
    assert d.index.query(sketch(texts["harvard"])) == []
    st.close()


def test_pages_sharing_only_a_template_are_not_duplicates(tmp_path, corpus, cfg):
    """Two different articles inside one real host page, and a print version of one."""
    b = builder()
    pages = {p["name"]: p for p in b.load_pages(corpus) if p["name"] in ("wcxb-0368", "wcxb-4558", "wcxb-4557")}
    host = pages["wcxb-4557"]
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("wcxb-0368", "wcxb-4558"):
        g = pages[name]["gold"]
        doc = b.replace_article(host, b.title_of(pages[name]), b.paragraphs(g["main_content"]))
        assert doc is not None
        (raw / f"{name}-in-host.html").write_text(doc, encoding="utf-8")
    (raw / "wcxb-0368-print.html").write_text(b.print_version(pages["wcxb-0368"]), encoding="utf-8")
    run(raw, tmp_path / "out", cfg)
    a = {Path(d["source"]["path"]).stem: d for d in arts(tmp_path / "out").values()}
    assert a["wcxb-4558-in-host"]["status"] != "duplicate"
    assert a["wcxb-4558-in-host"]["id"] not in {a["wcxb-0368-in-host"].get("duplicate_of"),
                                                a["wcxb-0368-print"].get("duplicate_of")}
    x, y = a["wcxb-0368-in-host"], a["wcxb-0368-print"]  # the same article: one group
    assert {x["duplicate_of"], y["duplicate_of"]} in ({None, x["id"]}, {None, y["id"]})


def test_dedup_set_builder_makes_every_kind(tmp_path, corpus):
    counts = builder().build(tmp_path / "set", originals=5, seed=3, corpus=corpus)
    assert counts["original"] == 5 and counts["quoting"] == 2
    assert set(counts) >= {"exact", "retemplate", "print", "syndicated", "edited"}
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "set").glob("*.gold.json")]
    assert all((tmp_path / "set" / g["source"]).is_file() for g in golds)
    assert all(g.get("duplicate_group") for g in golds if g["kind"] != "quoting")
    assert not any(g.get("duplicate_group") for g in golds if g["kind"] == "quoting")
    exact = [g for g in golds if g["kind"] == "exact"]
    for g in exact:
        orig = g["source"].replace("-exact", "-original")
        assert (tmp_path / "set" / g["source"]).read_bytes() == (tmp_path / "set" / orig).read_bytes()
    shutil.rmtree(tmp_path / "set")


def test_when_the_kept_copy_is_rescraped_the_new_version_takes_over(tmp_path, texts, cfg):
    raw = tmp_path / "raw"
    write_jsonl(raw / "a.jsonl", [{"id": "kept", "url": "https://a.example/x", "text": texts["cnn"]}])
    write_jsonl(raw / "b.jsonl", [{"id": "copy", "url": "https://b.example/x",
                                   "text": "\n".join(texts["cnn"].split("\n")[:-2])}])
    run(raw, tmp_path / "out", load_config("/nonexistent", batch_size=1))
    first = arts(tmp_path / "out")
    assert first["copy"]["duplicate_of"] == first["kept"]["id"]
    write_jsonl(raw / "a.jsonl", [{"id": "kept", "url": "https://a.example/x", "text": texts["cnn"] + "\nUpdated."}])
    s = run(raw, tmp_path / "out", cfg)
    second = arts(tmp_path / "out")
    assert s.documents == 1 and second["kept"]["id"] != first["kept"]["id"]
    assert second["kept"]["status"] != "duplicate"
    assert second["copy"]["duplicate_of"] == second["kept"]["id"]
    assert second["copy"]["metadata"]["dedup"]["rule"] == "kept-copy-replaced"
    assert [m["id"] for m in group_members(tmp_path / "out", second["copy"]["id"])] == [
        second["kept"]["id"], second["copy"]["id"]]


def test_a_copy_that_bridges_two_groups_merges_them(tmp_path, texts):
    paras = texts["harvard"].split("\n")
    n = len(paras)
    raw = tmp_path / "raw"
    write_jsonl(raw / "1.jsonl", [{"id": "head", "url": "https://a.example/x", "text": "\n".join(paras[: n * 6 // 10])}])
    write_jsonl(raw / "2.jsonl", [{"id": "tail", "url": "https://b.example/x", "text": "\n".join(paras[n * 4 // 10:])}])
    write_jsonl(raw / "3.jsonl", [{"id": "whole", "url": "https://c.example/x", "text": texts["harvard"]}])
    s = run(raw, tmp_path / "out", load_config("/nonexistent", batch_size=1))
    a = arts(tmp_path / "out")
    assert a["whole"]["status"] != "duplicate"
    assert a["head"]["duplicate_of"] == a["tail"]["duplicate_of"] == a["whole"]["id"]
    assert s.duplicate == 2 and s.clean + s.needs_review == 1
