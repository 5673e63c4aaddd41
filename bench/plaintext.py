"""Plain-text scrapes of HTML pages, curated and scored: the shape of the seeds
(a page saved as text, menus, widgets and comment threads inline).

usage: python bench/plaintext.py [--corpus health-dev --corpus bench] [--write DIR]
       python bench/plaintext.py --furniture [--seed N] [--side tuned|held-out]
       python bench/plaintext.py --intl FILE [--misses]

Each corpus page is rendered to text as a scraper saves it (`ascurate.models.render`:
its whole visible text, one line per block element, blank lines between), curated by
`ascurate.pipeline.run` as `.txt` input and scored by `../shared/tools/score.py`
against the page's gold, beside keeping every line. `--write DIR` only writes the text
pages (DIR/raw) and their gold (DIR/gold), for another build to be run on them.

`--furniture` runs the planted-furniture set (`bench/furnitureset/`: real article text
with widgets of 15 furniture kinds planted at top, middle and bottom) as plain text and
as HTML, each document through `curate_document` (the library, no flow), and prints the
share of planted snippets left (leak) on the held-out families and on the tuned ones, per
kind (the latest round's held-out families also apart, and every marked round's held-out and
tuned families on their own), and score.py's P/R/F1 against the
article's gold, and how much of the content planted as a trap (FAQs, references, steps in
the same record markup as threads) was lost; plain text also with the text-line model alone
and with the rules alone (no model), to show what each does. `--side tuned` plants only the
tuned families (what tuning may look at), `--side held-out` only the held-out ones.

`--intl FILE` curates published article text (JSON lines with `language` and either
`content`, a page as plain text, or `blocks`, its paragraphs) as `.txt` pages and prints
the share of its words each language keeps, and the share the text-line model takes:
everything in such a page is content, so every word removed is real text lost.
`--misses` lists the lines the model took (for tuning data only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

from ascurate import clean as clean_step
from ascurate.clean import textlines
from ascurate.clean.threads import RULE as THREAD_RULE
from ascurate.config import load_config
from ascurate.extract import extract_text, load_html
from ascurate.model import Document
from ascurate.models.corpora import pages
from ascurate.models.render import render_lines
from ascurate.pipeline import curate_document, run

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cleaning import _scorer  # noqa: E402 - the shared scorer loader beside this file
from furnitureset import generate as furnitureset  # noqa: E402 - the generator beside this file


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


def _fold(s: str) -> str:
    return " ".join(s.split()).lower()


def planted_leak(docs: list[furnitureset.Doc], texts: dict[str, str]) -> dict[str, tuple[int, int]]:
    """(left, planted) snippet counts: "held out", "tuned", "new" (the families of the latest
    round: marked held out, the highest `round`), "hash" (the held-out families of the hash
    split), per kind on the held-out families ("  kind"), on the new ones ("   kind") and on
    the tuned ones ("    kind"); and of the content planted as a trap, the snippets lost
    ("lost held out", "lost tuned"); and per round of the marked families ("round NN" held
    out, "round NN tuned", and the trap content lost: "round NN trap lost", "round NN tuned
    trap lost")."""
    latest = max((p.round for d in docs for p in d.plants if p.marked), default=0)
    out: dict[str, list[int]] = {}
    for d in docs:
        text = _fold(texts.get(d.id, ""))
        for plant in d.plants:
            new = plant.marked and plant.round == latest
            for s in plant.snippets:
                if plant.content:  # content planted as a trap: count what was lost
                    side = "" if plant.held_out else " tuned"
                    for key in (f"lost {'held out' if plant.held_out else 'tuned'}",
                                *([f"round {plant.round:02d}{side} trap lost"] if plant.round else [])):
                        row = out.setdefault(key, [0, 0])
                        row[0] += int(_fold(s) not in text)
                        row[1] += 1
                    continue
                left = int(_fold(s) in text)
                for key in ("held out" if plant.held_out else "tuned",
                            f"  {plant.kind}" if plant.held_out else f"    {plant.kind}",
                            *(["new", f"   {plant.kind}"] if new else []),
                            *([f"round {plant.round:02d}{'' if plant.held_out else ' tuned'}"] if plant.round else []),
                            *(["hash"] if plant.held_out and not plant.marked else [])):
                    row = out.setdefault(key, [0, 0])
                    row[0] += left
                    row[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items(), key=lambda kv: (kv[0].startswith(" "), kv[0]))}


