"""Text keys for dedup: the normalised-text hash (exact) and the MinHash signature (near).

Both are computed from the article's CLEAN text, never the HTML, so two pages that share
only a site's navigation and footer look as different as their articles are, and one
article in two templates looks the same.

Parameters, chosen from `bench/dedup.py sweep` on the dedup set (198 pages: 60 corpus
articles, 118 copies of 5 kinds, 20 quoting write-ups), with exact shingle sets:

    k   copy min J  copy min C  non-copy max J  max C   J>=0.5    J>=0.3    C>=0.5 & J>=0.2
    3      0.21        0.57          0.17        0.40   R 0.949   R 0.977   R 1.000
    4      0.20        0.54          0.15        0.39   R 0.938   R 0.977   R 1.000
    5      0.20        0.51          0.15        0.39   R 0.932   R 0.972   R 0.994
    7      0.18        0.45          0.14        0.38   R 0.892   R 0.972   R 0.989
    (pairwise, no transitivity; precision 1.000 everywhere; J Jaccard, C containment of
    the smaller text)

- Near copy = containment >= MIN_CONTAINMENT (0.5) and Jaccard >= MIN_JACCARD (0.2).
  Containment and not Jaccard alone, because extraction often keeps only part of one
  copy (a print page, a template that hides half the article): those pairs have Jaccard
  0.20-0.30 but containment 0.51-1.0. The closest non-copy (C 0.39) is a short write-up
  whose quotes of the original are 40% of its text; 0.5 keeps write-ups that are mostly
  their own words apart and still takes the lowest copy (0.51, an edited copy of a
  truncated extraction). The Jaccard floor keeps the containment estimate meaningful:
  above a size ratio of ~5, 128 permutations cannot tell it from noise.
- SHINGLE = 5 words. 3- and 4-word shingles gain one pair on this set (an edited copy of
  a truncated extraction, Jaccard 0.20 at k=5; the pipeline finds it anyway through a
  third copy) but raise the background: the closest non-copies come nearer (J 0.17 at
  k=3), and stock phrases shared by unrelated texts make more LSH candidates to verify.
  7 loses more edited copies.
- NUM_PERM = 128: the standard error of an estimate is about 0.035 at Jaccard 0.2 and
  0.044 at 0.5; copies near the threshold are few and usually reach their group through
  another copy as well. 256 would halve the variance and double signature time.
- LSH bands (index.py): 64 bands of 2 rows, so that a pair at Jaccard 0.2 becomes a
  candidate with probability 1-(1-0.2**2)**64 = 0.93 (0.998 at 0.3).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

SHINGLE = 5
NUM_PERM = 128
MIN_JACCARD = 0.2
MIN_CONTAINMENT = 0.5
THRESHOLD = MIN_JACCARD  # what LSH must surface
SCHEME = "affine32"  # datasketch >= 2.0 permutation scheme; stored signatures depend on it

_NON_WORD = re.compile(r"[\W_]+", re.U)
_ASCII_NON_WORD = {i: " " for i in range(128) if not chr(i).isalnum()}
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
_BASE = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_INV_BASE = np.uint64(pow(0x100000001B3, -1, 2**64))


def normalise(text: str) -> str:
    """Case, Unicode form, whitespace and punctuation folded: words separated by one space."""
    if text.isascii():  # str.translate does the regex's work on ASCII, with the same result
        return " ".join(text.casefold().translate(_ASCII_NON_WORD).split())
    text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text.casefold()).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


_POW = np.ones(1, dtype=np.uint64)
_INV = np.ones(1, dtype=np.uint64)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i (mod 2**64) for i < n, cached up to 1 MB of text (larger: not kept)."""
    global _POW, _INV
    if len(_POW) < n:
        size = max(n, min(2 * len(_POW), 1 << 20), 1 << 16)
        pw, iv = np.full(size, _BASE, dtype=np.uint64), np.full(size, _INV_BASE, dtype=np.uint64)
        pw[0] = iv[0] = 1
        pw, iv = np.cumprod(pw, dtype=np.uint64), np.cumprod(iv, dtype=np.uint64)
        if size > 1 << 20:
            return pw[:n], iv[:n]
        _POW, _INV = pw, iv
    return _POW[:n], _INV[:n]


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of every run of `k` words of the normalised text, vectorised.

    A polynomial hash over the UTF-8 bytes with prefix sums (mod 2**64, numpy wraps), so
    a shingle's hash is one subtraction and one multiplication, in numpy rather than
    word by word in Python. Stable across processes and runs (unlike `hash()`), which
    the persistent index needs.
    """
    raw = np.frombuffer(normalise(text).encode("utf-8"), dtype=np.uint8)
    if raw.size == 0:
        return np.zeros(0, dtype=np.uint64)
    n = raw.size
    powers, inv = _powers(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(raw.astype(np.uint64) * powers[:n], out=prefix[1:], dtype=np.uint64)
    spaces = np.flatnonzero(raw == 32)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [n]))
    m = max(1, len(starts) - k + 1)
    s, e = starts[:m], ends[min(k, len(ends)) - 1:][:m]
    h = (prefix[e] - prefix[s]) * inv[s]
    return h >> np.uint64(32)


@dataclass(slots=True, frozen=True)
class Sketch:
    """What near-dedup keeps of a text: its MinHash signature and its number of shingles."""

    sig: np.ndarray  # NUM_PERM uint32
    size: int  # distinct shingles, to turn a Jaccard estimate into containment


def sketch(text: str) -> Sketch:
    """The MinHash signature (datasketch, NUM_PERM permutations) of the text's 5-word shingles."""
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, permutations=_PERMUTATIONS, scheme=SCHEME)
    hs = np.unique(shingle_hashes(text))
    if hs.size:
        m.update_batch(hs.tolist())
    return Sketch(m.hashvalues.astype(np.uint32), int(hs.size))


def signature(text: str) -> np.ndarray:
    return sketch(text).sig


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal minima)."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller text's shingles found in the other (from Jaccard and sizes)."""
    small = min(size_a, size_b)
    if small <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1.0 + jaccard) / small)


def is_near_copy(jaccard: float, size_a: int, size_b: int) -> bool:
    return jaccard >= MIN_JACCARD and containment(jaccard, size_a, size_b) >= MIN_CONTAINMENT
