"""Where batches run: worker processes, a Dask cluster, the batch cache and the per-folder
slot. Each flow path must give exactly the articles the library gives in one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.flows import curate as curate_flow
from ascurate.pipeline import run

pytestmark = pytest.mark.prefect

PAGES = 8


def articles(out: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted((out / "articles").glob("*.json"))}


@pytest.fixture(scope="module")
def raw(corpus, tmp_path_factory) -> Path:
    """A few health-dev pages, plus one broken input that must become an error record."""
    folder = tmp_path_factory.mktemp("parallel") / "raw"
    folder.mkdir()
    for page in sorted((corpus / "health-dev").glob("*.html"))[:PAGES]:
        shutil.copy(page, folder / page.name)
    (folder / "broken.html.gz").write_bytes(b"not gzip")
    return folder


@pytest.fixture(scope="module")
def library_articles(raw, tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("lib") / "curated"
    summary = run(raw, out, load_config(Path("/nonexistent/ascurate.toml")))
    assert summary.errors == 1 and summary.documents == PAGES + 1
    return articles(out)


def refreshing():
    """Make every batch task compute again (the cache would otherwise serve earlier runs)."""
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    return temporary_settings({PREFECT_TASKS_REFRESH_CACHE: True})


@pytest.mark.parametrize(("doc_timeout", "parallel"), [
    (60, "document-processes"),
    pytest.param(0, "worker-processes", marks=pytest.mark.slow),  # spawned workers each load the pipeline cold
])
def test_processes_give_the_library_articles(prefect_server, raw, library_articles, tmp_path, doc_timeout, parallel):
    """With a document time limit the library's per-document children do the work; without
    one, a pool of worker processes does. Either way: the library's articles."""
    curate = curate_flow.curate
    (tmp_path / "ascurate.toml").write_text(f"[ascurate]\ndoc_timeout = {doc_timeout}\n")
    with refreshing():
        summary = curate(raw=str(raw), out=str(tmp_path / "out"), batch_size=2, workers=2,
                         config_file=str(tmp_path / "ascurate.toml"))
    assert summary["parallel"] == parallel and summary["workers"] == 2
    assert summary["batches"] == 5 and summary["batches_cached"] == 0
    assert summary["errors"] == 1
    assert articles(tmp_path / "out") == library_articles


def test_unchanged_batches_come_from_the_cache(prefect_server, raw, library_articles, tmp_path):
    """A second curated/ folder over the same inputs: every batch is a cache hit, same articles."""
    curate = curate_flow.curate
    with refreshing():
        curate(raw=str(raw), out=str(tmp_path / "first"), batch_size=3, workers=2)
    summary = curate(raw=str(raw), out=str(tmp_path / "second"), batch_size=3, workers=2)
    assert summary["batches"] == 3 and summary["batches_cached"] == 3
    assert articles(tmp_path / "second") == library_articles
    (raw / "broken.html.gz").write_bytes(b"still not gzip")  # changed bytes: that batch runs again
    try:
        summary = curate(raw=str(raw), out=str(tmp_path / "third"), batch_size=3, workers=2)
    finally:
        (raw / "broken.html.gz").write_bytes(b"not gzip")
    assert summary["batches"] == 3 and summary["batches_cached"] == 2


@pytest.mark.slow  # starts a local Dask cluster
def test_dask_cluster_gives_the_same_articles(prefect_server, raw, library_articles, tmp_path):
    """The same flow with its batch tasks on a local Dask cluster (prefect-dask's DaskTaskRunner)."""
    module = curate_flow
    runner = module.dask_runner(cluster_kwargs={"n_workers": 2, "processes": False, "threads_per_worker": 1})
    with refreshing():
        summary = module.curate.with_options(task_runner=runner)(raw=str(raw), out=str(tmp_path / "out"), batch_size=2)
    assert summary["parallel"] == "dask"  # no local process pool: the cluster runs the batches
    assert summary["batches"] == 5 and summary["batches_cached"] == 0
    assert articles(tmp_path / "out") == library_articles
