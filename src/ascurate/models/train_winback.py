"""Train the win-back model: `python -m ascurate.models.train_winback`.

The pages are the boilerplate model's (`train.load_pages`, the same cache): each page's
candidates from trafilatura's two passes, and their out-of-fold boilerplate scores as
bench/boilerplate_cv.py judges them (`base_scores`: the shipped card's, page types out of
fold; cached with a stamp of the card and pages, computed again when it differs). Each page is parsed again for its segments that neither pass
kept (`clean/winback.py`), labelled as the boilerplate model's candidates are (most of
their shingles in the gold), and for the page-type model's features; its page-type
probabilities come from a page-type model fitted on the other folds (the shipped one has
seen these pages). Folds are grouped by site, the same folds for both models; the
threshold and the gates (the largest share of the page's text trafilatura may keep for
the segments to be judged: one for all pages, or one per predicted page type) are chosen
on the combined output (the boilerplate model's kept blocks plus the segments won back,
scored as score.py does): the best wcxb-dev F1 among the settings that leave the health
pages' F1 (health-dev and bench) no lower than the boilerplate model's alone (`choose`).
Then each predicted page type but articles gets its own setting (`per_type`: the win-back
threshold, the gate, and the boilerplate score from which a candidate stays), with its
figure by nested cross-validation (chosen on four folds, applied to the fifth).
The model is then fitted on every page and written as `winback-v<N>.txt` with its card.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..clean import pagetype, winback
from ..clean.boilerplate import FEATURES as BOILERPLATE_FEATURES
from ..clean.boilerplate import Memo
from ..config import load_config
from ..extract import load_html
from ..extract.segments import coverage, dom_index, locate
from ..model import Block
from . import card, train
from .parallel import default_jobs

HERE = Path(__file__).resolve().parent
PARAMS: dict[str, Any] = {"objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "min_data_in_leaf": 40,
                          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
                          "max_bin": 63, "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True}
ROUNDS = (100, 200)
GATES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
TRAIN_BELOW = max(GATES)  # pages whose trafilatura candidates hold less of their text train the model
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
COST_TIE = 0.001  # wcxb-dev F1 worth giving up for fewer pages judged
# health pages' F1 the win-back may cost against the boilerplate model alone: with none, a
# better boilerplate model raised the bar until articles were not judged at all
HEALTH_SLACK = 0.003
# per predicted page type (`per_type`): the boilerplate model's score from which a candidate
# stays (readmitted under the card's threshold), and the win-back threshold
KEEPS = (0.2, 0.3, 0.4, 0.5)
TYPE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# keep the global setting: the health pages are articles (their own setting cost the health
# pages 0.009 out of fold)
FIXED_TYPES = ("article",)
NO_READMISSION = 1.0  # a type's `keep` when the boilerplate model's own call stands
_IN_PRECISE = BOILERPLATE_FEATURES.index("in_precise")
_WIDE = BOILERPLATE_FEATURES.index("wide_extends")


@dataclass(slots=True)
class PageSegments:
    """One page's win-back candidates (every uncovered segment: no gate), their labels,
    and the share of the page's text trafilatura's candidates hold."""

    kept: float
    found: winback.Candidates | None
    labels: np.ndarray
    kind: np.ndarray  # the page-type model's features of the page (clean/pagetype.py)


def contents(corpus: str) -> dict[str, tuple[str, str | None]]:
    """The corpus's HTML pages as the pipeline reads them, with their URLs, by source path."""
    from .. import ingest

    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    out = {}
    folder = train.SHARED / "corpus" / corpus
    for src in ingest.discover(folder, cfg):
        if src.kind == "html":
            gold = folder / (src.path.split(".htm")[0] + ".gold.json")
            url = json.loads(gold.read_text(encoding="utf-8")).get("url") if gold.exists() else None
            for doc in ingest.read(src, cfg):
                if hasattr(doc, "content"):
                    out[src.path] = (doc.content, url or doc.url)
    return out


