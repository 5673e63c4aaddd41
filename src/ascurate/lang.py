"""Language detection with langdetect, made deterministic.

langdetect samples n-grams at random; with `DetectorFactory.seed` fixed, the same
text gets the same answer in every process and on every run. Short text is guessed
badly, so callers get None below `min_chars`.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import langdetect.detector_factory as factory_module
import numpy as np
from langdetect import DetectorFactory
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram

DetectorFactory.seed = 0
_init = threading.Lock()
_ready = False


def _ensure_profiles() -> None:
    """langdetect loads its profiles lazily and not thread-safely: a second thread can
    see a half-loaded factory and answer nothing. Load them once, under a lock."""
    global _ready
    if not _ready:
        with _init:
            init_factory()
            _ready = True


SAMPLE_CHARS = 1_200  # langdetect's time grows with the text; this much from across it is plenty
SAMPLE_PIECES = 4


def sample(text: str, budget: int = SAMPLE_CHARS, pieces: int = SAMPLE_PIECES) -> str:
    """Up to `budget` characters from across the text: `pieces` evenly spaced windows cut
    at spaces, so a long article's language is read from its start, middle and end, not
    from its first screen only (a foreign abstract or a cookie notice)."""
    if len(text) <= budget:
        return text
    width = budget // pieces
    step = (len(text) - width) / (pieces - 1)
    out = []
    for i in range(pieces):
        start = int(i * step)
        if start:
            space = text.find(" ", start, start + 40)
            start = space + 1 if space >= 0 else start
        out.append(text[start:start + width])
    return " ".join(out)


def detect(text: str, min_chars: int = 20) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of the text's language, or (None, 0.0) when unsure."""
    sample_ = sample(text, SAMPLE_CHARS)
    if sum(c.isalpha() for c in sample_) < min_chars:
        return None, 0.0
    return _detect(sample_)


@lru_cache(maxsize=8192)
def _detect(sample_: str) -> tuple[str | None, float]:
    """The seeded answer for one sample: pages repeat paragraphs (per-block checks see a
    site's footer on every page, an article's copies share most of their text), and
    the same sample always gets the same answer, so a worker keeps recent ones."""
    _ensure_profiles()
    try:
        best = detect_langs(sample_)[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    code = best.lang.split("-")[0]  # zh-cn, zh-tw -> zh
    return code, float(best.prob)


# ---------------------------------------------------------------- langdetect, faster

# `detect_langs` below is langdetect's, step for step, with its two inner loops made
# cheaper: per sampled n-gram, the 55 language probabilities are multiplied in numpy
# rather than one by one in Python (the same IEEE products, element by element; the
# normalising sum stays Python's left-to-right `sum`), and the n-gram buffer is inlined
# with each character's normalisation cached. The random draws are the same calls on
# the same seeded generator, so every answer is langdetect's own, to the last bit
# (tests/test_lang.py checks this on the corpus); it takes ~40% of the time.
_ROWS: dict[str, np.ndarray] = {}  # n-gram -> its language probabilities, as drawn
_MAX_ROWS = 16_000  # ~11 MB; 1,200 English pages draw ~5,100 of the profiles' 87,598 n-grams
_NORMAL: dict[str, str] = {}  # character -> NGram.normalize(character)


def _row(word: str, vocab: dict[str, list[float]]) -> np.ndarray:
    row = _ROWS.get(word)
    if row is None:
        if len(_ROWS) >= _MAX_ROWS:
            _ROWS.clear()
        row = _ROWS[word] = np.array(vocab[word], dtype=np.float64)
    return row


def ngrams(text: str, vocab: dict[str, list[float]]) -> list[str]:
    """`Detector._extract_ngrams`: the 1-, 2- and 3-grams of the text that the profiles
    know, in order, skipping words in capitals (NGram.add_char's rules)."""
    out: list[str] = []
    grams, capital = " ", False
    normal = _NORMAL
    for ch in text:
        c = normal.get(ch)
        if c is None:
            c = normal[ch] = NGram.normalize(ch)
        last = grams[-1]
        if last == " ":
            grams, capital = " ", False
            if c == " ":
                continue
        elif len(grams) >= NGram.N_GRAM:
            grams = grams[1:]
        grams += c
        if c.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if c != " " and c in vocab:
            out.append(c)
        if len(grams) >= 2:
            if grams[-2:] in vocab:
                out.append(grams[-2:])
            if len(grams) >= 3 and grams in vocab:
                out.append(grams)
    return out


def detect_langs(text: str) -> list[Language]:
    """`langdetect.detect_langs(text)`, the same answer faster (see above)."""
    init_factory()
    det = factory_module._factory.create()
    det.append(text)
    det.cleaning_text()
    vocab = det.word_lang_prob_map
    grams = ngrams(det.text, vocab)
    if not grams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    n = len(det.langlist)
    langprob = np.zeros(n)
    rand = det.random
    rand.seed(det.seed)
    for _ in range(det.n_trial):
        prob = np.array(det._init_probability(), dtype=np.float64)
        alpha = det.alpha + rand.gauss(0.0, 1.0) * det.ALPHA_WIDTH
        weight = alpha / det.BASE_FREQ
        i = 0
        while True:
            prob *= weight + _row(rand.choice(grams), vocab)
            if i % 5 == 0:
                prob /= sum(prob.tolist())
                if prob.max() > det.CONV_THRESHOLD or i >= det.ITERATION_LIMIT:
                    break
            i += 1
        langprob += prob / det.n_trial
    det.langprob = langprob.tolist()
    return det._sort_probability(det.langprob)
