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
