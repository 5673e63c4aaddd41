"""Every rule's own examples and counter-examples, run through the real matchers."""

from __future__ import annotations

import pytest

from ascurate import rulebook
from ascurate.clean import clean
from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block

CFG = load_config("/nonexistent/ascurate.toml")
FURNITURE = rulebook.load(CFG, "furniture")
FLAGS = rulebook.load(CFG, "flag")


def test_rule_ids_are_unique_and_documented():
    ids = [r.id for r in FURNITURE + FLAGS]
    assert len(ids) == len(set(ids))
    for r in FURNITURE + FLAGS:
        assert r.examples, f"{r.id} has no examples"


@pytest.mark.parametrize("rule", FURNITURE, ids=lambda r: r.id)
def test_furniture_rule_examples(rule):
    for ex in rule.examples:
        res = clean([Block("paragraph", ex)], CFG)
        assert any(rm.reason == rule.id for rm in res.removed), f"{rule.id} did not remove: {ex!r}"
    for ex in rule.counter_examples:
        res = clean([Block("paragraph", ex)], CFG)
        assert res.removed == [] and res.blocks[0].text == ex, f"{rule.id} removed from counter-example {ex!r}"


@pytest.mark.parametrize("rule", FLAGS, ids=lambda r: r.id)
def test_flag_rule_examples(rule):
    for ex in rule.examples:
        assert any(f.rule == rule.id for f in detect(ex, [Block("paragraph", ex)], CFG)), f"{rule.id} missed {ex!r}"
    for ex in rule.counter_examples:
        assert not any(f.rule == rule.id for f in detect(ex, [Block("paragraph", ex)], CFG)), f"{rule.id} on {ex!r}"


def test_rule_sets_are_applied_apart(tmp_path):
    """What a worker keeps of a rule set (its rules by scope, its outcomes per block) is
    that set's only: a site's files that switch off one block rule and narrow another to
    headings change those blocks, and the shipped set still removes them afterwards."""
    (tmp_path / "site.toml").write_text(
        '[[furniture]]\nid = "furniture.back-to-top"\ndisabled = true\n\n'
        '[[furniture]]\nid = "furniture.comment-counter"\nscope = "block"\nmax_words = 6\ntypes = ["heading"]\n'
        "pattern = '''^\\W*\\d+\\s*comments?\\W*$'''\nexamples = [\"12 Comments\"]\n")
    site = load_config("/nonexistent/ascurate.toml", rules_dirs=[str(tmp_path)])
    blocks = [Block("paragraph", "Back to top"), Block("paragraph", "12 Comments"), Block("heading", "12 Comments", 2)]
    for _ in range(2):  # the second time from what the worker kept
        shipped = clean(blocks, CFG)
        assert [r.reason for r in shipped.removed] == ["furniture.back-to-top", "furniture.comment-counter",
                                                       "furniture.comment-counter"] and shipped.blocks == []
        narrowed = clean(blocks, site)
        assert [b.text for b in narrowed.blocks] == ["Back to top", "12 Comments"]
        assert [(r.reason, r.block) for r in narrowed.removed] == [("furniture.comment-counter", 2)]


def test_fold_holds_every_character_a_case_insensitive_needle_letter_matches():
    # a needle is looked for in fold(text): wherever a re.I pattern matches one of its
    # ASCII letters, fold must give that letter (the dotted and dotless i, the long s,
    # the Kelvin sign)
    import re

    from ascurate.clean.rules import fold

    letters = "abcdefghijklmnopqrstuvwxyz"
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    found = re.findall(f"[{letters}]", everything, re.I)
    assert len(found) > 52  # A-Z, a-z and the few others
    for c in found:
        assert any(fold(c) == x and re.fullmatch(x, c, re.I) for x in letters), repr(c)


