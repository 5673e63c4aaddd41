"""The nightly curate flow: raw/ -> curated/, in batches.

Thin on purpose: the work is `ascurate.pipeline`; this module decides batching, where
batches run, how many are in flight, retries, caching and reporting. Run it as
`ascurate run`, as `python flows/curate.py [RAW] [OUT]` (the repository's entry point
into this module), or from a deployment (`prefect.yaml`, served by `ascurate serve`).

Where batches run (docs/scheduling.md has the measurements behind the choice):
- one machine (default): extraction is CPU-bound, so the work must leave the flow's
  process (its threads share one core). With `doc_timeout` set (the default) the
  library already curates each document in a child process (`ascurate.runtime.limits`), so
  the batch tasks run in threads, one per core, each driving its own child (a
  child holds ~100-300 MB of its own: a third child on two cores cost more memory
  than it gained). With `doc_timeout = 0` each batch task hands its batch to a pool of
  library-only worker processes instead. Neither kind of process talks to Prefect,
  so they need no API server.
- a Dask cluster: with `ASCURATE_DASK_ADDRESS` (or the `dask_address` argument of
  `task_runner`), tasks run on the cluster through prefect-dask's DaskTaskRunner.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.context import TaskRunContext
from prefect.serializers import PickleSerializer
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from ascurate import config
from ascurate.clean.templates import PageRecord
from ascurate.config import Config, load_config
from ascurate.ingest import Source
from ascurate.pipeline import Curator, SourceResult, close_runners, learn_batch, process_batch, tapered
from ascurate.runtime import limits, progress
from ascurate.runtime.lock import RunLock

_pool: Executor | None = None  # the worker processes of the running flow, if it uses them


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


BATCH_CACHE_DAYS = 30  # a batch's cached result is valid this long (then Prefect ignores it and it is deleted)


def prune_batch_results(keep: timedelta = timedelta(days=BATCH_CACHE_DAYS)) -> dict[str, int]:
    """Delete cached batch results older than their expiry from Prefect's local result
    storage. Prefect ignores an expired entry but never deletes it, and a batch's result
    holds its articles: a nightly schedule would grow the folder
    without end. Results in a configured storage block are left to that storage."""
    from prefect.settings import get_current_settings

    results = get_current_settings().results
    if results.default_storage_block is not None:
        return {"pruned": 0, "bytes": 0}
    cutoff = time.time() - keep.total_seconds()
    pruned = size = 0
    try:
        entries = list(os.scandir(Path(results.local_storage_path).expanduser()))
    except OSError:  # no results stored yet
        return {"pruned": 0, "bytes": 0}
    for e in entries:
        if not e.name.startswith("ascurate-batch-"):
            continue
        try:
            st = e.stat()
            if st.st_mtime < cutoff:
                os.unlink(e.path)
                pruned, size = pruned + 1, size + st.st_size
        except OSError:  # gone already (another run pruned it)
            continue
    return {"pruned": pruned, "bytes": size}


def batch_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of a batch: its inputs' paths and content hashes, the settings and rules
    fingerprint and the code version. The same bytes under the same rules and code give
    the same articles, so a batch seen before (a crashed or repeated run, another curated/
    folder, settings switched back) is read from Prefect's result store, not processed."""
    h = hashlib.sha256(f"{parameters['fingerprint']}\0{config.code_version()}".encode())
    for src in parameters["batch"]:
        h.update(f"\0{src.kind}\0{src.path}\0{src.sha256}".encode())
    return f"ascurate-batch-{h.hexdigest()}"


@task(name="process-batch", retries=2, retry_delay_seconds=[1, 5], cache_key_fn=batch_key,
      cache_expiration=timedelta(days=BATCH_CACHE_DAYS), persist_result=True,
      # the standard library's pickler: the results are plain dataclasses of importable
      # modules, and cloudpickle's Python-level hooks cost more per batch
      result_serializer=PickleSerializer(picklelib="pickle"),
      cache_result_in_memory=False)  # else Prefect keeps every batch's articles in memory
def process(batch: list[Source], cfg: Config, fingerprint: str,
            templates: dict[str, frozenset[str]] | None = None) -> list[SourceResult]:
    """Ingest, extract, clean, detect language and flag one batch of input files.
    `templates`: the sites' template paragraphs the Curator learnt (part of `fingerprint`)."""
    if _pool is not None:
        return _pool.submit(process_batch, batch, cfg, templates).result()
    return process_batch(batch, cfg, templates)


