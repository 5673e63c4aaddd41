"""Sections that are furniture as a whole (rules/sections.toml): a header block such as
"References", "About the reviewer" or "Related articles" takes the blocks under it,
up to the next heading, with it. References are kept as `metadata.citations`, author
and disclaimer sections as metadata too, so removing them loses nothing."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import rulebook
from ..model import Block, Removal
from .result import Cleaned
from .rules import capture, words

_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]*\s*$")
_SENTENCE_ENDS = re.compile(r"[.!?。！？][\"'”’)\]]*(?:\s|$)")
PROSE_WORDS = 25  # with two sentence ends or more: a paragraph of running text


@lru_cache(maxsize=32)
def _marks(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern, re.I) if pattern else None


def reads_as_prose(text: str) -> bool:
    """Running text: `PROSE_WORDS` words or more and two sentence ends or more."""
    return words(text) >= PROSE_WORDS and len(_SENTENCE_ENDS.findall(text)) >= 2


def header_rule(block: Block, rules: list[rulebook.Rule]) -> rulebook.Rule | None:
    """The section rule whose header this block is, if any."""
    if block.type not in ("heading", "paragraph"):
        return None
    for rule in rules:
        if block.type == "paragraph" and words(block.text) > rule.get("max_words", 6):
            continue
        if rule.pattern.search(block.text):
            return rule
    return None


def cut_sections(blocks: list[tuple[int, Block]], rules: list[rulebook.Rule], out: Cleaned) -> list[tuple[int, Block]]:
    """Blocks (with their extracted index) minus the furniture sections."""
    kept: list[tuple[int, Block]] = []
    i = 0
    while i < len(blocks):
        idx, block = blocks[i]
        rule = header_rule(block, rules)
        if rule is None:
            kept.append((idx, block))
            i += 1
            continue
        limit = rule.get("max_block_words", 10**6)
        marks = _marks(rule.get("entry_marks"))
        end = i + 1
        while end < len(blocks):
            b = blocks[end][1]
            ends = b.type == "heading" and not (rule.get("names_inside") and words(b.text) <= 6)
            if ends or words(b.text) > limit or header_rule(b, rules):
                break
            if rule.get("headlines_only") and _SENTENCE_END.search(b.text):
                break
            if marks is not None and reads_as_prose(b.text) and not marks.search(b.text):
                break  # running text with none of an entry's marks: the section is over, or was never one
            end += 1
        bare = end == i + 1 and not rule.get("header_alone", True)
        if bare or end - i - 1 > rule.get("max_blocks", 10**6):
            # a bare header, or one whose "section" runs on longer than such a section does
            # (a byline at the top of an article is no bio header): the furniture rules judge it alone
            kept.append((idx, block))
            i += 1
            continue
        out.removed.append(Removal(block.text, rule.id, block=idx, detail="section header"))
        for idx, b in blocks[i + 1:end]:
            out.removed.append(Removal(b.text, rule.id, block=idx))
            capture(out, rule.get("metadata"), b.text)
        i = end
    return kept


def cut_runs(blocks: list[tuple[int, Block]], rules: list[rulebook.Rule], out: Cleaned) -> list[tuple[int, Block]]:
    """Runs of blocks that are furniture together but not alone ([[run]] rules): three
    "Find out ..." / "Learn about ..." lines in a row are a teaser list, one is a sentence."""
    drop: dict[int, str] = {}
    for rule in rules:
        i = 0
        while i < len(blocks):
            j = i
            while j < len(blocks) and _in_run(blocks[j][1], rule):
                j += 1
            if j - i >= rule.get("min_run", 3) and (not rule.get("tail_only") or _no_prose_after(blocks[j:])):
                drop.update({n: rule.id for n in range(i, j) if n not in drop})
            i = max(j, i + 1)
    for n, (idx, b) in enumerate(blocks):
        if n in drop:
            out.removed.append(Removal(b.text, drop[n], block=idx))
    return [ib for n, ib in enumerate(blocks) if n not in drop]


def _in_run(b: Block, rule: rulebook.Rule) -> bool:
    return (b.type in rule.get("types", ("paragraph", "list_item", "quote"))
            and rule.get("min_words", 0) <= words(b.text) <= rule.get("max_words", 30)
            and rule.pattern.search(b.text) is not None)


def _no_prose_after(rest: list[tuple[int, Block]]) -> bool:
    """Nothing after this point reads as article text (a sentence of some length)."""
    return not any(words(b.text) > 8 and _SENTENCE_END.search(b.text) for _, b in rest)
