"""Train a shipped model from the corpora: `python -m ascurate.models.train boilerplate`.

Every HTML page of the corpora (`../shared/corpus/{wcxb-dev,health-dev,bench}` by
default) goes through `extract`, as in a run; each candidate block is labelled main
content when most of its 4-token shingles (or, under four tokens, its tokens in a row)
are in the gold `main_content` (the scorer's measure). Hyper-parameters and the
threshold are chosen by cross-validation grouped by site (no site's pages on both
sides), on the pages' F1 as `../shared/tools/score.py` computes it; the model is then
fitted on every page and written beside its card (`boilerplate-v<N>.txt` / `.json`).
Extracted pages are kept in `--cache` so a second run skips extraction.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..clean.boilerplate import FEATURES
from ..config import load_config
from ..model import Block, site_of
from .editor_examples import load_editor_examples, relabel

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[3] / "shared"  # beside the worktree, as the tests find it
CORPORA = ("wcxb-dev", "health-dev", "bench")
_TOKEN = re.compile(r"\w+")
PARAMS: dict[str, Any] = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 40,
                          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
                          "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True}
GRID = [{"num_leaves": 15, "rounds": 300}, {"num_leaves": 31, "rounds": 300}]
THRESHOLDS = [round(x, 2) for x in np.arange(0.20, 0.71, 0.05)]


@dataclass(slots=True)
class Page:
    """One corpus page as extraction saw it, with its gold."""

    corpus: str
    source: str
    site: str
    page_type: str
    gold: str
    title: str | None
    blocks: list[Block]
    rows: np.ndarray
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0))


def shingles(tokens: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def labels(blocks: list[Block], gold: str) -> np.ndarray:
    """1 for a block whose shingles are mostly in the gold text (the scorer's tokens)."""
    gold_tokens = _TOKEN.findall(gold)
    grams = set(shingles(gold_tokens))
    joined = f" {' '.join(gold_tokens)} "
    out = []
    for b in blocks:
        toks = _TOKEN.findall(b.text)
        if len(toks) >= 4:
            s = shingles(toks)
            out.append(sum(c for g, c in s.items() if g in grams) / sum(s.values()) >= 0.5)
        else:
            out.append(bool(toks) and f" {' '.join(toks)} " in joined)
    return np.asarray(out, dtype=np.float32)


def weights(blocks: list[Block]) -> np.ndarray:
    """Long blocks weigh more (F1 counts tokens), short ones still count (leaks are short)."""
    return np.asarray([math.sqrt(max(1, len(_TOKEN.findall(b.text)))) for b in blocks], dtype=np.float32)


def load_pages(corpora: list[str], cache: Path | None) -> list[Page]:
    pages: list[Page] = []
    for name in corpora:
        pages.extend(_corpus(name, cache))
    return pages


def _corpus(name: str, cache: Path | None) -> list[Page]:
    """The corpus's pages, from the cache where they are there (whole, or in shards that
    `extract_corpus` wrote), else extracted now."""
    if cache is not None:
        stored = cache / f"{name}.json"
        shards = sorted(cache.glob(f"{name}.*of*.json"))
        if stored.exists() or shards:
            return _labelled([p for f in ([stored] if stored.exists() else shards) for p in _read_cache(f)])
    return _labelled(extract_corpus(name, cache))


def extract_corpus(name: str, cache: Path | None, shard: tuple[int, int] = (0, 1)) -> list[Page]:
    """Extract the corpus's HTML pages (those of `shard` k of n, by position), saving to
    the cache every 25 pages and resuming from what it holds."""
    from .. import ingest
    from ..extract import extract

    k, n = shard
    stored = None if cache is None else cache / (f"{name}.json" if n == 1 else f"{name}.{k}of{n}.json")
    pages = _read_cache(stored) if stored is not None and stored.exists() else []
    done = {p.source for p in pages}
    folder = SHARED / "corpus" / name
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    t0 = time.monotonic()
    sources = [s for i, s in enumerate(ingest.discover(folder, cfg)) if s.kind == "html" and i % n == k]
    for src in sources:
        gold_path = folder / (re.sub(r"\.html?(\.gz)?$", "", src.path) + ".gold.json")
        if src.path in done or not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for doc in ingest.read(src, cfg):
            if not hasattr(doc, "content"):
                continue
            ex = extract(doc)
            if ex.features is None or not ex.blocks:
                continue
            site = site_of(gold.get("site") or gold.get("url")) or src.path
            pages.append(Page(name, src.path, site, gold.get("page_type") or "article",
                              gold.get("main_content") or "", ex.title, ex.blocks, ex.features))
        if stored is not None and len(pages) % 25 == 0:
            _write_cache(stored, pages)
            print(f"  {name} {k}/{n}: {len(pages)} pages, {time.monotonic() - t0:.0f} s", file=sys.stderr)
    if stored is not None:
        _write_cache(stored, pages)
    return pages


def _write_cache(stored: Path, pages: list[Page]) -> None:
    stored.parent.mkdir(parents=True, exist_ok=True)
    np.save(stored.with_suffix(".npy"), np.concatenate([p.rows for p in pages]))
    stored.write_text(json.dumps([{"corpus": p.corpus, "source": p.source, "site": p.site,
                                   "page_type": p.page_type, "gold": p.gold, "title": p.title,
                                   "blocks": [[b.type, b.text, b.level] for b in p.blocks]} for p in pages]),
                      encoding="utf-8")


def _read_cache(stored: Path) -> list[Page]:
    data = json.loads(stored.read_text(encoding="utf-8"))
    rows = np.load(stored.with_suffix(".npy"))
    pages, at = [], 0
    for d in data:
        blocks = [Block(t, x, lv) for t, x, lv in d.pop("blocks")]
        pages.append(Page(**d, blocks=blocks, rows=rows[at:at + len(blocks)]))
        at += len(blocks)
    return pages


def _labelled(pages: list[Page]) -> list[Page]:
    for p in pages:
        p.labels = labels(p.blocks, p.gold)
    return pages


def fit(pages: list[Page], params: dict[str, Any]) -> Any:
    import lightgbm

    x = np.concatenate([p.rows for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([weights(p.blocks) for p in pages])
    data = lightgbm.Dataset(x, y, weight=w, feature_name=list(FEATURES), free_raw_data=True)
    rest = {k: v for k, v in params.items() if k != "rounds"}
    return lightgbm.train({**PARAMS, **rest}, data, num_boost_round=params["rounds"])


def folds(pages: list[Page], k: int = 5) -> list[np.ndarray]:
    """Page indices of each fold, grouped by site."""
    from sklearn.model_selection import GroupKFold

    idx = np.arange(len(pages))
    groups = [p.site for p in pages]
    return [test for _, test in GroupKFold(n_splits=k).split(idx, groups=groups)]


def out_of_fold(pages: list[Page], params: dict[str, Any], k: int = 5) -> list[np.ndarray]:
    """Each page's block scores from the model of the fold that did not see its site."""
    scores: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for test in folds(pages, k):
        held = set(test.tolist())
        model = fit([p for i, p in enumerate(pages) if i not in held], params)
        for i in test:
            scores[i] = model.predict(pages[i].rows)
    return scores


def page_f1(text: str, gold: str | Counter[tuple[str, ...]]) -> tuple[float | None, float]:
    """score.py's precision and recall of one page (`gold`: its text or its shingles)."""
    p = shingles(_TOKEN.findall(text))
    g = shingles(_TOKEN.findall(gold)) if isinstance(gold, str) else gold
    tp = sum((p & g).values())
    fp, fn = sum((p - g).values()), sum((g - p).values())
    return (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else 1.0)


def f1(prs: list[tuple[float | None, float]]) -> float:
    """score.py's F1: of the mean precision (pages with text) and the mean recall."""
    ps = [p for p, _ in prs if p is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(r for _, r in prs) / len(prs) if prs else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def model_text(page: Page, scores: np.ndarray, threshold: float) -> str:
    return "\n".join(b.text for b, s in zip(page.blocks, scores, strict=True) if s >= threshold)


def best_threshold(pages: list[Page], scores: list[np.ndarray]) -> tuple[float, float]:
    """The threshold with the best mean F1 over the corpora (each corpus weighs the same)."""
    by_corpus: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        by_corpus.setdefault(p.corpus, []).append(i)
    golds = [shingles(_TOKEN.findall(p.gold)) for p in pages]
    best = (0.5, -1.0)
    for t in THRESHOLDS:
        value = float(np.mean([f1([page_f1(model_text(pages[i], scores[i], t), golds[i]) for i in idx])
                               for idx in by_corpus.values()]))
        if value > best[1]:
            best = (t, value)
    return best


def train_boilerplate(corpora: list[str], cache: Path | None, version: int, k: int,
                      editor_examples: Path | None = None) -> dict[str, Any]:
    """`editor_examples`: the review desk's `editor-examples.jsonl`; where an editor restored
    or removed a block, their label replaces the gold's on every page of that site."""
    t0 = time.monotonic()
    pages = load_pages(corpora, cache)
    examples = load_editor_examples(editor_examples) if editor_examples else []
    for p in pages:
        p.labels = relabel(p.site, p.blocks, p.labels, examples)
    print(f"{len(pages)} pages, {sum(len(p.blocks) for p in pages)} blocks ({time.monotonic() - t0:.0f} s)",
          file=sys.stderr)
    trials = []
    oof = {}
    for n, params in enumerate(GRID):
        scores = out_of_fold(pages, params, k)
        threshold, value = best_threshold(pages, scores)
        oof[n] = scores
        trials.append({"params": params, "threshold": threshold, "cv_mean_f1": round(value, 4)})
        print(f"  {params}: threshold {threshold}, CV F1 {value:.4f} ({time.monotonic() - t0:.0f} s)",
              file=sys.stderr)
    chosen = max(trials, key=lambda t: t["cv_mean_f1"])
    if cache is not None:  # the chosen trial's out-of-fold scores, for bench/boilerplate_cv.py
        np.save(cache / "oof-boilerplate.npy", np.concatenate(oof[trials.index(chosen)]))
    model = fit(pages, chosen["params"])
    name = f"boilerplate-v{version}"
    model.save_model(str(HERE / f"{name}.txt"))
    import lightgbm

    card = {
        "name": "boilerplate", "version": version, "file": f"{name}.txt", "library": f"lightgbm {lightgbm.__version__}",
        "features": list(FEATURES), "threshold": chosen["threshold"], "params": {**PARAMS, **chosen["params"]},
        "corpora": {c: sum(p.corpus == c for p in pages) for c in corpora},
        "editor_examples": len(examples),
        "cross_validation": {"folds": k, "grouped_by": "site", "measure": "mean over corpora of score.py F1 "
                             "of the kept blocks' text", "trials": trials},
        "command": "python -m ascurate.models.train boilerplate",
        "trained_in_seconds": round(time.monotonic() - t0),
    }
    (HERE / f"{name}.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=["boilerplate"])
    ap.add_argument("--corpus", action="append", help=f"corpus folder under ../shared/corpus (default: {CORPORA})")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ascurate-train")
    ap.add_argument("--version", type=int, default=1)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--editor-examples", type=Path,
                    help="the review desk's labelled blocks (CURATED/.ascurate/editor-examples.jsonl)")
    a = ap.parse_args(argv)
    card = train_boilerplate(a.corpus or list(CORPORA), a.cache, a.version, a.folds, a.editor_examples)
    print(json.dumps({k: card[k] for k in ("version", "threshold", "corpora", "trained_in_seconds")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
