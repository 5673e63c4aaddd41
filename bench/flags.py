"""Precision and recall of the flag detectors, per kind, on labelled folders.

usage: python bench/flags.py [FOLDER ...]   (default: seeds, health-dev, bench/flagset)

Runs the library (no Prefect, nothing written) on each folder and compares the flags
with the gold files beside the inputs, matching as `../shared/tools/score.py` does: a
flag finds a gold flag of the same kind whose quote overlaps its own. Precision counts
every flag that matches no gold flag as false, so on pages whose gold lists no flags
(health-dev) every flag is a false alarm. Traps are gold `not_flags` that were flagged.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

from ascurate import ingest
from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.pipeline import process_batch

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT = [CORPUS / "seeds", CORPUS / "health-dev", ROOT / "bench" / "flagset", ROOT / "bench" / "flagset" / "holdout"]
KINDS = ["editorial_note", "placeholder", "missing_value", "dangling_list", "mixed_voice",
         "garbled_text", "off_topic", "foreign_text", "ai_leftover"]


def _overlaps():
    """The shared scorer's overlap test, so these figures agree with score.py."""
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.overlaps


def gold_for(folder: Path) -> dict[str, dict]:
    out = {}
    for g in sorted(folder.glob("*.gold.json")):
        d = json.loads(g.read_text(encoding="utf-8"))
        out[d["source"].removesuffix(".gz")] = d
    return out


def evaluate(folder: Path, cfg, overlaps) -> dict:
    golds = gold_for(folder)
    t0 = time.monotonic()
    results = process_batch(list(ingest.discover(folder, cfg)), cfg)
    secs = time.monotonic() - t0
    tp, fn, fp = Counter(), Counter(), Counter()
    req = [0, 0]
    traps = [0, 0]
    clean_docs = clean_flags = 0
    misses, alarms = [], []
    errors = [f"{e.path}: {e.reason}" for res in results for e in res.errors]
    arts = [a for res in results for a in res.articles]
    if arts:
        detect(arts[0].text, arts[0].blocks, cfg, arts[0].language)  # imports (scikit-learn) out of the timing
    t1 = time.monotonic()
    for a in arts:  # the flag step alone, again, for its cost per document
        detect(a.text, a.blocks, cfg, a.language)
    flag_ms = 1000 * (time.monotonic() - t1) / max(1, len(arts))
    for res in results:
        for art in res.articles:
            g = golds.get(Path(art.source["path"]).name.removesuffix(".gz"))
            if g is None:
                continue
            gf = g.get("flags") or []
            for f in gf:
                hit = any(x.kind == f["kind"] and overlaps(x.quote, f["quote"]) for x in art.flags)
                (tp if hit else fn)[f["kind"]] += 1
                if f.get("required", True):
                    req[0] += hit
                    req[1] += 1
                if not hit:
                    misses.append(f"{g['source']}: {f['kind']}: {f['quote'][:90]!r}")
            for x in art.flags:
                if x.kind in KINDS and not any(x.kind == f["kind"] and overlaps(x.quote, f["quote"]) for f in gf):
                    fp[x.kind] += 1
                    alarms.append(f"{g['source']}: {x.kind} ({x.rule}): {x.quote[:90]!r}")
            if not gf:
                clean_docs += 1
                clean_flags += sum(x.kind in KINDS for x in art.flags)
            for t in g.get("not_flags") or []:
                kinds = t.get("kinds")
                traps[1] += 1
                traps[0] += any((not kinds or x.kind in kinds) and overlaps(x.quote, t["quote"]) for x in art.flags)
    return {"tp": tp, "fn": fn, "fp": fp, "req": req, "traps": traps, "clean_docs": clean_docs,
            "clean_flags": clean_flags, "misses": misses, "alarms": alarms, "errors": errors,
            "seconds": secs, "flag_ms": flag_ms}


def _ratio(a: int, b: int) -> str:
    return "-" if b == 0 else f"{a / b:.2f} ({a}/{b})"


def report(name: str, r: dict) -> None:
    print(f"\n## {name}  ({r['seconds']:.1f} s for the pipeline; flag step {r['flag_ms']:.1f} ms/document)")
    print(f"{'kind':16} {'precision':>14} {'recall':>14}")
    for k in KINDS:
        tp, fn, fp = r["tp"][k], r["fn"][k], r["fp"][k]
        if tp + fn + fp:
            print(f"{k:16} {_ratio(tp, tp + fp):>14} {_ratio(tp, tp + fn):>14}")
    print(f"required flags found {_ratio(*r['req'])}; traps flagged {r['traps'][0]}/{r['traps'][1]}; "
          f"flags on documents with no gold flags: {r['clean_flags']} on {r['clean_docs']} "
          f"({r['clean_flags'] / max(1, r['clean_docs']):.3f}/doc)")
    for line in r["errors"]:
        print("  ERROR   ", line)
    for line in r["misses"]:
        print("  missed  ", line)
    for line in r["alarms"]:
        print("  extra   ", line)


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or DEFAULT
    cfg = load_config("/nonexistent/ascurate.toml")
    overlaps = _overlaps()
    for folder in folders:
        if not folder.is_dir():
            print(f"skipped {folder}: not a folder", file=sys.stderr)
            continue
        report(folder.name, evaluate(folder, cfg, overlaps))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
