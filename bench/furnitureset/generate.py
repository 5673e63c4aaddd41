"""Planted page furniture in real article text: the set that measures whether cleaning
removes furniture in wordings no rule lists, in plain-text scrapes and in HTML.

usage: python bench/furnitureset/generate.py [--seed N] [--copies K] [--write DIR [--format text|html]]

`templates/<kind>.toml` gives template families per furniture kind (share rows, "was this
helpful" widgets, comment threads, comment forms, newsletter boxes, cookie notices,
tables of contents, audio players, tag lines, disclaimers, up-next teasers, related
lists, bylines, copyright and footer lines, interface boxes: booking, app banners, language
pickers, breadcrumbs, login walls, surveys, advertisement labels), in English, German, French and Spanish. A
template is one widget, one line of it per line of text; comment-thread families give
the parts of a thread (header, author/time lines, controls, form, bodies) and the
generator builds threads of 2-4 comments from them. `{n}`, `{name}`, `{ago}`, `{date}`,
`{topic}` and `{site}` are filled in with the seed's choices; `{heading}` with the host
article's own headings in page order (its short lines without end punctuation; where it
has too few, the first words of its paragraphs), as a table of contents repeats them.

Each document is the gold main content of a real article in the family's language
(health-dev, bench and wcxb-dev articles as `../flagset/sources.json` lists them, the
seeds, and the flagset's Spanish base texts) with three widgets planted at the top, the
middle and the bottom. It is rendered:
  text  as a scraper saves a page (title line, blank lines between paragraphs; a widget's
        lines each a paragraph or one run of lines, as scrapers differ);
  html  the article and its widgets under meaningless class names.
The gold is the article's gold with the planted lines as `without` snippets (lines too
short to find in the text alone are joined with their neighbours), so score.py's leak
is the share of planted furniture left.

Families are split, by a hash of the id and for good, into the ones models and rules may
be tuned on and the ones held out (`held_out`, one in three per kind). A family marked
`held_out = true` in its template file is held out whatever its hash, and stays outside
the hash split (so adding one moves no other family across it): such families are written
before a round of tuning, to measure it on wordings nobody tuned against. A family marked
`joined = true` is saved as one run of lines in plain text, no blank lines between (a
thread or a list as many scrapers save it). `round = N` says which round of work a marked
family was written before; the benchmarks print the latest round's families apart. A
family marked `glued = true` is, in plain text, run into one line and glued to the end
of the paragraph before it (at the top, to the start of the first paragraph), as a
scraper that drops the block break saves a share row or a tag line after the last
sentence; in HTML it is rendered as any widget. A family marked `held_out = false` is tuned on whatever its hash and stays outside the split
too (a round's tune families move no older family across it). `markup = [...]` names the
HTML styles a family is rendered in (default: "div", "ul" or "mixed"; also "nested", each
line a few meaningless divs deep, and "form", labels, inputs and a submit button; and the
record styles "articles", an `<article>` per comment with an avatar, its controls as buttons
and replies nested inside it, "records", an `<ol>` of `<li>` records with replies in a nested
list, and "boxes", a meaningless div per record with replies nested inside; in these a
thread's form is a `<form>` with a `<textarea>`; and the flat styles, whose markup shows no
record: "flat", each line a `<p>`, "br", the lines one `<p>` split by `<br>`, and "links",
each short line a link in its own `<p>`; in these a thread's form is a `<form>` of inputs).

A template file marked `content = true` gives content made of repeated records (FAQs,
reference lists, numbered steps): each text's records are split by blank lines, a record's
first line is its short head and a line starting with "# " the block's heading. Such a
block is planted in the article (in `main_content`, its snippets in `with`), rendered in the
same record styles as comment threads, as the trap a thread detector must not take.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
import sys
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FLAGSET = HERE.parent / "flagset"
CORPUS = HERE.parents[2] / "shared" / "corpus"
HELD_OUT_SHARE = 3
PLANTS = 3  # widgets per document: top, middle, bottom
MAX_PARAGRAPHS = 30
MIN_SNIPPET = 16  # characters: a planted line shorter than this is scored joined with its neighbours

_NAMES = {
    "en": ["Karen M.", "dave_r", "Priya", "JohnSmith82", "Mary Beth", "Tom H", "Aisha K.", "runnergirl", "Mike",
           "Linda Okafor", "Guest", "healthnut99", "Sam", "Rosa P."],
    "de": ["Petra", "Klaus M.", "Anna_B", "Jürgen", "Sabine K.", "Gast"],
    "fr": ["Sophie", "Jean-Marc", "Claire D.", "Nicolas", "Amélie", "Invité"],
    "es": ["María", "Javier R.", "Lucía", "Carlos_M", "Elena G.", "Invitado"],
}
_AGO = {
    "en": ["2 hours ago", "3 days ago", "1 week ago", "5 months ago", "a year ago", "yesterday", "just now",
           "12h", "4d ago", "10 minutes ago"],
    "de": ["vor 2 Stunden", "vor 3 Tagen", "gestern", "vor einer Woche"],
    "fr": ["il y a 2 heures", "il y a 3 jours", "hier", "il y a une semaine"],
    "es": ["hace 2 horas", "hace 3 días", "ayer", "hace una semana"],
}
_DATES = {
    "en": ["March 3, 2023", "12 Jan 2024", "2022-11-05", "July 19, 2021", "04/08/2023"],
    "de": ["3. März 2023", "12.01.2024", "19. Juli 2021"],
    "fr": ["3 mars 2023", "12/01/2024", "19 juillet 2021"],
    "es": ["3 de marzo de 2023", "12/01/2024", "19 de julio de 2021"],
}
_TOPICS = {
    "en": ["diabetes", "back pain", "asthma", "migraine", "arthritis", "sleep", "heart health"],
    "de": ["Diabetes", "Rückenschmerzen", "Asthma", "Migräne"],
    "fr": ["diabète", "mal de dos", "asthme", "migraine"],
    "es": ["diabetes", "dolor de espalda", "asma", "migraña"],
}
_SITES = ["HealthPlus", "WellCare Today", "MediGuide", "Vitality Hub", "CareNotes", "DocAnswers"]
_BODIES = {
    "en": ["Thanks for the clear information, very useful.", "Same here, I have had this problem for ages.",
           "Does anyone know if it runs in families?", "Great read. Sharing with my sister who needs this.",
           "My GP never explained any of this to me."],
    "de": ["Sehr hilfreich, danke!", "Geht mir genauso, seit Jahren.", "Weiß jemand, ob das erblich ist?"],
    "fr": ["Très utile, merci !", "Pareil pour moi depuis des années.", "Quelqu'un sait si c'est héréditaire ?"],
    "es": ["¡Muy útil, gracias!", "Me pasa lo mismo desde hace años.", "¿Alguien sabe si es hereditario?"],
}


@dataclass(slots=True)
class Family:
    kind: str
    id: str
    lang: str
    texts: list[str] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)  # comment threads: header, meta, controls, form, bodies
    marked: bool = False  # `held_out = true`: held out whatever its hash
    joined: bool = False  # `joined = true`: its lines run together in plain text
    round: int = 0  # `round = N`: the round of work it was written before (held-out families)
    tuned: bool = False  # `held_out = false`: tuned on whatever its hash
    markup: list[str] = field(default_factory=list)  # `markup = [...]`: the HTML styles it is rendered in
    glued: bool = False  # `glued = true`: run into the neighbouring paragraph in plain text
    content: bool = False  # the file says `content = true`: article content in records, not furniture


RECORD_STYLES = ("articles", "records", "boxes")
FLAT_STYLES = ("flat", "br", "links")  # lines with no element per record: <p> lines, <br> lines, linked <p> lines


@dataclass(slots=True)
class Plant:
    kind: str
    family: str
    held_out: bool
    position: str  # top | middle | bottom
    lines: list[str]
    snippets: list[str]
    marked: bool = False  # the family is marked held out (written for the latest round)
    joined: bool = False
    round: int = 0
    markup: list[str] = field(default_factory=list)
    glued: bool = False
    content: bool = False  # article content in records: its snippets must stay
    shape: list[tuple[str, int, int]] = field(default_factory=list)  # per line: role, record, reply depth


@dataclass(slots=True)
class Doc:
    id: str
    lang: str
    host: str
    site: str
    title: str
    paragraphs: list[str]  # the article's, in order
    plants: list[Plant]
    layout: list[tuple[str, int]]  # ("p", paragraph index) or ("w", plant index), in page order
    gold: dict

    @property
    def held_out(self) -> bool:
        return any(p.held_out for p in self.plants)


def load_families(folder: Path = TEMPLATES) -> list[Family]:
    out = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kind = data.get("kind") or path.stem
        for f in data.get("family", []):
            parts = {k: list(f[k]) for k in ("header", "meta", "controls", "form", "bodies") if k in f}
            out.append(Family(kind, f["id"], f.get("lang", "en"), list(f.get("texts", [])), parts,
                              bool(f.get("held_out")), bool(f.get("joined")), int(f.get("round", 0)),
                              f.get("held_out") is False, list(f.get("markup", [])), bool(f.get("glued")),
                              bool(data.get("content"))))
    ids = [f.id for f in out]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"family ids used twice: {sorted(dupes)}")
    return out


def held_out_ids(families: list[Family]) -> set[str]:
    """One family in three per kind, by a hash of the id: fixed, and not chosen by whoever
    tunes; and every family marked held out. Families marked either way stay out of the
    split, so adding them moves no other family across it."""
    out: set[str] = {f.id for f in families if f.marked}
    for kind in {f.kind for f in families}:
        fams = sorted((f.id for f in families if f.kind == kind and not f.marked and not f.tuned),
                      key=lambda i: hashlib.sha1(i.encode()).hexdigest())
        out.update(fams[:max(1, -(-len(fams) // HELD_OUT_SHARE))])
    return out


def headings(paras: list[str]) -> list[str]:
    """The article's headings as a table of contents lists them: its short lines without
    end punctuation, in page order; where there are fewer than three, the first words of
    its paragraphs."""
    out = [p for p in paras[1:] if len(p.split()) <= 12 and not re.search(r"[.!?:;,]$", p)]
    if len(out) >= 3:
        return out
    return [" ".join(p.split()[:5]).rstrip(".,;:!?") for p in paras]


def _fill(text: str, lang: str, rng: random.Random, heads: list[str] | None = None) -> str:
    queue = iter(heads or [])
    fills = {"n": lambda: str(rng.randint(2, 99)), "name": lambda: rng.choice(_NAMES[lang]),
             "ago": lambda: rng.choice(_AGO[lang]), "date": lambda: rng.choice(_DATES[lang]),
             "topic": lambda: rng.choice(_TOPICS[lang]), "site": lambda: rng.choice(_SITES),
             "heading": lambda: next(queue, rng.choice(_TOPICS[lang]))}
    return re.sub(r"\{(\w+)\}", lambda m: fills[m.group(1)]() if m.group(1) in fills else m.group(0), text)


def _thread(fam: Family, rng: random.Random) -> list[tuple[str, str, int, int]]:
    """The thread's lines with their role, record (0 the header, -1 the form) and reply
    depth; depths are drawn only for families rendered in a record style."""
    p = fam.parts
    nests = any(m in RECORD_STYLES for m in fam.markup)
    out = [(ln, "header", 0, 0) for ln in _fill(rng.choice(p["header"]), fam.lang, rng).split("\n")]
    bodies = p.get("bodies", []) + _BODIES[fam.lang]
    depth = 0
    for k in range(1, rng.randint(2, 4) + 1):
        if nests and k > 1:
            depth = rng.choice((0, min(depth + 1, 2)))
        out += [(ln, "meta", k, depth) for ln in _fill(rng.choice(p["meta"]), fam.lang, rng).split("\n")]
        out.append((rng.choice(bodies), "body", k, depth))
        if rng.random() < 0.8:
            out += [(ln, "controls", k, depth) for ln in _fill(rng.choice(p["controls"]), fam.lang, rng).split("\n")]
    form = _fill(rng.choice(p.get("form") or [""]), fam.lang, rng)
    out += [(ln, "form", -1, 0) for ln in form.split("\n")]
    return [t for t in out if t[0].strip()]


def _records(text: str) -> list[tuple[str, str, int, int]]:
    """A content block's lines: "# " lines its heading, then records split by blank lines,
    each a short head line and its body lines (a record of one line is all body)."""
    out = []
    for k, rec in enumerate(text.split("\n\n"), 1):
        lines = [ln.strip() for ln in rec.split("\n") if ln.strip()]
        for j, ln in enumerate(lines):
            if ln.startswith("# "):
                out.append((ln[2:], "header", 0, 0))
            else:
                first = j == 0 or out[-1][1] == "header"
                out.append((ln, "head" if first and j < len(lines) - 1 else "body", k, 0))
    return out


def shaped(fam: Family, rng: random.Random, heads: list[str] | None = None) -> list[tuple[str, str, int, int]]:
    """One instance of the family: (line, role, record, depth) for each of its lines
    (`heads`: the host article's headings)."""
    if fam.parts:
        return _thread(fam, rng)
    text = _fill(rng.choice(fam.texts), fam.lang, rng, heads)
    if fam.content:
        return _records(text)
    return [(ln, "line", 0, 0) for ln in text.split("\n") if ln.strip()]


def widget(fam: Family, rng: random.Random, heads: list[str] | None = None) -> list[str]:
    """One instance of the family: its lines (`heads`: the host article's headings)."""
    return [t[0] for t in shaped(fam, rng, heads)]


def snippets(lines: list[str], article: str) -> list[str]:
    """The planted lines as score.py snippets: a line shorter than MIN_SNIPPET is joined
    with the next lines of its widget (they stand together in the page), and a snippet the
    article itself contains is no leak to measure."""
    out, cur = [], ""
    for ln in lines:
        cur = f"{cur} {ln}".strip()
        if len(cur) >= MIN_SNIPPET:
            out.append(cur)
            cur = ""
    if cur:
        if out and len(cur) < MIN_SNIPPET:
            out[-1] = f"{out[-1]} {cur}"
        else:
            out.append(cur)
    folded = re.sub(r"\s+", " ", article).lower()
    return [s for s in out if re.sub(r"\s+", " ", s).lower() not in folded]


def hosts(corpus: Path = CORPUS) -> dict[str, list[str]]:
    """Article pages per language (the flagset's index) and the seeds (English)."""
    index = json.loads((FLAGSET / "sources.json").read_text(encoding="utf-8"))
    index["en"] = index["en"] + [f"seeds/{p.name}" for p in sorted((corpus / "seeds").glob("*.gold.json"))]
    return index


def host_gold(name: str, corpus: Path = CORPUS) -> dict:
    if name.startswith("flagset:base/"):
        text = (FLAGSET / "base" / name.removeprefix("flagset:base/")).read_text(encoding="utf-8")
        paras = [p.strip() for p in text.split("\n") if p.strip()]
        title = re.split(r"(?<=[.!?])\s", paras[0], maxsplit=1)[0]  # a title line, not a paragraph (extract_text)
        return {"title": title, "main_content": "\n".join(paras[1:]), "site": "flagset-base", "with": []}
    return json.loads((corpus / name).read_text(encoding="utf-8"))


def generate(seed: int = 19, copies: int = 2, corpus: Path = CORPUS, held: bool | None = None) -> list[Doc]:
    """Every template of every family planted `copies` times (a comment-thread family three
    times as often: its instances differ more), three widgets a document; `held`: only the
    held-out (True) or only the tuned (False) families. Deterministic for a seed."""
    families = load_families()
    held_ids = held_out_ids(families)
    if held is not None:
        families = [f for f in families if (f.id in held_ids) == held]
    rng = random.Random(seed)
    index = hosts(corpus)
    queue: dict[str, list[Family]] = {}
    for fam in families:
        n = copies * (3 * len(fam.parts.get("meta", [])) if fam.parts else len(fam.texts))
        queue.setdefault(fam.lang, []).extend([fam] * n)
    docs: list[Doc] = []
    cache: dict[str, dict] = {}
    for lang in sorted(queue):
        fams = queue[lang]
        rng.shuffle(fams)
        for k in range(0, len(fams), PLANTS):
            name = rng.choice(index.get(lang) or index["en"])
            if name not in cache:
                cache[name] = host_gold(name, corpus)
            gold = cache[name]
            paras = [p.strip() for p in (gold.get("main_content") or "").split("\n") if p.strip()][:MAX_PARAGRAPHS]
            if len(paras) < 2:
                continue
            article = "\n".join(paras)
            plants = []
            slots = ["top", "middle", "bottom"]
            for fam, where in zip(fams[k:k + PLANTS], slots, strict=False):
                shape = shaped(fam, rng, headings(paras))
                lines = [t[0] for t in shape]
                plants.append(Plant(fam.kind, fam.id, fam.id in held_ids, where, lines, snippets(lines, article),
                                    fam.marked, fam.joined, fam.round, fam.markup, fam.glued, fam.content,
                                    [t[1:] for t in shape]
                                    if fam.content or set(fam.markup) & {*RECORD_STYLES, *FLAT_STYLES} else []))
            layout: list[tuple[str, int]] = [("p", i) for i in range(len(paras))]
            mid = rng.randint(1, len(paras) - 1)
            for w, plant in sorted(enumerate(plants), key=lambda t: -["top", "middle", "bottom"].index(t[1].position)):
                at = {"top": 0, "middle": mid, "bottom": len(layout)}[plant.position]
                layout.insert(at, ("w", w))
            title = (gold.get("title") or paras[0][:60]).strip()
            doc_id = f"fs-{lang}-{len(docs):04d}"
            content = "\n".join(doc_paragraph for what, i in layout
                                 for doc_paragraph in ([paras[i]] if what == "p" else
                                                       plants[i].lines if plants[i].content else []))
            new_gold = {"source": doc_id, "format": "text", "title": title, "main_content": content,
                        "with": [s for s in gold.get("with", []) if s in article]
                        + [s for p in plants if p.content for s in p.snippets],
                        "without": [s for p in plants if not p.content for s in p.snippets],
                        "site": gold.get("site") or name.split("/")[0], "page_type": "article",
                        "flags": [], "not_flags": []}
            docs.append(Doc(doc_id, lang, name, new_gold["site"], title, paras, plants, layout, new_gold))
    return docs


def render_text(doc: Doc, rng: random.Random) -> str:
    """The page as a scraper saves it: title, then paragraphs split by blank lines; each
    widget a paragraph a line or (half of the widgets other than comment threads) its lines
    run together, as a scraper that joins inline elements saves a share row. A thread's
    lines stand apart, except in a family marked `joined`, whose lines always run together;
    a `glued` family's lines are one line run into the paragraph before it (or after it, at
    the top)."""
    out = [doc.title, ""]
    prefix = ""
    for k, (what, i) in enumerate(doc.layout):
        if what == "p":
            out += [f"{prefix} {doc.paragraphs[i]}".strip(), ""]
            prefix = ""
        elif doc.plants[i].glued:
            run = " ".join(doc.plants[i].lines)
            if k and doc.layout[k - 1][0] == "p":
                out[-2] = f"{out[-2]} {run}"
            else:
                prefix = f"{prefix} {run}".strip()
        elif not doc.plants[i].joined and (doc.plants[i].kind == "comment_thread" or doc.plants[i].content
                                           or rng.random() < 0.5):
            for ln in doc.plants[i].lines:
                out += [ln, ""]
        else:
            out += [*doc.plants[i].lines, ""]
    return "\n".join(out + ([prefix, ""] if prefix else []))


def _cls(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(rng.randint(3, 7)))


def _nest(inner: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        inner = f"<div class=\"{_cls(rng)}\">{inner}</div>"
    return inner


def _form(lines: list[str], rng: random.Random) -> str:
    """A form: a short last line is its submit button, other short lines are labels of
    inputs (a line ending in "…" or "..." an editable box showing it), longer lines its text."""
    e = html.escape
    inner = []
    for k, ln in enumerate(lines):
        short = len(ln.split()) <= 5
        if short and k == len(lines) - 1 and k:
            inner.append(f"<button type=\"submit\" class=\"{_cls(rng)}\">{e(ln)}</button>")
        elif ln.endswith(("…", "...")):
            inner.append(f"<div class=\"{_cls(rng)}\" contenteditable=\"true\">{e(ln)}</div>")
        elif short and k:
            name = _cls(rng)
            inner.append(f"<div class=\"{_cls(rng)}\"><label for=\"{name}\">{e(ln)}</label>"
                         f"<input id=\"{name}\" type=\"text\"></div>")
        else:
            inner.append(f"<p class=\"{_cls(rng)}\">{e(ln)}</p>")
    return f"<form class=\"{_cls(rng)}\" action=\"#{_cls(rng)}\" method=\"post\">{''.join(inner)}</form>"


def _records_html(plant: Plant, style: str, rng: random.Random) -> str:
    """A thread or content block in a record style: its heading, one element per record
    (replies nested inside the record they answer), a thread's form with a textarea."""
    e = html.escape
    c = lambda: f" class=\"{_cls(rng)}\""  # noqa: E731 - a fresh meaningless class name
    item, group = {"articles": ("article", "div"), "records": ("li", "ol"), "boxes": ("div", "div")}[style]
    avatar = rng.random() < 0.5
    head, form, recs = [], [], {}
    for ln, (role, rec, depth) in zip(plant.lines, plant.shape, strict=True):
        if role == "header":
            head.append(f"<h3{c()}>{e(ln)}</h3>" if not head else f"<div{c()}>{e(ln)}</div>")
        elif role == "form":
            form.append(ln)
        else:
            recs.setdefault(rec, {"depth": depth, "lines": []})["lines"].append((role, ln))

    def record(lines: list[tuple[str, str]]) -> str:
        out, meta = [], []
        for role, ln in lines:
            if role in ("meta", "head"):
                meta.append(f"<span{c()}>{e(ln)}</span>" if role == "meta" else f"<strong{c()}>{e(ln)}</strong>")
                continue
            if meta:
                img = f"<img{c()} src=\"/u/{_cls(rng)}.png\" alt=\"\">" if avatar and plant.kind == "comment_thread" else ""
                out.append(f"<div{c()}>{img}{''.join(meta)}</div>")
                meta = []
            if role == "controls":
                out.append(f"<div{c()}>" + "".join(f"<button type=\"button\"{c()}>{e(b.strip())}</button>"
                                                   for b in ln.split(" · ")) + "</div>")
            else:
                out.append(f"<div{c()}><p>{e(ln)}</p></div>")
        if meta:
            out.append(f"<div{c()}>{''.join(meta)}</div>")
        return "".join(out)

    body, stack = [], []  # stack: depths of the records left open; a reply is in its own group
    for rec in sorted(recs):
        depth = recs[rec]["depth"]
        while stack and stack[-1] >= depth:
            body.append(f"</{item}>" + (f"</{group}>" if stack.pop() else ""))
        body.append((f"<{group}{c()}>" if depth else "") + f"<{item}{c()}>{record(recs[rec]['lines'])}")
        stack.append(depth)
    while stack:
        body.append(f"</{item}>" + (f"</{group}>" if stack.pop() else ""))
    parts = [f"<div{c()}>", *head, f"<{group}{c()}>", *body, f"</{group}>"]
    if len(form) == 1:  # a "load more" line
        parts.append(f"<div{c()}><button type=\"button\"{c()}>{e(form[0])}</button></div>")
    elif form:
        parts.append(f"<form{c()} action=\"#{_cls(rng)}\" method=\"post\">")
        for k, ln in enumerate(form):
            if k == len(form) - 1 and len(ln.split()) <= 3:
                parts.append(f"<button type=\"submit\"{c()}>{e(ln)}</button>")
            elif k == 0:
                parts.append(f"<label{c()}>{e(ln)}</label><textarea{c()} rows=\"4\"></textarea>")
            else:
                parts.append(f"<p{c()}>{e(ln)}</p>")
        parts.append("</form>")
    return "".join([*parts, "</div>"])


def _flat_html(plant: Plant, style: str, rng: random.Random) -> str:
    """A widget or content block whose markup says nothing about its records: every line a
    `<p>` ("flat"), or all lines one `<p>` split by `<br>` ("br"), or short lines each a
    link in its own `<p>` ("links"); a thread's form lines, when it has more than one, a
    `<form>`."""
    e = html.escape
    c = lambda: f" class=\"{_cls(rng)}\""  # noqa: E731 - a fresh meaningless class name
    roles = [t[0] for t in plant.shape] or ["line"] * len(plant.lines)
    form = [ln for ln, r in zip(plant.lines, roles, strict=True) if r == "form"]
    lines = [ln for ln, r in zip(plant.lines, roles, strict=True) if r != "form" or len(form) == 1]
    if style == "br":
        inner = f"<p{c()}>" + "<br>".join(e(ln) for ln in lines) + "</p>"
    elif style == "links":
        inner = "".join(f"<p{c()}><a href=\"/{_cls(rng)}\">{e(ln)}</a></p>" if len(ln.split()) <= 12
                        else f"<p{c()}>{e(ln)}</p>" for ln in lines)
    else:
        inner = "".join(f"<p{c()}>{e(ln)}</p>" for ln in lines)
    return f"<div{c()}>{inner}{_form(form, rng) if len(form) > 1 else ''}</div>"


def render_html(doc: Doc, rng: random.Random) -> str:
    """The article under meaningless class names, each widget a box of spans, links,
    buttons or list items inside the article's container; a family's `markup` picks its
    styles, adding "nested" (each line a few divs deep) and "form" (labels, inputs and a
    submit button in a form)."""
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"{doc.lang}\"><head><meta charset=\"utf-8\"><title>{e(doc.title)}</title>"
             f"</head><body><div class=\"{_cls(rng)}\"><div class=\"{_cls(rng)}\"><h1>{e(doc.title)}</h1>"]
    for what, i in doc.layout:
        if what == "p":
            parts.append(f"<p>{e(doc.paragraphs[i])}</p>")
            continue
        lines = doc.plants[i].lines
        style = rng.choice(doc.plants[i].markup or ("div", "ul", "mixed"))
        if style in RECORD_STYLES:
            parts.append(_records_html(doc.plants[i], style, rng))
        elif style in FLAT_STYLES:
            parts.append(_flat_html(doc.plants[i], style, rng))
        elif style == "form":
            parts.append(f"<div class=\"{_cls(rng)}\">{_form(lines, rng)}</div>")
        elif style == "nested":
            parts.append(_nest("".join(_nest(f"<span class=\"{_cls(rng)}\">{e(ln)}</span>", rng) for ln in lines), rng))
        elif style == "ul":
            items = "".join(f"<li><a href=\"#{_cls(rng)}\">{e(ln)}</a></li>" if len(ln) < 40 else f"<li>{e(ln)}</li>"
                            for ln in lines)
            parts.append(f"<div class=\"{_cls(rng)}\"><ul class=\"{_cls(rng)}\">{items}</ul></div>")
        else:
            inner = []
            for ln in lines:
                short = len(ln.split()) <= 3
                tag = rng.choice(("button", "a", "span")) if short and style == "mixed" else "div"
                href = f" href=\"#{_cls(rng)}\"" if tag == "a" else ""
                inner.append(f"<{tag} class=\"{_cls(rng)}\"{href}>{e(ln)}</{tag}>")
            parts.append(f"<div class=\"{_cls(rng)}\">{''.join(inner)}</div>")
    parts.append("</div></div></body></html>")
    return "".join(parts)


def write(docs: list[Doc], folder: Path, fmt: str = "text", seed: int = 19) -> None:
    """DIR/raw/<id>.txt|.html and DIR/gold/<id>.gold.json, for score.py."""
    rng = random.Random(seed)
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    for d in docs:
        name = f"{d.id}.{'txt' if fmt == 'text' else 'html'}"
        body = render_text(d, rng) if fmt == "text" else render_html(d, rng)
        (folder / "raw" / name).write_text(body, encoding="utf-8")
        gold = {**d.gold, "source": name, "format": "text" if fmt == "text" else "html",
                "planted": [asdict(p) for p in d.plants]}
        (folder / "gold" / f"{d.id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--write", type=Path, help="write raw pages and gold here")
    ap.add_argument("--format", choices=("text", "html"), default="text")
    ap.add_argument("--held-out", choices=("only", "none", "all"), default="all")
    a = ap.parse_args(argv)
    held = {"only": True, "none": False, "all": None}[a.held_out]
    docs = generate(a.seed, a.copies, held=held)
    if a.write:
        write(docs, a.write, a.format, a.seed)
    plants = [p for d in docs for p in d.plants]
    for kind in sorted({p.kind for p in plants}):
        mine = [p for p in plants if p.kind == kind]
        print(f"{kind:16} {len(mine):4} planted ({sum(p.held_out for p in mine)} held out), "
              f"{len({p.family for p in mine})} families")
    print(f"{len(docs)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
