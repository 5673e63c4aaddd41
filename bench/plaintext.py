"""Plain-text scrapes of HTML pages, curated and scored: the shape of the seeds
(a page saved as text, menus, widgets and comment threads inline).

usage: python bench/plaintext.py [--corpus health-dev --corpus bench] [--write DIR]

Each corpus page is rendered to text as a scraper saves it (`ascurate.models.render`:
its whole visible text, one line per block element, blank lines between), curated by
`ascurate.pipeline.run` as `.txt` input and scored by `../shared/tools/score.py`
against the page's gold, beside keeping every line. `--write DIR` only writes the text
pages (DIR/raw) and their gold (DIR/gold), for another build to be run on them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from ascurate.config import load_config
from ascurate.extract import load_html
from ascurate.models.corpora import pages
from ascurate.models.render import render_lines
from ascurate.pipeline import run

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cleaning import _scorer  # noqa: E402 - the shared scorer loader beside this file


def write(corpora: list[str], folder: Path) -> None:
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    for page in pages(tuple(corpora)):
        if page.gold.get("format") == "text":
            continue
        name = Path(page.name.removesuffix(".gz")).stem + ".txt"
        (folder / "raw" / name).write_text("\n\n".join(render_lines(load_html(page.content))) + "\n", encoding="utf-8")
        gold = {**page.gold, "source": name, "format": "text", "flags": [], "not_flags": []}
        gold.pop("status", None)
        (folder / "gold" / f"{Path(name).stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=("health-dev", "bench", "wcxb-dev"))
    ap.add_argument("--write", type=Path, help="write the text pages and their gold here, and stop")
    a = ap.parse_args(argv)
    corpora = a.corpus or ["health-dev"]
    if a.write:
        write(corpora, a.write)
        return 0
    score = _scorer()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(corpora, folder)
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.gold.json"))]
        kept = {score.base(g["source"]): {"source": {"path": g["source"]},
                                          "text": (folder / "raw" / g["source"]).read_text(encoding="utf-8")}
                for g in golds}
        t0 = time.monotonic()
        run(folder / "raw", folder / "out", load_config(Path("/nonexistent/ascurate.toml")))
        secs = time.monotonic() - t0
        rows = [("every line kept", score.score(golds, kept)),
                ("ascurate", score.score(golds, score.load_articles(folder / "out")))]
    fmt = score.fmt
    print(f"\nplain-text renderings of {', '.join(corpora)} ({secs / len(golds):.2f} s/doc)")
    print("| system | docs | P | R | F1 | leak | with |\n|---|---|---|---|---|---|---|")
    for system, r in rows:
        print(f"| {system} | {r['docs']} | {fmt(r['P'])} | {fmt(r['R'])} | {fmt(r['F1'])} | {fmt(r['leak'])} | "
              f"{fmt(r['with'])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
