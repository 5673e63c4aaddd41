"""The article as schema.org JSON-LD: a MedicalWebPage that search engines can read.

`hasHealthAspect` is defined on HealthTopicContent, not on MedicalWebPage, so each
labelled section becomes a HealthTopicContent part of the page (`hasPart`) carrying
its aspects; the page itself says what it is `about` (MedicalCondition), what it
`mentions` (Drug, DrugClass, MedicalTest, MedicalTherapy), who wrote and reviewed it,
and when. Only facts the article has are written: no empty or guessed values.
"""

from __future__ import annotations

import re
from typing import Any

from .schemaorg import SCHEMA
from .vocabulary import SCHEMA_TYPE

_ORG = re.compile(r"\b(?:clinic|hospital|institute|university|center|centre|health|staff|cdc|nih|team|society|association|"
                  r"foundation|news|magazine|inc|llc|ltd|pc|department|council|college|school|dentistry|dental|"
                  r"pharmacy|group|network|agency|ministry|service|services)\b", re.I)


def build(title: str | None, language: str | None, url: str | None, review: dict[str, Any], about: dict[str, Any],
          sections: list[dict[str, Any]], reading: dict[str, Any], publisher: str | None) -> dict[str, Any]:
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalWebPage"}
    if title:
        page["name"] = page["headline"] = title
    if url and url.startswith(("http://", "https://")):
        page["url"] = url
    if language:
        page["inLanguage"] = language
    main = [e for e in about["conditions"] + about["symptoms"] if e.get("main")]
    if main:
        page["about"] = [_entity(e) for e in main]
    mentioned = [e for g in ("drugs", "drug_classes", "tests", "treatments") for e in about[g]]
    mentioned += [e for e in about["conditions"] if not e.get("main")]
    if mentioned:
        page["mentions"] = [_entity(e) for e in mentioned]
    if review.get("authors"):
        page["author"] = [_agent(p, publisher) for p in review["authors"]]
    if review.get("reviewed_by"):
        page["reviewedBy"] = [_agent(p, publisher) for p in review["reviewed_by"]]
    for key, prop in (("published", "datePublished"), ("modified", "dateModified"), ("last_reviewed", "lastReviewed")):
        if review.get(key):
            page[prop] = review[key]
    if publisher:
        page["publisher"] = {"@type": "Organization", "name": publisher}
    if reading.get("reading_minutes"):
        page["timeRequired"] = f"PT{reading['reading_minutes']}M"
    parts = [{"@type": "HealthTopicContent", **({"name": s["heading"]} if s["heading"] else {}),
              "hasHealthAspect": [SCHEMA + a for a in s["health_aspects"]]}
             for s in sections if s["health_aspects"]]
    if parts:
        page["hasPart"] = parts
    return page


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": SCHEMA_TYPE[e["type"]], "name": e["name"]}
    alt = [f for f in e.get("forms", []) if f.casefold() != e["name"].casefold()]
    if alt:
        node["alternateName"] = alt
    return node


def _agent(p: dict[str, Any], publisher: str | None) -> dict[str, Any]:
    name = p["name"]
    is_org = _ORG.search(" ".join([name, *p["credentials"]])) or (publisher and name.casefold() == publisher.casefold())
    if is_org:
        return {"@type": "Organization", "name": name}
    node: dict[str, Any] = {"@type": "Person", "name": name}
    suffix = [c for c in p["credentials"] if c not in ("Dr", "Prof")]
    prefix = [c for c in p["credentials"] if c in ("Dr", "Prof")]
    if suffix:
        node["honorificSuffix"] = ", ".join(suffix)
    if prefix:
        node["honorificPrefix"] = prefix[0] + "."
    return node
