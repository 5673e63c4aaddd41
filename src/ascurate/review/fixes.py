"""Editors' fixes applied to an article: each accepted suggestion or hand edit replaces
a span of the original clean text. Pure functions, so the store keeps only decisions
and the fixed text is always derived the same way (undo is just one decision fewer).
"""

from __future__ import annotations

from typing import Any

Replacement = tuple[int, int, str]  # start, end (offsets into the original text), new text


def apply_fixes(blocks: list[dict[str, Any]], replacements: list[Replacement]) -> list[dict[str, Any]]:
    """The blocks with every replacement applied; blocks left empty are dropped."""
    return [b for _, b in apply_fixes_indexed(blocks, replacements)]


def apply_fixes_indexed(blocks: list[dict[str, Any]], replacements: list[Replacement]) -> list[tuple[int, dict[str, Any]]]:
    """`apply_fixes`, each kept block with its index in the original blocks.

    Offsets index into the blocks' texts joined by newlines (the article text). A span
    that crosses blocks is replaced in the first and cut from the others; a span that
    overlaps one already applied is skipped (the first decision wins).
    """
    spans: list[Replacement] = []
    for s, e, r in sorted(replacements, key=lambda x: (x[0], x[1])):
        if spans and s < spans[-1][1]:
            continue
        spans.append((s, e, r.replace("\n", " ")))
    out: list[tuple[int, dict[str, Any]]] = []
    pos = 0
    for i, b in enumerate(blocks):
        text: str = b["text"]
        lo, hi = pos, pos + len(text)
        pos = hi + 1
        edits = [(max(s, lo) - lo, min(e, hi) - lo, r if s >= lo else "") for s, e, r in spans if s < hi and e > lo
                 or (s == e and lo <= s <= hi)]
        if edits:
            for s, e, r in reversed(edits):
                text = _join(text[:s], r, text[e:])
            text = text.strip()
        if text:
            out.append((i, {**b, "text": text}))
    return out


def _join(before: str, new: str, after: str) -> str:
    """Splice; a deletion leaves neither doubled spaces nor doubled punctuation."""
    if new:
        return before + new + after
    b, a = before.rstrip(" "), after.lstrip(" ")
    if a[:1] and a[0] in ".,;:!?" and (not b or b[-1] in ".,;:!?"):
        a = a[1:].lstrip(" ")
    if not b or not a:
        return b + a
    return b + a if a[0] in ".,;:!?)" else f"{b} {a}"


def fixed_text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"] for b in blocks)