def page_segments(page: train.Page, content: str, url: str | None = None) -> PageSegments:
    tree = load_html(content)
    kind = np.asarray(pagetype.page_features(tree, url), dtype=np.float32)
    if tree is None or not len(page.rows):
        return PageSegments(1.0, None, np.zeros(0, dtype=np.float32), kind)
    index = dom_index(tree)
    located = locate(index, page.blocks)
    in_precise = [bool(r[_IN_PRECISE]) for r in page.rows]
    found = winback.candidates(index, page.blocks, in_precise, located, bool(page.rows[0][_WIDE]), Memo(), gate=2.0)
    covered = coverage(index, page.blocks, located)
    kept = winback.kept_share(index, covered)
    if found is None:
        return PageSegments(kept, None, np.zeros(0, dtype=np.float32), kind)
    return PageSegments(kept, found, train.labels(found.blocks, page.gold), kind)


def load_segments(pages: list[train.Page], cache: Path) -> list[PageSegments]:
    """Every page's segments, from `cache/winback-segments.*` when it holds these pages."""
    stored = cache / "winback-segments.json"
    if stored.exists():
        data = json.loads(stored.read_text(encoding="utf-8"))
        if [d["source"] for d in data] == [f"{p.corpus}/{p.source}" for p in pages]:
            rows = np.load(cache / "winback-segments.npy")
            kinds = np.load(cache / "winback-pagetype.npy")
            out, at = [], 0
            for d, kind in zip(data, kinds, strict=True):
                n = len(d["blocks"])
                found = None
                if d["blocks"] or d["has"]:
                    found = winback.Candidates([Block(t, x, lv) for t, x, lv in d["blocks"]], rows[at:at + n], d["at"])
                out.append(PageSegments(d["kept"], found, np.asarray(d["labels"], dtype=np.float32), kind))
                at += n
            return out
    out = []
    t0 = time.monotonic()
    texts: dict[str, dict[str, tuple[str, str | None]]] = {}
    for n, p in enumerate(pages):
        if p.corpus not in texts:
            texts[p.corpus] = contents(p.corpus)
        out.append(page_segments(p, *texts[p.corpus][p.source]))
        if n % 200 == 0:
            print(f"  segments: {n} pages, {time.monotonic() - t0:.0f} s", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(cache / "winback-segments.npy", np.concatenate(
        [s.found.rows for s in out if s.found is not None] or [np.zeros((0, len(winback.ROW_FEATURES)))]))
    np.save(cache / "winback-pagetype.npy", np.stack([s.kind for s in out]))
    stored.write_text(json.dumps([
        {"source": f"{p.corpus}/{p.source}", "kept": s.kept, "has": s.found is not None,
         "blocks": [[b.type, b.text, b.level] for b in s.found.blocks] if s.found else [],
         "at": s.found.at if s.found else [], "labels": s.labels.tolist()} for p, s in zip(pages, out, strict=True)]),
        encoding="utf-8")
    return out


def page_types(pages: list[train.Page], segs: list[PageSegments], k: int) -> np.ndarray:
    """Each page's page-type probabilities from a page-type model fitted on the other folds
    (the same site-grouped folds): the shipped model was trained on these pages, so its own
    predictions would tell the win-back model more than it will know on a new site."""
    from .train_pagetype import train as fit_pagetype

    x = np.stack([s.kind for s in segs])
    y = np.asarray([pagetype.TYPES.index(p.page_type) for p in pages])
    out = np.zeros((len(pages), len(pagetype.TYPES)), dtype=np.float32)
    for test in train.folds(pages, k):
        rest = np.ones(len(pages), dtype=bool)
        rest[test] = False
        out[test] = fit_pagetype(x[rest], y[rest]).predict(x[test])
    return out


def page_types_cached(pages: list[train.Page], segs: list[PageSegments], k: int, cache: Path) -> np.ndarray:
    path = cache / "oof-pagetype.npy"
    if path.exists() and path.stat().st_mtime >= (cache / "winback-pagetype.npy").stat().st_mtime:
        found = np.load(path)
        if len(found) == len(pages):
            return found
    out = page_types(pages, segs, k)
    np.save(path, out)
    return out


def fit(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray, rounds: int,
        columns: list[str] = winback.FEATURES) -> Any:
    import lightgbm

    data = lightgbm.Dataset(rows, labels, weight=weights, feature_name=list(columns), free_raw_data=True)
    return lightgbm.train(PARAMS, data, num_boost_round=rounds)


def page_rows(seg: PageSegments, types: np.ndarray, columns: list[str] = winback.FEATURES) -> np.ndarray:
    """The page's segment rows with its page-type probabilities, in `columns`."""
    assert seg.found is not None
    rows = winback.with_page_type(seg.found.rows, types)
    if columns is winback.FEATURES:
        return rows
    return rows[:, [winback.FEATURES.index(c) for c in columns]]


def _stack(segs: list[PageSegments], idx: list[int], types: np.ndarray,
           columns: list[str] = winback.FEATURES) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The training rows: the segments of the pages in `idx` that a gate could send to the
    model (trafilatura kept under `TRAIN_BELOW` of their text)."""
    have = [i for i in idx if segs[i].found is not None and len(segs[i].labels) and segs[i].kept < TRAIN_BELOW]
    rows = np.concatenate([page_rows(segs[i], types[i], columns) for i in have])
    labels = np.concatenate([segs[i].labels for i in have])
    weights = np.concatenate([train.weights(segs[i].found.blocks) for i in have])  # type: ignore[union-attr]
    return rows, labels, weights


def out_of_fold(pages: list[train.Page], segs: list[PageSegments], types: np.ndarray, k: int,
                columns: list[str] = winback.FEATURES) -> dict[int, list[np.ndarray]]:
    """Each page's segment scores from the fold's model that did not see its site."""
    scores: dict[int, list[np.ndarray]] = {r: [np.zeros(0)] * len(pages) for r in ROUNDS}
    for test in train.folds(pages, k):
        held = set(test.tolist())
        model = fit(*_stack(segs, [i for i in range(len(pages)) if i not in held], types, columns), max(ROUNDS),
                    columns)
        for i in test:
            found = segs[i].found
            if found is not None and len(found.rows) and segs[i].kept < max(GATES):
                for r in ROUNDS:
                    scores[r][i] = model.predict(page_rows(segs[i], types[i], columns), num_iteration=r)
    return scores


def _flat(scores: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([s for s in scores if len(s)] or [np.zeros(0)])


def winback_stamp(features: list[str], params: dict[str, Any], k: int, segments: int) -> dict[str, Any]:
    """What the win-back model's out-of-fold scores depend on, in the terms its card records
    them (`features`, `params` less the rounds, the folds, the segments): bench/boilerplate_cv.py
    judges a card only with scores of its own recipe."""
    return {"features": list(features), "params": {key: v for key, v in params.items() if key != "rounds"},
            "folds": k, "segments": segments}


def out_of_fold_cached(pages: list[train.Page], segs: list[PageSegments], types: np.ndarray, k: int,
                       cache: Path) -> dict[int, list[np.ndarray]]:
    """`out_of_fold`, kept in the cache (`oof-winback-<rounds>.npz`, with the pages it
    scored and its `winback_stamp`) beside the segments it was computed on: choosing again
    does not fit again, and a cache from another recipe is computed again."""
    paths = {r: cache / f"oof-winback-{r}.npz" for r in ROUNDS}
    want = json.dumps(winback_stamp(winback.FEATURES, PARAMS, k, sum(len(s.labels) for s in segs)))
    if all(p.exists() and p.stat().st_mtime >= (cache / "winback-segments.npy").stat().st_mtime
           and p.stat().st_mtime >= (cache / "oof-pagetype.npy").stat().st_mtime for p in paths.values()):
        out = {}
        for r, path in paths.items():
            saved = np.load(path)
            if "stamp" not in saved or str(saved["stamp"]) != want:
                break
            flat, at = saved["flat"], np.cumsum([0, *saved["sizes"]])  # an npz reads an array at each access
            out[r] = [flat[at[i]:at[i + 1]] for i in range(len(segs))]
        else:
            return out
    oof = out_of_fold(pages, segs, types, k)
    for r, path in paths.items():
        np.savez(path, flat=_flat(oof[r]), sizes=np.asarray([len(x) for x in oof[r]]), stamp=np.asarray(want))
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
    """What every trial shares: the pages' gold shingles, their groups, each page's
    precision and recall with the boilerplate model alone, and its predicted page type
    (out of fold)."""

    golds: list[Any]
    groups: dict[str, list[int]]
    alone: list[tuple[float | None, float]]
    predicted: list[str]


def scoring(pages: list[train.Page], base: list[np.ndarray], base_threshold: float,
            segs: list[PageSegments], types: np.ndarray) -> Scoring:
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
    predicted = [pagetype.TYPES[int(j)] for j in types.argmax(axis=1)]
    return Scoring(golds, groups, alone, predicted)


def page_prs(pages: list[train.Page], base: list[np.ndarray], base_threshold: float, segs: list[PageSegments],
             scores: list[np.ndarray], gates: list[float], threshold: float,
             sc: Scoring) -> tuple[list[tuple[float | None, float]], list[bool]]:
    """Each page's precision and recall with the segments won back under its `gates`, and
    whether the model judged it."""
    prs, judged = [], []
    for i, p in enumerate(pages):
        seg = segs[i]
        on = seg.found is not None and seg.kept < gates[i] and len(scores[i]) > 0
        judged.append(on)
        if not on or not (scores[i] >= threshold).any():
            prs.append(sc.alone[i])
        else:
            prs.append(train.page_f1(combined_text(p, base[i], base_threshold, seg, scores[i], gates[i], threshold),
                                     sc.golds[i]))
    return prs, judged


def figures(pages: list[train.Page], prs: list[tuple[float | None, float]], judged: list[bool],
            sc: Scoring) -> dict[str, float]:
    """score.py's F1 per corpus, per wcxb page type, over the health pages, and the mean
    over corpora."""
    out: dict[str, float] = {name: round(train.f1([prs[i] for i in idx]), 4) for name, idx in sc.groups.items()}
    corpora = dict.fromkeys(p.corpus for p in pages)
    out["mean over corpora"] = round(float(np.mean([out[c] for c in corpora])), 4)
    out["pages judged"] = int(sum(judged))
    return out


def gates_by_type(pages: list[train.Page], sc: Scoring, by_gate: dict[float, tuple[list, list]],
                  start: float = 0.0, slack: float = HEALTH_SLACK) -> dict[str, float]:
    """A gate for each predicted page type (0: that type is not judged), by coordinate
    ascent from `start` for all: each type in turn takes the gate with the best wcxb-dev
    F1, the other types' gates held, among those that leave the health pages' F1 no lower
    than without the win-back model (a gain under a tenth of `COST_TIE` does not count);
    two rounds."""
    wcxb = [i for i, p in enumerate(pages) if p.corpus == "wcxb-dev"]
    health = [i for i, p in enumerate(pages) if p.corpus in ("health-dev", "bench")]
    floor = train.f1([sc.alone[i] for i in health]) - slack if health else 0.0
    options = {0.0: (sc.alone, [False] * len(pages)), **by_gate}
    gates = dict.fromkeys(pagetype.TYPES, start)

    def prs_for(chosen: dict[str, float]) -> list[tuple[float | None, float]]:
        return [options[chosen[t]][0][i] for i, t in enumerate(sc.predicted)]

    for _ in range(2):
        for t in pagetype.TYPES:
            now = prs_for(gates)
            best, value = gates[t], train.f1([now[i] for i in wcxb])
            for gate in options:
                trial = prs_for({**gates, t: gate})
                if health and train.f1([trial[i] for i in health]) < floor:
                    continue
                got = train.f1([trial[i] for i in wcxb])
                if got > value + COST_TIE / 10:
                    best, value = gate, got
            gates[t] = best
    return gates


def per_type(pages: list[train.Page], base: list[np.ndarray], base_threshold: float, segs: list[PageSegments],
             scores: list[np.ndarray], sc: Scoring, chosen: dict[str, Any], k: int,
             held: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Any]:
    """A setting (`keep`, `threshold`, `gate`) for each predicted page type but
    `FIXED_TYPES` and those `held` (a shipped card's settings, kept as they are, so that one
    type can be chosen again without the others): the best wcxb-dev F1 over the pages
    predicted as that type, the health pages' F1 no lower than with `chosen` (the global
    setting). Chosen on all pages (the card's) and, for an honest figure, on each fold's
    other folds and applied to it."""
    glob = {"keep": base_threshold, "threshold": float(chosen["threshold"])}
    options = [(keep, t) for keep in (*KEEPS, base_threshold) for t in TYPE_THRESHOLDS]
    kept = {ty: (min(float(s["keep"]), base_threshold), float(s["threshold"]), float(s["gate"]))
            for ty, s in (held or {}).items() if ty not in FIXED_TYPES}
    prs: dict[tuple[int, float, float], tuple[float | None, float]] = {}

    def judged(i: int, keep: float, t: float) -> tuple[float | None, float]:
        if (i, keep, t) not in prs:
            prs[i, keep, t] = train.page_f1(combined_text(pages[i], base[i], keep, segs[i], scores[i], 2.0, t),
                                            sc.golds[i])
        return prs[i, keep, t]

    fixed = [sc.alone[i] for i in range(len(pages))]  # the global setting's figures, page by page
    for i in range(len(pages)):
        gate = chosen["gates"][sc.predicted[i]]
        if segs[i].found is not None and segs[i].kept < gate and len(scores[i]):
            fixed[i] = train.page_f1(combined_text(pages[i], base[i], base_threshold, segs[i], scores[i], gate,
                                                   glob["threshold"]), sc.golds[i])

    cache_alone: dict[tuple[int, float], tuple[float | None, float]] = {}

    def value(i: int, s: tuple[float, float, float]) -> tuple[float | None, float]:
        keep, t, gate = s
        if segs[i].found is not None and segs[i].kept < gate and len(scores[i]):
            return judged(i, keep, t)
        return _alone(i, keep)  # not judged: readmission only

    def _alone(i: int, keep: float) -> tuple[float | None, float]:
        if (i, keep) not in cache_alone:
            cache_alone[i, keep] = train.page_f1(combined_text(pages[i], base[i], keep, segs[i], np.zeros(0), 0.0,
                                                               1.0), sc.golds[i])
        return cache_alone[i, keep]

    settings = [(keep, t, g) for keep, t in options for g in GATES]

    def choose_on(idx: list[int]) -> dict[str, tuple[float, float, float]]:
        health = [i for i in idx if pages[i].corpus in ("health-dev", "bench")]
        floor = train.f1([fixed[i] for i in health]) if health else 0.0
        out = {}
        for ty in pagetype.TYPES:
            default = (base_threshold, glob["threshold"], float(chosen["gates"][ty]))
            typed = [i for i in idx if sc.predicted[i] == ty]
            wcxb = [i for i in typed if pages[i].corpus == "wcxb-dev"]
            best, score = default, train.f1([fixed[i] for i in wcxb]) if wcxb else 0.0
            if ty in kept:
                out[ty] = kept[ty]
                continue
            if ty in FIXED_TYPES or not wcxb:
                out[ty] = best
                continue
            theirs = [i for i in health if sc.predicted[i] == ty]
            others = [fixed[i] for i in health if sc.predicted[i] != ty]
            for s in settings:
                if theirs and train.f1(others + [value(i, s) for i in theirs]) < floor:
                    continue
                got = train.f1([value(i, s) for i in wcxb])
                if got > score + COST_TIE / 10:
                    best, score = s, got
            out[ty] = best
        return out

    def apply(choice: dict[str, tuple[float, float, float]], i: int) -> tuple[float | None, float]:
        ty = sc.predicted[i]
        return fixed[i] if ty in FIXED_TYPES else value(i, choice[ty])

    everything = list(range(len(pages)))
    final = choose_on(everything)
    nested: list[tuple[float | None, float]] = [(None, 0.0)] * len(pages)
    for test in train.folds(pages, k):
        held = set(test.tolist())
        choice = choose_on([i for i in everything if i not in held])
        for i in test:
            nested[i] = apply(choice, i)
    chosen_prs = [apply(final, i) for i in everything]

    def f1s(prs: list[tuple[float | None, float]]) -> dict[str, float]:
        out = figures(pages, prs, [False] * len(pages), sc)
        out.pop("pages judged")  # not counted here
        return out

    # no readmission is written as 1.0, not as today's boilerplate threshold: `readmit` keeps
    # what scores at or over `keep`, so a bar at the threshold would cap a later, higher one
    return {"by_type": {t: {"keep": s[0] if s[0] < base_threshold else NO_READMISSION, "threshold": s[1],
                            "gate": s[2]} for t, s in final.items()},
            "figures": f1s(chosen_prs), "nested": f1s(nested), "global": f1s(fixed)}


def card_figures(pages: list[train.Page], base: list[np.ndarray], base_threshold: float, segs: list[PageSegments],
                 scores: list[np.ndarray], sc: Scoring, by_type: dict[str, dict[str, float]]) -> dict[str, float]:
    """The figures of a card's settings by predicted page type (`keep`, `threshold`, `gate`),
    applied as they are, nothing chosen: a shipped card judged on scores it was not chosen on.
    A candidate stays from the lower of `keep` and the boilerplate threshold, as `readmit`
    has it at run time."""
    prs = []
    for i, p in enumerate(pages):
        s = by_type[sc.predicted[i]]
        keep = min(float(s["keep"]), base_threshold)
        prs.append(train.page_f1(combined_text(p, base[i], keep, segs[i], scores[i], float(s["gate"]),
                                               float(s["threshold"])), sc.golds[i]))
    out = figures(pages, prs, [False] * len(pages), sc)
    out.pop("pages judged")
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def boilerplate_stamp(pages: list[train.Page], k: int) -> dict[str, Any]:
    """What the boilerplate model's out-of-fold scores depend on: the shipped card (its
    file's digest: a retrained model is another card), the folds and the candidates."""
    found = card("boilerplate")
    path = HERE / f"boilerplate-v{found['release']}.json"
    return {"card": path.name, "card_sha256": _digest(path), "folds": k, "pages": len(pages),
            "blocks": [len(p.blocks) for p in pages]}


def stamped(saved: Path, want: dict[str, Any]) -> np.ndarray | None:
    """The array in `saved` when its stamp (`<saved>.stamp.json`: what it was computed from,
    and the file's digest) is `want`; None when it is missing, made from anything else, or
    written since without a stamp (the boilerplate trainer's `oof-boilerplate.npy`)."""
    stamp = saved.with_suffix(".stamp.json")
    if not saved.exists() or not stamp.exists():
        return None
    found = json.loads(stamp.read_text(encoding="utf-8"))
    if found.get("sha256") != _digest(saved) or {k: v for k, v in found.items() if k != "sha256"} != want:
        return None
    return np.load(saved)


def stamp(saved: Path, array: np.ndarray, what: dict[str, Any]) -> None:
    """Save `array` with its stamp (`stamped` reads it back)."""
    np.save(saved, array)
    saved.with_suffix(".stamp.json").write_text(json.dumps({**what, "sha256": _digest(saved)}), encoding="utf-8")


def base_scores(pages: list[train.Page], cache: Path, k: int) -> list[np.ndarray]:
    """The boilerplate model's out-of-fold scores as bench/boilerplate_cv.py judges them:
    the shipped card's features and parameters, the page types out of fold (the same folds).
    Kept in the cache (`oof-boilerplate.npy`) with a stamp naming the card and the pages,
    and computed again when they differ: scores of another model would choose settings for it."""
    saved = cache / "oof-boilerplate.npy"
    want = boilerplate_stamp(pages, k)
    flat = stamped(saved, want)
    at = np.cumsum([0, *(len(p.blocks) for p in pages)])
    if flat is not None:
        return [flat[at[i]:at[i + 1]] for i in range(len(pages))]
    print(f"  boilerplate scores out of fold ({want['card']})", file=sys.stderr)
    found = card("boilerplate")
    params = {"num_leaves": found["params"]["num_leaves"], "rounds": found["params"]["rounds"]}
    train.with_page_types(pages, k)
    scores = train.out_of_fold(pages, params, k, found["features"])
    cache.mkdir(parents=True, exist_ok=True)
    stamp(saved, np.concatenate(scores), want)
    return scores


def choose(trials: list[dict[str, Any]], alone: dict[str, float], slack: float = HEALTH_SLACK) -> dict[str, Any]:
    """The trial with the best wcxb-dev F1 among those that keep the health pages' F1 at
    least where the boilerplate model alone has it (on articles the win-back must not
    cost); within `COST_TIE` of that best, the one that judges the fewest pages."""
    safe = [t for t in trials if t["figures"]["health pages"] >= alone["health pages"] - slack] or trials
    best = max(t["figures"]["wcxb-dev"] for t in safe)
    close = [t for t in safe if t["figures"]["wcxb-dev"] >= round(best - COST_TIE, 4)]  # figures have 4 places
    return min(close, key=lambda t: (t["figures"]["pages judged"], -t["figures"]["wcxb-dev"]))


def trials_for(pages: list[train.Page], base: list[np.ndarray], base_threshold: float, segs: list[PageSegments],
               oof: dict[int, list[np.ndarray]], sc: Scoring,
               alone: dict[str, float], slack: float = HEALTH_SLACK) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every (rounds, threshold) with one gate for all pages, and with a gate per
    predicted page type (`gates_by_type`, from the best one gate that keeps the health
    pages no lower than `alone`)."""
    uniform, typed = [], []
    for rounds, scores in oof.items():
        for threshold in THRESHOLDS:
            won, on = page_prs(pages, base, base_threshold, segs, scores, [2.0] * len(pages), threshold, sc)
            by_gate = {}  # a page's figures depend on the gate only through whether it is judged
            for g in GATES:
                under = [o and segs[i].kept < g for i, o in enumerate(on)]
                by_gate[g] = ([won[i] if u else sc.alone[i] for i, u in enumerate(under)], under)
            mine = []
            for g, (prs, judged) in by_gate.items():
                mine.append({"rounds": rounds, "gate": g, "threshold": threshold,
                             "figures": figures(pages, prs, judged, sc)})
            uniform += mine
            safe = [t for t in mine if t["figures"]["health pages"] >= alone["health pages"] - slack]
            start = max(safe, key=lambda t: t["figures"]["wcxb-dev"])["gate"] if safe else 0.0
            gates = gates_by_type(pages, sc, by_gate, start, slack)
            judged = [o and segs[i].kept < gates[sc.predicted[i]] for i, o in enumerate(on)]
            prs = [won[i] if j else sc.alone[i] for i, j in enumerate(judged)]
            typed.append({"rounds": rounds, "gates": gates, "threshold": threshold,
                          "figures": figures(pages, prs, judged, sc)})
            print(f"  {rounds} rounds, threshold {threshold}, gates {gates}: {typed[-1]['figures']}", file=sys.stderr)
    return uniform, typed


@dataclass(slots=True)
class Settings:
    """What `choose_settings` chose, with the figures it chose on."""

    alone: dict[str, float]  # the boilerplate model alone
    uniform: list[dict[str, Any]]
    typed: list[dict[str, Any]]
    chosen: dict[str, Any]  # the global setting
    by_type: dict[str, Any]  # the best gates per page type
    per_type: dict[str, Any]  # `per_type`'s settings, with their figures chosen on all pages and nested


def choose_settings(pages: list[train.Page], base: list[np.ndarray], base_threshold: float, segs: list[PageSegments],
             types: np.ndarray, oof: dict[int, list[np.ndarray]], k: int, slack: float = HEALTH_SLACK,
             held: Mapping[str, Mapping[str, float]] | None = None) -> Settings:
    """The win-back settings for the boilerplate scores `base` (out of fold) kept from
    `base_threshold`: the global one (`choose`), then one per page type (`per_type`; the
    types `held` keep those settings)."""
    sc = scoring(pages, base, base_threshold, segs, types)
    no_winback = figures(pages, sc.alone, [False] * len(pages), sc)
    print(f"  boilerplate model alone: {no_winback}", file=sys.stderr)
    uniform, typed = trials_for(pages, base, base_threshold, segs, oof, sc, no_winback, slack)
    for t in uniform:  # one gate is a gate per type too: the cheaper setting wins a near tie
        t["gates"] = dict.fromkeys(pagetype.TYPES, t["gate"])
    chosen = choose(uniform + typed, no_winback, slack)
    by_type = choose(typed, no_winback, slack)
    typed_setting = per_type(pages, base, base_threshold, segs, oof[chosen["rounds"]], sc, chosen, k, held)
    print(f"  per page type: {typed_setting}", file=sys.stderr)
    return Settings(no_winback, uniform, typed, chosen, by_type, typed_setting)


def train_winback(corpora: list[str], cache: Path, version: int, k: int,
                  slack: float = HEALTH_SLACK, jobs: int = 1, only: tuple[str, ...] = ()) -> dict[str, Any]:
    """`jobs`: processes extracting a corpus missing from the boilerplate trainer's cache.
    `only`: the page types whose settings are chosen again; the others keep the shipped
    card's (all are chosen when empty)."""
    t0, c0 = time.monotonic(), time.process_time()
    shipped = card("winback") if only else None
    held = {t: s for t, s in shipped["by_type"].items() if t not in (*only, *FIXED_TYPES)} if shipped else None
    pages = train.load_pages(corpora, cache, jobs)
    base = base_scores(pages, cache, k)
    base_threshold = float(card("boilerplate")["threshold"])
    segments_cached = (cache / "winback-segments.json").exists()
    segs = load_segments(pages, cache)
    n_rows = sum(len(s.labels) for s in segs)
    print(f"{len(pages)} pages, {n_rows} segments ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    types = page_types_cached(pages, segs, k, cache)
    oof = out_of_fold_cached(pages, segs, types, k, cache)
    print(f"  out of fold ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    found = choose_settings(pages, base, base_threshold, segs, types, oof, k, slack, held)
    no_winback, uniform, typed = found.alone, found.uniform, found.typed
    chosen, by_type, typed_setting = found.chosen, found.by_type, found.per_type
    np.savez(cache / "oof-winback.npz", flat=_flat(oof[chosen["rounds"]]),
             sizes=np.asarray([len(x) for x in oof[chosen["rounds"]]]), types=types)
    # fitted on the out-of-fold page types too: on a new site the page-type model errs as it does out of fold
    model = fit(*_stack(segs, list(range(len(pages))), types), chosen["rounds"])
    name = f"winback-v{version}"
    model.save_model(str(HERE / f"{name}.txt"))
    import lightgbm

    settings = typed_setting["by_type"]
    gates = {t: v["gate"] for t, v in settings.items()}
    out = {
        "name": "winback", "version": version, "file": f"{name}.txt", "library": f"lightgbm {lightgbm.__version__}",
        "features": list(winback.FEATURES), "threshold": chosen["threshold"], "gate": max(gates.values()),
        "gates": gates, "by_type": settings, "params": {**PARAMS, "rounds": chosen["rounds"]},
        "corpora": {c: sum(p.corpus == c for p in pages) for c in corpora}, "segments": n_rows,
        "trained_on": f"segments of pages whose trafilatura candidates hold under {TRAIN_BELOW} of the text, "
                      "with the page-type probabilities out of fold (the shipped "
                      "page-type model was trained on these pages)",
        "cross_validation": {
            "folds": k, "grouped_by": "site",
            "measure": "score.py F1 of the boilerplate model's kept blocks (its out-of-fold scores) plus the "
                       "segments won back; trials: one gate for all pages, and a gate per page type predicted "
                       "out of fold (coordinate ascent from the best one gate); chosen: best wcxb-dev F1 with "
                       "health pages no lower than the boilerplate model alone less health_slack, fewest pages "
                       "judged within 0.001",
            "boilerplate_alone": no_winback, "health_slack": slack, "chosen": chosen["figures"],
            "per_type": {"measure": "each predicted page type but " + ", ".join(FIXED_TYPES) + " takes the (keep, "
                                    "threshold, gate) with the best wcxb-dev F1 of its pages, the health pages no "
                                    "lower than with the global setting; `nested`: chosen on four folds, applied "
                                    "to the fifth", "chosen": typed_setting["figures"],
                         "nested": typed_setting["nested"]}
            | ({"held": {"from": f"winback-v{shipped['release']}", "types": sorted(held)}} if shipped and held else {}),
            "best_gates_by_type": {key: by_type[key] for key in ("rounds", "gates", "threshold", "figures")},
            "trials": [{key: t[key] for key in ("rounds", "gates", "threshold")} | {
                "mean": t["figures"]["mean over corpora"], "health": t["figures"].get("health pages"),
                "wcxb": t["figures"].get("wcxb-dev"), "judged": t["figures"]["pages judged"]}
                for t in uniform + typed]},
        "command": "python -m ascurate.models.train_winback",
        "trained_in_seconds": round(time.monotonic() - t0),
        "trained_in_cpu_seconds": round(time.process_time() - c0),
        "segments_from": "the cache (trained_in_* exclude finding them)" if segments_cached else "this run",
    }
    (HERE / f"{name}.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help=f"corpus folder under ../shared/corpus (default: {train.CORPORA})")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ascurate-train")
    ap.add_argument("--version", type=int, default=5)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--health-slack", type=float, default=HEALTH_SLACK,
                    help="health pages' F1 the win-back may cost against the boilerplate model alone")
    ap.add_argument("--jobs", type=int, default=default_jobs(),
                    help="processes extracting the corpora not in the cache (default: the cores); the cache is the same")
    ap.add_argument("--only", action="append", default=[], choices=pagetype.TYPES,
                    help="choose only this page type's setting again (repeatable); the others keep the shipped card's")
    a = ap.parse_args(argv)
    out = train_winback(a.corpus or list(train.CORPORA), a.cache, a.version, a.folds, a.health_slack, a.jobs,
                        tuple(a.only))
    print(json.dumps({key: out[key] for key in ("version", "threshold", "gate", "corpora", "trained_in_seconds",
                                                "trained_in_cpu_seconds")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
