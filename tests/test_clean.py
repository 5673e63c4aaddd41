"""Cleaning on real inputs: furniture inside paragraphs, furniture sections, site
templates learnt across pages, and the two promises (never invent, never lose)."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ascurate import rulebook
from ascurate.clean import clean
from ascurate.clean.templates import TemplateStore, fingerprint, templates_of
from ascurate.config import load_config
from ascurate.model import Block, Document
from ascurate.pipeline import run

CFG = load_config("/nonexistent/ascurate.toml")
SECTIONS = rulebook.load(CFG, "section")
FURNITURE = rulebook.load(CFG, "furniture")
SECTIONS_MAX_BLOCKS = next(r.get("max_blocks") for r in SECTIONS if r.id == "section.author-bio")
BODY = ("Ankylosing spondylitis is a chronic inflammatory disease that mainly affects the spine and the "
        "sacroiliac joints, and it often starts in early adulthood.")
OTHER = "Most people with the condition keep working, and regular exercise eases the stiffness."


@pytest.mark.parametrize("rule", SECTIONS, ids=lambda r: r.id)
def test_section_rule_examples(rule):
    for ex in rule.examples:
        res = clean([Block("paragraph", BODY), Block("heading", ex, 2), Block("paragraph", "Gout and diet in older adults")], CFG)
        assert [b.text for b in res.blocks] == [BODY], f"{rule.id} did not open a section at {ex!r}"
        assert {r.reason for r in res.removed} == {rule.id}
    for ex in rule.counter_examples:
        res = clean([Block("paragraph", BODY), Block("paragraph", ex)], CFG)
        assert not any(r.reason == rule.id for r in res.removed), f"{rule.id} opened a section at {ex!r}"


@pytest.mark.parametrize("rule", rulebook.load(CFG, "run"), ids=lambda r: r.id)
def test_run_rule_examples(rule):
    for ex in rule.examples:
        kind = rule.get("types", ["list_item"])[0]
        blocks = [Block("paragraph", BODY)] + [Block(kind, ln) for ln in ex.split("\n")]
        res = clean(blocks, CFG)
        assert [b.text for b in res.blocks] == [BODY], f"{rule.id} left part of {ex!r}"
    for ex in rule.counter_examples:
        res = clean([Block("paragraph", ln) for ln in ex.split("\n")], CFG)
        assert not any(r.reason == rule.id for r in res.removed), f"{rule.id} cut from {ex!r}"


def test_references_become_citations_and_the_section_ends_at_the_next_heading():
    blocks = [Block("paragraph", BODY), Block("heading", "References", 2),
              Block("list_item", "Xie Y, Wu Z. Exercise and depression. Front Psychiatry. 2021;12:705559."),
              Block("list_item", "Smith PJ. The role of exercise. Annu Rev Med. 2021;72:45-62."),
              Block("heading", "Living with AS", 2), Block("paragraph", OTHER)]
    res = clean(blocks, CFG)
    assert [b.text for b in res.blocks] == [BODY, "Living with AS", OTHER]
    assert res.metadata["citations"][0].startswith("Xie Y")
    assert len(res.metadata["citations"]) == 2


def test_a_table_of_contents_ending_in_sources_does_not_take_the_article_under_it():
    """A page's contents box ("On this page: Overview · Diagnosis · Sources") set as short
    paragraphs: its last entry matches the references header, and with no heading below it
    the whole article went as citations. Running text with no year, DOI or link ends it."""
    toc = [Block("paragraph", t) for t in ("Auf dieser Seite:", "Überblick", "Diagnose", "Quellen")]
    article = [Block("paragraph", BODY + " " + OTHER), Block("paragraph", "Status Quo"),
               Block("paragraph", "Most people with the condition keep working. Regular exercise eases the "
                                  "stiffness, and a physiotherapist can set a programme that suits the joints "
                                  "and the spine for the years ahead.")]
    res = clean(toc + article, CFG)
    assert [b.text for b in article] == [b.text for b in res.blocks if b.text not in {t.text for t in toc}]
    assert "citations" not in res.metadata
    cited = clean([Block("paragraph", BODY), Block("paragraph", "Quellen"),
                   Block("paragraph", "Robert Koch-Institut. Diabetes in Deutschland. Bericht der Nationalen "
                                      "Diabetes-Surveillance. Berlin, 2019. Abgerufen am 3. März 2023 unter "
                                      "der Adresse des Instituts.")], CFG)
    assert [b.text for b in cited.blocks] == [BODY]  # an entry with its marks still goes, as a citation
    assert len(cited.metadata["citations"]) == 1


def test_a_byline_at_the_top_opens_no_section_that_takes_the_article(corpus, tmp_path):
    """wcxb-0183: "Written by" over the author's name opens the page, whose short
    headings ("Code Quality") a bio section lets through; the article under it stays
    (`max_blocks`), while the byline repeated further down, three blocks, still goes."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "wcxb-0183.html.gz").write_bytes((corpus / "wcxb-dev" / "wcxb-0183.html.gz").read_bytes())
    run(raw, tmp_path / "out", CFG)
    art = json.loads(next((tmp_path / "out" / "articles").glob("*.json")).read_text())
    assert "To stay competitive in today’s marketplace" in art["text"]
    assert "Offshore and nearshore software development companies come in many shapes" in art["text"]
    bio = Counter(r["reason"] for r in art["removed"])["section.author-bio"]
    assert 0 < bio <= 1 + SECTIONS_MAX_BLOCKS


