"""Rules as data: TOML files with one table per rule, each with an id, a pattern,
examples and counter-examples (which the tests run), loaded once per process.

Shipped rules live in `ascurate/rules/`; files named in `Config.rules_dirs` are read
after them, and a rule with an id that exists already replaces it (so a site can
override a shipped rule), one with `disabled = true` switches it off.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config, rule_files


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    section: str  # the TOML array the rule came from, e.g. "furniture" or "flag"
    pattern: re.Pattern[str]
    data: dict[str, Any] = field(default_factory=dict)  # every other key of the rule
    source: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def examples(self) -> list[str]:
        return list(self.data.get("examples", []))

    @property
    def counter_examples(self) -> list[str]:
        return list(self.data.get("counter_examples", []))


class RuleError(ValueError):
    pass


MEMO_ITEMS = 20_000  # results kept per rule set and purpose in one worker (a block's text each)
_memos: dict[tuple[Any, ...], tuple[list[Rule], dict[Any, Any]]] = {}


def forget_memos() -> None:
    """Drop every kept result (tests; a worker never needs to: rule sets key them)."""
    _memos.clear()


def memo(rules: list[Rule], purpose: str) -> dict[Any, Any]:
    """This worker's results computed under exactly these rules, for one purpose (a pure
    function of a text and the rules: a block's furniture outcome, its flag matches).
    The rules are kept with it, so their ids stay theirs; a caller clears it when it
    holds `MEMO_ITEMS`."""
    key = (purpose, *map(id, rules))
    entry = _memos.get(key)
    if entry is None:
        if len(_memos) >= 16:
            _memos.clear()
        entry = _memos[key] = (list(rules), {})
    return entry[1]


def load(cfg: Config, section: str) -> list[Rule]:
    return list(rules(rule_paths(cfg), section))


def raw_tables(cfg: Config, section: str) -> list[tuple[dict[str, Any], str]]:
    """Every `[[section]]` table of the rule files in load order, with its file's name,
    for loaders that build something other than pattern rules (the vocabulary)."""
    return [(raw, Path(p).name) for p in rule_files(cfg) for raw in _read(str(p)).get(section, [])]


@lru_cache(maxsize=64)
def tables(paths: tuple[str, ...], section: str) -> dict[str, dict[str, Any]]:
    """`[[section]]` tables that are data rather than pattern rules (word lists,
    thresholds), by id, in file order: a later file's table replaces one with the same
    id, `disabled = true` drops it. Keyed by the rule files (`rule_paths(cfg)`)."""
    out: dict[str, dict[str, Any]] = {}
    for p in paths:
        for raw in _read(p).get(section, []):
            if "id" not in raw:
                raise RuleError(f"{p}: a [[{section}]] table has no id")
            if raw.get("disabled"):
                out.pop(raw["id"], None)
            else:
                out[raw["id"]] = raw
    return out


def rule_paths(cfg: Config) -> tuple[str, ...]:
    """The rule files of a configuration, in load order: the key of every cache here."""
    return tuple(str(p) for p in rule_files(cfg))


@lru_cache(maxsize=128)
def _read(path: str) -> dict[str, Any]:
    with open(path, "rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise RuleError(f"{path}: {e}") from e


@lru_cache(maxsize=64)
def rules(paths: tuple[str, ...], section: str) -> tuple[Rule, ...]:
    """The pattern rules of a section in these files (`rule_paths(cfg)`), compiled once."""
    out: dict[str, Rule] = {}
    for p in paths:
        doc = _read(p)
        for raw in doc.get(section, []):
            rid = raw.get("id")
            if not rid:
                raise RuleError(f"{p}: a [[{section}]] rule has no id")
            if raw.get("disabled"):
                out.pop(rid, None)
                continue
            flags = 0 if raw.get("case_sensitive") else re.I
            try:
                pat = re.compile(raw["pattern"], flags | re.U)
            except (KeyError, re.error) as e:
                raise RuleError(f"{p}: rule {rid}: bad or missing pattern: {e}") from e
            data = {k: v for k, v in raw.items() if k not in ("id", "pattern")}
            out[rid] = Rule(rid, section, pat, data, Path(p).name)
    return tuple(out.values())
