"""Train the learned lead-in scorer: `python -m ascurate.models.train_leads [--docs FILE] [--cv-only]`.

Run from the repository (it reads `bench/flagset` and `../shared/corpus`).
Rows: the lead-ins closing a block (with a colon or a spaced dash) that the dangling_list
rule scores from `MODEL_FLOOR` to its threshold (a weak promise or none before prose or the
end, a promise before a quotation; none naming a picture, `pictures`), and those inside a paragraph before a sentence from `INSIDE_FLOOR` (a weak promise):
`shape.candidates`.
Positives: those of planted lead-ins of the flagset's TUNE families of dangling_list
(held-out families are never read here), seed `SEED`, `COPIES` copies. Negatives: those
of the published articles of health-dev, bench and wcxb-dev as the pipeline extracts them
(`--docs FILE`, as for `train_notes`), of the tune traps, and of the hosts around plants;
not those of published lead-ins whose list the page's gold text holds right after them
(`made_by_extraction` in `bench/flags.py`): extraction lost that list, and the lead-in
dangles in the article as ascurate extracts it, so it is no example of a false alarm.
The choice is `train_notes`'s: 5-fold CV grouped by template family and by site, `C` by
out-of-fold tune recall within the budget, the threshold the lowest at which out-of-fold
flags on published pages stay within `BUDGET` a page and no tune trap is flagged, raised until
the model fitted on everything (the one shipped) keeps that too (`train_notes.above_fitted`). Output:
`leads-v<N>.json` (weights, scaling, threshold, figures) and the card `leads-v<N>.txt`.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

from ..flags import block_offsets, lead_model
from ..flags.shape import candidates
from ..model import Block, Flag
from . import train_notes as notes
from .corpora import corpus_root

HERE = Path(__file__).parent
VERSION = 8
SEED = 20
COPIES = 5
BUDGET = 0.008
COMMAND = ("python -m ascurate.models.train_leads --docs .cache/flagdocs.jsonl  (the published articles as the pipeline "
           "extracts them, bench/flags_b.py --docs format: built on first use, minutes)")


def planted_rows(rows: notes.Rows, cfg, hits: dict[str, bool], traps: set[str]) -> None:
    seen: set[str] = set()
    for d, blocks, text in notes.tune_documents("dangling_list", SEED, COPIES):
        hits.setdefault(d.id, False)
        if d.trap:
            traps.add(d.id)
        for s, e, _, x in candidates(text, blocks, block_offsets(blocks), d.lang, cfg):
            inside = any(s < pe and ps < e for ps, pe in d.spans)
            if inside:
                rows.add(x, 0 if d.trap else 1, d.family, "trap" if d.trap else "plant", d.id, f"{d.id}#{s}", text[s:e])
            elif text[s:e] not in seen:
                seen.add(text[s:e])
                rows.add(x, 0, "host:" + d.source.split("/")[0], "host", d.source, f"{d.id}#{s}", text[s:e])


def rule_hits(cfg, hits: dict[str, bool]) -> None:
    """Which tune plants the rule alone flags (the model reads only what it leaves)."""
    from ..flags.shape import dangling_list

    gen = notes._script(notes.ROOT / "bench" / "flagset" / "generate.py", "flagset_generate")
    for d in gen.generate(SEED, COPIES):
        if d.kind != "dangling_list" or d.held_out:
            continue
        blocks = [Block(b["type"], b["text"], b.get("level")) for b in d.blocks]
        text = "\n".join(b.text for b in blocks)
        flags = [f for f in dangling_list(text, blocks, block_offsets(blocks), d.lang, cfg)
                 if not f.rule or not f.rule.startswith(f"shape.{lead_model.NAME}")]
        hits[d.id] = any(f.start < e and s < f.end for f in flags for s, e in d.spans)


def published_rows(rows: notes.Rows, cfg, docs_path: Path | None) -> tuple[int, int]:
    """Negatives from the published articles, and how many lead-ins were left out as lists
    that extraction lost (the gold text holds the list after them)."""
    docs = notes.published_docs(cfg, docs_path)
    corpus = corpus_root()
    bench = notes._script(notes.ROOT / "bench" / "flags.py", "flags_bench")
    lost = 0
    for name, text, blocks, code in docs:
        site = notes._site(name, corpus)
        for s, e, _, x in candidates(text, blocks, block_offsets(blocks), code, cfg):
            if bench.made_by_extraction(name, Flag("dangling_list", s, e, text[s:e].strip(), "warning", ""), corpus):
                lost += 1
                continue
            rows.add(x, 0, "site:" + site, "published", name, f"{name}#{s}", text[s:e])
    return len(docs), lost


def main(argv: list[str]) -> int:
    a, cfg, t0 = notes.trainer_args(argv, __doc__, "print the out-of-fold figures at a few thresholds")
    lead_model.load.cache_clear()
    rows, hits, traps = notes.Rows(), {}, set()
    planted_rows(rows, cfg, hits, traps)
    rule_hits(cfg, hits)
    pages, lost = published_rows(rows, cfg, a.docs)
    x, y, g = np.array(rows.x), np.array(rows.y), np.array(rows.group)
    print(f"rows: {len(y)} ({int(y.sum())} positive); sources {dict(Counter(rows.source))}; {pages} published pages; "
          f"rule alone finds {sum(v for k, v in hits.items() if k not in traps)} of "
          f"{sum(k not in traps for k in hits)} tune plants; {lost} published lead-ins left out (extraction lost their list)")
    c, f = notes.best_c(x, y, g, rows, hits, traps, pages, a.curve, BUDGET, fitted_budget=True)
    if a.cv_only:
        return 0
    notes.write_model(
        lead_model.NAME, VERSION, lead_model.FEATURES, notes.fit(x, y, c), c, f, rows, y, COMMAND,
        {"positives": "bench/flagset dangling_list tune families (held-out families never read)",
         "negatives": "health-dev, bench, wcxb-dev published articles (pipeline's blocks); tune traps; hosts"},
        "learned scorer for dangling_list's lead-ins without a strong promise (flags/lead_model.py)",
        f"rows: lead-ins the rule scores from shape.MODEL_FLOOR (inside a paragraph INSIDE_FLOOR) to its threshold; {len(y)}, positive {int(y.sum())}; "
        f"by source {dict(Counter(rows.source))}\n"
        f"positives: planted lead-ins of bench/flagset dangling_list tune families, seed {SEED}, {COPIES} copies\n"
        f"negatives: {pages} published articles (health-dev, bench, wcxb-dev), tune traps, hosts; "
        f"left out: {lost} published lead-ins whose list the gold text holds after them (lost by extraction)\n", t0, BUDGET)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
