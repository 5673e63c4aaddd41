"""The gaps extraction closes in an HTML page come back where a number was cut out, so the
flag step reads them as it reads a page saved as text."""

from __future__ import annotations

import dataclasses
import re

from ascurate.extract.gaps import page_gaps, restore
from ascurate.flags import lexicon
from ascurate.flags.quantities import value_gap
from ascurate.model import Block
from ascurate.pipeline import curate_document

from .corpus_pages import document

CUT = ("Most people feel better within <span class=\"stat\"></span> weeks of starting treatment. Many readers"
       " were  interested in the results.")
KEPT = "Most people feel better within 3 weeks of starting treatment."


def _with(sentence: str, extra: str = "") -> tuple:
    """A health-dev HTML page with `sentence` added to its longest article paragraph."""
    doc, gold = document("health-dev", "wcxb-0348")
    paragraphs = [m for m in re.finditer(r"<p\b[^>]*>(.*?)</p>", doc.content, re.S)
                  if len(re.sub(r"<[^>]+>", " ", m.group(1)).split()) >= 20]
    body = max(paragraphs, key=lambda m: len(m.group(1)))
    page = doc.content[:body.end(1)] + " " + sentence + doc.content[body.end(1):]
    if extra:
        page = page.replace("</body>", f"<p>{extra}</p></body>", 1)
    return dataclasses.replace(doc, content=page), gold


def test_an_emptied_number_is_a_gap_in_the_article_and_a_missing_value(cfg):
    doc, _ = _with(CUT)
    art = curate_document(doc, cfg)
    assert "within  weeks" in art.text
    assert "were interested" in art.text  # a typist's double space: only a unit's place is a cut
    assert any(f.kind == "missing_value" and "within  weeks" in f.quote for f in art.flags)
    kept = curate_document(_with(KEPT)[0], cfg)
    assert "within 3 weeks" in kept.text
    assert not any(f.kind == "missing_value" and "weeks of starting" in f.quote for f in kept.flags)


def test_what_is_no_cut_stays_one_space():
    page = ('<p title="within  weeks">A typist.  Two spaces after a sentence end.</p>'
            "<p>within  weeks, and later within weeks, again. So within  weeks, again.</p><p>about <b></b> half</p>"
            "<p>stays  <br>here</p>")
    gaps = page_gaps(page)
    # an attribute is no text; a sentence end is spacing; a pair also written with one space
    # is told from spacing only by the word after it, where the page does not hold those
    # three with one space; an emptied inline element is a cut
    assert gaps == {("within", "weeks,", "and"): "  ", ("about", "half"): "  "}
    blocks = restore([Block("paragraph", "It takes about half a day, about halfway."), Block("table", "about half"),
                      Block("paragraph", "within weeks, and later within weeks, again")], gaps)
    assert [b.text for b in blocks] == ["It takes about  half a day, about halfway.", "about half",
                                        "within  weeks, and later within weeks, again"]


def test_a_cut_between_two_words_of_a_quantity_and_in_an_escaped_word_is_a_gap(cfg):
    """A value cut out between the words of a range or a fraction ("is  to 100", "d'un  des",
    the apostrophe written as an entity in the source) comes back; a typist's double space
    between two other words does not."""
    page = ("<p>A resting heart rate is <span></span> to 100 beats a minute.</p>"
            "<p>Pr&egrave;s d&#x27;un <span></span> des patients ne pr&eacute;sentent aucun sympt&ocirc;me.</p>"
            "<p>Most readers were  interested in the  results.</p>")
    gaps = page_gaps(page)
    assert ("d'un", "des") in gaps
    blocks = [Block("paragraph", "A resting heart rate is to 100 beats a minute."),
              Block("paragraph", "Près d'un des patients ne présentent aucun symptôme."),
              Block("paragraph", "Most readers were interested in the results.")]
    restored = restore(blocks, gaps, cut=value_gap(lexicon.files(cfg)))
    assert [b.text for b in restored] == ["A resting heart rate is  to 100 beats a minute.",
                                          "Près d'un  des patients ne présentent aucun symptôme.",
                                          "Most readers were interested in the results."]
