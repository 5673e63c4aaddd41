"""Planted editorial leftovers in real article text: the set that measures whether the flag
detectors generalize beyond the wordings they were written for.

usage: python bench/flagset/generate.py [--seed N] [--copies K] [--out FILE.jsonl]
       python bench/flagset/generate.py --index     (rebuild sources.json; needs the corpora)

Every `templates/<kind>.toml` (format: /work/briefs, `flagset-format.md`; one file per
kind, written by different people) gives template families and look-alike traps. Each
text is planted, `copies` times, into the gold main content of a real article in the
family's language (health-dev, bench and wcxb-dev articles; `sources.json` lists which
page is in which language, as langdetect read it, and `build_index` says what stands in
where the corpora have too few articles of a language), at one of the family's positions:
its own paragraph, inside a paragraph between two sentences, a list item among the
paragraph's sentences made a list, or a heading; at the end of a paragraph (`end`), as the
page's last block (`last`), or closing the last item of such a list (`item`). A text of
several lines (a lead-in and the list that follows it, set as paragraphs) is planted as
that many paragraphs, at position `own` only; a line opening with `## ` stands as a heading
(a passage after its own heading). The seed fixes every choice.

Families are split, by id and for good, into the ones detectors may be tuned on and the
ones held out (`held_out`): recall is reported on the held-out ones. A family or trap
with `held_out = true` in its template file is held out whatever its id (families written
to measure detectors on wordings nobody tuned them on); `held_out = false` puts it on the
tune side; the rest are split by a hash of the id.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
SOURCES = HERE / "sources.json"
CORPUS = HERE.parents[2] / "shared" / "corpus"
FOLDERS = ("health-dev", "bench", "wcxb-dev")
LANGS = ("en", "de", "fr", "es")
MARK = re.compile(r"⟦(.*?)⟧", re.S)
_ENDS = (".", "!", "?", "…", '"', "”")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Dr|Mr|Mrs|Ms|St|No|vs|Prof|Fig|etc|e\.g|i\.e|approx|ca|bzw|Mio|Mrd|Nr|usw|z\.B|Sr|Sra))\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“¿¡(A-ZÀ-Ý0-9])")
WINDOW = 12  # paragraphs of the article around the plant: enough context, fast to run
MIN_PARAGRAPHS = 4
MIN_PAGES = 3
BASE_PREFIX = "flagset:base/"
HELD_OUT_SHARE = 3  # one family in three, at least one per kind


@dataclass(slots=True)
class Family:
    kind: str
    id: str
    lang: str
    positions: list[str]
    texts: list[str]
    trap: bool = False
    hosts: str | None = None  # "health": planted in health-dev pages only (a passage on pets is off topic
    # on a health page, not on a pet shop's)
    follows: str | None = None  # "prose": planted where prose or nothing follows it (a lead-in planted
    # before a list, or before the next item of a list set as headings, does not dangle)
    held_out: bool | None = None  # set in the template file: held out (True) or tuned on (False)


@dataclass(slots=True)
class Planted:
    """One article with one planted text; `spans` are offsets into the blocks joined by newlines."""

    id: str
    kind: str
    family: str
    trap: bool
    held_out: bool
    lang: str
    source: str
    position: str
    blocks: list[dict]
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b["text"] for b in self.blocks)


def load_families(folder: Path = TEMPLATES) -> list[Family]:
    """Every family and trap of every template file in the folder."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kind = data.get("kind") or path.stem
        for key, trap in (("family", False), ("trap", True)):
            for f in data.get(key, []):
                out.append(Family(kind, f["id"], f.get("lang", "en"), list(f.get("positions", ["own"])),
                                  list(f["texts"]), trap, f.get("hosts"), f.get("follows"), f.get("held_out")))
    ids = [f.id for f in out]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"family ids used twice: {sorted(dupes)}")
    return out


