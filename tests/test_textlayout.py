"""Plain-text layout (extract/textlayout.py): a hard-wrapped paragraph is one block, a run
of short lines without blank lines between is one block a line."""

from __future__ import annotations

import textwrap

from ascurate.extract import extract_text

from .corpus_pages import gold

ARTICLE = [p for p in gold("health-dev", "readability-medicalnewstoday")["main_content"].split("\n") if len(p) > 200]


def test_a_hard_wrapped_article_keeps_its_paragraphs():
    for width in (60, 72, 100):
        text = "Title\n\n" + "\n\n".join(textwrap.fill(p, width, break_on_hyphens=False) for p in ARTICLE[:6]) + "\n"
        blocks = extract_text(text).blocks
        assert [b.text for b in blocks] == [" ".join(p.split()) for p in ARTICLE[:6]], width


def test_short_lines_run_together_stay_apart():
    menu = ["Related reading", "How is arthritis diagnosed?", "Exercises for stiff joints", "Diet and inflammation"]
    for body in (ARTICLE[:3], [textwrap.fill(p, 72, break_on_hyphens=False) for p in ARTICLE[:3]]):
        text = "Title\n\n" + "\n\n".join(body[:2]) + "\n\n" + "\n".join(menu) + "\n\n" + body[2] + "\n"
        texts = [b.text for b in extract_text(text).blocks]
        assert texts[2:6] == menu and len(texts) == 7


def test_a_heading_on_the_line_above_its_prose_is_a_heading():
    text = "Title\n\nCauses\n" + textwrap.fill(ARTICLE[0], 72) + "\n\n- first point\n- second point\n"
    blocks = extract_text(text).blocks
    assert [(b.type, b.text[:6]) for b in blocks] == [("heading", "Causes"), ("paragraph", ARTICLE[0][:6]),
                                                     ("list_item", "first "), ("list_item", "second")]


def test_a_line_longer_than_the_wrap_width_was_not_wrapped():
    body = [textwrap.fill(p, 72, break_on_hyphens=False) for p in ARTICLE[:3]]
    text = "Title\n\n" + "\n\n".join(body) + "\n\n" + ARTICLE[3] + "\nReply\n"
    assert [b.text for b in extract_text(text).blocks][-2:] == [" ".join(ARTICLE[3].split()), "Reply"]


def test_a_first_line_of_running_text_is_the_first_paragraph_not_the_title():
    """A page saved without its title line (a record's body, one paragraph): its first line
    was taken as the title, and a page of one paragraph came out empty and rejected."""
    one = extract_text(ARTICLE[0] + "\n")
    assert one.title is None and [b.text for b in one.blocks] == [" ".join(ARTICLE[0].split())]
    for title in ("Why does ankylosing spondylitis cause muscle spasms", "What happens in the brain at the 'a-ha!' moment?",
                  "Top Nutrition Trends for Fall 2025: What Fitness Experts Are Eating (and How Scratch Makes It Easy)"):
        titled = extract_text(title + "\n\n" + ARTICLE[0] + "\n")
        assert titled.title == title and len(titled.blocks) == 1


def test_a_page_of_one_paragraph_is_curated_not_rejected():
    from ascurate.config import load_config
    from ascurate.model import Document
    from ascurate.pipeline import curate_document

    art = curate_document(Document("one.txt", ARTICLE[1] + "\n", "text", "1" * 64), load_config("/nonexistent/ascurate.toml"))
    assert art.status != "rejected" and art.text == " ".join(ARTICLE[1].split())


def test_a_gap_inside_a_line_stays_other_runs_of_space_go():
    """A page saved as text shows two spaces where a number was cut out ("after  hours"):
    the flag step reads that gap, so layout keeps it; tabs, no-break spaces, line ends and
    wide runs (aligned columns) collapse as in HTML."""
    text = "Title\n\nTake the second dose after  hours,   \nsaid the doctor.\n\nDose\t\tmg\u00a0 daily     at night\n"
    assert [b.text for b in extract_text(text).blocks] == [
        "Take the second dose after  hours,", "said the doctor.", "Dose mg daily at night"]


def test_a_stripped_number_in_a_german_text_page_is_flagged():
    from pathlib import Path

    from ascurate.config import load_config
    from ascurate.model import Document
    from ascurate.pipeline import curate_document

    host = Path(__file__).resolve().parents[1] / "bench" / "flagset" / "base" / "de-heuschnupfen.txt"
    paras = [p for p in host.read_text(encoding="utf-8").split("\n") if p.strip()]
    paras.insert(3, "Wirkt das Spray nicht, wiederholen Sie die Anwendung nach einer  Stunde und sprechen "
                    "Sie dann mit Ihrer Ärztin über andere Mittel.")
    art = curate_document(Document("heu.txt", "Heuschnupfen\n\n" + "\n\n".join(paras) + "\n", "text", "3" * 64),
                          load_config(None))
    assert "nach einer  Stunde" in art.text
    assert any(f.kind == "missing_value" and "einer  Stunde" in f.quote for f in art.flags)
