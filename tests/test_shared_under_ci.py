"""A test that needs ../shared skips on a developer's machine without it, but fails under
CI (CI=true), where a skip would hide that the data is missing."""

from __future__ import annotations

import pytest

from .conftest import need_shared


def test_missing_shared_data_fails_under_ci(tmp_path, monkeypatch):
    missing = tmp_path / "shared" / "corpus"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have it"):
        need_shared(missing)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        need_shared(missing)
    assert need_shared(tmp_path) == tmp_path
