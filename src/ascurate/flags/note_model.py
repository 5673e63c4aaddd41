"""The learned scorer for `editorial_note`: a logistic regression over general signals of a
sentence, for the notes the rule's address-and-request structure misses.

The rule (`notes.py`) wants an address; many notes have none ("Is this still the latest
figure? Worth checking.", "Quote not cleared yet, waiting on the clinic."), and a reader
tip or a question to readers has the same words. No single signal tells them apart, so
the weights of many are learned (`models/train_notes.py`): the rule's own readings
(address, stranger, request, editorial words, bracket), the persons the sentence speaks
in (a colleague is "du", "tu"; a reader "Sie", "vous"), its shape (a question, no final
stop, a lower-case start, a lead set off by a colon or dash, its own block) and how much
of its vocabulary the rest of the article shares. Weights, the scaling of each feature and
the threshold are a versioned JSON file in `models/` (no pickle); a flag it makes names
the model and its probability.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .. import models

if TYPE_CHECKING:
    from .notes import Reading, Words

NAME = "notes"
FEATURES = (
    "address_name", "address_role", "stranger", "labelled", "rule_request", "rule_question", "rule_copy",
    "aside", "rule_score",
    "request", "imperative_first", "copy_words", "copy_new", "pointer", "process", "process_new", "here", "question", "no_stop", "lower_start", "lead_sep",
    "bracketed", "mention", "you", "you_formal", "we", "me", "log_words", "own_block", "heading", "list_item",
    "capitalised", "digits", "quoted", "shared_words",
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_RUN = re.compile(r"[\w-]+")  # a word as the article's counts hold it (`notes.units`)
_LEAD_SEP = re.compile(r"^\W{0,2}(?:[^\W\d_][\w'’.-]*\s+){0,3}?[^\W\d_][\w'’.-]*\s*(?::|\s[-–—]|[-–—]\s|\.\.\.|…)")
_STOP = (".", "!", "?", "…", ")", "]", '"', "”", "»", "’")
_QUOTES = "“”„«»\""
MIN_WORDS = 4  # "Pictures.", "Result?": a heading or a label, no note
_POINTER_REACH = 25  # characters between a demonstrative and the word about the copy it points at ("this long paragraph")
_MIN_SHARED = 4  # letters of a word counted for the shared vocabulary (no articles or pronouns)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a sentence stands: the language's word lists, its block's type, whether it is
    the whole block, and how often the article writes a word in any case (`count`)."""

    words: Words
    block_type: str
    own_block: bool
    count: Callable[[str], int]


@dataclass(frozen=True, slots=True)
class Model:
    version: str
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def probability(self, x: list[float]) -> float:
        z = self.bias + sum(wt * (v - m) / s for wt, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@cache
def load() -> Model | None:
    """The shipped model (None when no card is shipped, or it was trained on other features:
    the rule then works alone)."""
    try:
        card = models.card(NAME)
    except KeyError:
        return None
    if list(card["features"]) != list(FEATURES):
        return None
    return Model(f"{NAME}-v{card['release']}", tuple(card["weights"]), float(card["bias"]), tuple(card["mean"]),
                 tuple(card["scale"]), float(card["threshold"]))


def worth_scoring(sentence: str, reading: Reading, ctx: Context) -> bool:
    """Only a sentence that asks something, names the copy or is addressed is scored: the
    model weighs reasons, it does not invent one."""
    w = ctx.words
    if len(sentence.split()) < MIN_WORDS:
        return False
    return bool(reading.address or "?" in sentence or w.requests.search(sentence) or w.editorial.search(sentence)
                or w.process.search(sentence))


def features(sentence: str, reading: Reading, ctx: Context) -> list[float]:
    """The feature row of one sentence, in `FEATURES` order."""
    from .notes import ADDRESS_NAME, ADDRESS_ROLE, EDITORIAL_EACH, QUESTION

    w = ctx.words
    words = _WORD.findall(sentence)
    n = max(1, len(words))
    first = words[0].lower() if words else ""
    stripped = sentence.strip()
    body = stripped.lstrip("[(<«\"“„‘ ")
    low = sentence.lower()
    here_too = Counter(_RUN.findall(low))
    shared = [x for x in _RUN.findall(low) if len(x) >= _MIN_SHARED]
    own = sum(ctx.count(x) > here_too[x] for x in shared) / len(shared) if shared else 0.5

    def new(found: set[str]) -> int:
        """How many of the words (a phrase by its first word) are written nowhere else in the
        article: a note's words about the copy (an article on photography writes "photo" throughout)."""
        heads = [_RUN.match(x) for x in found]
        return sum(ctx.count(h.group()) <= here_too[h.group()] for h in heads if h)

    copy = {m.group().lower() for m in w.editorial.finditer(sentence)}
    process = {m.group().lower() for m in w.process.finditer(sentence)}
    pointer = any(w.pointers.search(sentence, max(0, m.start() - _POINTER_REACH), m.start())
                  for m in w.editorial.finditer(sentence))
    return [
        float(reading.address == ADDRESS_NAME), float(reading.address == ADDRESS_ROLE), float(reading.stranger > 0),
        float(reading.labelled > 0), float(reading.request > QUESTION), float(reading.request == QUESTION),
        reading.copy / EDITORIAL_EACH, float(reading.aside > 0), reading.score,
        float(bool(w.requests.search(sentence) or w.infinitives.search(sentence))),
        float(first in w.imperatives),
        float(min(3, len(copy))), float(min(3, new(copy))), float(pointer),
        float(min(3, len(process))), float(min(3, new(process))),
        float(bool(w.here.search(sentence))),
        float("?" in sentence),
        float(not stripped.endswith(_STOP)),
        float(bool(body) and body[0].islower()),
        float(bool(_LEAD_SEP.match(stripped))),
        float(stripped[:1] in "[(<"),
        float("@" in sentence),
        float(min(2, len(w.you.findall(sentence)))),
        float(min(2, len(w.you_formal.findall(sentence)))),
        float(min(2, len(w.we.findall(sentence)))),
        float(min(2, len(w.me.findall(sentence)))),
        math.log(n),
        float(ctx.own_block),
        float(ctx.block_type == "heading"),
        float(ctx.block_type == "list_item"),
        sum(x[0].isupper() for x in words[1:]) / max(1, n - 1),
        float(any(c.isdigit() for c in sentence)),
        float(any(q in sentence for q in _QUOTES)),
        own,
    ]


def card_json(card: dict) -> str:
    """A card as the trainer writes it (stable key order, one value a line)."""
    return json.dumps(card, indent=1, ensure_ascii=False) + "\n"
