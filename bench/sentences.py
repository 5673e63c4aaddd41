"""Sentence ends against a hand-labelled gold set (`bench/sentences/gold.jsonl`).

Each gold line is a window of real text (health-dev, bench and wcxb-dev gold text, the
flagset's base pages) around one stop followed by a space, with `at` (the offset just
after the stop and its closing quotes) and `end` (whether a sentence ends there). The
candidates were the stops of the German, French and Spanish paragraphs and a sample of
the English stops after an initial, a number, a short word or a dotted abbreviation,
the hard cases; each was labelled by hand. A list item's number or letter standing alone
("3." of "3. Take it with food") counts as a piece of its own (`note`): the detectors
read the item's sentence from its first word.

    python bench/sentences.py [--wrong]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from ascurate.flags import sentences

GOLD = Path(__file__).parent / "sentences" / "gold.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wrong", action="store_true", help="print the windows split wrongly")
    args = ap.parse_args()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # right, missed end, false end, count
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        found = any(e == g["at"] for _, e in sentences.spans(g["text"]))
        t = tally[g["lang"]]
        t[3] += 1
        if found == g["end"]:
            t[0] += 1
            continue
        t[1 if g["end"] else 2] += 1
        if args.wrong:
            text, at = g["text"], g["at"]
            print(f"{'missed' if g['end'] else 'false '} {g['lang']} …{text[max(0, at - 50):at]}⟦⟧{text[at:at + 30]}…")
    total = [sum(t[i] for t in tally.values()) for i in range(4)]
    for lang, t in sorted(tally.items()) + [("all", total)]:
        print(f"{lang:4} {t[3]:4} stops  right {t[0] / t[3]:.3f}  missed ends {t[1]:3}  false ends {t[2]:3}")


if __name__ == "__main__":
    main()
