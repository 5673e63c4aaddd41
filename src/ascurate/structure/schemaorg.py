"""An offline check of JSON-LD against the schema.org subset in `schemaorg.toml`.

Search engines ignore (or warn about) markup with unknown types, properties used on
the wrong type, or values of the wrong kind; the network is closed here, so the part of
schema.org that ascurate writes is shipped as data and every article's JSON-LD can be
checked against it, in tests and by anyone who extends the output.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA = "https://schema.org/"
_DATA = Path(__file__).with_name("schemaorg.toml")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_DURATION = re.compile(r"^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$")
_URL = re.compile(r"^https?://\S+$")
DATATYPES = {
    "Text": lambda v: isinstance(v, str),
    "URL": lambda v: isinstance(v, str) and bool(_URL.match(v)),
    "Date": lambda v: isinstance(v, str) and bool(_DATE.match(v)),
    "DateTime": lambda v: isinstance(v, str) and bool(_DATETIME.match(v)),
    "Duration": lambda v: isinstance(v, str) and bool(_DURATION.match(v)),
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
}


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    with _DATA.open("rb") as fh:
        return tomllib.load(fh)


def ancestors(t: str) -> list[str]:
    types = vocabulary()["types"]
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        if x in types and x not in out:
            out.append(x)
            stack.extend(types[x]["parents"])
    return out


def is_a(t: str, want: str) -> bool:
    return want in ancestors(t)


def validate(node: Any, path: str = "$") -> list[str]:
    """Problems found in a JSON-LD node (and everything under it); [] when valid."""
    errors: list[str] = []
    if not isinstance(node, dict):
        return [f"{path}: a node must be an object"]
    if path == "$" and node.get("@context") not in ("https://schema.org", "https://schema.org/", "http://schema.org"):
        errors.append(f"{path}: @context must be https://schema.org")
    types = node.get("@type")
    types = [types] if isinstance(types, str) else types
    if not types or not all(isinstance(t, str) for t in types):
        return errors + [f"{path}: no @type"]
    known = vocabulary()["types"]
    for t in types:
        if t not in known:
            errors.append(f"{path}: unknown type {t}")
    props: dict[str, list[str]] = {}
    for t in types:
        for a in ancestors(t):
            for p, rng in known[a]["properties"].items():
                props.setdefault(p, []).extend(rng)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in props:
            errors.append(f"{path}.{key}: not a property of {'/'.join(types)}")
            continue
        values = value if isinstance(value, list) else [value]
        for i, v in enumerate(values):
            errors += _check_value(v, props[key], f"{path}.{key}[{i}]" if isinstance(value, list) else f"{path}.{key}")
    return errors


def _check_value(v: Any, allowed: list[str], path: str) -> list[str]:
    enums = vocabulary()["enumerations"]
    if isinstance(v, dict):
        vt = v.get("@type")
        vts = [vt] if isinstance(vt, str) else (vt or [])
        if not any(is_a(t, a) for t in vts for a in allowed):
            return [f"{path}: type {vt} is not one of {', '.join(allowed)}"]
        return validate(v, path)
    for a in allowed:
        if a in DATATYPES and DATATYPES[a](v):
            return []
        if a in enums and isinstance(v, str) and v.removeprefix(SCHEMA) in enums[a]["members"] and v.startswith(SCHEMA):
            return []
    return [f"{path}: {v!r} is not a valid {' or '.join(allowed)}"]
