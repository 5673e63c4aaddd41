"""The ordered dedup step: each article against everything curated before, in one run.

Exact copies are found by the normalised-text hash, near copies by the LSH index of
MinHash signatures (computed in `process_batch`, so this step is only lookups). An
article joins the groups of its earlier copies (merging them); which copy of a group stays
is `canonical.choose`. When a later copy of the same run wins (more complete text, a
preferred site), or a copy bridges two groups of this run (it is a near copy of both),
the earlier copies are relabelled: in memory when they are in the
batch being committed, otherwise returned as `Relabel`s for the curator to rewrite.
A copy published by an earlier run never loses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import Article
from ..runtime.state import State
from .canonical import Candidate, choose, reason
from .index import BandIndex, band_keys, stack
from .text import Sketch, sketch


@dataclass(slots=True)
class Relabel:
    """An article written by an earlier batch of this run that is now a duplicate."""

    id: str
    duplicate_of: str
    decision: dict[str, Any]
    status_was: str


class Deduper:
    """Decides, batch by batch in a stable order, which copy stays."""

    def __init__(self, state: State, preferred_sites: tuple[str, ...] = ()) -> None:
        self.state = state
        self.preferred_sites = tuple(preferred_sites)
        rows = state.dedup_rows()
        with_sig = [r for r in rows if r["signature"]]
        self.index = BandIndex(stack((r["signature"] for r in with_sig), len(with_sig)),
                               np.array([r["shingles"] or 0 for r in with_sig], dtype=np.int64))
        self.row_ids: list[str] = [r["id"] for r in with_sig]
        self.row_of: dict[str, int] = {r["id"]: i for i, r in enumerate(with_sig)}
        self.info: dict[str, Candidate] = {}
        self.root: dict[str, str] = {}  # article id -> the id of its group's kept copy
        self.hashes: dict[str, str] = {}  # normalised-text hash -> an article with that text
        self.hash_of: dict[str, str] = {}
        self.by_input: dict[str, list[str]] = {}  # input path -> its articles of earlier runs
        for r in rows:
            self.info[r["id"]] = Candidate(r["id"], r["first_seen"], r["words"], r["site"], r["input"])
            self.root[r["id"]] = r["duplicate_of"] if r["status"] == "duplicate" and r["duplicate_of"] else r["id"]
            self.hashes.setdefault(r["content_hash"], r["id"])
            self.hash_of[r["id"]] = r["content_hash"]
            self.by_input.setdefault(r["input"], []).append(r["id"])
        self.members: dict[str, list[str]] = {}  # kept id -> group members, groups kept in this run
        self.match: dict[str, tuple[str, str, float, float]] = {}  # id -> (method, matched, jaccard, containment)
        self.status_was: dict[str, str] = {}
        self._batch: dict[str, Article] = {}

    def decide(self, article: Article) -> list[Relabel]:
        return self.decide_batch([article])

    def decide_batch(self, articles: list[Article]) -> list[Relabel]:
        """Label the batch's duplicates (in order); return earlier articles to relabel."""
        self._batch = {a.id: a for a in articles}
        relabels: dict[str, Relabel] = {}
        for path in {a.source.get("path") for a in articles}:  # changed inputs: old versions go
            for old in self.by_input.pop(path, []):
                if old not in self._batch:
                    self._forget(old)
        for art in articles:
            if art.status != "rejected" and art.text.strip():
                self._decide(art, relabels)
        self._batch = {}
        return list(relabels.values())

    def _decide(self, art: Article, relabels: dict[str, Relabel]) -> None:
        sk = art.minhash if isinstance(art.minhash, Sketch) else sketch(art.text)
        prior = self.info.get(art.id)
        me = Candidate(art.id, prior.published_at if prior else None, len(art.text.split()),
                       art.source.get("site"), art.source.get("path") or "")
        keys = band_keys(sk.sig)[0]
        hits = self._find(art, sk, keys)
        self.info[art.id] = me
        self.status_was[art.id] = art.status
        old_row = self.row_of.get(art.id)
        if old_row is not None:
            self.index.dead.add(old_row)
        self.row_of[art.id] = self.index.add(sk, keys)
        self.row_ids.append(art.id)
        self.hashes.setdefault(art.content_hash, art.id)
        if not hits:
            self.root[art.id] = art.id
            self.members[art.id] = [art.id]
            return
        self.match[art.id] = hits[0]
        via: dict[str, tuple[str, str, float, float]] = {}  # group root -> the closest hit in it
        for h in hits:
            via.setdefault(self.root.get(h[1], h[1]), h)
        first = next(iter(via))
        if first not in self.info:  # the group's kept copy is gone (its input changed): this one takes over
            self._take_over(art, first, hits[0], relabels)
            return
        if art.id in via:  # reprocessed: it already is the kept copy of its group
            return
        roots = [r for r in via if r in self.info]
        if sum(self.info[r].published_at is not None for r in roots) > 1:
            roots = roots[:1]  # two published groups are never merged: join the closest
        winner = me
        for r in roots:
            winner = choose(winner, self.info[r], self.preferred_sites)[0]
        if winner.id != art.id:
            self.root[art.id] = winner.id
            self.members.setdefault(winner.id, [winner.id]).append(art.id)
            self._label(art.id, winner.id, choose(winner, me, self.preferred_sites)[2], relabels)
        else:
            self.root[art.id] = art.id
            self.members[art.id] = [art.id]
        for r in roots:  # the other groups this copy bridges (all of this run) join the winner's
            if r == winner.id:
                continue
            h = via[r]
            self.match[r] = (h[0], art.id, h[2], h[3])
            for m in self.members.pop(r, [r]):
                self.root[m] = winner.id
                self.members[winner.id].append(m)
                self._label(m, winner.id, choose(winner, self.info[m], self.preferred_sites)[2], relabels)

    def _forget(self, aid: str) -> None:
        """An article of an earlier run whose input changed: it is deleted, so never a match."""
        row = self.row_of.pop(aid, None)
        if row is not None:
            self.index.dead.add(row)
        h = self.hash_of.pop(aid, None)
        if h is not None and self.hashes.get(h) == aid:
            del self.hashes[h]
        self.info.pop(aid, None)

    def _take_over(self, art: Article, gone: str, found: tuple[str, str, float, float],
                   relabels: dict[str, Relabel]) -> None:
        """`art` becomes the kept copy of a group whose kept copy was deleted."""
        group = sorted(x for x, r in self.root.items() if r == gone and x in self.info and x != art.id)
        self.root[art.id] = art.id
        self.members[art.id] = [art.id, *group]
        for m in group:
            self.root[m] = art.id
            self.match.setdefault(m, (found[0], art.id, found[2], found[3]))
            self._label(m, art.id, "kept-copy-replaced", relabels)

    def _find(self, art: Article, sk: Sketch, keys: np.ndarray) -> list[tuple[str, str, float, float]]:
        """(method, matched id, jaccard, containment) of every earlier copy, closest first."""
        hits = []
        same = self.hashes.get(art.content_hash)
        if same is not None and same != art.id:
            hits.append(("exact", same, 1.0, 1.0))
        for jac, cont, row in self.index.query(sk, keys):
            other = self.row_ids[row]
            if other != art.id and other != same:
                hits.append(("near", other, round(jac, 3), cont))
        return hits

    def _label(self, aid: str, kept_id: str, rule: str, relabels: dict[str, Relabel]) -> None:
        method, matched, jac, cont = self.match[aid]
        kept, dup = self.info[kept_id], self.info[aid]
        decision = {"canonical": kept_id, "method": method, "matched": matched, "jaccard": jac, "containment": cont,
                    "rule": rule, "reason": reason(rule, kept, dup), "status_was": self.status_was.get(aid)}
        art = self._batch.get(aid)
        if art is not None:
            art.status, art.duplicate_of = "duplicate", kept_id
            art.metadata["dedup"] = decision
        else:
            relabels[aid] = Relabel(aid, kept_id, decision, self.status_was.get(aid) or "clean")
