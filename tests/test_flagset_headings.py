"""The planted set's generator: a line of a template opening with `## ` stands as a heading
before the passage it introduces (an off-topic section under its own heading), and the
marked spans still point at the passage."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("flagset_generate_h", ROOT / "bench" / "flagset" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = gen
    spec.loader.exec_module(gen)
    return gen


HOST = [
    "Gout is a form of arthritis that causes sudden attacks of pain in the joints. It often starts in the big toe.",
    "Attacks usually come on at night and last a few days. The joint turns red, hot and swollen.",
    "A blood test can show a high level of uric acid. Your doctor may also take fluid from the joint.",
    "Medicines can ease an attack, and others lower uric acid over the long term.",
]


def test_a_heading_line_stands_as_a_heading_and_the_span_marks_the_passage_after_it():
    gen = _generator()
    plain, spans, heads = gen.heading_lines(*gen.unmark("## Weekend sport\n⟦The hockey team lost 2–3.⟧"))
    assert plain == "Weekend sport\nThe hockey team lost 2–3." and heads == {0}
    assert [plain[s:e] for s, e in spans] == ["The hockey team lost 2–3."]
    blocks, off = gen.plant(HOST, plain, "own", random.Random(5), headings=heads)
    text = "\n".join(b["text"] for b in blocks)
    at = next(i for i, b in enumerate(blocks) if b["text"] == "Weekend sport")
    assert blocks[at]["type"] == "heading" and blocks[at + 1]["type"] == "paragraph"
    assert [text[off + s:off + e] for s, e in spans] == ["The hockey team lost 2–3."]


def test_the_new_off_topic_rounds_plant_after_their_headings():
    gen = _generator()
    fams = [f for f in gen.load_families() if f.id in ("ot-t24-en-headed", "ot-h23-es-seccion")]
    assert len(fams) == 2
    for d in gen.generate(seed=20, copies=1, families=fams):
        (s, e), = d.spans
        heads = [i for i, b in enumerate(d.blocks) if b["type"] == "heading"]
        start = sum(len(b["text"]) + 1 for b in d.blocks[:heads[-1] + 1])
        assert s == start and d.text[s:e] == d.blocks[heads[-1] + 1]["text"]
