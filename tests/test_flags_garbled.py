"""garbled_text on real article text: a long content word pasted twice in a row, and a
common word cut off inside running text; speech, names, teasers and placeholder Latin are not damage."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def garbled(language: str, sentence: str) -> list:
    return planted_flags(HOSTS[language], sentence, "garbled_text", language, CFG)


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Read our page on vaccines vaccines before you travel abroad.", "vaccines vaccines"),
    ("de", "Mehr dazu in unserem Ratgeber Bluthochdruck Bluthochdruck und Ernährung.", "Bluthochdruck Bluthochdruck"),
    ("es", "Consulte la sección vacunas vacunas para conocer el calendario.", "vacunas vacunas"),
])
def test_a_long_content_word_written_twice_in_a_row_is_doubled_text(language, sentence, quote):
    """A one-word link pasted beside its own text doubles one word, which the two-to-six-word
    test of doubled text does not see."""
    flags = garbled(language, sentence)
    assert [f.quote for f in flags] == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "That was a very very long night for the whole family."),  # speech doubles short words
    ("en", "The menu listed Chocolate Chicken Chicken Cake as a joke."),  # capitals where nouns take none: a name
    ("en", "Doctors said it again: slowly, slowly, slowly is the way to recover."),
])
def test_speech_function_words_names_and_rhetoric_are_not_a_doubled_word(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "This is another another reason to read the label.", "another another"),
    ("en", "Wear loose, cotton cotton clothing in hot weather.", "cotton cotton"),
    ("de", "Nehmen Sie die die Tablette morgens mit Wasser.", "die die"),
    ("fr", "Mangez des des fruits et des légumes chaque jour.", "des des"),
    ("es", "Evite el el alcohol durante todo el tratamiento.", "el el"),
])
def test_a_short_word_typed_twice_is_an_info_flag(language, sentence, quote):
    """A function word or a short common word said twice in a row is typed twice more often
    than pasted: an `info` flag for the editor (published pages carry such typos too)."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.severity, f.rule) for f in flags] == [(quote, "info", "shape.doubled-word")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "She had had the rash for weeks before she saw a doctor."),  # grammar: a past perfect
    ("en", "It was simple things like that that made him feel better."),
    ("de", "Frauen, die die Pille nehmen, sollten nicht rauchen."),  # an article after its relative pronoun
    ("fr", "Nous nous sommes inscrits au programme d'éducation thérapeutique."),
    ("es", "Poco a poco, paso a paso, fue recuperando la movilidad."),
    ("en", "We try a peri peri chicken at the end of the course."),  # a dish's name: a rare word said twice
])
def test_words_said_twice_by_grammar_speech_or_a_name_are_no_typo(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "heading", "quote"), [
    ("en", "Treatment Treatment options", "Treatment Treatment"),
    ("en", "When to When to see a doctor", "When to When to"),
    ("fr", "Traitement Traitement", "Traitement Traitement"),
])
def test_a_heading_opening_on_its_words_said_twice_is_doubled_text(language, heading, quote):
    blocks = HOSTS[language][:3] + [Block("heading", heading, 2)] + HOSTS[language][3:]
    flags = [f for f in detect(join_blocks(blocks), blocks, CFG, language) if f.kind == "garbled_text"]
    assert [f.quote for f in flags] == [quote]


@pytest.mark.parametrize("heading", ["Sana Sana Cerveceria", "Xiu Xiu Some Things Last A Long Time"])
def test_a_name_doubling_its_syllables_in_a_heading_is_no_doubled_text(heading):
    blocks = HOSTS["en"][:3] + [Block("heading", heading, 2)] + HOSTS["en"][3:]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "garbled_text"] == []


@pytest.mark.parametrize(("language", "heading", "quote"), [
    ("en", "Causesand risk factors", "Causesand"),
    ("de", "Wannzum Arzt?", "Wannzum"),
    ("fr", "Quandconsulter ?", "Quandconsulter"),
    ("es", "Cuándoacudir al médico", "Cuándoacudir"),
])
def test_a_headings_first_word_glued_to_a_function_word_is_glue(language, heading, quote):
    """A heading's first word has its capital from where it stands: glued to a function word,
    it is read as a lower-case token is."""
    blocks = HOSTS[language][:3] + [Block("heading", heading, 2)] + HOSTS[language][3:]
    flags = [f for f in detect(join_blocks(blocks), blocks, CFG, language) if f.kind == "garbled_text"]
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.split-word")]