def test_seed_furniture_inside_paragraphs_is_cut_and_the_rest_kept(corpus, tmp_path):
    seed = corpus / "seeds"
    run(seed, tmp_path, CFG)
    arts = [json.loads(p.read_text()) for p in (tmp_path / "articles").glob("*.json")]
    golds = [json.loads(p.read_text()) for p in seed.glob("*.gold.json")]
    assert len(arts) == len(golds) == 2
    by_src = {a["source"]["path"]: a for a in arts}
    for g in golds:
        text = " ".join(by_src[g["source"]]["text"].split()).casefold()
        for w in g.get("without", []):
            assert " ".join(w.split()).casefold() not in text, w
        for w in g.get("with", []):
            assert " ".join(w.split()).casefold() in text, w
    reasons = {r["reason"] for a in arts for r in a["removed"]}
    assert {"furniture.newsletter", "furniture.comment-counter"} <= reasons


def _page(n: int, body: str, quote: str = "") -> str:
    return f"""<html><head><title>Article {n}</title><link rel="canonical" href="https://www.ex-health.org/a{n}"></head>
    <body><article><h1>Article number {n} about health</h1><p>{body}</p><p>{quote}</p>
    <p>Patients in study {n} reported that regular walking eased their back pain and stiffness over several months,
    and most of them kept up the habit after the trial ended, according to the authors of report {n}.</p>
    <p>Our clinic has served the region since 1950. Book a visit with a specialist at one of our locations today.</p>
    <p>Call our help line any weekday between nine and five for appointments with our team of nurses.</p>
    </article></body></html>"""


BODIES = [
    "Gout is a form of arthritis that causes sudden, severe joint pain, often in the big toe, linked to uric acid.",
    "Asthma narrows the airways and causes wheezing, coughing and shortness of breath, especially at night.",
    "Psoriasis speeds up the life cycle of skin cells, which build up into scaly patches that itch and hurt.",
]
QUOTE = "Exercise is medicine, as one famous physician put it in a lecture to his students many years ago."


