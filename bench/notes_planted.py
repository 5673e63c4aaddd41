"""editorial_note alone on the planted set: recall on tune and held-out families, traps.

usage: python bench/notes_planted.py [--seed N] [--copies K] [--misses] [--held-out]

`bench/flags.py --families TEXT` selects families by id, and editorial_note's ids do not
name the kind; this selects the kind's documents and runs the whole flag step on them
(pattern rules flag notes too), as `bench/flags.py` does, and prints the tune figures
only (`--misses`: what tune families missed), so that tuning never shows the held-out
ones; `--held-out` prints `bench/flags.py`'s table with them, to read once at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import flags as bench  # noqa: E402


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--misses", action="store_true", help="list what the tune families missed")
    ap.add_argument("--held-out", action="store_true", help="also the held-out figures: read once, at the end")
    a = ap.parse_args(argv)
    cfg = bench.four_languages(bench.load_config("/nonexistent/ascurate.toml"))
    docs = [d for d in bench.flagset_generator().generate(a.seed, a.copies) if d.kind == "editorial_note"]
    bench.detect(docs[0].text, bench.blocks_of(docs[0]), cfg, docs[0].lang)
    r = bench.planted_figures(docs, cfg)
    if a.held_out:
        bench.report_planted(r, False, False)
        return 0
    hit, n = r["found"].get(("editorial_note", False), [0, 0])
    trapped, traps = r["traps"].get(("editorial_note", False), [0, 0])
    print(f"editorial_note tune recall {hit / max(1, n):.3f} ({hit}/{n}), tune traps {trapped}/{traps}, "
          f"flag step {r['ms']:.1f} ms/article")
    for held, line in r["misses"]:
        if a.misses and not held:
            print("  missed  ", line)
    for held, line in r["trapped"]:
        if not held:
            print("  trap    ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
