"""Train a shipped model from the corpora: `python -m ascurate.models.train boilerplate`.

Every HTML page of the corpora (`../shared/corpus/{wcxb-dev,health-dev,bench}` by
default) goes through `extract`, as in a run; each candidate block is labelled main
content when most of its 4-token shingles (or, under four tokens, its tokens in a row)
are in the gold `main_content` (the scorer's measure). Hyper-parameters and the
threshold are chosen by cross-validation grouped by site (no site's pages on both
sides), on the pages' F1 as `../shared/tools/score.py` computes it; the model is then
fitted on every page and written beside its card (`boilerplate-v<N>.txt` / `.json`).
`--columns lexical` adds the lexical column (`clean/lexical.py`: a linear model over the
blocks' words, out of fold by site in training, nested inside each fold's training pages;
its weights written beside the model as `boilerplate-v<N>-lexical.json`); measured, not
shipped (docs/cleaning.md, "Measured and not shipped").
Extracted pages are kept in `--cache` so a second run skips extraction; `--jobs N`
(default: the cores) extracts a corpus missing from it in N worker processes, joined in
the order one process extracts them (the same cache file, so the same model).
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

from ..clean import lexical
from ..clean.boilerplate import FEATURES, MODEL_FEATURES, TYPE_NAMES, WORDS_NAMES, Memo, model_rows
from ..clean.boilerplate import features as block_features
from ..config import load_config
from ..model import Block, site_of
from .editor_examples import load_editor_examples, relabel
from .parallel import Pool, default_jobs

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[3] / "shared"  # beside the worktree, as the tests find it
CORPORA = ("wcxb-dev", "health-dev", "bench")
_TOKEN = re.compile(r"\w+")
PARAMS: dict[str, Any] = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 40,
                          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
                          "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True}
GRID = [{"num_leaves": 15, "rounds": 300}, {"num_leaves": 31, "rounds": 300}]
THRESHOLDS = [round(x, 2) for x in np.arange(0.20, 0.71, 0.05)]
PAGE_NAMES_AT = (FEATURES.index("in_precise"), FEATURES.index("wide_extends"))  # read back from cached rows
# the feature sets `--columns` can train on: v2's with the words columns (boilerplate-v3's, the
# shipped model's), boilerplate-v2's, v2's with the lexical column (measured, not shipped:
# docs/cleaning.md), or v1's (no context, no page type)
V2_FEATURES = [c for c in MODEL_FEATURES if c != lexical.LEXICAL and c not in WORDS_NAMES]
COLUMNS = {"v2": V2_FEATURES, "words": [*V2_FEATURES, *WORDS_NAMES], "lexical": [*V2_FEATURES, lexical.LEXICAL],
           "v1": [c for c in FEATURES if c in FEATURES[:FEATURES.index("block_share")]]}
# the lexical model's vocabulary (terms on at least `min_groups` sites, the `size` most
# widespread) and its inverse regularisation, chosen by its own site-grouped CV (ROC AUC)
LEXICAL_PARAMS: dict[str, Any] = {"min_groups": 5, "size": 8000, "c": 0.3}


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
    kind: np.ndarray = field(default_factory=lambda: np.zeros(0))  # the page-type model's features
    types: np.ndarray | None = None  # its probabilities, out of fold (`with_page_types`)
    lexical: np.ndarray | None = None  # its blocks' lexical scores, out of fold (`lexical_columns`)
    terms: list[set[str]] | None = None  # its blocks' `lexical.terms`, once (`block_terms`)


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


PAGE_WEIGHT = 60.0  # a page's blocks weigh this much together (about the mean number of candidates)


def page_weights(blocks: list[Block]) -> np.ndarray:
    """`weights` scaled so that every page weighs the same: score.py averages precision and
    recall over pages, and a listing of 400 cards would otherwise outweigh 20 articles."""
    found = weights(blocks)
    return found * (PAGE_WEIGHT / max(1e-6, float(found.sum())))


TYPE_WEIGHTS: dict[str, float] = {}  # a page type's pages weigh this much more (none: 1)
CORPUS_WEIGHTS: dict[str, float] = {}  # a corpus's pages weigh this much more (none: 1)


def weight_of(page: Page) -> float:
    """How much more the page weighs than one of 1 (`TYPE_WEIGHTS`, `CORPUS_WEIGHTS`)."""
    return TYPE_WEIGHTS.get(page.page_type, 1.0) * CORPUS_WEIGHTS.get(page.corpus, 1.0)


def load_pages(corpora: list[str], cache: Path | None, jobs: int = 1) -> list[Page]:
    """`jobs`: worker processes extracting a corpus that is not in the cache."""
    pages: list[Page] = []
    for name in corpora:
        pages.extend(_corpus(name, cache, jobs))
    return pages


def _corpus(name: str, cache: Path | None, jobs: int = 1) -> list[Page]:
    """The corpus's pages, from the cache where they are there (whole, or in shards that
    `extract_corpus` wrote), else extracted now (in `jobs` processes)."""
    if cache is not None:
        stored = cache / f"{name}.json"
        shards = sorted(cache.glob(f"{name}.*of*.json"))
        if stored.exists() or shards:
            pages = [p for f in ([stored] if stored.exists() else shards) for p in _read_cache(f)]
            if any(p.rows.shape[1] != len(FEATURES) or not len(p.kind) for p in pages):
                refeaturise(name, pages)
                _write_cache(stored, pages)
            return _labelled(pages)
    return _labelled(extract_corpus(name, cache) if jobs <= 1 else extract_in_workers(name, cache, jobs))


def extract_in_workers(name: str, cache: Path | None, jobs: int) -> list[Page]:
    """`extract_corpus` of shard k of `jobs` in worker k, the pages put back in the order
    one process extracts them (the discovery order) and cached as one process caches
    them: the pages, their order and so the model are those of `extract_corpus` alone.
    The workers keep their shards in `<cache>/<name>.parts/` while they run (an interrupted
    run resumes from them; `_corpus` does not take them for the corpus)."""
    import shutil

    from .. import ingest

    parts_dir = None if cache is None else cache / f"{name}.parts"
    with Pool(jobs) as pool:
        parts = [pool.submit(extract_corpus, name, parts_dir, (k, jobs)) for k in range(jobs)]
        found = [p for part in parts for p in part.result()]
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    order = {s.path: i for i, s in enumerate(ingest.discover(SHARED / "corpus" / name, cfg))}
    pages = sorted(found, key=lambda p: order[p.source])  # stable: a source's pages keep their order
    if cache is not None and parts_dir is not None:
        _write_cache(cache / f"{name}.json", pages)
        shutil.rmtree(parts_dir)
    return pages


def refeaturise(name: str, pages: list[Page]) -> None:
    """The pages' rows computed again from their cached candidates (the feature set
    changed: extraction's blocks are kept, so trafilatura does not run again), as
    `extract_html` computes them, and their page-type features."""
    from .. import ingest
    from ..clean import pagetype
    from ..extract import load_html
    from ..extract.segments import dom_index, locate

    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    folder = SHARED / "corpus" / name
    by_source = {p.source: p for p in pages}
    precise, wide = PAGE_NAMES_AT
    t0 = time.monotonic()
    for n, src in enumerate(s for s in ingest.discover(folder, cfg) if s.path in by_source):
        page = by_source[src.path]
        for doc in ingest.read(src, cfg):
            if not hasattr(doc, "content"):
                continue
            tree = load_html(doc.content)
            page.kind = np.asarray(pagetype.page_features(tree, _url(folder, src.path) or doc.url), dtype=np.float32)
            index = dom_index(tree) if tree is not None else None
            located = locate(index, page.blocks) if index is not None else None
            page.rows = block_features(page.blocks, [bool(r[precise]) for r in page.rows], located,
                                       bool(page.rows[0][wide]), Memo(), index)
        if n % 200 == 0:
            print(f"  {name}: features of {n} pages, {time.monotonic() - t0:.0f} s", file=sys.stderr)


def _url(folder: Path, source: str) -> str | None:
    gold = folder / (re.sub(r"\.html?(\.gz)?$", "", source) + ".gold.json")
    return json.loads(gold.read_text(encoding="utf-8")).get("url") if gold.exists() else None


def extract_corpus(name: str, cache: Path | None, shard: tuple[int, int] = (0, 1)) -> list[Page]:
    """Extract the corpus's HTML pages (those of `shard` k of n, by position), saving to
    the cache every 25 pages and resuming from what it holds."""
    from .. import ingest
    from ..clean import pagetype
    from ..extract import extract, load_html

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
            tree = load_html(doc.content)
            ex = extract(doc, tree)
            if ex.features is None or not ex.blocks:
                continue
            site = site_of(gold.get("site") or gold.get("url")) or src.path
            kind = np.asarray(pagetype.page_features(tree, gold.get("url") or doc.url), dtype=np.float32)
            pages.append(Page(name, src.path, site, gold.get("page_type") or "article",
                              gold.get("main_content") or "", ex.title, ex.blocks, ex.features, kind=kind))
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
                                   "kind": p.kind.tolist(),
                                   "blocks": [[b.type, b.text, b.level] for b in p.blocks]} for p in pages]),
                      encoding="utf-8")


def _read_cache(stored: Path) -> list[Page]:
    data = json.loads(stored.read_text(encoding="utf-8"))
    rows = np.load(stored.with_suffix(".npy"))
    pages, at = [], 0
    for d in data:
        blocks = [Block(t, x, lv) for t, x, lv in d.pop("blocks")]
        kind = np.asarray(d.pop("kind", []), dtype=np.float32)
        pages.append(Page(**d, blocks=blocks, rows=rows[at:at + len(blocks)], kind=kind))
        at += len(blocks)
    return pages


def _labelled(pages: list[Page]) -> list[Page]:
    for p in pages:
        p.labels = labels(p.blocks, p.gold)
    return pages


def page_rows(page: Page, columns: list[str] = V2_FEATURES) -> np.ndarray:
    """The page's rows as the model reads them: with its page-type probabilities (out of
    fold), in `columns`."""
    return model_rows(page.rows, page.types, columns, page.lexical, page.blocks)


def fit(pages: list[Page], params: dict[str, Any], columns: list[str] = V2_FEATURES) -> Any:
    import lightgbm

    x = np.concatenate([page_rows(p, columns) for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([page_weights(p.blocks) * weight_of(p) for p in pages])
    data = lightgbm.Dataset(x, y, weight=w, feature_name=list(columns), free_raw_data=True)
    rest = {k: v for k, v in params.items() if k != "rounds"}
    return lightgbm.train({**PARAMS, **rest}, data, num_boost_round=params["rounds"])


def with_page_types(pages: list[Page], k: int = 5) -> np.ndarray:
    """Each page's page-type probabilities from a page-type model fitted on the other
    folds (`train_pagetype`'s parameters, the same site-grouped folds): the shipped model was
    trained on these pages, so its own calls would be better here than on a new site."""
    from ..clean.pagetype import TYPES
    from .train_pagetype import train as fit_pagetype

    x = np.stack([p.kind for p in pages])
    y = np.asarray([TYPES.index(p.page_type) for p in pages])
    out = np.zeros((len(pages), len(TYPES)), dtype=np.float32)
    for test in folds(pages, k):
        rest = np.ones(len(pages), dtype=bool)
        rest[test] = False
        out[test] = fit_pagetype(x[rest], y[rest]).predict(x[test])
    for p, t in zip(pages, out, strict=True):
        p.types = t
    return out


def folds(pages: list[Page], k: int = 5) -> list[np.ndarray]:
    """Page indices of each fold, grouped by site."""
    from sklearn.model_selection import GroupKFold

    idx = np.arange(len(pages))
    groups = [p.site for p in pages]
    return [test for _, test in GroupKFold(n_splits=k).split(idx, groups=groups)]


def block_terms(page: Page) -> list[set[str]]:
    """The page's blocks' lexical terms (worked out once: every fold's fit reads them)."""
    if page.terms is None:
        page.terms = [lexical.terms(b.text) for b in page.blocks]
    return page.terms


def fit_lexical(pages: list[Page]) -> lexical.Lexicon:
    """The lexical model on `pages`' blocks, labelled and weighed as the boilerplate model's."""
    docs = [t for p in pages for t in block_terms(p)]
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([page_weights(p.blocks) for p in pages])
    return lexical.fit(docs, y, w, [p.site for p in pages for _ in p.blocks], **LEXICAL_PARAMS)


def lexical_scores(pages: list[Page], train_idx: np.ndarray, test_idx: np.ndarray,
                   into: list[np.ndarray]) -> None:
    """`into[i]` for each page i of `test_idx`: the lexical scores of a model fitted on `train_idx`."""
    model = fit_lexical([pages[i] for i in train_idx])
    for i in test_idx:
        into[i] = model.scores(b.text for b in pages[i].blocks)


def lexical_columns(pages: list[Page], k: int = 5) -> list[list[np.ndarray]]:
    """For each site fold, the lexical column its boilerplate model is fitted and judged
    with: on the other folds' pages, out of fold among them (a model fitted on the
    remaining folds: the column the boilerplate model learns from never saw the page, as
    at run time); on the fold's own pages, the model fitted on all the others."""
    sets = folds(pages, k)
    fold_of = np.zeros(len(pages), dtype=int)
    for j, test in enumerate(sets):
        fold_of[test] = j
    out = []
    for j, test in enumerate(sets):
        col: list[np.ndarray] = [np.zeros(0)] * len(pages)
        for m, inner in enumerate(sets):
            if m != j:
                lexical_scores(pages, np.flatnonzero((fold_of != j) & (fold_of != m)), inner, col)
        lexical_scores(pages, np.flatnonzero(fold_of != j), test, col)
        out.append(col)
    return out


def with_lexical(pages: list[Page], k: int = 5) -> None:
    """Each page's lexical column out of fold (the model of the other site folds): what
    the final boilerplate model is fitted on."""
    col: list[np.ndarray] = [np.zeros(0)] * len(pages)
    sets = folds(pages, k)
    for test in sets:
        held = np.zeros(len(pages), dtype=bool)
        held[test] = True
        lexical_scores(pages, np.flatnonzero(~held), test, col)
    for p, c in zip(pages, col, strict=True):
        p.lexical = c


def out_of_fold(pages: list[Page], params: dict[str, Any], k: int = 5,
                columns: list[str] = V2_FEATURES, nested: list[list[np.ndarray]] | None = None) -> list[np.ndarray]:
    """Each page's block scores from the model of the fold that did not see its site.
    When the model reads the lexical column, `nested` gives it per fold
    (`lexical_columns`, computed here if not given)."""
    if lexical.LEXICAL in columns and nested is None:
        nested = lexical_columns(pages, k)
    before = [p.lexical for p in pages]
    scores: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for j, test in enumerate(folds(pages, k)):
        if nested is not None and lexical.LEXICAL in columns:
            for p, c in zip(pages, nested[j], strict=True):
                p.lexical = c
        held = set(test.tolist())
        model = fit([p for i, p in enumerate(pages) if i not in held], params, columns)
        for i in test:
            scores[i] = model.predict(page_rows(pages[i], columns))
    for p, c in zip(pages, before, strict=True):
        p.lexical = c
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


THRESHOLD_TIE = 0.001  # mean F1 within this of the best: the higher threshold (fewer leaks) wins


def best_threshold(pages: list[Page], scores: list[np.ndarray]) -> tuple[float, float]:
    """The threshold with the best mean F1 over the corpora (each corpus weighs the same);
    within `THRESHOLD_TIE` of it, the highest (the curve is flat near its top, and what
    a lower threshold keeps on top is mostly furniture)."""
    by_corpus: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        by_corpus.setdefault(p.corpus, []).append(i)
    golds = [shingles(_TOKEN.findall(p.gold)) for p in pages]
    values = {t: float(np.mean([f1([page_f1(model_text(pages[i], scores[i], t), golds[i]) for i in idx])
                                for idx in by_corpus.values()])) for t in THRESHOLDS}
    top = max(values.values())
    chosen = max(t for t, v in values.items() if v >= top - THRESHOLD_TIE)
    return chosen, values[chosen]


def train_boilerplate(corpora: list[str], cache: Path | None, version: int, k: int,
                      editor_examples: Path | None = None, columns: str = "words", jobs: int = 1) -> dict[str, Any]:
    """`editor_examples`: the review desk's `editor-examples.jsonl`; where an editor restored
    or removed a block, their label replaces the gold's on every page of that site.
    `columns`: a key of `COLUMNS`; `jobs`: processes extracting what is not cached."""
    t0, c0 = time.monotonic(), time.process_time()
    pages = load_pages(corpora, cache, jobs)
    with_page_types(pages, k)
    names = COLUMNS[columns]
    examples = load_editor_examples(editor_examples) if editor_examples else []
    for p in pages:
        p.labels = relabel(p.site, p.blocks, p.labels, examples)
    print(f"{len(pages)} pages, {sum(len(p.blocks) for p in pages)} blocks ({time.monotonic() - t0:.0f} s)",
          file=sys.stderr)
    reads_words = lexical.LEXICAL in names
    nested = lexical_columns(pages, k) if reads_words else None
    if reads_words:
        print(f"  lexical columns, nested ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    trials = []
    oof = {}
    for n, params in enumerate(GRID):
        scores = out_of_fold(pages, params, k, names, nested)
        threshold, value = best_threshold(pages, scores)
        oof[n] = scores
        trials.append({"params": params, "threshold": threshold, "cv_mean_f1": round(value, 4)})
        print(f"  {params}: threshold {threshold}, CV F1 {value:.4f} ({time.monotonic() - t0:.0f} s)",
              file=sys.stderr)
    chosen = max(trials, key=lambda t: t["cv_mean_f1"])
    if cache is not None:  # the chosen trial's out-of-fold scores, for bench/boilerplate_cv.py
        np.save(cache / "oof-boilerplate.npy", np.concatenate(oof[trials.index(chosen)]))
    name = f"boilerplate-v{version}"
    lexicon = None
    if reads_words:
        with_lexical(pages, k)  # the final model learns from out-of-fold scores, as the folds' did
        lexicon = fit_lexical(pages)  # what gives the column at run time
        (HERE / f"{name}-lexical.json").write_text(json.dumps(
            {"model": f"{name}-lexical", "terms": "clean.lexical.terms", **LEXICAL_PARAMS, **lexicon.to_json()},
            ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    model = fit(pages, chosen["params"], names)
    model.save_model(str(HERE / f"{name}.txt"))
    import lightgbm

    card = {
        "name": "boilerplate", "version": version, "file": f"{name}.txt", "library": f"lightgbm {lightgbm.__version__}",
        "features": list(names), "threshold": chosen["threshold"], "params": {**PARAMS, **chosen["params"]},
        "page_types": "the page-type model's probabilities (" + ", ".join(TYPE_NAMES) + "): in training, out "
                      "of fold (a page-type model with train_pagetype's parameters fitted on the other site folds: "
                      "the shipped page-type model was trained on these pages), fitted on them too; at run time, the shipped "
                      "page-type model's"
                      if set(TYPE_NAMES) <= set(names) else "not used",
        **({"lexical": f"{name}-lexical.json", "lexical_params": LEXICAL_PARAMS,
            "lexical_terms": len(lexicon.weights) if lexicon else 0} if reads_words else {}),
        "corpora": {c: sum(p.corpus == c for p in pages) for c in corpora},
        "editor_examples": len(examples),
        "cross_validation": {"folds": k, "grouped_by": "site", "measure": "mean over corpora of score.py F1 "
                             "of the kept blocks' text", "trials": trials},
        "command": "python -m ascurate.models.train boilerplate" + ("" if columns == "words" else f" --columns {columns}")
                   + ("" if version == 3 else f" --version {version}"),
        "trained_in_seconds": round(time.monotonic() - t0),
        "trained_in_cpu_seconds": round(time.process_time() - c0),
    }
    (HERE / f"{name}.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=["boilerplate"])
    ap.add_argument("--corpus", action="append", help=f"corpus folder under ../shared/corpus (default: {CORPORA})")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ascurate-train")
    ap.add_argument("--version", type=int, default=3)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--columns", choices=sorted(COLUMNS), default="words",
                    help="the features: boilerplate-v3's (v2's and the words columns, clean/boilerplate.page_words), "
                         "boilerplate-v2's, v2's and the lexical column (clean/lexical.py; measured, not shipped), "
                         "or v1's (to measure what the others add)")
    ap.add_argument("--editor-examples", type=Path,
                    help="the review desk's labelled blocks (CURATED/.ascurate/editor-examples.jsonl)")
    ap.add_argument("--jobs", type=int, default=default_jobs(),
                    help="processes extracting the corpora not in the cache (default: the cores); the cache is the same")
    a = ap.parse_args(argv)
    card = train_boilerplate(a.corpus or list(CORPORA), a.cache, a.version, a.folds, a.editor_examples, a.columns,
                             a.jobs)
    print(json.dumps({k: card[k] for k in ("version", "threshold", "corpora", "trained_in_seconds")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