def furniture(seed: int, side: str = "all") -> int:
    """The planted-furniture figures (see the module's docstring); `side`: "tuned" or
    "held-out" plants only those families."""
    score = _scorer()
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    docs = furnitureset.generate(seed, held={"all": None, "tuned": False, "held-out": True}[side])
    systems: dict[str, dict[str, str]] = {}
    golds: dict[str, list[dict]] = {}
    secs: dict[str, float] = {}
    as_thread: dict[str, dict[str, str]] = {}  # per system and document: what went as a comment thread
    for fmt in ("text", "html"):
        with tempfile.TemporaryDirectory() as tmp:
            furnitureset.write(docs, Path(tmp), fmt, seed)
            raw = {d.id: (Path(tmp) / "raw" / f"{d.id}.{'txt' if fmt == 'text' else 'html'}").read_text(encoding="utf-8")
                   for d in docs}
            golds[fmt] = [json.loads((Path(tmp) / "gold" / f"{d.id}.gold.json").read_text(encoding="utf-8"))
                          for d in docs]
        t0 = time.process_time()
        arts = {d.id: curate_document(Document(f"{d.id}.{fmt}", raw[d.id], fmt, d.id), cfg) for d in docs}
        secs[f"{fmt}: ascurate"] = (time.process_time() - t0) / len(docs)
        systems[f"{fmt}: ascurate"] = {k: a.text for k, a in arts.items()}
        as_thread[f"{fmt}: ascurate"] = {k: _fold(" ".join(r.text for r in a.removed if r.reason == THREAD_RULE))
                                         for k, a in arts.items()}
        if fmt == "text":
            systems["text: every line kept"] = {d.id: raw[d.id] for d in docs}
            model_alone, rules_alone = {}, {}
            for d in docs:
                blocks = extract_text(raw[d.id]).blocks
                cut = textlines.judge(blocks)
                model_alone[d.id] = "\n".join(b.text for i, b in enumerate(blocks) if i not in cut)
            systems[f"text: {textlines.MODEL_NAME} alone"] = model_alone
            for d in docs:
                ex = extract_text(raw[d.id])
                rules_alone[d.id] = "\n".join(b.text for b in clean_step.clean(ex.blocks, cfg, ex.title).blocks)
            systems["text: rules alone"] = rules_alone
    print(f"\nplanted furniture (bench/furnitureset, seed {seed}): {len(docs)} documents, "
          f"{sum(len(p.snippets) for d in docs for p in d.plants)} snippets")
    names = list(systems)
    leaks = {n: planted_leak(docs, systems[n]) for n in names}
    print("| system | P | R | F1 | leak held out | leak latest round's families | leak hash-split held out | leak tuned "
          "| CPU s/doc |\n|---|---|---|---|---|---|---|---|---|")
    for n in names:
        fmt = n.split(":")[0]
        r = score.score(golds[fmt], {f"{d.id}.{'txt' if fmt == 'text' else 'html'}": {"text": systems[n][d.id]}
                                     for d in docs})
        h, t, new, hs = (leaks[n].get(k, (0, 0)) for k in ("held out", "tuned", "new", "hash"))
        cpu = f"{secs[n]:.3f}" if n in secs else "-"
        print(f"| {n} | {score.fmt(r['P'])} | {score.fmt(r['R'])} | {score.fmt(r['F1'])} | "
              f"{h[0] / max(1, h[1]):.3f} ({h[0]}/{h[1]}) | {new[0] / max(1, new[1]):.3f} ({new[0]}/{new[1]}) | "
              f"{hs[0] / max(1, hs[1]):.3f} ({hs[0]}/{hs[1]}) | "
              f"{t[0] / max(1, t[1]):.3f} | {cpu} |")
    print("\ncontent in records planted as a trap (FAQs, references, steps): snippets lost, and of them taken as a "
          "comment thread\n| system | lost held out | lost tuned | as a thread held out | as a thread tuned |\n"
          "|---|---|---|---|---|")
    for n in names:
        taken = {side: sum(_fold(s) in as_thread[n][d.id] for d in docs for p in d.plants
                           if p.content and p.held_out == (side == "held out") for s in p.snippets)
                 for side in ("held out", "tuned")} if n in as_thread else {}
        print(f"| {n} | " + " | ".join("{}/{}".format(*leaks[n].get(f"lost {side}", (0, 0)))
                                     for side in ("held out", "tuned"))
              + " | " + " | ".join(str(taken.get(side, "-")) for side in ("held out", "tuned")) + " |")
    rounds = sorted(k for k in leaks[names[0]] if k.startswith("round "))
    print("\nmarked families' leak per round\n| round | " + " | ".join(names) + " |\n" + "|---" * (len(names) + 1) + "|")
    for k in rounds:
        print(f"| {k.removeprefix('round ').lstrip('0')} | "
              + " | ".join(f"{leaks[n][k][0] / leaks[n][k][1]:.3f} ({leaks[n][k][0]}/{leaks[n][k][1]})" for n in names) + " |")
    for label, prefix in (("held-out", "  "), ("latest round's families'", "   "), ("tuned", "    ")):
        kinds = [k for k in leaks[names[0]] if k.startswith(prefix) and not k.startswith(prefix + " ")]
        print(f"\n{label} leak per kind\n| kind | " + " | ".join(names) + " |\n" + "|---" * (len(names) + 1) + "|")
        for k in kinds:
            print(f"| {k.strip()} | " + " | ".join(f"{leaks[n][k][0]}/{leaks[n][k][1]}" for n in names) + " |")
    return 0


