"""The flag detectors measured: how they generalize, what they cost, how often they cry wolf.

usage: python bench/flags.py [--seed N] [--copies K] [--kind KIND] [--tune-only] [--misses] [--held-out-misses]
                             [--alarms] [--flags-out FILE]
       python bench/flags.py --gold [FOLDER ...]   (default: seeds, health-dev, bench/flagset)

Default: the planted set (`bench/flagset/generate.py`: template families of leftovers and
look-alike traps planted into real articles): recall per kind on the families held out
(and, apart, on the ones detectors may be tuned on), traps flagged as their kind, then
false flags per page (non-info flags; their gold lists none) on the real published
articles of health-dev, bench and wcxb-dev (as ascurate extracts them, or `--real-from
gold`: their gold main content, a paragraph a line), and the flag step's cost per article (CPU time of this process: on a shared machine the wall
clock says more about the neighbours). `--misses` lists what tune families missed; held-out
misses, and the text of held-out traps flagged, are for reading once the detectors are done
(`--held-out-misses`): by default a held-out trap is only counted. While tuning,
`--tune-only` leaves the held-out families out altogether and `--kind` keeps one kind's
families and traps.

`--gold` runs the library (no Prefect, nothing written) on labelled folders and compares
the flags with the gold files beside the inputs, matching as `../shared/tools/score.py`
does: a flag finds a gold flag of the same kind whose quote overlaps its own. Precision
counts every flag that matches no gold flag as false. Traps are gold `not_flags` flagged.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from ascurate import ingest, lang
from ascurate.config import load_config
from ascurate.flags import ArticleView, block_offsets, detect, preload
from ascurate.flags.language import foreign_text
from ascurate.flags.notes import addressed_notes
from ascurate.flags.shape import dangling_list
from ascurate.flags.topic import off_topic
from ascurate.model import Block
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
        preload(cfg)
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


def flagset_generator():
    """bench/flagset/generate.py as a module (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("flagset_generate", ROOT / "bench" / "flagset" / "generate.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # its dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def four_languages(cfg):
    """The planted set is in en, de, fr and es: all four are articles' languages here."""
    return dataclasses.replace(cfg, languages=("en", "de", "fr", "es"))


def blocks_of(doc) -> list[Block]:
    return [Block(b["type"], b["text"], b.get("level")) for b in doc.blocks]


def planted_figures(docs, cfg, flags_out: Path | None = None) -> dict:
    """Per kind: planted spans found (held out / tune), traps flagged as their kind, misses;
    every flag written to `flags_out` (JSON lines) when given."""
    found: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])
    traps: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])
    misses, trapped = [], []
    out = flags_out.open("w", encoding="utf-8") if flags_out else None
    t0 = time.process_time()
    for d in docs:
        text = d.text
        flags = detect(text, blocks_of(d), cfg, d.lang)
        if out:
            out.write(json.dumps({"id": d.id, "flags": [(f.kind, f.start, f.end, f.rule, f.score) for f in flags]}) + "\n")
        for s, e in d.spans:
            hit = any(f.kind == d.kind and f.start < e and s < f.end for f in flags)
            if d.trap:
                traps[(d.kind, d.held_out)][0] += hit
                traps[(d.kind, d.held_out)][1] += 1
                if hit:
                    trapped.append((d.held_out, f"{d.id} ({d.position}): {text[s:e][:90]!r}"))
            else:
                found[(d.kind, d.held_out)][0] += hit
                found[(d.kind, d.held_out)][1] += 1
                if not hit:
                    misses.append((d.held_out, f"{d.id} ({d.position}, {d.source}): {text[s:e][:90]!r}"))
    ms = 1000 * (time.process_time() - t0) / max(1, len(docs))
    if out:
        out.close()
    return {"found": found, "traps": traps, "misses": misses, "trapped": trapped, "ms": ms}


