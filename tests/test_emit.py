"""Emit: what an article's JSON holds, and how a batch's files are written."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from ascurate.emit import Emitter, article_json, atomic_writes
from ascurate.model import Article, Block, Flag, Removal


def _article() -> Article:
    return Article(
        id="a1", source={"path": "a.html"}, status="needs_review", title="Gout", language="en",
        text="Gout is painful.\nSee a doctor.", blocks=[Block("paragraph", "Gout is painful."),
                                                        Block("heading", "See a doctor.", 2)],
        flags=[Flag("stripped_number", 0, 4, "Gout", "warning", "a number is missing", "numbers.gap", "Gout 3")],
        removed=[Removal("Share this", "furniture.share", 1, 0, 10, "a share bar"), Removal("Menu", "nav")],
    )


def test_an_articles_json_holds_every_field_of_its_parts():
    """The encoder writes the parts field by field: a field added to Block, Flag or Removal
    must reach the JSON (as `asdict` would put it; a removal omits what it does not know)."""
    art = _article()
    d = json.loads(article_json(art))
    assert d["blocks"] == [asdict(b) for b in art.blocks]
    assert d["flags"] == [asdict(f) for f in art.flags]
    assert d["removed"] == [{k: v for k, v in asdict(r).items() if v is not None} for r in art.removed]
    assert d["removed"][1] == {"text": "Menu", "reason": "nav"}


def test_a_batch_is_written_once_and_rewritten_only_where_it_changed(tmp_path):
    em = Emitter(tmp_path)
    a, b = _article(), _article()
    b.id = "b1"
    assert em.write_all([a, b]) == [True, True]
    before = {p.name: p.stat().st_ino for p in (tmp_path / "articles").iterdir()}
    assert sorted(before) == ["a1.json", "a1.md", "b1.json", "b1.md"]
    b.status = "clean"
    assert em.write_all([a, b]) == [False, True]
    after = {p.name: p.stat().st_ino for p in (tmp_path / "articles").iterdir()}
    assert after["a1.json"] == before["a1.json"] and after["a1.md"] == before["a1.md"]  # not touched
    assert after["b1.json"] != before["b1.json"]  # renamed into place: a new file
    assert json.loads((tmp_path / "articles" / "b1.json").read_text())["status"] == "clean"


def test_a_batch_that_fails_to_write_leaves_nothing_half_done(tmp_path, monkeypatch):
    """No file of a batch is renamed into place before all of them are written and
    flushed; when the flush fails (a full or failing disk), the batch's temporary files
    are gone and the files it would have replaced are as they were."""
    import errno

    from ascurate import emit

    out = tmp_path / "out"
    assert atomic_writes([(out / "a.json", b"old")]) == [True]

    def full(folders):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(emit, "_flush", full)
    monkeypatch.setattr(emit, "_syncfs", object())  # the flush path, whatever this system has
    with pytest.raises(OSError, match="No space"):
        atomic_writes([(out / "a.json", b"new"), (out / "b.json", "{}")])
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]
    assert (out / "a.json").read_bytes() == b"old"


def test_files_are_created_with_the_umasks_mode(tmp_path):
    """mkstemp creates 0600: the team's other accounts and the web server could not read
    the curated and published files. They follow the umask, as open() would."""
    import os

    old = os.umask(0o022)
    try:
        atomic_writes([(tmp_path / "a.json", b"{}")])
        assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o644
        os.umask(0o027)
        atomic_writes([(tmp_path / "b.json", b"{}")])
        assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_the_markdown_copy_reads_as_the_page():
    from ascurate.emit import markdown

    art = _article()
    art.blocks = [
        Block("heading", "Criteria for Weight Loss Medication Prescriptions #", 2),
        Block("paragraph", "A BMI > 30 & a waist of 102 cm; AT&T, R&D and x < y stay as written."),
        Block("table", "Medication | Dose | Notes\nSemaglutide | 2.4 mg | weekly\nOrlistat | 120 mg"),
        Block("paragraph", "<script>alert(1)</script> &amp; &#60;b&#62;"),
        Block("paragraph", "1. not a list"),
        Block("paragraph", "# not a heading"),
    ]
    md = markdown(art)
    assert "## Criteria for Weight Loss Medication Prescriptions\n" in md  # no anchor glyph
    assert "A BMI > 30 & a waist of 102 cm; AT&T, R&D and x < y stay as written." in md  # not &gt; / &amp;
    assert ("| Medication | Dose | Notes |\n| --- | --- | --- |\n| Semaglutide | 2.4 mg | weekly |\n"
            "| Orlistat | 120 mg |  |") in md
    assert "&lt;script>alert(1)&lt;/script> &amp;amp; &amp;#60;b&amp;#62;" in md  # never markup
    assert "\n1\\. not a list\n" in md and "\n\\# not a heading\n" in md


def test_a_real_pages_reading_copy_keeps_its_table_and_references_apart(tmp_path, corpus, cfg):
    """health-dev/wcxb-0065: a table of medications, and references in paragraphs of one
    FAQ answer: they read as a Markdown table and as separate sentences."""
    import shutil

    from ascurate.pipeline import run

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(corpus / "health-dev" / "wcxb-0065.html", raw)
    run(raw, tmp_path / "out", cfg)
    (md,) = (tmp_path / "out" / "articles").glob("*.md")
    text = md.read_text(encoding="utf-8")
    assert "| Drug name | Brand name(s) | Approved for | How it’s administered | Frequency |\n| --- |" in text
    assert "| Semaglutide | Wegovy, Ozempic | Adults, Children 12+ | Injection | Once weekly |" in text
    # the citations (the gold leaves them out; the boilerplate model keeps or removes them by
    # its score) keep their paragraphs apart wherever they end up: in the text or a removal record
    (art,) = (json.loads(p.read_text()) for p in (tmp_path / "out" / "articles").glob("*.json"))
    kept = [art["text"]] + [r["text"] for r in art["removed"]]
    assert sum("PMC11101251. Rosenblum" in t for t in kept) == 1
    assert not any("PMC11101251.Rosenblum" in t for t in kept)
    assert "\n## Criteria for Weight Loss Medication Prescriptions\n" in text
