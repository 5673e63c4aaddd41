"""Train the learned note scorer: `python -m ascurate.models.train_notes [--docs FILE] [--cv-only]`.

Run from the repository (it reads `bench/flagset` and `../shared/corpus`).
Positives: the sentences of planted notes of the flagset's TUNE families only
(`bench/flagset/templates/editorial_note.toml`, `held_out` false or split to tune; the
held-out families are never read here), planted `COPIES` times with seed `SEED`.
Negatives: every sentence of the published articles of health-dev, bench and wcxb-dev as
the pipeline extracts them (`--docs FILE`: the JSON lines `bench/flags_b.py --docs` keeps;
made when missing), the tune traps of editorial_note, and the host sentences around the
plants. Only sentences the scorer would read count (`note_model.worth_scoring`), and not
those the rule already flags.
Choice by 5-fold cross-validation grouped by template family (positives, traps) and by
site (published pages): the regularisation `C` with the best out-of-fold recall of tune
plants at the budget, then the threshold: the lowest at which the out-of-fold flags on
published pages stay within `BUDGET` a page and no tune trap is flagged. The model fitted
on everything goes to `notes-v<N>.json` (weights, scaling, threshold, figures) with a card
`notes-v<N>.txt`.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Config, load_config
from ..flags import block_offsets, note_model
from ..flags.notes import THRESHOLD, units, words_for
from ..model import Block, site_of
from .corpora import corpus_root

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
VERSION = 4
SEED = 20
COPIES = 3
FOLDS = 5
BUDGET = 0.001  # model flags per published page at the chosen threshold (out of fold, and the shipped model too): 0 on 881
C_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
TOLERANCE = 0.01  # tune recall given up, out of fold, for a more regularised C
COMMAND = "python -m ascurate.models.train_notes --docs .cache/flagdocs.jsonl"


def _script(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def tune_documents(kind: str, seed: int, copies: int) -> Iterator[tuple[Any, list[Block], str]]:
    """The planted set's documents of one kind's tune families (plants and traps; the
    held-out families are never read), each with its blocks and their joined text."""
    gen = _script(ROOT / "bench" / "flagset" / "generate.py", "flagset_generate")
    for d in gen.generate(seed, copies):
        if d.kind != kind or d.held_out:
            continue
        blocks = [Block(b["type"], b["text"], b.get("level")) for b in d.blocks]
        yield d, blocks, "\n".join(b.text for b in blocks)


def trainer_args(argv: list[str], description: str, curve: str) -> tuple[argparse.Namespace, Config, float]:
    """A scorer trainer's command line (`--docs`, `--cv-only`, `--curve`), the configuration
    it trains under (the rules of all four languages) and its start in CPU time."""
    ap = argparse.ArgumentParser(description=description.split("\n\n")[0])
    ap.add_argument("--docs", type=Path, help="published articles as bench/flags_b.py --docs keeps them")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--curve", action="store_true", help=curve)
    a = ap.parse_args(argv)
    t0 = time.process_time()
    return a, dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es")), t0


@dataclasses.dataclass
class Rows:
    x: list[list[float]] = dataclasses.field(default_factory=list)
    y: list[int] = dataclasses.field(default_factory=list)
    group: list[str] = dataclasses.field(default_factory=list)
    source: list[str] = dataclasses.field(default_factory=list)  # "plant", "trap", "host", "published"
    item: list[str] = dataclasses.field(default_factory=list)  # the plant, trap or page a row belongs to
    block: list[str] = dataclasses.field(default_factory=list)  # page and block, to count flags as the detector does
    text: list[str] = dataclasses.field(default_factory=list)

    def add(self, x: list[float], y: int, group: str, source: str, item: str, block: str, text: str = "") -> None:
        self.text.append(text)
        self.x.append(x)
        self.y.append(y)
        self.group.append(group)
        self.source.append(source)
        self.item.append(item)
        self.block.append(block)


def _site(name: str, corpus: Path) -> str:
    folder, page = name.split("/", 1)
    path = corpus / folder / (page.split(".")[0] + ".gold.json")
    if not path.exists():
        return name
    gold = json.loads(path.read_text(encoding="utf-8"))
    return site_of(gold.get("site") or gold.get("url")) or name


def planted_rows(rows: Rows, cfg: Any, hits: dict[str, bool], traps: set[str]) -> None:
    """Rows of the tune families' plants and traps; `hits` gains every plant and trap, True
    when the rule alone flags it, `traps` the traps' ids."""
    seen_host: set[str] = set()
    for d, blocks, text in tune_documents("editorial_note", SEED, COPIES):
        w = words_for(cfg, d.lang)
        hits.setdefault(d.id, False)
        if d.trap:
            traps.add(d.id)
        for u in units(text, blocks, block_offsets(blocks), w):
            inside = sum(max(0, min(u.end, e) - max(u.start, s)) for s, e in d.spans)
            sentence = text[u.start:u.end]
            if inside and u.reading.score >= THRESHOLD:
                hits[d.id] = True
            x = u.features(text) if u.reading.score < THRESHOLD else None
            if x is None:
                continue
            if inside >= 0.5 * (u.end - u.start):
                rows.add(x, 0 if d.trap else 1, d.family, "trap" if d.trap else "plant", d.id, f"{d.id}#{u.block}", sentence)
            elif not inside and sentence not in seen_host:
                seen_host.add(sentence)
                rows.add(x, 0, "host:" + d.source.split("/")[0], "host", d.source, f"{d.id}#{u.block}")


