"""Shared fixtures. Library tests run without Prefect; the few flow tests share one
Prefect test server for the whole session (it takes ~11 s to start)."""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# a Prefect home of the session's own: persisted batch results (the flow's cache) from an
# earlier test session or a user's runs must not turn this session's cache misses into hits
_PREFECT_HOME = os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="ascurate-tests-prefect-")
os.environ.pop("PREFECT_API_URL", None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCHEMA = SHARED / "article.schema.json"


def need_shared(path: Path) -> Path:
    """A file or folder of ../shared that a test needs: missing, the test is skipped on a
    developer's machine but fails under CI (CI=true), where a skip would hide it."""
    if not path.exists():
        message = f"{path} is not beside the repository (../shared)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message + ": CI must have it", pytrace=False)
        pytest.skip(message)
    return path


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1") and not (CORPUS.is_dir() and SCHEMA.is_file()):
        raise pytest.UsageError(f"CI=true but {SHARED} (corpus, article schema) is missing")


def pytest_unconfigure(config: pytest.Config) -> None:
    """The session's Prefect home (its database, persisted batch results) goes with it."""
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return need_shared(CORPUS)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test over every corpus page (`corpus_pages`) is slow: CI runs it in its second step."""
    for item in items:
        if "corpus_pages" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def corpus_pages(corpus) -> list[str]:
    """The HTML of every bench and health-dev page (206), decoded as the XPath tests read them.
    Tests that use it are marked slow (pytest_collection_modifyitems)."""
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted((corpus / "bench").glob("*.html.gz"))]
    pages += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "health-dev").glob("*.html"))]
    assert len(pages) >= 200
    return pages


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect test server (SQLite, in-process) for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def cfg():
    from ascurate.config import load_config

    return load_config(Path("/nonexistent/ascurate.toml"))
