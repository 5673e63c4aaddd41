"""garbled_text where a cut leaves its trace: a sentence cut off mid-word and started again,
a paragraph that stops mid-word with no full stop, a function word said twice on a line that
is no sentence (a heading); a rare word that ends a sentence, a unit after a slash, a list's
item, a surname's particle said twice and a grammatical double are not damage."""

from __future__ import annotations

import pytest

from ascurate.config import load_config

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def garbled(language: str, sentence: str, block_type: str = "paragraph") -> list:
    return planted_flags(HOSTS[language], sentence, "garbled_text", language, CFG, block_type=block_type)


@pytest.mark.parametrize(("language", "sentence", "quote", "block_type"), [
    ("en", "Most nights the pain is wor The pain is worse after a long walk.", "the pain is wor The pain is worse", "paragraph"),
    ("de", "Wenn die Schwellung zun Wenn die Schwellung zunimmt, kühlen Sie das Gelenk.",
     "Wenn die Schwellung zun Wenn die Schwellung zunimmt", "paragraph"),
    ("fr", "Comment soulager la dou Comment soulager la douleur", "Comment soulager la dou Comment soulager la douleur", "heading"),
    ("es", "Cuándo llamar al méd Cuándo llamar al médico", "Cuándo llamar al méd Cuándo llamar al médico", "list_item"),
])
def test_a_sentence_cut_and_started_again_is_restarted_text(language, sentence, quote, block_type):
    flags = garbled(language, sentence, block_type)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "shape.restarted-text")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Step by step, step by steps are easier to take."),
    ("en", "We tried one more time, one more timer was set for the dose."),
])
def test_a_run_said_again_without_a_cut_word_is_no_restart(language, sentence):
    assert [f.rule for f in garbled(language, sentence)] == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Children under twelve should never be given aspi", "aspi"),
    ("de", "Die Beschwerden klingen meist nach wenigen Woch", "Woch"),
    ("fr", "Les premiers effets se font sentir après deux semai", "semai"),
    ("es", "Consulte siempre a su médico antes de tomar cualquier medi", "medi"),
])
def test_a_paragraph_that_stops_mid_word_is_a_cut_ending(language, sentence, quote):
    flags = garbled(language, sentence)  # (a cut word of five letters that another word follows is `glue.cut-word`'s too)
    assert [f.quote for f in flags] == [quote] and flags[0].rule in ("glue.cut-ending", "glue.cut-word")


@pytest.mark.parametrize(("language", "sentence", "block_type"), [
    ("en", "Good sources of fibre include oats, lentils and kale", "paragraph"),
    ("en", "A cup of warm milk or a cup of chai", "list_item"),
    ("en", "Ask your pharmacist about taking vitamin D", "paragraph"),
    ("es", "La glucosa en ayunas debe ser inferior a 100 mg/dl", "paragraph"),
    ("de", "Wichtig sind für Schwangere Vitamin B12 und Folsäure", "list_item"),
])
def test_a_sentence_that_ends_on_a_rare_word_or_a_unit_is_no_cut(language, sentence, block_type):
    assert garbled(language, sentence, block_type) == []


@pytest.mark.parametrize(("language", "line", "quote"), [
    ("en", "Tips for for parents", "for for"),
    ("de", "Tipps für für Eltern", "für für"),
    ("fr", "Pour pour aller plus loin", "Pour pour"),
    ("es", "Para para saber más", "Para para"),
])
def test_a_function_word_said_twice_in_a_heading_is_a_doubled_word(language, line, quote):
    flags = garbled(language, line, "heading")
    assert [(f.quote, f.rule) for f in flags] == [(quote, "shape.doubled-word")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Les ordonnances de 1945, sous le gouvernement de de Gaulle, ont créé la Sécurité sociale."),
    ("en", "She said that that was the worst pain she had ever felt."),
    ("de", "Eltern, die die Impfung ablehnen, sollten sich beraten lassen."),
])
def test_a_particle_before_a_name_or_a_grammatical_double_is_no_doubled_word(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Keep the wouWhat's new covered for two days.", "wouWhat"),
    ("en", "Stretch each calf for thirWe’re hiring seconds.", "thirWe"),
    ("fr", "Gardez le pansemS’abonner au sec pendant deux jours.", "pansemS"),
    ("de", "Kühlen Sie das GelenGeht’s weiter mehrmals täglich.", "GelenGeht"),
])
def test_a_cut_word_spliced_onto_a_contraction_or_an_elision_is_glue(language, sentence, quote):
    flags = garbled(language, sentence)
    assert [f.quote for f in flags] == [quote]


@pytest.mark.parametrize("sentence", [
    "We met at McDonald's before the appointment with Dr O'Neill.",
    "The moveBuddha's expert team helps families who move house.",
    "Our nurses use the WebMD's symptom checker less and less.",
])
def test_a_name_with_an_apostrophe_is_no_splice(sentence):
    assert garbled("en", sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("fr", "La touxpersiste parfois plusieurs semaines.", "touxpersiste"),
    ("es", "Los síntomas son leves. El dolordisminuye con el reposo.", "dolordisminuye"),
])
def test_two_content_words_closed_up_in_a_token_no_list_holds_are_glue_where_compounds_are_open(language, sentence, quote):
    assert [f.quote for f in garbled(language, sentence)] == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Le portefeuille et le passeport restent à l'accueil."),
    ("es", "El sobrepeso y el malestar general son frecuentes."),
])
def test_a_listed_compound_is_no_glue(language, sentence):
    assert garbled(language, sentence) == []


def test_a_function_word_said_twice_where_a_sentence_opens_is_a_doubled_word():
    flags = garbled("es", "Descanse mucho. Para para saber más, lea la guía.", "list_item")
    assert [(f.quote, f.rule) for f in flags] == [("Para para", "shape.doubled-word")]
