"""The learned scorer for `dangling_list`: a logistic regression that weighs a weak lead-in
("Here are some steps you can take:", "There are four ways:") against what follows it.

The rule (`shape.py`) flags a strong promise before prose or the end, and a weak one only
at the end: published pages set list items as paragraphs after weak lead-ins far more
often than scraping loses a list after one. What tells them apart is the block structure,
weighed here: whether the next blocks read as items (short, parallel in length and
opening, a term before a colon, a gerund or an imperative) or as prose going on (long,
several sentences, opening with a word that carries a story on), how many of the lead's
words the next block takes up, and the lead's own shape (its length, a count, a question
word, the reader addressed, the author's "I"), whether it points at one thing the text
does not hold (a picture, a table, code, "this": `shows` in `rules/shapes.toml`),
whether it stands inside a paragraph (then what follows is the paragraph's rest), how
many of its words the next blocks take up together (long items each name the topic
again), the same weighed by rarity (`rare_taken`: wordfreq's Zipf, so "potassium" counts
and "that" or "high" do not; a lost list leaves a paragraph on something else after its
lead-in) and whether they open on one of them (an item names what was announced), and whether the next block opens on an ordinal ("First,", "Erstens",
"Premièrement", "En primer lugar": `ordinals` in `rules/shapes.toml`), as enumerated
items set as paragraphs do; and whether the lead-in is a label rather than a promise
(three words or fewer, "Kids:"; words set in title case, "Who It's Best For:", except in a
language that capitalises its nouns): a label heads its own text, which follows as prose;
and whether the next block opens on a quotation mark (`next_quote`: a promise of items
before a quotation is weighed, since a quotation is mostly what a lead-in announces).
Weights, scaling and threshold are a versioned JSON file in `models/`
(`models/train_leads.py`); a flag it makes names the model and its probability.
"""

from __future__ import annotations

import math
import re
from functools import cache

from ..model import Block
from . import logistic
from .glued import zipf
from .logistic import Model

