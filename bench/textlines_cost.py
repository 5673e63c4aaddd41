"""CPU cost of the text-line models on a page of text lines, two model versions side by side.

usage: python bench/textlines_cost.py OLD_CARD NEW_CARD [--pages N] [--rounds R]

Each card (`textlines-vN.json`, its two LightGBM files beside it) scores the same pages
(planted pages of the tuned families of `bench/furnitureset`, seed 7, read as `.txt`
input), in alternating rounds in one process so that the load of other work falls on both
alike; it prints CPU-ms a page per card (features, first model, context features, context
model: what `textlines.furniture_scores` does).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import lightgbm

from ascurate.clean.textlines import context_features, line_features
from ascurate.extract import extract_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from furnitureset import generate as fs  # noqa: E402 - the generator beside this file


def boosters(card_path: Path) -> tuple[lightgbm.Booster, lightgbm.Booster]:
    card = json.loads(card_path.read_text(encoding="utf-8"))
    here = card_path.parent
    return (lightgbm.Booster(model_file=str(here / f"{card['version']}.txt")),
            lightgbm.Booster(model_file=str(here / card["context"]["file"])))


def score(pages: list[list[str]], first: lightgbm.Booster, second: lightgbm.Booster) -> float:
    """CPU seconds to score every page as `furniture_scores` does."""
    t0 = time.process_time()
    for lines in pages:
        rows = line_features(lines)
        p1 = [1.0 - float(p) for p in first.predict(rows, num_threads=1)]
        second.predict(context_features(lines, rows, p1), num_threads=1)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cards", type=Path, nargs=2)
    ap.add_argument("--pages", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args(argv)
    rng = __import__("random").Random(7)
    docs = fs.generate(7, copies=1, held=False)[:a.pages]
    pages = [[b.text for b in extract_text(fs.render_text(d, rng)).blocks] for d in docs]
    models = [boosters(c) for c in a.cards]
    spent = [0.0, 0.0]
    for r in range(a.rounds):
        for k in ((0, 1) if r % 2 == 0 else (1, 0)):
            spent[k] += score(pages, *models[k])
    n = len(pages) * a.rounds
    lines = sum(map(len, pages)) / len(pages)
    for card, s in zip(a.cards, spent, strict=True):
        print(f"{card.name}: {1000 * s / n:.2f} CPU-ms a page ({len(pages)} pages of {lines:.0f} lines on average)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
