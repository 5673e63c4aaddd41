"""Shared inputs for the review desk's tests: real pages through the real pipeline.

The raw folder holds the two seed pages, two short pages with the same editorial
leftover in different sentences (identical matches across articles), and a hostile
page whose text contains `<script>` and `onerror=` (escaping). It is curated once per
session; each test gets its own copy and its own store.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.pipeline import run

HOSTILE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Living with asthma &lt;script&gt;alert("title")&lt;/script&gt;</title></head>
<body>
<nav><a href="/">Home</a> <a href="/conditions">Conditions</a></nav>
<article>
<h1>Living with asthma &lt;script&gt;alert("title")&lt;/script&gt;</h1>
<p>Asthma is a long-term condition that affects the airways, the tubes that carry air in and out of the lungs. People with asthma have airways that are more sensitive than usual, and they can become narrow and inflamed when something irritates them.</p>
<p>Common triggers include pollen, dust mites, cold air and exercise. Some pages paste code by mistake, and &lt;img src=x onerror=alert(1)&gt; should show as plain text to editors. TODO: remove &lt;script&gt;alert("xss")&lt;/script&gt; before launch</p>
<p>About one in twelve adults is treated for asthma, and many of them use a preventer inhaler every day to keep the inflammation in their airways down.</p>
<p>A reliever inhaler opens the airways quickly during an attack. If you need your reliever more than three times a week, talk to your doctor or asthma nurse about reviewing your treatment plan.</p>
</article>
<footer>Copyright 2024 Example Health. All rights reserved.</footer>
</body></html>
"""

NOTE = "TODO: add the dosage table."
NOTES = {
    "notes-a.txt": f"""Managing migraine at work

Migraine is a common condition that causes moderate or severe headaches, often with nausea and sensitivity to light. Many people with migraine work full time and find that regular breaks, good lighting and a steady routine help them cope.

Keeping a headache diary can help you and your doctor find your triggers. {NOTE} Pain relief works best when it is taken at the first sign of an attack rather than waiting until the pain is severe.

Talk to your employer about reasonable adjustments, such as screen filters or flexible hours, if attacks are frequent.
""",
    "notes-b.txt": f"""Treating tension headaches

Tension headaches are the most common type of headache and feel like a tight band around the head. They are usually not serious and often get better with rest, fluids and simple pain relief bought from a pharmacy.

Over-the-counter painkillers such as paracetamol or ibuprofen can ease the pain for most adults. {NOTE} Avoid taking painkillers on more than a few days a week, because overuse can cause more headaches.

See a doctor if headaches are frequent, severe, or come with other symptoms such as a stiff neck or fever.
""",
}


def make_raw(raw: Path, corpus: Path) -> Path:
    shutil.copytree(corpus / "seeds", raw, ignore=shutil.ignore_patterns("*.gold.json"))
    (raw / "hostile.html").write_text(HOSTILE, encoding="utf-8")
    for name, text in NOTES.items():
        (raw / name).write_text(text, encoding="utf-8")
    return raw


def curate(raw: Path, out: Path) -> None:
    run(raw, out, load_config(Path("/nonexistent/ascurate.toml")))


@pytest.fixture(scope="session")
def curated_once(tmp_path_factory, corpus) -> Path:
    base = tmp_path_factory.mktemp("review-corpus")
    raw = make_raw(base / "raw", corpus)
    curate(raw, base / "curated")
    from ascurate.review import db, sync

    st = db.Store(db.database_url(base / "curated"))  # migrated and synced once; tests copy it
    sync.sync_curated(st, base / "curated")
    st.close()
    return base


@pytest.fixture
def workdir(curated_once, tmp_path) -> Path:
    """A private copy of raw/ and curated/ (tests rerun the pipeline on changed input)."""
    for name in ("raw", "curated"):
        shutil.copytree(curated_once / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def store(workdir):
    from ascurate.review import db, sync

    st = db.Store(db.database_url(workdir / "curated"))
    sync.sync_curated(st, workdir / "curated")
    yield st
    st.close()


PG_URL = "ASCURATE_TEST_POSTGRES_URL"  # a scratch PostgreSQL database, emptied by the tests that use it


def scratch_postgres_store(url: str):
    """A store on the scratch PostgreSQL database at `url`, emptied and migrated."""
    from sqlalchemy import create_engine, text

    from ascurate.review import db
    from ascurate.review.models import Base

    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        conn.execute(text("DROP FUNCTION IF EXISTS audit_append_only() CASCADE"))
    Base.metadata.drop_all(eng)
    eng.dispose()
    return db.Store(url)
