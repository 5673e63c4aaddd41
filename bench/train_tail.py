"""The end-of-article model (`bench/tail_model.py`) by nested site-grouped CV:
`python bench/train_tail.py --cache CACHE [--cuts FILE]`.

The pages are the boilerplate model's (`train.load_pages`, the same cache), with their
out-of-fold boilerplate scores (`oof-boilerplate.npy`, the training command's) and
out-of-fold page-type probabilities (`oof-winback.npz`, `train_winback`'s). For every
boundary between two blocks the boilerplate model keeps, the target is what cutting there
does to the page's score (`gains`: the mean of the change of its precision and of its
recall, in score.py's 4-token shingles, against keeping every kept block); a LightGBM
regression learns it. On a page, the boundary of highest predicted gain is cut when that
gain is over the threshold. The threshold is chosen by cross-validation grouped by site,
nested: for each of 5 outer folds, an inner site-grouped CV on the other four gives out-of-
fold predictions there, the threshold (or none) with the best mean over the corpora of the
kept blocks' F1 is applied to the fold's pages with a model fitted on the four; the card's
threshold would be chosen the same way on all pages. Only pages predicted articles
(out of fold) are cut (`tail.JUDGED`). `--cuts FILE` writes each page's cut candidates
(nested, out of fold) for `bench/boilerplate_cv.py --tail FILE`. `--after-repeats` takes
the boundaries between the kept blocks the repeats step leaves (`tail.unrepeated`), so a
second copy of the article, which that step drops, is no gain to learn. Measured, not shipped
(docs/cleaning.md, "Measured and not shipped"): no model file is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import tail_model as tail  # bench/tail_model.py

from ascurate import rulebook
from ascurate.clean import pagetype
from ascurate.config import load_config
from ascurate.models import card, train

PARAMS: dict[str, Any] = {"objective": "regression", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 40,
                          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
                          "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True}
ROUNDS = 150
THRESHOLDS = (0.0, 0.002, 0.005, 0.01, 0.02, 0.04)
Data = tuple[np.ndarray, np.ndarray, np.ndarray]  # a page's kept blocks, its boundaries' rows, their gains


def gains(kept: np.ndarray, texts: list[str], gold: Counter[tuple[str, ...]]) -> np.ndarray:
    """Per boundary (as `tail.features`): the mean of the change of the page's precision
    and of its recall when the kept blocks after it go (score.py's shingles, `gold`'s)."""
    total = sum(gold.values())
    seen: Counter[tuple[str, ...]] = Counter()
    toks: list[str] = []
    tp = count = 0
    prec, rec = [], []
    for k in kept:
        start = len(toks)
        toks.extend(train._TOKEN.findall(texts[k]))
        for a in range(max(0, start - 3), len(toks) - 3):
            g = tuple(toks[a:a + 4])
            tp += seen[g] < gold.get(g, 0)
            seen[g] += 1
            count += 1
        prec.append(tp / count if count else 0.0)
        rec.append(tp / total if total else 1.0)
    if len(kept) < 2:
        return np.zeros(0, dtype=np.float32)
    p, r = np.asarray(prec), np.asarray(rec)
    return (((p[:-1] - p[-1]) + (r[:-1] - r[-1])) / 2).astype(np.float32)


def page_data(pages: list[train.Page], scores: list[np.ndarray], types: np.ndarray, threshold: float,
              golds: list[Counter[tuple[str, ...]]], repeats: list[dict] | None = None) -> list[Data]:
    """Each page's kept blocks (less the repeats step's, with `repeats`' settings), their
    boundaries' rows and gains."""
    out = []
    for p, s, t, g in zip(pages, scores, types, golds, strict=True):
        kept = tail.kept_blocks(s, threshold)
        if repeats:
            kept = tail.unrepeated(kept, p.blocks, repeats)
        texts = [b.text for b in p.blocks]
        out.append((kept, tail.features(p.rows, s, kept, t, texts, p.title), gains(kept, texts, g)))
    return out


def fit(data: list[Data], idx: list[int]) -> Any:
    import lightgbm

    x = np.concatenate([data[i][1] for i in idx if len(data[i][1])])
    y = np.concatenate([data[i][2] for i in idx if len(data[i][1])])
    found = lightgbm.Dataset(x, y, feature_name=list(tail.NAMES), free_raw_data=True)
    return lightgbm.train(PARAMS, found, num_boost_round=ROUNDS)


def predict(model: Any, data: list[Data], idx: list[int]) -> dict[int, np.ndarray]:
    return {int(i): model.predict(data[i][1], num_threads=1) if len(data[i][1]) else np.zeros(0) for i in idx}


ARTICLES: set[int] = set()  # the pages predicted articles (out of fold): the only ones cut


