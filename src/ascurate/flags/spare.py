"""Leftovers among the lines the text-line model would remove: they stay, for an editor.

The text-line model removes a plain-text line for its shape: short, alone, unlike the
prose around it. An editorial note, a chatbot's remark or a placeholder that stands on a
line of its own has that shape too, and once removed it is never flagged: the page reads
`clean` with the leftover silently gone, and the article an editor approves may still
hold the rest of the unfinished draft. So the lines the model would remove are read first
by the detectors that need no context of the article (their patterns, a chat turn's parts, the notes model,
the grammar of quantities, glued and truncated words); a line holding a flag of a kind in
`KINDS` stays in the text, where the flag step flags it, and the article's
`metadata.spared` lists it with the model's call. A line the model would remove that
stands alone among kept prose, itself a sentence, is read once more with the article around
it: a sentence in another language, a first-person aside inside third-person text or a
lead-in whose list is gone (`ASIDE_KINDS`) keeps it as well; a lead-in needs only the line
after it kept, as it promises what follows. Any short line of the article's body right
before its prose (or before one sentence the model also takes, then the prose) is read for
a lead-in only (`LEAD_KINDS`), whatever its end: "... include", a pointer at items below. A widget in English on a German page or a reader's
comment comes in a box, a list or a thread, beside other furniture, so its neighbours are
not both kept. The rules' removals are not read: a rule names what it removes. HTML pages are not read this way: on the planted pages of
`bench/pages.py` the boilerplate model's removals held no leftover the flags then found,
and sparing them kept furniture (a box's parts run together trip the detectors).
"""

from __future__ import annotations

import re

from .. import lang
from ..config import Config
from ..model import Block, join_blocks
from . import _MIN_LETTERS_FOR_LANGUAGE  # as flags.detect: below it every language's rules apply
from .chat import chat_turns
from .glued import garbled_text
from .language import FUNCTION_WORDS, foreign_text
from .notes import addressed_notes
from .numbers import dummy_numbers
from .patterns import pattern_flags
from .quantities import missing_values
from .shape import dangling_list
from .view import ArticleView
from .voice import mixed_voice

# kinds whose flag on a model-removed block keeps it: what a line reads as, not where it
# stands. Not mixed_voice (a reader's comment is first person), foreign_text (widgets in
# English on a page in another language) or dangling_list: they need the article around
# the line, and only a lone line is read with it (`asides`); off_topic never keeps one.
KINDS = frozenset({"editorial_note", "ai_leftover", "placeholder", "missing_value", "garbled_text"})
# rules whose flag says nothing of a removed line: a card's image caption and its title
# run together read as doubled text ("Ilhan Omar Ilhan Omar"), a button's label pasted
# beside itself ("Read more Read more"); a name, a title and a label open on a capital, so
# words doubled from a lower-case start ("knee pain knee pain", "la varicellela
# varicelle") are the article's own, typed twice
NOT_RULES = frozenset({"shape.doubled-text"})
# kinds read with the article around a lone line: what sets it apart is the article's
# language or voice, not the line alone
ASIDE_KINDS = frozenset({"foreign_text", "mixed_voice", "dangling_list"})
# of them, the one read on a sentence at the edge of the article's prose (a widget on its
# other side): its language. Not its voice: a patient's story the page tells runs into a
# widget as often as an aside does, and a lead-in's list is read only from a lead-in
EDGE_KINDS = frozenset({"foreign_text"})
# of them, the one read on a short line before the article's prose, whatever its end
LEAD_KINDS = frozenset({"dangling_list"})
_POINT_WORDS = 15  # a lead-in read so is this short at most (a sentence pointing at its items is)
# a count opening the line: a widget's tally ("63 ont trouvé cela pertinent", "12 people found
# this helpful") or a list's title set as a heading, not a lead-in in the body's run
_TALLY = re.compile(r"^\W*\d")
_ASIDE_WORDS = 6  # foreign_text reads sentences of six words or more
_PROSE_WORDS = 8  # a neighbour this long that ends as a sentence is the article's prose
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'»”)]?\s*$")
_LEAD_WORDS = 3
_FUNCTION_WORDS = {code: frozenset(words.split()) for code, words in FUNCTION_WORDS.items()}
_ENDS_LEAD = re.compile(r"(?::\s*\.?|\s[—–-])\s*$")  # a promise of a list: "… include:", "… :.", "… —"

Indexed = list[tuple[int, Block]]


def _sentence(text: str) -> bool:
    return len(text.split()) >= _ASIDE_WORDS and bool(_ENDS_SENTENCE.search(text))


def _prose(text: str) -> bool:
    return len(text.split()) >= _PROSE_WORDS and bool(_ENDS_SENTENCE.search(text))
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _cut_short(text: str, language: str | None) -> bool:
    """A clause that stops where its list should follow: on a comma or on one of the
    language's function words ("Los grupos de riesgo son", "La revisión incluye, entre otras
    cosas,"); no sentence or heading ends so."""
    text = text.rstrip()
    if text.endswith(","):
        return True
    last = _LAST_WORD.search(text)
    words = _FUNCTION_WORDS.get(language or "")
    return bool(words and last and last.group(0) == last.group(1) and last.group(1).lower() in words)


