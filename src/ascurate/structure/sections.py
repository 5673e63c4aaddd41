"""Sections: the article's blocks grouped under their headings.

A section starts at each heading and runs to the next one; blocks before the first
heading form an untitled lead section. Sections are flat (a level-3 heading starts its
own section) because a health aspect belongs to the text right under a heading, and
offsets let a reader find each section in `text` without re-splitting it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block


@dataclass(slots=True)
class Section:
    heading: str | None  # None for the lead before the first heading
    level: int | None
    first_block: int  # index of its first block (the heading, if any) in article.blocks
    end_block: int  # one past its last block
    start: int  # character offsets in article.text, heading included
    end: int
    body: str  # the text under the heading
    aspects: list[str] = field(default_factory=list)  # aspect labels, e.g. ["diagnosis", "treatment"]
    aspect_rules: list[str] = field(default_factory=list)  # rule ids that gave them
    aspect_source: str | None = None  # "heading", "text" or "terms"


def split_sections(blocks: list[Block]) -> list[Section]:
    """Group blocks into sections; offsets follow `join_blocks` (texts joined by newline)."""
    sections: list[Section] = []
    pos = 0
    for i, b in enumerate(blocks):
        start, pos = pos, pos + len(b.text) + 1
        if b.type == "heading" or not sections:
            heading = b.text if b.type == "heading" else None
            level = b.level if b.type == "heading" else None
            sections.append(Section(heading, level, i, i + 1, start, start + len(b.text),
                                    "" if heading is not None else b.text))
            continue
        s = sections[-1]
        s.end_block, s.end = i + 1, start + len(b.text)
        s.body = f"{s.body}\n{b.text}" if s.body else b.text
    return sections