@pytest.mark.parametrize("rule", [r for r in FURNITURE if r.get("needs")], ids=lambda r: r.id)
def test_furniture_needs_hold_for_every_example_the_pattern_matches(rule):
    from ascurate.clean.rules import fold, may_match, needs_of, sentences

    needs, case = needs_of(rule)
    for ex in rule.examples + rule.counter_examples:
        spans = [(0, len(ex))] if rule.get("scope") == "span" else sentences(ex)
        if any(rule.pattern.search(ex[s:e]) for s, e in spans):
            assert may_match(needs, case, ex, fold(ex)), f"{rule.id}: needs miss {ex!r}"


def test_a_furniture_rule_without_needs_runs_and_one_with_upper_case_needs_is_refused():
    from dataclasses import replace

    from ascurate.clean.rules import _clean_block, needs_of

    rule = next(r for r in FURNITURE if r.id == "furniture.cookie")
    bare = replace(rule, data={k: v for k, v in rule.data.items() if k != "needs"})
    text = "We use cookies to improve your experience. Gout is a painful joint disease caused by uric acid."
    assert needs_of(bare) == (None, False)
    for r in (rule, bare):
        kept, removed, _ = _clean_block(Block("paragraph", text), [r])
        assert [x.reason for x in removed] == ["furniture.cookie"] and kept.text.startswith("Gout")
    with pytest.raises(rulebook.RuleError):
        needs_of(replace(rule, data={**rule.data, "needs": ["Cookie"]}))


_FOREIGN_FURNITURE = {  # tuned families' wordings (bench/furnitureset), each a rule's case
    "furniture.cookie-intl": "Nous utilisons des cookies pour améliorer votre expérience et mesurer l'audience.",
    "furniture.disclaimer-intl": "Die Informationen ersetzen keinesfalls eine professionelle Beratung oder "
                                 "Behandlung durch einen Arzt.",
    "furniture.newsletter-intl": "Puedes darte de baja en cualquier momento.",
    "furniture.teaser-intl": "Das könnte Sie auch interessieren",
    "furniture.toc": "En este artículo: Causas | Diagnóstico | Cuándo consultar",
}


def test_german_french_and_spanish_furniture_in_a_real_page_goes_by_its_rule():
    """health-dev wcxb-0027 with a cookie notice, a disclaimer, a newsletter line, a teaser
    heading and a table of contents in French, German and Spanish under class names that say
    nothing: each goes with its rule's id, and the article stays."""
    from ascurate.pipeline import curate_document

    from .corpus_pages import document, fold

    doc, g = document("health-dev", "wcxb-0027")
    end = "You will still receive the benefits of meditation.</p>"
    assert end in doc.content
    planted = "".join(f'<div class="x{k}"><p>{t}</p></div>' for k, t in enumerate(_FOREIGN_FURNITURE.values()))
    doc.content = doc.content.replace(end, end + planted, 1)
    art = curate_document(doc, CFG)
    for rule_id, text in _FOREIGN_FURNITURE.items():
        assert fold(text) not in fold(art.text), text
        assert any(r.reason == rule_id and fold(text) in fold(r.text) for r in art.removed), rule_id
    assert all(fold(s) in fold(art.text) for s in g["with"])


def test_tag_lines_and_feedback_questions_go_from_a_plain_text_page():
    """A .txt page reads a short line without a full stop as a heading: a tag line there
    ("Etiquetas: diabetes, salud, prevención") goes, and so does a feedback question ("Hat
    Ihnen dieser Text weitergeholfen?") between two paragraphs; the paragraphs stay."""
    from ascurate.extract import extract_text

    raw = ("Back pain\n\nBack pain is very common and usually gets better on its own within a few weeks.\n\n"
           "Etiquetas: diabetes, salud, prevención\n\nHat Ihnen dieser Text weitergeholfen?\n\n"
           "Most people with back pain recover with gentle exercise and simple pain relief at home.\n")
    ex = extract_text(raw)
    assert [b.type for b in ex.blocks if b.text.startswith("Etiquetas")] == ["heading"]
    res = clean(ex.blocks, CFG, ex.title)
    assert sorted(r.reason for r in res.removed) == ["furniture.feedback-widget", "furniture.taxonomy-line"]
    assert [b.text[:9] for b in res.blocks] == ["Back pain", "Most peop"]
