"""Two versions of the learned cleaning parts on the same documents, interleaved document by
document in one process: whether every page's features, page type, removals and article
are identical (a change made for speed must leave them so), and the CPU each side's
learned parts take of `curate_document`.

    .venv/bin/python bench/classifier_ab.py --base /tmp/base/src/ascurate \\
        ../shared/corpus/health-dev ../shared/corpus/bench ../shared/corpus/wcxb-dev --n 400

`--base DIR` is another checkout's package folder (`git archive main src | tar -x -C /tmp/base`);
it is copied to a temporary folder and imported as `ascurate_base` (the pipeline imports only
relative names). Each folder's first `--n` pages (gold files left out) are read once, by this
checkout's `ingest`, and curated by both sides, which goes first alternating. Compared, bit
for bit: the page-type model's inputs (`pagetype.page_features`) and call (type and
probabilities), the boilerplate rows (`Extracted.features`), the win-back candidates (blocks,
rows, places), both models' decisions, and the article's JSON. The learned parts are timed
as bench/stages.py times them (each stage's own CPU, without the stages it calls).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import STAGES, Timer, install  # noqa: E402 - bench/stages.py's per-stage timer

from ascurate import ingest  # noqa: E402
from ascurate.config import load_config  # noqa: E402
from ascurate.model import Document  # noqa: E402

WARM = 5  # documents curated by each side before timing
# the learned cleaning parts: bench/stages.py's stages of these names
LEARNED_NAMES = ("page type", "dom index", "boilerplate features", "win-back candidates", "boilerplate model",
                 "win-back model")
LEARNED: list[tuple[str, str, str]] = [(name.removeprefix("extract: "), mod, fn) for name, mod, fn in STAGES
                                       if name.removeprefix("extract: ") in LEARNED_NAMES]


class Side:
    """One version of the package, its stages timed and what its learned parts give recorded."""

    def __init__(self, package: str) -> None:
        self.pipeline = importlib.import_module(f"{package}.pipeline")
        self.emit = importlib.import_module(f"{package}.emit")
        self.cfg = importlib.import_module(f"{package}.config").load_config(None)
        self.timer = Timer()
        install(self.timer, LEARNED, package)
        self.seen: dict[str, Any] = {}
        self.stages: dict[str, list[float]] = defaultdict(list)
        self.totals: list[float] = []
        pagetype = importlib.import_module(f"{package}.clean.pagetype")
        boilerplate = importlib.import_module(f"{package}.clean.boilerplate")
        winback = importlib.import_module(f"{package}.clean.winback")
        self._record(pagetype, "page_features", "page features")
        self._record(pagetype, "classify", "page type")
        self._record(self.pipeline, "extract", "extracted")
        self._record(boilerplate, "judge", "boilerplate removals")
        self._record(winback, "judge", "win-back returns")

    def _record(self, module: Any, name: str, key: str) -> None:
        fn = getattr(module, name)

        def kept(*a: Any, **k: Any) -> Any:
            out = fn(*a, **k)
            self.seen[key] = out
            return out

        setattr(module, name, kept)

    def curate(self, doc: Document, timed: bool, collect: bool = True) -> dict[str, Any]:
        self.seen = {}
        self.timer.doc.clear()
        if not collect:
            gc.collect()
            gc.disable()
        t = time.process_time()
        try:
            art = self.pipeline.curate_document(doc, self.cfg)
        finally:
            gc.enable()
        total = time.process_time() - t
        if timed:
            self.totals.append(total)
            for stage in {s for s, _, _ in LEARNED}:
                self.stages[stage].append(self.timer.doc.get(stage, 0.0))
        return {**self.seen, "article": self.emit.article_json(art)}


def _bits(a: Any) -> Any:
    """An array's dtype, shape and bytes (None stays None)."""
    if a is None:
        return None
    a = np.asarray(a)
    return a.dtype.str, a.shape, a.tobytes()


def _key(seen: dict[str, Any]) -> dict[str, Any]:
    """What is compared of a document: everything exact, floats by their bits."""
    ex = seen.get("extracted")
    kind = seen.get("page type")
    segs = getattr(ex, "segments", None)
    return {
        "page features": _bits(seen.get("page features")),
        "page type": None if kind is None else (kind.type, _bits(kind.score), sorted(kind.scores.items())),
        "boilerplate rows": _bits(getattr(ex, "features", None)),
        "candidates": None if ex is None else ([(b.type, b.text, b.level) for b in ex.blocks], list(ex.precise)),
        "win-back rows": None if segs is None else _bits(segs.rows),
        "win-back blocks": None if segs is None else ([(b.type, b.text, b.level) for b in segs.blocks], segs.at),
        "boilerplate removals": seen.get("boilerplate removals"),
        "win-back returns": seen.get("win-back returns"),
        "article": seen["article"],
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True, help="the other version's src/ascurate folder")
    ap.add_argument("folders", nargs="+", type=Path, help="folders of pages (gold files are left out)")
    ap.add_argument("--n", type=int, default=100, help="pages per folder (default 100; 0: all)")
    ap.add_argument("--no-gc", action="store_true", help="collect garbage between documents, not while one is curated "
                    "(a collection's time otherwise goes to whichever stage runs when it starts)")
    a = ap.parse_args(argv)
    cfg = load_config(None)
    docs: list[Document] = []
    for folder in a.folders:
        srcs = [s for s in ingest.discover(folder, cfg) if not s.path.endswith(".json")]
        docs += [d for s in srcs[:a.n or None] for d in ingest.read(s, cfg) if isinstance(d, Document)]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(a.base, Path(tmp) / "ascurate_base", ignore=shutil.ignore_patterns("__pycache__"))
        sys.path.insert(0, tmp)
        sides = {"base": Side("ascurate_base"), "new": Side("ascurate")}
        for doc in docs[:WARM]:  # models loaded, caches warm
            for side in sides.values():
                side.curate(doc, timed=False)
        differ: dict[str, list[str]] = defaultdict(list)
        t0 = time.process_time()
        for i, doc in enumerate(docs):
            order = ("base", "new") if i % 2 == 0 else ("new", "base")
            got = {name: _key(sides[name].curate(doc, timed=True, collect=not a.no_gc)) for name in order}
            for part, value in got["base"].items():
                if value != got["new"][part]:
                    differ[part].append(doc.key)
    n = len(docs)
    print(f"{n} documents from {', '.join(f.name for f in a.folders)}; {time.process_time() - t0:.0f} CPU s, "
          f"load average {os.getloadavg()[0]:.1f}")
    for part in _key({"article": b""}):
        found = differ.get(part, [])
        print(f"  {part:22} identical on {n - len(found)} of {n}" + (f"  (differ: {', '.join(found[:5])})" if found else ""))
    print(f"{'CPU-ms a document':24} {'base':>8} {'new':>8}")
    for stage in dict.fromkeys(s for s, _, _ in LEARNED):
        print(f"{stage:24} " + " ".join(f"{1000 * statistics.mean(side.stages[stage]):8.2f}" for side in sides.values()))
    learned = {name: sum(statistics.mean(xs) for xs in side.stages.values()) for name, side in sides.items()}
    totals = {name: statistics.mean(side.totals) for name, side in sides.items()}
    print(f"{'learned parts':24} " + " ".join(f"{1000 * learned[k]:8.2f}" for k in sides))
    print(f"{'curate_document':24} " + " ".join(f"{1000 * totals[k]:8.2f}" for k in sides))
    print(f"{'learned share':24} " + " ".join(f"{learned[k] / totals[k]:8.1%}" for k in sides))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
