"""mixed_voice on a real health article: a Roman numeral in a label is no "I"; a
first-person account spliced in is."""

from __future__ import annotations

import json
from pathlib import Path

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

CFG = load_config("/nonexistent/ascurate.toml")
GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "health-dev" / "readability-webmd-1.gold.json"
HOST = [Block("paragraph", ln.strip()) for ln in json.loads(GOLD.read_text(encoding="utf-8"))["main_content"].split("\n")
        if ln.strip()]


def voice_flags(extra: str) -> list:
    blocks = HOST[:3] + [Block("paragraph", extra)] + HOST[3:]
    text = join_blocks(blocks)
    return [f for f in detect(text, blocks, CFG, "en") if f.kind == "mixed_voice"]


def test_a_roman_numeral_in_a_label_is_not_the_first_person():
    assert voice_flags("Belgium (Group I): Sixth appearance. Russia (Group I): 12th appearance.") == []


def test_a_first_person_account_in_reference_text_is_flagged():
    flags = voice_flags("I had this for years before anyone took me seriously. My doctor said it was stress.")
    assert len(flags) == 1 and flags[0].quote.startswith("I had this for years")
