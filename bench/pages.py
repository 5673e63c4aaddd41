"""Whole pages shaped like the seeds: furniture, leftovers and look-alikes on one page,
scored as `../shared/tools/score.py` scores a page kept elsewhere.

usage: python bench/pages.py [--seed N] [--pages N] [--side held-out|tuned] [--format text|html ...] [--misses] [--lost]

The flag bench (`bench/flags.py`) plants one text into a few paragraphs and reads the
detectors; the furniture bench (`bench/plaintext.py --furniture`) plants widgets and reads
the cleaning. Neither reads an article's *status*, which is what an editor acts on: one
warning on a clean page sends it to review, one missed leftover publishes it. Here every
page of the furniture set (`bench/furnitureset`: a real article in English, German,
French or Spanish with three widgets planted at the top, the middle and the bottom) also
gets 0-3 leftovers and 1-3 look-alikes from the flag set's template families
(`bench/flagset/templates`), planted as a paragraph of their own or inside one, in the
page's language. The page is rendered as plain text and as HTML, curated by
`ascurate.pipeline.curate_document` (the library, as `ascurate run` curates a page,
without the run's dedup), and scored by score.py against a gold that lists the planted
leftovers as required flags, the look-alikes as `not_flags` and the status the page
should get (`needs_review` with a leftover, `clean` without).

Printed per format and language: score.py's P/R/F1/leak, required flags found, traps
flagged, false flags per page (flags on pages with no leftover), and the status right;
then per kind the leftovers found and the look-alikes flagged, and why statuses were
wrong (the rules whose flags sent a clean page to review; the kinds missed on a page
published as clean). `--side held-out` (the default) uses only families held out from
tuning, of both sets; `--side tuned` only the others. `--misses` lists the wrong
statuses, `--lost` every leftover not flagged, with the removal that took it (a cleaning
rule or model, its score) or "in the text, not flagged" (a detector's miss).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from ascurate.config import load_config
from ascurate.model import Document
from ascurate.pipeline import curate_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cleaning import _scorer  # noqa: E402 - the shared scorer loader beside this file
from flagset import generate as flagset  # noqa: E402 - the generators beside this file
from furnitureset import generate as furnitureset  # noqa: E402

LEFTOVERS = (0, 1, 1, 2, 2, 3)  # leftovers a page: the hidden pages hold about 1.5 a page
LOOKALIKES = (1, 2, 3)  # and about 3 look-alikes


@dataclasses.dataclass(slots=True)
class Planted:
    kind: str
    family: str
    quotes: list[str]
    trap: bool
    lines: list[str] = dataclasses.field(default_factory=list)  # a text of several lines: its paragraphs


def _families(side: str) -> dict[str, dict[bool, list[flagset.Family]]]:
    """Flag-set families by language, leftovers (False) and look-alikes (True), of one side
    of the held-out split. Traps are held out when marked so; the tuned side takes the rest."""
    fams = flagset.load_families()
    held = flagset.held_out_ids(fams)
    out: dict[str, dict[bool, list[flagset.Family]]] = defaultdict(lambda: {False: [], True: []})
    for f in fams:
        if (f.id in held) == (side == "held-out") and ({"own", "inside"} & set(f.positions)):
            out[f.lang][f.trap].append(f)
    return out


def _plant(doc: furnitureset.Doc, fams: dict[bool, list[flagset.Family]], rng: random.Random) -> list[Planted]:
    """Leftovers and look-alikes planted into the document's paragraphs (in place)."""
    health = doc.host.startswith(("health-dev/", flagset.BASE_PREFIX))
    planted: list[Planted] = []
    for trap, count in ((False, rng.choice(LEFTOVERS)), (True, rng.choice(LOOKALIKES))):
        pool = [f for f in fams[trap] if f.hosts != "health" or health]
        for fam in rng.sample(pool, min(count, len(pool))):
            plain, spans = flagset.unmark(rng.choice(fam.texts))
            positions = [p for p in fam.positions if p in ("own", "inside")]
            position = "own" if "\n" in plain else rng.choice(positions)
            blocks, at = flagset.plant(doc.paragraphs, plain, position, rng, fam.follows)
            units = [p.lines for p in planted if p.lines]
            for retry in range(8):  # never between a lead-in and its list: that makes a dangling list; nor
                # between two lines of a text planted before (a testimony's label and its story)
                if not _after_lead_in(blocks, at) and not _cuts(blocks, units):
                    break
                blocks, at = flagset.plant(doc.paragraphs, plain, position, random.Random(f"{fam.id}:{retry}"),
                                           fam.follows)
            doc.paragraphs = [b["text"] for b in blocks]
            quotes = [plain[s:e] for s, e in spans] if spans and not trap else [plain]
            planted.append(Planted(fam.kind, fam.id, quotes, trap, plain.split("\n") if "\n" in plain else []))
    return planted


