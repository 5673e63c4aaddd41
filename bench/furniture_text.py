"""What planted furniture the text-line model leaves on wordings it never saw, measured on
the TUNED families only (the held-out families are not read).

usage: python bench/furniture_text.py --cache FILE [--seed 7] [--copies 6] [--show N] [--threshold T] [--lone N]

`train_textlines`'s cross-validation puts every tuned family on both sides of each fold
(only the host sites are grouped), so its planted leak measures wordings the model has
seen. Here the tuned families are split in two halves per kind (by a hash of the id) and
each half is planted in its own pages (`bench/furnitureset/generate.py`'s generator, on
that half's families only). The models are the trainer's two stacked models, fitted per
site fold on the corpora and half b's pages only, so a half-a line is judged by a model
that saw neither its host site nor its family's wording: the situation of a held-out
family, measured on families anyone may look at (half b's lines are judged as in the
trainer's own CV, for comparison). The trainer's extra pages (`lone_lines`: widget lines
alone between two paragraphs; `--lone N`, 0 for none) are made from half b's pages only and
trained on, not reported. The threshold is chosen by the trainer's rule on the corpora's
out-of-fold scores.

It prints health-dev, bench and wcxb-dev article figures, the unseen-wording leak per
furniture kind, per position (top, middle, bottom) and per shape (a widget a line per
paragraph, its lines run together, a comment thread), and with `--show N` the first N
leaked lines per kind.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from ascurate.clean.textlines import CONTEXT_FEATURES, FEATURES, context_features
from ascurate.models import train_textlines as tt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from furnitureset import generate as fs  # noqa: E402 - the generator beside this file


def halves() -> tuple[list[fs.Family], list[fs.Family]]:
    """The tuned families split in two per kind, alternately in the order of a hash of their ids."""
    families = fs.load_families()
    held = fs.held_out_ids(families)
    out: tuple[list[fs.Family], list[fs.Family]] = ([], [])
    for kind in sorted({f.kind for f in families}):
        tuned = sorted((f for f in families if f.kind == kind and f.id not in held),
                       key=lambda f: hashlib.sha1(f"half:{f.id}".encode()).hexdigest())
        for k, f in enumerate(tuned):
            out[k % 2].append(f)
    return out


def planted(families: list[fs.Family], seed: int, copies: int, tag: str) -> tuple[list[tt.PageLines], list[fs.Doc]]:
    """Pages with widgets of `families` only, read as `.txt` input."""
    original = fs.load_families
    fs.load_families = lambda folder=fs.TEMPLATES: list(families)  # generate() plants what this returns
    try:
        docs = fs.generate(seed, copies)
    finally:
        fs.load_families = original
    for d in docs:
        d.id = f"{d.id}-{tag}"
        d.gold["source"] = d.id
    with tempfile.TemporaryDirectory() as tmp:
        fs.write(docs, Path(tmp), "text", seed)
        lines = tt.furniture_lines(Path(tmp))
    return lines, docs


def cross_validate(docs: list[tt.PageLines], feats: list[np.ndarray], half: list[int],
                   names: tuple[str, ...]) -> list[np.ndarray]:
    """Out-of-fold furniture scores, folds grouped by site, each fold's model trained
    without half a's pages: a half-a page is judged on wordings the model never saw, a
    half-b page (and a corpus page) as by the trainer's own cross-validation."""
    from sklearn.model_selection import GroupKFold

    scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for fit, held in GroupKFold(tt.FOLDS).split(docs, groups=[d.site for d in docs]):
        train = [i for i in fit if half[i] != 0]
        booster = tt.train([docs[i] for i in train], [feats[i] for i in train], names)
        for i in held:
            scores[i] = 1.0 - booster.predict(feats[i])
    return scores


def _fold(s: str) -> str:
    return " ".join(s.split()).lower()


