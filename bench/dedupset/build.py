"""Build the dedup set: copies of corpus pages of every kind dedup must catch, and
non-copies it must leave alone, each with a gold file carrying `duplicate_group`.

usage: python bench/dedupset/build.py OUT [--originals 60] [--seed 5]

From English corpus pages (../shared/corpus/{health-dev,bench}, gold main content of 150
words or more), drawn with a fixed seed, each original gets two copies of two different
kinds (rotating, so every kind is about equally represented):

  exact       the same bytes under another name (a page saved twice)
  retemplate  the article in a new template of its own site (redesign: new nav, share
              buttons, related links, footer)
  print       the print version: bare page, "printed from" header, URL footer
  syndicated  the article inside ANOTHER corpus page's real HTML, replacing that page's
              article, with an "originally appeared on" line
  edited      the original page with the article lightly edited and re-dated: years
              moved, a few words changed, a paragraph dropped, an "Updated" line added

and non-copies, which must stay alone:
  quoting     another outlet's write-up on the same story: a different corpus article
              carrying two sentences quoted from the original (same topic, shared words)
  same-site   different articles syndicated into the SAME host page share that site's
              furniture and nothing else: syndicated copies use five host pages first,
              so each host carries several articles of different groups
The originals themselves include real same-site pairs (cnn.com, health.ucdavis.edu, ...).
Deterministic: the same corpus and seed give the same files.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import json
import random
import re
import sys
from pathlib import Path

from lxml import html as lh

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
KINDS = ("exact", "retemplate", "print", "syndicated", "edited")
_BLOCKS = ("article", "main", "section", "div", "td", "body")


@functools.lru_cache(maxsize=2)
def load_pages(corpus: Path) -> tuple[dict, ...]:
    """English HTML corpus pages with 150+ words of gold text, with their raw bytes."""
    from ascurate import lang

    pages = []
    for sub in ("health-dev", "bench"):
        for gf in sorted((corpus / sub).glob("*.gold.json")):
            g = json.loads(gf.read_text(encoding="utf-8"))
            mc = g.get("main_content") or ""
            if g.get("format") != "html" or len(mc.split()) < 150:
                continue
            if (g.get("language") or lang.detect(mc)[0]) != "en":
                continue
            raw = (corpus / sub / g["source"]).read_bytes()
            if g["source"].endswith(".gz"):
                raw = gzip.decompress(raw)
            pages.append({"gold": g, "raw": raw, "name": re.sub(r"\.html(\.gz)?$", "", g["source"])})
    return tuple(pages)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def body_html(title: str, paras: list[str]) -> str:
    return f"<h1>{html.escape(title)}</h1>\n" + "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)


def title_of(page: dict) -> str:
    return page["gold"].get("title") or paragraphs(page["gold"]["main_content"])[0][:80]


def container(doc: lh.HtmlElement, gold: str) -> lh.HtmlElement | None:
    """The smallest block element holding most of the page's gold paragraphs."""
    probes = [p[:40] for p in paragraphs(gold) if len(p) >= 40][:12]
    if len(probes) < 2:
        return None
    best = None
    for el in doc.iter(*_BLOCKS):
        text = el.text_content()
        if sum(p in text for p in probes) >= 0.7 * len(probes) and (best is None or len(text) < best[0]):
            best = (len(text), el)
    return best[1] if best else None


def replace_article(page: dict, title: str, paras: list[str], note: str | None = None) -> str | None:
    """`page`'s own HTML with its article replaced by `paras` (None if it cannot be found)."""
    doc = lh.fromstring(page["raw"].decode("utf-8", "replace"))
    box = container(doc, page["gold"]["main_content"])
    if box is None or box.tag == "body":
        return None
    tail = box.tail
    for child in list(box):
        box.remove(child)
    box.text = None
    for el in lh.fragments_fromstring(body_html(title, paras) + (f"<p><em>{html.escape(note)}</em></p>" if note else "")):
        if isinstance(el, str):
            continue
        box.append(el)
    box.tail = tail
    return lh.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")


def retemplate(page: dict, rng: random.Random) -> str:
    site = page["gold"].get("site") or "example.org"
    nav = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in rng.sample(
        ["Health", "News", "Conditions", "Wellness", "Drugs", "Video", "Newsletters", "About us", "Contact"], 6))
    related = "".join(f"<li><a href='/r{i}'>Related story {i}: what you need to know</a></li>" for i in range(4))
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title_of(page))} | {site}</title>"
            f"<link rel='canonical' href='{html.escape(page['gold'].get('url') or '')}'></head><body>"
            f"<header><div class='brand'>{site}</div><nav><ul>{nav}</ul></nav></header>"
            f"<div class='share'>Share on Facebook · Share on Twitter · Email</div>"
            f"<main><article>{body_html(title_of(page), paragraphs(page['gold']['main_content']))}</article></main>"
            f"<aside><h3>Read next</h3><ul>{related}</ul></aside>"
            f"<footer><p>© {site}. All rights reserved.</p><p>Privacy policy · Terms of use · Cookie settings</p>"
            f"</footer></body></html>")


