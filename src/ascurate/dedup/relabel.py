"""Rewrite the files of articles an earlier batch wrote and a later copy displaced.

Rare (a later copy of the same run must be more complete or from a preferred site), so
the article is read back from its JSON rather than every article being kept in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import fields

from ..emit import Emitter
from ..model import Article, Block, Flag, Removal
from ..runtime.state import State
from .deduper import Relabel

_FIELDS = {f.name for f in fields(Article)} - {"extra", "minhash"}


def article_from_json(d: dict) -> Article:
    """The Article an emitted JSON file holds (unknown keys go back into `extra`)."""
    known = {k: v for k, v in d.items() if k in _FIELDS}
    known["blocks"] = [Block(**b) for b in d.get("blocks") or []]
    known["flags"] = [Flag(**f) for f in d.get("flags") or []]
    known["removed"] = [Removal(**r) for r in d.get("removed") or []]
    return Article(**known, extra={k: v for k, v in d.items() if k not in _FIELDS})


def apply_relabels(relabels: list[Relabel], emitter: Emitter, state: State) -> Counter[str]:
    """Rewrite files and run state of displaced articles; count them by their old status."""
    was: Counter[str] = Counter()
    for r in relabels:
        path = emitter.articles / f"{r.id}.json"
        try:
            art = article_from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # its file is gone or not ours to parse: the state still records the decision
        was[art.status] += 1
        art.status, art.duplicate_of = "duplicate", r.duplicate_of
        art.metadata["dedup"] = r.decision
        emitter.write(art)
    state.relabel((r.id, r.duplicate_of, r.decision) for r in relabels)
    return was
