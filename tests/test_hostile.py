"""The hostile corpus (tests/hostile/make_corpus.py) through a real run: every document
becomes exactly one article (decoded correctly) or one error naming file, record and
reason; the good pages beside it come out exactly as they do alone; nothing escapes
curated/; links out of raw/ are not followed; page text is never rendered as markup."""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.pipeline import run

from .hostile.make_corpus import LIMITS, Case, build

CONTROL = ("scrapinghub-c467d50755.html", "wcxb-4558.html", "wcxb-1087.html")  # quick pages: well inside the limit


def outputs(out: Path) -> tuple[list[dict], list[dict]]:
    arts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "articles").glob("*.json"))]
    errs = [json.loads(ln) for ln in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return arts, errs


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, corpus):
    base = tmp_path_factory.mktemp("hostile")
    cases = build(base / "raw", base / "outside")
    (base / "raw" / "control").mkdir()
    (base / "alone" / "control").mkdir(parents=True)
    for name in CONTROL:
        shutil.copy(corpus / "health-dev" / name, base / "raw" / "control" / name)
        shutil.copy(corpus / "health-dev" / name, base / "alone" / "control" / name)
    cfg = load_config(Path("/nonexistent"), **LIMITS)
    summary = run(base / "raw", base / "out", cfg)
    return base, cases, summary, cfg


def _satisfies(case: Case, out: dict) -> bool:
    is_article = "text" in out
    rec = (out.get("source") or {}).get("record") if is_article else out.get("record")
    if case.record is not None and not (rec == case.record or (case.record_prefix and (rec or "").startswith(case.record))):
        return False
    if case.expect == "any":
        return True
    if (case.expect == "article") != is_article:
        return False
    if is_article and case.status is not None and (out["status"] == "rejected") != (case.status == "rejected"):
        return False
    if not case.contains:
        return True
    hay = (out["reject_reason"] if case.status == "rejected" else out["text"]) if is_article else out["reason"]
    return case.contains in (hay or "") if is_article else case.contains.lower() in hay.lower()


def test_every_document_exactly_once_as_expected(hostile):
    base, cases, summary, _ = hostile
    arts, errs = outputs(base / "out")
    by_path: dict[str, list[dict]] = defaultdict(list)
    for a in arts:
        by_path[a["source"]["path"]].append(a)
    for e in errs:
        by_path[e["path"]].append(e)
    expected: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        expected[c.path].append(c)
    assert set(by_path) - {f"control/{n}" for n in CONTROL} == set(expected)
    for path, want in expected.items():
        got = by_path[path]
        assert len(got) == len(want), (path, [g.get("reason") or g["source"].get("record") for g in got])
        free = list(got)
        # match the most particular expectations first, each output used once
        for case in sorted(want, key=lambda c: sum(_satisfies(c, o) for o in got)):
            match = next((o for o in free if _satisfies(case, o)), None)
            assert match is not None, (case, got)
            free.remove(match)
    n_kinds = len({c.kind for c in cases})
    assert len(cases) >= 60 and n_kinds >= 25
    assert summary.documents + len([e for e in errs if e["step"] == "ingest" and e["record"] is None]) >= len(cases)


def test_errors_name_the_file_the_record_and_the_reason(hostile):
    base, cases, _, _ = hostile
    _, errs = outputs(base / "out")
    containers = {c.path for c in cases if c.record is not None}
    for e in errs:
        assert (base / "raw" / e["path"]).exists() or (base / "raw" / e["path"]).is_symlink() or "\ufffd" in e["path"]
        assert len(e["reason"]) > 10 and e["step"] in ("ingest", "curate")
    jsonl = [e for e in errs if e["path"] == "jsonl/records.jsonl"]
    assert jsonl and all(re.fullmatch(r"line-\d+(:.*)?", e["record"]) for e in jsonl)
    assert all(e["record"] or "WARC" in e["reason"] or "gzip" in e["reason"] for e in errs if e["path"] in containers)