def _before_prose(i: int, after: dict[int, int], prose: set[int], judged: dict[int, Block]) -> bool:
    """Whether the article's prose comes next after line `i` (the page's order, what rules
    removed left out), or after one line the model takes that is itself a sentence (a
    widget's line or another leftover; a widget's label or button is no sentence, and a
    lead-in above one reads as that widget's own)."""
    nxt = after.get(i)
    if nxt in judged and _sentence(judged[nxt].text):
        nxt = after.get(nxt)
    return nxt in prose


def leftovers(judged: Indexed, kept: Indexed, cfg: Config) -> set[int]:
    """Positions in `judged` (the blocks a model would remove, with their place in the page,
    in page order) of those that must stay. `kept`: the page's other blocks, whose language
    is the page's (read as the pipeline reads the article's, so its answer is reused there)."""
    if not judged:
        return set()
    blocks = [b for _, b in judged]
    text = "\n".join(b.text for b in blocks)
    language = lang.detect(join_blocks([b for _, b in kept]))[0] if kept else None
    if language is None:
        language = lang.detect(text, min_chars=_MIN_LETTERS_FOR_LANGUAGE)[0]
    view = ArticleView(text, blocks, language, cfg)
    flags = [*pattern_flags(view), *chat_turns(view), *missing_values(view), *garbled_text(view), *dummy_numbers(view),
             *addressed_notes(view.text, view.blocks, view.offs, cfg, language, view.files, lambda: view.runs)]
    out: set[int] = set()
    for f in flags:
        if (f.kind in KINDS and f.severity != "info"
                and (f.rule not in NOT_RULES or f.quote.lstrip()[:1].islower())):
            out.update(i for i, start in enumerate(view.offs)
                       if start <= f.start < start + len(blocks[i].text) + 1)
    # a leftover kept just now is a kept neighbour: two leftovers often stand together
    prose = [i for i, b in kept if _prose(b.text)]
    body = (prose[0], prose[-1]) if prose else None
    return out | asides(judged, [*kept, *(judged[n] for n in out)], cfg, language, body)


def asides(judged: Indexed, kept: Indexed, cfg: Config, language: str | None,
           body: tuple[int, int] | None = None) -> set[int]:
    """Positions in `judged` of lone sentences among kept prose (both neighbours kept, what
    rules removed between them left out) that
    the article's own view flags as another language or another voice, and of list
    lead-ins followed by kept prose it flags as promising a list that is not there."""
    kept_at = {i for i, _ in kept}
    judged_at = sorted(i for i, _ in judged)
    # the page's blocks in order, those a rule removed left out (they are not the line's
    # company: the rule named them): a line's neighbours are the next kept or judged ones
    order = sorted([*kept_at, *judged_at])
    after = dict(zip(order, order[1:], strict=False))
    before = {b: a for a, b in after.items()}
    # a lead-in promises what follows it: only its next neighbour is its company (a widget
    # the model removes above it says nothing of it)
    lone = {i: n for n, (i, b) in enumerate(judged) if after.get(i) in kept_at and (
            before.get(i) in kept_at and _sentence(b.text)
            or len(b.text.split()) >= _LEAD_WORDS and (_ENDS_LEAD.search(b.text) or _cut_short(b.text, language)))}
    # a sentence at the edge of the article's prose, a widget the model takes on its other
    # side, inside the article's body (`body`: its first and last prose line the model keeps;
    # a reader's comment or a widget after the article's end, or before its start, is not
    # inside it), is read for the article's language only (`EDGE_KINDS`)
    prose = {i for i, b in kept if _prose(b.text)}
    edge = {i for i, b in judged if body and body[0] < i < body[1] and i not in lone and _sentence(b.text)
            and (before.get(i) in prose and after.get(i) not in kept_at
                 or after.get(i) in prose and before.get(i) not in kept_at)}
    # what each line is read for: a lone line for all `ASIDE_KINDS`, one at the edge for its
    # language only
    reads = {i: ASIDE_KINDS if i in lone else EDGE_KINDS for i, _ in judged if i in lone or i in edge}
    # a short line of the article's body, cut short or one sentence, before the article's
    # prose (past at most one sentence the model also takes: a widget's line or another
    # leftover) is read for a lead-in whose list is gone (`LEAD_KINDS`): "Conditions that
    # can cause a persistent cough include", "Les gestes à adopter sont détaillés
    # ci-dessous."; the lead-in grammar is dangling_list's, in the article's language
    judged_text = dict(judged)
    for i, b in judged:
        if (body and body[0] < i < body[1] and _LEAD_WORDS <= len(b.text.split()) <= _POINT_WORDS
                and not _TALLY.match(b.text) and _before_prose(i, after, prose, judged_text)):
            reads[i] = reads.get(i, frozenset()) | LEAD_KINDS
    if not reads or language is None:
        return set()
    position = {i: n for n, (i, _) in enumerate(judged)}
    merged = sorted([*kept, *(judged[position[i]] for i in reads if i not in kept_at)], key=lambda t: t[0])
    blocks = [b for _, b in merged]
    view = ArticleView(join_blocks(blocks), blocks, language, cfg)
    flags = [*mixed_voice(view), *dangling_list(view.text, view.blocks, view.offs, language, cfg),
             *(foreign_text(view) if language in cfg.languages else [])]
    out: set[int] = set()
    for f in flags:
        if f.kind not in ASIDE_KINDS or f.severity == "info":
            continue
        for (i, b), start in zip(merged, view.offs, strict=True):
            if f.kind in reads.get(i, ()) and start <= f.start < start + len(b.text) + 1:
                out.add(position[i])
    return out
