"""The weekly report: what editors were asked to look at, and how often each rule fired.

Read from the curated folder itself (the article JSON files), not from a run's memory,
so the report covers every article however many runs produced it, and reads them one
at a time (a large folder costs time, not memory). A rule that fires on most articles
is probably too broad; one that never fires may be dead: the hit rates show both.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .emit import atomic_write


@dataclass(slots=True)
class Report:
    articles: int = 0  # articles in curated/ (duplicates and rejected included)
    recent: int = 0  # of which written or changed in the report's window
    days: float = 7.0
    status: Counter[str] = field(default_factory=Counter)
    flag_kinds: Counter[str] = field(default_factory=Counter)  # flags per kind
    flag_rules: Counter[str] = field(default_factory=Counter)  # articles with at least one hit, per rule
    flag_hits: Counter[str] = field(default_factory=Counter)  # flags per rule
    removal_rules: Counter[str] = field(default_factory=Counter)  # articles with at least one removal, per rule
    unreadable: list[str] = field(default_factory=list)

    def hit_rate(self, articles_with_hit: int) -> float:
        return round(articles_with_hit / self.articles, 4) if self.articles else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "recent": self.recent, "days": self.days, "status": dict(self.status),
            "flag_kinds": dict(self.flag_kinds.most_common()),
            "flag_rules": [{"rule": r, "articles": n, "flags": self.flag_hits[r], "hit_rate": self.hit_rate(n)}
                           for r, n in self.flag_rules.most_common()],
            "removal_rules": [{"rule": r, "articles": n, "hit_rate": self.hit_rate(n)}
                              for r, n in self.removal_rules.most_common()],
            "unreadable": self.unreadable,
        }


def build(out: str | Path, days: float = 7.0, now: float | None = None) -> Report:
    """Count statuses, flags and rule hits over every article JSON in OUT/articles."""
    rep = Report(days=days)
    since = (now or time.time()) - days * 86400
    for path in sorted((Path(out) / "articles").glob("*.json")):
        try:
            art = json.loads(path.read_text(encoding="utf-8"))
            mtime = path.stat().st_mtime
        except (OSError, ValueError) as e:
            rep.unreadable.append(f"{path.name}: {e}")
            continue
        rep.articles += 1
        rep.recent += mtime >= since
        rep.status[art.get("status", "?")] += 1
        rules = Counter(f.get("rule") or f.get("kind", "?") for f in art.get("flags", []))
        rep.flag_kinds.update(f.get("kind", "?") for f in art.get("flags", []))
        rep.flag_hits.update(rules)
        rep.flag_rules.update(rules.keys())
        rep.removal_rules.update({r.get("reason", "?") for r in art.get("removed", [])})
    return rep


def markdown(rep: Report, title: str = "ascurate weekly report") -> str:
    lines = [f"# {title}", "",
             f"{rep.articles} articles, {rep.recent} new or changed in the last {rep.days:g} days.", "",
             "| status | articles |", "| --- | ---: |"]
    lines += [f"| {s} | {n} |" for s, n in sorted(rep.status.items())]
    lines += ["", "## Flags by kind", "", "| kind | flags |", "| --- | ---: |"]
    lines += [f"| {k} | {n} |" for k, n in rep.flag_kinds.most_common()]
    lines += ["", "## Flag rules", "", "| rule | articles | flags | hit rate |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{r}` | {n} | {rep.flag_hits[r]} | {rep.hit_rate(n):.1%} |" for r, n in rep.flag_rules.most_common()]
    lines += ["", "## Furniture rules", "", "| rule | articles | hit rate |", "| --- | ---: | ---: |"]
    lines += [f"| `{r}` | {n} | {rep.hit_rate(n):.1%} |" for r, n in rep.removal_rules.most_common()]
    if rep.unreadable:
        lines += ["", "## Unreadable article files", ""] + [f"- {u}" for u in rep.unreadable]
    return "\n".join(lines) + "\n"


def write(rep: Report, out: str | Path, stamp: str | None = None) -> Path:
    """OUT/reports/report-<date>.md and .json (atomic; a rerun the same day replaces them)."""
    stamp = stamp or time.strftime("%Y-%m-%d")
    folder = Path(out) / "reports"
    atomic_write(folder / f"report-{stamp}.json", json.dumps(rep.to_dict(), indent=1) + "\n")
    path = folder / f"report-{stamp}.md"
    atomic_write(path, markdown(rep))
    return path
