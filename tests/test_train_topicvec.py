"""The topic-relatedness trainer (`bench/train_topicvec.py`, measured and not shipped) on real text: the health-dev
pages' gold main content. Its words are the ones `flags/topic.py` weighs (frequent words
carry no topic and are left out), and its vectors are deterministic, one unit row a stem."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import train_topicvec  # noqa: E402  (bench/train_topicvec.py)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def health_paragraphs() -> list[list[str]]:
    keep: dict[str, str | None] = {}
    out = []
    for g in sorted((CORPUS / "health-dev").glob("*.gold.json")):
        for p in json.loads(g.read_text(encoding="utf-8"))["main_content"].split("\n"):
            if p.strip():
                out.append(train_topicvec.stems_of(p, "en", keep))
    return out


def test_only_words_that_carry_topic_are_kept_as_stems():
    keep: dict[str, str | None] = {}
    stems = train_topicvec.stems_of("The doctor said that the inflammation would ease within a week.", "en", keep)
    assert stems == ["doctor", "inflam", "ease", "within", "week"]  # "the", "said", "that", "would": no topic
    assert keep["the"] is None and keep["said"] is None and keep["inflammation"] == "inflam"


def test_vectors_are_deterministic_unit_rows_of_the_frequent_stems():
    paras = health_paragraphs()
    stems, vec, figures = train_topicvec.vectors(paras)
    assert vec.dtype == np.float16 and vec.shape == (len(stems), train_topicvec.DIM)
    assert len(stems) > train_topicvec.DIM and figures["nonzero"] > 0
    norms = np.linalg.norm(vec.astype(np.float32), axis=1)
    # length one, or zero for a stem whose every neighbour is expected by chance (no positive PMI)
    assert np.all((np.abs(norms - 1.0) < 1e-2) | (norms == 0.0)) and (norms > 0).mean() > 0.99
    counts = {s: 0 for s in stems}
    for p in paras:
        for s in p:
            if s in counts:
                counts[s] += 1
    assert min(counts.values()) >= train_topicvec.MIN_COUNT
    again = train_topicvec.vectors(paras)
    assert again[0] == stems and np.array_equal(again[1], vec)