@pytest.mark.parametrize("sentence", [
    "Canstar reports the average tiny house costs less than $100,000 in most states.",  # a brand opening prose
    "Special features: Evenstream Showerhead",  # after a colon
    "Squarespace designer vs. Showit designer: which should I be?",
])
def test_a_capitalised_brand_outside_a_headings_start_is_no_glue(sentence):
    assert garbled("en", sentence) == []


def test_a_common_word_cut_off_inside_running_text_is_garbled():
    """"headac" is no word but the start of "headache", between common words: a word cut
    where a line or a field ended."""
    flags = garbled("en", "Symptoms can include nausea, headac and a mild fever.")
    assert [(f.quote, f.rule) for f in flags] == [("headac", "glue.cut-word")]


@pytest.mark.parametrize("sentence", [
    "Our long-life dairy drink concep ...",  # a teaser cut on purpose before its ellipsis
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.",  # placeholder Latin
])
def test_a_teaser_cut_before_an_ellipsis_or_placeholder_latin_is_no_cut_word(sentence):
    assert [f for f in garbled("en", sentence) if f.rule == "glue.cut-word"] == []


def test_a_german_preposition_fused_with_its_article_glued_to_a_word_is_glue():
    """"am", "beim", "vom" are function words (a preposition and its article in one word):
    glued to a word they split it as "der" or "mit" do."""
    flags = garbled("de", "Die Tropfen werden zweimalam Tag in beide Augen gegeben.")
    assert [(f.quote, f.rule) for f in flags] == [("zweimalam", "glue.split-word")]


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("es", "Descanse y beba y beba mucho líquido durante el día.", "y beba y beba"),
    ("fr", "Reposez-vous et buvez et buvez beaucoup d'eau chaque jour.", "et buvez et buvez"),
])
def test_a_content_word_pasted_again_with_its_conjunction_is_doubled_text(language, sentence, quote):
    """A two-word run whose first word is a conjunction ("y", "et") is rhetoric when it
    repeats a frequent word; a content word said again with it is a line pasted twice."""
    assert [f.quote for f in garbled(language, sentence)] == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Prices rose more and more and more every single year."),
    ("en", "The car went faster and faster and faster down the hill."),
    ("fr", "Il faut répéter et encore et encore les mêmes gestes."),
])
def test_a_frequent_word_or_a_third_copy_after_a_conjunction_is_rhetoric(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("es", "Tome una cucharada del jarabe cadadía después de comer.", "cadadía"),
    ("fr", "Je garde mesenfants à la maison quand ils ont de la fièvre.", "mesenfants"),
    ("es", "Aplique la crema dosveces al día sobre la piel limpia.", "dosveces"),  # a cardinal, written apart
    ("en", "The course of tablets lasts twoweeks for most adults.", "twoweeks"),
])
def test_a_determiner_of_the_closed_class_glued_to_a_word_is_glue(language, sentence, quote):
    """"cada", "mes" are function words: glued to a word they split it as "la" or "sans" do
    (two content words glued are read only when both are long and common)."""
    assert [f.quote for f in garbled(language, sentence)] == [quote]


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Find out more in our guide to sore throatssore throats in children.", "sore throatssore throats"),
    ("en", "Read about eczemaeczema and how to soothe the itch.", "eczemaeczema"),
    ("fr", "Lisez notre fiche sur la varicellela varicelle pour en savoir plus.", "la varicellela varicelle"),
    ("fr", "En savoir plusEn savoir plus sur la vaccination des enfants.", "En savoir plusEn savoir plus"),  # the copy's capital
])
def test_a_copy_glued_to_its_own_text_is_doubled_text(language, sentence, quote):
    """Two content words glued are no glue by themselves ("throatssore"), but here the words
    before the token and its start read again after it: a link's text pasted beside itself."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "shape.doubled-text")]


@pytest.mark.parametrize("sentence", [
    "Couscous and bulgur wheat are good sources of fibre.",
    "The wordwrap option keeps long lines on the screen.",
    "Sore throats usually clear up sorethroat remedies aside within a week.",
])
def test_a_word_that_only_looks_doubled_is_no_glued_copy(sentence):
    assert [f for f in garbled("en", sentence) if f.rule == "shape.doubled-text"] == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("fr", "Prenez unrendez-vous chez votre médecin traitant.", "unrendez"),
    ("en", "Ask your pharmacist about theanti-inflammatory gel for sprains.", "theanti"),
])
def test_a_function_word_glued_to_a_hyphenated_compound_is_glue(language, sentence, quote):
    """The compound's first part is no word but a function word and a word; the hyphen after
    it hides it from the test of whole tokens."""
    assert [(f.quote, f.rule) for f in garbled(language, sentence)] == [(quote, "glue.split-word")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "L'autoprélèvement est proposé pour le dépistage du papillomavirus."),
    ("es", "La teleconsulta y la videoconsulta evitan desplazamientos."),
    ("en", "Use an anti-inflammatory gel and a well-fitting brace."),
])
def test_a_learned_prefix_builds_closed_words_and_a_known_compound_head_is_no_glue(language, sentence):
    """"auto", "tele", "video" are words of their own, but in front of a word they are the
    prefixes that build closed compounds in every one of the languages."""
    assert garbled(language, sentence) == []


def test_the_start_of_a_less_common_word_is_a_cut_word_only_when_no_word_list_holds_it():
    """"radiograp" starts "radiographie" (Zipf 3.0) and is in no word list: cut off. "caret"
    starts "caretaker" but is a word of its own, however rare."""
    flags = garbled("fr", "Le médecin peut prescrire une radiograp pour confirmer le diagnostic.")
    assert [(f.quote, f.rule) for f in flags] == [("radiograp", "glue.cut-word")]
    assert garbled("en", "Move the caret to the end of the line before you type.") == []


@pytest.mark.parametrize(("sentence", "quote", "suggestion"), [
    ("Il faut boire beaucoupdeau quand il fait chaud.", "beaucoupdeau", "beaucoup d'eau"),
    ("Demandez conseil à linfirmière avant de sortir.", "linfirmière", "l'infirmière"),
])
def test_an_elided_article_that_lost_its_apostrophe_is_glue(sentence, quote, suggestion):
    """French elides "de", "le" before a vowel; with the apostrophe lost the article is glued
    to the word, and to the word before it: the elided function word is the glue's evidence."""
    assert [(f.quote, f.suggestion) for f in garbled("fr", sentence)] == [(quote, suggestion)]