def published_docs(cfg: Any, path: Path | None) -> list[tuple[str, str, list[Block], str]]:
    """The published articles as `bench/flags.py` reads them, kept in `path` as JSON lines
    (`bench/flags_b.py --docs`'s format) and read from there when it exists."""
    sys.path.insert(0, str(ROOT / "bench"))
    return _script(ROOT / "bench" / "flags_b.py", "flags_b").cached(cfg, "curated", path)


def published_rows(rows: Rows, cfg: Any, docs_path: Path | None, corpus: Path) -> int:
    docs = published_docs(cfg, docs_path)
    for name, text, blocks, code in docs:
        w = words_for(cfg, code or "en")
        if w is None:
            continue
        site = _site(name, corpus)
        for u in units(text, blocks, block_offsets(blocks), w):
            x = u.features(text) if u.reading.score < THRESHOLD else None
            if x is not None:
                rows.add(x, 0, "site:" + site, "published", name, f"{name}#{u.block}", text[u.start:u.end])
    return len(docs)


def fit(x: np.ndarray, y: np.ndarray, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    lr.fit((x - mean) / scale, y)
    return lr, mean, scale


Fitter = Callable[[np.ndarray, np.ndarray, float], Any]  # (x, y, C) -> (model, mean, scale)


def oof(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float, fitter: Fitter = fit) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for tr, te in GroupKFold(FOLDS).split(x, y, groups):
        lr, mean, scale = fitter(x[tr], y[tr], c)
        out[te] = lr.predict_proba((x[te] - mean) / scale)[:, 1]
    return out


def figures(p: np.ndarray, t: float, rows: Rows, hits: dict[str, bool], traps: set[str],
            pages: int) -> dict[str, Any]:
    """At threshold `t`: published flags (one a block), tune plants found (rule or model),
    traps flagged, plants found per family."""
    pub_blocks = {b for b, s, q in zip(rows.block, rows.source, p, strict=True) if s == "published" and q >= t}
    found = dict(hits)
    for item, s, q in zip(rows.item, rows.source, p, strict=True):
        if s in ("plant", "trap") and q >= t:
            found[item] = True
    fams: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, ok in found.items():
        if item not in traps:
            fams[item.split("/")[0]][0] += ok
            fams[item.split("/")[0]][1] += 1
    plants = [v for k, v in found.items() if k not in traps]
    trapped = [v for k, v in found.items() if k in traps]
    return {"threshold": float(t), "published_flags": len(pub_blocks),
            "published_per_page": round(len(pub_blocks) / max(1, pages), 4),
            "tune_recall": round(sum(plants) / max(1, len(plants)), 3), "tune_found": f"{sum(plants)}/{len(plants)}",
            "traps_flagged": f"{sum(trapped)}/{len(trapped)}",
            "per_family": {k: f"{a}/{b}" for k, (a, b) in sorted(fams.items())}}


def choose(p: np.ndarray, rows: Rows, hits: dict[str, bool], traps: set[str], pages: int,
           show: bool = False, budget: float = BUDGET) -> dict[str, Any]:
    """The lowest threshold at which the out-of-fold flags on published pages (one a block)
    stay within the budget and no tune trap is flagged."""
    best: dict[str, float] = defaultdict(float)
    for b, s, q in zip(rows.block, rows.source, p, strict=True):
        if s == "published":
            best[b] = max(best[b], float(q))
    allowed = int(budget * pages)
    tops = sorted(best.values(), reverse=True)
    t = max(tops[allowed] if len(tops) > allowed else 0.5,
            max((float(q) for s, q in zip(rows.source, p, strict=True) if s == "trap"), default=0.5), 0.5)
    t = float(np.nextafter(t, 1.0))
    if show:
        for n in (0, 1, 2, 4, 8, 16, 32, 64):
            if len(tops) > n:
                f = figures(p, float(np.nextafter(tops[n], 1.0)), rows, hits, traps, pages)
                print(f"  {n:3} published flags: t={tops[n]:.6f} tune {f['tune_found']} traps {f['traps_flagged']}")
    return figures(p, t, rows, hits, traps, pages)


def main(argv: list[str]) -> int:
    a, cfg, t0 = trainer_args(argv, __doc__, "print the out-of-fold figures at every threshold")
    note_model.load.cache_clear()
    rows, hits, trap_ids = Rows(), {}, set()
    planted_rows(rows, cfg, hits, trap_ids)
    pages = published_rows(rows, cfg, a.docs, corpus_root())
    x, y, g = np.array(rows.x), np.array(rows.y), np.array(rows.group)
    print(f"rows: {len(y)} ({int(y.sum())} positive); sources {dict(Counter(rows.source))}; "
          f"{pages} published pages; rule alone finds {sum(v for k, v in hits.items() if k not in trap_ids)} tune plants")
    c, f = best_c(x, y, g, rows, hits, trap_ids, pages, a.curve, fitted_traps=True, tolerance=TOLERANCE,
                  fitted_budget=True)
    if a.cv_only:
        return 0
    fitted = fit(x, y, c)
    write_model(
        note_model.NAME, VERSION, note_model.FEATURES, fitted, c, f, rows, y, COMMAND,
        {"positives": "bench/flagset editorial_note tune families (held-out families never read)",
         "negatives": "health-dev, bench, wcxb-dev published articles (pipeline's blocks); tune traps; host sentences"},
        "learned scorer for editorial_note (flags/note_model.py)",
        f"positives: sentences of planted notes, bench/flagset editorial_note tune families, seed {SEED}, {COPIES} copies\n"
        f"negatives: sentences of {pages} published articles (health-dev, bench, wcxb-dev), tune traps, host sentences\n"
        f"rows: {len(y)}, positive {int(y.sum())}; by source {dict(Counter(rows.source))}\n", t0)
    return 0


def above_traps(fitted: tuple[Any, np.ndarray, np.ndarray], x: np.ndarray, p: np.ndarray, f: dict[str, Any],
                rows: Rows, hits: dict[str, bool], traps: set[str], pages: int) -> dict[str, Any]:
    """The threshold raised above every tune trap as the model fitted on everything scores
    it (the out-of-fold threshold leaves them all unflagged by models that never saw them;
    the shipped one must too), with the out-of-fold (`p`) figures at the raised threshold."""
    lr, mean, scale = fitted
    trap = np.array([s == "trap" for s in rows.source])
    top = float(lr.predict_proba((x[trap] - mean) / scale)[:, 1].max()) if trap.any() else 0.0
    if top < f["threshold"]:
        return f
    return {**figures(p, float(np.nextafter(top, 1.0)), rows, hits, traps, pages), "oof_threshold": f["threshold"]}


def above_fitted(fitted: tuple[Any, np.ndarray, np.ndarray], x: np.ndarray, p: np.ndarray, f: dict[str, Any],
                 rows: Rows, hits: dict[str, bool], traps: set[str], pages: int, budget: float) -> dict[str, Any]:
    """The threshold raised until the model fitted on everything, which is the one shipped,
    flags no more published blocks than the budget allows and no tune trap (a threshold read
    out of fold sits on the folds' scale of probabilities, not on the fitted model's), with
    the out-of-fold (`p`) figures at the raised threshold."""
    lr, mean, scale = fitted
    q = lr.predict_proba((x - mean) / scale)[:, 1]
    best: dict[str, float] = defaultdict(float)
    for b, s, v in zip(rows.block, rows.source, q, strict=True):
        if s == "published":
            best[b] = max(best[b], float(v))
    tops = sorted(best.values(), reverse=True)
    allowed = int(budget * pages)
    top = max(tops[allowed] if len(tops) > allowed else 0.0,
              max((float(v) for s, v in zip(rows.source, q, strict=True) if s == "trap"), default=0.0))
    if top < f["threshold"]:
        return f
    return {**figures(p, float(np.nextafter(top, 1.0)), rows, hits, traps, pages), "oof_threshold": f["threshold"]}


def best_c(x: np.ndarray, y: np.ndarray, g: np.ndarray, rows: Rows, hits: dict[str, bool], traps: set[str],
           pages: int, curve: bool = False, budget: float = BUDGET,
           fitted_traps: bool = False, tolerance: float = 0.0,
           fitted_budget: bool = False, fitter: Fitter = fit) -> tuple[float, dict[str, Any]]:
    """The regularisation (`C_GRID`) whose threshold (out of fold; with `fitted_traps`, raised
    above the tune traps as the model fitted on everything scores them) finds the most tune
    plants out of fold, or within `tolerance` of the most (a few plants more out of fold do
    not pay for a model fitted closer to its data): of those, the one with the fewest
    published flags, then the most regularised, with that threshold's figures. With
    `fitted_budget` the threshold is also raised until the model fitted on everything keeps
    the budget on the published pages and flags no tune trap (`above_fitted`). `fitter` fits
    every model (`fit`, or one that rounds as a card stores the model)."""
    tried: list[tuple[float, dict[str, Any]]] = []
    for c in C_GRID:
        p = oof(x, y, g, c, fitter)
        f = choose(p, rows, hits, traps, pages, curve, budget)
        if fitted_traps:
            f = above_traps(fitter(x, y, c), x, p, f, rows, hits, traps, pages)
        if fitted_budget:
            f = above_fitted(fitter(x, y, c), x, p, f, rows, hits, traps, pages, budget)
        print(f"C={c}: {json.dumps({k: v for k, v in f.items() if k != 'per_family'})}")
        tried.append((c, f))
    top = max(f["tune_recall"] for _, f in tried)
    best = min(((c, f) for c, f in tried if f["tune_recall"] >= top - tolerance),
               key=lambda cf: (cf[1]["published_flags"], C_GRID.index(cf[0]) if cf[0] in C_GRID else 0))
    print(f"chosen C={best[0]}: {json.dumps(best[1], ensure_ascii=False)}")
    return best


def write_model(name: str, version: int, features: tuple[str, ...], fitted: tuple[Any, np.ndarray, np.ndarray],
                c: float, f: dict[str, Any], rows: Rows, y: np.ndarray, command: str, corpora: dict[str, str],
                what: str, data: str, t0: float, budget: float = BUDGET) -> None:
    """The model's card (`<name>-v<version>.json`: weights, scaling, threshold, CV figures)
    and its readable summary (`.txt`: `what` it is, the `data` it was trained on, the CV)."""
    lr, mean, scale = fitted
    weights = [round(float(v), 6) for v in lr.coef_[0]]
    card = {
        "version": f"{name}-v{version}", "library": "logistic-regression (scikit-learn, weights as data)",
        "file": f"{name}-v{version}.json", "features": list(features), "weights": weights,
        "bias": round(float(lr.intercept_[0]), 6), "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale], "threshold": f["threshold"], "C": c,
        "corpora": corpora,
        "rows": {"total": len(y), "positive": int(y.sum()), **Counter(rows.source)},
        "cv": {"folds": FOLDS, "grouped_by": "template family (plants, traps), site (published pages)",
               "budget_per_page": budget, **f},
        "command": command,
    }
    (HERE / f"{name}-v{version}.json").write_text(note_model.card_json(card), encoding="utf-8")
    top = sorted(zip(features, weights, strict=True), key=lambda kv: -abs(kv[1]))
    (HERE / f"{name}-v{version}.txt").write_text(
        f"{name}-v{version}: {what}\n"
        f"model: logistic regression, C={c}, class_weight=balanced, features standardised; weights in {name}-v{version}.json\n"
        f"train: {command}  ({time.process_time() - t0:.0f} CPU-s)\n" + data +
        f"CV: {FOLDS}-fold, grouped by template family and by site; threshold = lowest with out-of-fold\n"
        f"  published flags <= {budget}/page and no tune trap flagged: {f['threshold']}\n"
        f"  out of fold at it: tune plants found (rule or model) {f['tune_found']} ({f['tune_recall']}), "
        f"published flags {f['published_flags']} ({f['published_per_page']}/page), traps {f['traps_flagged']}\n"
        f"  per family: {json.dumps(f['per_family'])}\n"
        f"weights (standardised), largest first:\n" + "".join(f"  {k:18} {v:+.3f}\n" for k, v in top),
        encoding="utf-8")
    print(f"wrote {name}-v{version}.json and .txt ({time.process_time() - t0:.0f} CPU-s)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
