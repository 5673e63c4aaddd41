"""What each flag detector costs, and how often the flags cry wolf, on published articles.

usage: python bench/flags_b.py [--source curated|gold] [--max-pages N] [--sample N] [--docs FILE]
                               [--alarms] [--profile N] [--flags-out FILE] [--all-types [--no-gates]]

The articles are the published ones of health-dev, bench and wcxb-dev (their gold lists
no leftover, so every non-info flag is a false alarm): `curated` runs the library on the
pages as ascurate extracts them (the figure that counts; the pipeline takes minutes),
`gold` reads their gold main content, a paragraph a line (fast). Printed: the CPU time
of each detector per article (`ascurate.flags.DETECTORS`, one pass in this process, the
first call's loading out of it), non-info flags per page per folder and per rule, and
with `--alarms` every one of them. `--profile N` adds cProfile's N costliest functions.
`--docs FILE` keeps the extracted articles (JSON lines) and reads them back on the next
run: flags never change the text, so the pipeline needs to run once per extraction
change, not once per detector change. `--sample N`: a fixed random sample (seed 3).
`--flags-out FILE` writes every flag (kind, offsets, rule, score) of every article as JSON
lines, so two versions of the detectors can be diffed (a change for speed must leave
them identical).
`--all-types`: every wcxb-dev page instead, whatever its gold page type (forum, product,
listing, collection, documentation, service, article) and whatever status the pipeline
gives it (a rejected page's text and flags are written too); none lists a leftover, so
every non-info flag is a false alarm. Printed per gold page type, with the page type the
pipeline predicted handed to the flag step as `ascurate run` does (`--no-gates`: none
handed, as before the page-type gates; `--oof-types FILE`: the call of a page-type model
that never saw the page's site instead, since pagetype-v2 was trained on wcxb-dev).
Recall on planted leftovers is `bench/flags.py`'s.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import pstats
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from flags import (  # bench/flags.py: run as a script, bench/ is on the path
    CORPUS,
    made_by_extraction,
    published,
)

from ascurate import ingest, nesting
from ascurate.clean import pagetype
from ascurate.config import Config, load_config
from ascurate.flags import DETECTORS, detect, preload
from ascurate.model import Block, Document
from ascurate.pipeline import process_batch

ROOT = Path(__file__).resolve().parents[1]
Doc = tuple[str, str, list[Block], str]  # (folder/page, text, blocks, language)
# --all-types: name -> (gold type, predicted type, the model's probability of each type)
_TYPES: dict[str, tuple[str, str | None, dict[str, float] | None]] = {}


def all_types(cfg: Config, corpus: Path = CORPUS) -> list[dict]:
    """Every wcxb-dev page through the pipeline (any gold page type, any status), with
    the gold page type and the one the pipeline predicted."""
    golds = {g.name.removesuffix(".gold.json"): json.loads(g.read_text(encoding="utf-8")).get("page_type", "article")
             for g in sorted((corpus / "wcxb-dev").glob("*.gold.json"))}
    sources = [s for s in ingest.discover(corpus / "wcxb-dev", cfg) if Path(s.path).name.split(".")[0] in golds]
    rows = []
    scores = page_scores(sources, cfg)
    for res in process_batch(sources, cfg):
        for a in res.articles:
            page = Path(a.source["path"]).name
            rows.append({"name": f"wcxb-dev/{page}", "text": a.text, "language": a.language,
                         "blocks": [(b.type, b.text, b.level) for b in a.blocks], "status": a.status,
                         "gold_type": golds[page.split(".")[0]], "page_type": a.extra.get("page_type"),
                         "page_scores": scores.get(page)})
    return rows


def oof_types(path: Path) -> dict[str, dict[str, float]]:
    """Each page's probability of each type from a page-type model that never saw its site
    (the model card's 5-fold cross-validation grouped by site; wcxb-dev, health-dev, bench):
    the model's own pages are in its training set, so the pipeline's calls on wcxb-dev are
    better than on pages it has never seen. Kept in `path` (JSON), read from it when it exists."""
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    from ascurate.clean.pagetype import TYPES
    from ascurate.models.corpora import pages
    from ascurate.models.train_pagetype import cross_validate, dataset

    x, y, groups, _ = dataset()
    oof = cross_validate(x, y, groups)
    names = [f"{p.corpus}/{p.name}" for p in pages(("wcxb-dev", "health-dev", "bench"))]  # dataset()'s pages, in its order
    out = {n: {t: round(float(v), 4) for t, v in zip(TYPES, row, strict=True)} for n, row in zip(names, oof, strict=True)}
    path.write_text(json.dumps(out), encoding="utf-8")
    return out


def page_scores(sources: list[ingest.Source], cfg: Config) -> dict[str, dict[str, float]]:
    """The page-type model's probability of each type for each page, as the pipeline
    computes it (the article keeps only the winning type and its probability)."""
    out = {}
    for src in sources:
        for doc in ingest.read(src, cfg):
            if isinstance(doc, Document) and doc.format == "html":
                out[Path(src.path).name] = {t: round(v, 4) for t, v in pagetype.classify(nesting.parse(doc.content)[0], doc.url).scores.items()}
    return out


def cached(cfg: Config, source: str, path: Path | None, every_type: bool = False) -> list[Doc]:
    """`published` (or with `every_type`, `all_types`), kept in `path` as JSON lines and
    read from it when it exists."""
    if every_type:
        if path and path.exists():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
        else:
            rows = all_types(cfg)
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
                tmp.replace(path)
        _TYPES.update({r["name"]: (r["gold_type"], r["page_type"], r["page_scores"]) for r in rows})
        return [(r["name"], r["text"], [Block(*b) for b in r["blocks"]], r["language"]) for r in rows]
    if path and path.exists():
        # lines end at "\n" only: a text's U+2028 or U+0085 stays raw in JSON and splitlines() would cut there
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
        return [(r["name"], r["text"], [Block(*b) for b in r["blocks"]], r["language"]) for r in rows]
    docs = published(cfg, source)
    if path:  # written whole and renamed in: an interrupted run leaves no half file to be read next time
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for name, text, blocks, code in docs:
                fh.write(json.dumps({"name": name, "text": text, "language": code,
                                     "blocks": [(b.type, b.text, b.level) for b in blocks]}, ensure_ascii=False) + "\n")
        tmp.replace(path)
    return docs


def detector_costs(docs: list[Doc], cfg: Config, profile: cProfile.Profile | None = None, gates: bool = True) -> dict:
    """Per detector, CPU ms per article over one pass (per-text caches cold, as in a run);
    the flags, for the false-alarm count. With `--all-types`, the page type the pipeline
    predicted goes to the flag step as in a run (`gates=False`: it does not, as before the
    page-type gates), and the flags each gate dropped are counted."""
    warm = docs[-1]
    preload(cfg)  # every language's tables, as the forkserver loads them before any document
    detect(warm[1], warm[2], cfg, warm[3])  # word lists, models and rules loaded out of the timing
    times: dict[str, float] = {name: 0.0 for name, _ in DETECTORS}
    flags = []
    if profile:
        profile.enable()
    t0 = time.process_time()
    gated: Counter = Counter()
    for name, text, blocks, code in docs:
        kind = _TYPES.get(name, (None, None, None))
        page_type = kind[2] if gates else None
        flags.append((name, detect(text, blocks, cfg, code, times, page_type=page_type, gated=gated)))
    total = time.process_time() - t0
    if profile:
        profile.disable()
    n = max(1, len(docs))
    return {"ms": {k: 1000 * v / n for k, v in times.items()}, "total_ms": 1000 * total / n, "flags": flags,
            "gated": gated}


def write_flags(path: Path, flags: list) -> None:
    """Every flag of every article, one article a line: (kind, start, end, rule, score)."""
    with path.open("w", encoding="utf-8") as fh:
        for name, found in flags:
            fh.write(json.dumps({"id": name, "flags": [(f.kind, f.start, f.end, f.rule, f.score) for f in found]}) + "\n")


def report(r: dict, alarms: bool) -> None:
    load = os.getloadavg()[0]
    print(f"## flag step: {r['total_ms']:.1f} ms CPU per article over {len(r['flags'])} (load average {load:.1f})")
    for k, v in sorted(r["ms"].items(), key=lambda kv: -kv[1]):
        print(f"  {k:20} {v:6.2f} ms")
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rules: Counter = Counter()
    folder_rules: dict[str, Counter] = defaultdict(Counter)
    damage: Counter = Counter()
    lines = []
    for name, flags in r["flags"]:
        bad = [f for f in flags if f.severity != "info"]
        folder = _TYPES[name][0] if name in _TYPES else name.split("/")[0]  # --all-types: by gold page type
        per[folder][0] += len(bad)
        per[folder][1] += 1
        rules.update(f.rule for f in bad)
        folder_rules[folder].update(f.rule for f in bad)
        for f in bad:
            made = r["source"] == "curated" and made_by_extraction(name, f)
            damage[f.rule] += made
            types = f" [{_TYPES[name][0]}, predicted {_TYPES[name][1]}]" if name in _TYPES else ""
            lines.append(f"{name}{types}: {f.kind} ({f.rule}, {f.score}){' [extraction]' if made else ''}: {f.quote[:100]!r}")
    print("## non-info flags per published article")
    for folder, (f, n) in sorted(per.items()):
        print(f"  {folder:12} {f:4} on {n:4} pages  {f / max(1, n):.3f}/page  "
              + ", ".join(f"{k} {v}" for k, v in folder_rules[folder].most_common(6)))
    f, n = sum(v[0] for v in per.values()), sum(v[1] for v in per.values())
    print(f"  {'all':12} {f:4} on {n:4} pages  {f / max(1, n):.3f}/page")
    print("  by rule:", ", ".join(f"{k} {v}" for k, v in rules.most_common()))
    made = sum(damage.values())
    print(f"  of these, {made} point at damage the extraction made (a list lost, blocks run together: "
          f"`made_by_extraction`): " + ", ".join(f"{k} {v}" for k, v in damage.most_common() if v))
    print(f"  false alarms: {f - made} on {n} pages  {(f - made) / max(1, n):.3f}/page")
    if r["gated"]:
        print("  dropped by gates (any severity):", ", ".join(f"{k} {v}" for k, v in r["gated"].most_common()))
    if alarms:
        for line in lines:
            print("  alarm", line)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", choices=["curated", "gold"], default="curated")
    ap.add_argument("--max-pages", type=int, default=0)
    ap.add_argument("--sample", type=int, default=0, metavar="N", help="a fixed random sample of N articles")
    ap.add_argument("--docs", type=Path, help="keep the extracted articles here, and read them from here")
    ap.add_argument("--alarms", action="store_true", help="list every non-info flag")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's N costliest functions")
    ap.add_argument("--flags-out", type=Path, metavar="FILE", help="write every flag as JSON lines, for diffing")
    ap.add_argument("--all-types", action="store_true", help="every wcxb-dev page, per gold page type")
    ap.add_argument("--no-gates", action="store_true", help="--all-types: no page type to the flag step (no page gate holds)")
    ap.add_argument("--oof-types", type=Path, metavar="FILE",
                    help="--all-types: the page type from a model that never saw the page's site (`oof_types`; kept in FILE)")
    a = ap.parse_args(argv)
    cfg = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
    docs = cached(cfg, a.source, a.docs, a.all_types)
    if a.oof_types:
        oof = oof_types(a.oof_types)
        _TYPES.update({n: (t[0], max(oof[n], key=oof[n].__getitem__), oof[n]) for n, t in _TYPES.items() if n in oof})
    if a.sample:
        docs = random.Random(3).sample(docs, min(a.sample, len(docs)))
    if a.max_pages:
        docs = docs[:a.max_pages]
    prof = cProfile.Profile() if a.profile else None
    result = detector_costs(docs, cfg, prof, gates=not a.no_gates)
    result["source"] = a.source
    report(result, a.alarms)
    if a.flags_out:
        write_flags(a.flags_out, result["flags"])
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(a.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
