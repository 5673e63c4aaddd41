"""Editors' site rules for cleaning: "remove this everywhere on this site" and "never
remove this", made on the review desk and applied by the next run as the last layer of
cleaning.

A rule is a TOML file under `curated/.ascurate/site-rules/` (`[site_rule]`: id, site,
kind, scope, text, pattern, who, when, article; the review desk writes them). Its text
matches the site's other pages through a normalised form: case and whitespace folded,
digits and month or weekday names as wildcards, and the word a number counts with or
without its plural -s ("Posted 1 day ago" is "Posted 5 days ago", "Updated March 3,
2024" is "Updated June 12, 2025", "Tempo de leitura: 1 minuto" is "... 2 minutos"). A
`remove` rule of scope `block` takes a kept block whose whole text matches, one of scope
`span` cuts the matching text out of a kept block; a `keep` rule puts back a block that
any other pass removed (whole or cut), in its place. Each removal names its rule
(`site.<id>`), and each block put back is listed with its rule in the article's
`metadata.kept_by_site_rules`, so the article says which editor's rule took or kept what.

The Curator reads the rules into the run's Config (`configured`), so they travel to the
workers with it and are part of the run's fingerprint, a digest per site: a new or
removed rule reprocesses the inputs of its site (`still_done` keeps the others done),
and the run summary says "editors' site rules changed for SITE".
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Block, Removal
from .result import Cleaned

FOLDER = Path(".ascurate") / "site-rules"
KINDS = ("remove", "keep")  # the cleaning kinds; "flag" rules (wrong on this site) are the review desk's
PREFIX = "site."  # a removal's reason: site.<rule id>
KEPT = "kept_by_site_rules"  # metadata: the blocks a keep rule put back, each with its rule

# month and weekday names a date is written with (not the ones that are also common words: may, sat, sun...)
_MONTHS = ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
           "december", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tue", "tues", "thu", "thur",
         "thurs", "fri"]
_NAMES = sorted(_MONTHS + _DAYS, key=len, reverse=True)
_TOKEN = re.compile(r"(\s+)|(\d+)|\b(" + "|".join(_NAMES) + r")\b", re.IGNORECASE)
_DATE_WORD = r"(?:" + "|".join(_NAMES) + r")"


_COUNTED = re.compile(r"(# )([^\W\d_]+?)s?\b")  # the word a number counts: "# day" for "1 day", "3 days"


def normalise(text: str) -> str:
    """The form a rule's text is matched by, readable: "posted # day ago", "updated @ #, #".
    The word after a number is taken without its plural -s ("1 minute", "5 minutes")."""
    def sub(m: re.Match[str]) -> str:
        return " " if m.group(1) else "#" if m.group(2) else "@"
    return _COUNTED.sub(r"\1\2", _TOKEN.sub(sub, text.strip()).casefold().strip())


@lru_cache(maxsize=1024)
def pattern(text: str) -> re.Pattern[str]:
    """A regex for `text` in which whitespace, digits and date words match any of their kind."""
    parts: list[str] = []
    pos = 0
    text = text.strip()

    def literal(chunk: str) -> str:
        tokens = [p for p in parts if p]
        counted = tokens[-2:] == [r"\d+", r"\s+"] and _WORD.match(chunk)
        if not counted:
            return re.escape(chunk)
        word = counted.group(0)
        return re.escape(word.removesuffix("s") if word.endswith("s") else word) + "s?" + re.escape(chunk[len(word):])

    for m in _TOKEN.finditer(text):
        parts.append(literal(text[pos:m.start()]))
        parts.append(r"\s+" if m.group(1) else r"\d+" if m.group(2) else _DATE_WORD)
        pos = m.end()
    parts.append(literal(text[pos:]))
    return re.compile("".join(parts), re.IGNORECASE)


_WORD = re.compile(r"[^\W\d_]+")


@dataclasses.dataclass(frozen=True, slots=True)
class CleaningRule:
    id: str
    site: str
    kind: str  # remove | keep
    scope: str  # block | span (remove only)
    text: str

    def whole(self, text: str) -> bool:
        return pattern(self.text).fullmatch(text.strip()) is not None


def folder(curated: str | Path) -> Path:
    return Path(curated) / FOLDER


def read_files(curated: str | Path | None) -> list[dict[str, Any]]:
    """The `[site_rule]` table of every rule file, oldest first, each with its `path`; a file
    that does not parse is skipped."""
    if curated is None or not folder(curated).is_dir():
        return []
    out = []
    for p in sorted(folder(curated).glob("*.toml")):
        try:
            d = tomllib.loads(p.read_text(encoding="utf-8"))["site_rule"]
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError):
            continue
        if isinstance(d, dict) and d.get("id") and d.get("site"):
            out.append({**{k: str(v) for k, v in d.items()}, "path": str(p)})
    return sorted(out, key=lambda d: (d.get("when", ""), d["id"]))


def load(curated: str | Path | None) -> list[CleaningRule]:
    """The cleaning rules among the rule files."""
    return [CleaningRule(d["id"], d["site"], d["kind"], d.get("scope") or "block", d["text"])
            for d in read_files(curated) if d.get("kind") in KINDS and d.get("text", "").strip()]


def configured(cfg: Any, curated: str | Path) -> Any:
    """`cfg` (a Config) carrying the cleaning rules kept under `curated`, for the run's workers."""
    rules = tuple(dataclasses.astuple(r) for r in load(curated))
    return cfg if rules == cfg.editor_rules else dataclasses.replace(cfg, editor_rules=rules)