def _after_lead_in(blocks: list[dict], at: int) -> bool:
    """Whether the text planted at offset `at` of the joined blocks starts a block that
    follows one ending in ":" (a list's lead-in)."""
    start = 0
    for k, b in enumerate(blocks):
        if start == at:
            return k > 0 and blocks[k - 1]["text"].rstrip().endswith(":")
        start += len(b["text"]) + 1
    return False


def _cuts(blocks: list[dict], units: list[list[str]]) -> bool:
    """Whether one of the planted texts of several lines (`units`) no longer runs whole in
    `blocks`: something was planted between two of its lines."""
    texts = [b["text"] for b in blocks]
    return any(not any(_runs(texts[k:k + len(u)], u) for k in range(len(texts) - len(u) + 1)) for u in units)


def _runs(paragraphs: list[str], unit: list[str]) -> bool:
    """Whether `paragraphs` are the lines of a planted `unit`, each as planted or with a
    later text planted inside it, after its first sentence."""
    return all(p.startswith(line[:_OPENING]) for p, line in zip(paragraphs, unit, strict=True))


_OPENING = 20  # characters of a planted line that a later plant inside it leaves as they were


def _relayout(doc: furnitureset.Doc, units: list[list[str]] | None = None) -> None:
    """The widgets back at the top, the middle and the bottom of the grown article; the
    middle one between two paragraphs nearest the middle that are not two lines of one
    planted text (`units`: a testimony's label and its story, a chat's turns), which it
    would cut in two."""
    widgets = {doc.plants[i].position: i for what, i in doc.layout if what == "w"}
    inside: set[int] = set()  # the paragraphs a widget may not go right before
    for unit in units or []:
        for k in range(len(doc.paragraphs) - len(unit) + 1):
            if _runs(doc.paragraphs[k:k + len(unit)], unit):
                inside.update(range(k + 1, k + len(unit)))
    half = max(1, len(doc.paragraphs) // 2)
    mid = min((m for m in range(1, len(doc.paragraphs) + 1) if m not in inside), key=lambda m: (abs(m - half), m),
              default=half)
    layout: list[tuple[str, int]] = [("w", widgets["top"])] if "top" in widgets else []
    layout += [("p", i) for i in range(mid)]
    layout += [("w", widgets["middle"])] if "middle" in widgets else []
    layout += [("p", i) for i in range(mid, len(doc.paragraphs))]
    layout += [("w", widgets["bottom"])] if "bottom" in widgets else []
    doc.layout = layout


def build(seed: int, per_language: int, side: str) -> tuple[list[furnitureset.Doc], dict[str, list[Planted]]]:
    """The pages and what was planted in each: furniture of `side`'s families, leftovers and
    look-alikes of `side`'s families, `per_language` pages a language at most."""
    docs = furnitureset.generate(seed, copies=1, held=side == "held-out")
    fams = _families(side)
    rng = random.Random(seed)
    chosen: list[furnitureset.Doc] = []
    for code in ("en", "de", "fr", "es"):
        mine = [d for d in docs if d.lang == code]
        chosen += rng.sample(mine, min(per_language, len(mine)))
    planted: dict[str, list[Planted]] = {}
    for doc in chosen:
        planted[doc.id] = items = _plant(doc, fams[doc.lang], random.Random(f"{seed}:{doc.id}"))
        _relayout(doc, [p.lines for p in items if p.lines])
        article = "\n".join(doc.paragraphs)
        doc.gold = {**doc.gold, "main_content": article, "language": doc.lang,
                    "with": [s for s in doc.gold.get("with", []) if s in article],
                    "flags": [{"kind": p.kind, "quote": q, "required": True} for p in items if not p.trap
                              for q in p.quotes],
                    "not_flags": [{"quote": q, "kinds": [p.kind]} for p in items if p.trap for q in p.quotes],
                    "status": "needs_review" if any(not p.trap for p in items) else "clean"}
    return chosen, planted


def curate(docs: list[furnitureset.Doc], fmt: str, seed: int) -> tuple[list[dict], dict[str, dict]]:
    """Golds and curated articles (score.py's shapes) of the pages rendered as `fmt`."""
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    ext = "txt" if fmt == "text" else "html"
    golds, arts = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        furnitureset.write(docs, Path(tmp), fmt, seed)
        for d in docs:
            raw = (Path(tmp) / "raw" / f"{d.id}.{ext}").read_text(encoding="utf-8")
            golds.append(json.loads((Path(tmp) / "gold" / f"{d.id}.gold.json").read_text(encoding="utf-8")))
            a = curate_document(Document(f"{d.id}.{ext}", raw, fmt, d.id), cfg)
            arts[f"{d.id}.{ext}"] = {"text": a.text, "status": a.status, "reject_reason": a.reject_reason,
                                     "removed": [(r.reason, r.detail, r.text) for r in a.removed],
                                     "flags": [{"kind": f.kind, "quote": f.quote, "rule": f.rule,
                                                "severity": f.severity} for f in a.flags]}
    return golds, arts


def report(golds: list[dict], arts: dict[str, dict], label: str, show_misses: bool, show_lost: bool = False) -> None:
    score = _scorer()
    overlaps = score.overlaps
    print(f"\n## {label}\n| pages | docs | P | R | F1 | leak | required flags | traps flagged | false flags/page "
          "| status right |\n|---|---|---|---|---|---|---|---|---|---|")
    for code in ("all", "en", "de", "fr", "es"):
        gs = [g for g in golds if code == "all" or g["language"] == code]
        r = score.score(gs, arts)
        f = score.fmt
        print(f"| {code} | {len(gs)} | {f(r['P'])} | {f(r['R'])} | {f(r['F1'])} | {f(r['leak'])} "
              f"| {f(r['flags_req'])} ({r['flags_req_n']}) | {f(r['traps'])} ({r['traps_n']}) | {f(r['fp_flags'])} "
              f"| {f(r['status'])} ({r['status_n']}) |")
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    trapped: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    to_review: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    other: Counter[str] = Counter()
    wrong = []
    for g in golds:
        a = arts[score.base(g["source"])]
        for fl in g["flags"]:
            hit = any(x["kind"] == fl["kind"] and overlaps(x["quote"], fl["quote"]) for x in a["flags"])
            found[fl["kind"]][0] += hit
            found[fl["kind"]][1] += 1
            if not hit and a["status"] != "needs_review":
                missed[fl["kind"]] += 1
        for t in g["not_flags"]:
            trapped[t["kinds"][0]][0] += any(x["kind"] in t["kinds"] and overlaps(x["quote"], t["quote"])
                                             for x in a["flags"])
            trapped[t["kinds"][0]][1] += 1
        if a["status"] != g["status"]:
            wrong.append((g, a))
            if a["status"] == "rejected":
                other[f"rejected: {(a['reject_reason'] or '')[:50]}"] += 1
            elif g["status"] == "clean":
                to_review.update({x["rule"] for x in a["flags"] if x["severity"] != "info"})
    print("| kind | leftovers found | look-alikes flagged |\n|---|---|---|")
    for k in sorted(set(found) | set(trapped)):
        print(f"| {k} | {found[k][0]}/{found[k][1]} | {trapped[k][0]}/{trapped[k][1]} |")
    print(f"wrong statuses: {len(wrong)} of {len(golds)}; clean pages sent to review by "
          + (", ".join(f"{r} {n}" for r, n in to_review.most_common()) or "-")
          + "; leftover pages published, kinds missed: " + (", ".join(f"{k} {n}" for k, n in missed.most_common()) or "-")
          + ("; " + ", ".join(f"{k} {n}" for k, n in other.most_common()) if other else ""))
    if show_lost:
        for g in golds:
            a = arts[score.base(g["source"])]
            for fl in g["flags"]:
                if any(x["kind"] == fl["kind"] and overlaps(x["quote"], fl["quote"]) for x in a["flags"]):
                    continue
                took = [f"{reason} ({detail})" if detail else reason for reason, detail, text in a["removed"]
                        if " ".join(fl["quote"].split())[:30] in " ".join(text.split())]
                print(f"  lost {g['source']} {fl['kind']}: {fl['quote'][:70]!r} -> "
                      + (f"removed by {took[0]}" if took else "in the text, not flagged"))
    if show_misses:
        for g, a in wrong:
            print(f"  {g['source']}: {g['status']} -> {a['status']}; gold flags "
                  f"{[(f['kind'], f['quote'][:60]) for f in g['flags']]}; flags "
                  f"{[(x['rule'], x['quote'][:60]) for x in a['flags'] if x['severity'] != 'info']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--pages", type=int, default=30, help="pages a language at most")
    ap.add_argument("--side", choices=("held-out", "tuned"), default="held-out")
    ap.add_argument("--format", action="append", choices=("text", "html"))
    ap.add_argument("--misses", action="store_true", help="list the pages whose status is wrong")
    ap.add_argument("--lost", action="store_true",
                    help="list every leftover not flagged: removed by cleaning (the rule and score) or not found")
    a = ap.parse_args(argv)
    docs, _ = build(a.seed, a.pages, a.side)
    for fmt in a.format or ["text", "html"]:
        golds, arts = curate(docs, fmt, a.seed)
        report(golds, arts, f"{fmt}, {a.side} families, seed {a.seed}", a.misses, a.lost)
    return 0


if __name__ == "__main__":
    sys.exit(main())
