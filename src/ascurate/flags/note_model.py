"""The learned scorer for `editorial_note`: a logistic regression over general signals of a
sentence, for the notes the rule's address-and-request structure misses.

The rule (`notes.py`) wants an address; many notes have none ("Is this still the latest
figure? Worth checking.", "Quote not cleared yet, waiting on the clinic."), and a reader
tip or a question to readers has the same words. No single signal tells them apart, so
the weights of many are learned (`models/train_notes.py`): the rule's own readings
(address, stranger, request, editorial words, bracket), the persons the sentence speaks
in (a colleague is "du", "tu"; a reader "Sie", "vous"), its shape (a question, no final
stop, a lower-case start, a lead set off by a colon or dash, its own block) and how much
of its vocabulary the rest of the article shares; and where its register differs from the
article's: a person (I, you, we) the rest of the article hardly speaks in, a colleague's
thanks or hedge ("happy to", "no rush"), a pointer at a place in the document ("above",
"the intro", "ci-dessous"), a question about this copy ("Is this ...?") rather than the world. Weights, the scaling of each feature and
the threshold are a versioned JSON file in `models/` (no pickle); a flag it makes names
the model and its probability.
"""

from __future__ import annotations

import json
import math
import operator
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, KeysView
from dataclasses import dataclass
from functools import cache
from itertools import compress, islice, repeat
from typing import TYPE_CHECKING

from . import logistic
from .logistic import Model
from .voice import mask_quotes

if TYPE_CHECKING:
    from .notes import Reading, Words

NAME = "notes"
FEATURES = (
    "address_name", "address_role", "stranger", "labelled", "rule_request", "rule_question", "rule_copy",
    "aside", "rule_score",
    "request", "imperative_first", "copy_words", "copy_new", "pointer", "process", "process_new", "here",
    "question", "no_stop", "lower_start", "lead_sep", "bracketed", "mention", "you", "you_formal", "we", "me",
    "log_words", "own_block", "heading", "list_item",
    "capitalised", "digits", "quoted", "shared_words", "infinitive", "checks", "check_copy",
    "bare_question", "place", "social", "person_new", "question_pointing",
    "article_copy_rate", "desk_modal", "copy_change", "pending_copy", "copy_first", "question_desk",
)
TOKEN = re.compile(r"[^\W_][\w'’-]*")
LISTS = ("requests", "editorial", "process", "here", "you", "you_formal", "we", "me", "pointers", "imperatives", "checks",
         "places", "social", "parts", "changes", "modals", "pending", "someone")