def cuts(pages: list[train.Page], data: list[Data], predicted: dict[int, np.ndarray], idx: list[int],
         threshold: float | None) -> dict[int, list[int]]:
    return {i: tail.cut(data[i][0], predicted[i], threshold, len(pages[i].blocks))
            if threshold is not None and i in ARTICLES else [] for i in idx}


def kept_text(page: train.Page, kept: np.ndarray, cut: list[int]) -> str:
    gone = set(cut)
    return "\n".join(page.blocks[i].text for i in kept if i not in gone)


def corpus_f1(pages: list[train.Page], data: list[Data], golds: list, found: dict[int, list[int]]) -> dict[str, float]:
    by: dict[str, list] = {}
    for i, c in found.items():
        by.setdefault(pages[i].corpus, []).append(train.page_f1(kept_text(pages[i], data[i][0], c), golds[i]))
    return {k: train.f1(v) for k, v in by.items()}


def choose(pages: list[train.Page], data: list[Data], golds: list, idx: list[int],
           k: int = 4) -> tuple[float | None, dict[float | None, float]]:
    """The threshold (None: no cut) with the best mean corpus F1 over an inner site-grouped
    CV of the pages `idx` (ties: no cut, then the higher threshold)."""
    predicted: dict[int, np.ndarray] = {}
    for test in train.folds([pages[i] for i in idx], k):
        held = set(test.tolist())
        model = fit(data, [idx[j] for j in range(len(idx)) if j not in held])
        predicted.update(predict(model, data, [idx[j] for j in test]))
    values = {t: float(np.mean(list(corpus_f1(pages, data, golds, cuts(pages, data, predicted, idx, t)).values())))
              for t in (None, *THRESHOLDS)}
    best = max(values, key=lambda t: (round(values[t], 6), 1.0 if t is None else t))
    return best, values


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="the training command's cache")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cuts", type=Path, help="write each page's cut candidates, nested out of fold")
    ap.add_argument("--after-repeats", action="store_true",
                    help="boundaries between the kept blocks the repeats step leaves (rules/furniture.toml [[repeat]])")
    a = ap.parse_args(argv)
    started = time.process_time()
    threshold = float(card("boilerplate")["threshold"])
    pages = train.load_pages(list(train.CORPORA), a.cache)
    flat = np.load(a.cache / "oof-boilerplate.npy")
    at = np.cumsum([0, *(len(p.blocks) for p in pages)])
    scores = [flat[at[i]:at[i + 1]] for i in range(len(pages))]
    types = np.load(a.cache / "oof-winback.npz")["types"]
    ARTICLES.update(i for i, t in enumerate(types) if pagetype.TYPES[int(np.argmax(t))] in tail.JUDGED)
    golds = [train.shingles(train._TOKEN.findall(p.gold)) for p in pages]
    repeats = list(rulebook.tables(rulebook.rule_paths(load_config(Path("/nonexistent/ascurate.toml"))),
                                   "repeat").values()) if a.after_repeats else None
    data = page_data(pages, scores, types, threshold, golds, repeats)
    nested: dict[int, list[int]] = {}
    for j, test in enumerate(train.folds(pages, a.folds)):
        held = set(test.tolist())
        rest = [i for i in range(len(pages)) if i not in held]
        t, values = choose(pages, data, golds, rest)
        print(f"fold {j}: threshold {t}; inner mean F1 " + ", ".join(f"{k}: {v:.4f}" for k, v in values.items()),
              flush=True)
        nested.update(cuts(pages, data, predict(fit(data, rest), data, list(test)), list(test), t))
    wcxb = [i for i, p in enumerate(pages) if p.corpus == "wcxb-dev"]
    groups = {"wcxb-dev": wcxb, **{f"wcxb-dev {t}": [i for i in wcxb if pages[i].page_type == t]
                                   for t in sorted({pages[i].page_type for i in wcxb})},
              **{c: [i for i, p in enumerate(pages) if p.corpus == c] for c in ("health-dev", "bench")},
              "health pages": [i for i, p in enumerate(pages) if p.corpus in ("health-dev", "bench")]}
    print("\n| pages | docs | kept blocks F1 | with the tail cut (nested CV) | pages cut |\n|---|---|---|---|---|")
    for label, idx in groups.items():
        before = train.f1([train.page_f1(kept_text(pages[i], data[i][0], []), golds[i]) for i in idx])
        after = train.f1([train.page_f1(kept_text(pages[i], data[i][0], nested[i]), golds[i]) for i in idx])
        print(f"| {label} | {len(idx)} | {before:.4f} | {after:.4f} | {sum(bool(nested[i]) for i in idx)} |")
    if a.cuts:
        a.cuts.write_text(json.dumps({f"{p.corpus}/{p.source}": nested[i] for i, p in enumerate(pages)}),
                          encoding="utf-8")
    print(f"\n{time.process_time() - started:.0f} CPU-seconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
