"""Review desk load times with 10,000 articles in the store (target p95: < 200 ms on
SQLite, < 300 ms on PostgreSQL).

usage: python bench/review.py [--articles N] [--from CURATED] [--runs R] [--database-url URL]

Curates ../shared/corpus/health-dev and seeds plus bench/flagset (pages with planted
editorial leftovers, so the store holds flags as a real one does), or reads an existing
curated folder, then fills a fresh store with N articles made from those real articles (each copy under its own
source path and site, so flags repeat across articles as identical matches do), through
the same upsert the curate flow uses. Then times, through the real app (FastAPI test
client: routing, session lookup, queries, template rendering), the queue's first page,
the queue filtered by flag kind and by site, a deep queue page, full-text searches (a
rare word, a common word, a search with a filter), and the article view of the most
flagged article, while another process writes the store as a curate run does (new
articles upserted in batches; --no-writer to time an idle store). Prints median and
p95 over R runs; the target is on p95.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def curated_articles(src: Path | None, tmp: Path) -> list[dict]:
    if src is None:
        import shutil

        from ascurate.config import load_config
        from ascurate.pipeline import run

        src, raw = tmp / "curated", tmp / "raw"
        for folder in (CORPUS / "health-dev", CORPUS / "seeds", ROOT / "bench" / "flagset",
                       ROOT / "bench" / "flagset" / "holdout"):
            if folder.is_dir():
                shutil.copytree(folder, raw / folder.name, ignore=shutil.ignore_patterns("*.json", "*.md", "holdout"))
        t = time.perf_counter()
        run(raw, src, load_config(Path("/nonexistent/ascurate.toml")))
        print(f"curated health-dev, seeds and bench/flagset in {time.perf_counter() - t:.1f} s")
    arts = [json.loads(p.read_text()) for p in sorted((src / "articles").glob("*.json"))]
    return [a for a in arts if a.get("status") not in ("duplicate",)]


def fill(store, base: list[dict], n: int) -> float:
    from ascurate.review import sync

    t0 = time.perf_counter()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    chunk: list[tuple[str, dict]] = []
    for i in range(n):
        a = json.loads(json.dumps(base[i % len(base)]))
        a["id"] = hashlib.sha256(f"bench{i}".encode()).hexdigest()[:20]
        a["source"] = {**a.get("source", {}), "path": f"bench/{i:05d}-{a['source'].get('path', '')}",
                       "record": None, "site": f"site{i % 37}.example"}
        chunk.append((a["id"], a))
        if len(chunk) == 1000 or i == n - 1:
            sync.upsert(store, chunk, now=start + timedelta(minutes=i))
            chunk = []
    return time.perf_counter() - t0


def writer(url: str, base: list[dict], stop, written) -> None:  # type: ignore[no-untyped-def]
    """Another process upserting new articles in batches of 50, as a curate run's feed does."""
    from ascurate.review import db, sync

    store = db.Store(url, run_migrations=False)
    i = 0
    while not stop.is_set():
        chunk = []
        for _ in range(50):
            a = json.loads(json.dumps(base[i % len(base)]))
            a["id"] = hashlib.sha256(f"writer{i}".encode()).hexdigest()[:20]
            a["source"] = {**a.get("source", {}), "path": f"writer/{i:06d}", "record": None, "site": "writer.example"}
            chunk.append((a["id"], a))
            i += 1
        sync.upsert(store, chunk)
        written.value = i
        time.sleep(0.2)
    store.close()


def timed(client, url: str, runs: int) -> tuple[float, float, float, int]:
    """Median and p95 wall time, and median CPU time of this process (the app runs in it;
    the writer is another process): on a machine shared with other jobs, wall time says
    what an editor waits, CPU time what the request itself costs."""
    client.get(url)  # warm
    ms, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        r = client.get(url)
        ms.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    ms.sort()
    return statistics.median(ms), ms[max(0, int(round(0.95 * len(ms))) - 1)], statistics.median(cpu), len(r.content)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--from", dest="src", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--database-url")
    ap.add_argument("--no-writer", action="store_true", help="time an idle store (no concurrent curate writes)")
    args = ap.parse_args()

    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from ascurate.review import auth, db
    from ascurate.review.app import create_app
    from ascurate.review.models import Article, Flag

    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        base = curated_articles(args.src, tmp)
        url = args.database_url or f"sqlite:///{tmp / 'review.sqlite'}"
        store = db.Store(url)
        secs = fill(store, base, args.articles)
        with store.session() as s:
            n_art = s.scalar(select(func.count(Article.id)))
            n_flags = s.scalar(select(func.count(Flag.id)))
            busiest = s.scalar(select(Article.id).order_by(Article.open_flags.desc()).limit(1))
            kind = s.scalar(select(Flag.kind).group_by(Flag.kind).order_by(func.count().desc()).limit(1))
            auth.add_user(s, "bench", "bench password", "editor")
            s.commit()
        print(f"store: {n_art} articles, {n_flags} flags (from {len(base)} curated articles), "
              f"filled in {secs:.1f} s ({n_art / secs:.0f} articles/s) [{store.engine.dialect.name}]")
        client = TestClient(create_app(store))
        login = client.get("/login").text
        client.post("/login", data={"username": "bench", "password": "bench password",
                                    "csrf": re.search(r'name="csrf" value="([^"]+)"', login).group(1)})
        pages = -(-n_art // 50)
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        stop, written = ctx.Event(), ctx.Value("i", 0)
        proc = None if args.no_writer else ctx.Process(target=writer, args=(url, base, stop, written))
        if proc:
            proc.start()
            time.sleep(3)  # its imports done, writing
        print(f"{'screen':44} {'median ms':>9} {'p95 ms':>7} {'CPU ms':>7} {'KB':>6}")
        worst = 0.0
        try:
            for label, path in (("queue, first page (50 of all pending)", "/queue"),
                                (f"queue, kind={kind}", f"/queue?kind={kind}"),
                                ("queue, site=site7.example", "/queue?site=site7.example"),
                                (f"queue, page {pages // 2}", f"/queue?page={pages // 2}"),
                                ("search q=diazepam (a rare word)", "/queue?q=diazepam"),
                                ("search q=pain (a common word)", "/queue?q=pain"),
                                (f"search q=pain&kind={kind}", f"/queue?q=pain&kind={kind}"),
                                (f"article view (#{busiest}, most open flags)", f"/articles/{busiest}"),
                                (f"cleaning view (#{busiest})", f"/articles/{busiest}/cleaning")):
                med, p95, cpu, size = timed(client, path, args.runs)
                worst = max(worst, p95)
                print(f"{label:44} {med:9.1f} {p95:7.1f} {cpu:7.1f} {size / 1024:6.0f}")
        finally:
            if proc:
                stop.set()
                proc.join(60)
        if proc:
            print(f"meanwhile another process upserted {written.value} articles into the store")
        target = 200 if store.engine.dialect.name == "sqlite" else 300
        print(f"target p95 < {target} ms: {'met' if worst < target else 'NOT met'} (worst p95 {worst:.1f} ms); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