def test_site_template_paragraphs_go_quotes_stay(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n, body in enumerate(BODIES):
        # the quote is on two pages only, alone: text two articles share, not furniture
        (raw / f"p{n}.html").write_text(_page(n, body, QUOTE if n < 2 else ""), encoding="utf-8")
    run(raw, tmp_path / "out", CFG)
    arts = [json.loads(p.read_text()) for p in (tmp_path / "out" / "articles").glob("*.json")]
    assert len(arts) == 3
    for a in arts:
        removed = {r["text"] for r in a["removed"] if r["reason"] == "site-template"}
        assert any(t.startswith("Our clinic has served") for t in removed)
        assert "Our clinic" not in a["text"] and "help line" not in a["text"]
        assert "regular walking eased" in a["text"]
    assert sum(QUOTE in a["text"] for a in arts) == 2
    assert all("Call our help line" not in a["metadata"].get("disclaimer", "") for a in arts)
    assert (tmp_path / "out" / ".ascurate" / "site_templates.sqlite").is_file()


def test_a_template_disclaimer_still_reaches_metadata():
    disclaimer = "This content is not a substitute for professional medical advice."
    res = clean([Block("paragraph", BODY), Block("heading", "Disclaimer:", 2), Block("paragraph", "As a service "
                 "to our readers we keep our archive online."), Block("paragraph", disclaimer)], CFG,
                templates={fingerprint("Disclaimer:"), fingerprint(disclaimer),
                           fingerprint("As a service to our readers we keep our archive online.")})
    assert [b.text for b in res.blocks] == [BODY]
    assert {r.reason for r in res.removed} == {"site-template"}
    assert res.metadata["disclaimer"].startswith("As a service to our readers") and disclaimer in res.metadata["disclaimer"]


def test_title_copies_in_the_body_go():
    title = "Why does ankylosing spondylitis cause muscle spasms"
    res = clean([Block("heading", title, 1), Block("paragraph", BODY), Block("paragraph", title + "?"),
                 Block("paragraph", OTHER)], CFG, title)
    assert [b.text for b in res.blocks] == [BODY, OTHER]
    assert {r.reason for r in res.removed} == {"furniture.title-repeat"}


def test_templates_need_a_run_on_two_pages_or_three_pages():
    a, b, c, q = (fingerprint(t) for t in ("footer one", "footer two", "body", "quote"))
    assert templates_of({"p1": [c, a, b], "p2": ["x", a, b]}) == {a, b}
    assert templates_of({"p1": [c, q, "y"], "p2": ["x", q, "z"]}) == set()
    assert templates_of({"p1": [q], "p2": [q], "p3": [q]}) == {q}
    pages = {f"p{i}": [f"u{i}", a, b, f"v{i}", q] for i in range(4)}
    assert templates_of(pages) == templates_of(dict(reversed(list(pages.items())))) == {a, b, q}


def test_template_store_remembers_earlier_runs(tmp_path):
    path = tmp_path / "site_templates.sqlite"
    page = "<html><head><link rel='canonical' href='https://ex.org/{n}'></head><body><p>Unique {n}</p><p>Same footer</p></body></html>"
    first = TemplateStore(path)
    for n in range(2):
        first.learn(Document(f"p{n}.html", page.format(n=n), "html", "x"))
    assert first.templates() == {}  # a paragraph on two pages alone is not yet a template
    first.record([], [("p0.html", "h0"), ("p1.html", "h1")])
    first.close()
    second = TemplateStore(path)
    assert second.learnt == {"p0.html": "h0", "p1.html": "h1"}
    second.learn(Document("p2.html", page.format(n=2), "html", "x"))  # not saved: still counts
    assert second.templates() == {"ex.org": frozenset({fingerprint("Same footer")})}
    assert second.sites_of() == {f"p{n}.html": {"ex.org"} for n in range(3)}
    second.close()


def test_template_store_takes_over_an_earlier_json_store(tmp_path):
    """Earlier versions kept the store as JSON (hex fingerprints): the first run imports it."""
    footer, other = fingerprint("Same footer"), fingerprint("Other footer")
    old = {"ex.org": {f"p{n}.html": f"{fingerprint(f'Unique {n}')}{footer}{other}" for n in range(2)},
           "one.org": {"q.html": footer}}
    (tmp_path / "site_templates.json").write_text(json.dumps(old))
    (tmp_path / "site_templates.inputs.json").write_text(json.dumps({"p0.html": "h0", "p1.html": "h1"}))
    store = TemplateStore(tmp_path / "site_templates.sqlite")
    assert store.templates() == {"ex.org": frozenset({footer, other})}  # two pages, a run of two
    assert store.learnt == {"p0.html": "h0", "p1.html": "h1"}
    assert not (tmp_path / "site_templates.json").exists() and not (tmp_path / "site_templates.inputs.json").exists()
    store.close()
    assert TemplateStore(tmp_path / "site_templates.sqlite").sites_of()["q.html"] == {"one.org"}


def test_a_damaged_template_store_is_started_afresh(tmp_path):
    path = tmp_path / "site_templates.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = TemplateStore(path)
    assert store.templates() == {} and store.learnt == {}
    store.record([("ex.org", "p.html", fingerprint("x"))], [("p.html", "h")])
    store.close()
    assert TemplateStore(path).learnt == {"p.html": "h"}


# ---------------------------------------------------------------- never invent, never lose

SENTENCES = [ex for r in FURNITURE + SECTIONS for ex in r.examples] + [
    BODY, "Treatment includes exercise, physical therapy and medicines such as NSAIDs.",
    "Most people keep working and lead full lives.", "0コメント", "Share", "References",
]
block_st = st.builds(
    lambda kind, parts: Block(kind, " ".join(parts), 2 if kind == "heading" else None),
    st.sampled_from(["paragraph", "paragraph", "heading", "list_item", "quote"]),
    st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(min_size=1, max_size=40)), min_size=1, max_size=5),
)


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=150, deadline=None)
@given(st.lists(block_st, min_size=1, max_size=8), st.sampled_from([None, "References", BODY]))
def test_never_invent_never_lose(blocks, title):
    blocks = [b for b in blocks if b.text.strip()]
    res = clean(blocks, CFG, title)
    src = "".join("".join(b.text.split()) for b in blocks)
    out = "".join("".join(b.text.split()) for b in res.blocks)
    assert _subsequence(out, src)  # every character of the text comes from the input, in order
    kept = sum((_tokens(b.text) for b in res.blocks), Counter())
    cut = sum((_tokens(r.text) for r in res.removed), Counter())
    assert kept + cut == sum((_tokens(b.text) for b in blocks), Counter())  # nothing leaves without a rule
    assert all(r.reason for r in res.removed)


