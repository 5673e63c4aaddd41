"""Train the win-back model: `python -m ascurate.models.train_winback`.

The pages are the boilerplate model's (`train.load_pages`, the same cache): each page's
candidates from trafilatura's two passes, and their out-of-fold boilerplate scores from
the training command's cache (`oof-boilerplate.npy`, recomputed with the shipped card's
parameters when absent). Each page is parsed again for its segments that neither pass
kept (`clean/winback.py`), labelled as the boilerplate model's candidates are (most of
their shingles in the gold). Folds are grouped by site, the same folds for both models;
the threshold and the gate (the largest share of the page's text trafilatura may keep
for the segments to be judged) are chosen on the combined output (the boilerplate
model's kept blocks plus the segments won back, scored as score.py does): the best
wcxb-dev F1 among the settings that leave the health pages' F1 (health-dev and bench) no
lower than the boilerplate model's alone (`choose`). The model is then fitted on every page and written as `winback-v<N>.txt` with
its card.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..clean import winback
from ..clean.boilerplate import FEATURES as BOILERPLATE_FEATURES
from ..clean.boilerplate import Memo
from ..config import load_config
from ..extract import load_html
from ..extract.segments import coverage, dom_index, locate
from ..model import Block
from . import card, train

HERE = Path(__file__).resolve().parent
PARAMS: dict[str, Any] = {"objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "min_data_in_leaf": 40,
                          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
                          "max_bin": 63, "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True}
ROUNDS = (100, 200)
GATES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
COST_TIE = 0.001  # wcxb-dev F1 worth giving up for fewer pages judged
_IN_PRECISE = BOILERPLATE_FEATURES.index("in_precise")
_WIDE = BOILERPLATE_FEATURES.index("wide_extends")


@dataclass(slots=True)
class PageSegments:
    """One page's win-back candidates (every uncovered segment: no gate), their labels,
    and the share of the page's text trafilatura's candidates hold."""

    kept: float
    found: winback.Candidates | None
    labels: np.ndarray


def contents(corpus: str) -> dict[str, str]:
    """The corpus's HTML pages as the pipeline reads them, by source path."""
    from .. import ingest

    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    out = {}
    for src in ingest.discover(train.SHARED / "corpus" / corpus, cfg):
        if src.kind == "html":
            for doc in ingest.read(src, cfg):
                if hasattr(doc, "content"):
                    out[src.path] = doc.content
    return out


def page_segments(page: train.Page, content: str) -> PageSegments:
    tree = load_html(content)
    if tree is None or not len(page.rows):
        return PageSegments(1.0, None, np.zeros(0, dtype=np.float32))
    index = dom_index(tree)
    located = locate(index, page.blocks)
    in_precise = [bool(r[_IN_PRECISE]) for r in page.rows]
    found = winback.candidates(index, page.blocks, in_precise, located, bool(page.rows[0][_WIDE]), Memo(), gate=2.0)
    covered = coverage(index, page.blocks, located)
    kept = winback.kept_share(index, covered)
    if found is None:
        return PageSegments(kept, None, np.zeros(0, dtype=np.float32))
    return PageSegments(kept, found, train.labels(found.blocks, page.gold))


