"""Train word vectors for topic relatedness: `python bench/train_topicvec.py --out DIR`.

Run from the repository (it reads `../shared/corpus` and `bench/flagset/base`). The texts
are the gold main content of every page of wcxb-dev, health-dev and bench (no labels are
read: the vectors are unsupervised) and the flagset's base texts, each page's language by
langdetect. A word is lower-cased, cut to its first `STEM` letters as `flags/topic.py` cuts
it, and kept only when it carries topic (wordfreq's Zipf frequency below `RARE_ZIPF` in its
language and in English, as `topic.py` weighs words). Stems that co-occur within `WINDOW`
kept words of each other in a paragraph are counted; the counts become positive pointwise
mutual information (context counts smoothed to the power 0.75), and a truncated SVD of
that matrix gives each stem `DIM` numbers (U·√S, rows scaled to length one, float16). Two
stems are near when they keep the same company: "sleep" with "rest" and "fatigu", "ferry"
with "island" and "boat". Only languages with `MIN_TOKENS` kept words or more get vectors.
Written to DIR: `topicvec-v<N>.npz` (arrays `<lang>_stems`, `<lang>_vectors`), a card
`topicvec-v<N>.json` with the figures of the run and `topicvec-v<N>.txt`. Not shipped: the
vectors measured as an off_topic signal did not raise held-out recall (docs/flags.md,
"Measured and not shipped"; `bench/topic_relatedness.py --model DIR/topicvec-v1.npz`), so
they are written outside the package.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ascurate.models.corpora import corpus_root

HERE = Path(__file__).parent
ROOT = HERE.parent
VERSION = 1
STEM = 6
RARE_ZIPF = 6.0
WINDOW = 8
MIN_COUNT = 5
MAX_STEMS = 16_000
DIM = 80
MIN_TOKENS = 200_000
FOLDERS = ("wcxb-dev", "health-dev", "bench")
COMMAND = "python bench/train_topicvec.py --out DIR"
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")


def texts(root: Path) -> dict[str, list[list[str]]]:
    """Paragraphs of every page, by language (langdetect on the page's text)."""
    from ascurate import lang

    out: dict[str, list[list[str]]] = {}
    pages: list[list[str]] = []
    for folder in FOLDERS:
        for g in sorted((root / folder).glob("*.gold.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            pages.append([p.strip() for p in (gold.get("main_content") or "").split("\n") if p.strip()])
    for p in sorted((ROOT / "bench" / "flagset" / "base").glob("*.txt")):
        pages.append([x.strip() for x in p.read_text(encoding="utf-8").split("\n") if x.strip()])
    for paras in pages:
        code, prob = lang.detect(" ".join(paras), min_chars=200)
        if code and prob >= 0.9:
            out.setdefault(code, []).extend(paras)
    return out


def stems_of(paragraph: str, language: str, keep: dict[str, str | None]) -> list[str]:
    """The paragraph's topic-carrying words as stems (`keep` caches each word's answer)."""
    from ascurate.flags.glued import zipf

    out = []
    for w in _TOKEN.findall(paragraph.lower()):
        s = keep.get(w, "")
        if s == "":
            rare = max(zipf(w, language), zipf(w, "en") if language != "en" else 0.0) < RARE_ZIPF
            s = keep[w] = w[:STEM] if rare else None
        if s is not None:
            out.append(s)
    return out


def vectors(paragraphs: list[list[str]]) -> tuple[list[str], np.ndarray, dict[str, float]]:
    """Stems and their vectors from paragraphs of stems (PPMI + truncated SVD)."""
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    counts = Counter(s for p in paragraphs for s in p)
    stems = [s for s, n in counts.most_common(MAX_STEMS) if n >= MIN_COUNT]
    index = {s: i for i, s in enumerate(stems)}
    rows, cols = [], []
    for p in paragraphs:
        ids = np.array([index[s] for s in p if s in index], dtype=np.int32)
        for d in range(1, WINDOW + 1):
            if len(ids) > d:
                rows += [ids[:-d], ids[d:]]
                cols += [ids[d:], ids[:-d]]
    r, c = np.concatenate(rows), np.concatenate(cols)
    n = len(stems)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(n, n)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    ctx = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    ctx /= ctx.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total / (row[coo.row] / total) / ctx[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(n, n))
    u, s, _ = randomized_svd(ppmi, n_components=DIM, n_iter=7, random_state=0)
    vec = u * np.sqrt(s)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    return stems, vec.astype(np.float16), {"pairs": int(total), "nonzero": int(keep.sum())}


def card_text(name: str, card: dict, size: int, secs: float) -> str:
    """The model card: what the vectors are, how they were made, on what."""
    figures = card["figures"]
    lines = [f"{name}: word vectors for off_topic's relatedness (bench/topic_relatedness.py; not shipped)",
             f"train: {COMMAND}  ({secs:.0f} CPU-s); deterministic (randomized SVD, random_state 0)",
             f"texts: gold main content of every page of {', '.join(FOLDERS)} and bench/flagset/base, "
             "language by langdetect (p >= 0.9); no labels read",
             f"words: lower-cased, cut to {STEM} letters, kept when wordfreq's Zipf < {RARE_ZIPF} (as topic.py weighs them)",
             f"model: co-occurrence within {WINDOW} kept words in a paragraph, PPMI (context counts ^0.75), "
             f"truncated SVD, {DIM} dimensions, U*sqrt(S), rows of length one, float16",
             f"vocabulary: stems seen {MIN_COUNT} times or more, at most {MAX_STEMS}; file {card['file']} ({size} bytes)",
             f"languages with vectors (>= {MIN_TOKENS} kept words): {', '.join(card['languages'])}",
             "kept words by language (too few for vectors except English): "
             + ", ".join(f"{c} {f['kept_words']}" for c, f in sorted(figures.items())),
             "figures: " + json.dumps({c: f for c, f in figures.items() if "stems" in f})]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="a folder outside the package (the vectors are not shipped)")
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    t0 = time.process_time()
    by_lang = texts(corpus_root())
    arrays: dict[str, np.ndarray] = {}
    figures: dict[str, dict[str, int]] = {}
    for code, paras in sorted(by_lang.items()):
        keep: dict[str, str | None] = {}
        stemmed = [stems_of(p, code, keep) for p in paras]
        tokens = sum(map(len, stemmed))
        figures[code] = {"paragraphs": len(paras), "kept_words": tokens}
        if tokens < MIN_TOKENS:
            continue
        stems, vec, extra = vectors(stemmed)
        arrays[f"{code}_stems"] = np.array(stems)
        arrays[f"{code}_vectors"] = vec
        figures[code] |= {"stems": len(stems)} | extra
        print(f"{code}: {len(paras)} paragraphs, {tokens} kept words, {len(stems)} stems", flush=True)
    name = f"topicvec-v{VERSION}"
    np.savez_compressed(a.out / f"{name}.npz", **arrays)
    card = {"version": VERSION, "file": f"{name}.npz", "command": COMMAND, "stem": STEM, "rare_zipf": RARE_ZIPF,
            "window": WINDOW, "min_count": MIN_COUNT, "max_stems": MAX_STEMS, "dim": DIM,
            "languages": sorted(c for c in figures if f"{c}_stems" in arrays),
            "corpora": list(FOLDERS) + ["bench/flagset/base"], "figures": figures,
            "features": []}
    (a.out / f"{name}.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    size = (a.out / f"{name}.npz").stat().st_size
    secs = time.process_time() - t0
    (a.out / f"{name}.txt").write_text(card_text(name, card, size, secs), encoding="utf-8")
    print(f"{name}: {size} bytes, {secs:.0f} CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
