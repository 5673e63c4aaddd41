"""Train the text-line model: `python -m ascurate.models.train_textlines --furnitureset DIR [--cv-only]`.

Data: every HTML page of wcxb-dev, health-dev and bench rendered to plain text (one
line per block element, `render.py`; its first line is the title, as `.txt` input reads
it), the seeds' paragraphs, and the planted-furniture pages of the families that are
not held out, as plain text (`DIR`, written by `python bench/furnitureset/generate.py
--held-out none --seed 7 --copies 6 --write DIR`; their site is the host article's, so CV keeps a
host's pages on one side). A line is content when most of its 4-token shingles are
in the gold main content (a line under 4 tokens: when it is a line of the gold). Figures
come from 5-fold cross-validation grouped by site, scored as `score.py` scores an
article (P, R, F1 of shingles; leak: share of the gold's `without` snippets left), per
corpus and page type, beside keeping every line.

Two models are stacked: the first on the line features, the second (context) on those
plus the first model's scores around each line. The second is trained on the first's
out-of-fold scores (a page's scores come from a first model that never saw its site), and
cross-validated on the same site-grouped folds; the threshold is chosen on its scores.
Each planted page is also used once more with LONE lines of other planted pages' widgets
standing alone between two of its paragraphs (`lone_lines`; `--lone 0`: not), and each
planted page and each article of the `--split-corpora` (default: all three) once more with
short sentences of its paragraphs standing alone between two paragraphs and its last
paragraph's last sentence as its last line, labelled content (`split_lines`, `--split N`;
off by default): real pages have lone content sentences, which the rendered corpora hardly
show. The models trained on all pages go to `textlines-v7.txt` and `textlines-v7-context.txt`, their card to `textlines-v7.json`.

`--jobs N` (default: the cores) renders and featurises pages and fits the site folds in N
worker processes (`parallel.py`): each fit keeps one LightGBM thread and its seed, so the
model files are byte for byte those of one process (`--jobs 1`).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import json
import math
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..clean.textlines import CONTEXT_FEATURES, FEATURES, MODEL_NAME, context_features, line_features
from ..extract import extract_text, load_html
from .corpora import Page, pages
from .parallel import Clock, Job, Pool, default_jobs, shared
from .render import render_lines

HERE = Path(__file__).parent
FOLDS = 5
THRESHOLDS = tuple(round(0.4 + 0.01 * i, 2) for i in range(31))  # furniture scores tried, 0.40 to 0.70 by
# 0.01 (the recall bar below often falls between coarser steps): the card keeps the one with the
CHOSEN_ON = ("health-dev", "bench")  # best mean out-of-fold F1 on these health pages (what ascurate is for)
MIN_RECALL = 0.935  # among those whose mean out-of-fold recall there is at least this: a lower bar cut short
# sentences of content between paragraphs
PARAMS: dict[str, Any] = {
    "objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "min_data_in_leaf": 50, "max_bin": 63,
    "feature_fraction": 0.8, "bagging_fraction": 0.5, "bagging_freq": 1, "lambda_l2": 1.0,
    "verbose": -1, "num_threads": 1, "seed": 7, "deterministic": True,
}
ROUNDS = 150
FURNITURE_WEIGHT = 4.0  # a planted page's lines weigh this much more: widgets among the article's prose are
# rare in the rendered corpora (their furniture is mostly menus above and footers below), common in scrapes
_TOK = re.compile(r"\w+")
LONE = 2  # widget lines planted alone between two content lines, per extra planted page (lone_lines)
SPLIT = 0  # `--split N`: short content sentences standing alone between two paragraphs, per extra page
# (split_lines); off: with 2 (the textlines-v8 candidate) more such sentences stayed, but lead-ins of short lists
# went and health-dev's lone calls to action stayed
CORPORA = ("health-dev", "bench", "wcxb-dev")  # `--split-corpora`: their articles get such a copy too (by default
# all: with the planted pages' copies alone the threshold fell to 0.47 and real pages lost more text)
_SPLIT_TOKENS = (3, 18)  # a short sentence: a tip, an emergency number, a quotation, one-sentence paragraph
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[«\"“¿¡(]?[^\W\d_])")
_LONE_BETWEEN = 8  # tokens: the lines on either side are this long at least (paragraphs, not a list)


@dataclass(slots=True)
class PageLines:
    corpus: str
    name: str
    site: str
    page_type: str
    lines: list[str]
    labels: list[int]  # 1: content
    gold: dict[str, Any]


def _shingles(tokens: list[str], n: int = 4) -> list[tuple[str, ...]]:
    return list(zip(*(tokens[i:] for i in range(n)), strict=False))


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip().lower()


def label_lines(lines: list[str], main_content: str) -> list[int]:
    gold_tokens = _TOK.findall(main_content.lower())
    gold_set = set(_shingles(gold_tokens))
    gold_lines = {_fold(ln) for ln in main_content.split("\n") if ln.strip()}
    labels = []
    for ln in lines:
        toks = _TOK.findall(ln.lower())
        if len(toks) >= 4:
            sh = _shingles(toks)
            labels.append(int(sum(s in gold_set for s in sh) >= 0.5 * len(sh)))
        else:
            labels.append(int(_fold(ln) in gold_lines))
    return labels


def page_line(page: Page) -> PageLines | None:
    """A corpus page rendered to lines and labelled (None: it has no line)."""
    if page.gold.get("format") == "text":
        lines = [b.text for b in extract_text(page.content).blocks]
    else:
        lines = render_lines(load_html(page.content))[1:]  # the first line is the title to `.txt` input
    if not lines:
        return None
    return PageLines(page.corpus, page.name, page.site, page.page_type, lines,
                     label_lines(lines, page.gold.get("main_content", "")), page.gold)


def page_lines(pool: Pool | None = None, corpus: tuple[Page, ...] | None = None) -> list[PageLines]:
    """Every corpus page (or those of `corpus`) rendered and labelled, in order."""
    found = (pool or Pool()).map(page_line, ((p,) for p in (pages() if corpus is None else corpus)))
    return [d for d in found if d is not None]


def planted_page(gold_file: Path) -> PageLines:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    raw = gold_file.parent.parent / "raw" / gold["source"]
    lines = [b.text for b in extract_text(raw.read_text(encoding="utf-8")).blocks]
    return PageLines("furnitureset", gold["source"], str(gold.get("site")), "article", lines,
                     label_lines(lines, gold["main_content"]), gold)


def furniture_lines(folder: Path, pool: Pool | None = None) -> list[PageLines]:
    """The planted-furniture pages written in `folder` (raw/*.txt, gold/*.gold.json), read
    as `.txt` input is read, labelled like the corpora."""
    return (pool or Pool()).map(planted_page, ((g,) for g in sorted((folder / "gold").glob("*.gold.json"))))


def lone_lines(docs: list[PageLines], per_page: int = LONE, seed: int = 7) -> list[PageLines]:
    """Each planted page once more, with `per_page` widget lines of other planted pages in
    its language each standing alone between two of its content lines.

    A widget line planted between two paragraphs is the shape the model reads worst: in the
    rendered corpora a lone short line between two prose lines is nearly always a subheading,
    and the planted pages have one middle widget each. The lines are whole one-line widgets
    and the longer lines (three words or more) of the others, drawn from the other pages (a
    line that also stood elsewhere on the same page would be told apart by its repetition)."""
    rng = random.Random(seed)
    pool: dict[str, list[str]] = collections.defaultdict(list)
    for d in docs:
        for plant in d.gold.get("planted", []):
            lines = plant["lines"]
            pool[_lang(d.name)] += [ln for ln in lines if len(lines) == 1 or len(_TOK.findall(ln)) >= 3]
    out = []
    for d in docs:
        own = {_fold(ln) for ln in d.lines}
        choices = [ln for ln in pool[_lang(d.name)] if _fold(ln) not in own]
        slots = [i for i in range(1, len(d.lines)) if d.labels[i - 1] and d.labels[i]
                 and len(_TOK.findall(d.lines[i - 1])) >= _LONE_BETWEEN and len(_TOK.findall(d.lines[i])) >= _LONE_BETWEEN]
        if not choices or not slots:
            continue
        lines, labels = list(d.lines), list(d.labels)
        added = []
        for at in sorted(rng.sample(slots, min(per_page, len(slots))), reverse=True):
            line = rng.choice(choices)
            lines.insert(at, line)
            labels.insert(at, 0)
            added.append(line)
        gold = {**d.gold, "without": [*d.gold.get("without", []), *added]}
        out.append(PageLines(d.corpus, f"{d.name}+lone", d.site, d.page_type, lines, labels, gold))
    return out


def _sentences(line: str) -> list[str]:
    """A paragraph's sentences (a break after a sentence end, before a letter)."""
    out, at = [], 0
    for m in _SENTENCE_BREAK.finditer(line):
        out.append(line[at:m.start()].strip() + line[m.start():m.end()].strip())
        at = m.end()
    out.append(line[at:].strip())
    return [x for x in out if x]


def _short(sentence: str) -> bool:
    n = len(_TOK.findall(sentence))
    return _SPLIT_TOKENS[0] <= n <= _SPLIT_TOKENS[1] and (sentence[:1].isupper() or sentence[:1] in "«\"“¿¡")


def split_lines(docs: list[PageLines], per_page: int = SPLIT, seed: int = 7) -> list[PageLines]:
    """Each page once more with `per_page` short sentences of its paragraphs standing as
    lines of their own between two paragraphs, and its last paragraph's last sentence as its
    last content line, all labelled content.

    Real pages have lone content sentences (a tip, an emergency number, a one-sentence
    paragraph, a quotation, a closing line), but in the rendered corpora a lone short line
    between two prose lines is nearly always a subheading or, on the planted pages,
    furniture (`lone_lines`): without these the models take such a sentence as furniture.
    The tokens, and so the gold, stay those of the page."""
    rng = random.Random(seed)
    out = []
    for d in docs:
        toks = [len(_TOK.findall(ln)) for ln in d.lines]
        content = [i for i, lab in enumerate(d.labels) if lab]
        if not content:
            continue
        cuts: dict[int, tuple[str, str, bool]] = {}  # line -> (sentence, rest, sentence first)
        for i in content:
            parts = _sentences(d.lines[i])
            if len(parts) < 2:
                continue
            first, last = parts[0], parts[-1]
            rest_first, rest_last = " ".join(parts[1:]), " ".join(parts[:-1])
            before = i > 0 and d.labels[i - 1] and toks[i - 1] >= _LONE_BETWEEN
            after = i + 1 < len(d.lines) and d.labels[i + 1] and toks[i + 1] >= _LONE_BETWEEN
            if before and _short(first) and len(_TOK.findall(rest_first)) >= _LONE_BETWEEN:
                cuts[i] = (first, rest_first, True)
            elif (after or i == content[-1]) and _short(last) and len(_TOK.findall(rest_last)) >= _LONE_BETWEEN:
                cuts[i] = (last, rest_last, False)
        if not cuts:
            continue
        chosen = set(rng.sample(sorted(cuts), min(per_page, len(cuts))))
        if content[-1] in cuts and not cuts[content[-1]][2]:
            chosen.add(content[-1])  # the article's last paragraph short: a closing line, not a footer
        lines, labels = [], []
        for i, (ln, lab) in enumerate(zip(d.lines, d.labels, strict=True)):
            if i not in chosen:
                lines.append(ln)
                labels.append(lab)
                continue
            sentence, rest, first = cuts[i]
            lines += [sentence, rest] if first else [rest, sentence]
            labels += [1, 1]
        out.append(PageLines(f"{d.corpus}+split", f"{d.name}+split",
                             d.site, d.page_type, lines, labels, d.gold))
    return out


def _lang(name: str) -> str:
    """A planted page's language, from its name (`fs-<lang>-NNNN...`)."""
    parts = name.split("-")
    return parts[1] if len(parts) > 2 else "en"


def _line_features(lines: list[str]) -> np.ndarray:
    return np.array(line_features(lines))


def features(docs: list[PageLines], pool: Pool | None = None) -> list[np.ndarray]:
    """Each page's line features (computed once, shared by every fold)."""
    return (pool or Pool()).map(_line_features, ((d.lines,) for d in docs))


def _context_features(lines: list[str], rows: np.ndarray, first: np.ndarray) -> np.ndarray:
    return np.array(context_features(lines, rows.tolist(), first.tolist()))


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...], rounds: int) -> Any:
    import lightgbm

    return lightgbm.train(PARAMS, lightgbm.Dataset(x, y, weight=w, feature_name=list(names)), rounds)


def _fit_fold(x: np.ndarray | str, y: np.ndarray | str, w: np.ndarray | str, bounds: np.ndarray,
              fit: np.ndarray, held: np.ndarray, names: tuple[str, ...], rounds: int) -> list[np.ndarray]:
    """One site fold: the model fitted on the `fit` pages' lines, the `held` pages' scores.
    `bounds`: each page's first line's row and, last, the number of rows."""
    x, y, w = shared(x), shared(y), shared(w)
    rows = np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in fit])
    booster = _fit(x[rows], y[rows], w[rows], names, rounds)
    return [1.0 - booster.predict(np.asarray(x[bounds[i]:bounds[i + 1]])) for i in held]


def _final(x: np.ndarray | str, y: np.ndarray | str, w: np.ndarray | str, names: tuple[str, ...], rounds: int) -> str:
    """The model fitted on every line, as LightGBM's text."""
    return str(_fit(np.asarray(shared(x)), np.asarray(shared(y)), np.asarray(shared(w)), names, rounds).model_to_string())


def cross_validate(docs: list[PageLines], feats: list[np.ndarray], names: tuple[str, ...] = FEATURES,
                   pool: Pool | None = None, final: bool = False,
                   rounds: int = ROUNDS) -> tuple[list[np.ndarray], Job | None]:
    """Out-of-fold furniture scores per page, folds grouped by site (the same folds each
    call), and (`final`) the fit on every page, still running in a worker when given."""
    from sklearn.model_selection import GroupKFold

    pool = pool or Pool()
    y = np.concatenate([d.labels for d in docs])
    w = np.array([math.sqrt(1 + len(_TOK.findall(ln))) * (FURNITURE_WEIGHT if d.corpus.startswith("furnitureset") else 1.0)
                  for d in docs for ln in d.lines])
    bounds = np.cumsum([0, *(len(f) for f in feats)])
    data = (pool.share(np.vstack(feats)), pool.share(y), pool.share(w))
    splits = list(GroupKFold(FOLDS).split(docs, groups=[d.site for d in docs]))
    jobs = [pool.submit(_fit_fold, *data, bounds, fit, held, names, rounds) for fit, held in splits]
    model = pool.submit(_final, *data, names, rounds) if final else None
    scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for (_, held), job in zip(splits, jobs, strict=True):
        for i, s in zip(held, job.result(), strict=True):
            scores[i] = s
    return scores, model


def _counts(tokens: list[str]) -> collections.Counter[tuple[str, ...]]:
    """score.py's unit: the multiset of 4-token shingles (a text under 4 tokens: itself)."""
    if len(tokens) >= 4:
        return collections.Counter(_shingles(tokens))
    return collections.Counter([tuple(tokens)] if tokens else [])


@functools.cache
def _gold(main_content: str, without: tuple[str, ...]) -> tuple[collections.Counter[tuple[str, ...]], list[str]]:
    """A page's gold shingles and the `without` snippets not in its main content, folded
    (read once per page, not once per threshold tried)."""
    fg = _fold(main_content)
    return _counts(_TOK.findall(main_content)), [f for f in map(_fold, without) if f and f not in fg]


_LINES: dict[int, tuple[list[str], list[list[str]], list[str]]] = {}


def _line_parts(lines: list[str]) -> tuple[list[list[str]], list[str]]:
    """Each line's tokens and its folded text, kept for the page: joined by line breaks,
    the kept lines' tokens are those of their text (no token spans a line break) and
    their folded text is the folded lines joined by spaces."""
    found = _LINES.get(id(lines))
    if found is None or found[0] is not lines:
        found = (lines, [_TOK.findall(ln) for ln in lines], [_fold(ln) for ln in lines])
        _LINES[id(lines)] = found
    return found[1], found[2]


def _pr(pred: collections.Counter[tuple[str, ...]], gold: collections.Counter[tuple[str, ...]]) -> tuple[float | None, float]:
    """score.py's measure: precision and recall of 4-token shingle multisets."""
    tp = sum((pred & gold).values())
    fp, fn = pred.total() - tp, gold.total() - tp
    return (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else 1.0)


def page_figures(d: PageLines, keep: list[bool]) -> tuple[float | None, float, float | None]:
    """(P, R, leak) of the kept lines against the page's gold."""
    gold, snippets = _gold(d.gold.get("main_content", "") or "", tuple(s for s in d.gold.get("without", []) if s))
    tokens, folded = _line_parts(d.lines)
    p, r = _pr(_counts([t for toks, k in zip(tokens, keep, strict=True) if k for t in toks]), gold)
    if not snippets:
        return p, r, None
    ft = " ".join(f for f, k in zip(folded, keep, strict=True) if k and f)
    return p, r, sum(s in ft for s in snippets) / len(snippets)


def figures(docs: list[PageLines], keeps: list[list[bool]]) -> dict[str, float | int]:
    ps, rs, leaks = [], [], []
    for d, keep in zip(docs, keeps, strict=True):
        p, r, leak = page_figures(d, keep)
        if p is not None:
            ps.append(p)
        rs.append(r)
        if leak is not None:
            leaks.append(leak)
    mp, mr = (sum(ps) / len(ps) if ps else 0.0), sum(rs) / max(1, len(rs))
    return {"pages": len(docs), "P": round(mp, 3), "R": round(mr, 3),
            "F1": round(2 * mp * mr / (mp + mr), 3) if mp + mr else 0.0,
            "leak": round(sum(leaks) / len(leaks), 3) if leaks else None}


def cv_table(docs: list[PageLines], scores: list[np.ndarray], threshold: float) -> dict[str, Any]:
    parts: dict[str, list[int]] = collections.defaultdict(list)
    for i, d in enumerate(docs):
        parts[d.corpus].append(i)
        if d.corpus == "wcxb-dev":
            parts[f"wcxb-dev {d.page_type}"].append(i)
    table = {}
    for name in sorted(parts, key=lambda n: (n.startswith("wcxb-dev "), n)):
        idx = parts[name]
        sub = [docs[i] for i in idx]
        table[name] = {"model": figures(sub, [list(scores[i] < threshold) for i in idx]),
                       "all lines": figures(sub, [[True] * len(docs[i].lines) for i in idx])}
    return table


def choose_threshold(docs: list[PageLines], scores: list[np.ndarray], show: bool = False) -> float:
    """The furniture score at which a line goes: the one of THRESHOLDS with the best mean
    out-of-fold F1 on the CHOSEN_ON corpora among those keeping MIN_RECALL of their content."""
    best, best_f1 = THRESHOLDS[-1], -1.0
    for t in THRESHOLDS:
        by = {c: figures([d for d in docs if d.corpus == c], [list(scores[i] < t) for i, d in enumerate(docs)
                                                            if d.corpus == c])
              for c in (*CHOSEN_ON, "seeds")}
        f1 = sum(float(by[c]["F1"]) for c in CHOSEN_ON) / len(CHOSEN_ON)
        recall = sum(float(by[c]["R"]) for c in CHOSEN_ON) / len(CHOSEN_ON)
        if show:
            print(t, by)
        if recall >= MIN_RECALL and f1 > best_f1:
            best, best_f1 = t, f1
    return best


def print_table(table: dict[str, Any], threshold: float) -> None:
    print(f"text lines, {FOLDS}-fold CV grouped by site, threshold {threshold}")
    print(f"{'corpus':<26}{'pages':>6}  {'model P/R/F1/leak':<28}{'all lines P/R/F1/leak'}")
    for name, row in table.items():
        m, a = row["model"], row["all lines"]
        print(f"{name:<26}{m['pages']:>6}  {m['P']:.3f} {m['R']:.3f} {m['F1']:.3f} {m['leak']!s:<7}"
              f"    {a['P']:.3f} {a['R']:.3f} {a['F1']:.3f} {a['leak']!s}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv-only", action="store_true", help="print the CV figures, write no model")
    ap.add_argument("--sweep", action="store_true", help="print health-dev, bench and seeds figures per threshold tried")
    ap.add_argument("--first", action="store_true", help="also print the first model's CV figures alone")
    ap.add_argument("--cache", type=Path, help="keep the rendered, labelled pages in this file (JSON) between runs")
    ap.add_argument("--furnitureset", type=Path, help="planted-furniture pages of the tuned families (see above)")
    ap.add_argument("--lone", type=int, default=LONE,
                    help="widget lines planted alone mid-article per extra planted page (0: no extra pages)")
    ap.add_argument("--split", type=int, default=SPLIT,
                    help="short content sentences standing alone between paragraphs per extra page (0: no extra pages)")
    ap.add_argument("--split-corpora", nargs="*", default=list(CORPORA), choices=CORPORA,
                    help="the corpora whose articles get such a copy too (none: the planted pages only)")
    ap.add_argument("--jobs", type=int, default=default_jobs(),
                    help="worker processes (default: the cores; 1: all in this process); the models are the same")
    ap.add_argument("--out", type=Path, default=HERE, help="write the models and their card here (default: the package)")
    args = ap.parse_args(argv)
    with Pool(args.jobs) as pool:
        clock = Clock(pool)
        _train(args, pool, clock)
    print(clock.total())


def _train(args: argparse.Namespace, pool: Pool, clock: Clock) -> None:
    t0 = time.monotonic()
    if args.cache and args.cache.exists():
        docs = [PageLines(**d) for d in json.loads(args.cache.read_text(encoding="utf-8"))]
    else:
        docs = page_lines(pool)
        if args.cache:
            args.cache.write_text(json.dumps([dataclasses.asdict(d) for d in docs]), encoding="utf-8")
    clock.lap("corpora rendered and labelled")
    feats_file = args.cache.with_suffix(f".{len(FEATURES)}.npz") if args.cache else None
    if feats_file and feats_file.exists():  # the corpora's features, kept beside the cache for this feature set
        feats = np.split(np.load(feats_file, allow_pickle=False)["x"], np.cumsum([len(d.lines) for d in docs])[:-1])
    else:
        feats = features(docs, pool)
        if feats_file:
            np.savez(feats_file, x=np.vstack(feats))
    clock.lap("corpora's features")
    if args.split and args.split_corpora:
        split = split_lines([d for d in docs if d.corpus in args.split_corpora and d.page_type == "article"], args.split)
        docs += split
        feats += features(split, pool)
        clock.lap("corpora's pages with split sentences, their features")
    if args.furnitureset:
        planted = furniture_lines(args.furnitureset, pool)
        planted += (lone_lines(planted, args.lone) if args.lone else []) + (split_lines(planted, args.split)
                                                                           if args.split else [])
        docs += planted
        feats += features(planted, pool)
        clock.lap("planted pages read, their features")
    first, first_model = cross_validate(docs, feats, FEATURES, pool, final=not args.cv_only)
    clock.lap(f"first model's {FOLDS} site folds")
    if args.first:
        first_threshold = choose_threshold(docs, first)
        print("first model alone:")
        print_table(cv_table(docs, first, first_threshold), first_threshold)
    feats2 = pool.map(_context_features, ((d.lines, feats[i], first[i]) for i, d in enumerate(docs)))
    first_text = first_model.result() if first_model else None
    clock.lap("context features (and the first model's fit on all pages)")
    scores, context_model = cross_validate(docs, feats2, CONTEXT_FEATURES, pool, final=not args.cv_only)
    clock.lap(f"context model's {FOLDS} site folds")
    threshold = choose_threshold(docs, scores, show=args.sweep)
    table = cv_table(docs, scores, threshold)
    print("with the context model:")
    print_table(table, threshold)
    if args.cv_only or first_text is None or context_model is None:
        clock.lap("threshold and table")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{MODEL_NAME}.txt").write_text(first_text, encoding="utf-8")
    (args.out / f"{MODEL_NAME}-context.txt").write_text(context_model.result(), encoding="utf-8")
    clock.lap("threshold, table (and the context model's fit on all pages)")
    card = {"version": MODEL_NAME, "library": "lightgbm", "features": list(FEATURES), "threshold": threshold,
            "context": {"file": f"{MODEL_NAME}-context.txt", "features": list(CONTEXT_FEATURES),
                        "trained_on": "the first model's out-of-fold scores (5 folds grouped by site)"},
            "threshold_chosen": f"best mean out-of-fold F1 on {' and '.join(CHOSEN_ON)} among {THRESHOLDS[0]}-{THRESHOLDS[-1]} "
                                f"in steps of 0.01 "
                                f"with a mean recall of at least {MIN_RECALL}",
            "params": PARAMS, "rounds": ROUNDS, "furniture_weight": FURNITURE_WEIGHT,
            "lone_lines": args.lone if args.furnitureset else 0, "split_lines": args.split,
            "split_corpora": args.split_corpora, "score": "furniture = 1 - P(content)",
            "trained_on": ["wcxb-dev, health-dev, bench rendered to text (models/render.py)", "seeds",
                           *(["bench/furnitureset tuned families (--held-out none --seed 7 --copies 6), plain text, each page "
                              f"also with {args.lone} of their lines alone between two paragraphs"]
                             if args.furnitureset else []),
                           *([f"the planted pages{''.join(f', {c}' for c in args.split_corpora)} also with {args.split} "
                              "short sentences of their "
                              "paragraphs alone between two paragraphs and the last paragraph's last sentence as its "
                              "last line, as content"] if args.split else [])],
            "command": "python bench/furnitureset/generate.py --held-out none --seed 7 --copies 6 --write /tmp/fs-train && "
                       "python -m ascurate.models.train_textlines --furnitureset /tmp/fs-train",
            "cv": {"folds": FOLDS, "grouped_by": "site", "table": table}}
    (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_NAME}.txt, -context.txt and .json to {args.out} in {time.monotonic() - t0:.0f} s of wall time")


if __name__ == "__main__":
    main()
