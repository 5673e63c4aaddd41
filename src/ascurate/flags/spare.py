"""Leftovers among the lines the text-line model would remove: they stay, for an editor.

The text-line model removes a plain-text line for its shape: short, alone, unlike the
prose around it. An editorial note, a chatbot's remark or a placeholder that stands on a
line of its own has that shape too, and once removed it is never flagged: the page reads
`clean` with the leftover silently gone, and the article an editor approves may still
hold the rest of the unfinished draft. So the lines the model would remove are read first
by the detectors that need no context of the article (their patterns, a chat turn's parts, the notes model,
the grammar of quantities, glued and truncated words); a line holding a flag of a kind in
`KINDS` stays in the text, where the flag step flags it, and the article's
`metadata.spared` lists it with the model's call. The rules' removals are not read: a rule
names what it removes. HTML pages are not read this way: on the planted pages of
`bench/pages.py` the boilerplate model's removals held no leftover the flags then found,
and sparing them kept furniture (a box's parts run together trip the detectors).
"""

from __future__ import annotations

from .. import lang
from ..config import Config
from ..model import Block, join_blocks
from . import _MIN_LETTERS_FOR_LANGUAGE  # as flags.detect: below it every language's rules apply
from .chat import chat_turns
from .glued import garbled_text
from .notes import addressed_notes
from .numbers import dummy_numbers
from .patterns import pattern_flags
from .quantities import missing_values
from .view import ArticleView

# kinds whose flag on a model-removed block keeps it: what a line reads as, not where it
# stands. Not mixed_voice (a reader's comment is first person), foreign_text (widgets in
# English on a page in another language), off_topic or dangling_list (they need the article
# around the line).
KINDS = frozenset({"editorial_note", "ai_leftover", "placeholder", "missing_value", "garbled_text"})
# rules whose flag says nothing of a removed line: a card's image caption and its title
# run together read as doubled text ("Ilhan Omar Ilhan Omar")
NOT_RULES = frozenset({"shape.doubled-text"})


def leftovers(blocks: list[Block], kept: list[Block], cfg: Config) -> set[int]:
    """Positions in `blocks` (the ones a model would remove, in page order) of those holding
    a non-info flag of a kind in `KINDS`. `kept`: the page's other blocks, whose language
    is the page's (read as the pipeline reads the article's, so its answer is reused there)."""
    if not blocks:
        return set()
    text = "\n".join(b.text for b in blocks)
    language = lang.detect(join_blocks(kept))[0] if kept else None
    if language is None:
        language = lang.detect(text, min_chars=_MIN_LETTERS_FOR_LANGUAGE)[0]
    view = ArticleView(text, blocks, language, cfg)
    flags = [*pattern_flags(view), *chat_turns(view), *missing_values(view), *garbled_text(view), *dummy_numbers(view),
             *addressed_notes(view.text, view.blocks, view.offs, cfg, language, view.files, lambda: view.runs)]
    out: set[int] = set()
    for f in flags:
        if f.kind in KINDS and f.severity != "info" and f.rule not in NOT_RULES:
            out.update(i for i, start in enumerate(view.offs)
                       if start <= f.start < start + len(blocks[i].text) + 1)
    return out