PERSONS = ("you", "we", "me")  # a person the rest of the article does not speak in: a change of register
CASED = {"you_formal"}  # matched with their capital ("Sie" is the reader, "sie" is they)
GATE = ("requests", "editorial", "process", "checks", "parts")
_PERSON_RATE = 300  # words of the article per use of a person, below which the person is its own
_LEAD_SEP = re.compile(r"^\W{0,2}(?:[^\W\d_][\w'’.-]*\s+){0,3}?[^\W\d_][\w'’.-]*\s*(?::|\s[-–—]|[-–—]\s|\.\.\.|…)")
_STOP = (".", "!", "?", "…", ")", "]", '"', "”", "»", "’")
_DIGIT = re.compile(r"\d")
_MENTION = re.compile(r"(?<![\w.])@[^\W\d_]")  # "@Lektorat", not "info@nccih.nih.gov"
_RUN_CHAR = re.compile(r"[\w-]")
_QUOTES = "“”„«»\""
_QUOTE_CHAR = re.compile(f"[{_QUOTES}]")  # any of `_QUOTES` (one scan, not one per mark)
_FIRST_CHAR = operator.itemgetter(0)
MIN_WORDS = 4  # "Pictures.", "Result?": a heading or a label, no note
_POINTER_REACH = 3  # tokens from a demonstrative to the word about the copy it points at ("this long paragraph")
_MIN_SHARED = 4  # letters of a word counted for the shared vocabulary (no articles or pronouns)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A word list matched on tokens: whole words, word starts (an entry ending in `*`) and
    phrases of several words."""

    words: frozenset[str]
    starts: tuple[str, ...]
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # by first word

    @classmethod
    def of(cls, items: list[str], cased: bool = False) -> Lexicon:
        items = [x.replace("’", "'") if cased else x.lower().replace("’", "'") for x in items]
        single = [x for x in items if len(TOKEN.findall(x)) == 1 and TOKEN.fullmatch(x.rstrip("*"))]
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for x in items:
            if x not in single and TOKEN.findall(x):
                phrases.setdefault(TOKEN.findall(x)[0], []).append(tuple(TOKEN.findall(x)))
        return cls(frozenset(x for x in single if not x.endswith("*")), tuple(x[:-1] for x in single if x.endswith("*")),
                   {k: tuple(v) for k, v in phrases.items()})


class Lexicons:
    """Every list of a language, read off a sentence's tokens in one pass: each token's
    lists as bits, the token's own (without its phrases) kept for the worker's life."""

    MEMO = 100_000  # tokens remembered per language

    def __init__(self, lists: dict[str, Lexicon]) -> None:
        self.lists = lists
        self.bit = {k: 1 << i for i, k in enumerate(lists)}
        self._phrases: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for k, lex in lists.items():
            for first, phrases in lex.phrases.items():
                self._phrases.setdefault(first, []).extend((self.bit[k], p) for p in phrases)
        # each whole word with the lists it stands in, lower-cased or as written (`CASED`), and
        # every word start of the lists matched in lower case: a token is looked up once in each
        # table, and read against each list's starts only where one of them opens it
        self._whole: dict[str, int] = {}
        self._whole_cased: dict[str, int] = {}
        for k, lex in lists.items():
            table = self._whole_cased if k in CASED else self._whole
            for word in lex.words:
                table[word] = table.get(word, 0) | self.bit[k]
        self._starts = tuple(x for k, lex in lists.items() if k not in CASED for x in lex.starts)
        self._starting = tuple((self.bit[k], lex.starts, k in CASED) for k, lex in lists.items() if lex.starts)
        self._cased_starts = any(cased for *_, cased in self._starting)
        self._memo: dict[str, int] = {}
        self._marked: set[str] = set()  # the remembered tokens that stand in some list
        self._keys: dict[int, tuple[str, ...]] = {}  # a mask's lists, by name

    @classmethod
    def of(cls, raw: dict[str, list[str]]) -> Lexicons:
        return cls({k: Lexicon.of(v, k in CASED) for k, v in raw.items()})

    def word(self, token: str) -> int:
        """The lists a single token stands in, as bits."""
        mask = self._memo.get(token)
        if mask is None:
            if len(self._memo) >= self.MEMO:
                self._forget()
            mask = self._memo[token] = self._lists_of(token)
            if mask:
                self._marked.add(token)
        return mask

    def marked(self, tokens: KeysView[str]) -> dict[str, int]:
        """Those of `tokens` (distinct) that stand in a list, with their lists as bits: the
        tokens not yet met are looked up, the rest found by one set intersection."""
        memo = self._memo
        new = set(tokens).difference(memo)  # (a set's difference with a dict reads only the set)
        if len(memo) + len(new) > self.MEMO:
            self._forget()
            new = set(tokens)
        for token in new:
            mask = memo[token] = self._lists_of(token)
            if mask:
                self._marked.add(token)
        return {t: memo[t] for t in self._marked.intersection(tokens)}

    def lists_in(self, mask: int) -> tuple[str, ...]:
        """The names of the lists whose bits `mask` holds, in list order (kept per mask)."""
        keys = self._keys.get(mask)
        if keys is None:
            keys = self._keys[mask] = tuple(k for k, bit in self.bit.items() if mask & bit)
        return keys

    def _forget(self) -> None:
        self._memo.clear()
        self._marked.clear()

    def _lists_of(self, token: str) -> int:
        """The lists a token stands in, as bits: as a whole word (lower-cased, or as written for
        a `CASED` list) or by a word start of the list."""
        low = token.lower()
        mask = self._whole.get(low, 0) | self._whole_cased.get(token, 0)
        if low.startswith(self._starts) or self._cased_starts:
            for bit, starts, cased in self._starting:
                if (token if cased else low).startswith(starts):
                    mask |= bit
        return mask

    def marks(self, toks: list[str], low: list[str]) -> list[int]:
        """The lists each token stands in (as bits), a phrase marked on its first word."""
        out = list(map(self._memo.get, toks))  # the tokens met before, in one pass
        if None in out:
            out = [self.word(t) if m is None else m for t, m in zip(toks, out, strict=True)]
        phrases = self._phrases
        if not phrases.keys().isdisjoint(low):
            for i, t in enumerate(low):
                for bit, p in phrases.get(t, ()):
                    if tuple(low[i:i + len(p)]) == p:
                        out[i] |= bit
        return out


@dataclass(frozen=True, slots=True)
class Context:
    """Where a sentence stands: the language's word lists, its block's type and what the
    scorer reads of the whole article."""

    words: Words
    block_type: str
    article: Article


class Article:
    """What the scorer reads of the whole article, once and only when first asked: where
    words of the gate's lists stand (`hits`, found through the article's vocabulary, not by
    searching the text for every word of every list), how often it writes each word and
    speaks in each person (`persons`, read in the same pass)."""

    def __init__(self, text: str, lex: Lexicons, vocabulary: Callable[[], Counter[str]]) -> None:
        self.text, self.lex, self._vocabulary = text, lex, vocabulary
        self._hits: list[int] | None = None
        self._persons: dict[str, int] | None = None
        self._words = 0
        self._copy_words = 0  # words of the gate's lists the article writes

    def persons(self) -> tuple[dict[str, int], int]:
        """How often the article speaks in each person (`PERSONS`), and its number of words."""
        if self._persons is None:
            self._scan()
        assert self._persons is not None
        return self._persons, self._words

    def copy_rate(self) -> float:
        """Words of the gate's lists (requests, the copy, its making, checks, its parts) per
        100 words of the article: an article about editing or publishing writes them throughout."""
        _, words = self.persons()  # the scan that counts `_copy_words` too
        return 100.0 * self._copy_words / max(1, words)

    def vocabulary(self) -> Counter[str]:
        """The article's words (runs of word characters and hyphens) and how often each stands."""
        return self._vocabulary()

    def hits(self) -> list[int]:
        """Offsets of every "?" and every word of a gate list (`GATE`) in the text, in order."""
        if self._hits is None:
            self._scan()
        assert self._hits is not None
        return self._hits

    def _scan(self) -> None:
        """`hits` and `persons` in one pass over the article's vocabulary."""
        lex, text = self.lex, self.text
        gate = sum(lex.bit[k] for k in GATE)
        bits = {k: lex.bit[k] for k in PERSONS}
        person = sum(bits.values())
        counts, found = dict.fromkeys(PERSONS, 0), []
        vocabulary = self._vocabulary()
        for word, mask in lex.marked(vocabulary.keys()).items():
            if mask & person:
                n = vocabulary[word]
                for k, bit in bits.items():
                    if mask & bit:
                        counts[k] += n
            if mask & gate:
                at = text.find(word)
                while at >= 0:  # the vocabulary holds whole runs: a match inside a longer run is none
                    end = at + len(word)
                    if not (at and _RUN_CHAR.match(text, at - 1) or _RUN_CHAR.match(text, end)):
                        found.append(at)
                    at = text.find(word, end)
        words = sum(vocabulary.values())
        self._copy_words = len(found)
        at = text.find("?")
        while at >= 0:
            found.append(at)
            at = text.find("?", at + 1)
        self._hits, self._persons, self._words = sorted(found), counts, words

    def gated(self, start: int, end: int) -> bool:
        hits = self.hits()
        i = bisect_left(hits, start)
        return i < len(hits) and hits[i] < end


