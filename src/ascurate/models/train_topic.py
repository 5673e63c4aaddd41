"""Train the learned off_topic scorer: `python -m ascurate.models.train_topic --docs FILE [--short] [--cv-only] [--curve]`.

Two models, each on the paragraphs it decides: `topic` on paragraphs of `topic.MIN_WORDS`
words or more, `topic-short` (`--short`) on those of `topic.MODEL_MIN_WORDS` to fewer than
`topic.MIN_WORDS`. Trained together, the short paragraphs dragged the threshold up (short
health lines among the tune traps score like plants) and the paragraph model lost tune
plants; apart, each has its own threshold, and the short one may add no published flag.

Run from the repository (it reads `bench/flagset` and `../shared/corpus`). The hand limits
(`flags/topic.py`) stop a paragraph at one measurement each (the share of its rare words
found elsewhere, its similarity, its affinity); the model weighs them together, the
limits' score among them (`topic.FEATURES`; the short one `topic.SHORT_FEATURES`, with
advice to the reader, the care lift and the neighbours' share), and decides on every paragraph the vetoes
let through (sentences inside a paragraph stay with their limits). Rows: those paragraphs
(`topic.readings`) in the planted off_topic texts of the flagset's TUNE families only
(held-out families are never read), planted `COPIES` times with seed `SEED` (positives),
in the host text around them, and on the published articles of health-dev, bench and
wcxb-dev as the pipeline extracts them (`--docs FILE`: `bench/flags_b.py --docs`'s JSON
lines). The choice is `train_notes`'s: 5-fold CV grouped by template family and by site,
the C with the most tune plants out of fold (found by the model or by a sentence limit),
the threshold the lowest at which the out-of-fold flags and the fitted model's on
published pages stay within as many paragraphs as the limits flag there, and no tune
trap is flagged. Every model is fitted with its numbers rounded as the card stores them
(`rounded_fit`, passed to `train_notes.best_c` as its `fitter`), so the threshold holds for the model
shipped. Writes `topic-v<N>.json` and its card `topic-v<N>.txt`.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ..flags import block_offsets, topic
from . import train_notes as tn
from .corpora import corpus_root

VERSION = 1
SHORT_VERSION = 2
SEED = 20
COPIES = 5
TOLERANCE = 0.0  # the C with the most tune plants out of fold
COMMAND = "python -m ascurate.models.train_topic --docs .cache/flagdocs.jsonl"


def planted_rows(rows: tn.Rows, cfg: Any, hits: dict[str, bool], traps: set[str]) -> None:
    """Rows of the tune families' plants and traps and of their hosts' passages; `hits`
    gains every plant and trap, True when the rule alone flags it."""
    seen_host: set[str] = set()
    for d, blocks, text in tn.tune_documents("off_topic", SEED, COPIES):
        flags, readings = topic.readings(text, blocks, block_offsets(blocks), d.lang, cfg)
        # the model decides on paragraphs: only the sentence limits' flags stay
        hits[d.id] = any(f.start < e and s < f.end and _sentence(f) for f in flags for s, e in d.spans)
        if d.trap:
            traps.add(d.id)
        for s, e, x in readings:
            inside = sum(max(0, min(e, pe) - max(s, ps)) for ps, pe in d.spans)
            if inside >= 0.5 * (e - s):
                rows.add(x, 0 if d.trap else 1, d.family, "trap" if d.trap else "plant", d.id, f"{d.id}#{s}", text[s:e])
            elif not inside and text[s:e] not in seen_host:
                seen_host.add(text[s:e])
                rows.add(x, 0, "host:" + d.source.split("/")[0], "host", d.source, f"{d.id}#{s}", text[s:e])


def _sentence(f: Any) -> bool:
    return "sentence" in (f.rule or "")


def published_rows(rows: tn.Rows, cfg: Any, docs_path: Path | None, corpus: Path) -> tuple[int, int]:
    """Rows of every paragraph the model would weigh on the published articles; the number
    of articles and of paragraphs the limits flag there (the model's budget)."""
    docs = tn.published_docs(cfg, docs_path)
    by_rule = 0
    for name, text, blocks, code in docs:
        site = tn._site(name, corpus)
        flags, readings = topic.readings(text, blocks, block_offsets(blocks), code, cfg)
        by_rule += sum(not _sentence(f) for f in flags)
        for s, e, x in readings:
            rows.add(x, 0, "site:" + site, "published", name, f"{name}#{s}", text[s:e])
    return len(docs), by_rule


def rounded_fit(x: np.ndarray, y: np.ndarray, c: float) -> Any:
    """`train_notes.fit` with weights, bias and scaling rounded as the card stores them, so
    every threshold is chosen on the model that is shipped."""
    lr, mean, scale = tn.fit(x, y, c)
    lr.coef_, lr.intercept_ = np.round(lr.coef_, 6), np.round(lr.intercept_, 6)
    return lr, np.round(mean, 6), np.round(scale, 6)



def short_rows(rows: tn.Rows, short: bool) -> tn.Rows:
    """The rows of the paragraphs one model decides: under `topic.MIN_WORDS` words (split at
    spaces, as the detector counts them) for the short-passage model, the others for the
    paragraph model."""
    out = tn.Rows()
    for k, t in enumerate(rows.text):
        if (len(t.split()) < topic.MIN_WORDS) == short:
            out.add(rows.x[k], rows.y[k], rows.group[k], rows.source[k], rows.item[k], rows.block[k], t)
    return out


def main(argv: list[str]) -> int:
    short = "--short" in argv  # the short-passage model (topic-short), paragraphs under MIN_WORDS words
    a, cfg, t0 = tn.trainer_args([v for v in argv if v != "--short"], __doc__,
                                 "print the out-of-fold figures at a few thresholds")
    topic.load.cache_clear()
    rows, hits, trap_ids = tn.Rows(), {}, set()
    planted_rows(rows, cfg, hits, trap_ids)
    pages, by_rule = published_rows(rows, cfg, a.docs, corpus_root())
    rows = short_rows(rows, short)
    # as many published paragraphs as the limits flag, no more; none at all for short passages
    budget = (0.5 if short else by_rule + 0.5) / pages
    # the rows hold every measurement; the paragraph model weighs `topic.FEATURES`, the short one
    # `topic.SHORT_FEATURES` (advice to the reader as well)
    features = topic.SHORT_FEATURES if short else topic.FEATURES
    x, y, g = np.array(rows.x)[:, :len(features)], np.array(rows.y), np.array(rows.group)
    print(f"rows: {len(y)} ({int(y.sum())} positive); sources {dict(Counter(rows.source))}; "
          f"{pages} published pages ({by_rule} paragraphs flagged by the limits); the sentence limits alone find "
          f"{sum(v for k, v in hits.items() if k not in trap_ids)} of {sum(k not in trap_ids for k in hits)} tune plants, "
          f"traps {sum(v for k, v in hits.items() if k in trap_ids)}")
    c, f = tn.best_c(x, y, g, rows, hits, trap_ids, pages, a.curve, budget=budget, fitted_traps=True,
                     tolerance=TOLERANCE, fitted_budget=True, fitter=rounded_fit)
    if a.cv_only:
        return 0
    fitted = rounded_fit(x, y, c)
    tn.write_model(
        topic.SHORT_NAME if short else topic.NAME, SHORT_VERSION if short else VERSION, features, fitted, c,
        f, rows, y, COMMAND + (" --short" if short else ""),
        {"positives": "bench/flagset off_topic tune families (held-out families never read)",
         "negatives": "health-dev, bench, wcxb-dev published articles (pipeline's blocks); tune traps; host passages"},
        "learned scorer for off_topic (flags/topic.py), behind the rule's vetoes: paragraphs of "
        + (f"{topic.MODEL_MIN_WORDS} to {topic.MIN_WORDS - 1} words" if short else f"{topic.MIN_WORDS} words or more"),
        f"positives: passages of planted off-topic texts, bench/flagset off_topic tune families, seed {SEED}, "
        f"{COPIES} copies\nnegatives: passages of {pages} published articles (health-dev, bench, wcxb-dev), "
        f"tune traps, host passages\nrows: {len(y)}, positive {int(y.sum())}; by source {dict(Counter(rows.source))}\n",
        t0, round(budget, 5))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
