"""What keeping the review store safe costs a run: checks, backup and restore timed on a
store of N articles (default 10,000, as bench/review.py fills it).

usage: python bench/review_backup.py [--articles N] [--from CURATED]

Fills a fresh store in a temporary curated/ folder through the curate flow's upsert
(bench/review.py: the real articles of CURATED, or of health-dev, seeds and
bench/flagset curated first), then times: the identity check every opening of the store
makes, SQLite's quick_check and integrity_check, the check and backup a run makes
before it writes (`backup.before_run`: online backup, then quick_check of the copy), the
same call on an unchanged store (no new backup), and a restore.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review import curated_articles, fill  # noqa: E402  (bench/review.py)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--from", dest="src", type=Path)
    args = ap.parse_args()

    from ascurate.review import backup, db, integrity

    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        base = curated_articles(args.src, tmp)
        curated = tmp / "bench-curated"
        store = db.open_store(curated)
        secs = fill(store, base, args.articles)
        store.close()
        path = integrity.sqlite_path(db.database_url(curated))
        size = path.stat().st_size
        print(f"store: {args.articles} articles, {size / 2**20:.1f} MiB, filled in {secs:.1f} s")

        def timed(label: str, fn) -> object:  # noqa: ANN001
            t = time.perf_counter()
            out = fn()
            print(f"{label:62} {time.perf_counter() - t:8.3f} s")
            return out

        timed("identity check (every opening of the store)", lambda: integrity.inspect(path))
        timed("quick_check (review serve starts)", lambda: integrity.inspect(path, "quick"))
        timed("integrity_check (ascurate review check)", lambda: integrity.inspect(path, "full"))
        made = timed("before a run: check + online backup + quick_check of the copy", lambda: backup.before_run(curated))
        timed("before a run, store unchanged since the backup (no copy)", lambda: backup.before_run(curated))
        path.write_bytes(b"")
        timed("restore the backup over the emptied store", lambda: backup.restore(path))
        print(f"backup {made.name}: {made.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