def test_extraction_keeps_text_loose_between_paragraphs():
    from ascurate.extract import extract_html

    paras = "".join(f"<p>Paragraph {i} of the article explains how gout flares start and how colchicine and rest "
                    f"help the joint recover over the following days and weeks.</p>" for i in range(6))
    page = (f"<html><head><title>Gout flares</title></head><body><article><h1>Gout flares</h1>{paras}"
            "Near-term outlook for patients<p>Most people recover fully when the uric acid level is kept low "
            "with allopurinol and a diet lower in purines, as the study reported.</p></article></body></html>")
    texts = [b.text for b in extract_html(page).blocks]
    assert "Near-term outlook for patients" in texts
    assert texts.index("Near-term outlook for patients") == len(texts) - 2


def test_a_recurring_block_replays_the_same_outcome(corpus):
    """Furniture outcomes are kept per block text (clean/rules.py): cleaning blocks seen
    before gives exactly what cleaning them afresh gives, removals at the new indexes and
    the same facts captured (a copyright holder, a disclaimer) in the same order."""
    from ascurate.extract import extract_html

    blocks = []
    for page in sorted((corpus / "health-dev").glob("*.html"))[:12]:
        blocks += extract_html(page.read_text(encoding="utf-8")).blocks
    blocks += [Block("paragraph", "© 2024 Example Health Media. All rights reserved."),
               Block("paragraph", f"{BODY} Disclaimer: this article is not medical advice."),
               Block("paragraph", "Disclaimer: This content does not replace a doctor's advice.")]
    rulebook.forget_memos()
    fresh = clean(blocks, CFG)
    assert fresh.removed and fresh.metadata  # the pages have furniture with facts in it
    replayed = clean(blocks, CFG)  # every block is in the memo now
    assert replayed == fresh
    shifted = clean([Block("paragraph", OTHER), *blocks], CFG)
    assert [(r.text, r.reason, r.block - 1, r.start, r.end) for r in shifted.removed] == \
           [(r.text, r.reason, r.block, r.start, r.end) for r in fresh.removed]
    assert shifted.metadata == fresh.metadata and shifted.blocks[1:] == fresh.blocks
