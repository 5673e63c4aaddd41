"""Sentence-level language identifiers compared: accuracy and speed on corpus sentences.

usage: python bench/sentence_language.py [--per-language N]

Sentences of six words or more from the articles `bench/flagset/sources.json` lists by
language (en, de, fr, es; the article's language, as langdetect read the whole text, is
the label), a fixed sample per language. Each candidate that is installed is asked for
each sentence's language; accuracy is the share it labels as the article's language
(real articles quote other languages now and then, so 1.0 is not reachable); `not-xx`
are the planted foreign sentences of `templates/foreign_text.toml`, right when labelled
anything but the article's language xx. Speed is
microseconds per sentence. The candidates ship their models in their packages.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ascurate import lang
from ascurate.flags import sentences

ROOT = Path(__file__).resolve().parents[1]
CANDIDATE_LANGS = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "ro", "cs", "tr", "ru"]


def corpus_sentences(per_language: int, seed: int = 20) -> list[tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "bench" / "flagset" / "generate.py")
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = gen
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    index = json.loads(gen.SOURCES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    out = []
    for fam in gen.load_families():
        if fam.kind == "foreign_text" and not fam.trap:
            out += [("not-" + fam.lang, gen.unmark(t)[0]) for t in fam.texts]
    for code, names in index.items():
        pool = []
        for name in names:
            for p in gen.page_paragraphs(name):
                pool += [p[s:e] for s, e in sentences.spans(p) if len(sentences.words(p[s:e])) >= 6]
        rng.shuffle(pool)
        out += [(code, s) for s in pool[:per_language]]
    return out


def candidates() -> dict[str, Callable[[str], str | None]]:
    out: dict[str, Callable[[str], str | None]] = {"langdetect": lambda s: lang.detect(s, min_chars=0)[0]}
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        out["py3langid (97 languages)"] = lambda s: full.classify(s)[0]
        few = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        few.set_languages(CANDIDATE_LANGS)
        out[f"py3langid ({len(CANDIDATE_LANGS)} languages)"] = lambda s: few.classify(s)[0]
    except ImportError:
        pass
    try:
        import pycld2

        def cld2(s: str) -> str | None:
            ok, _, details = pycld2.detect(s)
            return details[0][1] if ok and details[0][1] != "un" else None

        out["pycld2"] = cld2
    except ImportError:
        pass
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATE_LANGS]
        det = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

        def lingua_(s: str) -> str | None:
            found = det.detect_language_of(s)
            return found.iso_code_639_1.name.lower() if found else None

        out[f"lingua ({len(CANDIDATE_LANGS)} languages)"] = lingua_
    except ImportError:
        pass
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-language", type=int, default=400)
    a = ap.parse_args(argv)
    sample = corpus_sentences(a.per_language)
    counts = {c: sum(1 for code, _ in sample if code == c) for c in sorted({c for c, _ in sample})}
    print(f"{len(sample)} sentences: {counts}")
    print(f"{'detector':28} {'accuracy':>9} " + " ".join(f"{c:>6}" for c in counts) + f" {'µs/sent':>9}")
    for name, fn in candidates().items():
        fn(sample[0][1])  # model load out of the timing
        t0 = time.perf_counter()
        got = [fn(s) for _, s in sample]
        us = 1e6 * (time.perf_counter() - t0) / len(sample)
        right = [g == c or (c.startswith("not-") and g != c[4:]) for g, (c, _) in zip(got, sample, strict=True)]
        per = " ".join(f"{sum(r for r, (c, _) in zip(right, sample, strict=True) if c == k) / n:6.3f}"
                       for k, n in counts.items())
        print(f"{name:28} {sum(right) / len(sample):9.3f} {per} {us:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
