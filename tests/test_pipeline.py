"""The library pipeline end to end on the corpus, without Prefect."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from pathlib import Path

import jsonschema
import pytest

from ascurate.pipeline import run
from ascurate.runtime import filestat
from ascurate.runtime.state import State

from .conftest import SCHEMA


def articles(out: Path) -> dict[str, dict]:
    return {d["source"]["path"] + (f"#{d['source']['record']}" if d["source"].get("record") else ""): d
            for d in (json.loads(p.read_text(encoding="utf-8")) for p in (out / "articles").glob("*.json"))}


@pytest.fixture
def seeds_copy(tmp_path, corpus) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(corpus / "seeds", raw)
    return raw


def test_outputs_are_schema_valid_and_stable(seeds_copy, tmp_path, cfg):
    schema = json.loads(SCHEMA.read_text())
    s1 = run(seeds_copy, tmp_path / "a", cfg)
    s2 = run(seeds_copy, tmp_path / "b", cfg)
    a, b = articles(tmp_path / "a"), articles(tmp_path / "b")
    assert s1.documents == 2 and set(a) == {"000_12dd5c0043177de4.txt", "003_528403d0cb010f64.txt"}
    for art in a.values():
        jsonschema.validate(art, schema)
        for f in art["flags"]:
            assert art["text"][f["start"]:f["end"]] == f["quote"]
        assert (tmp_path / "a" / "articles" / f"{art['id']}.md").is_file()
    assert {k: v["id"] for k, v in a.items()} == {k: v["id"] for k, v in b.items()}
    assert s2.clean + s2.needs_review == 2


def test_seed_statuses_and_furniture(seeds_copy, tmp_path, cfg):
    run(seeds_copy, tmp_path / "c", cfg)
    a = articles(tmp_path / "c")
    clean, spliced = a["000_12dd5c0043177de4.txt"], a["003_528403d0cb010f64.txt"]
    assert clean["status"] == "clean" and clean["flags"] == []
    assert "Go to Top" not in clean["text"] and "All Rights Reserved" not in clean["text"]
    assert {r["reason"] for r in clean["removed"]} >= {"furniture.copyright", "furniture.back-to-top"}
    assert clean["metadata"]["copyright_year"] == 2025
    assert spliced["status"] == "needs_review"
    assert "0コメント" not in spliced["text"] and "Subscribe to our newsletter" not in spliced["text"]
    assert "Living with Ankylosing Spondylitis. Daily management" in spliced["text"]
    kinds = {f["kind"] for f in spliced["flags"]}
    assert {"editorial_note", "missing_value", "dangling_list", "mixed_voice"} <= kinds


def test_rerun_is_incremental_and_changes_are_reprocessed(seeds_copy, tmp_path, cfg):
    out = tmp_path / "out"
    first = run(seeds_copy, out, cfg)
    before = {p.name: p.stat().st_mtime_ns for p in (out / "articles").iterdir()}
    again = run(seeds_copy, out, cfg)
    assert again.skipped_unchanged == 2 and again.documents == 0 and again.written == 0
    assert {p.name: p.stat().st_mtime_ns for p in (out / "articles").iterdir()} == before
    seed = seeds_copy / "000_12dd5c0043177de4.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("chronic inflammatory", "long-term inflammatory"),
                    encoding="utf-8")
    third = run(seeds_copy, out, cfg)
    assert third.skipped_unchanged == 1 and third.documents == 1
    a = articles(out)
    assert len(a) == 2 and "long-term inflammatory" in a["000_12dd5c0043177de4.txt"]["text"]
    assert len(list((out / "articles").glob("*.json"))) == first.documents  # the old version is gone


def test_bad_input_is_recorded_and_the_run_goes_on(seeds_copy, tmp_path, cfg):
    (seeds_copy / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (seeds_copy / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    s = run(seeds_copy, out, cfg)
    assert s.errors == 2 and s.clean + s.needs_review == 2
    errs = [json.loads(ln) for ln in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["path"] for e in errs} == {"broken.html.gz", "empty.txt"}
    assert all(e["reason"] for e in errs)
    # the errors stay listed on an incremental rerun
    run(seeds_copy, out, cfg)
    assert len((out / "errors.jsonl").read_text().splitlines()) == 2


def test_exact_duplicates_within_and_across_runs(seeds_copy, tmp_path, cfg):
    out = tmp_path / "out"
    run(seeds_copy, out, cfg)
    shutil.copy(seeds_copy / "000_12dd5c0043177de4.txt", seeds_copy / "zz_copy.txt")
    s = run(seeds_copy, out, cfg)
    a = articles(out)
    assert s.duplicate == 1
    assert a["zz_copy.txt"]["status"] == "duplicate"
    assert a["zz_copy.txt"]["duplicate_of"] == a["000_12dd5c0043177de4.txt"]["id"]


def test_other_languages_are_rejected(tmp_path, cfg):
    """The four languages the rules and flags are built for are accepted by default; a page
    in another language is rejected, saying which."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "de.txt").write_text(
        "Morbus Bechterew\n\nMorbus Bechterew ist eine chronisch entzündliche Erkrankung der Wirbelsäule, "
        "die vor allem junge Männer betrifft. Die Beschwerden beginnen meist mit tief sitzenden Rückenschmerzen "
        "in der zweiten Nachthälfte und bessern sich durch Bewegung.", encoding="utf-8")
    (raw / "it.txt").write_text(
        "Spondilite anchilosante\n\nLa spondilite anchilosante è una malattia infiammatoria cronica della colonna "
        "vertebrale che colpisce soprattutto i giovani uomini. I disturbi iniziano di solito con un dolore lombare "
        "profondo nella seconda metà della notte e migliorano con il movimento.", encoding="utf-8")
    run(raw, tmp_path / "out", cfg)
    arts = {a["source"]["path"]: a for a in articles(tmp_path / "out").values()}
    assert arts["de.txt"]["language"] == "de" and arts["de.txt"]["status"] != "rejected"
    assert arts["it.txt"]["status"] == "rejected" and arts["it.txt"]["language"] == "it"
    assert "it" in arts["it.txt"]["reject_reason"]
    run(raw, tmp_path / "out_en", dataclasses.replace(cfg, languages=("en",)))
    (de,) = [a for a in articles(tmp_path / "out_en").values() if a["source"]["path"] == "de.txt"]
    assert de["status"] == "rejected" and "de" in de["reject_reason"]