def test_a_real_word_that_starts_like_an_elision_is_no_glue():
    assert garbled("fr", "Le lendemain, la laine et le daltonien ne posent aucun problème de dosage.") == []


def test_a_heading_run_into_its_paragraph_in_another_case_is_no_doubled_text():
    """A title-case heading met by the same words in sentence case opening its paragraph is
    layout run together; a copy pasted twice is the same text, or a run met by its title-case
    copy (the seed's "Nonsteroidal anti-inflammatory drugs Nonsteroidal Anti-Inflammatory Drugs")."""
    sentence = "External Clients External clients reach the server through the firewall on port 53."
    assert [f for f in garbled("en", sentence) if f.rule == "shape.doubled-text"] == []
    pasted = "Read External Clients External Clients before you change the firewall on port 53."
    assert [f.quote for f in garbled("en", pasted) if f.rule == "shape.doubled-text"] == [
        "External Clients External Clients"]
    retitled = "Nonsteroidal anti-inflammatory drugs Nonsteroidal Anti-Inflammatory Drugs ease pain and stiffness."
    assert [f.quote for f in garbled("en", retitled) if f.rule == "shape.doubled-text"] == [
        "Nonsteroidal anti-inflammatory drugs Nonsteroidal Anti-Inflammatory Drugs"]


@pytest.mark.parametrize(("sentence", "quote"), [
    ("Rest and ice help with kneepain after a long walk.", "kneepain"),
    ("Ask your pharmacist about stomachpain that lasts more than a week.", "stomachpain"),
])
def test_two_words_of_care_closed_up_are_glue_where_the_language_writes_them_open(sentence, quote):
    """English writes its compounds of care open ("knee pain", "blood pressure"): two common
    content words closed up, one of them a word of care, in a token no word list holds, are
    glue, where two content words glued are otherwise a compound as often as damage."""
    assert [(f.quote, f.rule) for f in garbled("en", sentence)] == [(quote, "glue.split-word")]


