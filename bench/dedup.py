"""Dedup benchmark: quality on the dedup set, the parameter sweep, throughput and index load.

usage: python bench/dedup.py [quality] [sweep] [scale] [--n 100000] [--set DIR] [--out DIR]

quality  builds the dedup set (bench/dedupset/build.py) from the corpus, curates it with
         the library pipeline and prints pairwise dup_P / dup_R (../shared/tools/score.py's
         definition) and recall per kind of copy, plus any non-copy that was grouped.
sweep    on the curated texts of the set, with exact shingle sets (no MinHash noise):
         the closest non-copy pair and the farthest copy pair for 3/4/5/7-word shingles,
         and pairwise P/R of candidate rules; the basis of the parameters in text.py.
scale    N synthetic documents (default 100k; 8% near copies, 4% exact copies) through
         the dedup step: sketches in 2 processes (as process_batch runs them; generating
         the texts is not timed), then the
         ordered step (Deduper.decide_batch + State.commit_inputs, batches of 1000);
         documents per second for each part and in total; P/R against the planted
         copies; then the time to load the persistent index of those N articles, and
         datasketch's MinHashLSH insertion time for the same signatures for comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ascurate.config import load_config
from ascurate.dedup import Deduper, content_hash, normalise, sketch
from ascurate.dedup.groups import UnionFind
from ascurate.dedup.index import BANDS, ROWS
from ascurate.dedup.text import NUM_PERM, SCHEME
from ascurate.model import Article
from ascurate.pipeline import run
from ascurate.runtime.state import State

HERE = Path(__file__).resolve().parent
SCORE = HERE.parents[1] / "shared" / "tools" / "score.py"


def load(path: Path, name: str):  # noqa: ANN201 - a module
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ quality and sweep


def curated_set(set_dir: Path | None, out: Path | None) -> tuple[Path, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="dedupset-"))
    set_dir = set_dir or tmp / "set"
    if not any(set_dir.glob("*.gold.json")):
        counts = load(HERE / "dedupset" / "build.py", "build").build(set_dir)
        print(f"dedup set: {sum(counts.values())} pages {json.dumps(counts)}")
    out = out or tmp / "curated"
    if not (out / "summary.json").exists():
        t = time.perf_counter()
        s = run(set_dir, out, load_config(Path("/nonexistent")))
        print(f"curated in {time.perf_counter() - t:.1f} s: {s.duplicate} duplicates of {s.documents} documents")
    return set_dir, out


def quality(set_dir: Path, out: Path) -> None:
    score = load(SCORE, "score")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(set_dir.glob("*.gold.json"))]
    arts = score.load_articles(str(out))
    p, r = score.dup_pairs(golds, arts)
    print(f"pairwise dup_P {p:.3f} dup_R {r:.3f}  ({len(golds)} pages)")
    by_id = {a["id"]: a for a in arts.values()}

    def root(a: dict) -> str:
        while a.get("duplicate_of") in by_id:
            a = by_id[a["duplicate_of"]]
        return a["id"]
    found, total, wrong = Counter(), Counter(), []
    for g in golds:
        a = arts.get(score.base(g["source"]))
        if g["kind"] in ("original", "quoting") or a is None:
            if g["kind"] == "quoting" and a and a.get("duplicate_of"):
                wrong.append(g["source"])
            continue
        orig = arts.get(g["source"].split("-")[0] + "-original.html")
        total[g["kind"]] += 1
        found[g["kind"]] += orig is not None and root(a) == root(orig)
    print("recall by kind: " + ", ".join(f"{k} {found[k]}/{total[k]}" for k in sorted(total)))
    print(f"non-copies grouped: {len(wrong)} {wrong}")


def sweep(set_dir: Path, out: Path) -> None:
    score = load(SCORE, "score")
    golds = {g["source"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in set_dir.glob("*.gold.json"))}
    arts = score.load_articles(str(out))
    names = sorted(n for n in golds if n in arts)

    def shingles(text: str, k: int) -> set[str]:
        w = normalise(text).split()
        return {" ".join(w[i:i + k]) for i in range(max(1, len(w) - k + 1))}
    rules = {"J>=0.5": lambda j, c: j >= 0.5, "J>=0.3": lambda j, c: j >= 0.3,
             "C>=0.5 & J>=0.2": lambda j, c: c >= 0.5 and j >= 0.2}
    print(f"{'k':>2} {'copy min J':>10} {'copy min C':>10} {'non-copy max J':>14} {'max C':>6}  "
          + "  ".join(f"{r:>18}" for r in rules))
    for k in (3, 4, 5, 7):
        sets = {n: shingles(arts[n]["text"], k) for n in names}
        same, diff, conf = [], [], {r: Counter() for r in rules}
        for a, b in itertools.combinations(names, 2):
            ga, gb = golds[a].get("duplicate_group"), golds[b].get("duplicate_group")
            inter = len(sets[a] & sets[b])
            j = inter / len(sets[a] | sets[b])
            c = inter / min(len(sets[a]), len(sets[b]))
            is_same = bool(ga and ga == gb)
            (same if is_same else diff).append((j, c))
            for rname, rule in rules.items():
                pred = rule(j, c)
                conf[rname][("tp" if is_same else "fp") if pred else ("fn" if is_same else "tn")] += 1
        pr = []
        for rname in rules:
            m = conf[rname]
            pr.append(f"P {m['tp'] / max(1, m['tp'] + m['fp']):.3f} R {m['tp'] / max(1, m['tp'] + m['fn']):.3f}")
        print(f"{k:>2} {min(s[0] for s in same):>10.2f} {min(s[1] for s in same):>10.2f} "
              f"{max(d[0] for d in diff):>14.2f} {max(d[1] for d in diff):>6.2f}  " + "  ".join(f"{x:>18}" for x in pr))


# ------------------------------------------------------------------------------ scale

VOCAB = 30_000
COPY, EXACT = 0.08, 0.04


def synthetic(i: int) -> tuple[str, int | None]:
    """Document i of the synthetic corpus, and the document it copies (None if original)."""
    rng = np.random.default_rng(i)
    kind = rng.random()
    if i > 10 and kind < COPY + EXACT:
        src = int(rng.integers(0, i))
        while synthetic(src)[1] is not None:
            src = int(rng.integers(0, src + 1)) if src else 0
        text = synthetic(src)[0]
        if kind < COPY:  # edited: 3% of words changed, a paragraph's worth dropped
            words = text.split()
            for j in rng.integers(0, len(words), len(words) // 33):
                words[j] = "edited"
            cut = int(rng.integers(0, len(words)))
            text = " ".join(words[:cut] + words[cut + len(words) // 10:])
        return text, src
    ranks = np.minimum(rng.zipf(1.3, int(rng.integers(200, 800))), VOCAB) - 1
    return " ".join(f"w{r}" for r in ranks.tolist()), None


def sketch_range(bounds: tuple[int, int]) -> tuple[list[tuple[int, object, str, int, int | None]], float, float]:
    """Sketches of documents [a, b), and the wall and CPU seconds spent sketching (not generating)."""
    out, spent, cpu = [], 0.0, 0.0
    for i in range(*bounds):
        text, src = synthetic(i)
        t, c = time.perf_counter(), time.process_time()
        sk, h = sketch(text), content_hash(text)
        spent += time.perf_counter() - t
        cpu += time.process_time() - c
        out.append((i, sk, h, len(text.split()), src))
    return out, spent, cpu


def scale(n: int) -> None:
    batch = 1000
    with mp.get_context("fork").Pool(2) as pool:
        parts = pool.map(sketch_range, [(i, min(n, i + 2000)) for i in range(0, n, 2000)])
    sketched = [x for part, _, _ in parts for x in part]
    t_sketch = sum(p[1] for p in parts) / 2  # wall seconds over 2 processes
    c_sketch = sum(p[2] for p in parts) / 2  # CPU seconds over 2 processes: the wall time on an idle machine
    tmp = Path(tempfile.mkdtemp(prefix="dedup-scale-"))
    state = State(tmp)
    dd = Deduper(state)
    t1, c1 = time.perf_counter(), time.process_time()
    dup_of: dict[int, str | None] = {}
    for b in range(0, n, batch):
        arts = []
        for i, sk, h, words, _ in sketched[b:b + batch]:
            a = Article(id=f"d{i:07d}", source={"path": f"s/{i:07d}.txt", "site": None}, status="clean",
                        title=None, language="en", text="x", blocks=[], content_hash=h, minhash=sk)
            arts.append((a, words))
        for a, words in arts:  # the Deduper counts words in the text: a stand-in of the right length
            a.text = "w " * words
        dd.decide_batch([a for a, _ in arts])
        state.commit_inputs([{"path": a.source["path"], "sha256": "-", "config": "-", "errors": [], "articles": [
            {"id": a.id, "content_hash": a.content_hash, "site": None, "words": words, "status": a.status,
             "duplicate_of": a.duplicate_of, "signature": a.minhash.sig.tobytes(), "shingles": a.minhash.size,
             "dedup": a.metadata.get("dedup")}]} for a, words in arts])
        dup_of.update((int(a.id[1:]), a.duplicate_of) for a, _ in arts)
    t_step, c_step = time.perf_counter() - t1, time.process_time() - c1
    total, c_total = t_sketch + t_step, c_sketch + c_step
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting for "
          "other jobs; CPU times are what an idle machine would take)")
    print(f"scale: {n} synthetic documents ({COPY:.0%} edited copies, {EXACT:.0%} exact copies)")
    print(f"  sketches + text hash (2 processes): wall {t_sketch:.1f} s = {n / t_sketch:,.0f} docs/s; CPU "
          f"{c_sketch:.1f} s = {n / c_sketch:,.0f} docs/s ({2 * c_sketch / n * 1e3:.2f} ms CPU per document, "
          f"{np.mean([x[3] for x in sketched]):.0f} words on average)")
    print(f"  ordered step (decide + state commit): wall {t_step:.1f} s = {n / t_step:,.0f} docs/s; "
          f"CPU {c_step:.1f} s = {n / c_step:,.0f} docs/s")
    print(f"  dedup step in total: wall {total:.1f} s = {n / total:,.0f} docs/s; "
          f"CPU {c_total:.1f} s = {n / c_total:,.0f} docs/s")
    planted, found = UnionFind(), UnionFind()
    for i, _, _, _, src in sketched:
        planted.find(str(i))
        found.find(str(i))
        if src is not None:
            planted.union(str(i), str(src))
        if dup_of.get(i):
            found.union(str(i), str(int(dup_of[i][1:])))
    p, r = pair_pr(planted, found)
    print(f"  planted copies: pairwise P {p:.3f} R {r:.3f}")
    state.close()
    t2, c2 = time.perf_counter(), time.process_time()
    state = State(tmp)
    dd = Deduper(state)  # reads the state and builds the index: what every run starts with
    t3, c3 = time.perf_counter(), time.process_time()
    rows = len(dd.info)
    t4 = time.perf_counter()
    state.dedup_rows()
    t5 = time.perf_counter()
    print(f"  persistent index load for {rows} articles: wall {t3 - t2:.2f} s, CPU {c3 - c2:.2f} s "
          f"(the SQLite read alone: wall {t5 - t4:.2f} s)")
    state.close()
    from datasketch import LeanMinHash, MinHashLSH

    m = min(n, 20_000)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    t6 = time.perf_counter()
    for i, sk, *_ in sketched[:m]:
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=sk.sig, scheme=SCHEME), check_duplication=False)
    per = (time.perf_counter() - t6) / m
    print(f"  for comparison, datasketch MinHashLSH insert: {per * 1e6:.0f} us each = {per * n:.1f} s for {n}")
    shutil.rmtree(tmp, ignore_errors=True)


def pair_pr(gold: UnionFind, pred: UnionFind) -> tuple[float, float]:
    """Pairwise precision/recall of two partitions, from group sizes (no pair enumeration)."""
    def pairs(c: Counter) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())
    g = Counter(gold.find(x) for x in gold.parent)
    p = Counter(pred.find(x) for x in pred.parent)
    both = Counter((gold.find(x), pred.find(x)) for x in gold.parent)
    tp = pairs(both)
    return tp / max(1, pairs(p)), tp / max(1, pairs(g))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("parts", nargs="*", default=["quality", "sweep", "scale"])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--set", type=Path, help="a built dedup set to reuse")
    ap.add_argument("--out", type=Path, help="its curated output to reuse")
    a = ap.parse_args(argv)
    if {"quality", "sweep"} & set(a.parts):
        set_dir, out = curated_set(a.set, a.out)
        if "quality" in a.parts:
            quality(set_dir, out)
        if "sweep" in a.parts:
            sweep(set_dir, out)
    if "scale" in a.parts:
        scale(a.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
