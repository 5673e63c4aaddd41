"""Language detection with langdetect's public API, made deterministic.

langdetect samples n-grams at random; with `DetectorFactory.seed` fixed, the same
text gets the same answer in every process and on every run. Short text is guessed
badly, so callers get None below `min_chars`.
"""

from __future__ import annotations

import contextlib
import threading
from functools import lru_cache

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0
_init = threading.Lock()
_ready = False


def _ensure_profiles() -> None:
    """langdetect loads its profiles on the first call, not thread-safely: a second thread
    can see a half-loaded factory and answer nothing. The first call is made under a lock."""
    global _ready
    if not _ready:
        with _init:
            if not _ready:
                with contextlib.suppress(LangDetectException):
                    detect_langs("warm up the language profiles")
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
    """The seeded answer for one sample; the same sample always gets the same answer, and
    the per-block checks see a site's footer and notices on each of its pages, so a
    worker keeps recent ones."""
    _ensure_profiles()
    try:
        best = detect_langs(sample_)[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    code = best.lang.split("-")[0]  # zh-cn, zh-tw -> zh
    return code, float(best.prob)