LEARN_BATCH = 256  # inputs per learning task: learning a page is cheap, so bigger than a processing batch


@task(name="learn-templates", retries=2, retry_delay_seconds=[1, 5], cache_policy=None)
def learn(batch: list[Source], cfg: Config) -> list[PageRecord]:
    """Paragraph fingerprints of a batch's pages, for the site templates (see clean/templates.py)."""
    if _pool is not None:
        return _pool.submit(learn_batch, batch, cfg).result()
    return learn_batch(batch, cfg)


@contextmanager
def worker_processes(workers: int):
    """A pool of library-only worker processes for the batch tasks of one flow run."""
    global _pool
    if workers <= 1:
        try:
            yield
        finally:
            close_runners()  # the document children the batch threads kept
        return
    # spawn, not fork: the flow process runs Prefect's threads and event loop
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                               initializer=__import__, initargs=("ascurate.pipeline",))
    _pool = pool
    try:
        yield
    finally:
        _pool = None
        pool.shutdown(wait=True, cancel_futures=True)
        close_runners()


def task_runner(dask_address: str | None = None, workers: int | None = None) -> TaskRunner:
    """The task runner for a run: a Dask cluster when an address is configured, else threads
    that feed the document children or worker processes, one per worker: each thread drives
    one process, so a thread more than workers only adds a process and its memory."""
    address = dask_address or os.environ.get("ASCURATE_DASK_ADDRESS")
    if address:
        return dask_runner(address=address)
    return ThreadPoolTaskRunner(max_workers=workers or default_workers())


def dask_runner(**kwargs: Any) -> TaskRunner:
    """prefect-dask's runner (kwargs: `address` of a scheduler, or `cluster_kwargs` for a
    temporary local cluster); the workers need ascurate installed (the flows are in it)."""
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(**kwargs)


def uses_dask(runner: Any) -> bool:
    return type(runner).__name__ == "DaskTaskRunner"


class _Feed:
    """The run's review feed (ascurate.review.sync.Feed); a store that fails mid-run only
    stops the early syncs: the sync after the run brings it up to date."""

    def __init__(self, feed: Any) -> None:
        self.feed = feed

    def add(self, ids: Any) -> None:
        if self.feed is None:
            return
        try:
            self.feed.add(ids)
        except Exception as e:  # noqa: BLE001 - the closing sync reads what this did not
            get_run_logger().warning("review store: %s; the sync after the run catches up", e)
            self.feed = None


@contextmanager
def review_feed(out: str, cfg: Config):
    """Articles go into the review store as batches are written (review/sync.py: Feed)."""
    from ascurate.review import backup, db, sync

    backup.before_run(out)  # a damaged store stops the run, naming its last good backup; else it is backed up
    store = None
    try:
        store = db.open_store(out)
    except Exception as e:  # noqa: BLE001 - the sync after the run opens it again and says what is wrong
        get_run_logger().warning("review store: %s", e)
    try:
        yield _Feed(sync.Feed(store, out, cfg) if store is not None else None)
    finally:
        if store is not None:
            store.close()


@task(name="review-sync", retries=1, cache_policy=None)
def review_sync(out: str, cfg: Config, feed: Any = None) -> dict[str, Any]:
    """Upsert the run's articles and flags into the review store (what `feed`, the run's
    sync.Feed, has not synced while the run wrote them); a table artifact of the new
    flagged items (links into the review app) and an event with their count, which a
    Prefect automation turns into a notice to editors (README: "Editors' review desk")."""
    from pathlib import Path

    from prefect.artifacts import create_table_artifact
    from prefect.events import emit_event

    from ascurate.review import db, sync

    if feed is not None:
        report = feed.finish()
    else:
        store = db.open_store(out)
        try:
            report = sync.sync_curated(store, out, cfg)
        finally:
            store.close()
    rows = sync.artifact_rows(report.new_flags, sync.review_url())
    create_table_artifact(rows or [{"severity": "", "kind": "", "rule": "", "quote": "no new flagged items",
                                    "article": "", "site": "", "link": ""}], key="review-new-flags",
                          description=f"{len(report.new_flags)} new flagged item(s) for editors in {out}")
    emit_event(event="ascurate.review.flagged",  # the label lets an automation skip runs with nothing new
               resource={"prefect.resource.id": f"ascurate.review.{Path(out).resolve()}",
                         "ascurate.new-flags": "yes" if report.new_flags else "no"},
               payload={"count": len(report.new_flags), "review_url": sync.review_url(), **report.to_dict()})
    return report.to_dict()


