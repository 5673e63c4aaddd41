"""What the win-back model adds to a page's CPU time, over distinct corpus pages.

usage: python bench/winback_cost.py [--pages 400]

Per page, in one process, after a warm-up page: the win-back step (`winback.candidates` on
the parsed page with the shipped card's gate, `judge`, `readmit`, `merged`), CPU time (process_time),
best of three runs. The page walk (`segments.dom_index`) and the page type
(`pagetype.classify`) are not counted: the boilerplate model's features and the page's
rejection need them whatever the win-back does. Pages: health-dev and bench whole, then
wcxb-dev in name order up to `--pages`. "judged" counts the pages under their type's gate.
`--global-setting` measures the card's global setting instead (one gate, 0.8).
`--boilerplate` measures the boilerplate model's step instead: its rows from the
candidates (`boilerplate.features`, with the context columns where the code has them)
and `judge` with the page type; the code of another checkout is measured the same way
with `PYTHONPATH=<its src>`.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time

from ascurate import models
from ascurate.clean import boilerplate, pagetype, winback
from ascurate.extract import extract_html, load_html
from ascurate.extract.segments import dom_index, locate
from ascurate.models.corpora import pages as corpus_pages

_PAGE_KEPT = winback.ROW_FEATURES.index("page_kept")


def cpu(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def judge_blocks(rows, kind, blocks) -> dict[int, float]:
    """`boilerplate.judge` as the pipeline calls it, with what this checkout's `judge` takes
    (older ones take no page type, or no blocks: a model reading the blocks' words needs them)."""
    taken = inspect.signature(boilerplate.judge).parameters
    extra = {"kind": kind} if "kind" in taken else {}
    if "blocks" in taken:
        extra["blocks"] = blocks
    return boilerplate.judge(rows, **extra)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--global-setting", action="store_true",
                    help="the card's global setting for every page type (its `threshold`, gate 0.8, no "
                         "readmission) instead of its settings by page type, for a side-by-side figure")
    ap.add_argument("--boilerplate", action="store_true", help="the boilerplate model's step instead")
    a = ap.parse_args(argv)
    if a.boilerplate:
        return boilerplate_cost(a.pages)
    card = models.card("winback")
    if a.global_setting:
        card = {**card, "gate": 0.8, "gates": dict.fromkeys(card["gates"], 0.8), "by_type": {}}
        winback._card = lambda: card  # what judge, setting and candidates read
    chosen = [p for p in corpus_pages(("health-dev", "bench")) if not p.name.endswith(".txt")]
    chosen += [p for p in corpus_pages(("wcxb-dev",))][: max(0, a.pages - len(chosen))]
    total = 0.0
    count = judged = won = 0
    for n, page in enumerate(chosen):
        tree = load_html(page.content)
        if tree is None:
            continue
        ex = extract_html(page.content, tree=tree)
        kind = pagetype.classify(tree, page.gold.get("url"))
        index = dom_index(tree)
        located = locate(index, ex.blocks)
        drops = judge_blocks(ex.features, kind, ex.blocks)

        def step(ex=ex, index=index, located=located, kind=kind, drops=drops) -> tuple[bool, int]:
            setting = winback.setting(kind)  # the pipeline featurises under the page type's gate only
            gate = float(setting["gate"]) if setting is not None else None
            found = winback.candidates(index, ex.blocks, ex.precise, located, False, boilerplate.Memo(), gate=gate)
            kept = winback.judge(found, kind)
            winback.merged(ex.blocks, winback.readmit(drops, kind), found, kept)
            return (found is not None and setting is not None and found.rows[0, _PAGE_KEPT] < setting["gate"],
                    len(kept))

        if n == 0:
            step()  # the model read once
        total += cpu(step)
        j, k = step()
        judged += j
        won += k
        count += 1
    print(f"{count} distinct pages, winback-v{card['release']}, gates {card['gates']}, threshold {card['threshold']}")
    print(f"  win-back step: {1000 * total / count:.2f} CPU-ms a page ({judged} pages judged, {won} segments won back)")
    return 0


def boilerplate_cost(pages: int) -> int:
    """CPU time of the boilerplate model's step a page: rows and judgement."""
    context = "index" in inspect.signature(boilerplate.features).parameters
    chosen = [p for p in corpus_pages(("health-dev", "bench")) if not p.name.endswith(".txt")]
    chosen += [p for p in corpus_pages(("wcxb-dev",))][: max(0, pages - len(chosen))]
    total, count, rows = 0.0, 0, 0
    for n, page in enumerate(chosen):
        tree = load_html(page.content)
        if tree is None:
            continue
        ex = extract_html(page.content, tree=tree)
        if not ex.blocks:
            continue
        kind = pagetype.classify(tree, page.gold.get("url"))
        index = dom_index(tree)
        located = locate(index, ex.blocks)
        wide = bool(ex.features[0, boilerplate.FEATURES.index("wide_extends")])

        def step(ex=ex, index=index, located=located, kind=kind, wide=wide) -> None:
            extra = {"index": index} if context else {}
            found = boilerplate.features(ex.blocks, ex.precise, located, wide, boilerplate.Memo(), **extra)
            judge_blocks(found, kind, ex.blocks)

        if n == 0:
            step()  # the model read once
        total += cpu(step)
        count += 1
        rows += len(ex.blocks)
    print(f"{count} distinct pages, {models.MODEL_VERSIONS['boilerplate']}, {rows / count:.1f} candidates a page")
    print(f"  boilerplate step (rows and judgement): {1000 * total / count:.2f} CPU-ms a page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
