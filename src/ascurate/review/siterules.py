"""Editors' per-site rules: "this flag rule is wrong on this site".

One TOML file per rule under `curated/.ascurate/site-rules/` (id, site, flag rule, who,
when, why): data an editor can read, diff and back up, beside the run state. Made from
the review desk, a rule dismisses that flag rule's open flags on that site at once (one
audited batch), and every later sync (the curate run's) dismisses its new flags there,
citing the rule's id, so a false alarm the editors dismissed does not come back on the
site's other pages. Removing the rule reopens what it dismissed.
"""

from __future__ import annotations

import json
import tomllib
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..emit import atomic_write

FOLDER = Path(".ascurate") / "site-rules"


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


def folder(curated: str | Path) -> Path:
    return Path(curated) / FOLDER


def load(curated: str | Path | None) -> list[SiteRule]:
    """Every rule in the folder, oldest first; a file that does not parse is skipped."""
    if curated is None or not folder(curated).is_dir():
        return []
    out = []
    for p in sorted(folder(curated).glob("*.toml")):
        try:
            d = tomllib.loads(p.read_text(encoding="utf-8"))["site_rule"]
            out.append(SiteRule(**{k: str(d[k]) for k in ("id", "site", "rule", "who", "when", "why")}))
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError):
            continue
    return sorted(out, key=lambda r: r.when)


def index(rules: list[SiteRule]) -> dict[tuple[str, str], SiteRule]:
    return {(r.site, r.rule): r for r in rules}


def add(curated: str | Path, site: str, rule: str, who: str, why: str) -> SiteRule:
    if not site or not rule:
        raise ValueError("a site rule needs the article's site and the flag's rule")
    r = SiteRule(uuid.uuid4().hex[:12], site, rule, who, datetime.now(UTC).isoformat(timespec="seconds"),
                 why.strip() or "wrong on this site")
    body = "[site_rule]\n" + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in asdict(r).items())
    atomic_write(folder(curated) / f"{r.id}.toml", body)  # JSON strings are TOML basic strings
    return r


def remove(curated: str | Path, rule_id: str) -> SiteRule:
    found = next((r for r in load(curated) if r.id == rule_id), None)
    if found is None:
        raise ValueError(f"no site rule {rule_id}")
    (folder(curated) / f"{rule_id}.toml").unlink()
    return found