def _plain(record: dict) -> str:
    if "content" in record:
        return str(record["content"])
    return "\n\n".join(b[1] for b in record["blocks"]) + "\n"


def intl(path: Path, misses: bool) -> int:
    """Words kept per language on published article text (see the module's docstring)."""
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    words: dict[str, list[int]] = {}  # language: [input words, kept words, words the model took, pages]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        content = _plain(record)
        lang = record.get("language") or record.get("lang") or "?"
        article = curate_document(Document(f"intl-{n}.txt", content, "text", hashlib.sha256(content.encode()).hexdigest(),
                                               url=record.get("url")), cfg)
        row = words.setdefault(lang, [0, 0, 0, 0])
        row[0] += len(content.split())
        row[1] += len(article.text.split())
        took = [r.text for r in article.removed if r.reason == textlines.RULE]
        row[2] += sum(len(t.split()) for t in took)
        row[3] += 1
        if misses:
            for t in took:
                print(f"  {lang} {record.get('name', n)}: {t[:110]!r}")
    print(f"\npublished article text as plain text ({path.name})\n"
          "| language | pages | words | kept | taken by the text-line model |\n|---|---|---|---|---|")
    for lang, (total, kept, took, docs) in sorted(words.items()):
        print(f"| {lang} | {docs} | {total} | {kept / max(1, total):.3f} | {took / max(1, total):.3f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=("health-dev", "bench", "wcxb-dev"))
    ap.add_argument("--write", type=Path, help="write the text pages and their gold here, and stop")
    ap.add_argument("--furniture", action="store_true", help="the planted-furniture set (bench/furnitureset)")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--side", choices=("all", "tuned", "held-out"), default="all",
                    help="with --furniture: plant only the tuned or only the held-out families")
    ap.add_argument("--intl", type=Path, help="published article text, JSON lines (see the docstring)")
    ap.add_argument("--misses", action="store_true", help="with --intl: list the lines the model took")
    a = ap.parse_args(argv)
    if a.intl:
        return intl(a.intl, a.misses)
    if a.furniture:
        return furniture(a.seed, a.side)
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
