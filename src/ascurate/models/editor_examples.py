"""Editors' labelled blocks (the review desk's `editor-examples.jsonl`) for the training
commands: a block an editor restored is main content (1), one an editor removed is not (0).

The file is an append-only history (`ascurate.review.examples`); the last line about a
block (site, source, normalised text) is its label, and a `null` label withdraws it. A
training page takes the editors' label for each of its blocks whose site and normalised
text an example has (`relabel`): furniture repeats across a site's pages, so an example
from one page labels the same furniture on the site's other pages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..clean.siterules import normalise
from ..model import Block


@dataclass(frozen=True, slots=True)
class EditorExample:
    site: str
    url: str | None
    source: str
    text: str
    label: int  # 1 main content (restored), 0 furniture (removed)
    who: str
    when: str


def load_editor_examples(path: str | Path) -> list[EditorExample]:
    """The examples in force, oldest first; a missing file has none; a line that does not
    parse is skipped."""
    p = Path(path)
    if not p.is_file():
        return []
    last: dict[tuple[str, str, str], dict | None] = {}
    for line in p.read_text(encoding="utf-8").splitlines():
        try:
            d = json.loads(line)
            key = (str(d["site"] or ""), str(d["source"] or ""), normalise(str(d["text"])))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
        last.pop(key, None)  # the last word on a block counts, in its place in time
        last[key] = d if d.get("label") in ("keep", "drop") else None
    return [EditorExample(d["site"] or "", d.get("url"), d["source"] or "", d["text"], int(d["label"] == "keep"),
                          str(d.get("who", "")), str(d.get("when", "")))
            for d in last.values() if d is not None]


def same_site(a: str, b: str) -> bool:
    """One site under two names: a page's host and the domain a corpus or a run names it by
    ("health.harvard.edu", "harvard.edu")."""
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return bool(a and b) and (a == b or a.endswith("." + b) or b.endswith("." + a))


def relabel(site: str, blocks: Sequence[Block], labels: np.ndarray, examples: Sequence[EditorExample]) -> np.ndarray:
    """`labels` of a page's `blocks` with the editors' label where an example of the page's
    site has the block's normalised text (the latest example wins)."""
    by_text = {normalise(e.text): e.label for e in examples if same_site(e.site, site)}
    if not by_text:
        return labels
    out = labels.copy()
    for i, b in enumerate(blocks):
        label = by_text.get(normalise(b.text))
        if label is not None:
            out[i] = label
    return out