def test_language_detection_is_deterministic_across_threads(corpus):
    """langdetect loads profiles lazily; two threads at once once made one article 'unknown'."""
    import subprocess
    import sys

    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from ascurate import lang\n"
        f"texts = [open(p, encoding='utf-8').read() for p in {[str(p) for p in sorted((corpus / 'seeds').glob('*.txt'))]!r}] * 4\n"
        "with ThreadPoolExecutor(4) as ex:\n"
        "    print(sorted(set(r for r in ex.map(lang.detect, texts))))\n"
    )
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(3)}
    assert len(outs) == 1 and "None" not in outs.pop()


def test_inputs_go_site_by_site_and_the_articles_do_not_depend_on_it(tmp_path, corpus, cfg):
    """Once learning has seen every input's site, batches take a site's pages together
    (copies meet one worker's caches); the articles are those of path order."""
    from dataclasses import replace

    from ascurate import pipeline

    pages = sorted((corpus / "health-dev").glob("*.html"))[:6]
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, page in enumerate(pages * 2):  # each page twice, its copies far apart in path order
        (raw / f"{i:02d}-{page.name}").write_bytes(page.read_bytes())
    small = replace(cfg, batch_size=3)
    order: list[str] = []
    run(raw, tmp_path / "by-site", small, on_batch=lambda results: order.extend(r.path for r in results))
    cur = pipeline.Curator(raw, tmp_path / "probe", small)
    try:
        learnt = pipeline.learn_batch(cur.changed(), small)
        cur.learn(learnt)
        site = {rec[1]: rec[0] for rec in learnt}
    finally:
        cur.close()
    sites = [site.get(p, "") for p in order]
    assert len(set(sites)) > 1 and sites == sorted(sites)  # grouped, in site order
    assert order != sorted(order)  # not path order: the copies were 6 inputs apart

    original = pipeline.Curator.ordered
    try:
        pipeline.Curator.ordered = lambda self, todo: todo  # path order, as before
        run(raw, tmp_path / "by-path", small)
    finally:
        pipeline.Curator.ordered = original
    assert articles(tmp_path / "by-site") == articles(tmp_path / "by-path")


