"""The boilerplate model by cross-validation grouped by site, beside trafilatura alone.

usage: python bench/boilerplate_cv.py [--corpus wcxb-dev --corpus health-dev --corpus bench] [--folds 5]

Each page is cleaned as `ascurate run` cleans it (`clean.clean`: rules, then the model's
removals) with the scores of the fold's model, which never saw the page's site; the
text is scored by ../shared/tools/score.py, per corpus and, where the gold says, per
page type. Rows:
  trafilatura alone   `trafilatura.extract(raw bytes)`, its defaults
  rules only          the design before the model: the precise pass, or the recall pass
                      where it extends it, then the rules
  ascurate (CV)       both passes' candidates, the rules, the fold's model
  + win-back (CV)     the same, plus the page's other segments the fold's win-back model
                      puts back, with the card's setting for the page type the fold's
                      page-type model predicts (its gate and threshold, and the boilerplate
                      score from which a candidate stays); `train_winback`'s cache
Then, per page type, the pages each system misses (recall or precision under 0.4, or no
text at all): the kinds of failure, counted.
Site templates are left out (a CV fold has too few pages of a site to learn them).
The extracted pages and trafilatura's texts are cached (`--cache`, as the training
command's).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
from pathlib import Path

import numpy as np
import trafilatura

from ascurate import models
from ascurate.clean import boilerplate, clean, pagetype, winback
from ascurate.clean.pagetype import PageType
from ascurate.config import load_config
from ascurate.model import join_blocks
from ascurate.models import train, train_winback

ROOT = Path(__file__).resolve().parents[1]
MISSED = 0.4  # a page's precision or recall under this: the page is missed, not trimmed
SHARED = ROOT.parent / "shared"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def trafilatura_texts(pages: list[train.Page], cache: Path) -> dict[str, str]:
    stored = cache / "trafilatura-alone.json"
    texts = json.loads(stored.read_text(encoding="utf-8")) if stored.exists() else {}
    for p in pages:
        key = f"{p.corpus}/{p.source}"
        if key not in texts:
            data = (SHARED / "corpus" / p.corpus / p.source).read_bytes()
            if p.source.endswith(".gz"):
                data = gzip.decompress(data)
            texts[key] = trafilatura.extract(data) or ""
    cache.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps(texts), encoding="utf-8")
    return texts


def rules_only(page: train.Page) -> list[int]:
    """Indices of the blocks the design before the model kept before its rules."""
    precise = [i for i, r in enumerate(page.rows) if r[train.FEATURES.index("in_precise")] > 0]
    wide = page.rows[0][train.FEATURES.index("wide_extends")] > 0 if len(page.rows) else False
    return list(range(len(page.blocks))) if wide else precise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ascurate-train")
    a = ap.parse_args(argv)
    score = _scorer()
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    card = models.card("boilerplate")
    params = {"num_leaves": card["params"]["num_leaves"], "rounds": card["params"]["rounds"]}
    threshold = float(card["threshold"])
    pages = train.load_pages(a.corpus or list(train.CORPORA), a.cache)
    saved = a.cache / "oof-boilerplate.npy"  # the training command's, when it ran on these pages
    flat = np.load(saved) if saved.exists() and not a.corpus else None
    if flat is not None and len(flat) == sum(len(p.blocks) for p in pages):
        at = np.cumsum([0, *(len(p.blocks) for p in pages)])
        scores = [flat[at[i]:at[i + 1]] for i in range(len(pages))]
    else:
        train.with_page_types(pages, a.folds)
        scores = train.out_of_fold(pages, params, a.folds, card["features"])
    alone = trafilatura_texts(pages, a.cache)
    segs = train_winback.load_segments(pages, a.cache)
    wb_card = models.card("winback")
    saved_wb = np.load(a.cache / "oof-winback.npz")  # the training command's, with out-of-fold page types
    at = np.cumsum([0, *saved_wb["sizes"]])
    wb_scores = [saved_wb["flat"][at[i]:at[i + 1]] for i in range(len(pages))]
    predicted = [pagetype.TYPES[int(j)] for j in saved_wb["types"].argmax(axis=1)]
    systems: dict[str, dict[str, dict]] = {"trafilatura alone": {}, "rules only": {}, "ascurate (CV)": {},
                                           "+ win-back (CV)": {}}
    for p, s, sg, ws, kind in zip(pages, scores, segs, wb_scores, predicted, strict=True):
        name = (p.corpus, score.base(p.source))
        keep = set(rules_only(p))
        old = clean([b for i, b in enumerate(p.blocks) if i in keep], cfg, p.title)
        drops = boilerplate.decide(p.rows, s, threshold)
        new = clean(p.blocks, cfg, p.title, (), drops)
        systems["trafilatura alone"][name] = {"text": alone[f"{p.corpus}/{p.source}"]}
        systems["rules only"][name] = {"text": join_blocks(old.blocks)}
        systems["ascurate (CV)"][name] = {"text": join_blocks(new.blocks)}
        kept = []
        guess = PageType(kind, 1.0, {})
        setting = winback.setting(guess)
        if setting is not None and sg.found is not None and sg.kept < setting["gate"] and len(ws):
            kept = [int(i) for i in np.flatnonzero(ws >= setting["threshold"])]
        blocks, wb_drops = winback.merged(p.blocks, winback.readmit(drops, guess), sg.found, kept)
        systems["+ win-back (CV)"][name] = {"text": join_blocks(clean(blocks, cfg, p.title, (), wb_drops).blocks)}
    golds = {}
    for p in pages:
        gold_path = SHARED / "corpus" / p.corpus / (p.source.split(".htm")[0] + ".gold.json")
        golds[(p.corpus, score.base(p.source))] = json.loads(gold_path.read_text(encoding="utf-8"))
    groups: list[tuple[str, list[train.Page]]] = []
    for corpus in dict.fromkeys(p.corpus for p in pages):
        mine = [p for p in pages if p.corpus == corpus]
        groups.append((corpus, mine))
        types = sorted({p.page_type for p in mine})
        if len(types) > 1:
            groups.extend((f"{corpus} {t}", [p for p in mine if p.page_type == t]) for t in types)
    health = [p for p in pages if p.corpus in ("health-dev", "bench")]
    if health:
        groups.append(("health pages (health-dev + bench)", health))
    print(f"\nwin-back: by page type (predicted out of fold) {wb_card.get('by_type') or wb_card['gates']}, "
          f"threshold {wb_card['threshold']}")
    print(f"\nthreshold {threshold}, {a.folds} folds grouped by site, {len(pages)} pages\n")
    print("| pages | docs | system | P | R | F1 | leak |\n|---|---|---|---|---|---|---|")
    fmt = score.fmt
    for label, group in groups:
        g = [golds[(p.corpus, score.base(p.source))] for p in group]
        for system, arts in systems.items():
            r = score.score(g, {score.base(p.source): arts[(p.corpus, score.base(p.source))] for p in group})
            print(f"| {label} | {r['docs']} | {system} | {fmt(r['P'])} | {fmt(r['R'])} | {fmt(r['F1'])} | "
                  f"{fmt(r['leak'])} |")
    print("\nwhole pages missed, by kind (pages with recall under 0.4, precision under 0.4, no text):\n")
    print("| pages | system | R < 0.4 | P < 0.4 | no text |\n|---|---|---|---|---|")
    for label, group in groups:
        if label.split()[0] not in ("wcxb-dev", "health"):
            continue
        g = [golds[(p.corpus, score.base(p.source))] for p in group]
        for system, arts in systems.items():
            r = score.score(g, {score.base(p.source): arts[(p.corpus, score.base(p.source))] for p in group},
                            per_doc=True)
            low_r = sum(row[2] < MISSED for row in r["rows"])
            low_p = sum(row[1] is not None and row[1] < MISSED for row in r["rows"])
            print(f"| {label} | {system} | {low_r} | {low_p} | {sum(row[1] is None for row in r['rows'])} |")
    kept = np.concatenate([s >= threshold for s in scores])
    print(f"\nblocks kept by the model: {kept.mean():.3f} of {len(kept)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
