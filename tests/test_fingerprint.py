"""Library versions, model files and rule files are part of the rerun fingerprint and of
the batch cache key: after an upgrade the run reprocesses and says why."""

from __future__ import annotations

import shutil

import pytest

from ascurate import config
from ascurate.config import changed_parts, load_config
from ascurate.pipeline import run


@pytest.fixture
def upgraded(tmp_path, monkeypatch):
    """A newer datasketch as pip would leave it: its metadata first on the path (the code
    is the installed one; only the version that the fingerprint reads changes)."""
    def upgrade(name: str, version: str) -> None:
        site = tmp_path / f"site-{name}-{version}"
        info = site / f"{name}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        monkeypatch.syspath_prepend(str(site))
        config.dependency_versions.cache_clear()

    yield upgrade
    monkeypatch.undo()
    config.dependency_versions.cache_clear()


def test_fingerprint_names_the_tracked_libraries():
    parts = load_config("/nonexistent.toml").fingerprint_parts()
    for name in ("trafilatura", "lxml", "langdetect", "datasketch", "scikit-learn", "settings", "rules", "ascurate"):
        assert parts[name] and parts[name] != "absent", name
    assert changed_parts({**parts, "trafilatura": "2.3.1"}, {**parts, "trafilatura": "2.4.0"}) == [
        "trafilatura 2.3.1 -> 2.4.0"]
    assert changed_parts({**parts, "rules": "a"}, parts) == ["rules changed"]


def test_a_library_upgrade_changes_the_fingerprint(upgraded):
    cfg = load_config("/nonexistent.toml")
    before = cfg.fingerprint()
    upgraded("datasketch", "99.0")
    assert cfg.fingerprint_parts()["datasketch"] == "99.0"
    assert cfg.fingerprint() != before  # the batch cache key (flows/curate.py: batch_key) holds it


def test_a_rule_file_edit_changes_the_fingerprint(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text("")
    cfg = load_config("/nonexistent.toml", rules_dirs=(str(extra),))
    before = cfg.fingerprint()
    extra.write_text("# an editor's note\n")
    assert cfg.fingerprint() != before


def test_after_an_upgrade_the_run_reprocesses_and_says_why(corpus, tmp_path, upgraded):
    raw = tmp_path / "raw"
    shutil.copytree(corpus / "seeds", raw)
    cfg = load_config("/nonexistent.toml")
    first = run(raw, tmp_path / "out", cfg)
    assert first.documents == 2 and first.reprocessed == []
    old = config.dependency_versions()["datasketch"]
    upgraded("datasketch", "99.0")
    again = run(raw, tmp_path / "out", cfg)
    assert again.skipped_unchanged == 0 and again.documents == 2
    assert again.reprocessed == [f"datasketch {old} -> 99.0"]
    third = run(raw, tmp_path / "out", cfg)
    assert third.skipped_unchanged == 2 and third.documents == 0 and third.reprocessed == []
