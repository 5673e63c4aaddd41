"""Review desk load times with 10,000 articles in the store (target: < 200 ms each).

usage: python bench/review.py [--articles N] [--from CURATED] [--runs R] [--database-url URL]

Curates ../shared/corpus/health-dev and seeds plus bench/flagset (pages with planted
editorial leftovers, so the store holds flags as a real one does), or reads an existing
curated folder, then fills a fresh store with N articles made from those real articles (each copy under its own
source path and site, so flags repeat across articles as identical matches do), through
the same upsert the curate flow uses. Then times, through the real app (FastAPI test
client: routing, session lookup, queries, template rendering), the queue's first page,
the queue filtered by flag kind and by site, a deep queue page, and the article view
of the most flagged article. Prints median and p95 over R runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
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


def timed(client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm
    ms = []
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(url)
        ms.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    ms.sort()
    return statistics.median(ms), ms[max(0, int(round(0.95 * len(ms))) - 1)], len(r.content)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--from", dest="src", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--database-url")
    args = ap.parse_args()

    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from ascurate.review import auth, db
    from ascurate.review.app import create_app
    from ascurate.review.models import Article, Flag

    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        base = curated_articles(args.src, tmp)
        store = db.Store(args.database_url or f"sqlite:///{tmp / 'review.sqlite'}")
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
        print(f"{'screen':44} {'median ms':>9} {'p95 ms':>7} {'KB':>6}")
        worst = 0.0
        for label, url in (("queue, first page (50 of all pending)", "/queue"),
                           (f"queue, kind={kind}", f"/queue?kind={kind}"),
                           ("queue, site=site7.example", "/queue?site=site7.example"),
                           (f"queue, page {pages // 2}", f"/queue?page={pages // 2}"),
                           (f"article view (#{busiest}, most open flags)", f"/articles/{busiest}")):
            med, p95, size = timed(client, url, args.runs)
            worst = max(worst, med)
            print(f"{label:44} {med:9.1f} {p95:7.1f} {size / 1024:6.0f}")
        print(f"target < 200 ms: {'met' if worst < 200 else 'NOT met'} (worst median {worst:.1f} ms)")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