def published(cfg, source: str = "curated", corpus: Path = CORPUS) -> list:
    """The published articles as (name, text, blocks, language): the blocks ascurate
    extracts from the page (`curated`: block types such as list items are the pipeline's),
    or the gold main content, one paragraph per line (`gold`)."""
    gen = flagset_generator()
    names = dict(gen.article_golds(corpus))
    docs = []
    if source == "gold":
        for name, gold in names.items():
            paras = gen.gold_paragraphs(gold)
            if paras:
                text = "\n".join(paras)
                docs.append((name, text, [Block("paragraph", p) for p in paras], lang.detect(text, min_chars=200)[0]))
        return docs
    for folder in gen.FOLDERS:
        wanted = {n.split("/", 1)[1].removesuffix(".gold.json") for n in names if n.startswith(folder + "/")}
        sources = [s for s in ingest.discover(corpus / folder, cfg) if Path(s.path).name.split(".")[0] in wanted]
        for res in process_batch(sources, cfg):
            docs += [(f"{folder}/{Path(a.source['path']).name}", a.text, a.blocks, a.language)
                     for a in res.articles if a.blocks]
    return docs


_SPACES = re.compile(r"\s+")
_GOLD_ITEM = re.compile(r"^\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s")


def _gold_text(name: str, corpus: Path = CORPUS) -> str:
    folder, page = name.split("/", 1)
    path = corpus / folder / (page.split(".")[0] + ".gold.json")
    if not path.exists():
        return ""
    return json.loads(path.read_text(encoding="utf-8")).get("main_content") or ""


def made_by_extraction(name: str, flag, corpus: Path = CORPUS) -> bool:
    """Whether a flag on a published article's extracted text points at damage the
    extraction made, not at the page: a lead-in whose list the gold main content holds
    (the list was lost on the way: the flag says so), or glued or doubled words that no
    paragraph of the gold text has (two blocks run together: a heading into its paragraph,
    "Native Apps Native apps ..."). Such a flag is right about the article ascurate
    produced; the other flags on published pages are false alarms."""
    if flag.kind not in ("dangling_list", "garbled_text"):
        return False
    gold = _gold_text(name, corpus)
    if not gold:
        return False
    if flag.kind == "garbled_text":
        quote = _SPACES.sub(" ", flag.quote)
        return not any(quote in _SPACES.sub(" ", line) for line in gold.split("\n"))
    at = gold.find(flag.quote.rstrip(" .:"))
    if at < 0:
        return False
    after = [line for line in gold[at + len(flag.quote.rstrip(" .:")):].split("\n")[1:] if line.strip()]
    return bool(after) and bool(_GOLD_ITEM.match(after[0]))


