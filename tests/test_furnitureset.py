"""The planted-furniture generator (bench/furnitureset): fixed, split by family, and its
gold says exactly what was planted."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from furnitureset import generate as fs  # noqa: E402 - the generator lives with the benches

from .corpus_pages import CORPUS  # noqa: E402


@pytest.fixture(scope="module")
def docs():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    return fs.generate(19, copies=1)


def test_a_third_of_each_kind_is_held_out_by_id_and_marked_families_always():
    fams = fs.load_families()
    held = fs.held_out_ids(fams)
    for kind in {f.kind for f in fams}:
        ids = [f.id for f in fams if f.kind == kind and not f.marked and not f.tuned]
        if all(f.content for f in fams if f.kind == kind):
            assert not ids  # content traps are all marked one way or the other
            continue
        assert len(ids) >= 6, kind
        assert 1 <= sum(i in held for i in ids) <= -(-len(ids) // 3)
    assert {f.id for f in fams if f.marked} <= held
    assert held == fs.held_out_ids(list(reversed(fams)))  # the split depends on the ids only
    unmarked = [f for f in fams if not f.marked]
    assert fs.held_out_ids(unmarked) == held - {f.id for f in fams if f.marked}  # marking moves no other family


def test_a_family_marked_tuned_is_never_held_out_and_moves_no_other():
    fams = fs.load_families()
    tuned = [f for f in fams if f.tuned]
    assert tuned
    held = fs.held_out_ids(fams)
    assert not held & {f.id for f in tuned}
    assert fs.held_out_ids([f for f in fams if not f.tuned]) == held


def test_a_joined_family_is_one_run_of_lines_in_plain_text(docs):
    joined = [(d, p) for d in docs for p in d.plants if p.joined]
    assert joined and any(p.kind == "comment_thread" for _, p in joined)
    d, p = joined[0]
    assert "\n".join(p.lines) in fs.render_text(d, random.Random(5))


def test_every_kind_has_families_in_four_languages():
    fams = fs.load_families()
    for kind in {f.kind for f in fams}:
        assert {f.lang for f in fams if f.kind == kind} == {"en", "de", "fr", "es"}, kind


def test_the_same_seed_plants_the_same_pages(docs):
    again = fs.generate(19, copies=1)
    assert [(d.id, d.host, [p.lines for p in d.plants]) for d in docs] == \
           [(d.id, d.host, [p.lines for p in d.plants]) for d in again]


def test_the_gold_lists_what_was_planted_and_the_page_holds_it(docs):
    rng = random.Random(1)
    for d in docs[:40]:
        text = " ".join(fs.render_text(d, rng).split()).lower()
        page = fs.render_html(d, rng)
        assert d.gold["without"] == [s for p in d.plants if not p.content for s in p.snippets]
        for s in d.gold["without"]:
            assert " ".join(s.split()).lower() in text
            assert " ".join(s.split()).lower() not in " ".join(d.gold["main_content"].split()).lower()
        assert all(p.lines[0].split()[0] in page.replace("&#x27;", "'").replace("&amp;", "&") for p in d.plants)


def test_a_thread_has_authors_bodies_and_several_comments():
    fam = next(f for f in fs.load_families() if f.kind == "comment_thread")
    lines = fs.widget(fam, random.Random(3))
    assert len(lines) >= 5 and not any("{" in ln for ln in lines)


def test_a_family_s_markup_renders_its_lines_as_a_form_or_nested_divs():
    fams = {f.id: f for f in fs.load_families()}
    form = fams["form-t7-en-reply"]
    assert form.markup == ["form"]
    doc = fs.Doc("x", "en", "h", "s", "T", ["One paragraph.", "Two."], [], [("p", 0), ("w", 0), ("p", 1)], {})
    for fam, tag in ((form, "<form "), (fams["related-t7-fr-lire-aussi"], "<span ")):
        fam = fs.Family(**{**{k: getattr(fam, k) for k in fs.Family.__slots__}, "markup": [fam.markup[0]]})
        lines = fs.widget(fam, random.Random(2))
        doc.plants = [fs.Plant(fam.kind, fam.id, False, "middle", lines, [], markup=fam.markup)]
        page = fs.render_html(doc, random.Random(4))
        assert tag in page
        visible = " ".join(fs.html.unescape(fs.re.sub(r"<[^>]+>", " ", page)).split())
        assert all(" ".join(ln.split()) in visible for ln in lines)
    assert "<button type=\"submit\"" in fs.render_html(
        fs.Doc("y", "en", "h", "s", "T", ["P."], [fs.Plant("comment_form", form.id, False, "top",
               ["Join the discussion", "Your name", "Submit comment"], [], markup=["form"])], [("w", 0), ("p", 0)], {}),
        random.Random(1))


def test_a_record_style_thread_has_an_element_per_comment_with_replies_nested_inside():
    fam = next(f for f in fs.load_families() if f.id == "thread-t8-en-notes")
    rng = random.Random(7)
    while True:  # a thread with a reply
        shape = fs.shaped(fam, rng)
        if any(depth for _, _, _, depth in shape):
            break
    lines = [t[0] for t in shape]
    plant = fs.Plant(fam.kind, fam.id, False, "middle", lines, [], markup=["articles"], shape=[t[1:] for t in shape])
    doc = fs.Doc("x", "en", "h", "s", "T", ["One paragraph.", "Two."], [plant], [("p", 0), ("w", 0), ("p", 1)], {})
    page = fs.render_html(doc, random.Random(4))
    comments = {rec for _, role, rec, _ in shape if role in ("meta", "body")}
    assert page.count("<article ") == len(comments)
    assert "</article></div></article>" in page  # the reply closes inside the comment it answers
    visible = " ".join(fs.html.unescape(fs.re.sub(r"<[^>]+>", " ", page)).split())
    assert all(" ".join(piece.split()) in visible for ln in lines for piece in ln.split(" · "))  # a button each


def test_content_in_records_is_gold_content_not_furniture(docs):
    planted = [(d, p) for d in docs for p in d.plants if p.content]
    assert planted and {p.held_out for _, p in planted} == {True, False}
    for d, p in planted[:20]:
        assert all(ln in d.gold["main_content"].split("\n") for ln in p.lines)
        assert set(p.snippets) <= set(d.gold["with"]) and not set(p.snippets) & set(d.gold["without"])


def test_a_flat_style_thread_has_no_element_per_comment_and_its_form_is_a_form():
    fam = next(f for f in fs.load_families() if f.id == "thread-t9-en-flat")
    assert set(fam.markup) <= set(fs.FLAT_STYLES)
    rng = random.Random(3)
    while True:  # a thread with a form of several lines
        shape = fs.shaped(fam, rng)
        if sum(role == "form" for _, role, _, _ in shape) > 1:
            break
    lines = [t[0] for t in shape]
    for style, tag in (("flat", "<p "), ("br", "<br>")):
        plant = fs.Plant(fam.kind, fam.id, False, "bottom", lines, [], markup=[style], shape=[t[1:] for t in shape])
        doc = fs.Doc("x", "en", "h", "s", "T", ["One paragraph.", "Two."], [plant], [("p", 0), ("p", 1), ("w", 0)], {})
        page = fs.render_html(doc, random.Random(4))
        assert tag in page and "<form " in page and "<article" not in page and "<li" not in page
        visible = " ".join(fs.html.unescape(fs.re.sub(r"<[^>]+>", " ", page)).split())
        assert all(" ".join(ln.split()) in visible for ln in lines)
