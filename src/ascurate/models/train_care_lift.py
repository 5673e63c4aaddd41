"""Learn how much each word stem goes with talk of health: `python -m ascurate.models.train_care_lift [--out DIR]`.

`off_topic` must not flag a passage on a neighbouring health subject (sleep, insurance
cover for existing conditions) in a health article, though its words are not the
article's. The care vocabulary (`[[care_words]]`) names health outright; this lexicon
extends it from data: for each stem (`topic.py`'s 6-letter stems of words with a Zipf
frequency below 6), the log of how much more often the paragraphs that hold it use a
care word than paragraphs do at all, in the gold main content of every page of
wcxb-dev, health-dev and bench (the seeds and the flagset are not read), language by
language (langdetect on the page). Counts are shrunk towards the base rate by `PRIOR`
paragraphs, so a stem seen in a few paragraphs says little; a lift below 0 counts as 0
(a word that goes with other subjects, not against health).

A language the corpora hold too few paragraphs of (German, French, Spanish: `MIN_PARAGRAPHS`)
gets the English table carried over through bilingual dictionaries (FreeDict, Debian's
`dict-freedict-{deu,fra,spa}-eng` and `dict-freedict-eng-{deu,fra,spa}`, read in both
directions from `--dictionaries`): a word's lift is the mean over its translations (each
the rarity-weighted mean of its English stems' lifts, as a passage's lift is counted)
weighted by how common each is in English (its rarest word's frequency: the everyday sense
over the learned one), a stem's the mean over the words that have it, weighted by their
frequency in the language (wordfreq), so "Schlaf", "sommeil" and "sueño" lift as "sleep" does;
a word of the language (wordfreq's list) the dictionaries lack takes the lift of the English
stem it shares, if any (a loanword or cognate: "vitamine", "fruits"). Deterministic;
writes `care-lift-v<N>.json` (per language, the stems whose lift is above 0: seen in
`MIN_SEEN` paragraphs or more, or carried; any other stem reads as 0; `carried`: the
languages whose table was carried over) and its card `care-lift-v<N>.txt`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from .. import lang
from ..config import load_config
from ..flags import lexicon, topic
from ..flags.glued import frequencies, zipf
from .corpora import pages

HERE = Path(__file__).parent
NAME = "care-lift"
VERSION = 2
FOLDERS = ("wcxb-dev", "health-dev", "bench")
LANGUAGES = ("en", "de", "fr", "es")
MIN_WORDS = 8  # a paragraph shorter than this is a label, a caption, a line of furniture
PRIOR = 50.0  # paragraphs at the base rate added to each stem's counts
MIN_SEEN = 3  # a stem in fewer paragraphs is left out of the file (read as 0): too little evidence
MIN_PARAGRAPHS = 1_000  # a language with fewer paragraphs gets the English table carried over (German, French, Spanish: 38, 88, 0)
DICTIONARIES = Path("/usr/share/dictd")
CODES = {"de": "deu", "fr": "fra", "es": "spa"}  # FreeDict's names of the languages
MAX_PHRASE = 3  # a translation of more words is an explanation ("hard ginger bread from Aachen"), not a word
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NOT_SENSE = re.compile(r"^\s*(?:see:|synonyms?:|antonyms?:|note:|\"|example)", re.I)
_MARKS = re.compile(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\([^)]*\)|^\s*\d+\.\s*")  # domains, parts of speech, numbering


def count(folders: tuple[str, ...] = FOLDERS) -> dict[str, tuple[int, int, Counter[str], Counter[str]]]:
    """Per language: paragraphs, paragraphs with a care word, and per stem the same two."""
    cfg = load_config("/nonexistent/ascurate.toml")
    files = lexicon.files(cfg)
    out: dict[str, tuple[int, int, Counter[str], Counter[str]]] = {}
    for page in pages(folders):
        paras = [p.strip() for p in (page.gold.get("main_content") or "").split("\n") if p.strip()]
        if not paras:
            continue
        code, _ = lang.detect(" ".join(paras)[:3000], min_chars=200)
        care = lexicon.care_words(files, code) if code in LANGUAGES else None
        if care is None:
            continue
        n, nc, stems, care_stems = out.get(code) or (0, 0, Counter(), Counter())
        for para in paras:
            words = topic._lower_words(para)
            if len(words) < MIN_WORDS:
                continue
            has_care = topic._cares(care, para) > 0
            seen = {s for s, w in (topic.stem_weight(x, code) for x in words) if w > 0}
            n += 1
            nc += has_care
            stems.update(seen)
            if has_care:
                care_stems.update(seen)
        out[code] = (n, nc, stems, care_stems)
    return out


def lifts(n: int, nc: int, stems: Counter[str], care_stems: Counter[str]) -> dict[str, float]:
    """Each stem's shrunk log lift of the care rate, those seen `MIN_SEEN` times or more with a lift above 0."""
    base = nc / n if n else 0.0
    if not base:
        return {}
    out = {}
    for s, k in stems.items():
        lift = round(math.log((care_stems[s] + PRIOR * base) / (k + PRIOR) / base), 2)
        if k >= MIN_SEEN and lift > 0:
            out[s] = lift
    return dict(sorted(out.items()))


