"""What the win-back model adds to a page's CPU time, over distinct corpus pages.

usage: python bench/winback_cost.py [--pages 400] [--ref main]

Per page, in one process, after a warm-up page: the page walk (`segments.dom_index`, which
also records segments and element spans) and the boilerplate model's features against
those of `--ref` (its `clean/boilerplate.py`, read with git), and the win-back step (`winback.candidates` on
the parsed page, `judge`, `merged`) with the shipped card's gate. Pages: health-dev and
bench whole, then wcxb-dev in name order up to `--pages`. CPU time (process_time), best
of three runs per page. The page type the gate and the model read is the pipeline's
(`pagetype.classify`, computed before extraction whatever the win-back does), so it is not
counted; "judged" counts the pages under their type's gate.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ascurate import models
from ascurate.clean import boilerplate, pagetype, winback
from ascurate.extract import load_html
from ascurate.extract.segments import dom_index, locate
from ascurate.models.corpora import pages as corpus_pages

ROOT = Path(__file__).resolve().parents[1]
_PAGE_KEPT = winback.ROW_FEATURES.index("page_kept")


def reference_walk(ref: str):
    """The `dom_index` of `ref`'s boilerplate module (the walk before segments)."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:src/ascurate/clean/boilerplate.py"],
                            check=True, capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp())
    path = folder / "ascurate_ref_boilerplate.py"
    path.write_text(source.replace("from ..model import Block", "from ascurate.model import Block"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("ascurate_ref_boilerplate", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # type: ignore[union-attr]  (dataclasses look their module up)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


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
    ap.add_argument("--ref", default="main")
    a = ap.parse_args(argv)
    old = reference_walk(a.ref)
    from ascurate.extract import extract_html

    chosen = [p for p in corpus_pages(("health-dev", "bench")) if not p.name.endswith(".txt")]
    chosen += [p for p in corpus_pages(("wcxb-dev",))][: max(0, a.pages - len(chosen))]
    card = models.card("winback")
    totals = {"walk before": 0.0, "walk now": 0.0, "features before": 0.0, "features now": 0.0, "win-back": 0.0}
    judged = won = 0
    for n, page in enumerate(chosen):
        tree = load_html(page.content)
        if tree is None:
            continue
        ex = extract_html(page.content, tree=tree)
        kind = pagetype.classify(tree, page.gold.get("url"))  # the pipeline's, already paid for
        if n == 0:
            winback.judge(winback.candidates(dom_index(tree), ex.blocks, ex.precise, locate(dom_index(tree), ex.blocks),
                                             False, boilerplate.Memo(), gate=2.0), kind)  # the model read once
        totals["walk before"] += cpu(lambda t=tree: old.dom_index(t))
        totals["walk now"] += cpu(lambda t=tree: dom_index(t))
        index = dom_index(tree)
        located = locate(index, ex.blocks)
        old_index = old.dom_index(tree)
        totals["features before"] += cpu(lambda ex=ex, i=old_index: old.features(ex.blocks, ex.precise, i, False))
        totals["features now"] += cpu(lambda ex=ex, i=index: boilerplate.features(
            ex.blocks, ex.precise, locate(i, ex.blocks), False, boilerplate.Memo()))

        def step(ex=ex, index=index, located=located, kind=kind) -> tuple[int, int]:
            found = winback.candidates(index, ex.blocks, ex.precise, located, False, boilerplate.Memo())
            kept = winback.judge(found, kind)
            winback.merged(ex.blocks, {}, found, kept)
            return found is not None and found.rows[0, _PAGE_KEPT] < card["gates"].get(kind.type, 0.0), len(kept)

        totals["win-back"] += cpu(step)
        j, k = step()
        judged += j
        won += k
    count = len(chosen)
    per = {k: 1000 * v / count for k, v in totals.items()}
    added = per["walk now"] - per["walk before"] + per["features now"] - per["features before"] + per["win-back"]
    print(f"{count} distinct pages ({a.ref} as the reference walk), gates {card['gates']}, "
          f"threshold {card['threshold']}")
    print(f"  walk: {per['walk before']:.2f} -> {per['walk now']:.2f} CPU-ms a page")
    print(f"  boilerplate features (with locating): {per['features before']:.2f} -> {per['features now']:.2f} "
          "CPU-ms a page")
    print(f"  win-back step: {per['win-back']:.2f} CPU-ms a page ({judged} pages judged, {won} segments won back)")
    print(f"  added: {added:.2f} CPU-ms a page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
