"""Case-change joins ([a-z][A-Z] inside a token) in the extraction blocks of health-dev, bench and a
sample of wcxb-dev article pages, each classed as in the page (its visible text, block-level elements
on lines of their own, has the token) or made by extraction. usage: python bench/joins.py [N wcxb pages]"""
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

from lxml import etree

from ascurate.extract.adapter import extract_html, load_html
from ascurate.extract.segments import INLINE, SKIP

C = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TOK = re.compile(r"\b[A-Za-zÀ-ÿ]*[a-zß-ÿ][A-ZÀ-Þ][A-Za-zÀ-ÿ]*\b")

def pages():
    out = []
    for d in ("health-dev", "bench"):
        for g in sorted((C / d).glob("*.gold.json")):
            out.append(g)
    wc = [g for g in sorted((C / "wcxb-dev").glob("*.gold.json")) if json.loads(g.read_text()).get("page_type") == "article"]
    random.Random(3).shuffle(wc)
    return out + sorted(wc[:int(sys.argv[1]) if len(sys.argv) > 1 else 300])

def read(g):
    stem = g.name[:-len(".gold.json")]
    for ext in (".html", ".html.gz"):
        p = g.parent / (stem + ext)
        if p.exists():
            b = p.read_bytes()
            if ext.endswith("gz"):
                b = gzip.decompress(b)
            return b.decode("utf-8", "replace")
    return None




def render(tree):
    """The page's visible text as a browser lays it out without CSS: inline elements run
    together, block-level ones on lines of their own."""
    out = []
    if tree is None:
        return ""
    for ev, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if ev == "start":
            if tag in SKIP or not tag:
                continue
            if tag not in INLINE:
                out.append("\n")
            if tag == "br":
                out.append("\n")
            if el.text and not any(isinstance(a.tag, str) and a.tag in SKIP for a in el.iterancestors()) and tag not in SKIP and tag:
                out.append(el.text)
        else:
            if tag not in INLINE:
                out.append("\n")
            if el.tail and not any(isinstance(a.tag, str) and a.tag in SKIP for a in el.iterancestors()):
                out.append(el.tail)
    return re.sub(r"[ \t\u00a0]+", " ", "".join(out))

tot = {"made": 0, "source": 0}
rows = []
t0 = time.process_time()
for g in pages():
    html = read(g)
    if html is None:
        continue
    ex = extract_html(html)
    text = "\n".join(b.text for b in ex.blocks)
    flat_src = render(load_html(html))
    for m in TOK.finditer(text):
        tok = m.group()
        kind = "source" if tok in flat_src else "made"
        tot[kind] += 1
        if kind == "made":
            rows.append(f"{g.parent.name}/{g.name[:-10]}\t{tok}\t{text[max(0,m.start()-40):m.end()+40]!r}")
print("\n".join(rows))
print("TOTAL", tot, "cpu", round(time.process_time() - t0, 1), file=sys.stderr)
