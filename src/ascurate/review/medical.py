"""Two-person review for medical content: an article that names a condition or a drug
(the pipeline's `about`, structure/about.py) is published only once a reviewer with the
`medical` role has signed it off as well as an editor approving it.

Optional and configurable: `ASCURATE_MEDICAL_REVIEW` names the `about` groups that need
the sign-off (`conditions,drugs`; `on` for those two; unset or `off`: no second review).
The store keeps each article's named terms (`medical_terms`, written by sync) whatever
the setting, so turning it on needs no resync and the queue can filter on it.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from .models import Article

ENV = "ASCURATE_MEDICAL_REVIEW"
DEFAULT_GROUPS = ("conditions", "drugs")
KNOWN_GROUPS = ("conditions", "drugs", "drug_classes", "symptoms", "tests", "treatments")


def groups(value: str | None = None) -> tuple[str, ...]:
    """The `about` groups whose naming needs a medical sign-off ((): the second review is off)."""
    v = (os.environ.get(ENV, "") if value is None else value).strip().lower()
    if v in ("", "0", "off", "no", "false"):
        return ()
    if v in ("1", "on", "yes", "true"):
        return DEFAULT_GROUPS
    chosen = tuple(g.strip() for g in v.split(",") if g.strip())
    unknown = [g for g in chosen if g not in KNOWN_GROUPS]
    if unknown:
        raise ValueError(f"{ENV}: unknown group(s) {unknown}; known: {', '.join(KNOWN_GROUPS)}")
    return chosen


def terms(data: dict[str, Any]) -> str | None:
    """`|group:name|...|` for what the article is about, or None: a short column for filters."""
    about = data.get("about") or {}
    found = [f"{g}:{e['name']}" for g in KNOWN_GROUPS for e in about.get(g) or []
             if isinstance(e, dict) and e.get("name")]
    return "|" + "|".join(found) + "|" if found else None


def named(stored: str | None, chosen: tuple[str, ...]) -> list[str]:
    """The names in `stored` terms that belong to the chosen groups."""
    out = []
    for t in (stored or "").strip("|").split("|"):
        g, _, name = t.partition(":")
        if g in chosen and name:
            out.append(name)
    return out


def waiting(art: Any, chosen: tuple[str, ...]) -> bool:
    """Needs a medical sign-off it does not have."""
    return bool(chosen) and art.medical_by is None and bool(named(art.medical_terms, chosen))


def needs_clause(chosen: tuple[str, ...]) -> ColumnElement[bool]:
    """SQL: articles that wait for a medical sign-off."""
    return and_(Article.medical_by.is_(None),
                or_(*(Article.medical_terms.like(f"%|{g}:%") for g in chosen)))
