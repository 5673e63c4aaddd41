"""Learned parts of ascurate, as versioned data files shipped in the package.

Each model is a file (`<name>-v<N>.txt`, LightGBM's text format) beside a JSON card
(`<name>-v<N>.json`: version, features, training corpora, cross-validation figures,
threshold). No pickles: a model is loaded with its library's own reader, once per
process. `MODEL_VERSIONS` holds every card's name and version, so the configuration
fingerprint (and so every cache key) changes when a model does.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_CARD = re.compile(r"(?P<name>.+)-v(?P<version>\d+)\.json")


@cache
def cards() -> dict[str, dict[str, Any]]:
    """The newest card of each model in this folder, by model name (read once)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(HERE.glob("*-v*.json")):
        m = _CARD.fullmatch(path.name)
        if not m:
            continue
        card = json.loads(path.read_text(encoding="utf-8"))
        card.setdefault("version", int(m["version"]))
        card["release"] = int(m["version"])  # the file name's number rules: cards write `version` as 2 or "x-v2"
        card["file"] = card.get("file") or f"{m['name']}-v{m['version']}.txt"
        if m["name"] not in found or card["release"] > found[m["name"]]["release"]:
            found[m["name"]] = card
    return found


MODEL_VERSIONS: dict[str, str] = {name: f"{name}-v{card['release']}" for name, card in cards().items()}
MODEL_VERSION = ",".join(MODEL_VERSIONS[k] for k in sorted(MODEL_VERSIONS))  # one string for a cache key


def card(name: str) -> dict[str, Any]:
    """The card of model `name` (KeyError when none is shipped)."""
    return cards()[name]


@cache
def booster(name: str) -> Any:
    """Model `name` as a LightGBM Booster, read once per process from its text file."""
    import lightgbm

    return lightgbm.Booster(model_file=str(HERE / card(name)["file"]))


def trained_on(name: str, features: list[str] | tuple[str, ...], command: str) -> tuple[Any, dict[str, Any]]:
    """Model `name`'s Booster and card, once it is clear the model was trained on these
    `features` in this order (a model file from another feature set is refused, naming the
    `command` that retrains it)."""
    found = card(name)
    if list(found["features"]) != list(features):
        raise RuntimeError(f"{name}-v{found['release']}: the model was trained on other features; "
                           f"retrain it ({command})")
    return booster(name), found
