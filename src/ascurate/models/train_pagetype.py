"""Train the page-type model: `python -m ascurate.models.train_pagetype [--cv-only]`.

Data: wcxb-dev's pages with their `page_type`, plus health-dev's and bench's pages (all
articles). Figures come from 5-fold cross-validation grouped by site (no site on both
sides): per-type precision and recall, and the share of articles that the rejection
threshold would reject. The threshold is the lowest that rejects none of the health-dev
and bench articles out of fold and at most MAX_ARTICLE_REJECT of all articles. The model
trained on all pages goes to `pagetype-v1.txt`, its card (version, features, classes,
threshold, CV figures) to `pagetype-v1.json`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..clean.pagetype import FEATURES, MODEL_NAME, TYPES, page_features
from ..extract import load_html
from .corpora import pages

HERE = Path(__file__).parent
FOLDS = 5
MAX_ARTICLE_REJECT = 0.01
PARAMS: dict[str, Any] = {
    "objective": "multiclass", "num_class": len(TYPES), "learning_rate": 0.05, "num_leaves": 15,
    "min_data_in_leaf": 10, "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True,
}
ROUNDS = 300


def dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Features, labels (index in TYPES), site groups and corpus of every HTML page."""
    rows, labels, groups, corpora = [], [], [], []
    for page in pages(("wcxb-dev", "health-dev", "bench")):
        rows.append(page_features(load_html(page.content), page.gold.get("url")))
        labels.append(TYPES.index(page.page_type))
        groups.append(page.site)
        corpora.append(page.corpus)
    return np.array(rows), np.array(labels), np.array(groups), corpora


def train(x: np.ndarray, y: np.ndarray) -> Any:
    import lightgbm

    return lightgbm.train(PARAMS, lightgbm.Dataset(x, y, feature_name=list(FEATURES)), ROUNDS)


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities, folds grouped by site."""
    from sklearn.model_selection import GroupKFold

    oof = np.zeros((len(y), len(TYPES)))
    for fit, held in GroupKFold(FOLDS).split(x, y, groups):
        oof[held] = train(x[fit], y[fit]).predict(x[held])
    return oof


def choose_threshold(oof: np.ndarray, y: np.ndarray, corpora: list[str]) -> float:
    article = TYPES.index("article")
    non_article = np.delete(oof, article, axis=1).max(axis=1)
    is_article = y == article
    ours = np.array([c in ("health-dev", "bench") for c in corpora]) & is_article
    for t in np.arange(0.30, 0.99, 0.01):
        rejected = non_article >= t
        if not rejected[ours].any() and rejected[is_article].mean() <= MAX_ARTICLE_REJECT:
            return round(float(t), 2)
    return 0.99


def report(oof: np.ndarray, y: np.ndarray, corpora: list[str], threshold: float) -> dict[str, Any]:
    pred = oof.argmax(axis=1)
    per_type = {}
    for i, t in enumerate(TYPES):
        tp = int(((pred == i) & (y == i)).sum())
        per_type[t] = {"precision": round(tp / max(1, (pred == i).sum()), 3),
                       "recall": round(tp / max(1, (y == i).sum()), 3), "pages": int((y == i).sum())}
    article = TYPES.index("article")
    non_article = np.delete(oof, article, axis=1).max(axis=1)
    rejected = non_article >= threshold
    is_article = y == article
    ours = np.array([c in ("health-dev", "bench") for c in corpora])
    return {
        "folds": FOLDS, "grouped_by": "site", "pages": len(y), "accuracy": round(float((pred == y).mean()), 3),
        "per_type": per_type,
        "articles_rejected": round(float(rejected[is_article].mean()), 4),
        "health_bench_articles_rejected": int(rejected[ours & is_article].sum()),
        "health_bench_articles": int((ours & is_article).sum()),
        "non_articles_rejected": round(float(rejected[~is_article].mean()), 3),
    }


def print_report(cv: dict[str, Any], threshold: float) -> None:
    print(f"page type, {cv['folds']}-fold CV grouped by site, {cv['pages']} pages, accuracy {cv['accuracy']}")
    print(f"{'type':<14}{'pages':>6}{'P':>8}{'R':>8}")
    for t, m in cv["per_type"].items():
        print(f"{t:<14}{m['pages']:>6}{m['precision']:>8.3f}{m['recall']:>8.3f}")
    print(f"reject threshold {threshold}: articles rejected {cv['articles_rejected']:.2%}, "
          f"health-dev+bench articles rejected {cv['health_bench_articles_rejected']}/{cv['health_bench_articles']}, "
          f"non-articles rejected {cv['non_articles_rejected']:.1%}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv-only", action="store_true", help="print the CV figures, write no model")
    ap.add_argument("--cache", type=Path, help="keep the page features in this file (.npz) between runs")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    if args.cache and args.cache.exists():
        saved = np.load(args.cache, allow_pickle=False)
        x, y, groups, corpora = saved["x"], saved["y"], saved["groups"], list(saved["corpora"])
    else:
        x, y, groups, corpora = dataset()
        if args.cache:
            np.savez(args.cache, x=x, y=y, groups=groups, corpora=np.array(corpora))
    oof = cross_validate(x, y, groups)
    threshold = choose_threshold(oof, y, corpora)
    cv = report(oof, y, corpora, threshold)
    print_report(cv, threshold)
    if args.cv_only:
        return
    booster = train(x, y)
    (HERE / f"{MODEL_NAME}.txt").write_text(booster.model_to_string(), encoding="utf-8")
    card = {"version": MODEL_NAME, "library": "lightgbm", "classes": list(TYPES), "features": list(FEATURES),
            "reject_threshold": threshold, "params": PARAMS, "rounds": ROUNDS,
            "trained_on": ["wcxb-dev (page_type)", "health-dev (article)", "bench (article)"],
            "command": "python -m ascurate.models.train_pagetype", "cv": cv}
    (HERE / f"{MODEL_NAME}.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_NAME}.txt and .json in {time.monotonic() - t0:.0f} s")


if __name__ == "__main__":
    main()
