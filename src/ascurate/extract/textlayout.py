"""Plain text: the page's own layout (blank lines, bullets, short unpunctuated lines)
gives its title, paragraphs, list items and headings."""

from __future__ import annotations

import re

from ..model import Block, Extracted
from .blocks import clean_space
from .metadata import text_metadata

_SENTENCE_END = re.compile(r"[.!?:;…。！？」”\"')\]]$")


def extract_text(content: str) -> Extracted:
    """Plain text: first line is the title, blank lines split paragraphs, short
    unpunctuated lines standing alone between paragraphs are headings."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = content.split("\n")
    title = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        title = clean_space(lines[i])
        i += 1
    paragraphs: list[list[str]] = []
    cur: list[str] = []
    for ln in lines[i:]:
        if ln.strip():
            cur.append(ln)
        elif cur:
            paragraphs.append(cur)
            cur = []
    if cur:
        paragraphs.append(cur)
    blocks: list[Block] = []
    for para in paragraphs:
        bullets = [ln for ln in para if re.match(r"\s*(?:[-*•·]|\d+[.)])\s+", ln)]
        if bullets and len(bullets) == len(para):
            for ln in para:
                blocks.append(Block("list_item", clean_space(re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", ln))))
            continue
        text = clean_space(" ".join(para))
        if not text:
            continue
        if len(para) == 1 and is_heading_line(text):
            blocks.append(Block("heading", text, 2))
        else:
            blocks.append(Block("paragraph", text))
    return Extracted(title=title, blocks=blocks, metadata=text_metadata(content))


def is_heading_line(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and len(text) <= 90 and not _SENTENCE_END.search(text)
