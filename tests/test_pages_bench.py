"""The whole-page bench (bench/pages.py) lays its planted texts and widgets out as it says."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import pages  # noqa: E402 - the bench lives with the benches

from .corpus_pages import CORPUS  # noqa: E402


def test_the_middle_widget_never_cuts_a_planted_text_of_several_lines() -> None:
    """A text planted as several paragraphs (a testimony's label and its story, a chat's
    turns) stays one run: the middle widget goes between two paragraphs of the article
    nearest its middle, not between two lines of that text."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    docs, planted = pages.build(21, 30, "tuned")
    units = 0
    for doc in docs:
        order = [doc.paragraphs[i] if what == "p" else "" for what, i in doc.layout]
        for p in planted[doc.id]:
            if not p.lines:
                continue
            units += 1
            n = len(p.lines)
            assert any(pages._runs(order[k:k + n], p.lines) for k in range(len(order) - n + 1)), (doc.id, p.lines)
        widget = [k for k, (what, _) in enumerate(doc.layout) if what == "w"]
        assert len(widget) <= 3
    assert units >= 5  # the seed plants such texts on several pages
