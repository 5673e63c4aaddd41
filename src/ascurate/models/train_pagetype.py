"""Train the page-type model: `python -m ascurate.models.train_pagetype [--furnitureset DIR] [--cv-only]`.

Data: wcxb-dev's pages with their `page_type`, plus health-dev's and bench's pages (all
articles), and with `--furnitureset DIR` real articles carrying planted furniture of the
tuned families only, as HTML (`python bench/furnitureset/generate.py --held-out none
--seed 7 --copies K --format html --write DIR`), labelled article: the corpora hold almost
no article with a cookie banner, a newsletter box and a comment thread, which made such
pages look like service pages. Figures come from 5-fold cross-validation grouped by site
(no site on both sides), on the real pages only: per-type precision and recall, and the
share of articles that the rejection threshold would reject. The folds are the real
pages'; a planted page goes to the fold of its source article's site (so a site's planted
copies never sit on both sides of a fold with its real page) and is only ever trained on.
The threshold is the lowest that rejects none of the health-dev and bench articles out of
fold and at most MAX_ARTICLE_REJECT of all articles. The model trained on all pages goes
to `<MODEL_NAME>.txt`, its card (version, features, classes, threshold, CV figures,
command) to `<MODEL_NAME>.json`.
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
from ..model import site_of
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
COPIES = 1  # --copies of the planted-furniture pages the card's command writes


def dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Features, labels (index in TYPES), site groups and corpus of every HTML page."""
    rows, labels, groups, corpora = [], [], [], []
    for page in pages(("wcxb-dev", "health-dev", "bench")):
        rows.append(page_features(load_html(page.content), page.gold.get("url")))
        labels.append(TYPES.index(page.page_type))
        groups.append(page.site)
        corpora.append(page.corpus)
    return np.array(rows), np.array(labels), np.array(groups), corpora


def planted(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (all article) and source sites of the planted-furniture HTML pages
    in `folder` (raw/*.html, gold/*.gold.json, as `generate.py --write` leaves them)."""
    rows, groups = [], []
    for g in sorted((folder / "gold").glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        if gold.get("format") != "html":
            raise ValueError(f"{g}: not an HTML page (generate.py --format html)")
        html = (folder / "raw" / gold["source"]).read_text(encoding="utf-8")
        rows.append(page_features(load_html(html), gold.get("url")))
        groups.append(site_of(gold.get("site")) or gold["source"])
    return np.array(rows), np.full(len(rows), TYPES.index("article")), np.array(groups)


Extra = tuple[np.ndarray, np.ndarray, np.ndarray]  # features, labels, sites of pages only trained on


def fit_without(x: np.ndarray, y: np.ndarray, rest: np.ndarray, extra: Extra | None,
                held_sites: set[str]) -> Any:
    """A model on the pages `rest` selects plus the extra pages of every site not in
    `held_sites`: the page-type model a fold would have."""
    if extra is None or not len(extra[1]):
        return train(x[rest], y[rest])
    take = np.array([s not in held_sites for s in extra[2]], dtype=bool)
    return train(np.vstack([x[rest], extra[0][take]]), np.concatenate([y[rest], extra[1][take]]))


def train(x: np.ndarray, y: np.ndarray) -> Any:
    import lightgbm

    return lightgbm.train(PARAMS, lightgbm.Dataset(x, y, feature_name=list(FEATURES)), ROUNDS)


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, extra: Extra | None = None) -> np.ndarray:
    """Out-of-fold probabilities of the real pages, folds grouped by site; the extra
    pages of a held-out site are left out of that fold's training too."""
    from sklearn.model_selection import GroupKFold

    oof = np.zeros((len(y), len(TYPES)))
    for fit, held in GroupKFold(FOLDS).split(x, y, groups):
        rest = np.zeros(len(y), dtype=bool)
        rest[fit] = True
        oof[held] = fit_without(x, y, rest, extra, set(groups[held].tolist())).predict(x[held])
    return oof


def planted_oof(x: np.ndarray, y: np.ndarray, groups: np.ndarray, extra: Extra) -> np.ndarray:
    """The planted pages' probabilities from models that saw neither their source site
    nor its planted copies (the real pages' folds; a site with no real page in a fold by
    the order of its name)."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros((len(extra[1]), len(TYPES)))
    site_fold: dict[str, int] = {}
    splits = list(GroupKFold(FOLDS).split(x, y, groups))
    for k, (_, held) in enumerate(splits):
        site_fold.update(dict.fromkeys(groups[held].tolist(), k))
    unknown = sorted(set(extra[2].tolist()) - set(site_fold))
    site_fold.update({s: i % FOLDS for i, s in enumerate(unknown)})
    fold_of = np.array([site_fold[s] for s in extra[2]])
    for k, (fit, _) in enumerate(splits):
        held_sites = {s for s, f in site_fold.items() if f == k}
        rest = np.zeros(len(y), dtype=bool)
        rest[fit] = True
        out[fold_of == k] = fit_without(x, y, rest, extra, held_sites).predict(extra[0][fold_of == k])
    return out


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
    ap.add_argument("--furnitureset", type=Path,
                    help="planted-furniture HTML pages of the tuned families, trained on as articles (see above)")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    if args.cache and args.cache.exists():
        saved = np.load(args.cache, allow_pickle=False)
        x, y, groups, corpora = saved["x"], saved["y"], saved["groups"], list(saved["corpora"])
    else:
        x, y, groups, corpora = dataset()
        if args.cache:
            np.savez(args.cache, x=x, y=y, groups=groups, corpora=np.array(corpora))
    extra = planted(args.furnitureset) if args.furnitureset else None
    oof = cross_validate(x, y, groups, extra)
    threshold = choose_threshold(oof, y, corpora)
    cv = report(oof, y, corpora, threshold)
    print_report(cv, threshold)
    if extra is not None:
        p = planted_oof(x, y, groups, extra)
        calls = {t: int((p.argmax(axis=1) == i).sum()) for i, t in enumerate(TYPES) if (p.argmax(axis=1) == i).any()}
        cv["planted"] = {"pages": len(extra[1]), "predicted_out_of_fold": calls,
                         "article_median": round(float(np.median(p[:, TYPES.index("article")])), 3)}
        print(f"planted pages ({len(extra[1])}, out of fold): predicted {calls}, "
              f"article probability median {cv['planted']['article_median']}")
    if args.cv_only:
        return
    booster = train(np.vstack([x, extra[0]]), np.concatenate([y, extra[1]])) if extra is not None else train(x, y)
    (HERE / f"{MODEL_NAME}.txt").write_text(booster.model_to_string(), encoding="utf-8")
    card = {"version": MODEL_NAME, "library": "lightgbm", "classes": list(TYPES), "features": list(FEATURES),
            "reject_threshold": threshold, "params": PARAMS, "rounds": ROUNDS,
            "trained_on": ["wcxb-dev (page_type)", "health-dev (article)", "bench (article)",
                           *([f"bench/furnitureset tuned families, HTML, {len(extra[1])} pages "
                              f"(--held-out none --seed 7 --copies {COPIES}) (article)"] if extra is not None else [])],
            "command": (f"python bench/furnitureset/generate.py --held-out none --seed 7 --copies {COPIES} --format html "
                        "--write /tmp/fs-html && python -m ascurate.models.train_pagetype --furnitureset /tmp/fs-html"
                        if extra is not None else "python -m ascurate.models.train_pagetype"),
            "cv": cv}
    (HERE / f"{MODEL_NAME}.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_NAME}.txt and .json in {time.monotonic() - t0:.0f} s")


if __name__ == "__main__":
    main()