def print_version(page: dict) -> str:
    g = page["gold"]
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title_of(page))} (print)</title></head>"
            f"<body class='print'><div class='print-header'>Printed from {html.escape(g.get('site') or '')}</div>"
            f"{body_html(title_of(page), paragraphs(g['main_content']))}"
            f"<p class='print-footer'>Source URL: {html.escape(g.get('url') or '')}</p></body></html>")


def edit(paras: list[str], rng: random.Random) -> list[str]:
    """A light edit: years moved on, ~3% of words changed, one paragraph dropped, a dateline."""
    out = []
    drop = rng.randrange(len(paras)) if len(paras) > 4 else -1
    for i, p in enumerate(paras):
        if i == drop:
            continue
        p = re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + 1), p)
        words = p.split(" ")
        for _ in range(max(0, len(words) // 33)):
            j = rng.randrange(len(words))
            words[j] = rng.choice(["also", "now", "still", "often", "recently", "reportedly"])
        out.append(" ".join(words))
    return [f"Updated on March {rng.randint(1, 28)}, 2025.", *out]


def build(out: Path, originals: int = 60, seed: int = 5, corpus: Path = CORPUS) -> dict[str, int]:
    """Write the set to `out`; return how many files of each kind."""
    rng = random.Random(seed)
    pages = list(load_pages(corpus))
    rng.shuffle(pages)
    chosen, hosts = pages[:originals], pages[originals:] or pages
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    def emit(name: str, data: str | bytes, gold: dict, kind: str) -> None:
        (out / f"{name}.html").write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        (out / f"{name}.gold.json").write_text(json.dumps(
            {"source": f"{name}.html", "format": "html", "kind": kind, "language": "en", **gold},
            ensure_ascii=False, indent=1), encoding="utf-8")
        counts[kind] = counts.get(kind, 0) + 1

    for i, page in enumerate(chosen):
        g = page["gold"]
        group = f"g{i:03d}"
        base = {"url": g.get("url"), "site": g.get("site"), "title": g.get("title"),
                "main_content": g["main_content"], "duplicate_group": group}
        emit(f"{group}-original", page["raw"], base, "original")
        for kind in (KINDS[i % 5], KINDS[(i + 2) % 5]):
            name = f"{group}-{kind}"
            if kind == "exact":
                emit(name, page["raw"], base, kind)
            elif kind == "retemplate":
                emit(name, retemplate(page, rng), base, kind)
            elif kind == "print":
                emit(name, print_version(page), base, kind)
            elif kind == "syndicated":  # a few shared hosts: several articles per template
                for host in rng.sample(hosts[:5], min(5, len(hosts))) + rng.sample(hosts[5:], min(8, len(hosts[5:]))):
                    if host["gold"].get("site") == g.get("site"):
                        continue
                    doc = replace_article(host, title_of(page), paragraphs(g["main_content"]),
                                          f"This article originally appeared on {g.get('site')}.")
                    if doc:
                        emit(name, doc, {**base, "host": host["name"]}, kind)
                        break
            elif kind == "edited":
                paras = edit(paragraphs(g["main_content"]), rng)
                doc = replace_article(page, title_of(page), paras)
                if doc:
                    emit(name, doc, {**base, "main_content": "\n".join(paras)}, kind)
        if i % 3 == 0:  # another outlet's write-up quoting the original: not a copy
            other = hosts[i % len(hosts)]  # a page not in the set, so only the quote is shared
            sents = re.split(r"(?<=[.!?])\s+", g["main_content"])
            quote = " ".join(s for s in sents if len(s.split()) > 8)[:400].rsplit(" ", 1)[0]
            paras = paragraphs(other["gold"]["main_content"])
            paras.insert(len(paras) // 2, f"As {g.get('site')} reported, “{quote}”")
            emit(f"{group}-quoting", retemplate({**other, "gold": {**other["gold"], "main_content": "\n".join(paras),
                                                                      "site": "another-outlet.example"}}, rng),
                 {"site": "another-outlet.example", "main_content": "\n".join(paras)}, "quoting")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--originals", type=int, default=60)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args(argv)
    print(json.dumps(build(a.out, a.originals, a.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