@pytest.mark.parametrize("sentence", [
    "Share your screen with screenshare during the video consultation.",  # no word of care
    "The children were fed bloodworms at the aquarium, then went home.",  # a closed word the lists hold
    "Sickled red cells block small vessels and cause pain.",  # a listed word of care
])
def test_content_words_closed_up_without_care_or_listed_are_no_care_glue(sentence):
    assert garbled("en", sentence) == []


def test_a_template_variable_on_the_page_does_not_make_it_a_page_of_code():
    """A braced group is one sign of code, not one a brace: a slot left in prose ("{{ doctor_name }}",
    the placeholder flag's) does not turn glue off for the page."""
    host = HOSTS["en"]
    blocks = [*host[:3], Block("paragraph", "Ask {{ doctor_name }} before you stop taking it."),
              Block("paragraph", "Keep the cream in the fridge andthrow it away after a month."), *host[3:]]
    flags = detect(join_blocks(blocks), blocks, CFG, "en")
    assert [f.quote for f in flags if f.kind == "garbled_text"] == ["andthrow"]
    assert [f.quote for f in flags if f.kind == "placeholder"] == ["{{ doctor_name }}"]


def test_lorem_ipsum_latin_is_filler_not_glue():
    """"tempor" splits into two words, but it is filler text's Latin: the placeholder flag's."""
    sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore."
    assert garbled("en", sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("de", "Gehen Sie bei hohem Fieber zum Arzt, zum Arzt, wenn es nach drei Tagen nicht sinkt.", "zum Arzt, zum Arzt"),
    ("es", "Beba agua con frecuencia, sobre todo en verano, sobre todo en verano, y evite el alcohol.",
     "sobre todo en verano, sobre todo en verano"),
])
def test_a_run_said_twice_inside_a_sentence_each_copy_closed_by_a_comma_is_doubled_text(language, sentence, quote):
    """An item of a comma list pasted twice: two words or more, each copy closed by its comma,
    inside a sentence."""
    assert [(f.quote, f.rule) for f in garbled(language, sentence)] == [(quote, "shape.doubled-text")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Thank you, thank you, for all the support you gave the ward this year."),  # opens the sentence: speech
    ("de", "Nein, nein, das ist nicht schlimm und geht meist von allein vorbei."),  # one word
    ("en", "They walked on, step by step, step by step, step by step, until the pain eased."),  # a third time
    ("fr", "Il faut reprendre petit à petit, petit à petit, le sport après une entorse."),  # an idiom of repetition
])
def test_speech_and_rhetoric_across_commas_are_not_doubled_text(language, sentence):
    assert [f for f in garbled(language, sentence) if f.rule == "shape.doubled-text"] == []


def test_a_cardinal_and_a_function_word_closed_up_are_a_listed_word_not_a_typo():
    """Two function words glued are the web's typo up to Zipf 3 ("inthe"); a cardinal with one
    builds words the lists hold that rarely ("foursome"), so a cardinal counts only beside a word."""
    assert garbled("en", "The four friends played golf as a foursome every Sunday morning.") == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("de", "Weiterlesen Weiterlesen über Allergien.", "Weiterlesen Weiterlesen"),
    ("en", "See asthma triggers asthma triggers.", "asthma triggers asthma triggers"),
])
def test_a_copy_in_a_short_sentence_of_its_own_is_doubled_text(language, sentence, quote):
    """A link's line pasted beside itself is often a short paragraph of its own (four words)."""
    assert [f.quote for f in garbled(language, sentence)] == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "The school follows the Jesuit principle of cura personalis — care of the whole person."),
    ("de", "In den Kommentaren haben schon viele Leserinnen mitgeredet."),
    ("de", "Danach wird die Wunde gründlich mit klarem Wasser nachgespült."),
])
def test_a_phrase_of_another_language_and_a_closed_particle_verb_are_no_glue(language, sentence):
    """"personalis" splits as "personal is", but its neighbour "cura" is a word of another of the
    lists' languages: the phrase is Latin, not English glue. German closes its clauses on the
    particle verb written as one word ("mitgeredet": "mit" + "geredet")."""
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("de", "Kochen Sie mitfrischen Zutaten und wenig Salz.", "mitfrischen"),  # a noun follows: the preposition's
    ("en", "The weight capacityis also higher than that of the older model.", "capacityis"),
])
def test_glue_beside_words_of_the_language_and_before_a_noun_stays_glue(language, sentence, quote):
    assert [f.quote for f in garbled(language, sentence)] == [quote]