def real_pages(cfg, source: str = "curated", corpus: Path = CORPUS) -> dict:
    """Non-info flags on published articles, per folder (`published`); apart, those that
    point at damage the extraction made (`made_by_extraction`)."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rules: Counter = Counter()
    alarms = []
    damage: Counter = Counter()
    docs = published(cfg, source, corpus)
    t0 = time.process_time()
    for name, text, blocks, code in docs:
        flags = [f for f in detect(text, blocks, cfg, code) if f.severity != "info"]
        folder = name.split("/")[0]
        per[folder][0] += len(flags)
        per[folder][1] += 1
        for f in flags:
            rules[f.rule] += 1
            extraction = source == "curated" and made_by_extraction(name, f, corpus)
            damage[f.rule] += extraction
            alarms.append(f"{name}: {f.kind} ({f.rule}){' [extraction]' if extraction else ''}: {f.quote[:100]!r}")
    ms = 1000 * (time.process_time() - t0) / max(1, len(docs))
    return {"per": per, "rules": rules, "alarms": alarms, "ms": ms, "source": source, "damage": damage,
            "detector_ms": detector_ms([(text, blocks, code) for _, text, blocks, code in docs], cfg)}


DETECTORS = {  # the scored detectors timed one by one (each as `detect` calls it)
    "dangling_list": lambda t, b, o, lang, cfg: dangling_list(t, b, o, lang, cfg),
    "off_topic": lambda t, b, o, lang, cfg: off_topic(t, b, o, lang, cfg),
    "foreign_text": lambda t, b, o, lang, cfg: foreign_text(ArticleView(t, b, lang, cfg, o)),
    "editorial_note": lambda t, b, o, lang, cfg: addressed_notes(t, b, o, cfg, lang),
}


def detector_ms(docs: list[tuple[str, list[Block], str | None]], cfg) -> dict[str, float]:
    """CPU ms per article of each detector in `DETECTORS` alone."""
    out = {}
    for name, run in DETECTORS.items():
        t0 = time.process_time()
        for text, blocks, code in docs:
            run(text, blocks, block_offsets(blocks), code, cfg)
        out[name] = 1000 * (time.process_time() - t0) / max(1, len(docs))
    return out


def report_planted(r: dict, show_misses: bool, show_held_out: bool) -> None:
    print(f"\n## planted set: recall per kind  (flag step {r['ms']:.1f} ms/article)")
    print(f"{'kind':16} {'held-out recall':>18} {'tune recall':>16} {'traps flagged':>14} {'held-out traps':>15}")
    for k in KINDS:
        ho, tu = r["found"].get((k, True)), r["found"].get((k, False))
        tr, th = r["traps"].get((k, False)), r["traps"].get((k, True))
        if ho or tu or tr or th:
            print(f"{k:16} {_ratio(*(ho or [0, 0])):>18} {_ratio(*(tu or [0, 0])):>16} "
                  f"{(f'{tr[0]}/{tr[1]}' if tr else '-'):>14} {(f'{th[0]}/{th[1]}' if th else '-'):>15}")
    for held, line in r["misses"]:
        if (show_misses and not held) or (show_held_out and held):
            print("  missed  ", "[held-out]" if held else "[tune]", line)
    for held, line in r["trapped"]:  # a held-out trap's text only when held-out misses are asked for
        if show_held_out or not held:
            print("  trap    ", "[held-out]" if held else "[tune]", line)


def report_real(r: dict, show_alarms: bool) -> None:
    pages = sum(n for _, n in r["per"].values())
    flags = sum(f for f, _ in r["per"].values())
    print(f"\n## published articles ({r['source']} text): non-info flags per page  (flag step {r['ms']:.1f} ms/article)")
    for folder, (f, n) in sorted(r["per"].items()):
        print(f"{folder:12} {f:4} flags on {n:4} pages  {f / max(1, n):.3f}/page")
    print(f"{'all':12} {flags:4} flags on {pages:4} pages  {flags / max(1, pages):.3f}/page")
    print("by rule:", ", ".join(f"{k} {v}" for k, v in r["rules"].most_common()))
    made = sum(r["damage"].values())
    if made:
        print(f"of these, {made} point at damage the extraction made (a list lost, blocks run together): "
              + ", ".join(f"{k} {v}" for k, v in r["damage"].most_common() if v)
              + f"; the rest, {flags - made} ({(flags - made) / max(1, pages):.3f}/page), are false alarms")
    print("CPU ms per article, by detector:", ", ".join(f"{k} {v:.2f}" for k, v in r["detector_ms"].items()))
    if show_alarms:
        for line in r["alarms"]:
            print("  alarm   ", line)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--misses", action="store_true", help="list what the tune families missed")
    ap.add_argument("--held-out-misses", action="store_true", help="list what the held-out families missed")
    ap.add_argument("--alarms", action="store_true", help="list every false flag on published articles")
    ap.add_argument("--no-real", action="store_true", help="skip the published articles")
    ap.add_argument("--families", metavar="TEXT", help="only the families and traps whose id holds TEXT")
    ap.add_argument("--kind", choices=KINDS, help="only the families and traps of this kind")
    ap.add_argument("--tune-only", action="store_true",
                    help="leave the held-out families out (not even run), for tuning without reading them")
    ap.add_argument("--real-from", choices=["curated", "gold"], default="curated",
                    help="published articles' blocks as ascurate extracts them, or their gold text")
    ap.add_argument("--gold", nargs="*", metavar="FOLDER", help="score labelled folders instead")
    ap.add_argument("--flags-out", type=Path, metavar="FILE",
                    help="write every flag on the planted set as JSON lines, for diffing two versions")
    a = ap.parse_args(argv)
    if a.gold is not None:
        return gold_main(a.gold)
    cfg = four_languages(load_config("/nonexistent/ascurate.toml"))
    docs = flagset_generator().generate(a.seed, a.copies)
    if a.families:
        docs = [d for d in docs if a.families in d.family]
    if a.kind:
        docs = [d for d in docs if d.kind == a.kind]
    if a.tune_only:
        docs = [d for d in docs if not d.held_out]
    if not docs:
        print("no planted family matches", file=sys.stderr)
        return 2
    preload(cfg)  # every language's tables, as the forkserver loads them before any document
    detect(docs[0].text, blocks_of(docs[0]), cfg, docs[0].lang)  # imports and rule loading out of the timing
    report_planted(planted_figures(docs, cfg, a.flags_out), a.misses, a.held_out_misses)
    if not a.no_real:
        report_real(real_pages(cfg, a.real_from), a.alarms)
    return 0


def gold_main(argv: list[str]) -> int:
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