NAME = "leads"
FEATURES = (
    "weak", "opens", "counts", "asks", "lead_words", "lead_you", "lead_we", "lead_heading", "lead_alone",
    "lead_first_sentence", "end", "next_words", "next_sentences", "next_stop", "next_goes_on", "next_item",
    "next_digit", "next_colon", "next_lower", "next2_words", "parallel", "same_opening", "next_short_run",
    "takes_up", "before_words", "position", "lead_i", "shows", "inside",
    "takes_up_run", "next_ordinal", "names_item",
    "rare_taken", "rare_taken_run", "lead_label", "lead_caps", "next_quote",
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STOPS = re.compile(r"[.!?…][\"”’»)]*(?:\s|$)")
_END = re.compile(r"[.!?…][\"”’»)]*\s*$")
_YOU = re.compile(r"(?<![\w-])(?:you|your|du|dich|dir|dein\w*|Sie|Ihnen|Ihr\w*|tu|te|vous|votre|vos|usted|tú|tus?)(?![\w-])")
_WE = re.compile(r"(?<![\w-])(?:we|our|us|wir|uns|unser\w*|nous|notre|nos|nosotros|nuestr\w*)(?![\w-])", re.I)
_I = re.compile(r"(?<![\w-])(?:I|I['’]\w+|(?i:me|my|ich|mich|mir|mein\w*|je|j['’]\w+|moi|mon|ma|mes|yo|mis?))(?![\w-])")
_QUOTE = re.compile(r"[\"“”‘'«„]")  # a block opening on a quotation mark
_MIN_SHARED = 4  # letters of a word that counts for what the next block takes up
_READ = 400  # characters of a block read for the words it takes up (an item names its topic early)
_READ_STOPS = 1500  # characters of the next block read for its sentences
RARE_ZIPF = 6.0  # a word this frequent or more carries no topic (as in `topic.py`)
_STEM = 6
LABEL_WORDS = 3  # a lead-in this short is a label heading its own text ("Kids:", "TL;DR:", "Eating out:")


@cache
def load() -> Model | None:
    """The shipped model (None when none is shipped or it was trained on other features)."""
    return logistic.load(NAME, FEATURES)


def first_person(text: str) -> bool:
    """Whether the text speaks as "I" or "we" (in the four languages): an author's own
    aside or road map ("I look at the bed below", "we cover these below")."""
    return bool(_I.search(text) or _WE.search(text))


def first_person_singular(text: str) -> bool:
    """Whether the text speaks as "I" (in the four languages), not only as "we"."""
    return bool(_I.search(text))


def _words(text: str) -> int:
    """About how many words: the spaces between them (no list of them made)."""
    return text.count(" ") + 1 if text.strip() else 0


def _content(text: str) -> set[str]:
    return {w.lower()[:6] for w in _WORD.findall(text) if len(w) >= _MIN_SHARED}


def _taken(words: set[str], text: str) -> set[str]:
    """Which of the lead's words (their first six letters) the start of `text` holds."""
    low = text[:_READ].lower()
    return {w for w in words if w in low}


def features(lead: str, blocks: list[Block], i: int, promise: tuple[re.Pattern[str], ...],
             goes_on: re.Pattern[str], item: re.Pattern[str], inside: bool = False,
             language: str | None = None, capitalised_nouns: bool = False) -> list[float]:
    """The feature row of the lead-in `lead` that closes block `i`; `promise` are the shape
    rule's patterns (strong, weak, opens, counts, asks, ...), `goes_on` a paragraph's
    opening that carries a story on, `item` an opening that names an item; `inside`: the
    lead-in stands inside a paragraph, and block `i + 1` is the rest of that paragraph;
    `capitalised_nouns`: the language writes its nouns with a capital (then a capital
    says nothing of a title)."""
    _, weak, opens, counts, asks, _, shows, ordinal, *_ = promise
    lead = lead.strip()
    words = _WORD.findall(lead)
    block = blocks[i].text.rstrip()
    nxt = [b.text.strip() for b in blocks[i + 1:i + 4] if b.type in ("paragraph", "list_item", "quote")]
    first = nxt[0] if nxt else ""
    second = nxt[1] if len(nxt) > 1 else ""
    n1, n2 = _words(first), _words(second)
    before = sum(_words(b.text) for b in blocks[max(0, i - 2):i])
    lead_words = _content(counts.sub(" ", opens.sub(" ", lead, count=1)))  # its topic, not "here are", "einige"
    read = [_taken(lead_words, t) for t in nxt]  # items set as paragraphs take the lead's topic up again
    takes = len(read[0]) / len(lead_words) if lead_words and first else 0.0
    takes_run = len(set().union(*read)) / len(lead_words) if lead_words and read else 0.0
    topic = _rare(counts.sub(" ", opens.sub(" ", lead, count=1)), language)
    mass = sum(topic.values())
    near = [_stems(t[:_READ_STOPS]) for t in nxt]
    rare_taken = sum(w for k, w in topic.items() if near and k in near[0]) / mass if mass else 0.0
    rare_run = sum(w for k, w in topic.items() if any(k in n for n in near)) / mass if mass else 0.0
    runs = 0
    for t in nxt:
        if _words(t) > 25:
            break
        runs += 1
    return [
        float(bool(weak.search(lead))), float(bool(opens.match(lead))), float(bool(counts.search(lead))),
        float(bool(asks.match(lead))), math.log(1 + len(words)),
        float(bool(_YOU.search(lead))), float(bool(_WE.search(lead))),
        float(blocks[i].type == "heading"), float(len(block) - len(lead) <= 2),
        float(not _STOPS.search(block[:max(0, len(block) - len(lead))])),
        float(not nxt and i + 1 >= len(blocks)),
        math.log(1 + n1), float(len(_STOPS.findall(first, 0, _READ_STOPS))), float(bool(_END.search(first))),
        float(bool(goes_on.match(first))), float(bool(item.match(first))),
        float(first[:1].isdigit()), float(":" in first[:40]), float(first[:1].islower()),
        math.log(1 + n2),
        (min(n1, n2) / max(n1, n2)) if n1 and n2 else 0.0,
        float(bool(first and second) and first.split(None, 1)[0].lower() == second.split(None, 1)[0].lower()),
        float(runs),
        takes, math.log(1 + before), i / max(1, len(blocks) - 1),
        float(bool(_I.search(lead))), float(bool(shows.search(lead))),
        float(inside),
        takes_run, float(bool(ordinal.match(first))),
        float(sum(_opening_named(lead_words, t) for t in nxt[:2])),
        rare_taken, rare_run,
        float(len(words) <= LABEL_WORDS), 0.0 if capitalised_nouns else _capitals(words),
        float(bool(_QUOTE.match(first))),
    ]


def _capitals(words: list[str]) -> float:
    """The share of the lead's words after its first that open on a capital: a title or a
    label set in title case ("Who It's Best For:", "Augmented Reality (AR) Integration:")
    heads its own text; a sentence promising items does not capitalise its words."""
    return sum(w[:1].isupper() for w in words[1:]) / (len(words) - 1) if len(words) > 1 else 0.0


def _weight(word: str, language: str | None) -> float:
    """A word's rarity weight: `RARE_ZIPF` less its Zipf frequency in the language (or
    English: loanwords, drug names), 0 for the everyday words that carry no topic."""
    if not language:
        return 0.0
    z = zipf(word, language)
    if language != "en":
        z = max(z, zipf(word, "en"))
    return max(0.0, RARE_ZIPF - z)


def _rare(text: str, language: str | None) -> dict[str, float]:
    """The stems of a text's words (3 letters or more) with their rarity weight."""
    out: dict[str, float] = {}
    for w in _WORD.findall(text.lower()):
        if len(w) >= 3 and (x := _weight(w, language)) > 0:
            k = w[:_STEM]
            out[k] = max(out.get(k, 0.0), x)
    return out


def _stems(text: str) -> set[str]:
    """The stems of a text's words of 3 letters or more."""
    return {w[:_STEM] for w in _WORD.findall(text.lower()) if len(w) >= 3}


def _opening_named(words: set[str], text: str) -> bool:
    """Whether the block opens on a word of the lead's topic: an item set as a paragraph
    names the thing the lead-in announced ("two designs, open-back and closed-back:" /
    "Open-back headphones ...")."""
    m = _WORD.search(text, 0, 60)
    return bool(m and len(m.group()) >= _MIN_SHARED and m.group().lower()[:6] in words)