def _number(s: str) -> int:
    """A dictd index's base-64 number."""
    n = 0
    for c in s:
        n = n * 64 + _B64.index(c)
    return n


def entries(path: Path) -> Iterator[tuple[str, list[str]]]:
    """A dictd dictionary's headwords, each with its translations (`path` without the
    `.index` / `.dict.dz` ending): the entry's lines after the headword's, less
    cross-references, notes and examples, cut at commas and semicolons."""
    data = gzip.decompress(path.with_name(path.name + ".dict.dz").read_bytes())
    for line in path.with_name(path.name + ".index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0] or parts[0].startswith("00-database"):
            continue
        start = _number(parts[1])
        body = data[start:start + _number(parts[2])].decode("utf-8", "replace").split("\n")[1:]
        senses = [t for b in body if b.strip() and not _NOT_SENSE.match(b)
                  for t in (" ".join(x.split()) for x in re.split(r"[,;]", _MARKS.sub(" ", b))) if t]
        yield parts[0], senses


def translations(code: str, folder: Path = DICTIONARIES) -> dict[str, set[str]]:
    """Each single word of language `code` with its English translations, from the
    dictionaries both ways (`freedict-<xxx>-eng`, `freedict-eng-<xxx>`)."""
    out: dict[str, set[str]] = defaultdict(set)
    other = CODES[code]
    for head, senses in entries(folder / f"freedict-{other}-eng"):
        if len(words := topic._lower_words(head)) == 1:
            out[words[0]].update(s.lower() for s in senses)
    for head, senses in entries(folder / f"freedict-eng-{other}"):
        for s in senses:
            if len(words := topic._lower_words(s)) == 1:
                out[words[0]].add(head.lower())
    return out


def carried(code: str, english: dict[str, float], folder: Path = DICTIONARIES) -> dict[str, float]:
    """The English lifts carried over to language `code` (`translations`): a word's lift is
    the mean over its translations of each one's rarity-weighted mean lift over its English
    stems, and a word the dictionaries lack takes the lift of the English stem it shares, if
    any; a stem's lift is the mean over its words weighted by their frequency in the language."""
    stems: dict[str, list[tuple[float, float]]] = defaultdict(list)
    known = translations(code, folder)
    for word, senses in sorted(known.items()):  # sorted: the sums come out the same each run
        lifts = []  # (how common the translation is in English, its lift)
        for sense in sorted(senses):
            ws = topic._lower_words(sense)
            if not ws or len(ws) > MAX_PHRASE:
                continue
            weighted = [(w, english.get(s, 0.0)) for s, w in (topic.stem_weight(x, "en") for x in ws) if w > 0]
            if weighted:
                lifts.append((min(10 ** zipf(x, "en") for x in ws), sum(w * x for w, x in weighted) / sum(w for w, _ in weighted)))
        stem, weight = topic.stem_weight(word, code)
        if lifts and weight > 0 and (common := sum(f for f, _ in lifts)) > 0:
            stems[stem].append((10 ** zipf(word, code), sum(f * x for f, x in lifts) / common))
    # a word of the language (wordfreq) the dictionaries lack whose stem is an English stem
    # ("vitamine", "fruits"): a loanword or a cognate, read with that lift
    for word in sorted(frequencies(code)):
        if word not in known and word.isalpha():
            stem, weight = topic.stem_weight(word, code)
            if weight > 0 and stem in english:
                stems[stem].append((10 ** zipf(word, code), english[stem]))
    out = {}
    for stem, found in stems.items():
        lift = round(sum(f * x for f, x in found) / sum(f for f, _ in found), 2)
        if lift > 0:
            out[stem] = lift
    return dict(sorted(out.items()))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--dictionaries", type=Path, default=DICTIONARIES,
                    help="the FreeDict dictd files (Debian: dict-freedict-deu-eng, -eng-deu, -fra-eng, ...)")
    a = ap.parse_args(argv)
    t0 = time.process_time()
    counts = count()
    table = {code: lifts(*counts[code]) for code in LANGUAGES if code in counts and counts[code][0] >= MIN_PARAGRAPHS}
    over = [code for code in LANGUAGES if code not in table and code in CODES]
    for code in over:
        table[code] = carried(code, table["en"], a.dictionaries)
    figures = {code: {"paragraphs": counts[code][0] if code in counts else 0,
                      "with_care_word": counts[code][1] if code in counts else 0,
                      "stems_kept": len(table.get(code, {}))} for code in LANGUAGES}
    card = {"version": VERSION, "kind": "lexicon", "command": "python -m ascurate.models.train_care_lift",
            "corpora": list(FOLDERS), "prior": PRIOR, "min_seen": MIN_SEEN, "min_words": MIN_WORDS, "figures": figures,
            "carried": over, "lifts": table}
    path = a.out / f"{NAME}-v{VERSION}.json"
    path.write_text(json.dumps(card, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"{path}: {json.dumps(figures)} ({time.process_time() - t0:.1f} CPU-s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
