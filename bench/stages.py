"""Where `curate_document`'s CPU goes: CPU-ms per stage per document, mean and p95.

Builds distinct documents with bench/throughput.py's builder (each a real page's markup
with text of its own; bench + health-dev pages, or `--pages wcxb-dev`), reads them as a
run does (`ingest.read`), and curates them one by one in this process. Each stage is a
function of the pipeline wrapped with a `time.process_time` timer; a stage's time is its
own, without the stages it calls (the win-back candidates inside extraction count as
win-back, not extraction). "other" is what `curate_document` spends outside every named
stage. Learning a page's site-template fingerprints (`page_record`, run before curating
in a run) is timed beside it. A few extra documents are curated first, untimed, so the
figures leave out loading models and warming caches.

    .venv/bin/python bench/stages.py --n 300                     # bench + health-dev pages
    .venv/bin/python bench/stages.py --n 300 --pages wcxb-dev    # pages kept elsewhere
    .venv/bin/python bench/stages.py --n 300 --profile /tmp/p.prof   # cProfile too (slower)
    .venv/bin/python bench/stages.py --n 300 --json before.json      # figures for a later compare
    .venv/bin/python bench/stages.py --n 200 --child                 # what a document child adds
    .venv/bin/python bench/stages.py --n 300 --pages wcxb-dev --no-gc   # garbage collected between documents

`--child` times the same files as a run handles them in a document child (learning
their site-template fingerprints, `pipeline.learn_source`, then reading and curating
them, `pipeline.process_file`) against `process_file` in this process.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import json
import pstats
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build  # noqa: E402 - the same builder as the throughput bench

from ascurate import ingest, pipeline  # noqa: E402
from ascurate.clean import templates  # noqa: E402
from ascurate.config import load_config  # noqa: E402
from ascurate.emit import article_json  # noqa: E402
from ascurate.model import Document  # noqa: E402
from ascurate.runtime.limits import DocumentRunner  # noqa: E402

WARM = 10  # documents curated before timing starts

# (stage, module, function): the function is replaced, in its module, by a timed wrapper
STAGES: list[tuple[str, str, str]] = [
    ("parse", "ascurate.nesting", "parse"),
    ("page type", "ascurate.clean.pagetype", "classify"),
    ("outline", "ascurate.pipeline", "page_outline"),
    ("anchors", "ascurate.links", "anchor_words"),
    ("extract: page metadata", "ascurate.extract.adapter", "page_metadata"),
    ("extract: page metadata", "ascurate.extract.adapter", "page_text"),
    ("extract: page metadata", "ascurate.extract.adapter", "text_metadata"),
    ("extract: dom index", "ascurate.extract.adapter", "dom_index"),
    ("extract: trafilatura passes", "ascurate.extract.adapter", "_bare"),
    ("extract: xml blocks", "ascurate.extract.adapter", "xml_blocks"),
    ("extract: merge", "ascurate.extract.adapter", "merge"),
    ("extract: locate", "ascurate.extract.adapter", "locate"),
    ("extract: keep gaps", "ascurate.extract.adapter", "keep_gaps"),
    ("extract: boilerplate features", "ascurate.clean.boilerplate", "features"),
    ("extract: boilerplate features", "ascurate.extract.adapter", "kept_by"),  # (the win-back rows read it too)
    ("extract: win-back candidates", "ascurate.clean.winback", "candidates"),
    ("extract: other", "ascurate.pipeline", "extract"),
    ("boilerplate model", "ascurate.clean.boilerplate", "judge"),
    ("win-back model", "ascurate.clean.winback", "judge"),
    ("win-back merge", "ascurate.clean.winback", "merged"),
    ("cleaning", "ascurate.pipeline", "clean_step.clean"),
    ("lost structure", "ascurate.pipeline", "lost_structure"),
    ("language", "ascurate.lang", "detect"),
    ("flags", "ascurate.pipeline", "flag_step.detect"),
    ("flags", "ascurate.pipeline", "repaired_encoding"),
    ("minhash", "ascurate.pipeline", "sketch"),
    ("link share", "ascurate.links", "share"),
    ("structure", "ascurate.pipeline", "structure_step.annotate"),
]


class Timer:
    """Exclusive CPU time per stage for the document being curated."""

    def __init__(self) -> None:
        self.doc: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []  # per open stage: [start, time of stages it called]

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [time.process_time(), 0.0]
            self._stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - frame[0]
                self._stack.pop()
                self.doc[stage] += spent - frame[1]
                if self._stack:
                    self._stack[-1][1] += spent
        return timed


def install(timer: Timer, stages: list[tuple[str, str, str]] = STAGES, package: str = "ascurate") -> None:
    """Wrap every `stages` function where the pipeline looks it up (`package`: the name the
    ascurate package is imported under, for another version of it loaded beside this one)."""
    for stage, module, name in stages:
        owner: Any = importlib.import_module(package + module.removeprefix("ascurate"))
        *path, attr = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, attr):  # (a version of the code without that function: its time is its caller's)
            setattr(owner, attr, timer.wrap(stage, getattr(owner, attr)))


def corpus(n: int, pages: str | None, work: Path) -> Path:
    kind = Path(pages).name if pages else "bench"
    raw = work / f"raw-distinct-{kind}-{n + WARM}"
    build(n + WARM, raw, pages_from=pages)
    return raw


def documents(raw: Path) -> list[Document]:
    cfg = load_config(None)
    return [d for src in ingest.discover(raw, cfg) for d in ingest.read(src, cfg) if isinstance(d, Document)]


def child_costs(raw: Path) -> dict[str, float]:
    """CPU-ms a document: learning and curating the files in a document child, and curating
    them in this process (the first WARM files warm each side and are not counted)."""
    cfg = load_config(None)
    sources = [src.hashed(ingest.file_hash(src)) for src in ingest.discover(raw, cfg)]
    warm, timed = sources[:WARM], sources[WARM:]
    with DocumentRunner(cfg.doc_timeout) as runner:
        def used() -> float:  # the child's own CPU seconds, asked of the child
            (usage,) = list(runner.map(resource.getrusage, [resource.RUSAGE_SELF]))
            return usage.ru_utime + usage.ru_stime

        list(runner.map(pipeline.process_file, warm, cfg, None))
        t0 = used()
        list(runner.map(pipeline.learn_source, timed, cfg))
        t1 = used()
        list(runner.map(pipeline.process_file, timed, cfg, None))
        t2 = used()
    for src in warm:
        pipeline.process_file(src, cfg, None)
    t = time.process_time()
    for src in timed:
        pipeline.process_file(src, cfg, None)
    here = time.process_time() - t
    n = len(timed)
    return {"child_learn_ms": 1000 * (t1 - t0) / n, "child_process_file_ms": 1000 * (t2 - t1) / n,
            "process_file_ms": 1000 * here / n}


def p95(xs: list[float]) -> float:
    return sorted(xs)[min(len(xs) - 1, int(0.95 * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="documents timed (default 300)")
    ap.add_argument("--pages", default=None, help="pages to build from (default bench + health-dev; e.g. wcxb-dev)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ascurate-stages"), help="where the corpus is built")
    ap.add_argument("--profile", type=Path, help="also run cProfile over the timed documents; write its stats here")
    ap.add_argument("--json", type=Path, help="write the per-stage figures here")
    ap.add_argument("--dump", type=Path, help="write every timed article's JSON here, one a line (to diff two versions)")
    ap.add_argument("--no-gc", action="store_true", help="collect garbage between documents, not while one is curated "
                    "(a collection's time otherwise goes to whichever stage it interrupts)")
    ap.add_argument("--child", action="store_true", help="time the files in a document child against this process instead")
    args = ap.parse_args()
    raw = corpus(args.n, args.pages, args.work)
    if args.child:
        costs = child_costs(raw)
        print(f"{args.n} distinct documents from {args.pages or 'bench + health-dev'}, CPU-ms a document: "
              f"in a document child, learning {costs['child_learn_ms']:.1f} and reading + curating "
              f"{costs['child_process_file_ms']:.1f}; reading + curating in this process {costs['process_file_ms']:.1f}")
        return
    cfg = load_config(None)
    docs = documents(raw)
    warm, timed = docs[:WARM], docs[WARM:]
    for doc in warm:
        pipeline.curate_document(doc, cfg)
    timer = Timer()
    install(timer)
    per_stage: dict[str, list[float]] = defaultdict(list)
    totals: list[float] = []
    learn: list[float] = []
    prof = cProfile.Profile() if args.profile else None
    dumped = args.dump.open("wb") if args.dump else None
    for doc in timed:
        timer.doc.clear()
        t = time.process_time()
        templates.page_record(doc)
        learn.append(time.process_time() - t)
        if prof:
            prof.enable()
        if args.no_gc:
            gc.collect()
            gc.disable()
        t = time.process_time()
        art = pipeline.curate_document(doc, cfg)
        total = time.process_time() - t
        gc.enable()
        if prof:
            prof.disable()
        if dumped:
            dumped.write(article_json(art).replace(b"\n", b" ") + b"\n")
        totals.append(total)
        timer.doc["other"] += total - sum(timer.doc.values())
        for stage in {s for s, _, _ in STAGES} | {"other"}:
            per_stage[stage].append(timer.doc.get(stage, 0.0))
    mean_total = statistics.mean(totals)
    print(f"{len(timed)} distinct documents from {args.pages or 'bench + health-dev'}"
          f"{' (under cProfile: figures inflated)' if prof else ''}{' (garbage collected between documents)' if args.no_gc else ''}")
    print(f"{'stage':32} {'mean ms':>8} {'p95 ms':>8} {'share':>6}")
    rows = {}
    for stage, xs in sorted(per_stage.items(), key=lambda kv: -statistics.mean(kv[1])):
        m = statistics.mean(xs)
        rows[stage] = {"mean_ms": 1000 * m, "p95_ms": 1000 * p95(xs)}
        print(f"{stage:32} {1000 * m:8.2f} {1000 * p95(xs):8.2f} {m / mean_total:6.1%}")
    print(f"{'curate_document':32} {1000 * mean_total:8.2f} {1000 * p95(totals):8.2f}")
    print(f"{'learning (page_record, apart)':32} {1000 * statistics.mean(learn):8.2f} {1000 * p95(learn):8.2f}")
    if dumped:
        dumped.close()
    if prof and args.profile:
        prof.dump_stats(str(args.profile))
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    if args.json:
        args.json.write_text(json.dumps({"n": len(timed), "pages": args.pages, "curate_ms": 1000 * mean_total,
                                         "curate_p95_ms": 1000 * p95(totals),
                                         "learn_ms": 1000 * statistics.mean(learn), "stages": rows}, indent=1))


if __name__ == "__main__":
    main()
