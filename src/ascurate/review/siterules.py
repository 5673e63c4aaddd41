"""Editors' per-site rules, made on the review desk.

One TOML file per rule under `curated/.ascurate/site-rules/` (`[site_rule]`): data an
editor can read, diff and back up, beside the run state. Three kinds:

- `flag`: "this flag rule is wrong on this site" (id, site, flag rule, who, when, why).
  Made, it dismisses that flag rule's open flags on the site at once (one audited
  batch), and every later sync (the curate run's) dismisses its new flags there, citing
  the rule's id, so a false alarm the editors dismissed does not come back on the site's
  other pages. Removing the rule reopens what it dismissed.
- `remove`: "remove this everywhere on this site" (a kept block, or a piece of text).
- `keep`: "never remove this" (a block cleaning removed by mistake).
  Both cleaning kinds carry the text, its normalised pattern and the article it was made
  from; the next curate run applies them as cleaning's last layer
  (`ascurate.clean.siterules`) and is reprocessed for them.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..clean import siterules as cleaning_rules
from ..emit import atomic_write

FOLDER = cleaning_rules.FOLDER
KINDS = ("flag", *cleaning_rules.KINDS)


@dataclass(frozen=True, slots=True)
class SiteRule:
    id: str
    site: str
    rule: str  # the flag rule (flags[].rule) that is wrong on this site
    who: str
    when: str
    why: str

    @property
    def reason(self) -> str:
        """The dismissal reason it writes on a flag (and how its flags are found again)."""
        return f"site rule {self.id}: {self.why}"


@dataclass(frozen=True, slots=True)
class CleaningRule:
    """A `remove` or `keep` rule as the desk lists it."""

    id: str
    site: str
    kind: str
    scope: str  # block | span
    text: str
    pattern: str  # the normalised form it matches by (cleaning_rules.normalise)
    who: str
    when: str
    why: str
    article: str  # the source of the article it was made from

    @property
    def reason(self) -> str:
        """The reason cleaning gives its removals."""
        return cleaning_rules.PREFIX + self.id


def folder(curated: str | Path) -> Path:
    return Path(curated) / FOLDER


def load(curated: str | Path | None) -> list[SiteRule]:
    """The `flag` rules, oldest first (files written before rules had kinds are flag rules)."""
    return [SiteRule(*(d.get(k, "") for k in ("id", "site", "rule", "who", "when", "why")))
            for d in cleaning_rules.read_files(curated) if d.get("kind", "flag") == "flag" and d.get("rule")]


def load_cleaning(curated: str | Path | None) -> list[CleaningRule]:
    """The `remove` and `keep` rules, oldest first."""
    return [CleaningRule(d["id"], d["site"], d["kind"], d.get("scope") or "block", d.get("text", ""),
                         d.get("pattern", ""), d.get("who", ""), d.get("when", ""), d.get("why", ""),
                         d.get("article", ""))
            for d in cleaning_rules.read_files(curated) if d.get("kind") in cleaning_rules.KINDS]


def index(rules: list[SiteRule]) -> dict[tuple[str, str], SiteRule]:
    return {(r.site, r.rule): r for r in rules}


def _write(curated: str | Path, fields: dict[str, Any]) -> None:
    body = "[site_rule]\n" + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
    atomic_write(folder(curated) / f"{fields['id']}.toml", body)  # JSON strings are TOML basic strings


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add(curated: str | Path, site: str, rule: str, who: str, why: str) -> SiteRule:
    """A `flag` rule: `rule` is wrong on `site`."""
    if not site or not rule:
        raise ValueError("a site rule needs the article's site and the flag's rule")
    r = SiteRule(uuid.uuid4().hex[:12], site, rule, who, _now(), why.strip() or "wrong on this site")
    _write(curated, {"kind": "flag", **asdict(r)})
    return r


def add_cleaning(curated: str | Path, site: str, kind: str, text: str, who: str, *, scope: str = "block",
                 why: str = "", article: str = "") -> CleaningRule:
    """A `remove` rule (scope `block` or `span`) or a `keep` rule for `text` on `site`."""
    text = text.strip()
    if kind not in cleaning_rules.KINDS or scope not in ("block", "span") or (kind == "keep" and scope != "block"):
        raise ValueError(f"unknown cleaning rule {kind}/{scope}")
    if not site or not text:
        raise ValueError("a site rule needs the article's site and the text")
    if not re.search(r"[^\W\d_]", cleaning_rules.normalise(text).replace("@", "")):
        raise ValueError("the text has no words: it would match any number or date on the site")
    done = next((r for r in load_cleaning(curated) if r.site == site and r.kind == kind and r.scope == scope
                 and r.pattern == cleaning_rules.normalise(text)), None)
    if done is not None:
        raise ValueError(f"site rule {done.id} already says this")
    r = CleaningRule(uuid.uuid4().hex[:12], site, kind, scope, text, cleaning_rules.normalise(text), who, _now(),
                     why.strip() or ("furniture on this site" if kind == "remove" else "content on this site"), article)
    _write(curated, asdict(r))
    return r


def remove(curated: str | Path, rule_id: str) -> SiteRule | CleaningRule:
    """Delete a rule's file; the rule as it was."""
    found = next((r for r in [*load(curated), *load_cleaning(curated)] if r.id == rule_id), None)
    if found is None:
        raise ValueError(f"no site rule {rule_id}")
    (folder(curated) / f"{rule_id}.toml").unlink()
    return found
