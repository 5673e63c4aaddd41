"""Held-out furniture: how much of it survives when planted under meaningless class names.

usage: python bench/furniture.py [--corpus health-dev] [--pages 40] [--seed 19]

Into each HTML article of the corpus this plants, in divs and lists whose class names
mean nothing (`c7q2`, `zx-41`), one variant of each of five kinds of furniture: a cookie
banner first in <body>, a share line after the article's first paragraph, a newsletter
box after its middle one, a related list and a comment form after its last one (the
article's paragraphs are those whose text the gold main content holds). The variants
are written here and in no rule file or training corpus. Each page is then extracted and
cleaned as `ascurate run` does (`extract`, the boilerplate and win-back models, `clean`); a planted
line is left when its text is found in the article. Printed: lines left per kind (the
leak), and the article's score.py precision/recall against its gold with and without
the furniture (the article must stay whole).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from lxml import html as lhtml

from ascurate.clean import boilerplate, clean, pagetype, winback
from ascurate.config import load_config
from ascurate.extract import extract_html, load_html
from ascurate.model import join_blocks
from ascurate.models import train

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# each variant: the lines of one piece of furniture (a heading or label first where it has one)
VARIANTS: dict[str, list[list[str]]] = {
    "cookie": [
        ["This website stores cookies on your computer to give you a more personalised service.",
         "Manage preferences", "Allow all"],
        ["We and our partners process data such as cookies to show personalised ads and measure our audience.",
         "Agree and close"],
        ["By clicking OK, you consent to the storing of cookies on your device to enhance site navigation.",
         "Cookie settings", "OK"],
        ["Our site uses cookies. Some are essential, others help us improve your visit.", "Decline", "Accept"],
    ],
    "share": [
        ["Share this article on social media"],
        ["Spread the word: Facebook Twitter LinkedIn Reddit Email"],
        ["Tell a friend: post this page to Facebook, WhatsApp or Telegram"],
        ["Share", "Pinterest", "Tumblr", "Copy link"],
    ],
    "newsletter": [
        ["Get our free health newsletter", "The latest tips and research, straight to your inbox every Tuesday.",
         "Sign me up"],
        ["Join 50,000 readers and subscribe for weekly wellness updates.",
         "We respect your privacy; unsubscribe at any time."],
        ["Stay in the loop!", "Enter your e-mail below to receive our monthly digest.", "Submit"],
    ],
    "related": [
        ["Related stories", "Five habits that protect your heart", "What your sleep says about your health",
         "Understanding blood pressure readings"],
        ["You might also want to read", "How to talk to your doctor about chronic pain",
         "Seasonal allergies, explained", "Is intermittent fasting safe for everyone?"],
        ["More from our editors", "The truth about vitamin D supplements", "Ten minutes a day to a stronger back",
         "When a headache needs a doctor"],
    ],
    "comment_form": [
        ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Comment *",
         "Name *", "Email *", "Post Comment"],
        ["Add your comment", "Comments are moderated and will appear after approval.", "Name",
         "E-mail (never shown)", "Send"],
        ["Join the discussion", "You must be logged in to post a comment.", "Log in", "Register"],
    ],
}
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def _name(rng: random.Random) -> str:
    letters = "bcdfghjklmnpqrstvwxz"
    return "".join(rng.choice(letters) for _ in range(2)) + str(rng.randint(1, 99)) + rng.choice(letters)


def _element(kind: str, lines: list[str], rng: random.Random) -> object:
    """The furniture as markup that names nothing: divs, spans, a list for related links."""
    if kind == "related":
        items = "".join(f'<li class="{_name(rng)}"><a href="/p{i}">{t}</a></li>' for i, t in enumerate(lines[1:]))
        markup = f'<div class="{_name(rng)}"><div class="{_name(rng)}">{lines[0]}</div><ul>{items}</ul></div>'
    elif kind == "share":
        links = " ".join(f'<a href="#s{i}">{t}</a>' for i, t in enumerate(lines))
        markup = f'<div class="{_name(rng)}"><span>{links}</span></div>'
    else:
        rows = "".join(f'<div class="{_name(rng)}"><span>{t}</span></div>' for t in lines)
        markup = f'<div class="{_name(rng)}" id="{_name(rng)}">{rows}</div>'
    return lhtml.fragment_fromstring(markup)


def plant(page: str, gold: str, rng: random.Random) -> tuple[str, dict[str, list[str]]] | None:
    """The page with one variant of each kind planted, and the planted lines by kind; None
    when too few of the article's paragraphs are found in the page."""
    tree = load_html(page)
    if tree is None:
        return None
    body = tree.find(".//body")
    golden = fold(gold)
    paras = [p for p in tree.iter("p") if len(fold(p.text_content())) > 60 and fold(p.text_content()) in golden]
    if body is None or len(paras) < 3:
        return None
    chosen = {kind: rng.choice(variants) for kind, variants in VARIANTS.items()}
    body.insert(0, _element("cookie", chosen["cookie"], rng))
    paras[0].addnext(_element("share", chosen["share"], rng))
    paras[len(paras) // 2].addnext(_element("newsletter", chosen["newsletter"], rng))
    paras[-1].addnext(_element("comment_form", chosen["comment_form"], rng))
    paras[-1].addnext(_element("related", chosen["related"], rng))
    return lhtml.tostring(tree, encoding="unicode"), chosen


def curated(page: str) -> str:
    """The article's text as `ascurate run` cleans an HTML page (site templates aside)."""
    ex = extract_html(page)
    tree = load_html(page)
    kind = pagetype.classify(tree, None) if tree is not None else None
    blocks, drops = winback.merged(ex.blocks, winback.readmit(boilerplate.judge(ex.features, None, ex.blocks), kind), ex.segments,
                                   winback.judge(ex.segments, kind))
    return join_blocks(clean(blocks, CFG, ex.title, (), drops).blocks)


CFG = load_config(Path("/nonexistent/ascurate.toml"))


def left(text: str, lines: list[str]) -> list[str]:
    """The planted lines found in the text (a bare word such as "Share" or "OK" counts when
    it stands as its own line)."""
    found = fold(text)
    own = {fold(x) for x in text.split("\n")}
    return [ln for ln in lines if (fold(ln) in own if len(ln.split()) < 3 else fold(ln) in found)]


def run(corpus: str, pages: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    folder = SHARED / "corpus" / corpus
    kinds = {k: [0, 0] for k in VARIANTS}  # lines planted, lines left
    before, after, used = [], [], 0
    for gold_path in sorted(folder.glob("*.gold.json")):
        if used >= pages:
            break
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("format") == "text" or gold.get("page_type", "article") != "article":
            continue
        page = (folder / gold["source"]).read_text(encoding="utf-8", errors="replace")
        planted = plant(page, gold.get("main_content") or "", rng)
        if planted is None:
            continue
        used += 1
        with_furniture, chosen = planted
        text = curated(with_furniture)
        for kind, lines in chosen.items():
            kinds[kind][0] += len(lines)
            kinds[kind][1] += len(left(text, lines))
        before.append(train.page_f1(curated(page), gold.get("main_content") or ""))
        after.append(train.page_f1(text, gold.get("main_content") or ""))
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {"pages": used, "kinds": kinds,
            "leak": sum(v[1] for v in kinds.values()) / max(1, sum(v[0] for v in kinds.values())),
            "before": (mean([p or 0.0 for p, _ in before]), mean([r for _, r in before])),
            "after": (mean([p or 0.0 for p, _ in after]), mean([r for _, r in after]))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="health-dev")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args(argv)
    r = run(a.corpus, a.pages, a.seed)
    print(f"{r['pages']} pages of {a.corpus}, seed {a.seed}\n")
    print("| furniture | lines planted | lines left | leak |\n|---|---|---|---|")
    for kind, (n, k) in r["kinds"].items():  # type: ignore[union-attr]
        print(f"| {kind} | {n} | {k} | {k / max(1, n):.3f} |")
    print(f"| all | | | {r['leak']:.3f} |")
    (p0, r0), (p1, r1) = r["before"], r["after"]  # type: ignore[misc]
    print(f"\narticle vs gold: without furniture P {p0:.3f} R {r0:.3f}; with it P {p1:.3f} R {r1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