@cache
def load() -> Model | None:
    """The shipped model (None when no card is shipped, or it was trained on other features:
    the rule then works alone)."""
    return logistic.load(NAME, FEATURES)


def worth_scoring(sentence: str, start: int, end: int, reading: Reading, ctx: Context, read: bool = False) -> bool:
    """Only a sentence of a few words (text[start:end] of the article) outside quotation marks
    that is addressed, asks a question or has a word of the gate lists (a request, a word about
    the copy or its making) is scored: the model weighs reasons, it does not invent one. `read`:
    the sentence is known to be addressed or to hold such a word."""
    if sentence.count(" ") + 1 < MIN_WORDS or reading.caption:
        return False  # (a caption or credit line: the page's own label, `notes._caption`)
    if _QUOTE_CHAR.search(sentence) and len(mask_quotes(sentence).split()) < MIN_WORDS:
        return False  # "Inès : « Faut-il … ? »": a label before someone's quoted words, which are theirs
    return read or bool(reading.address) or ctx.article.gated(start, end)


@cache
def _rule_weights() -> tuple[float, float, float, float]:
    """The rule's weights that the features compare a reading with (imported once: `notes`
    imports this module)."""
    from .notes import ADDRESS_NAME, ADDRESS_ROLE, EDITORIAL_EACH, QUESTION

    return ADDRESS_NAME, ADDRESS_ROLE, EDITORIAL_EACH, QUESTION


# the features read against the rest of the article (how much of the sentence's vocabulary it shares,
# which of its words about the copy it writes nowhere else), left out of a first, bounding row
_SHARED, _COPY_NEW, _PROCESS_NEW, _COPY_CHANGE, _PENDING = (FEATURES.index(f) for f in (
    "shared_words", "copy_new", "process_new", "copy_change", "pending_copy"))


