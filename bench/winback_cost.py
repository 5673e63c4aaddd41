"""What the win-back model adds to a page's CPU time, over distinct corpus pages.

usage: python bench/winback_cost.py [--pages 400]

Per page, in one process, after a warm-up page: the win-back step (`winback.candidates` on
the parsed page with the shipped card's gate, `judge`, `readmit`, `merged`), CPU time (process_time),
best of three runs. The page walk (`segments.dom_index`) and the page type
(`pagetype.classify`) are not counted: the boilerplate model's features and the page's
rejection need them whatever the win-back does. Pages: health-dev and bench whole, then
wcxb-dev in name order up to `--pages`. "judged" counts the pages under their type's gate.
`--global-setting` measures the card's global setting instead (one gate, 0.8).
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--global-setting", action="store_true",
                    help="the card's global setting for every page type (its `threshold`, gate 0.8, no "
                         "readmission) instead of its settings by page type, for a side-by-side figure")
    a = ap.parse_args(argv)
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
        drops = boilerplate.judge(ex.features)

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


if __name__ == "__main__":
    sys.exit(main())
