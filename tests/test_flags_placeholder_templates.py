"""Placeholders a template or a mail merge leaves when the page is published unrendered: control
tags, mail-merge fields, counts typed as "#" or grouped X's; a slot on a page whose other
paragraphs say "code" or "field" in their health sense is still a slot. A page explaining
templates, a masked card number and a phone key are not placeholders."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import HOST_PARAGRAPHS, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


def placeholders(language: str, *paragraphs: str) -> list[str]:
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    blocks = host[:1] + [Block("paragraph", p) for p in paragraphs[:-1]]
    flags = planted_flags(blocks + host[1:], paragraphs[-1], "placeholder", language, CFG, at=len(blocks))
    return [f.quote for f in flags]


@pytest.mark.parametrize(("language", "text", "quotes"), [
    ("en", "{% if member %}Members can book a free review.{% endif %}", ["{% if member %}", "{% endif %}"]),
    ("de", "{{#if begleitung}}Ihre Begleitung ist willkommen.{{/if}}", ["{{#if begleitung}}", "{{/if}}"]),
    ("fr", "<% if (adherent) { %>Les adhérents ne paient rien.<% } %>", ["<% if (adherent) { %>", "<% } %>"]),
    ("es", "{% block titulo %}{% endblock %}", ["{% block titulo %}{% endblock %}"]),
])
def test_a_template_control_tag_is_a_placeholder(language, text, quotes):
    assert placeholders(language, text) == quotes


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Dear «FirstName», your blood test results are back.", "«FirstName»"),
    ("de", "Hallo «Vorname», danke für Ihre Buchung.", "Hallo «Vorname»"),
    ("es", "Gracias por su visita, «Nombre_Paciente».", "«Nombre_Paciente»"),
    ("fr", "«Titre»", "«Titre»"),
])
def test_a_mail_merge_field_is_a_placeholder(language, text, quote):
    assert placeholders(language, text) == [quote]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "More than ### families have used the service since 2019.", "###"),
    ("de", "Bereits ## Patientinnen haben am Kurs teilgenommen.", "##"),
    ("en", "Around X,XXX people are diagnosed with it every year.", "X,XXX"),
    ("de", "Rund X.XXX Menschen erkranken jedes Jahr daran.", "X.XXX"),
])
def test_a_count_masked_with_hashes_or_grouped_xs_is_a_placeholder(language, text, quote):
    assert placeholders(language, text) == [quote]


@pytest.mark.parametrize(("language", "host", "text", "quote"), [
    ("en", "Loss of the visual field is checked at every visit.", "Your next eye test is on ${appointment_date}.",
     "${appointment_date}"),
    ("fr", "Le champ visuel est mesuré à chaque consultation.", "Prochain examen : ${date_examen}.", "${date_examen}"),
    ("es", "El código de acceso está en su carta.", "Su cita es con {{ medico.nombre }}.", "{{ medico.nombre }}"),
])
def test_a_slot_after_a_paragraph_that_says_field_or_code_in_its_health_sense_is_a_placeholder(language, host, text,
                                                                                                quote):
    assert placeholders(language, host, text) == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "In the reminder editor, the field {{first_name}} holds the patient's name."),
    ("en", "In a Jinja template, {% if user %} shows the block only to users."),
    ("en", "To personalise a letter, insert the merge field «FirstName» from the Mailings tab."),
    ("es", "Se escribe «a veces», nunca «aveces»."),
    ("fr", "Le mot « Prénom » prend une majuscule."),
    ("en", "The receipt prints the card number as XXXX-XXXX-XXXX-1234 for your security."),
    ("de", "Auf dem Beleg steht die Kartennummer als XXXX XXXX XXXX 1234."),
    ("en", "On the phone menu, press # to hear the options again."),
    ("en", "Women usually have two X chromosomes (XX) and men one X and one Y (XY)."),
])
def test_docs_masked_cards_and_keys_are_no_placeholders(language, text):
    assert placeholders(language, text) == []
