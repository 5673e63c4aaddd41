"""Benchmark: section aspect labelling and condition/drug detection against hand labels.

    .venv/bin/python bench/structure.py [--corpus ../shared/corpus] [--errors]

Runs each labelled corpus page through the real pipeline (`curate_document`), then
compares the article's sections[].aspects with bench/structset/aspects.json (per
(section, aspect) pair) and about.main / drugs + drug classes with
bench/structset/about.json (per page, by canonical name). Prints precision and recall
per label, micro totals, and the time the structure step takes per article.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from ascurate.config import load_config
from ascurate.ingest import document_from_bytes
from ascurate.model import Article, Block, Document
from ascurate.pipeline import curate_document
from ascurate.structure import annotate
from ascurate.structure.schemaorg import validate

HERE = Path(__file__).parent / "structset"


def curate(corpus: Path, rel: str, cfg):
    p = corpus / rel
    fmt = "text" if p.suffix == ".txt" else "html"
    docs = [d for d in document_from_bytes(p.name, p.read_bytes(), fmt, cfg) if isinstance(d, Document)]
    return curate_document(docs[0], cfg)


def _key(h: str) -> str:
    return re.sub(r"[^a-z]", "", (h or "").lower())[:12]


def prf(tp: int, fp: int, fn: int) -> tuple[str, str]:
    p = f"{tp / (tp + fp):.3f}" if tp + fp else "  -  "
    r = f"{tp / (tp + fn):.3f}" if tp + fn else "  -  "
    return p, r


def table(title: str, counts: dict[str, Counter]) -> tuple[int, int, int]:
    print(f"\n{title}\n{'label':<18}{'tp':>5}{'fp':>5}{'fn':>5}  precision  recall")
    tot = Counter()
    for label in sorted(counts):
        c = counts[label]
        tot.update(c)
        p, r = prf(c["tp"], c["fp"], c["fn"])
        print(f"{label:<18}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}  {p:>9}  {r:>6}")
    p, r = prf(tot["tp"], tot["fp"], tot["fn"])
    print(f"{'ALL (micro)':<18}{tot['tp']:>5}{tot['fp']:>5}{tot['fn']:>5}  {p:>9}  {r:>6}")
    return tot["tp"], tot["fp"], tot["fn"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).parents[1].parent / "shared" / "corpus"))
    ap.add_argument("--errors", action="store_true", help="print every wrong or missed label")
    ap.add_argument("--news", action="store_true", help="also count aspects given on the 166 bench/ pages (news, not health)")
    a = ap.parse_args(argv)
    corpus, cfg = Path(a.corpus), load_config("/nonexistent/ascurate.toml")
    aspects = {k: v for k, v in json.loads((HERE / "aspects.json").read_text()).items() if not k.startswith("_")}
    about = {k: v for k, v in json.loads((HERE / "about.json").read_text()).items() if not k.startswith("_")}
    arts, timings = {}, []
    for rel in sorted(set(aspects) | set(about)):
        art = curate(corpus, rel, cfg)
        t0 = time.perf_counter()
        annotate(art, cfg)  # again, timed on its own
        timings.append(time.perf_counter() - t0)
        arts[rel] = art

    counts: dict[str, Counter] = {}
    unmatched = 0

    def count(lab: str, kind: str, rel: str, heading: str) -> None:
        counts.setdefault(lab, Counter())[kind] += 1
        if a.errors and kind != "tp":
            print(f"  {kind} {lab:<15} {rel.split('/')[-1]} [{heading[:60]}]")

    for rel, gold in aspects.items():
        secs = arts[rel].extra["sections"]
        # align labelled and produced sections by heading (cleaning may drop or keep a heading)
        # (a heading that repeats the title is dropped by cleaning: its text is then the untitled lead)
        title = _key(arts[rel].title or "")
        sm = difflib.SequenceMatcher(a=[("" if _key(g[0]) == title else _key(g[0])) for g in gold],
                                     b=[_key(s["heading"]) for s in secs], autojunk=False)
        pairs = {i: j for blk in sm.get_matching_blocks() for i, j in zip(range(blk.a, blk.a + blk.size),
                                                                            range(blk.b, blk.b + blk.size), strict=True)}
        for i, (heading, labels) in enumerate(gold):
            pred = set(secs[pairs[i]]["aspects"]) if i in pairs else set()
            unmatched += i not in pairs
            if a.errors and i not in pairs:
                print(f"  (not in output) {rel.split('/')[-1]} [{heading[:60]}] {labels}")
            for lab in pred | set(labels):
                count(lab, "tp" if lab in pred and lab in labels else ("fp" if lab in pred else "fn"), rel, heading)
        for j in set(range(len(secs))) - set(pairs.values()):  # sections nobody labelled: any aspect is a false positive
            for lab in secs[j]["aspects"]:
                count(lab, "fp", rel, "(unlabelled) " + (secs[j]["heading"] or ""))
    a_tp, a_fp, a_fn = table(f"Section health aspects ({sum(len(v) for v in aspects.values())} sections, "
                             f"{len(aspects)} pages)", counts)

    cond, drug = {"condition (about)": Counter()}, {"drug / drug class": Counter()}
    for rel, gold in about.items():
        ab = arts[rel].extra["about"]
        for name, want, c in ((set(ab["main"]), set(gold["about"]), cond["condition (about)"]),
                              ({e["name"] for e in ab["drugs"] + ab["drug_classes"]}, set(gold["drugs"]),
                               drug["drug / drug class"])):
            c["tp"] += len(name & want)
            c["fp"] += len(name - want)
            c["fn"] += len(want - name)
            if a.errors and (name ^ want):
                print(f"  {rel.split('/')[-1]}: extra {sorted(name - want)} missed {sorted(want - name)}")
    table(f"What pages are about ({len(about)} pages)", cond)
    table("Drugs and drug classes mentioned", drug)
    ms = sorted(t * 1000 for t in timings)
    print(f"\nstructure step: median {statistics.median(ms):.1f} ms, max {ms[-1]:.1f} ms per article "
          f"({len(ms)} articles); {unmatched} labelled sections not found in the output")
    bad = {rel: errs for rel, art in arts.items() if (errs := validate(art.extra["jsonld"]))}
    print(f"JSON-LD: {len(arts) - len(bad)} of {len(arts)} articles valid against the shipped schema.org subset"
          + "".join(f"\n  {rel}: {errs[:3]}" for rel, errs in bad.items()))
    hostile(cfg)
    if a.news:
        news(corpus, cfg, a.errors)
    return 0


def news(corpus: Path, cfg, show: bool) -> None:
    """Aspects on pages that are not health content (the scrapinghub news benchmark): every one
    is suspect, so this bounds the false positives on unseen, off-topic pages."""
    pages = sorted((corpus / "bench").glob("*.html.gz"))
    n_secs = labelled = 0
    on_pages = set()
    for p in pages:
        raw = gzip.decompress(p.read_bytes())
        docs = [d for d in document_from_bytes(p.name, raw, "html", cfg) if isinstance(d, Document)]
        if not docs:
            continue
        art = curate_document(docs[0], cfg)
        for s in art.extra["sections"]:
            n_secs += 1
            if s["aspects"]:
                labelled += 1
                on_pages.add(p.name)
                if show:
                    print(f"  news {p.name[:24]} {s['aspects']} [{(s['heading'] or '')[:60]}]")
    print(f"news pages: {labelled} of {n_secs} sections got an aspect, on {len(on_pages)} of {len(pages)} pages")


def hostile(cfg) -> None:
    """Time the step on page shapes that make naive matchers quadratic."""
    rnd = random.Random(1)
    body = "Gout happens when uric acid builds up. Treatment includes NSAIDs and colchicine."
    shapes = {
        "500 KB single word": [Block("heading", "Gout", 2), Block("paragraph", body), Block("paragraph", "a" * 500_000)],
        "40k-word line": [Block("paragraph", " ".join(rnd.choice(("gout", "joint", "pain", "toe")) for _ in range(40_000)))],
        "5,000 sections": [b for i in range(5_000) for b in (Block("heading", f"{i}. Causes of gout", 2), Block("paragraph", body))],
        "100 KB heading": [Block("heading", "what is " + "x " * 50_000 + "?", 2), Block("paragraph", body)],
    }
    print("hostile shapes:", end="")
    for name, blocks in shapes.items():
        art = Article("x", {}, "clean", "Gout tips " * 1000, "en", "\n".join(b.text for b in blocks), blocks,
                      metadata={"last_reviewed": "x" * 10_000, "authors": ["A, " * 5_000]})
        t0 = time.perf_counter()
        annotate(art, cfg)
        print(f" {name} {time.perf_counter() - t0:.2f} s;", end="")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
