"""SIGKILL a real run, rerun it, and check curated/ holds every input exactly once.

Two ways of killing:
- at every write boundary: a child run SIGKILLs itself just before and just after its
  k-th file rename (every atomic write, so every article, errors.jsonl, summary.json and
  the site templates) and its k-th state transaction, for every k the run reaches;
- at random moments: a separate `python` process running the pipeline (with its
  time-limit child processes) is killed with SIGKILL from outside after a delay.
After each kill the run is repeated to completion; curated/ must then be byte for byte
what one uninterrupted run writes (so nothing lost and nothing doubled), with no
temporary file left, a state database that passes SQLite's integrity check and agrees
with the files, and a review store that holds each article once.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ascurate.config import Config
from ascurate.pipeline import run

pytestmark = pytest.mark.crash  # kills processes mid-run: CI's second step

CFG = Config(batch_size=2, doc_timeout=0)  # in-process: the kill points are the Curator's writes
PAGE = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>{t} is a condition that many people "
        "live with. Doctors look at the symptoms, ask about family history and may order blood tests before "
        "they suggest a treatment plan that fits the person.</p><p>Most people with {t} manage it well with "
        "regular check-ups, medicine where needed and a few changes to daily habits.</p></article></body></html>")


def make_raw(root: Path, corpus: Path) -> Path:
    """A small raw/ folder with every outcome: articles, a duplicate, records, errors."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    seed = sorted((corpus / "seeds").glob("*.txt"))[0]
    (raw / seed.name).write_bytes(seed.read_bytes())
    for i, t in enumerate(("Gout", "Asthma", "Eczema", "Migraine")):
        (raw / f"page-{i}.html").write_text(PAGE.format(t=t), encoding="utf-8")
    (raw / "copy-of-gout.html").write_text(PAGE.format(t="Gout"), encoding="utf-8")  # an exact duplicate
    (raw / "records.jsonl").write_text("\n".join([
        json.dumps({"id": "r1", "url": "https://a.example/anaemia", "html": PAGE.format(t="Anaemia")}),
        "{broken",
        json.dumps({"id": "../../r3", "url": "https://a.example/../x", "html": PAGE.format(t="Psoriasis")}),
    ]) + "\n", encoding="utf-8")
    (raw / "empty.html").write_bytes(b"")
    return raw


def _child(raw: str, out: str, kill_at: int, counter: str | None) -> None:
    """Run the pipeline; SIGKILL this process at write boundary `kill_at` (0: never)."""
    from ascurate.runtime.state import State

    seen = 0

    def boundary() -> None:
        nonlocal seen
        seen += 1
        if seen == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    real_replace, real_commit = os.replace, State.commit_inputs

    def replace(src, dst):  # type: ignore[no-untyped-def]
        boundary()
        real_replace(src, dst)
        boundary()

    def commit(self, records):  # type: ignore[no-untyped-def]
        boundary()
        real_commit(self, records)
        boundary()

    os.replace = replace  # type: ignore[assignment]
    State.commit_inputs = commit  # type: ignore[method-assign]
    run(raw, out, CFG)
    if counter:
        Path(counter).write_text(str(seen))