def still_done(state: Any, fingerprint: str, parts: dict[str, str]) -> dict[str, str]:
    """path -> sha256 of the inputs processed under another fingerprint whose only change
    since is editors' rules for sites none of their articles belong to: a new rule
    reprocesses its site's inputs, not the corpus (`state`: the run state, state.py)."""
    from ..config import editor_rule_sites

    recorded = state.fingerprint_parts()
    done: dict[str, str] = {}
    for path, sha, config, sites in state.elsewhere(fingerprint):
        old = recorded.get(config)
        if not old or {k for k in old.keys() | parts.keys() if old.get(k) != parts.get(k)} != {"editor-rules"}:
            continue
        if not sites & editor_rule_sites(old.get("editor-rules"), parts.get("editor-rules")):
            done[path] = sha
    return done


def apply(blocks: list[Block], cfg: Any, site: str | None, out: Cleaned) -> None:
    """The editors' layer over what the other passes made of `blocks` (the page as extracted):
    `keep` rules put back the blocks they match, then `remove` rules take what they match."""
    rules = [CleaningRule(*r) for r in getattr(cfg, "editor_rules", ()) if site and r[1] == site]
    if not rules:
        return
    places = _places(blocks, out)
    if places is None:  # the passes' output cannot be lined up with the page: leave it as it is
        return
    keep = [r for r in rules if r.kind == "keep"]
    kept = dict(zip(places, out.blocks, strict=True))
    if keep:
        for i, b in enumerate(blocks):
            rule = next((r for r in keep if r.whole(b.text)), None)
            if rule is not None and (i not in kept or kept[i] is not b):
                kept[i] = b
                out.removed[:] = [r for r in out.removed if r.block != i]
                out.metadata.setdefault(KEPT, []).append({"block": i, "rule": PREFIX + rule.id})
    for rule in (r for r in rules if r.kind == "remove"):
        for i in sorted(kept):
            b = kept[i]
            if any(k.whole(blocks[i].text) for k in keep):
                continue
            if rule.scope == "block" and rule.whole(b.text):
                out.removed.append(Removal(b.text, PREFIX + rule.id, block=i))
                del kept[i]
            elif rule.scope == "span":
                cut = _cut_span(i, blocks[i], b, rule, out)
                if cut is None:
                    del kept[i]
                else:
                    kept[i] = cut
    out.blocks[:] = [kept[i] for i in sorted(kept)]


def _cut_span(i: int, original: Block, b: Block, rule: CleaningRule, out: Cleaned) -> Block | None:
    """`b` without the rule's matches (offsets in the page's block, as other cuts); None when
    nothing is left."""
    hits = [m for m in pattern(rule.text).finditer(b.text) if m.end() > m.start()]
    if not hits:
        return b
    text = b.text
    for m in reversed(hits):
        text = (text[:m.start()].rstrip() + " " + text[m.end():].lstrip()).strip()
    if not text.strip(" .,;:-|"):  # nothing left: the block goes whole, as one removal
        out.removed.append(Removal(b.text, PREFIX + rule.id, block=i))
        return None
    for m in hits:
        at = original.text.find(m.group(0))
        at = at if at >= 0 else m.start()
        out.removed.append(Removal(m.group(0), PREFIX + rule.id, block=i, start=at, end=at + len(m.group(0))))
    return Block(b.type, text, b.level)


def _places(blocks: list[Block], out: Cleaned) -> list[int] | None:
    """The index among `blocks` of each of `out.blocks`: a block kept as it was is the same
    object; a block that had cuts made in it is the next one with cuts (removals with offsets)."""
    originals = {id(b) for b in blocks}
    cut = {r.block for r in out.removed if r.block is not None and r.start is not None}
    places, j = [], 0
    for b in out.blocks:
        if id(b) in originals:
            while j < len(blocks) and blocks[j] is not b:
                j += 1
        else:
            words = b.text.split()[:3]
            while j < len(blocks) and not (j in cut and all(w in blocks[j].text for w in words)):
                j += 1
        if j >= len(blocks):
            return None
        places.append(j)
        j += 1
    return places
