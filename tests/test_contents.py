"""Tables of contents by what they repeat (clean/contents.py): the page's own heads, in
page order, under any label; the heads themselves and a heading over a paragraph that
opens with its words stay."""

from __future__ import annotations

from ascurate.clean import clean
from ascurate.config import load_config
from ascurate.extract import extract_text

CFG = load_config("/nonexistent/ascurate.toml")
SECTIONS = ("What causes hay fever\n\nHay fever is an allergy to pollen, usually when it comes into contact with your "
            "mouth, nose, eyes and throat.\n\nHow it is treated\n\nAntihistamine tablets and nasal sprays help most "
            "people, and a pharmacist can advise which to try first.\n\nWhen to see a doctor\n\nSee a GP if your "
            "symptoms are getting worse or do not improve after trying medicines from a pharmacy.\n")
HEADS = ["What causes hay fever", "How it is treated", "When to see a doctor"]


def _cleaned(raw: str):
    ex = extract_text(raw)
    return clean(ex.blocks, CFG, ex.title)


def test_a_run_of_the_page_s_own_heads_goes_with_its_label_whatever_the_label_says():
    for label in ("Auf einen Blick", "Lo que encontrarás aquí", "Jump to section"):
        res = _cleaned(f"Hay fever\n\n{label}\n" + "\n".join(HEADS) + f"\n\n{SECTIONS}")
        assert [r.text for r in res.removed if r.reason == "furniture.contents-repeat"] == [label, *HEADS]
        assert [b.text for b in res.blocks if b.text in HEADS] == HEADS  # the sections' own heads stay


def test_a_line_of_heads_and_a_list_after_the_article_go():
    line = "Au programme : What causes hay fever · How it is treated · When to see a doctor"
    res = _cleaned(f"Hay fever\n\n{line}\n\n{SECTIONS}")
    assert [r.text for r in res.removed] == [line]
    bottom = _cleaned(f"Hay fever\n\n{SECTIONS}\n" + "\n".join(f"› {h}" for h in HEADS) + "\n")
    assert [r.text for r in bottom.removed] == [f"› {h}" for h in HEADS]
    assert [b.text for b in bottom.blocks if b.text in HEADS] == HEADS


def test_heads_over_paragraphs_that_open_with_their_words_and_a_list_of_its_own_stay():
    raw = ("Hay fever\n\nAntihistamines\n\nAntihistamines such as cetirizine block the histamine your body makes "
           "when it meets pollen.\n\nNasal sprays\n\nNasal sprays with a steroid reduce the swelling inside your nose "
           "over a week or two.\n\nWhat you can do\nKeep windows closed\nShower after being outside\nWear wraparound "
           "sunglasses\n\nMost people manage their symptoms well with these steps and a medicine from a pharmacy.\n")
    res = _cleaned(raw)
    assert res.removed == []