def held_out_ids(families: list[Family]) -> set[str]:
    """Families and traps marked `held_out = true`, and a third of each kind's other
    families (not traps), chosen by a hash of the id: fixed, and not chosen by whoever
    tunes the detectors."""
    out: set[str] = {f.id for f in families if f.held_out}
    for kind in {f.kind for f in families}:
        fams = sorted((f.id for f in families if f.kind == kind and not f.trap and f.held_out is None),
                      key=lambda i: hashlib.sha1(i.encode()).hexdigest())
        out.update(fams[:max(1, -(-len(fams) // HELD_OUT_SHARE))] if fams else [])
    return out


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The template text without ⟦ ⟧, and the offsets of the marked spans in it."""
    plain, spans, pos = [], [], 0
    for m in MARK.finditer(text):
        plain.append(text[pos:m.start()])
        start = sum(len(p) for p in plain)
        plain.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    plain.append(text[pos:])
    return "".join(plain), spans


HEADING = "## "  # a line of a template opening so stands as a heading (a passage after its own heading)


def heading_lines(plain: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]], frozenset[int]]:
    """The text without the `## ` that opens a line meant as a heading, the spans moved to
    match, and which lines are headings."""
    lines, heads, cut = [], set(), []  # cut: offsets (in `plain`) after which a prefix was dropped
    pos = 0
    for i, line in enumerate(plain.split("\n")):
        if line.startswith(HEADING):
            heads.add(i)
            cut.append(pos)
            line = line[len(HEADING):]
        lines.append(line)
        pos += len(line) + (len(HEADING) if i in heads else 0) + 1

    def moved(x: int) -> int:
        return x - len(HEADING) * sum(c < x for c in cut)

    return "\n".join(lines), [(moved(s), moved(e)) for s, e in spans], frozenset(heads)


def gold_paragraphs(gold: dict) -> list[str]:
    return [p.strip() for p in (gold.get("main_content") or "").split("\n") if p.strip()]


def article_golds(corpus: Path = CORPUS, any_type: bool = False):
    """(name, gold) of every article page in the three folders, `name` relative to the corpus."""
    for folder in FOLDERS:
        for g in sorted((corpus / folder).glob("*.gold.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            if any_type or gold.get("page_type", "article") == "article":
                yield f"{folder}/{g.name}", gold


def build_index(corpus: Path = CORPUS) -> dict[str, list[str]]:
    """Pages by language (langdetect on the gold text), those long enough to plant in:
    articles; for a language with fewer than `MIN_PAGES` articles, the health pages
    written for this bench (`base/`: German, French, Spanish; the corpora hold 2 German
    articles and French only in shop pages), and where there are none, its pages of any type."""
    from ascurate import lang

    index: dict[str, list[str]] = {code: [] for code in LANGS}
    others: dict[str, list[str]] = {code: [] for code in LANGS}
    for name, gold in article_golds(corpus, any_type=True):
        paras = gold_paragraphs(gold)
        if sum(len(p) >= 60 for p in paras) < MIN_PARAGRAPHS:
            continue
        code, prob = lang.detect(" ".join(paras), min_chars=200)
        if code in index and prob >= 0.95:
            (index if gold.get("page_type", "article") == "article" else others)[code].append(name)
    for code in LANGS:
        if len(index[code]) < MIN_PAGES:
            index[code] += [f"{BASE_PREFIX}{p.name}" for p in sorted((HERE / "base").glob(f"{code}-*.txt"))]
        if len(index[code]) < MIN_PAGES:
            index[code] += others[code]
    return index


def page_paragraphs(name: str, corpus: Path = CORPUS) -> list[str]:
    if name.startswith(BASE_PREFIX):
        return [p.strip() for p in (HERE / "base" / name.removeprefix(BASE_PREFIX)).read_text(
            encoding="utf-8").split("\n") if p.strip()]
    return gold_paragraphs(json.loads((corpus / name).read_text(encoding="utf-8")))


def _sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    for s in _SENTENCE_END.split(paragraph):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + s  # "the U.S. Department", "Dr. Smith": no sentence ends there
        elif s:
            out.append(s)
    return out


_ITEM = re.compile(r"^\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s")


_LABEL = re.compile(r"^[^\s:.!?]+(?:\s+[^\s:.!?]+){0,3}\s*:\s")  # "Overview: ...", "Nombre de convives : ..."


def _is_prose(paragraph: str) -> bool:
    """Two sentences or more and 20 words, no list marker, no label opening it ("Overview:
    ...": an item of a list set as paragraphs), no lead-in of its own: running text, no
    heading, list item or label."""
    return (len(_sentences(paragraph)) >= 2 and len(paragraph.split()) >= 20 and not _ITEM.match(paragraph)
            and not _LABEL.match(paragraph) and not paragraph.rstrip().endswith(":"))


def plant(paragraphs: list[str], text: str, position: str, rng: random.Random,
          follows: str | None = None, headings: frozenset[int] = frozenset()) -> tuple[list[dict], int]:
    """Blocks with `text` planted at `position`, and the offset of `text` in their joined
    text. Inside a paragraph means between two of its sentences (or after its last one when
    that ends as a sentence does); where no paragraph has sentences, the text stands alone.
    `follows="prose"`: the text is planted where prose follows it, or nothing (the end).
    `headings`: the lines of a text of several lines that stand as headings (`own` only)."""
    blocks = [{"type": "paragraph", "text": p} for p in paragraphs]
    at = rng.randint(1, len(blocks) - 1)
    prose = [i for i, p in enumerate(paragraphs) if len(_sentences(p)) >= (3 if position in ("list", "item") else 2)
             and not (follows == "prose" and _ITEM.match(p))]  # "2. Stick to a meal pattern": a numbered title, whose
    # number is no sentence, is no running text for the rest of it to follow a lead-in as prose
    if position in ("inside", "list", "end", "item") and not prose:
        position = "own"  # a shop page's lines are no sentences to plant between
    ends = [i for i in prose if i + 1 == len(paragraphs) or _is_prose(paragraphs[i + 1])]
    if follows == "prose" and position in ("end", "item") and not ends:
        position = "last"  # no paragraph that prose follows: the end of the page is where nothing does
    if follows == "prose" and position in ("own", "heading"):  # after the fallback, which plants as "own" too
        at = rng.choice([i for i in range(1, len(blocks)) if _is_prose(paragraphs[i])] or [len(blocks)])
    if position == "own":  # a text of several lines stands as that many paragraphs
        blocks[at:at] = [{"type": "heading", "text": line, "level": 2} if i in headings else
                         {"type": "paragraph", "text": line} for i, line in enumerate(text.split("\n"))]
        where, inner = at, 0
    elif position == "heading":
        blocks.insert(at, {"type": "heading", "text": text, "level": 2})
        where, inner = at, 0
    elif position == "inside":
        where = rng.choice(prose)
        sents = _sentences(paragraphs[where])
        last = len(sents) - (0 if paragraphs[where].rstrip().endswith(_ENDS) and follows != "prose" else 1)
        cut = rng.randint(1, last)
        before = " ".join(sents[:cut])
        blocks[where]["text"] = f"{before} {text} {' '.join(sents[cut:])}".rstrip()
        inner = len(before) + 1
    elif position == "end":  # closing a paragraph that prose (or nothing) follows
        where = rng.choice(ends or prose)
        blocks[where]["text"] = f"{paragraphs[where].rstrip()} {text}"
        inner = len(paragraphs[where].rstrip()) + 1
    elif position == "last":  # the page's last block
        blocks.append({"type": "paragraph", "text": text})
        where, inner = len(blocks) - 1, 0
    elif position == "item":  # closing the last item of a list (a paragraph's sentences) that prose follows
        where = rng.choice(ends or prose)
        items = _sentences(paragraphs[where])
        items[-1] = f"{items[-1]} {text}"
        blocks[where:where + 1] = [{"type": "list_item", "text": s} for s in items]
        where, inner = where + len(items) - 1, len(items[-1]) - len(text)
    elif position == "list":
        where = rng.choice(prose)
        items = _sentences(paragraphs[where])
        k = rng.randint(0, len(items))
        items.insert(k, text)
        blocks[where:where + 1] = [{"type": "list_item", "text": s} for s in items]
        where, inner = where + k, 0
    else:
        raise ValueError(f"unknown position {position!r}")
    return blocks, sum(len(b["text"]) + 1 for b in blocks[:where]) + inner


def generate(seed: int = 20, copies: int = 2, corpus: Path = CORPUS, folder: Path = TEMPLATES,
             families: list[Family] | None = None) -> list[Planted]:
    """Every template text of every family, planted `copies` times; deterministic for a seed
    and a family's id."""
    families = load_families(folder) if families is None else families
    held = held_out_ids(families)
    index = json.loads(SOURCES.read_text(encoding="utf-8"))
    cache: dict[str, list[str]] = {}
    out = []
    for fam in families:
        rng = random.Random(f"{seed}:{fam.id}")  # a family's plants do not move when others are added
        names = index.get(fam.lang) or index["en"]
        if fam.hosts == "health":
            names = [n for n in names if n.startswith("health-dev/")] or names
        for t, template in enumerate(fam.texts):
            plain, spans, heads = heading_lines(*unmark(template))
            if fam.trap:
                spans = [(0, len(plain))]
            for c in range(copies):
                name = rng.choice(names)
                if name not in cache:
                    cache[name] = page_paragraphs(name, corpus)
                paras = cache[name]
                start = rng.randint(0, max(0, len(paras) - WINDOW))
                position = fam.positions[(t + c) % len(fam.positions)]
                if "\n" in plain and position != "own":
                    raise ValueError(f"{fam.id}: a text of several lines can only be planted as its own paragraphs")
                blocks, off = plant(paras[start:start + WINDOW], plain, position, rng, fam.follows, heads)
                out.append(Planted(f"{fam.id}/{t}/{c}", fam.kind, fam.id, fam.trap, fam.id in held, fam.lang,
                                   name, position, blocks, [(off + s, off + e) for s, e in spans]))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write the planted documents as JSON lines")
    ap.add_argument("--index", action="store_true", help="rebuild sources.json from the corpora")
    a = ap.parse_args(argv)
    if a.index:
        index = build_index()
        SOURCES.write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
        print({k: len(v) for k, v in index.items()})
        return 0
    docs = generate(a.seed, a.copies)
    if a.out:
        with a.out.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")
    kinds = sorted({d.kind for d in docs})
    for k in kinds:
        mine = [d for d in docs if d.kind == k]
        print(f"{k:16} {sum(not d.trap for d in mine):4} planted, {sum(d.trap for d in mine):4} traps, "
              f"{len({d.family for d in mine if d.held_out})} families held out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