def test_good_pages_beside_the_bad_come_out_as_they_do_alone(hostile, tmp_path):
    base, _, _, cfg = hostile
    run(base / "alone", tmp_path / "alone", cfg)
    alone = {p.name: p.read_bytes() for p in (tmp_path / "alone" / "articles").iterdir()}
    mixed = {p.name: p.read_bytes() for p in (base / "out" / "articles").iterdir() if p.name in alone}
    assert len(alone) == 2 * len(CONTROL) and mixed == alone


def test_rerun_over_the_hostile_corpus_changes_nothing(hostile, tmp_path):
    base, _, _, cfg = hostile
    before = {p: p.read_bytes() for p in (base / "out").rglob("*") if p.is_file() and ".ascurate" not in p.parts}
    fingerprint = cfg.fingerprint()
    s = run(base / "raw", base / "out", cfg)
    if cfg.fingerprint() != fingerprint:
        pytest.skip("a rule file changed while the test ran (shared checkout)")
    after = {p: p.read_bytes() for p in (base / "out").rglob("*") if p.is_file() and ".ascurate" not in p.parts}
    assert s.written == 0 and s.skipped_unchanged == s.read
    assert {p: b for p, b in after.items() if p.name != "summary.json"} == \
        {p: b for p, b in before.items() if p.name != "summary.json"}


def test_record_names_and_urls_never_choose_where_files_go(hostile):
    base, _, _, _ = hostile
    out = (base / "out").resolve()
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out)
    names = [p.name for p in (out / "articles").iterdir()]
    assert names and all(re.fullmatch(r"[0-9a-f]{20}\.(json|md)", n) for n in names)
    assert not Path("/tmp/ascurate-escape").exists() and not (base / "outside" / "cron.d").exists()
    arts, _ = outputs(out)
    hostile_ids = [a for a in arts if (a["source"].get("record") or "").count("..") or "../" in (a["source"].get("url") or "")]
    assert len(hostile_ids) >= 3  # the traversal records became articles, named by hash only
    assert sorted(p.name for p in out.iterdir()) == [".ascurate", "articles", "errors.jsonl", "summary.json"]


def test_links_out_of_raw_are_not_followed_unless_configured(hostile, tmp_path):
    base, _, _, cfg = hostile
    arts, _ = outputs(base / "out")
    assert not any("SECRET" in a["text"] for a in arts)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "out.html").symlink_to(base / "outside" / "secret.html")
    (raw / "dir").symlink_to(base / "outside" / "dir")
    s = run(raw, tmp_path / "followed", load_config(Path("/nonexistent"), follow_symlinks=True))
    texts = [a["text"] for a in outputs(tmp_path / "followed")[0]]
    assert s.read == 2 and sum("SECRET" in t for t in texts) == 2