@flow(name="curate", log_prints=False, task_runner=task_runner())
def curate(
    raw: str = "raw",
    out: str = "curated",
    languages: list[str] | None = None,
    batch_size: int | None = None,
    config_file: str | None = None,
    workers: int | None = None,
    wait: float | None = None,
) -> dict[str, Any]:
    """Curate RAW into OUT. `workers`: processes for batches on this machine (default: one per core);
    `wait`: seconds to wait for another run writing OUT before failing (default: the `lock_wait` setting)."""
    logger = get_run_logger()
    cfg = load_config(config_file, missing_ok=False, languages=tuple(languages) if languages else None,
                      batch_size=batch_size, lock_wait=wait)
    from prefect.context import get_run_context

    on_dask = uses_dask(get_run_context().task_runner)
    workers = 1 if on_dask else (workers or default_workers())
    # documents already run in child processes when they have a time limit (limits.py):
    # a pool of workers around them would only add processes and memory
    pool = 1 if cfg.doc_timeout > 0 else workers
    # one run per curated/, whichever server (or none) started it: a lock the kernel drops with its
    # holder (lock.py), so a killed run never keeps the next one waiting; the wait is bounded
    def waiting(holder: str) -> None:
        logger.warning("waiting up to %g s for the run writing %s (%s)", cfg.lock_wait, out, holder)

    with RunLock(out, cfg.lock_wait, on_wait=waiting), worker_processes(pool), review_feed(out, cfg) as feed:
        cur = Curator(raw, out, cfg)
        fingerprint = cur.fingerprint
        window: deque[Any] = deque()
        max_in_flight = 2 * workers + 2  # bounded, so memory does not grow with the corpus

        batches = cached = 0

        def drain_one() -> None:
            nonlocal batches, cached
            future = window.popleft()
            results = future.result()
            limits.check()  # told to stop: nothing more is committed (the next run does the rest)
            batches += 1
            cached += future.state.name == "Cached"
            cur.commit(results)
            feed.add(a.id for res in results for a in res.articles)
            progress.report("batch", files=len(results),
                            documents=sum(len(r.articles) + len(r.errors) for r in results))

        todo = cur.changed()
        progress.report("planned", total=len(todo))
        # site templates need every changed page's paragraphs before any page is cleaned
        if todo:  # an unchanged corpus has nothing to clean: no templates to compute
            new = cur.to_learn(todo)  # `ascurate run` learns some while Prefect starts (pipeline.prelearn)
            learning = deque(learn.submit(b, cfg) for b in tapered(new, LEARN_BATCH, workers))

            def learnt() -> Any:  # each task's records, its future dropped once read
                while learning:
                    yield from learning.popleft().result()
                    limits.check()

            cur.learn(learnt(), new)
        for batch in tapered(cur.ordered(todo), cfg.batch_size, workers):
            limits.check()
            window.append(process.submit(batch, cur.cfg, f"{fingerprint}-{cur.templates_key}", cur.templates_for(batch)))
            if len(window) >= max_in_flight:
                drain_one()
        while window:
            drain_one()
        summary = cur.finish().to_dict()
        summary.update(batches=batches, batches_cached=cached, workers=workers,
                       parallel="dask" if on_dask else "worker-processes" if pool > 1 else "document-processes")
        t = time.monotonic()
        summary["review"] = review_sync(out, cfg, feed.feed)
        summary["phases"]["review_sync"] = round(time.monotonic() - t, 2)
        summary["batch_cache"] = prune_batch_results()
    logger.info(
        "curate: %(read)d inputs (%(skipped_unchanged)d unchanged), %(documents)d documents: %(clean)d clean, "
        "%(needs_review)d needs_review, %(rejected)d rejected, %(duplicate)d duplicate, %(errors)d errors "
        "in %(seconds).1f s", summary)
    if summary["reprocessed"]:
        logger.info("reprocessed: %s", "; ".join(summary["reprocessed"]))
    progress.report("done", summary=summary)
    return summary
