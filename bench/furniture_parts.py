"""Which step lets planted furniture through in HTML: the planted-furniture set
(`bench/furnitureset`, as `bench/plaintext.py --furniture` builds it) through the
pipeline's own steps, with one part switched off at a time.

usage: python bench/furniture_parts.py [--seed N]

Rows: the pipeline (`curate_document`'s extraction, boilerplate judgement, win-back
segments and readmission, rules; no site templates); without the win-back segments;
without the readmission (the card's per-type `keep`); with neither; and trafilatura's
candidates with nothing judged. Printed: the held-out and tuned leak, the held-out leak of
the kinds that leak most, and the predicted page types of the set's pages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from furnitureset import generate as furnitureset  # noqa: E402 - the generator beside this file
from plaintext import planted_leak  # noqa: E402

from ascurate import clean as clean_step  # noqa: E402
from ascurate import nesting  # noqa: E402
from ascurate.clean import boilerplate, pagetype, winback  # noqa: E402
from ascurate.config import load_config  # noqa: E402
from ascurate.extract import extract  # noqa: E402
from ascurate.model import Document  # noqa: E402
from ascurate.pipeline import join_blocks  # noqa: E402

KINDS = ("comment_thread", "disclaimer", "newsletter", "related")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args(argv)
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    docs = furnitureset.generate(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        furnitureset.write(docs, Path(tmp), "html", a.seed)
        raw = {d.id: (Path(tmp) / "raw" / f"{d.id}.html").read_text(encoding="utf-8") for d in docs}
    rows = ("the pipeline", "without win-back segments", "without readmission", "neither", "trafilatura's candidates")
    texts: dict[str, dict[str, str]] = {r: {} for r in rows}
    types: Counter[str | None] = Counter()
    for d in docs:
        doc = Document(f"{d.id}.html", raw[d.id], "html", d.id)
        tree, _ = nesting.parse(doc.content)
        kind = pagetype.classify(tree, doc.url)
        types[kind.type] += 1
        ex = extract(doc, tree, own_tree=True, page_type=kind)
        judged = boilerplate.judge(ex.features, kind, ex.blocks)
        segments = winback.judge(ex.segments, kind)
        readmitted = winback.readmit(judged, kind)
        for row, drops, kept in ((rows[0], readmitted, segments), (rows[1], readmitted, []),
                                 (rows[2], judged, segments), (rows[3], judged, [])):
            blocks, dropped = winback.merged(ex.blocks, drops, ex.segments, kept)
            cleaned = clean_step.clean(blocks, cfg, ex.title, frozenset(), dropped, plain_text=False,
                                       page_type=kind.type, site=None)
            texts[row][d.id] = join_blocks(cleaned.blocks)
        texts[rows[4]][d.id] = join_blocks(ex.blocks)
    print(f"planted furniture as HTML (seed {a.seed}): {len(docs)} pages; predicted page types {dict(types)}")
    print("| HTML | held-out leak | tuned leak | " + " | ".join(KINDS) + " |\n" + "|---" * (3 + len(KINDS)) + "|")
    for row in rows:
        leak = planted_leak(docs, texts[row])
        (h, hn), (t, tn) = leak["held out"], leak["tuned"]
        kinds = " | ".join("{}/{}".format(*leak.get(f"  {k}", (0, 0))) for k in KINDS)
        print(f"| {row} | {h / hn:.3f} | {t / tn:.3f} | {kinds} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
