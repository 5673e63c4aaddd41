"""A wcxb-dev sample to run `ascurate run` on, and its score.py figures per page type.

usage: python bench/wcxb_sample.py make DIR [--n 300] [--seed 16] [--extra FILE] [--exclude DIR2]
       python bench/wcxb_sample.py score DIR OUT

`make` copies N pages drawn with SEED (plus the pages named in FILE, one stem a line, e.g.
the pages `bench/edge_joins.py --show` lists) into DIR/raw and their gold files into
DIR/gold; `--exclude DIR2` draws none of the sites of the sample in DIR2, so a second
sample is held out from the first (the site, not only the page). `score` prints score.py's P, R and F1 of the articles in OUT (an `ascurate run
--raw DIR/raw --out OUT` folder) over all the sample and per gold page type.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import sys
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WCXB = SHARED / "corpus" / "wcxb-dev"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _site(gold: Path) -> str:
    return str(json.loads(gold.read_text()).get("site") or gold.name)


def make(folder: Path, n: int, seed: int, extra: Path | None, exclude: Path | None = None) -> None:
    seen = {_site(g) for g in (exclude / "gold").glob("*.gold.json")} if exclude is not None else set()
    stems = sorted(g.name[: -len(".gold.json")] for g in WCXB.glob("*.gold.json") if not seen or _site(g) not in seen)
    random.Random(seed).shuffle(stems)
    chosen = set(stems[:n])
    if extra is not None:
        chosen |= {s.strip() for s in extra.read_text().split() if s.strip()}
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    for stem in sorted(chosen):
        gold = json.loads((WCXB / f"{stem}.gold.json").read_text())
        shutil.copy(WCXB / gold["source"], folder / "raw" / gold["source"])
        shutil.copy(WCXB / f"{stem}.gold.json", folder / "gold" / f"{stem}.gold.json")
    print(f"{len(chosen)} pages in {folder}")


def score(folder: Path, out: Path) -> None:
    sc = _scorer()
    golds = [json.loads(p.read_text()) for p in sorted((folder / "gold").glob("*.gold.json"))]
    arts = sc.load_articles(str(out))
    by_type: dict[str, list] = defaultdict(list)
    for g in golds:
        by_type["all"].append(g)
        by_type[g.get("page_type", "?")].append(g)
    for t, gs in sorted(by_type.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        r = sc.score(gs, arts)
        print(f"{t:14} docs {r['docs']:4}  P {r['P'] or 0:.4f} R {r['R']:.4f} F1 {r['F1']:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("dir", type=Path)
    m.add_argument("--n", type=int, default=300)
    m.add_argument("--seed", type=int, default=16)
    m.add_argument("--extra", type=Path)
    m.add_argument("--exclude", type=Path, help="a sample folder whose sites this one leaves out")
    s = sub.add_parser("score")
    s.add_argument("dir", type=Path)
    s.add_argument("out", type=Path)
    a = ap.parse_args()
    if a.cmd == "make":
        make(a.dir, a.n, a.seed, a.extra, a.exclude)
    else:
        score(a.dir, a.out)


if __name__ == "__main__":
    sys.exit(main())
