"""Review facts: who wrote and reviewed an article, with what credentials, and when.

Extraction hands these over as the page wrote them ("Jillian Kubala, MS, RD",
"Tue Nov 19 2019 03:05:46 GMT+0000", "March 7, 2025"); here they become names,
credentials and ISO dates, and an old medical review becomes an `info` flag, because
patient-information standards ask for a review every few years (3 by default).
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateparser

from ..model import Flag

DATE_KEYS = ("published", "modified", "last_reviewed")
RULE_ID = "structure.stale-review"
_PREFIX = re.compile(r"^(?:(?:written|reviewed|medically reviewed|analysis|posted|story|words)\s+)?by\s+", re.I)
_HONORIFIC = re.compile(r"^(dr|prof)\.?\s+", re.I)
# a credential: an upper-case token like MD, PhD, RDN, E-RYT, "Dipl. ABOM", FACP
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.?\s?)?(?:[A-Z][A-Za-z.\-]*[A-Z][A-Za-z.]*|Ph\.?D\.?|M\.?D\.?|Dr\.?)(?:\s\d+)?$")


def iso_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from the many ways pages write dates; None if unreadable."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    s = re.sub(r"\s*\(.*?\)\s*$", "", value.strip())
    try:
        with warnings.catch_warnings():  # an unknown zone name ("EDT") does not change the date
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            d = dateparser.parse(s, default=datetime(1900, 1, 1), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if d.year < 1990 or d.year > 2100:  # "2000-01-01" placeholders pass; garbage does not
        return None
    return d.date().isoformat()


def person(raw: str) -> dict[str, Any] | None:
    """Name and credentials from 'Jillian Kubala, MS, RD' or 'By Dr. Anila Chadha MD, DABOM'."""
    s = re.sub(r"\s+", " ", raw).strip(" ,;.")
    creds: list[str] = []
    s = _PREFIX.sub("", s).strip(" ,")
    m = _HONORIFIC.match(s)
    if m:
        creds.append("Dr" if m.group(1).lower() == "dr" else "Prof")
        s = s[m.end():]
    parts = [p.strip() for p in s.split(",") if p.strip()]
    if not parts:
        return None
    name_words = parts[0].split()
    while len(name_words) > 1 and _CREDENTIAL.match(name_words[-1]) and name_words[-1].isupper():
        creds.insert(1 if creds[:1] in (["Dr"], ["Prof"]) else 0, name_words.pop())
    rest = [p for p in parts[1:]]
    creds += [p for p in rest if _CREDENTIAL.match(p)]
    extra = [p for p in rest if not _CREDENTIAL.match(p)]
    name = " ".join(name_words)
    if not name or _CREDENTIAL.match(name) and name.isupper() and len(name) <= 6:
        return None
    out: dict[str, Any] = {"name": name, "credentials": creds}
    if extra:
        out["affiliation"] = ", ".join(extra)
    return out


def people(values: Any) -> list[dict[str, Any]]:
    """People from a metadata list; a lone credential ('MA') joins the person before it."""
    if isinstance(values, str):
        values = [values]
    out: list[dict[str, Any]] = []
    for v in values or []:
        if not isinstance(v, str):
            continue
        s = v.strip(" ,;")
        if out and _CREDENTIAL.match(s) and len(s) <= 10:
            out[-1]["credentials"].append(s)
            continue
        p = person(s)
        if p and p["name"].casefold() not in {q["name"].casefold() for q in out}:
            out.append(p)
    return out


def review_facts(metadata: dict[str, Any], stale_years: float, today: date | None = None) -> dict[str, Any]:
    """Normalised authors, reviewers and dates, the review's age and whether it is stale."""
    today = today or date.today()
    facts: dict[str, Any] = {"authors": people(metadata.get("authors")),
                             "reviewed_by": people(metadata.get("reviewed_by"))}
    for k in DATE_KEYS:
        facts[k] = iso_date(metadata.get(k))
    facts["review_age_days"] = None
    facts["stale_review"] = False
    if facts["last_reviewed"]:
        age = (today - date.fromisoformat(facts["last_reviewed"])).days
        facts["review_age_days"] = age
        facts["stale_review"] = age > stale_years * 365.25
    return facts


def stale_flag(facts: dict[str, Any], raw: Any, text: str, stale_years: float) -> Flag | None:
    """An `info` flag for a review older than the allowed age, quoting the date if the text shows it."""
    if not facts.get("stale_review"):
        return None
    start = text.find(raw) if isinstance(raw, str) and raw else -1
    start, end = (start, start + len(raw)) if start >= 0 else (0, 0)
    years = facts["review_age_days"] / 365.25
    return Flag(kind="stale_review", start=start, end=end, quote=text[start:end], severity="info",
                message=f"Last medically reviewed on {facts['last_reviewed']}, {years:.1f} years ago "
                        f"(reviews are due every {stale_years:g} years).",
                rule=RULE_ID)


def normalise_metadata(metadata: dict[str, Any], facts: dict[str, Any]) -> None:
    """Dates become ISO dates (the page's own wording kept under `dates_as_written`);
    people's credentials are split out into `credentials`."""
    raw = {}
    for k in DATE_KEYS:
        if facts.get(k) and metadata.get(k) != facts[k]:
            raw[k] = metadata[k]
            metadata[k] = facts[k]
    if raw:
        metadata["dates_as_written"] = raw
    creds = {p["name"]: p["credentials"] for p in facts["authors"] + facts["reviewed_by"] if p["credentials"]}
    if creds:
        metadata["credentials"] = creds