def leak_report(docs: list[tt.PageLines], fsdocs: dict[str, fs.Doc], scores: list[np.ndarray], threshold: float,
                show: int, brief: bool = False) -> dict[str, tuple[int, int]]:
    """Planted snippets left at `threshold`, by kind, position, shape and widget size."""
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    leaked: dict[str, list[str]] = collections.defaultdict(list)
    for d, s in zip(docs, scores, strict=True):
        text = _fold("\n".join(ln for ln, x in zip(d.lines, s, strict=True) if x < threshold))
        for plant in fsdocs[d.name.removesuffix(".txt")].plants:
            shape = "thread" if plant.kind == "comment_thread" else ("joined" if plant.joined else "widget")
            for snip in plant.snippets:
                left = int(_fold(snip) in text)
                for key in ("all", f"kind {plant.kind}", f"position {plant.position}", f"shape {shape}",
                            f"lines {min(len(plant.lines), 3)}{'+' if len(plant.lines) >= 3 else ''}"):
                    counts[key][0] += left
                    counts[key][1] += 1
                if left:
                    leaked[plant.kind].append(f"[{plant.position}, {len(plant.lines)} lines] {snip[:150]}")
    for key, (left, n) in sorted(counts.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        if brief and key != "all":
            continue
        print(f"  {key:<26} {left:>4}/{n:<5} {left / n:.3f}")
    if show:
        for kind, items in sorted(leaked.items()):
            print(f"\n{kind}: {len(items)} leaked")
            for item in items[:show]:
                print("   ", item)
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="train_textlines --cache file (the corpora's lines)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--threshold", type=float, help="instead of the trainer's rule")
    ap.add_argument("--weight", type=float, help="instead of the trainer's FURNITURE_WEIGHT")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="a LightGBM parameter instead of the trainer's (numbers only)")
    ap.add_argument("--lone", type=int, default=tt.LONE, help="instead of the trainer's LONE (0: no extra pages)")
    a = ap.parse_args(argv)
    if a.weight is not None:
        tt.FURNITURE_WEIGHT = a.weight
    for p in a.param:
        name, value = p.split("=", 1)
        tt.PARAMS[name] = float(value) if "." in value else int(value)
    docs = [tt.PageLines(**d) for d in json.loads(a.cache.read_text(encoding="utf-8"))]
    feats_file = a.cache.with_suffix(f".{len(FEATURES)}.npz")
    if feats_file.exists():
        feats = np.split(np.load(feats_file, allow_pickle=False)["x"], np.cumsum([len(d.lines) for d in docs])[:-1])
    else:
        feats = tt.features(docs)
        np.savez(feats_file, x=np.vstack(feats))
    half = [-1] * len(docs)
    fsdocs: dict[str, fs.Doc] = {}
    for h, fams in enumerate(halves()):
        lines, made = planted(fams, a.seed, a.copies, "ab"[h])
        fsdocs.update({d.id: d for d in made})
        docs += lines
        feats += tt.features(lines)
        half += [h] * len(lines)
        if h == 1 and a.lone:  # the trainer's extra pages, of half b's pages only (trained on, not reported)
            extra = tt.lone_lines(lines, a.lone)
            docs += extra
            feats += tt.features(extra)
            half += [2] * len(extra)
        print(f"half {'ab'[h]}: {len(fams)} families, {len(lines)} pages: {', '.join(f.id for f in fams)}")
    first = cross_validate(docs, feats, half, FEATURES)
    feats2 = [np.array(context_features(d.lines, feats[i].tolist(), first[i].tolist())) for i, d in enumerate(docs)]
    scores = cross_validate(docs, feats2, half, CONTEXT_FEATURES)
    for name, sc in (("first model", first), ("with context", scores)):
        t = a.threshold or tt.choose_threshold(docs, sc)
        table = tt.cv_table(docs, sc, t)
        print(f"\n{name}, threshold {t}")
        for corpus in ("health-dev", "bench", "seeds", "wcxb-dev article", "wcxb-dev"):
            m = table[corpus]["model"]
            print(f"  {corpus:<20} P {m['P']:.3f} R {m['R']:.3f} F1 {m['F1']:.3f} leak {m['leak']}")
        for h, label in ((0, "unseen wordings (half a)"), (1, "seen wordings (half b, as the trainer's CV)")):
            idx = [i for i in range(len(docs)) if half[i] == h]
            print(f"  planted leak, {label}:")
            leak_report([docs[i] for i in idx], fsdocs, [sc[i] for i in idx], t,
                        a.show if name == "with context" and h == 0 else 0, brief=h == 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
