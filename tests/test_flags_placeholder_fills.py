"""Placeholders a template or a data feed fills an empty field with: a "not available" marker
where a number or a label's value was to go, a script's empty value, a slot in double
underscores, a caption left as its instruction; a form's instruction, a table's empty cell, a
page on code and addresses spoken of in the plural are not placeholders."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import HOST_PARAGRAPHS, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


def placeholders(language: str, paragraph: str, block_type: str = "paragraph") -> list[tuple[str, str]]:
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    flags = planted_flags(host, paragraph, "placeholder", language, CFG, block_type=block_type, at=1)
    return [(f.quote, f.rule) for f in flags]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "The average wait for this service is N/A weeks.", "N/A"),
    ("de", "Die Wartezeit beträgt derzeit k. A. Wochen.", "k. A."),
    ("fr", "Le parking de l'hôpital coûte N/A par heure.", "N/A"),
    ("es", "El tiempo de espera es de N/D semanas.", "N/D"),
    ("en", "Your last reading was NaN mmol/L.", "NaN"),
])
def test_a_not_available_marker_before_a_unit_is_a_field_left_empty(language, text, quote):
    assert placeholders(language, text) == [(quote, "placeholder.not-available")]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Clinic lead: N/A", "N/A"),
    ("fr", "Horaires : N/A", "N/A"),
    ("de", "Sprechzeiten: k. A.", "k. A."),
])
def test_a_not_available_marker_as_a_labels_whole_value_is_pending(language, text, quote):
    assert placeholders(language, text) == [(quote, "placeholder.pending-value")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "If a question does not apply to you, write N/A in the box."),
    ("en", "Tick N/A if the question does not apply to you."),
    ("en", "N/A"),  # a card's cell under its label ("Acceptance Rate", then "N/A")
    ("en", "Monthly price with the bundle n/a n/a $14.99 $24.99 $34.99"),  # a table row's empty cells
])
def test_a_forms_instruction_and_a_tables_empty_cell_are_no_placeholder(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Your next dose is due on undefined.", "undefined"),
    ("es", "Su próxima dosis es el undefined.", "undefined"),
    ("de", "Ihre nächste Impfung ist am undefined fällig.", "undefined"),
    ("fr", "Votre dose quotidienne est de null mg.", "null"),
    ("en", "Welcome back, [object Object]!", "[object Object]"),
])
def test_a_scripts_empty_value_where_a_value_was_to_go(language, text, quote):
    assert placeholders(language, text) == [(quote, "placeholder.script-value")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The exact cause of the rash is undefined in most cases."),  # an English word
    ("de", "Das Medikament enthält null Milligramm Zucker und wirkt schnell."),  # German "null" is zero
    ("es", "En JavaScript, una variable sin valor vale undefined."),  # a page on code names it
])
def test_undefined_and_null_as_words_of_the_language_or_on_a_page_about_code(language, text):
    assert placeholders(language, text) == []


def test_a_capitalised_name_in_double_underscores_is_a_slot_a_python_name_is_not():
    assert placeholders("es", "Este servicio lo presta __CENTRO__.") == [("__CENTRO__", "placeholder.field-slot")]
    assert placeholders("en", "The method __init__ runs first when the object is made.") == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("de", "Foto: Bildunterschrift hier einfügen", "Bildunterschrift hier einfügen"),
    ("fr", "Légende : Votre légende ici", "Votre légende ici"),
    ("es", "Pie de foto: Escriba aquí el pie de foto", "Escriba aquí el pie de foto"),
    ("en", "Image: alt text here", "alt text here"),
])
def test_a_caption_left_as_its_instruction_is_a_slot(language, text, quote):
    assert placeholders(language, text) == [(quote, "placeholder.slot-words")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Photo: a nurse shows a patient how to use an inhaler"),
    ("en", "Photo caption"),
    ("de", "Bildunterschrift: Die Ärztin misst den Blutdruck"),
])
def test_a_real_caption_or_a_caption_label_alone_is_no_slot(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Für Tests verwenden Entwickler Adressen wie test@example.com, die nie zugestellt werden."),
    ("fr", "Dans la documentation, les adresses du type utilisateur@example.com ne reçoivent aucun message."),
])
def test_addresses_spoken_of_in_the_plural_are_the_subject_not_a_contact(language, text):
    assert placeholders(language, text) == []
    assert placeholders("de", "Fragen beantworten wir unter max.mustermann@example.com.") != []
