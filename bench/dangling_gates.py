"""Which gate of `dangling_list` drops each planted lead-in of the TUNE families (held-out
families are never read): not a candidate, scored below the model floor, or below the
learned scorer's threshold; with its position and what follows it.

usage: python bench/dangling_gates.py [--all] [--traps] [--seed N] [--copies K]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flags import blocks_of, flagset_generator, four_languages  # noqa: E402

from ascurate.config import load_config  # noqa: E402
from ascurate.flags import block_offsets, lexicon  # noqa: E402
from ascurate.flags import shape as sh  # noqa: E402


def what_follows(blocks, i: int) -> str:
    if i + 1 >= len(blocks):
        return "END"
    b = blocks[i + 1]
    return f"{b.type}:{b.text[:70]!r}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--all", action="store_true", help="found plants too")
    ap.add_argument("--traps", action="store_true", help="tune traps instead of plants")
    ap.add_argument("--seed", type=int, default=20, help="the planted set's seed (tune misses vary by host: seeds 20-23)")
    ap.add_argument("--copies", type=int, default=2, help="copies of each template text (the trainer reads 5)")
    a = ap.parse_args(argv)
    cfg = four_languages(load_config("/nonexistent/ascurate.toml"))
    gen = flagset_generator()
    model = sh.lead_model.load()
    for d in gen.generate(a.seed, a.copies):
        if d.kind != "dangling_list" or d.held_out or d.trap != a.traps:
            continue
        blocks = blocks_of(d)
        offs = block_offsets(blocks)
        text = d.text
        flags = sh.dangling_list(text, blocks, offs, d.lang, cfg)
        s, e = d.spans[0]
        hit = any(f.start < e and s < f.end for f in flags)
        if hit and not a.all:
            continue
        i = max(k for k, o in enumerate(offs) if o <= s)
        b = blocks[i]
        promise = sh._promises(lexicon.files(cfg), d.lang)
        lead = text[s:e].rstrip(" :.—–-")
        ps = sh._promise_score(lead, promise)
        inner = s - offs[i]
        rest = b.text[inner + (e - s):]
        if b.text.rstrip() == text[s:e].rstrip() or b.text.rstrip().endswith(text[s:e].rstrip()):
            after = sh._closing_after(blocks, i, promise[7])
            p = model.probability(sh.lead_features(text, lead, blocks, i, promise, d.lang,
                                                          capitalised_nouns=sh.capitalised_nouns(lexicon.files(cfg), d.lang))) if model else -1
            gate = f"block-end promise={ps} after={after} sum={ps + after:.2f} p={p:.2f}"
            nxt = what_follows(blocks, i)
        else:
            pa = sh._prose_after(rest.lstrip(), promise[7])
            gate = f"inside promise={ps} prose_after={pa} sum={ps + pa:.2f}"
            nxt = f"rest:{rest[:70]!r}"
        print(f"{'HIT ' if hit else 'MISS'} {d.id:22} {d.position:7} {b.type:9} {text[s:e]!r}\n      {gate}\n      next {nxt}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
