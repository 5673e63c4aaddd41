"""Boilerplate-model settings compared as they are shipped: through the win-back choice, by nested CV.

usage: python bench/bp_variants.py --cache CACHE [--variant NAME ...] [--threshold T]

The boilerplate trainer ranks its grid by the model alone (mean over corpora of the kept
blocks' F1), which does not rank two first models as the combined output does
(docs/cleaning.md, "Measured and not shipped"). Here each variant's out-of-fold scores (5
folds grouped by site, page types out of fold, `train.out_of_fold`) go through
`train_winback.choose_settings`, as `train_winback` would choose on them: the global
win-back setting, then one per page type, whose figure by **nested** CV (chosen on four
folds, applied to the fifth) is the one to compare. The win-back model's own out-of-fold
scores are the cache's (`train_winback` computes them once; they do not depend on the
boilerplate model). Each variant's scores are saved as `CACHE/variants/oof-<name>.npy`
(for `bench/boilerplate_cv.py --scores`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from ascurate import models
from ascurate.models import train, train_winback

# LightGBM settings tried on top of train.PARAMS ("shipped" is boilerplate-v2's)
VARIANTS: dict[str, dict[str, Any]] = {
    "shipped": {"num_leaves": 31, "rounds": 300},
    "leaves15": {"num_leaves": 15, "rounds": 300},
    "regular": {"num_leaves": 31, "rounds": 500, "min_data_in_leaf": 200, "lambda_l2": 10.0,
                "feature_fraction": 0.5},
    "wide": {"num_leaves": 63, "rounds": 500, "min_data_in_leaf": 100, "feature_fraction": 0.5},
    "extra": {"num_leaves": 31, "rounds": 600, "extra_trees": True, "feature_fraction": 0.5},
}


def scores_for(pages: list[train.Page], name: str, k: int, out: Path) -> list[np.ndarray]:
    """The variant's out-of-fold scores, from `out` when saved there."""
    path = out / f"oof-{name}.npy"
    at = np.cumsum([0, *(len(p.blocks) for p in pages)])
    if path.exists():
        flat = np.load(path)
    else:
        flat = np.concatenate(train.out_of_fold(pages, VARIANTS[name], k))
        np.save(path, flat)
    return [flat[at[i]:at[i + 1]] for i in range(len(pages))]


def card_row(name: str, pages: list[train.Page], scores: list[np.ndarray], threshold: float,
             segs: list[train_winback.PageSegments], types: np.ndarray,
             oof_wb: dict[int, list[np.ndarray]]) -> dict[str, Any]:
    """The shipped win-back card's settings applied as they are to the variant's scores."""
    card = models.card("winback")
    sc = train_winback.scoring(pages, scores, threshold, segs, types)
    found = train_winback.card_figures(pages, scores, threshold, segs, oof_wb[int(card["params"]["rounds"])], sc,
                                       card["by_type"])
    return {"variant": name, "threshold": f"winback-v{card['release']} as shipped", "nested": found}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, action="append",
                    help="boilerplate thresholds to choose the win-back settings at (default: the card's and "
                         "the variant's best by the trainer's rule)")
    ap.add_argument("--card", action="store_true",
                    help="also the shipped win-back card's settings as they are (nothing chosen) on each variant's "
                         "scores: the figure a new choice must beat")
    a = ap.parse_args(argv)
    out = a.cache / "variants"
    out.mkdir(parents=True, exist_ok=True)
    pages = train.load_pages(list(train.CORPORA), a.cache)
    train.with_page_types(pages, a.folds)
    segs = train_winback.load_segments(pages, a.cache)
    types = train_winback.page_types_cached(pages, segs, a.folds, a.cache)
    oof_wb = train_winback.out_of_fold_cached(pages, segs, types, a.folds, a.cache)
    shipped = float(models.card("boilerplate")["threshold"])
    results = []
    for name in a.variant or list(VARIANTS):
        t0, c0 = time.monotonic(), time.process_time()
        scores = scores_for(pages, name, a.folds, out)
        best, value = train.best_threshold(pages, scores)
        fitted = time.process_time() - c0
        if a.card:
            results.append(card_row(name, pages, scores, shipped, segs, types, oof_wb))
            print(json.dumps(results[-1]), flush=True)
        for threshold in sorted(set(a.threshold or [shipped, best])):
            found = train_winback.choose_settings(pages, scores, threshold, segs, types, oof_wb, a.folds)
            row = {"variant": name, "threshold": threshold, "trainer_best": best, "trainer_cv": round(value, 4),
                   "alone": found.alone, "nested": found.per_type["nested"], "chosen": found.per_type["figures"],
                   "by_type": found.per_type["by_type"], "rounds": found.chosen["rounds"],
                   "global_threshold": found.chosen["threshold"], "fit_cpu_s": round(fitted),
                   "cpu_s": round(time.process_time() - c0), "wall_s": round(time.monotonic() - t0)}
            results.append(row)
            print(json.dumps(row), flush=True)
    keys = ("wcxb-dev", "wcxb-dev article", "wcxb-dev service", "wcxb-dev forum", "wcxb-dev listing",
            "wcxb-dev product", "wcxb-dev collection", "wcxb-dev documentation", "health-dev", "bench",
            "health pages")
    print("\nnested (win-back settings chosen on four site folds, applied to the fifth):\n")
    print("| variant | bp threshold | " + " | ".join(keys) + " |\n|---|---|" + "---|" * len(keys))
    for r in results:
        print(f"| {r['variant']} | {r['threshold']} | " + " | ".join(f"{r['nested'][k]:.4f}" for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
