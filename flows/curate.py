"""The nightly curate flow: raw/ -> curated/, in batches.

Thin on purpose: the work is `ascurate.pipeline`; this file decides batching, how many
batches are in flight, retries and reporting. Run it as `ascurate run`, as
`python flows/curate.py [RAW] [OUT]`, or from a deployment (`prefect.yaml`).
"""

from __future__ import annotations

import sys
from collections import deque
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.task_runners import ThreadPoolTaskRunner

from ascurate import progress
from ascurate.config import Config, load_config
from ascurate.ingest import Source
from ascurate.pipeline import Curator, SourceResult, batched, process_batch


@task(name="process-batch", retries=2, retry_delay_seconds=[1, 5], cache_policy=NONE)
def process(batch: list[Source], cfg: Config) -> list[SourceResult]:
    """Ingest, extract, clean, detect language and flag one batch of input files."""
    return process_batch(batch, cfg)


@flow(name="curate", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=2))
def curate(
    raw: str = "raw",
    out: str = "curated",
    languages: list[str] | None = None,
    batch_size: int | None = None,
    config_file: str | None = None,
) -> dict[str, Any]:
    logger = get_run_logger()
    cfg = load_config(config_file, languages=tuple(languages) if languages else None, batch_size=batch_size)
    cur = Curator(raw, out, cfg)
    window: deque[Any] = deque()
    max_in_flight = 4  # bounded, so memory does not grow with the corpus

    def drain_one() -> None:
        results = window.popleft().result()
        cur.commit(results)
        progress.report("batch", files=len(results), documents=sum(len(r.articles) + len(r.errors) for r in results))

    for batch in batched(cur.plan(), cfg.batch_size):
        window.append(process.submit(batch, cfg))
        if len(window) >= max_in_flight:
            drain_one()
    while window:
        drain_one()
    summary = cur.finish().to_dict()
    logger.info(
        "curate: %(read)d inputs (%(skipped_unchanged)d unchanged), %(documents)d documents: %(clean)d clean, "
        "%(needs_review)d needs_review, %(rejected)d rejected, %(duplicate)d duplicate, %(errors)d errors "
        "in %(seconds).1f s", summary)
    progress.report("done", summary=summary)
    return summary


if __name__ == "__main__":
    args = sys.argv[1:]
    print(curate(raw=args[0] if args else "raw", out=args[1] if len(args) > 1 else "curated"))
