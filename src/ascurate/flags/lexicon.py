"""Word lists and thresholds of the shape detectors (`rules/shapes.toml`), as data.

Tables are read in rule-file order, so a site's file (Config.rules_dirs) replaces a
shipped table by giving its id again. Detectors compile what they build from a table
once per set of rule files (`files(cfg)` is the cache key)."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from ..config import Config, rule_files
from ..rulebook import RuleError


def files(cfg: Config) -> tuple[str, ...]:
    return tuple(map(str, rule_files(cfg)))


@cache
def tables(paths: tuple[str, ...], section: str) -> dict[str, dict[str, Any]]:
    """`[[section]]` tables by id, the last one read winning."""
    out: dict[str, dict[str, Any]] = {}
    for p in paths:
        for raw in _read(p).get(section, []):
            if "id" not in raw:
                raise RuleError(f"{p}: a [[{section}]] table has no id")
            out[raw["id"]] = raw
    return out


def for_language(paths: tuple[str, ...], section: str, language: str | None) -> dict[str, Any] | None:
    """The table of `section` for a language (None when there is none)."""
    return next((t for t in tables(paths, section).values() if t.get("lang") == language), None)


def languages(paths: tuple[str, ...]) -> frozenset[str]:
    """The languages the shape detectors have word lists for (`[[languages]] shapes`)."""
    t = tables(paths, "languages").get("shapes")
    return frozenset(t["codes"]) if t else frozenset()


def threshold(cfg: Config, kind: str) -> float:
    """The score at or above which a candidate of this kind becomes a flag."""
    t = tables(files(cfg), "threshold").get(kind)
    return float(t["value"]) if t else 0.5


@cache
def _read(path: str) -> dict[str, Any]:
    with open(path, "rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise RuleError(f"{path}: {e}") from e