def test_prelearning_leaves_the_run_less_to_learn_and_the_same_articles(tmp_path, corpus, cfg, monkeypatch):
    """`ascurate run` learns site templates while Prefect starts (pipeline.prelearn): the
    run then learns only inputs whose bytes learning has not seen, hashes none that
    prelearning hashed, and writes the same articles as a run that learnt everything itself."""
    from ascurate import pipeline

    monkeypatch.setattr(filestat, "RACY_SECONDS", 0.0)  # the pages are written a moment before

    raw = tmp_path / "raw"
    raw.mkdir()
    pages = sorted((corpus / "health-dev").glob("*.html"))[:5]
    for i, page in enumerate(pages):
        (raw / f"{i}-{page.name}").write_bytes(page.read_bytes())
    assert pipeline.prelearn(raw, tmp_path / "early", cfg, stop=lambda: False) == 5

    cur = pipeline.Curator(raw, tmp_path / "early", cfg)
    try:
        assert cur.to_learn(cur.changed()) == [] and cur.summary.hashed == 0
    finally:
        cur.close()
    changed = raw / f"0-{pages[0].name}"
    changed.write_bytes(changed.read_bytes() + b"<!-- fetched again -->")
    cur = pipeline.Curator(raw, tmp_path / "early", cfg)
    try:
        assert [s.path for s in cur.to_learn(cur.changed())] == [changed.name] and cur.summary.hashed == 1
    finally:
        cur.close()

    run(raw, tmp_path / "early", cfg)
    run(raw, tmp_path / "late", cfg)
    assert articles(tmp_path / "early") == articles(tmp_path / "late")
    assert pipeline.prelearn(raw, tmp_path / "early", cfg, stop=lambda: False) == 0  # all learnt
    assert pipeline.prelearn(raw, tmp_path / "stopped", cfg, stop=lambda: True) == 0


def test_rerun_hashes_only_inputs_whose_identity_changed(seeds_copy, tmp_path, cfg, monkeypatch):
    monkeypatch.setattr(filestat, "RACY_SECONDS", 0.0)  # the copies were made a moment ago
    out = tmp_path / "out"
    first = run(seeds_copy, out, cfg)
    assert first.read == first.hashed == 2
    again = run(seeds_copy, out, cfg)
    assert again.hashed == 0 and again.skipped_unchanged == 2
    # touched, same bytes: hashed again, not processed again
    seed = seeds_copy / "000_12dd5c0043177de4.txt"
    os.utime(seed)
    touched = run(seeds_copy, out, cfg)
    assert touched.hashed == 1 and touched.skipped_unchanged == 2 and touched.documents == 0
    # rewritten in place with the same size and its old mtime put back: the ctime still moved
    old = seed.stat()
    time.sleep(0.05)
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("chronic inflammatory", "CHRONIC INFLAMMATORY"), encoding="utf-8")
    os.utime(seed, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert seed.stat().st_size == old.st_size and seed.stat().st_mtime_ns == old.st_mtime_ns
    edited = run(seeds_copy, out, cfg)
    assert edited.hashed == 1 and edited.documents == 1
    assert "CHRONIC INFLAMMATORY" in articles(out)["000_12dd5c0043177de4.txt"]["text"]
    seed.unlink()  # an input that is gone is forgotten, so a new file by that name is hashed
    run(seeds_copy, out, cfg)
    state = State(out)
    try:
        assert set(state.input_idents()) == {p.name for p in seeds_copy.iterdir() if p.suffix == ".txt"}
    finally:
        state.close()


def test_a_file_changed_within_the_racy_window_has_no_identity(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<p>x</p>")
    st = f.stat()
    assert filestat.identity(st) is None  # just written: a change in the same tick would not show
    later = time.time_ns() + int((filestat.RACY_SECONDS + 1) * 1e9)
    ident = filestat.identity(st, later)
    assert ident is not None and ident.startswith(f"{st.st_ino}:{st.st_size}:")


def test_a_batch_result_pickles_into_an_equal_result(seeds_copy, tmp_path, cfg):
    """The flow persists every batch's results for its cache (Prefect's result store, the
    standard pickler): what comes back is the same articles, MinHash signatures included."""
    import pickle

    from ascurate.pipeline import Curator, close_runners, process_batch

    cur = Curator(seeds_copy, tmp_path / "out", cfg)
    try:
        results = process_batch(list(cur.plan()), cfg, cur.templates)
        assert results and all(r.articles for r in results)
        for r in results:
            back = pickle.loads(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL))
            assert (back.path, back.sha256, back.errors) == (r.path, r.sha256, r.errors)
            assert [a.to_dict() for a in back.articles] == [a.to_dict() for a in r.articles]
            assert [a.minhash.sig.tolist() for a in back.articles] == [a.minhash.sig.tolist() for a in r.articles]
        cur.commit(results)
    finally:
        close_runners()
        cur.close()


def test_batches_taper_so_the_workers_finish_together():
    """Full batches while many remain, then smaller and smaller ones (an eighth of a
    batch at least), every item once and in order."""
    from ascurate.pipeline import tapered

    items = list(range(5000))
    sizes = [len(b) for b in tapered(items, 64, 2)]
    assert [x for b in tapered(items, 64, 2) for x in b] == items
    assert sizes[:70] == [64] * 70
    assert max(sizes[-8:]) <= 32 and min(sizes) >= 8
    assert [len(b) for b in tapered(list(range(5)), 64, 2)] == [5]
    assert [len(b) for b in tapered(list(range(9)), 2, 2)] == [2, 2, 2, 2, 1]  # small batches stay as asked
    assert [len(b) for b in tapered([], 64, 2)] == []
