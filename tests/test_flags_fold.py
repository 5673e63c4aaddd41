"""One finding, one flag: repeats of the same leftover are folded; the flag step's cost is
read per detector; every pattern rule has a pre-test that its own examples pass."""

from __future__ import annotations

import pytest

from ascurate import rulebook
from ascurate.config import load_config
from ascurate.flags import DETECTORS, detect
from ascurate.flags.patterns import _may_match
from ascurate.model import Block, join_blocks

CFG = load_config("/nonexistent/ascurate.toml")


def test_a_demo_section_full_of_lorem_ipsum_is_one_placeholder_flag():
    # the lorem ipsum a theme's demo tabs leave in an extracted page (wcxb-0285; its gold drops them)
    demo = ["Lorem Ipsum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
            "labore et dolore magna aliqua.", "Lorem ipsum 1", "Lorem ipsum 2", "Lorem ipsum 3"]
    blocks = [Block("paragraph", "Each year, analysts rank the largest banks by total assets.")]
    blocks += [Block("paragraph", t) for t in demo * 3]
    text = join_blocks(blocks)
    lorem = [f for f in detect(text, blocks, CFG, "en") if f.kind == "placeholder"]
    assert len(lorem) == 1 and lorem[0].rule == "placeholder.lorem" and "15 times" in lorem[0].message
    assert text[lorem[0].start:lorem[0].end] == lorem[0].quote == "Lorem Ipsum"


def test_the_same_cms_token_in_every_card_is_one_flag_but_different_holes_stay_apart():
    blocks = [Block("paragraph", f"Plan {n} includes unlimited minutes and a free router. [CTA_MODULE]") for n in range(4)]
    blocks.append(Block("paragraph", "Dr. [SURGEON NAME] at [HOSPITAL] performed the operation."))
    text = join_blocks(blocks)
    flags = [f for f in detect(text, blocks, CFG, "en") if f.kind == "placeholder"]
    assert sorted(f.quote for f in flags) == ["[CTA_MODULE]", "[HOSPITAL]", "[SURGEON NAME]"]
    assert "4 times" in next(f for f in flags if f.quote == "[CTA_MODULE]").message


def test_joins_where_page_elements_meet_are_one_flag_a_lone_glued_word_its_own():
    cards = ["The Arlo Pro 5 records 2K video with colour night visionView", "The Ring Stick Up Cam keeps a week of footage in cloud storageView",
             "The Eufy Solo offers local recording on the camerasView", "Wyze sells cheap cameras with free alerts for every motion (an identifier head is no glue: eventView)"]
    blocks = [Block("paragraph", c + " details and prices on the retailer's website.") for c in cards]
    blocks.append(Block("paragraph", "Doctors may offer a biologicTreatment when other drugs fail to calm the joints."))
    text = join_blocks(blocks)
    glue = [f for f in detect(text, blocks, CFG, "en") if f.kind == "garbled_text"]
    assert [f.rule for f in glue] == ["glue.layout-join", "glue.split-word"]
    assert glue[0].quote == "visionView" and "3 times" in glue[0].message
    assert glue[1].quote == "biologicTreatment"


def test_detect_reports_each_detectors_cpu_time_without_changing_the_flags():
    text, blocks = "Patients lost about  kilograms in the first year.", [
        Block("paragraph", "Patients lost about  kilograms in the first year.")]
    times: dict[str, float] = {}
    assert detect(text, blocks, CFG, "en", times) == detect(text, blocks, CFG, "en")
    assert set(times) == {name for name, _ in DETECTORS} and all(t >= 0 for t in times.values())


@pytest.mark.parametrize("rule", rulebook.load(CFG, "flag"), ids=lambda r: r.id)
def test_every_pattern_rule_has_a_pre_test_its_examples_pass(rule):
    assert rule.get("needs"), f"{rule.id}: no needs (the rule would scan every paragraph of every article)"
    for ex in rule.examples:
        if rule.pattern.search(ex):
            assert _may_match(rule, ex, ex.lower()), f"{rule.id}: needs miss its own example {ex!r}"
