"""garbled_text on real article text (round t23): a sentence cut and spliced onto the next
one's capital, a one-letter function word glued to a word, a German noun with an adverb glued
to it, a heading or a question opening on glued words, a link's text ending on a number pasted
beside itself. Brands, loans, identifiers and compounds are not."""

from __future__ import annotations

import pytest

from ascurate.config import load_config

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def garbled(language: str, sentence: str, block_type: str = "paragraph") -> list[str]:
    return [f.quote for f in planted_flags(HOSTS[language], sentence, "garbled_text", language, CFG, block_type)]


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "The swelling usually goes down within a few daysOrthovisc injections are another option.", "daysOrthovisc"),
    ("de", "Bewegen Sie sich täglichHeilpraktikerverband empfiehlt Spaziergänge.", "täglichHeilpraktikerverband"),
    ("es", "El tratamiento dura unos diez díasOsteópata recomendado por su médico.", "díasOsteópata"),
    ("fr", "Appliquez la crème sur une peau séchAccepter les cookies.", "séchAccepter"),
])
def test_a_sentence_cut_and_spliced_onto_a_capital_is_glue(language, sentence, quote):
    """A common word, or the start of one cut off, run into the capital of what was spliced on:
    the right part may be a name or a term no word list holds."""
    assert garbled(language, sentence) == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Le laboratoire bioMérieux fabrique ces tests rapides."),  # a brand opening on a prefix
    ("de", "Die Werte lassen sich mit der App mySugr auswerten."),
    ("en", "The FreeStyle Libre sensor sends readings to an iPhone."),
    ("en", "The field `systolicPressure` stores the reading in mmHg."),  # an identifier
])
def test_brands_and_identifiers_in_lower_camel_case_are_no_splice(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Use the spacer witha face mask for small children.", "witha"),
    ("es", "Tome el jarabe con agua y comida: fiebrey tos ceden en tres días.", "fiebrey"),
    ("fr", "Elle a de la fièvreà partir du soir, surtout en hiver.", "fièvreà"),
])
def test_a_one_letter_function_word_glued_to_a_word_is_glue(language, sentence, quote):
    assert garbled(language, sentence) == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Her favourite coffee is arabica, roasted light."),  # a loan's -a
    ("en", "Water the monstera once a week in summer."),
    ("es", "Hoy estoy muy cansada y no quiero salir."),
])
def test_loans_names_and_listed_words_ending_on_the_letter_are_no_glue(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("de", "Treten die Kopfschmerzenhäufig auf, sollten Sie zum Arzt gehen.", "Kopfschmerzenhäufig"),
    ("de", "Messen Sie den Blutdruckregelmäßig zu Hause.", "Blutdruckregelmäßig"),
    ("de", "Nehmen Sie die Tablette morgensnüchtern ein.", "morgensnüchtern"),
])
def test_a_german_noun_or_adverb_with_an_adverb_glued_to_it_is_glue(language, sentence, quote):
    """A compound noun ends on a noun, never on an adverb; "ß" is read as the word lists spell it."""
    assert garbled(language, sentence) == [quote]


@pytest.mark.parametrize(("language", "sentence"), [
    ("de", "Eine Arzneimittelunverträglichkeit ist selten."),
    ("de", "Die Straßenbahn fährt regelmäßig zur Klinik."),
    ("de", "Die Morgensonne tut vielen Patienten gut."),
])
def test_german_compounds_are_no_glue(language, sentence):
    assert garbled(language, sentence) == []


@pytest.mark.parametrize(("language", "heading", "block_type", "quote"), [
    ("de", "Wasist Neurodermitis?", "paragraph", "Wasist"),  # a short question set as a paragraph
    ("fr", "Commentprévenir la grippe ?", "list_item", "Commentprévenir"),
    ("fr", "Traitementsdisponibles", "heading", "Traitementsdisponibles"),
    ("en", "Treatmentoptions", "heading", "Treatmentoptions"),
])
def test_a_heading_or_a_question_opening_on_glued_words_is_glue(language, heading, block_type, quote):
    """A short line's first word takes its capital from where it stands; a question is a heading too."""
    assert garbled(language, heading, block_type) == [quote]


def test_a_link_text_ending_on_a_number_pasted_beside_itself_is_doubled_text():
    assert garbled("fr", "Voir aussi Le diabète de type 2Le diabète de type 2.") == [
        "Le diabète de type 2Le diabète de type 2"]