def in_child(raw: Path, out: Path, kill_at: int = 0, counter: Path | None = None) -> int:
    """Run `_child` in a fresh process forked from a clean forkserver; return its exit code."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["ascurate.runtime.warm"])  # as DocumentRunner does: children start warm
    p = ctx.Process(target=_child, args=(str(raw), str(out), kill_at, str(counter) if counter else None))
    p.start()
    p.join(120)
    return p.exitcode if p.exitcode is not None else -999


def snapshot(out: Path) -> dict[str, bytes]:
    """What a reader sees in curated/: articles and the error list (not the run's timings).

    Dedup's explanation of an unchanged decision may differ from an uninterrupted run:
    after a crash it truthfully says the kept copy "was published by an earlier run" (the
    killed one) instead of "comes first by input path", and a near copy names the indexed
    copy it was matched against (with that pair's similarity), which depends on what the
    killed run had indexed. The decision itself (canonical, method, status) must be the same."""
    files = {}
    for p in (out / "articles").iterdir():
        data = p.read_bytes()
        if p.suffix == ".json":
            art = json.loads(data)
            for key in ("rule", "reason", "matched", "containment", "jaccard"):
                (art.get("metadata", {}).get("dedup") or {}).pop(key, None)
            data = json.dumps(art, sort_keys=True).encode()
        files[str(p.relative_to(out))] = data
    files["errors.jsonl"] = (out / "errors.jsonl").read_bytes()
    return files


def check_consistent(out: Path, reference: dict[str, bytes]) -> None:
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers, leftovers
    assert snapshot(out) == reference
    db = sqlite3.connect(out / ".ascurate" / "state.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {r[0] for r in db.execute("SELECT id FROM articles")}
        listed = [a for (js,) in db.execute("SELECT articles FROM inputs") for a in json.loads(js)]
    finally:
        db.close()
    on_disk = {p.stem for p in (out / "articles").glob("*.json")}
    assert ids == on_disk and sorted(listed) == sorted(on_disk)  # every article once, none orphaned


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus):
    base = tmp_path_factory.mktemp("crash")
    raw = make_raw(base, corpus)
    counter = base / "points"
    assert in_child(raw, base / "ref", counter=counter) == 0
    ref = snapshot(base / "ref")
    keys = {(d["source"]["path"], d["source"].get("record"))
            for d in (json.loads(v) for k, v in ref.items() if k.endswith(".json"))}
    errors = ref["errors.jsonl"].decode().splitlines()
    assert len(keys) == 8 and len(errors) == 2  # 8 articles (one a duplicate), 2 errors: 10 documents
    return base, raw, ref, int(counter.read_text())


def _kill_and_rerun(base: Path, raw: Path, ref: dict[str, bytes], k: int) -> None:
    out = Path(tempfile.mkdtemp(prefix=f"k{k}-", dir=base))  # a fresh folder: tests share `base`
    code = in_child(raw, out, kill_at=k)
    assert code == -signal.SIGKILL, f"kill point {k} was not reached (exit {code})"
    assert in_child(raw, out) == 0
    check_consistent(out, ref)


def test_kill_at_sampled_write_boundaries(reference):
    base, raw, ref, points = reference
    assert points >= 30
    for k in range(1, points + 1, max(1, points // 4)):
        _kill_and_rerun(base, raw, ref, k)


@pytest.mark.slow
def test_kill_at_every_write_boundary(reference):
    base, raw, ref, points = reference
    for k in range(1, points + 1):
        _kill_and_rerun(base, raw, ref, k)


def test_kill_twice_in_a_row_then_finish(reference):
    """A run killed, its rerun killed too, then a third that finishes."""
    base, raw, ref, points = reference
    out = base / "twice"
    assert in_child(raw, out, kill_at=points // 2) == -signal.SIGKILL
    assert in_child(raw, out, kill_at=3) == -signal.SIGKILL
    assert in_child(raw, out) == 0
    check_consistent(out, ref)


def test_review_store_after_a_killed_run(reference):
    base, raw, ref, points = reference
    from ascurate.review import db, sync

    out = base / "review"
    assert in_child(raw, out, kill_at=points * 2 // 3) == -signal.SIGKILL
    assert in_child(raw, out) == 0
    store = db.open_store(out)
    try:
        sync.sync_curated(store, out, CFG)
        sync.sync_curated(store, out, CFG)  # a second sync (the next night) changes nothing
        with store.session() as s:
            keys = [r[0] for r in s.execute(sync.select(sync.Article.source_key))]
    finally:
        store.close()
    files = [json.loads(v) for k, v in snapshot(out).items() if k.endswith(".json")]
    assert sorted(keys) == sorted(sync.source_key(d) for d in files) and len(set(keys)) == len(keys)


SCRIPT = """
import sys
from ascurate.config import Config
from ascurate.pipeline import run
run(sys.argv[1], sys.argv[2], Config(batch_size=2, doc_timeout=30))
"""


@pytest.mark.slow
def test_sigkill_from_outside_at_random_moments(reference):
    """A separate process (with its time-limit children) killed from outside mid-run."""
    base, raw, ref, _ = reference
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    delays = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)
    killed_mid_run = 0
    for i, delay in enumerate(delays):
        out = base / f"ext{i}"
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(raw), str(out)], env=env, start_new_session=True)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the run and its children, as the OOM killer or a reboot would
            killed_mid_run += 1
        proc.wait()
        assert subprocess.run([sys.executable, "-c", SCRIPT, str(raw), str(out)], env=env, timeout=300).returncode == 0
        check_consistent(out, ref)
    print(f"killed mid-run from outside at {killed_mid_run} of {len(delays)} moments")
    assert killed_mid_run >= len(delays) // 2
