"""The end-of-article model (bench/tail_model.py, measured and not shipped): its boundary rows, the cohesion signal, the
trainer's target, and where a cut starts."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import tail_model as tail  # noqa: E402  (bench/tail_model.py)
from train_tail import gains  # noqa: E402  (bench/train_tail.py)

from ascurate.clean.boilerplate import FEATURES  # noqa: E402
from ascurate.clean.pagetype import TYPES  # noqa: E402
from ascurate.model import Block  # noqa: E402
from ascurate.models import train  # noqa: E402

ARTICLE = ["Gout is a form of arthritis caused by uric acid crystals in the joints.",
           "Uric acid builds up when the kidneys cannot clear it, and the joints swell.",
           "Doctors treat gout flares with anti-inflammatory drugs and lower uric acid over time.",
           "About the author: Jane writes about travel, gardening and recipes from her kitchen in Leeds."]


def _rows(texts: list[str]) -> np.ndarray:
    rows = np.zeros((len(texts), len(FEATURES)), dtype=np.float32)
    rows[:, FEATURES.index("log_words")] = [np.log1p(len(t.split())) for t in texts]
    rows[:, FEATURES.index("sentence_end")] = 1.0
    return rows


def test_cohesion_counts_the_words_seen_before_each_boundary():
    shared, suffix_tokens, novelty, titled = tail.cohesion(ARTICLE, "Gout and uric acid")
    # the bio shares no word with the article; the second paragraph shares "uric", "acid", "joints"
    assert novelty[3] == 1.0 and novelty[1] < 0.7
    assert titled.tolist() == [1.0, 1.0, 1.0, 0.0]
    assert shared[3] == 0.0 and shared[1] > 0
    assert suffix_tokens[0] == sum(len(tail._WORD.findall(t)) for t in ARTICLE)


def test_one_row_per_boundary_between_kept_blocks():
    scores = np.asarray([0.9, 0.2, 0.9, 0.9, 0.8])
    texts = [*ARTICLE[:1], "Share this", *ARTICLE[1:]]
    kept = tail.kept_blocks(scores, 0.5)
    x = tail.features(_rows(texts), scores, kept, np.full(len(TYPES), 1 / len(TYPES)), texts, "Gout")
    assert kept.tolist() == [0, 2, 3, 4]
    assert x.shape == (3, len(tail.NAMES))
    assert x[2, tail.NAMES.index("novelty_next")] == 1.0  # the bio's words are all new
    assert x[0, tail.NAMES.index("dropped_between")] > 0  # "Share this" lies between blocks 0 and 2
    assert tail.features(_rows(texts), scores, kept[:1], None, texts, None).shape == (0, len(tail.NAMES))


def test_the_cut_starts_after_the_boundary_of_highest_gain_over_the_threshold():
    kept = np.asarray([0, 2, 3, 4])
    predicted = np.asarray([-0.2, 0.001, 0.03])
    assert tail.cut(kept, predicted, 0.01, 6) == [4, 5]
    assert tail.cut(kept, predicted, 0.05, 6) == []


def test_the_target_is_what_cutting_does_to_precision_and_recall():
    gold = train.shingles(train._TOKEN.findall(" ".join(ARTICLE[:3])))
    found = gains(np.arange(4), ARTICLE, gold)
    # cutting the bio raises precision and keeps recall; cutting before the last paragraph loses recall
    assert found[2] > 0 and found[1] < 0 and found.argmax() == 2
    assert gains(np.arange(1), ARTICLE, Counter()).shape == (0,)



def test_the_boundaries_skip_what_the_repeats_step_drops():
    # a second copy of the article's paragraph (8+ words, in order) is the repeats step's, not a boundary here
    blocks = [Block("paragraph", t) for t in [*ARTICLE[:3], ARTICLE[1].upper(), ARTICLE[3], "Uric acid."]]
    setting = {"id": "furniture.repeat", "min_words": 8, "pattern": r"\w+"}
    assert tail.unrepeated(np.arange(6), blocks, [setting]).tolist() == [0, 1, 2, 4, 5]
    assert tail.unrepeated(np.arange(6), blocks, []).tolist() == list(range(6))