def load_segments(pages: list[train.Page], cache: Path) -> list[PageSegments]:
    """Every page's segments, from `cache/winback-segments.*` when it holds these pages."""
    stored = cache / "winback-segments.json"
    if stored.exists():
        data = json.loads(stored.read_text(encoding="utf-8"))
        if [d["source"] for d in data] == [f"{p.corpus}/{p.source}" for p in pages]:
            rows = np.load(cache / "winback-segments.npy")
            out, at = [], 0
            for d in data:
                n = len(d["blocks"])
                found = None
                if d["blocks"] or d["has"]:
                    found = winback.Candidates([Block(t, x, lv) for t, x, lv in d["blocks"]], rows[at:at + n], d["at"])
                out.append(PageSegments(d["kept"], found, np.asarray(d["labels"], dtype=np.float32)))
                at += n
            return out
    out = []
    t0 = time.monotonic()
    texts: dict[str, dict[str, str]] = {}
    for n, p in enumerate(pages):
        if p.corpus not in texts:
            texts[p.corpus] = contents(p.corpus)
        out.append(page_segments(p, texts[p.corpus][p.source]))
        if n % 200 == 0:
            print(f"  segments: {n} pages, {time.monotonic() - t0:.0f} s", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(cache / "winback-segments.npy", np.concatenate(
        [s.found.rows for s in out if s.found is not None] or [np.zeros((0, len(winback.FEATURES)))]))
    stored.write_text(json.dumps([
        {"source": f"{p.corpus}/{p.source}", "kept": s.kept, "has": s.found is not None,
         "blocks": [[b.type, b.text, b.level] for b in s.found.blocks] if s.found else [],
         "at": s.found.at if s.found else [], "labels": s.labels.tolist()} for p, s in zip(pages, out, strict=True)]),
        encoding="utf-8")
    return out


def fit(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray, rounds: int) -> Any:
    import lightgbm

    data = lightgbm.Dataset(rows, labels, weight=weights, feature_name=list(winback.FEATURES), free_raw_data=True)
    return lightgbm.train(PARAMS, data, num_boost_round=rounds)


def _stack(segs: list[PageSegments], idx: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    have = [segs[i] for i in idx if segs[i].found is not None and len(segs[i].found.rows)]
    rows = np.concatenate([s.found.rows for s in have])  # type: ignore[union-attr]
    labels = np.concatenate([s.labels for s in have])
    weights = np.concatenate([train.weights(s.found.blocks) for s in have])  # type: ignore[union-attr]
    return rows, labels, weights


def out_of_fold(pages: list[train.Page], segs: list[PageSegments], k: int) -> dict[int, list[np.ndarray]]:
    """Each page's segment scores from the fold's model that did not see its site."""
    scores: dict[int, list[np.ndarray]] = {r: [np.zeros(0)] * len(pages) for r in ROUNDS}
    for test in train.folds(pages, k):
        held = set(test.tolist())
        model = fit(*_stack(segs, [i for i in range(len(pages)) if i not in held]), max(ROUNDS))
        for i in test:
            found = segs[i].found
            if found is not None and len(found.rows):
                for r in ROUNDS:
                    scores[r][i] = model.predict(found.rows, num_iteration=r)
    return scores


def _flat(scores: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([s for s in scores if len(s)] or [np.zeros(0)])


def out_of_fold_cached(pages: list[train.Page], segs: list[PageSegments], k: int,
                       cache: Path) -> dict[int, list[np.ndarray]]:
    """`out_of_fold`, kept in the cache (`oof-winback-<rounds>.npy`) beside the segments
    it was computed on: choosing again does not fit the folds again."""
    paths = {r: cache / f"oof-winback-{r}.npy" for r in ROUNDS}
    sizes = [len(s.labels) if s.found is not None else 0 for s in segs]
    if all(p.exists() and p.stat().st_mtime >= (cache / "winback-segments.npy").stat().st_mtime
           for p in paths.values()):
        out = {}
        for r, path in paths.items():
            flat = np.load(path)
            at = np.cumsum([0, *sizes])
            out[r] = [flat[at[i]:at[i + 1]] if sizes[i] else np.zeros(0) for i in range(len(segs))]
        return out
    oof = out_of_fold(pages, segs, k)
    for r, path in paths.items():
        np.save(path, _flat(oof[r]))
    return oof


def combined_text(page: train.Page, base: np.ndarray, base_threshold: float, seg: PageSegments,
                  scores: np.ndarray, gate: float, threshold: float) -> str:
    """The boilerplate model's kept blocks with the segments won back, in page order."""
    drops = {i: 0.0 for i in np.flatnonzero(base < base_threshold)}
    kept: list[int] = []
    if seg.found is not None and seg.kept < gate and len(scores):
        kept = [int(i) for i in np.flatnonzero(scores >= threshold)]
    blocks, drops = winback.merged(page.blocks, drops, seg.found, kept)
    return "\n".join(b.text for i, b in enumerate(blocks) if i not in drops)


@dataclass(slots=True)
class Scoring:
    """What every trial shares: the pages' gold shingles, their groups, and each page's
    precision and recall with the boilerplate model alone."""

    golds: list[Any]
    groups: dict[str, list[int]]
    alone: list[tuple[float | None, float]]


def scoring(pages: list[train.Page], base: list[np.ndarray], base_threshold: float,
            segs: list[PageSegments]) -> Scoring:
    golds = [train.shingles(train._TOKEN.findall(p.gold)) for p in pages]
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        groups.setdefault(p.corpus, []).append(i)
        if p.corpus == "wcxb-dev":
            groups.setdefault(f"wcxb-dev {p.page_type}", []).append(i)
        if p.corpus in ("health-dev", "bench"):
            groups.setdefault("health pages", []).append(i)
    alone = [train.page_f1(combined_text(p, base[i], base_threshold, segs[i], np.zeros(0), 0.0, 1.0), golds[i])
             for i, p in enumerate(pages)]
    return Scoring(golds, groups, alone)


def evaluate(pages: list[train.Page], base: list[np.ndarray], base_threshold: float, segs: list[PageSegments],
             scores: list[np.ndarray], gate: float, threshold: float, sc: Scoring) -> dict[str, float]:
    """score.py's F1 per corpus, per wcxb page type, over the health pages, and the mean
    over corpora."""
    prs = []
    judged = 0
    for i, p in enumerate(pages):
        seg = segs[i]
        if seg.found is None or seg.kept >= gate or not len(scores[i]) or not (scores[i] >= threshold).any():
            prs.append(sc.alone[i])
        else:
            prs.append(train.page_f1(combined_text(p, base[i], base_threshold, seg, scores[i], gate, threshold),
                                     sc.golds[i]))
        judged += seg.found is not None and seg.kept < gate
    out = {name: round(train.f1([prs[i] for i in idx]), 4) for name, idx in sc.groups.items()}
    corpora = dict.fromkeys(p.corpus for p in pages)
    out["mean over corpora"] = round(float(np.mean([out[c] for c in corpora])), 4)
    out["pages judged"] = judged
    return out


def base_scores(pages: list[train.Page], cache: Path, k: int) -> list[np.ndarray]:
    """The boilerplate model's out-of-fold scores (the training command's, when cached)."""
    saved = cache / "oof-boilerplate.npy"
    flat = np.load(saved) if saved.exists() else None
    if flat is None or len(flat) != sum(len(p.blocks) for p in pages):
        found = card("boilerplate")
        params = {"num_leaves": found["params"]["num_leaves"], "rounds": found["params"]["rounds"]}
        return train.out_of_fold(pages, params, k)
    at = np.cumsum([0, *(len(p.blocks) for p in pages)])
    return [flat[at[i]:at[i + 1]] for i in range(len(pages))]


def choose(trials: list[dict[str, Any]], alone: dict[str, float]) -> dict[str, Any]:
    """The trial with the best wcxb-dev F1 among those that keep the health pages' F1 at
    least where the boilerplate model alone has it (on articles the win-back must not
    cost); within `COST_TIE` of that best, the one that judges the fewest pages."""
    safe = [t for t in trials if t["figures"]["health pages"] >= alone["health pages"]] or trials
    best = max(t["figures"]["wcxb-dev"] for t in safe)
    close = [t for t in safe if t["figures"]["wcxb-dev"] >= best - COST_TIE]
    return min(close, key=lambda t: (t["figures"]["pages judged"], -t["figures"]["wcxb-dev"]))


def train_winback(corpora: list[str], cache: Path, version: int, k: int) -> dict[str, Any]:
    t0 = time.monotonic()
    pages = train.load_pages(corpora, cache)
    base = base_scores(pages, cache, k)
    base_threshold = float(card("boilerplate")["threshold"])
    segs = load_segments(pages, cache)
    n_rows = sum(len(s.labels) for s in segs)
    print(f"{len(pages)} pages, {n_rows} segments ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    sc = scoring(pages, base, base_threshold, segs)
    no_winback = evaluate(pages, base, base_threshold, segs, [np.zeros(0)] * len(pages), 0.0, 1.0, sc)
    print(f"  boilerplate model alone: {no_winback}", file=sys.stderr)
    oof = out_of_fold_cached(pages, segs, k, cache)
    trials = []
    for rounds, scores in oof.items():
        for gate in GATES:
            for threshold in THRESHOLDS:
                figures = evaluate(pages, base, base_threshold, segs, scores, gate, threshold, sc)
                trials.append({"rounds": rounds, "gate": gate, "threshold": threshold, "figures": figures})
                print(f"  {rounds} rounds, gate {gate}, threshold {threshold}: {figures}", file=sys.stderr)
    chosen = choose(trials, no_winback)
    np.save(cache / "oof-winback.npy", _flat(oof[chosen["rounds"]]))
    model = fit(*_stack(segs, list(range(len(pages)))), chosen["rounds"])
    name = f"winback-v{version}"
    model.save_model(str(HERE / f"{name}.txt"))
    import lightgbm

    out = {
        "name": "winback", "version": version, "file": f"{name}.txt", "library": f"lightgbm {lightgbm.__version__}",
        "features": list(winback.FEATURES), "threshold": chosen["threshold"], "gate": chosen["gate"],
        "params": {**PARAMS, "rounds": chosen["rounds"]},
        "corpora": {c: sum(p.corpus == c for p in pages) for c in corpora}, "segments": n_rows,
        "cross_validation": {
            "folds": k, "grouped_by": "site",
            "measure": "score.py F1 of the boilerplate model's kept blocks (its out-of-fold scores) plus the "
                       "segments won back; chosen: best wcxb-dev F1 with health pages no lower than the "
                       "boilerplate model alone, fewest pages judged within 0.001",
            "boilerplate_alone": no_winback, "chosen": chosen["figures"],
            "trials": [{key: t[key] for key in ("rounds", "gate", "threshold")} | {
                "mean": t["figures"]["mean over corpora"], "health": t["figures"].get("health pages"),
                "wcxb": t["figures"].get("wcxb-dev")} for t in trials]},
        "command": "python -m ascurate.models.train_winback",
        "trained_in_seconds": round(time.monotonic() - t0),
    }
    (HERE / f"{name}.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help=f"corpus folder under ../shared/corpus (default: {train.CORPORA})")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ascurate-train")
    ap.add_argument("--version", type=int, default=1)
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args(argv)
    out = train_winback(a.corpus or list(train.CORPORA), a.cache, a.version, a.folds)
    print(json.dumps({key: out[key] for key in ("version", "threshold", "gate", "corpora", "trained_in_seconds")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
