"""The boilerplate model by cross-validation grouped by site, beside trafilatura alone.

usage: python bench/boilerplate_cv.py [--corpus wcxb-dev --corpus health-dev --corpus bench] [--folds 5]

Each page is cleaned as `ascurate run` cleans it (`clean.clean`: rules, then the model's
removals) with the scores of the fold's model, which never saw the page's site; the
text is scored by ../shared/tools/score.py, per corpus and, where the gold says, per
page type. Rows:
  trafilatura alone   `trafilatura.extract(raw bytes)`, its defaults
  rules only          the design before the model: the precise pass, or the recall pass
                      where it extends it, then the rules
  ascurate (CV)       both passes' candidates, the rules, the fold's model
  + win-back (CV)     the same, plus the page's other segments the fold's win-back model
                      puts back, with the card's setting for the page type the fold's
                      page-type model predicts (its gate and threshold, and the boilerplate
                      score from which a candidate stays); `train_winback`'s cache
Then, per page type, the pages each system misses (recall or precision under 0.4, or no
text at all): the kinds of failure, counted.
`--errors`: where wcxb-dev's articles and the health pages lose F1 against the oracle of
the candidates (keeping exactly the candidates and segments labelled main content), by
stage. Each stage is made perfect in turn, the rest as run ("+ win-back (CV)"): the
boilerplate model removes no labelled content (bp recall) or every unlabelled candidate
(bp precision; the segments won back are left to the win-back rows), the win-back model puts back every labelled segment, on any page (wb
recall) or none unlabelled (wb precision), no rules. Printed: the corpus F1 with each
stage perfect; each page's loss (oracle page F1 less the system's, over 0.01) given to the
stage whose fix gains most, counted; what the model keeps that the gold leaves out, by
place and shape; and the labelled content each rule cuts.
Site templates are left out (a CV fold has too few pages of a site to learn them). The
reader discussions a page's markup shows (`clean/threads.py`) are found from the page read
again, since the cache keeps no tree, and cut as the pipeline cuts them.
The extracted pages and trafilatura's texts are cached (`--cache`, as the training
command's), and so are both models' out-of-fold scores, each stamped with what made it
(`train_winback.base_scores`, `out_of_fold_cached`): scores of another model are computed
again, and a win-back card the trainer's recipe would not make is refused. `--scores FILE`
reads other out-of-fold boilerplate scores than the cache's (a variant's, same candidates and folds), `--threshold` another threshold than the card's,
`--languages` adds rows per language of the gold text (wcxb-dev, health pages; "-" when
langdetect finds none: an empty gold). `--tail CUTS` applies the end-of-article model's
out-of-fold cuts (`python bench/train_tail.py --cuts CUTS`) in a row of their own
beside "+ win-back (CV)" (one row per file; the option may be repeated).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
from pathlib import Path

import numpy as np
import trafilatura

from ascurate import models
from ascurate.clean import boilerplate, clean, pagetype, threads, winback
from ascurate.clean.pagetype import PageType
from ascurate.config import load_config
from ascurate.extract import load_html
from ascurate.extract.segments import dom_index, locate
from ascurate.model import join_blocks
from ascurate.models import train, train_winback

ROOT = Path(__file__).resolve().parents[1]
MISSED = 0.4  # a page's precision or recall under this: the page is missed, not trimmed
SHARED = ROOT.parent / "shared"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def trafilatura_texts(pages: list[train.Page], cache: Path) -> dict[str, str]:
    stored = cache / "trafilatura-alone.json"
    texts = json.loads(stored.read_text(encoding="utf-8")) if stored.exists() else {}
    for p in pages:
        key = f"{p.corpus}/{p.source}"
        if key not in texts:
            data = (SHARED / "corpus" / p.corpus / p.source).read_bytes()
            if p.source.endswith(".gz"):
                data = gzip.decompress(data)
            texts[key] = trafilatura.extract(data) or ""
    cache.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps(texts), encoding="utf-8")
    return texts


def discussions(p: train.Page, seg: train_winback.PageSegments) -> list[threads.Unit]:
    """The page's reader discussions as extraction finds them (`clean/threads.py`), read
    from the page again: the cache keeps no tree."""
    data = (SHARED / "corpus" / p.corpus / p.source).read_bytes()
    tree = load_html(gzip.decompress(data).decode("utf-8", errors="replace") if p.source.endswith(".gz")
                     else data.decode("utf-8", errors="replace"))
    if tree is None:
        return []
    index = dom_index(tree)
    return threads.find(index, p.blocks, locate(index, p.blocks), seg.found.blocks if seg.found is not None else ())


def winback_scores(pages: list[train.Page], segs: list[train_winback.PageSegments], k: int,
                   cache: Path) -> tuple[list[np.ndarray], np.ndarray]:
    """The win-back model's out-of-fold scores at the shipped card's `rounds` and the
    out-of-fold page types (`train_winback`'s cache, computed when stale): the card's
    setting is judged with the model it was chosen for. A card of another recipe than the
    trainer's (features, parameters, folds, segments) is refused: its scores cannot be
    made again here."""
    wb_card = models.card("winback")
    want = train_winback.winback_stamp(wb_card["features"], wb_card["params"], wb_card["cross_validation"]["folds"],
                                       int(wb_card["segments"]))
    ours = train_winback.winback_stamp(winback.FEATURES, train_winback.PARAMS, k, sum(len(s.labels) for s in segs))
    if want != ours:
        raise SystemExit(f"winback-v{wb_card['release']} was not trained by this trainer on these pages "
                         f"({', '.join(key for key in want if want[key] != ours[key])} differ): retrain it "
                         "(python -m ascurate.models.train_winback --cache CACHE)")
    types = train_winback.page_types_cached(pages, segs, k, cache)
    oof = train_winback.out_of_fold_cached(pages, segs, types, k, cache)
    return oof[int(wb_card["params"]["rounds"])], types


def rules_only(page: train.Page) -> list[int]:
    """Indices of the blocks the design before the model kept before its rules."""
    precise = [i for i, r in enumerate(page.rows) if r[train.FEATURES.index("in_precise")] > 0]
    wide = page.rows[0][train.FEATURES.index("wide_extends")] > 0 if len(page.rows) else False
    return list(range(len(page.blocks))) if wide else precise


STAGES = {"bp_recall": "boilerplate model drops content", "bp_precision": "boilerplate model keeps what the gold leaves out",
          "wb_recall": "win-back misses content", "wb_precision": "win-back puts back what the gold leaves out",
          "rules": "a rule cuts content"}


def _merged_labels(page: train.Page, seg: train_winback.PageSegments,
                   kept: list[int]) -> tuple[list[bool], list[bool]]:
    """The labels of `winback.merged`'s blocks (candidates, with the `kept` segments in
    place), and which of them are candidates."""
    by_place: dict[int, list[bool]] = {}
    for k in kept:
        by_place.setdefault(seg.found.at[k], []).append(bool(seg.labels[k]))  # type: ignore[union-attr]
    labels: list[bool] = []
    ours: list[bool] = []
    for i in range(len(page.blocks) + 1):
        labels.extend(by_place.get(i, ()))
        ours.extend([False] * len(by_place.get(i, ())))
        if i < len(page.blocks):
            labels.append(bool(page.labels[i]))
            ours.append(True)
    return labels, ours


def stage_errors(page: train.Page, s: np.ndarray, seg: train_winback.PageSegments, ws: np.ndarray, kind: str,
                 threshold: float, cfg) -> dict:
    """One page's precision and recall as run, with each stage made perfect, and as the
    oracle of the candidates; the labelled content each rule cut (tokens by rule id); the
    tokens the model keeps that the gold leaves out, by place and shape."""
    gold = train.shingles(train._TOKEN.findall(page.gold))
    guess = PageType(kind, 1.0, {})
    setting = winback.setting(guess)
    judged = setting is not None and seg.found is not None and seg.kept < setting["gate"] and len(ws) > 0
    kept = [int(i) for i in np.flatnonzero(ws >= setting["threshold"])] if judged else []  # type: ignore[index]
    drops = winback.readmit(boilerplate.decide(page.rows, s, threshold), guess)
    content = [int(i) for i in np.flatnonzero(seg.labels > 0)] if seg.found is not None else []

    def run(segments: list[int], extra: dict[int, float] | None = None, spare: bool = False, rules: bool = True):
        blocks, d = winback.merged(page.blocks, drops, seg.found, segments)
        labels, ours = _merged_labels(page, seg, segments)
        if spare:
            d = {i: v for i, v in d.items() if not labels[i]}
        if extra is not None:  # the candidates only: the segments won back are the win-back's
            d = {**d, **{i: 0.0 for i in range(len(blocks)) if ours[i] and not labels[i]}}
        if not rules:
            return "\n".join(b.text for i, b in enumerate(blocks) if i not in d), None, labels
        done = clean(blocks, cfg, page.title, (), d, page_type=kind)
        return join_blocks(done.blocks), done, labels

    text, done, labels = run(kept)
    cut: dict[str, int] = {}
    for r in done.removed:  # type: ignore[union-attr]
        if r.reason != boilerplate.RULE and r.block is not None and labels[r.block]:
            cut[r.reason] = cut.get(r.reason, 0) + len(train._TOKEN.findall(r.text))
    oracle_drops = {i: 0.0 for i in range(len(page.blocks)) if not page.labels[i]}
    blocks, d = winback.merged(page.blocks, oracle_drops, seg.found, content)
    oracle = "\n".join(b.text for i, b in enumerate(blocks) if i not in d)
    out = {"system": train.page_f1(text, gold), "oracle": train.page_f1(oracle, gold), "judged": judged,
           "bp_recall": train.page_f1(run(kept, spare=True)[0], gold),
           "bp_precision": train.page_f1(run(kept, extra={})[0], gold),
           "wb_recall": train.page_f1(run(sorted(set(kept) | set(content)))[0], gold),
           "wb_precision": train.page_f1(run([k for k in kept if seg.labels[k] > 0])[0], gold),
           "rules": train.page_f1(run(kept, rules=False)[0], gold), "cut": cut}
    spare = np.flatnonzero(page.labels > 0)
    leftover: dict[str, int] = {}
    for j, b in enumerate(page.blocks):
        if s[j] >= threshold and not page.labels[j] and len(spare):
            words = len(train._TOKEN.findall(b.text))
            place = "before the gold" if j < spare[0] else "after the gold" if j > spare[-1] else "among the gold"
            shape = ("finished prose, 30+ words" if words >= 30 and b.text.rstrip()[-1:] in ".!?\"”)" else
                     "under 10 words" if words < 10 else "other")
            for key in (place, shape):
                leftover[key] = leftover.get(key, 0) + words
    out["leftover"] = leftover
    return out


def print_errors(pages: list[train.Page], scores: list[np.ndarray], segs: list, wb_scores: list[np.ndarray],
                 predicted: list[str], threshold: float, cfg) -> None:
    groups = {"wcxb-dev article": lambda p: p.corpus == "wcxb-dev" and p.page_type == "article",
              "health pages": lambda p: p.corpus in ("health-dev", "bench")}
    for label, mine in groups.items():
        idx = [i for i, p in enumerate(pages) if mine(p)]
        rows = [stage_errors(pages[i], scores[i], segs[i], wb_scores[i], predicted[i], threshold, cfg) for i in idx]
        print(f"\n{label}, {len(rows)} pages: F1 with each stage perfect (the rest as run)\n")
        print("| system | P | R | F1 |\n|---|---|---|---|")
        for key in ("system", *STAGES, "oracle"):
            prs = [r[key] for r in rows]
            ps = [p for p, _ in prs if p is not None]
            p, rec = sum(ps) / len(ps), sum(x for _, x in prs) / len(prs)
            print(f"| {STAGES.get(key, key)}{' perfect' if key in STAGES else ''} | {p:.4f} | {rec:.4f} | "
                  f"{train.f1(prs):.4f} |")
        causes: dict[str, list[float]] = {}
        for i, r in zip(idx, rows, strict=True):
            loss = train.f1([r["oracle"]]) - train.f1([r["system"]])
            gains = {k: train.f1([r[k]]) - train.f1([r["system"]]) for k in STAGES}
            best = max(gains, key=lambda k: gains[k])
            cause = "no loss (under 0.01)" if loss <= 0.01 else "other" if gains[best] < 0.01 else STAGES[best]
            if best == "wb_recall" and cause == STAGES[best] and not r["judged"]:
                cause += " (page not judged)"
            if cause != "no loss (under 0.01)" and predicted[i] != pages[i].page_type:
                cause += f", type predicted {predicted[i]}"
            causes.setdefault(cause, []).append(max(0.0, loss))
        print("\n| cause (stage whose fix gains most) | pages | page F1 lost, mean over all pages |\n|---|---|---|")
        for cause, losses in sorted(causes.items(), key=lambda kv: -sum(kv[1])):
            print(f"| {cause} | {len(losses)} | {sum(losses) / len(rows):.4f} |")
        left: dict[str, int] = {}
        cut: dict[str, int] = {}
        for r in rows:
            for k, v in r["leftover"].items():
                left[k] = left.get(k, 0) + v
            for k, v in r["cut"].items():
                cut[k] = cut.get(k, 0) + v
        total = max(1, sum(v for k, v in left.items() if k.endswith("gold")))
        print(f"\nkept by the model, not in the gold: {total} tokens; " +
              ", ".join(f"{k} {v / total:.2f}" for k, v in sorted(left.items(), key=lambda kv: -kv[1])))
        print("labelled content cut by rules (tokens): " +
              ", ".join(f"{k} {v}" for k, v in sorted(cut.items(), key=lambda kv: -kv[1])[:8]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ascurate-train")
    ap.add_argument("--errors", action="store_true", help="where articles and health pages lose F1, by stage")
    ap.add_argument("--scores", type=Path, help="out-of-fold boilerplate scores to read instead of the cache's "
                    "oof-boilerplate.npy (one per candidate, in the cache's order)")
    ap.add_argument("--threshold", type=float, help="the boilerplate model's threshold (default: its card's)")
    ap.add_argument("--tail", type=Path, action="append", default=[],
                    help="end-of-article cuts (train_tail --cuts: each page's candidates after the boundary, "
                    "out of fold): a row \"+ tail FILE (CV)\" beside \"+ win-back (CV)\", the same with the "
                    "cuts applied and the won-back segments placed after the first cut candidate gone too; "
                    "may be given more than once")
    ap.add_argument("--digits", type=int, default=3, help="decimals of the table's figures")
    ap.add_argument("--languages", action="store_true",
                    help="rows per language of the gold text (ascurate.lang) for wcxb-dev and the health pages")
    a = ap.parse_args(argv)
    score = _scorer()
    cfg = load_config(Path("/nonexistent/ascurate.toml"))
    card = models.card("boilerplate")
    threshold = float(card["threshold"]) if a.threshold is None else a.threshold
    pages = train.load_pages(a.corpus or list(train.CORPORA), a.cache)
    if a.scores is not None:  # a variant's, same candidates and folds
        flat = np.load(a.scores)
        if len(flat) != sum(len(p.blocks) for p in pages):
            raise SystemExit(f"{a.scores}: {len(flat)} scores for {sum(len(p.blocks) for p in pages)} candidates")
        at = np.cumsum([0, *(len(p.blocks) for p in pages)])
        scores = [flat[at[i]:at[i + 1]] for i in range(len(pages))]
    else:  # the shipped card's, the cache's when stamped with it (as the win-back trainer chooses on them)
        scores = train_winback.base_scores(pages, a.cache, a.folds)
    alone = trafilatura_texts(pages, a.cache)
    segs = train_winback.load_segments(pages, a.cache)
    wb_card = models.card("winback")
    wb_scores, types = winback_scores(pages, segs, a.folds, a.cache)
    predicted = [pagetype.TYPES[int(j)] for j in types.argmax(axis=1)]
    tails = {f"+ tail {f.stem} (CV)": json.loads(f.read_text(encoding="utf-8")) for f in a.tail}
    systems: dict[str, dict[str, dict]] = {"trafilatura alone": {}, "rules only": {}, "ascurate (CV)": {},
                                           "+ win-back (CV)": {}, **{row: {} for row in tails}}
    for p, s, sg, ws, kind in zip(pages, scores, segs, wb_scores, predicted, strict=True):
        name = (p.corpus, score.base(p.source))
        keep = set(rules_only(p))
        old = clean([b for i, b in enumerate(p.blocks) if i in keep], cfg, p.title)
        drops = boilerplate.decide(p.rows, s, threshold)
        units = discussions(p, sg)
        new = clean(p.blocks, cfg, p.title, (), drops, page_type=kind,  # as the pipeline: a forum keeps its posts
                    threads=threads.indices(units, p.blocks))
        systems["trafilatura alone"][name] = {"text": alone[f"{p.corpus}/{p.source}"]}
        systems["rules only"][name] = {"text": join_blocks(old.blocks)}
        systems["ascurate (CV)"][name] = {"text": join_blocks(new.blocks)}
        kept = []
        guess = PageType(kind, 1.0, {})
        setting = winback.setting(guess)
        if setting is not None and sg.found is not None and sg.kept < setting["gate"] and len(ws):
            kept = [int(i) for i in np.flatnonzero(ws >= setting["threshold"])]
        blocks, wb_drops = winback.merged(p.blocks, winback.readmit(drops, guess), sg.found, kept)
        systems["+ win-back (CV)"][name] = {"text": join_blocks(clean(blocks, cfg, p.title, (), wb_drops, page_type=kind,
                                                                      threads=threads.indices(units, blocks)).blocks)}
        for row, cuts in tails.items():
            cut = cuts.get(f"{p.corpus}/{p.source}", [])
            end = {i: round(float(s[i]), 4) for i in cut if i not in drops}
            won = [k for k in kept if sg.found.at[k] <= cut[0]] if cut else kept  # type: ignore[union-attr]
            blocks, wb_drops = winback.merged(p.blocks, {**winback.readmit(drops, guess), **end}, sg.found, won)
            systems[row][name] = {"text": join_blocks(clean(blocks, cfg, p.title, (), wb_drops, page_type=kind,
                                                            threads=threads.indices(units, blocks)).blocks)}
    golds = {}
    for p in pages:
        gold_path = SHARED / "corpus" / p.corpus / (p.source.split(".htm")[0] + ".gold.json")
        golds[(p.corpus, score.base(p.source))] = json.loads(gold_path.read_text(encoding="utf-8"))
    groups: list[tuple[str, list[train.Page]]] = []
    for corpus in dict.fromkeys(p.corpus for p in pages):
        mine = [p for p in pages if p.corpus == corpus]
        groups.append((corpus, mine))
        types = sorted({p.page_type for p in mine})
        if len(types) > 1:
            groups.extend((f"{corpus} {t}", [p for p in mine if p.page_type == t]) for t in types)
    health = [p for p in pages if p.corpus in ("health-dev", "bench")]
    if health:
        groups.append(("health pages (health-dev + bench)", health))
    if a.languages:
        from ascurate.lang import detect

        lang = {id(p): detect(p.gold)[0] or "-" for p in pages}
        for label, mine in (("wcxb-dev", [p for p in pages if p.corpus == "wcxb-dev"]), ("health pages", health)):
            for code in sorted({lang[id(p)] for p in mine}, key=lambda c: -sum(lang[id(p)] == c for p in mine)):
                groups.append((f"{label} lang={code}", [p for p in mine if lang[id(p)] == code]))
            groups.append((f"{label} lang=not en", [p for p in mine if lang[id(p)] not in ("en", "-")]))
    print(f"\nwin-back: by page type (predicted out of fold) {wb_card.get('by_type') or wb_card['gates']}, "
          f"threshold {wb_card['threshold']}")
    print(f"\nthreshold {threshold}, {a.folds} folds grouped by site, {len(pages)} pages\n")
    print("| pages | docs | system | P | R | F1 | leak |\n|---|---|---|---|---|---|---|")
    def fmt(v: float | None) -> str:
        return "-" if v is None else f"{v:.{a.digits}f}"

    for label, group in groups:
        g = [golds[(p.corpus, score.base(p.source))] for p in group]
        for system, arts in systems.items():
            r = score.score(g, {score.base(p.source): arts[(p.corpus, score.base(p.source))] for p in group})
            print(f"| {label} | {r['docs']} | {system} | {fmt(r['P'])} | {fmt(r['R'])} | {fmt(r['F1'])} | "
                  f"{fmt(r['leak'])} |")
    print("\nwhole pages missed, by kind (pages with recall under 0.4, precision under 0.4, no text):\n")
    print("| pages | system | R < 0.4 | P < 0.4 | no text |\n|---|---|---|---|---|")
    for label, group in groups:
        if label.split()[0] not in ("wcxb-dev", "health") or "lang=" in label:
            continue
        g = [golds[(p.corpus, score.base(p.source))] for p in group]
        for system, arts in systems.items():
            r = score.score(g, {score.base(p.source): arts[(p.corpus, score.base(p.source))] for p in group},
                            per_doc=True)
            low_r = sum(row[2] < MISSED for row in r["rows"])
            low_p = sum(row[1] is not None and row[1] < MISSED for row in r["rows"])
            print(f"| {label} | {system} | {low_r} | {low_p} | {sum(row[1] is None for row in r['rows'])} |")
    kept = np.concatenate([s >= threshold for s in scores])
    print(f"\nblocks kept by the model: {kept.mean():.3f} of {len(kept)}")
    if a.errors:
        print_errors(pages, scores, segs, wb_scores, predicted, threshold, cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
