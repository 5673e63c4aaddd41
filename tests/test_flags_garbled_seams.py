"""garbled_text where a cut or a paste leaves a seam: a line said twice, a hyphenated word cut
and spliced onto another text, three letters cut off before a capital, two content words closed
up under a heading's capital; a word named in quotation marks, HTML references on a page that
speaks of HTML, brands and coinages are not damage."""

from __future__ import annotations

import pytest

from ascurate.config import load_config

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def garbled(language: str, sentence: str, block_type: str = "paragraph") -> list:
    return planted_flags(HOSTS[language], sentence, "garbled_text", language, CFG, block_type=block_type)


@pytest.mark.parametrize(("language", "line", "block_type"), [
    ("en", "Symptoms and signs Symptoms and signs", "heading"),
    ("de", "Was hilft? Was hilft?", "paragraph"),
    ("es", "Qué debe saber Qué debe saber", "list_item"),
])
def test_a_short_line_that_is_a_run_said_twice_is_doubled_text(language, line, block_type):
    flags = garbled(language, line, block_type)
    assert [(f.quote, f.rule, f.suggestion) for f in flags] == [(line, "shape.doubled-text", line[:len(line) // 2])]


@pytest.mark.parametrize("line", ["Bye Bye", "New York, New York", "Sana Sana"])
def test_a_one_word_line_said_twice_or_a_title_with_a_comma_is_no_paste(line):
    assert garbled("en", line, "heading") == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Some people need long-terRead more treatment with tablets.", "long-terRead"),
    ("fr", "Un après-midSe connecter de repos suffit souvent.", "après-midSe"),
    ("es", "Los anti-inflamatoAviso legal alivian el dolor articular.", "anti-inflamatoAviso"),
])
def test_a_hyphenated_word_cut_and_spliced_onto_a_capital_is_a_cut_word(language, sentence, quote):
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.cut-word")]


@pytest.mark.parametrize("sentence", [
    "You can order the Apple-iPhone case from the pharmacy shop.",
    "The Sanofi-Aventis plant makes the vaccine for several countries.",
    "Ask about the Bayer-myCare programme at the front desk.",
])
def test_a_hyphenated_brand_is_no_splice(sentence):
    assert garbled("en", sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Drink plenty of watPrivacy policy throughout the day.", "watPrivacy"),
    ("de", "Legen Sie das Bein hocDatenschutz und kühlen Sie es danach.", "hocDatenschutz"),
    ("es", "Aplique frío en la rodLeer más durante diez minutos.", "rodLeer"),
])
def test_three_letters_cut_off_before_a_common_capitalised_word_are_a_splice(language, sentence, quote):
    """Three letters are a rare word of some list ("wat", "hoc", "rod"): no common word of the
    article's language, they are the start of one cut off."""
    assert [f.quote for f in garbled(language, sentence)] == [quote]


@pytest.mark.parametrize("sentence", [
    "The ecoFlow battery and the bioMérieux test kit were both recalled.",
    "The labCorp results arrived after the webCast ended.",
])
def test_a_brand_on_a_prefix_or_a_common_short_word_is_no_splice(sentence):
    assert garbled("en", sentence) == []


def test_two_content_words_closed_up_under_a_headings_capital_are_glue_not_in_prose():
    assert [f.suggestion for f in garbled("en", "Warningsigns", "heading")] == ["Warning signs"]
    # in prose such a token is a coinage as often (the published articles' "screenshare", "worktrees")
    assert garbled("en", "We use screenshare during the video appointment.") == []


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "N'écrivez pas « parcontre » : la forme correcte est « par contre »."),
    ("en", "Never write “theirdoctor” as one word in a letter to a patient."),
])
def test_a_word_named_in_quotation_marks_is_no_glue(language, sentence):
    assert garbled(language, sentence) == []
    assert garbled("en", "You should always tell theirdoctor about other medicines.") != []


def test_html_references_on_a_line_that_speaks_of_html_are_no_damage():
    assert garbled("en", "In HTML, write &amp; in the source to show an ampersand.") == []
    flags = garbled("en", "Rest, fluids &amp;nbsp;and paracetamol are usually enough.")
    assert [f.rule for f in flags] == ["glue.html-entity"]

