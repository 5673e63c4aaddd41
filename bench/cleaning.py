"""Side-by-side: ascurate's pipeline vs trafilatura alone, scored by ../shared/tools/score.py.

usage: python bench/cleaning.py [--corpus health-dev --corpus bench --corpus seeds] [--per-doc]

"trafilatura alone" is a plain `trafilatura.extract(html)` call (its defaults, and again
without comments, which is how the issue's bench baseline of 0.957 was measured); on
plain-text input it keeps the text as it is, since it has nothing to remove there.
The pipeline is `ascurate.pipeline.run`, the same code `ascurate run` drives, into a
fresh folder each time so nothing is skipped as unchanged.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from ascurate.config import load_config
from ascurate.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("health-dev", "bench", "seeds")


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def golds(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))]


def trafilatura_alone(folder: Path, score, **options) -> dict[str, dict]:
    """Articles as a bare trafilatura.extract(html, **options) call makes them."""
    arts = {}
    for g in golds(folder):
        path = folder / g["source"]
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        # bytes: trafilatura detects the encoding itself
        text = data.decode("utf-8", errors="replace") if g.get("format") == "text" else (trafilatura.extract(data, **options) or "")
        arts[score.base(g["source"])] = {"source": {"path": g["source"]}, "text": text}
    return arts


def pipeline(folder: Path, score) -> tuple[dict[str, dict], float]:
    with tempfile.TemporaryDirectory() as out:
        t0 = time.monotonic()
        run(folder, out, load_config(Path("/nonexistent/ascurate.toml")))
        return score.load_articles(out), time.monotonic() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=CORPORA)
    ap.add_argument("--per-doc", action="store_true", help="print the pipeline's per-page P/R/leak too")
    a = ap.parse_args(argv)
    score = _scorer()
    fmt = score.fmt
    rows = []
    for name in a.corpus or CORPORA:
        folder = SHARED / "corpus" / name
        g = golds(folder)
        base = score.score(g, trafilatura_alone(folder, score))
        no_comments = score.score(g, trafilatura_alone(folder, score, include_comments=False))
        arts, secs = pipeline(folder, score)
        ours = score.score(g, arts, per_doc=a.per_doc)
        if a.per_doc:
            for src, p, r, _w, lk, _nf, _found in sorted(ours["rows"], key=lambda x: (x[1] or 0) + x[2]):
                print(f"  {name:10} {src[:44]:44} P {fmt(p)} R {fmt(r)} leak {fmt(lk)}")
        rows.append((name, "trafilatura alone", base, None))
        rows.append((name, "trafilatura alone, include_comments=False", no_comments, None))
        rows.append((name, "ascurate", ours, secs))
    print("\n| corpus | system | docs | P | R | F1 | leak | with | s/doc |\n|---|---|---|---|---|---|---|---|---|")
    for name, system, r, secs in rows:
        per = f"{secs / r['docs']:.2f}" if secs else "-"
        print(f"| {name} | {system} | {r['docs']} | {fmt(r['P'])} | {fmt(r['R'])} | {fmt(r['F1'])} | "
              f"{fmt(r['leak'])} | {fmt(r['with'])} | {per} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