def features(sentence: str, reading: Reading, ctx: Context, own_block: bool) -> list[float]:
    """The feature row of one sentence (`own_block`: it is its whole block), in `FEATURES` order."""
    row, _, complete = _rows(sentence, reading, ctx, own_block)
    complete()
    return row


def probability(sentence: str, reading: Reading, ctx: Context, own_block: bool, model: Model) -> float | None:
    """`model`'s probability that the sentence is a note, or None when it cannot reach the
    model's threshold: the row is first made with the features read against the rest of the
    article at their most note-like within what the sentence allows (its words about the copy
    all new to the article, none of its words shared), and completed only where that most
    note-like row reaches the threshold (a few sentences in a hundred). A term of the model
    only grows with a feature its weight favours, so the complete row scores no higher."""
    row, bounds, complete = _rows(sentence, reading, ctx, own_block)
    most = list(row)
    for i, high in _rising(model):
        most[i] = bounds[i][high]  # (the end whose term is higher)
    if model.probability(most) < model.threshold:
        return None
    complete()
    return model.probability(row)


def _rising(model: Model) -> tuple[tuple[int, int], ...]:
    """(index, 1 where the model's term grows with the feature, else 0) of each feature read
    against the rest of the article: which end of its range makes a row most note-like (kept
    per model object: a model's hash would read all its weights at every sentence)."""
    kept = _RISING.get(id(model))
    if kept is None or kept[0] is not model:
        kept = _RISING[id(model)] = (model, tuple((i, int(model.weights[i] * model.scale[i] > 0))
                                                  for i in (_SHARED, _COPY_NEW, _PROCESS_NEW, _COPY_CHANGE, _PENDING)))
    return kept[1]


_RISING: dict[int, tuple[Model, tuple[tuple[int, int], ...]]] = {}


