"""Two versions of the flag detectors on the same articles, interleaved article by article in
one process, so both see the same load: CPU ms per article per detector, and whether every
article's flags are identical (a change made for speed must leave them so).

usage: python bench/flags_ab.py --base DIR (--docs FILE | --planted SEED) [--rounds N]

`--base DIR` is another checkout's package folder (`.../src/ascurate`); it is copied to a
temporary folder and imported as `ascurate_base` (the flag step imports only relative
names). `--docs FILE` is the published articles as `bench/flags_b.py --docs FILE` keeps
them; `--planted SEED` reads the planted set instead (`bench/flags.py`'s generator, two copies:
leftovers and traps in four languages, the texts the detectors' rare paths run on). Flags are
compared whole (kind, offsets, rule, score and message). The order of the two alternates
between rounds; the figures are the best of the rounds. What a version keeps per text (a
block's flag matches, its sentences) is dropped before each round, so no round reads the
articles as copies of the last round's.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import ascurate.flags as new_flags
from ascurate import rulebook
from ascurate.config import load_config
from ascurate.flags import sentences
from ascurate.model import Block


def _load_base(folder: Path, into: Path):
    shutil.copytree(folder, into / "ascurate_base", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(into))
    return (importlib.import_module("ascurate_base.flags"), importlib.import_module("ascurate_base.config"),
            importlib.import_module("ascurate_base.model"), importlib.import_module("ascurate_base.rulebook"),
            importlib.import_module("ascurate_base.flags.sentences"))


def _forget(rulebook, sentences) -> None:
    """Drop what a version kept per text (a block's flag matches, its sentences), so a round
    reads the articles as a run reads new ones, not as the copies the last round left."""
    rulebook.forget_memos()
    sentences.spans.cache_clear()


def _key(flags) -> list[tuple]:
    return [(f.kind, f.start, f.end, f.rule, f.score, f.message) for f in flags]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="the other version's src/ascurate folder")
    docs = ap.add_mutually_exclusive_group(required=True)
    docs.add_argument("--docs", type=Path, help="articles kept by bench/flags_b.py --docs")
    docs.add_argument("--planted", type=int, metavar="SEED", help="the planted set of bench/flags.py, this seed")
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args(argv)
    if a.docs:
        rows = [json.loads(line) for line in a.docs.read_text(encoding="utf-8").split("\n") if line]  # "\n" only: a text's U+2028 stays raw in JSON
    else:
        from flags import flagset_generator  # bench/flags.py: run as a script, bench/ is on the path

        rows = [{"text": d.text, "language": d.lang, "blocks": [(b["type"], b["text"], b.get("level")) for b in d.blocks]}
                for d in flagset_generator().generate(a.planted, 2)]
    with tempfile.TemporaryDirectory() as tmp:
        base_flags, base_config, base_model, base_rulebook, base_sentences = _load_base(a.base, Path(tmp))
        four = ("en", "de", "fr", "es")
        cfg_b = dataclasses.replace(base_config.load_config("/nonexistent/ascurate.toml"), languages=four)
        cfg_n = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=four)
        docs_b = [(r["text"], [base_model.Block(*b) for b in r["blocks"]], r["language"]) for r in rows]
        docs_n = [(r["text"], [Block(*b) for b in r["blocks"]], r["language"]) for r in rows]
        for code in {r["language"] for r in rows}:  # word lists, models and rules loaded out of the timing
            base_flags.detect(*docs_b[0][:2], cfg_b, code)
            new_flags.detect(*docs_n[0][:2], cfg_n, code)
        best: dict[str, dict[str, float]] = {}
        for r in range(a.rounds):
            times = {"base": {n: 0.0 for n, _ in base_flags.DETECTORS}, "new": {n: 0.0 for n, _ in new_flags.DETECTORS}}
            same = 0
            _forget(base_rulebook, base_sentences)
            _forget(rulebook, sentences)
            t0 = time.process_time()
            versions = [("base", base_flags, docs_b, cfg_b), ("new", new_flags, docs_n, cfg_n)]
            for k in range(len(rows)):
                found = {}
                for name, flags, docs, cfg in versions if r % 2 == 0 else versions[::-1]:
                    text, blocks, code = docs[k]
                    found[name] = flags.detect(text, blocks, cfg, code, times[name])
                same += _key(found["base"]) == _key(found["new"])
            for name, t in times.items():
                ms = {k: 1000 * v / len(rows) for k, v in t.items()}
                ms["flag step"] = sum(ms.values())
                best[name] = {k: min(v, best.get(name, {}).get(k, v)) for k, v in ms.items()}
            print(f"round {r + 1}: {time.process_time() - t0:.1f} CPU s, load average {os.getloadavg()[0]:.1f}, "
                  f"identical flags on {same} of {len(rows)} articles")
    print(f"{'detector':20} {'base':>7} {'new':>7}  (CPU ms per article, best of {a.rounds})")
    for k in best["new"]:
        print(f"{k:20} {best['base'].get(k, float('nan')):7.2f} {best['new'][k]:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
