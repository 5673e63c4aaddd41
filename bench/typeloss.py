"""Where a wcxb sample's gold content is lost, per page: in extraction or in cleaning.

usage: python bench/typeloss.py DIR OUT [--types listing,product,collection] [--show 12]

For each page of a `bench/wcxb_sample.py` sample (DIR) and its `ascurate run` output (OUT)
it prints score.py's recall of the gold against: the page's visible text (every segment
of `extract.segments.dom_index`: the ceiling), trafilatura's candidates (both passes, as
`extract_html` merges them), and the article; and the article's precision. Gold that the
page holds and the candidates do not is lost by extraction (the win-back model may put
some back); gold the candidates hold and the article does not is lost by cleaning.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

from ascurate.clean import pagetype
from ascurate.extract import extract_html, load_html
from ascurate.extract.segments import dom_index

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wcxb_sample import _scorer  # noqa: E402


def _read(path: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.decode("utf-8", errors="replace")


def page_rows(folder: Path, out: Path, types: set[str]) -> list[dict]:
    """One row per page of the chosen types: recall of page, candidates and article."""
    sc = _scorer()
    arts = sc.load_articles(str(out))
    rows = []
    for gpath in sorted((folder / "gold").glob("*.gold.json")):
        gold = json.loads(gpath.read_text())
        if types and gold.get("page_type") not in types:
            continue
        html = _read(folder / "raw" / gold["source"])
        tree = load_html(html)
        kind = pagetype.classify(tree, gold.get("url")) if tree is not None else None
        page = " \n".join(s.text for s in dom_index(tree).segments) if tree is not None else ""
        ex = extract_html(html, gold.get("url"), tree, page_type=kind)
        cands = "\n".join(b.text for b in ex.blocks)
        precise = "\n".join(b.text for b, p in zip(ex.blocks, ex.precise, strict=True) if p)
        art = arts.get(sc.base(gold["source"]))
        text = art.get("text", "") if art else ""
        g = gold["main_content"]
        p_out, r_out = sc.pr(text, g)
        rows.append({"page": gpath.name.split(".")[0], "type": gold.get("page_type"),
                     "called": kind.type if kind else "-", "R_page": sc.pr(page, g)[1],
                     "R_precise": sc.pr(precise, g)[1], "R_cand": sc.pr(cands, g)[1],
                     "P_cand": sc.pr(cands, g)[0] or 0.0, "R_out": r_out, "P_out": p_out or 0.0})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--types", default="listing,product,collection,forum,service")
    ap.add_argument("--show", type=int, default=12)
    a = ap.parse_args()
    rows = page_rows(a.dir, a.out, set(a.types.split(",")) if a.types else set())
    keys = ["R_page", "R_precise", "R_cand", "P_cand", "R_out", "P_out"]
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["type"]].append(r)
    print(f"{'type':12} {'n':>3} " + " ".join(f"{k:>9}" for k in keys))
    for t, rs in sorted(by.items()):
        print(f"{t:12} {len(rs):3} " + " ".join(f"{sum(r[k] for r in rs) / len(rs):9.3f}" for k in keys))
    worst = sorted(rows, key=lambda r: (r["R_out"] + r["P_out"]) / 2)[: a.show]
    print("\nworst pages:")
    for r in worst:
        print(f"{r['page']:12} {r['type']:11} called {r['called']:11} " +
              " ".join(f"{k} {r[k]:.2f}" for k in keys))


if __name__ == "__main__":
    main()