def _rows(sentence: str, reading: Reading, ctx: Context,
          own_block: bool) -> tuple[list[float], dict[int, tuple[float, float]], Callable[[], None]]:
    """The feature row without the features read against the rest of the article, their
    ranges (index -> (lowest, highest)), and the function that writes them into the row."""
    ADDRESS_NAME, ADDRESS_ROLE, EDITORIAL_EACH, QUESTION = _rule_weights()  # noqa: N806 (the rule's names)
    lex, runs = ctx.words.lexicon, ctx.article.vocabulary()
    toks = TOKEN.findall(sentence.replace("’", "'"))  # (both apostrophes are inner characters of a token)
    low = list(map(str.lower, toks))
    marks = lex.marks(toks, low)
    # the tokens of each list the sentence holds (a list it does not hold is absent: `none`)
    found: dict[str, list[tuple[int, str]]] = {}
    for i in compress(range(len(marks)), marks):  # (the tokens in some list: a few a sentence)
        for k in lex.lists_in(marks[i]):
            found.setdefault(k, []).append((i, low[i]))
    none: list[tuple[int, str]] = []
    get = found.get
    n = max(1, len(toks))
    stripped = sentence.strip()
    body = stripped.lstrip("[(<«\"“„‘ ")
    copy, process = get("editorial", none), get("process", none)
    you_, formal, we, me = get("you", none), get("you_formal", none), get("we", none), get("me", none)
    pointers, here, places, checks = get("pointers", none), get("here", none), get("places", none), get("checks", none)
    bit = lex.bit
    # the text itself: a word naming the copy or a part of the document ("the table", "the intro") that the
    # article writes nowhere else (on a page about photography "photo" is the subject), or a place in it;
    # a verb of acting on it ("prüfen", "cut", "revisar") names no text ("Ölstand monatlich prüfen")
    acting = bit["checks"] | bit["imperatives"] | bit["changes"]
    named = [(i, t) for i, t in copy if not marks[i] & acting]
    parts = get("parts", none)
    may_be_about_text = bool(places or named or parts)  # (about the text: one of them new to the article)
    you = bool(you_ or formal)
    infinitive = bool(ctx.words.infinitives.search(sentence))
    persons, words = ctx.article.persons()
    # a person this sentence speaks in that the rest of the article hardly uses ("I'd cut ...", "du" among "Sie")
    person_new = sum(k in found and (persons[k] - len(found[k])) * _PERSON_RATE < words for k in PERSONS)
    pointer = any(0 < i - j <= _POINTER_REACH for i, _ in copy for j, _ in pointers)
    question = "?" in sentence
    digits = bool(_DIGIT.search(sentence))
    changes = "changes" in found
    copy_words, process_words = min(3, len({t for _, t in copy})), min(3, len({t for _, t in process}))
    changing, pending = bool(changes or checks or infinitive), "pending" in found
    row = [
        float(reading.address == ADDRESS_NAME), float(reading.address == ADDRESS_ROLE), float(reading.stranger > 0),
        float(reading.labelled > 0), float(reading.request > QUESTION), float(reading.request == QUESTION),
        reading.copy / EDITORIAL_EACH, float(reading.aside > 0), reading.score,
        float("requests" in found),
        float(bool(marks) and bool(marks[0] & bit["imperatives"])),
        float(copy_words), 0.0, float(pointer),  # (copy_new: `complete`)
        float(process_words), 0.0,  # (process_new: `complete`)
        float(bool(here)),
        float(question),
        float(not stripped.endswith(_STOP)),
        float(bool(body) and body[0].islower()),
        float(bool(_LEAD_SEP.match(stripped))),
        float(stripped[:1] in "[(<"),
        float("@" in sentence and bool(_MENTION.search(sentence))),  # (its look-behind would be tried everywhere)
        float(min(2, len(you_))),
        float(min(2, len(formal))),
        float(min(2, len(we))),
        float(min(2, len(me))),
        math.log(n),
        float(own_block),
        float(ctx.block_type == "heading"),
        float(ctx.block_type == "list_item"),
        sum(map(str.isupper, map(_FIRST_CHAR, islice(toks, 1, None)))) / max(1, n - 1),
        float(digits),
        float(_QUOTE_CHAR.search(sentence) is not None),
        0.0,  # (shared_words: `complete`)
        float(infinitive),
        float(bool(checks)),
        float(bool(checks) and bool(copy or digits)),
        float(question and found.keys().isdisjoint(GATE)),  # "Microbes – friend or foe?": a title's question
        float(bool(places)),
        float(min(2, len(get("social", none)))),
        float(person_new),
        # a question about this copy ("Is this still right?", "the figure above?"), not the world ("A good source of iron?")
        float(question and bool(pointers or here or places)),
        # the sentence's words about the copy against the article's own rate: a note stands out in an article
        # on health, a sentence on proofreading does not in an article on editing
        min(5.0, ctx.article.copy_rate()),
        # the desk's voice: I or we with a modal ("we should say so", "I'd maybe lose ...", "bräuchten wir")
        float(bool(we or me) and "modals" in found),
        # a change to the text itself ("swap them", "needs replacing", "mis à jour", "hay que actualizarla")
        0.0,  # (copy_change: `complete`)
        # the text not yet finished ("still to be written", "until the embargo lifts", "noch", "encore")
        0.0,  # (pending_copy: `complete`)
        # the copy as the sentence's bare subject: a fragment with no article ("Source encore à trouver ...")
        float(bool(marks) and bool(marks[0] & (bit["editorial"] | bit["parts"] | bit["process"]))),
        # a question the desk asks itself ("Has anyone checked ...?", "Are we sure ...?"), not the reader
        float(question and bool(we or "someone" in found) and not you),
    ]
    bounds = {_SHARED: (0.0, 1.0), _COPY_NEW: (0.0, float(copy_words)), _PROCESS_NEW: (0.0, float(process_words)),
              _COPY_CHANGE: (0.0, float(may_be_about_text and changing)),
              _PENDING: (0.0, float(may_be_about_text and pending))}

    def complete() -> None:
        """The features read against the rest of the article, written into the row."""
        here_too = Counter(low)
        shared = [x for x in low if len(x) >= _MIN_SHARED]
        # how often the article writes a word (lower case or capitalised) beyond this sentence
        seen = runs.get  # (a Counter's own look-up calls a method for a word it lacks)

        def new(hits: list[tuple[int, str]]) -> int:
            """How many of the words are written nowhere else in the article: a note's words
            about the copy (an article on photography writes "photo" throughout)."""
            return sum(seen(t, 0) + seen(t.capitalize(), 0) <= here_too[t] for t in {t for _, t in hits})

        row[_SHARED] = sum(map(operator.gt, map(operator.add, map(seen, shared, repeat(0)),
                                                map(seen, map(str.capitalize, shared), repeat(0))),
                               map(here_too.__getitem__, shared))) / len(shared) if shared else 0.5
        row[_COPY_NEW], row[_PROCESS_NEW] = float(min(3, new(copy))), float(min(3, new(process)))
        about_text = bool(places) or new(named) > 0 or new(parts) > 0
        row[_COPY_CHANGE] = float(about_text and changing)
        row[_PENDING] = float(about_text and pending)

    return row, bounds, complete


def card_json(card: dict) -> str:
    """A card as the trainer writes it (stable key order, one value a line)."""
    return json.dumps(card, indent=1, ensure_ascii=False) + "\n"
