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
