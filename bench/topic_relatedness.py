"""off_topic's relatedness signal measured as a feature, on tune data only.

usage: python bench/topic_relatedness.py --model FILE.npz --docs FILE [--seed N] [--copies K] [--rows OUT.jsonl]

Rows: every planted passage and trap of the off_topic TUNE families (`bench/flagset`, the
held-out families are never read), and every prose paragraph (20 words or more) of the
published articles (`--docs`: `bench/flags_b.py --docs`'s JSON lines). Each gets the
relatedness of its subject to the rest of its article (the cosine of the two centroids of
word vectors, each stem's vector weighted as `flags/topic.py` weighs the stem; the vectors
are `bench/train_topicvec.py`'s, `--model`), that against the article's typical paragraph
(`ratio`), the highest with any other block (`nearest`), and whether the rule flags it. Printed:
the AUC of each feature for plants against traps, against published paragraphs, and
against the published paragraphs the rule flags (lower relatedness = off topic).
"""

from __future__ import annotations

import argparse
import bisect
import json
import statistics
import sys
from pathlib import Path

import numpy as np
from flags import blocks_of, flagset_generator, four_languages  # bench/flags.py
from flags_b import cached

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.flags.topic import _lower_words, _prose, _vector

MODEL: dict[str, tuple[dict[str, int], np.ndarray]] = {}


def load(path: Path) -> None:
    with np.load(path, allow_pickle=False) as data:
        for key in data.files:
            if key.endswith("_stems"):
                code = key.removesuffix("_stems")
                stems = data[key].tolist()
                MODEL[code] = ({s: i for i, s in enumerate(stems)}, data[f"{code}_vectors"].astype(np.float32))


def vectors(language: str):
    return MODEL.get(language)


def centroid(vs, vec: dict[str, float]):
    index, matrix = vs
    ids = [(index[s], w) for s, w in vec.items() if s in index and w > 0]
    if not ids:
        return None
    return np.asarray([w for _, w in ids], dtype=np.float32) @ matrix[[i for i, _ in ids]]


def cosine(a, b) -> float | None:
    if a is None or b is None:
        return None
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na > 0 and nb > 0 else None


def centroids(blocks: list[str], language: str) -> list:
    vs = vectors(language)
    return [centroid(vs, _vector(_lower_words(b), language)) if vs else None for b in blocks]


def features(c, blocks: list[str], cs: list, skip: set[int]) -> dict | None:
    """`c`: the passage's centroid; `cs`: every block's (the passage's among them, at `skip`)."""
    if c is None:
        return None
    dim = c.shape[0]
    total = sum((x for x in cs if x is not None), np.zeros(dim, dtype=np.float32))
    rel = cosine(c, total - c)
    if rel is None:
        return None
    near = [x for j, cj in enumerate(cs) if j not in skip and (x := cosine(c, cj)) is not None]
    own = [x for j, cj in enumerate(cs) if cj is not None and len(blocks[j].split()) >= 10 and (x := cosine(cj, total - cj)) is not None]
    typical = statistics.median(own) if own else None
    return {"rel": rel, "ratio": rel / typical if typical and typical > 0 else None,
            "nearest": max(near) if near else None, "typical": typical}


def auc(pos: list[float], neg: list[float]) -> float:
    """P(a positive scores LOWER than a negative): low relatedness = off topic."""
    if not pos or not neg:
        return float("nan")
    neg_sorted = sorted(neg)
    wins = sum(len(neg_sorted) - bisect.bisect_right(neg_sorted, p) + 0.5 * (
        bisect.bisect_right(neg_sorted, p) - bisect.bisect_left(neg_sorted, p)) for p in pos)
    return wins / (len(pos) * len(neg))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="topicvec-v<N>.npz (bench/train_topicvec.py --out DIR)")
    ap.add_argument("--docs", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--rows", type=Path)
    a = ap.parse_args(argv)
    load(a.model)
    cfg = four_languages(load_config("/nonexistent/ascurate.toml"))
    rows = []
    for d in flagset_generator().generate(a.seed, a.copies):
        if d.kind != "off_topic" or d.held_out:
            continue
        text = d.text
        flags = [f for f in detect(text, blocks_of(d), cfg, d.lang) if f.kind == "off_topic"]
        btexts = [b["text"] for b in d.blocks]
        cs = centroids(btexts, d.lang)
        offs = [sum(len(t) + 1 for t in btexts[:k]) for k in range(len(btexts))]
        for s, e in d.spans:
            inside = {k for k, o in enumerate(offs) if o < e and s < o + len(btexts[k])}
            if vectors(d.lang) is None:
                f = None
            else:
                c = centroids([text[s:e]], d.lang)[0]
                ks = sorted(inside)
                if len(ks) == 1 and (s, e) != (offs[ks[0]], offs[ks[0]] + len(btexts[ks[0]])):
                    k = ks[0]  # inside a paragraph: the rest of that paragraph stays in the article
                    rest_k = centroids([btexts[k][:s - offs[k]] + " " + btexts[k][e - offs[k]:]], d.lang)[0]
                    cs2 = list(cs)
                    cs2[k] = rest_k
                    cs2.append(c)
                    f = features(c, btexts + [text[s:e]], cs2, {len(cs2) - 1})
                else:
                    f = features(c, btexts, cs, inside) if len(ks) == 1 else features(
                        c, [t for j, t in enumerate(btexts) if j not in inside] + [text[s:e]],
                        [x for j, x in enumerate(cs) if j not in inside] + [c], {len(cs) - len(inside)})
            hit = any(x.start < e and s < x.end for x in flags)
            rows.append({"source": "trap" if d.trap else "plant", "id": d.id, "lang": d.lang, "hit": hit,
                         "position": d.position, "text": text[s:e][:100], **(f or {})})
    for name, text, blocks, code in cached(cfg, "curated", a.docs):
        if code != "en":
            continue
        flags = [f for f in detect(text, blocks, cfg, code) if f.kind == "off_topic"]
        btexts = [b.text for b in blocks]
        cs = centroids(btexts, code)
        at = 0
        for k, b in enumerate(blocks):
            s = text.find(b.text, at)
            at = s + len(b.text)
            if b.type != "paragraph" or not _prose(b.text, b.text.split(), 20):
                continue
            f = features(cs[k], btexts, cs, {k})
            hit = any(x.start < at and s < x.end for x in flags)
            rows.append({"source": "published", "id": name, "lang": code, "hit": hit, "text": b.text[:100], **(f or {})})
    if a.rows:
        a.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    plants = [r for r in rows if r["source"] == "plant"]
    print(f"plants {len(plants)} (with vectors {sum('rel' in r for r in plants)}), traps "
          f"{sum(r['source'] == 'trap' for r in rows)}, published paragraphs {sum(r['source'] == 'published' for r in rows)}")
    for feat in ("rel", "ratio", "nearest"):
        def vals(pred, feat=feat):
            return [r[feat] for r in rows if pred(r) and r.get(feat) is not None]
        p = vals(lambda r: r["source"] == "plant")
        pm = vals(lambda r: r["source"] == "plant" and not r["hit"])
        t = vals(lambda r: r["source"] == "trap")
        pub = vals(lambda r: r["source"] == "published")
        pubf = vals(lambda r: r["source"] == "published" and r["hit"])
        print(f"{feat:8} AUC plants/traps {auc(p, t):.3f}  plants/published {auc(p, pub):.3f}  "
              f"missed plants/published {auc(pm, pub):.3f}  plants/published flagged {auc(p, pubf):.3f}  "
              f"(n {len(p)}/{len(t)}/{len(pub)}/{len(pubf)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
