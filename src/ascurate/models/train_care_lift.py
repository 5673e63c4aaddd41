"""Learn how much each word stem goes with talk of health: `python -m ascurate.models.train_care_lift [--out DIR]`.

`off_topic` must not flag a passage on a neighbouring health subject (sleep, insurance
cover for existing conditions) in a health article, though its words are not the
article's. The care vocabulary (`[[care_words]]`) names health outright; this lexicon
extends it from data: for each stem (`topic.py`'s 6-letter stems of words with a Zipf
frequency below 6), the log of how much more often the paragraphs that hold it use a
care word than paragraphs do at all, in the gold main content of every page of
wcxb-dev, health-dev and bench (the seeds and the flagset are not read), language by
language (langdetect on the page). Counts are shrunk towards the base rate by `PRIOR`
paragraphs, so a stem seen in a few paragraphs says little; a lift below 0 counts as 0
(a word that goes with other subjects, not against health). Deterministic; writes
`care-lift-v<N>.json` (per language, the stems seen in `MIN_SEEN` paragraphs or more whose
lift is above 0; any other stem reads as 0) and its card `care-lift-v<N>.txt`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from .. import lang
from ..config import load_config
from ..flags import lexicon, topic
from .corpora import pages

HERE = Path(__file__).parent
NAME = "care-lift"
VERSION = 1
FOLDERS = ("wcxb-dev", "health-dev", "bench")
LANGUAGES = ("en", "de", "fr", "es")
MIN_WORDS = 8  # a paragraph shorter than this is a label, a caption, a line of furniture
PRIOR = 50.0  # paragraphs at the base rate added to each stem's counts
MIN_SEEN = 3  # a stem in fewer paragraphs is left out of the file (read as 0): too little evidence
MIN_PARAGRAPHS = 1_000  # a language with fewer paragraphs gets no table (German, French, Spanish: 38, 88, 0)


def count(folders: tuple[str, ...] = FOLDERS) -> dict[str, tuple[int, int, Counter[str], Counter[str]]]:
    """Per language: paragraphs, paragraphs with a care word, and per stem the same two."""
    cfg = load_config("/nonexistent/ascurate.toml")
    files = lexicon.files(cfg)
    out: dict[str, tuple[int, int, Counter[str], Counter[str]]] = {}
    for page in pages(folders):
        paras = [p.strip() for p in (page.gold.get("main_content") or "").split("\n") if p.strip()]
        if not paras:
            continue
        code, _ = lang.detect(" ".join(paras)[:3000], min_chars=200)
        care = lexicon.care_words(files, code) if code in LANGUAGES else None
        if care is None:
            continue
        n, nc, stems, care_stems = out.get(code) or (0, 0, Counter(), Counter())
        for para in paras:
            words = topic._lower_words(para)
            if len(words) < MIN_WORDS:
                continue
            has_care = topic._cares(care, para) > 0
            seen = {s for s, w in (topic._weight(x, code) for x in words) if w > 0}
            n += 1
            nc += has_care
            stems.update(seen)
            if has_care:
                care_stems.update(seen)
        out[code] = (n, nc, stems, care_stems)
    return out


def lifts(n: int, nc: int, stems: Counter[str], care_stems: Counter[str]) -> dict[str, float]:
    """Each stem's shrunk log lift of the care rate, those seen `MIN_SEEN` times or more with a lift above 0."""
    base = nc / n if n else 0.0
    if not base:
        return {}
    out = {}
    for s, k in stems.items():
        lift = round(math.log((care_stems[s] + PRIOR * base) / (k + PRIOR) / base), 2)
        if k >= MIN_SEEN and lift > 0:
            out[s] = lift
    return dict(sorted(out.items()))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE)
    a = ap.parse_args(argv)
    t0 = time.process_time()
    counts = count()
    table = {code: lifts(*counts[code]) for code in LANGUAGES if code in counts and counts[code][0] >= MIN_PARAGRAPHS}
    figures = {code: {"paragraphs": counts[code][0], "with_care_word": counts[code][1],
                      "stems_kept": len(table.get(code, {}))} for code in counts}
    card = {"version": VERSION, "kind": "lexicon", "command": "python -m ascurate.models.train_care_lift",
            "corpora": list(FOLDERS), "prior": PRIOR, "min_seen": MIN_SEEN, "min_words": MIN_WORDS, "figures": figures,
            "lifts": table}
    path = a.out / f"{NAME}-v{VERSION}.json"
    path.write_text(json.dumps(card, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"{path}: {json.dumps(figures)} ({time.process_time() - t0:.1f} CPU-s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
