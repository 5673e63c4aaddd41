"""Flags: spans of the clean text that an editor must look at. Detection never edits.

Pattern rules come from `rules/flags.toml` (`patterns.py`); detectors that read a
quantity's grammar (`quantities.py`), a lead-in and the block after it (`shape.py`),
words against a word-frequency list (`glued.py`), filler text by its vocabulary
(`filler.py`), a passage's grammatical person (`voice.py`), a chat turn's parts (`chat.py`), its vocabulary against the article's (`topic.py`) or its language
(`language.py`) are functions, each scoring its candidates against a threshold kept as
data (`rules/shapes.toml`). Every flag
carries exact offsets into the article text: `text[start:end] == quote` always holds.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping

from .. import lang
from ..config import Config
from ..model import Block, Flag
from .chat import chat_turns
from .context import gate_flags
from .filler import filler_text
from .glued import garbled_text
from .language import foreign_text
from .lexicon import files as rule_files
from .notes import addressed_notes
from .numbers import dummy_numbers
from .patterns import pattern_flags
from .quantities import missing_values
from .shape import dangling_list
from .slots import scheduled, slot_flags
from .topic import off_topic
from .view import ArticleView, block_offsets
from .voice import mixed_voice

__all__ = ["DETECTORS", "ArticleView", "block_offsets", "detect", "gate_page", "preload"]

Detector = Callable[[ArticleView], list[Flag]]
_RANK = {"blocking": 2, "warning": 1, "info": 0}
_WEAKEST = {"off_topic"}  # "about something else" is the vaguest reason: any other kind says more
_MIN_LETTERS_FOR_LANGUAGE = 200  # below this langdetect guesses; every rule applies instead


def _foreign(v: ArticleView) -> list[Flag]:
    # an article rejected for its language has no passages to review
    return foreign_text(v) if v.language in v.cfg.languages else []


def _notes(v: ArticleView) -> list[Flag]:
    return addressed_notes(v.text, v.blocks, v.offs, v.cfg, v.language, v.files, lambda: v.runs)


def _shape(v: ArticleView) -> list[Flag]:
    return dangling_list(v.text, v.blocks, v.offs, v.language, v.cfg)


def _topic(v: ArticleView) -> list[Flag]:
    return off_topic(v.text, v.blocks, v.offs, v.language, v.cfg)


# every detector, by name, in the order their flags are listed (the first rule to claim a
# span wins); each reads the article's view, made once per article
DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("patterns", pattern_flags), ("missing_value", missing_values), ("dangling_list", _shape),
    ("garbled_text", garbled_text), ("mixed_voice", mixed_voice), ("off_topic", _topic),
    ("foreign_text", _foreign), ("editorial_note", _notes), ("placeholder_numbers", dummy_numbers),
    ("placeholder_filler", filler_text), ("placeholder_slots", slot_flags),
    ("ai_leftover", chat_turns),
)


def preload(cfg: Config) -> None:
    """Read the tables the detectors otherwise read on first use (py3langid's model; per rule
    language, wordfreq's table and the starts of its words, foreign_text's leaning words and
    the pattern rules' needles): the forkserver does this once for every child, and a
    benchmark before its timing, so no article pays for it."""
    from . import glued, language, lexicon, patterns

    language._identifier()
    files = lexicon.files(cfg)
    patterns.preload(files, None)
    for code in lexicon.languages(files):
        glued.preload(code)
        language.leaning_words(code, files)
        patterns.preload(files, code)


def detect(text: str, blocks: list[Block], cfg: Config, language: str | None = None,
           times: dict[str, float] | None = None, page_type: Mapping[str, float] | None = None,
           gated: Counter[str] | None = None) -> list[Flag]:
    """Every flag for one article (`text` is `blocks` joined by newlines); `language` is the
    article's, detected here when not given. `times`, when given, gains each detector's
    CPU seconds by name (benches read the cost of each). `page_type`: the page-type model's
    probability of each type for the page; the kinds a gate of `[[page_type_gate]]` names mean
    nothing on such a page, those of a `[[block_type_gate]]` nothing inside such a block
    (a code block): they are dropped (`context.py`), counted by gate id in `gated`."""
    if language is None:
        language = lang.detect(text, min_chars=_MIN_LETTERS_FOR_LANGUAGE)[0]
    view = ArticleView(text, blocks, language, cfg)
    flags: list[Flag] = []
    for name, detector in DETECTORS:
        if times is None:
            flags += detector(view)
            continue
        t0 = time.process_time()
        flags += detector(view)
        times[name] = times.get(name, 0.0) + time.process_time() - t0
    return _dedupe(gate_flags(scheduled(view, flags), page_type, view.files, blocks, view.offs, gated))


def gate_page(flags: list[Flag], cfg: Config, page_type: Mapping[str, float] | None,
              gated: Counter[str] | None = None) -> list[Flag]:
    """Flags made outside `detect` (the headings and lists the extraction lost,
    `lost.py`) through the same page-type gates: on a shop, listing or forum page the
    "lost headings" are card and thread titles, not damage to an article."""
    return gate_flags(flags, page_type, rule_files(cfg), [], [], gated)


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per span: within a kind the first rule to claim a span wins; across kinds a
    blocking flag (a note, a placeholder, chatbot text) explains a span better than the
    shape it happens to have, and any kind explains a passage better than `off_topic`, so
    a lesser flag mostly covered by a better one goes."""
    flags.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Flag] = []
    for f in flags:
        if any(k.kind == f.kind and f.start < k.end and k.start < f.end for k in kept):
            continue
        kept.append(f)
    return [f for f in kept if not any(_explains(b, f) for b in kept)]


def _explains(b: Flag, f: Flag) -> bool:
    if b is f or b.kind == f.kind:
        return False
    if _RANK[b.severity] <= _RANK[f.severity] and not (f.kind in _WEAKEST and b.kind not in _WEAKEST):
        return False
    shared = min(b.end, f.end) - max(b.start, f.start)
    return shared > 0 and shared >= 0.5 * (f.end - f.start)