def test_page_text_is_never_markup_in_the_reading_copy(hostile):
    base, _, _, _ = hostile
    arts, _ = outputs(base / "out")
    art = next(a for a in arts if a["source"]["path"] == "markup/escaped-script-text.html")
    assert "<script>alert('x')</script>" in art["text"]  # the text says it; the JSON keeps it as text
    md = (base / "out" / "articles" / f"{art['id']}.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "&lt;script>alert('x')&lt;/script>" in md
    for p in (base / "out" / "articles").glob("*.md"):
        assert not re.search(r"<(script|iframe|img|a|style)\b", p.read_text(encoding="utf-8"), re.I), p


def test_a_hung_document_is_killed_and_the_batch_goes_on(tmp_path):
    """A rule an editor wrote with catastrophic backtracking hangs inside one C call
    (re holds the interpreter); the child running the document is killed at the limit."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.toml").write_text(
        '[[flag]]\nid = "site.bad-regex"\nkind = "placeholder"\nseverity = "warning"\n'
        "pattern = '(a+)+$'\nmessage = \"backtracks forever on aaaa...b\"\n", encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a-hangs.txt").write_text("Title\n\nSome words first. " + "a" * 40 + "b", encoding="utf-8")
    (raw / "b-fine.txt").write_text("Gout\n\nGout is a painful joint disease. It needs care and rest.", encoding="utf-8")
    cfg = load_config(Path("/nonexistent"), doc_timeout=2.0, min_words=3, rules_dirs=(str(rules),))
    run(raw, tmp_path / "out", cfg)
    arts, errs = outputs(tmp_path / "out")
    assert [a["source"]["path"] for a in arts] == ["b-fine.txt"]
    assert [(e["path"], e["step"]) for e in errs] == [("a-hangs.txt", "curate")]
    assert "doc_timeout=2" in errs[0]["reason"]


def test_closing_a_runner_from_another_thread_lets_its_document_finish():
    """A run ends by closing every thread's document child (pipeline.close_runners); a
    document still in flight in another thread finishes, it is not reported as crashed."""
    import threading
    import time

    from ascurate.runtime.limits import DocumentRunner

    runner = DocumentRunner(30.0)
    assert runner.run(sum, [1, 2]) == 3  # the child is up
    result: list[object] = []
    t = threading.Thread(target=lambda: result.append(runner.run(time.sleep, 1.0)))
    t.start()
    time.sleep(0.3)
    runner.close()  # waits for the sleeping document
    t.join(10)
    assert result == [None] and runner._proc is None
    assert runner.run(sum, [2, 3]) == 5  # and the thread's next document gets a fresh child
    runner.close()


def test_in_process_fallback_interrupts_python_loops():
    """Where no child can be started, a watchdog interrupts the document's thread."""
    import threading
    import time

    from ascurate.runtime.limits import DocumentTimeout, call_with_deadline

    def spin() -> None:
        while True:
            time.sleep(0.001)

    result: list[str] = []

    def worker() -> None:  # a flow's worker thread, not the main thread
        try:
            call_with_deadline(spin, (), 0.3)
        except DocumentTimeout as e:
            result.append(str(e))
        assert call_with_deadline(sum, ([1, 2],), 0.3) == 3  # and the next document runs normally

    t = threading.Thread(target=worker)
    t.start()
    t.join(10)
    assert not t.is_alive() and result and "doc_timeout=0.3" in result[0]


def test_a_script_without_a_main_guard_runs_once(tmp_path, corpus):
    """Children that curate documents must not re-run the caller's script (multiprocessing
    does that by default, and such a script would write curated/ again from each child)."""
    import subprocess
    import sys

    script = tmp_path / "nightly.py"
    script.write_text(
        "from ascurate.config import Config\nfrom ascurate.pipeline import run\n"
        f"print('RUN', run({str(corpus / 'seeds')!r}, {str(tmp_path / 'out')!r}, Config(doc_timeout=30)).written)\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [ln for ln in done.stdout.splitlines() if ln.startswith("RUN")] == ["RUN 2"]


def test_a_stream_of_documents_loses_only_the_one_that_overruns():
    """`DocumentRunner.map` sends a batch to the child in one request and takes the
    answers one by one: a document that overruns is killed on its own, the ones after it
    go on in a fresh child, in order, and an error is that document's alone."""
    import re

    from ascurate.runtime.limits import DocumentRunner, DocumentTimeout

    text = "a" * 40 + "b"
    with DocumentRunner(1.0) as runner:
        out = list(runner.map(re.findall, ["b", "(a+)+$", "[", "ab"], text))
        assert out[0] == ["b"] and out[3] == ["ab"]
        assert isinstance(out[1], DocumentTimeout) and "doc_timeout=1" in str(out[1])
        assert isinstance(out[2], RuntimeError) and "error" in str(out[2])
        assert runner.restarts == 1 and runner.documents == 4
        stream = runner.map(re.findall, ["a", "b", "c"], text)
        assert next(stream) == ["a"] * 40
        stream.close()  # a caller that stops reading: the child, its pipe holding answers, goes
        assert runner._proc is None
        assert list(runner.map(str.upper, ["x", "y"])) == ["X", "Y"]
