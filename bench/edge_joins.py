"""Words of two page elements run together in ascurate's output ("approachThe", "conditions.An"),
counted per cause, on health-dev, bench and wcxb-dev.

A joined token is a run of non-blanks with a case change (lower -> Upper), a letter -> digit
step, or a sentence end before a letter (".An") inside it. It is made by extraction when the
page has an element edge at that point (its text nodes meet there, no blank between); it is
the page's own when one text node holds it ("iPhone", "COVID-19"). The cause is read from the
elements at the edge:

  empty-inline   an empty inline element between the two texts (a CSS break: <span class="br"></span>)
  empty-block    an empty block element between them (<div></div>)
  block-edge     a block element starts or ends there (trafilatura joins "today<div>Tweet")
  hidden         one side is inside a tooltip, hidden or screen-reader-only element

Each cause is split by what follows the join: a capital ("approachThe", "conditions.An", the
joins `adapter.word_seam` spaces at inline edges) or not ("daily2" before a footnote number,
"list.copy()" in API documentation set without <code>), which are mostly the page's own.
  inline-edge    two inline elements meet (<a>Home</a><a>News</a>, <strong>Heading</strong>Text)

Code (blocks typed code, text inside <pre>/<code>) is left out: highlighters put each identifier
in a span of its own ("self.<span>append</span>"), with no gap meant.

usage: python bench/edge_joins.py [--wcxb N] [--ab] [--articles DIR ...] [--show CAUSE]
  --wcxb N          wcxb-dev pages (0: all 1,322; default all); health-dev and bench always
  --ab              extract each page with and without the word seams (`adapter.word_seam`)
  --articles DIR..  count in `ascurate run` output (the published text) instead of extracting
  --show C          print each token of cause C (or "all") with the page name
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from lxml import etree

from ascurate.extract.adapter import BREAKS, extract_html, load_html

C = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# a join point inside a token: lower->Upper, letter->digit, sentence end -> letter
JOIN = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])|(?<=[A-Za-zÀ-ÿ]{2})(?=\d)|(?<=[a-zß-ÿ][.!?:])(?=[A-Za-zÀ-ÿ])")
TOKEN = re.compile(r"\S+")
_NOT_TEXT = {"script", "style", "template", "noscript", "head", "title"}
_CODE = {"pre", "code", "kbd", "samp"}  # highlighted code: a span per identifier, no gap meant
_HIDDEN = re.compile(r"tooltip|popover|sr-only|screen-reader|visually-hidden|visuallyhidden|hidden|hide", re.I)


def pages(n_wcxb: int, seed: int) -> list[Path]:
    out = [g for d in ("health-dev", "bench") for g in sorted((C / d).glob("*.gold.json"))]
    wc = sorted((C / "wcxb-dev").glob("*.gold.json"))
    if n_wcxb:
        random.Random(seed).shuffle(wc)
        wc = sorted(wc[:n_wcxb])
    return out + wc


def read(g: Path) -> str | None:
    stem = g.name[: -len(".gold.json")]
    for ext in (".html", ".html.gz"):
        p = g.parent / (stem + ext)
        if p.exists():
            b = p.read_bytes()
            return (gzip.decompress(b) if ext.endswith("gz") else b).decode("utf-8", "replace")
    return None


class Source:
    """The page's text nodes run together (script/style skipped) and, per offset, the element
    edges there: ("start"|"end", element)."""

    def __init__(self, tree) -> None:
        parts: list[str] = []
        self.edges: dict[int, list[tuple[str, object]]] = defaultdict(list)
        self.owner: list[tuple[int, object]] = []  # (offset where a text starts, its element)
        n = 0
        skip = 0
        body = tree.find(".//body") if tree is not None else None
        root = body if body is not None else tree
        if root is None:
            self.text = ""
            return
        for ev, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            if ev == "start":
                if tag in _NOT_TEXT or not tag:
                    skip += 1
                if not skip:
                    self.edges[n].append(("start", el))
                    if el.text:
                        self.owner.append((n, el))
                        parts.append(el.text)
                        n += len(el.text)
            else:
                if not skip:
                    self.edges[n].append(("end", el))
                if tag in _NOT_TEXT or not tag:
                    skip -= 1
                if not skip and el.tail and el is not root:
                    self.owner.append((n, el.getparent()))
                    parts.append(el.tail)
                    n += len(el.tail)
        self.text = "".join(parts)

    def element_at(self, offset: int):
        lo, hi = 0, len(self.owner) - 1
        best = None
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.owner[mid][0] <= offset:
                best, lo = self.owner[mid][1], mid + 1
            else:
                hi = mid - 1
        return best


def _with_ancestors(el) -> list:
    return [el, *el.iterancestors()] if el is not None else []


def _hidden(el) -> bool:
    for a in _with_ancestors(el):
        if not isinstance(a.tag, str):
            continue
        if a.get("hidden") is not None or a.get("aria-hidden") == "true" or a.get("role") == "tooltip":
            return True
        if _HIDDEN.search(a.get("class") or "") or "display:none" in (a.get("style") or "").replace(" ", ""):
            return True
    return False


def cause(src: Source, at: int) -> str:
    edges = src.edges.get(at, [])
    if any(isinstance(a.tag, str) and a.tag in _CODE for a in _with_ancestors(src.element_at(at))):
        return "code"
    started = {id(el) for ev, el in edges if ev == "start"}
    empties = [el for ev, el in edges if ev == "end" and id(el) in started]
    left, right = src.element_at(at - 1), src.element_at(at)
    if _hidden(left) != _hidden(right):
        return "hidden"
    if any(isinstance(e.tag, str) and e.tag in BREAKS for e in empties):
        return "empty-block"
    if empties:
        return "empty-inline"
    if any(isinstance(el.tag, str) and el.tag in BREAKS for _, el in edges):
        return "block-edge"
    return "inline-edge"


def classify(token: str, k: int, src: Source) -> str:
    """'source' when the page's text holds the token with no edge at the join point, else
    the cause of the edge it was made at ('unplaced' when the page holds no such run)."""
    left, right = token[max(0, k - 12):k], token[k:k + 12]
    causes = []
    start = 0
    while True:
        i = src.text.find(left + right, start)
        if i < 0:
            break
        at = i + len(left)
        if at not in src.edges:
            return "source"
        causes.append(cause(src, at))
        start = i + 1
    return causes[0] if causes else "unplaced"


def joins(text: str, src: Source) -> list[tuple[str, str, int]]:
    """(cause, token, offset) of every join an element edge made in `text`."""
    out = []
    for m in TOKEN.finditer(text):
        tok = m.group()
        for j in JOIN.finditer(tok):
            c = classify(tok, j.start(), src)
            if c not in ("source", "unplaced", "code"):
                out.append((c if tok[j.start()].isupper() else c + " (no capital)", tok, m.start()))
    return out


def articles(folder: str) -> dict[str, str]:
    """Page name (corpus/stem) -> article text (code blocks left out), from `ascurate run` output."""
    out = {}
    for p in sorted(Path(folder, "articles").glob("*.json")):
        art = json.loads(p.read_text())
        stem = re.sub(r"\.html(\.gz)?$", "", art["source"]["path"].split("/")[-1])
        out[stem] = "\n".join(b["text"] for b in art.get("blocks", []) if b.get("type") != "code")
    return out


def table(title: str, found: dict[str, list]) -> None:
    per_cause: Counter = Counter()
    pages_cause: dict[str, set] = defaultdict(set)
    for name, rows in found.items():
        for c, _, _ in rows:
            per_cause[c] += 1
            pages_cause[c].add(name)
    print(f"\n{title}\n{'cause':26} {'tokens':>7} {'pages':>6}")
    for c in CAUSES:
        for k in (c, c + " (no capital)"):
            print(f"{k:26} {per_cause[k]:>7} {len(pages_cause[k]):>6}")
    print(f"{'all':26} {sum(per_cause.values()):>7} {sum(1 for r in found.values() if r):>6}")
    corpora: Counter = Counter()
    for name, rows in found.items():
        corpora[name.split("/")[0]] += len(rows)
    print("tokens per corpus:", dict(corpora))


CAUSES = ("empty-inline", "empty-block", "inline-edge", "block-edge", "hidden")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wcxb", type=int, default=0)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--ab", action="store_true",
                    help="also extract without the word seams (`adapter.word_seam`), same process, and compare")
    ap.add_argument("--articles", nargs="*", default=[],
                    help="count in these `ascurate run` output folders' articles instead of extracting")
    ap.add_argument("--show", default="")
    a = ap.parse_args()
    from ascurate.extract import adapter
    seam = adapter.word_seam
    variants = {"shipped": seam}
    if a.ab:
        variants = {"no seams": lambda before, after: False, "shipped": seam}
    texts: dict[str, str] = {}
    for folder in a.articles:
        texts.update(articles(folder))
    found: dict[str, dict[str, list]] = {v: {} for v in (["article text"] if a.articles else variants)}
    cpu: Counter = Counter()
    n = 0
    for g in pages(a.wcxb, a.seed):
        stem = g.name[:-10]
        if a.articles and stem not in texts:
            continue
        html = read(g)
        if html is None:
            continue
        n += 1
        name = f"{g.parent.name}/{stem}"
        src = Source(load_html(html))
        outs = {}
        if a.articles:
            outs["article text"] = texts[stem]
        else:
            for v, fn in variants.items():
                adapter.word_seam = fn
                t0 = time.process_time()
                blocks = extract_html(html).blocks
                cpu[v] += time.process_time() - t0
                outs[v] = "\n".join(b.text for b in blocks if b.type != "code")
            adapter.word_seam = seam
        for v, text in outs.items():
            found[v][name] = joins(text, src)
            for c, tok, at in found[v][name]:
                if a.show in ("all", c):
                    print(f"{v}\t{name}\t{c}\t{tok}\t{text[max(0, at - 40):at + len(tok) + 40]!r}")
    for v in found:
        ms = f", extract_html {1000 * cpu[v] / max(1, n):.1f} CPU-ms a page" if v in cpu else ""
        table(f"{v}: {n} pages{ms}", found[v])


if __name__ == "__main__":
    sys.exit(main())
