"""Placeholders read by the closed word classes a template's slots are made of (`flags/slots.py`,
`[[slot]]` in rules/shapes.toml): a bracket of slot words, a value still to come where a
label's value or copy stands, a sample web or street address, name-field labels for a name;
and filler read by the order of its opening words. Each with the look-alikes a page holds."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import HOST_PARAGRAPHS, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


def placeholders(language: str, paragraph: str) -> list[tuple[str, str]]:
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    flags = planted_flags(host, paragraph, "placeholder", language, CFG, at=1)
    return [(f.quote, f.rule) for f in flags]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "[Author name], specialist nurse, wrote this guide.", "[Author name]"),
    ("fr", "[Intertitre]", "[Intertitre]"),
    ("es", "Estimado/a [Nombre del paciente], le esperamos el lunes.", "[Nombre del paciente]"),
    ("fr", "Chère <PRENOM>, merci pour votre inscription à l'atelier.", "<PRENOM>"),
    ("es", "Hola <NOMBRE_PACIENTE>, ya puede descargar su informe.", "<NOMBRE_PACIENTE>"),
    ("en", "<H2 heading>", "<H2 heading>"),
    ("fr", "##TITRE##", "##TITRE##"),
    ("fr", "Article relu par le Dr Nom Prénom, cardiologue.", "Nom Prénom"),
])
def test_a_bracket_of_slot_words_is_a_slot(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "\u201cIt [the doctor] changed how I saw my illness,\u201d she said."),
    ("en", "Two reviews reached the same conclusion [8, 9]."),
    ("en", "Download the leaflet [PDF] [Email] [Print]"),
    ("en", "Learn more: the best travel insurance plans in [Year]"),
    ("en", "The following is a general format: \u201c[Name of LLC] filed on [Date]. Office: [County].\u201d"),
    ("en", "In Python, __name__ holds the module's name."),
    ("fr", "Le nom et le prénom du patient figurent sur la carte."),
])
def test_brackets_that_name_no_value_to_fill_are_no_slots(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("fr", "Lieu : à définir", "à définir"),
    ("en", "Venue: TBA", "TBA"),
    ("es", "Ponente: por determinar", "por determinar"),
    ("de", "Ort: wird noch bekannt gegeben", "wird noch bekannt gegeben"),
    ("de", "Leitung: NN", "NN"),
    ("fr", "Paragraphe à rédiger.", "Paragraphe à rédiger"),
    ("en", "Our next open evening is on DATE TBC at the community hall.", "DATE TBC"),
    ("en", "The support group restarts in month TBC.", "month TBC"),
    ("fr", "La varicelle est contagieuse. Horaires : à préciser Le médecin pose le diagnostic.", "à préciser"),
])
def test_a_value_still_to_come_where_a_value_or_copy_stands(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Registration: TBD"),
    ("fr", "Alcool : à éviter"),
    ("fr", "Le texte à venir sera publié en mai, selon le ministère."),
    ("en", "Date: June 2026 (exact dates TBA)"),
    ("es", "La TBC sigue siendo una de las infecciones más mortales del mundo."),
    ("en", "The results of the trial are to be announced next spring by the university."),
    ("es", "Precio: a partir de 20 euros por sesión."),
])
def test_a_state_a_verb_or_a_word_that_looks_pending_is_no_placeholder(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Email info@yourdomain.com to order a printed copy of this leaflet.", "info@yourdomain.com"),
    ("fr", "Rendez-vous sur www.nomdusite.com pour télécharger le guide.", "www.nomdusite.com"),
    ("es", "Más información en www.tusitio.es.", "www.tusitio.es"),
    ("de", "Schreiben Sie an vorname.nachname@klinik.de.", "vorname.nachname@klinik.de"),
    ("de", "Mehr dazu auf www.beispiel.de.", "www.beispiel.de"),
    ("en", "The printable leaflet is at http://LINK.", "http://LINK"),
    ("es", "Dirección: Calle Ejemplo, 1, 28000 Madrid", "Calle Ejemplo, 1"),
    ("fr", "Adresse : 1 rue de l'Exemple, 75000 Paris", "1 rue de l'Exemple, 75000"),
    ("en", "Find us at 12 Example Road.", "Example Road"),
])
def test_a_sample_web_or_street_address(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Some companies built mobile sites, m.example.com, instead."),
    ("en", "Point a subdomain (e.g., n8n.example.com) to your server."),
    ("en", "Visit www.nhs.uk or www.webmd.com for more."),
    ("de", "Kontakt: mail@praxis-mueller.de oder info@klinikum-nord.de"),
    ("en", "Any street will do for a short walk."),
    ("es", "Es falsa la idea de que la calle es peligrosa."),
])
def test_real_addresses_and_addresses_spoken_of_are_no_placeholders(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "rule"), [
    ("en", "Dolor sit amet", "placeholder.lorem"),
    ("de", "Blindtext Blindtext Blindtext", "placeholder.filler-named"),
    ("es", "Texto de relleno para esta sección.", "placeholder.filler-named"),
    ("de", "Ein Kurs kostet 00,00 Euro und wird erstattet.", "placeholder.xx"),
    ("es", "Cada sesión cuesta 00 € y dura una hora.", "placeholder.xx"),
    ("de", "Anmeldeschluss ist der xx.xx.20xx.", "placeholder.xx"),
])
def test_filler_and_masks_in_new_shapes(language, text, rule):
    assert [r for q, r in placeholders(language, text)] == [rule]


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Le sit-in a duré deux heures. Amet est un prénom rare."),
    ("de", "Der Blindtext zeigt, wie die Seite später wirkt."),
    ("en", "The pump costs 1 000 € or 2.000 EUR, and was 100 € last year."),
    ("en", "In the letter editor, {{date}} is replaced by the appointment date when the letter is printed."),
    ("es", "En la aplicación, escriba {nombre} en el mensaje y se sustituirá por el nombre del paciente."),
])
def test_their_look_alikes_are_no_placeholders(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Published: [publish date]", "[publish date]"),
    ("es", "[La fecha aquí]", "[La fecha aquí]"),
    ("de", "[Zwischentitel]", "[Zwischentitel]"),
    ("en", "Book online at www.yourclinicname.co.uk.", "www.yourclinicname.co.uk"),
    ("de", "Termin: TBA", "TBA"),
    ("es", "Texto en preparación.", "Texto en preparación"),
])
def test_a_field_at_the_head_of_a_bracket_a_label_here_a_named_site_copy_in_preparation(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "For example, a post on \u201cBest Things to Do in [Your City Here] in 3 Days\u201d could help."),
    ("en", "A quick search for \u201c[index name] application criteria\u201d will get you there."),
    ("en", "\u201cHe told me [the price] was fair,\u201d she said."),
    ("en", "[Edit source] [Email us]"),
    ("en", "Learn more at www.yourhealth.com"),
    ("en", "Our new clinic opens soon. Details are coming soon."),
    ("en", "Status: in preparation"),
])
def test_a_template_shown_in_quotes_an_insertion_a_real_site_a_state_are_no_slots(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "See page XX of the leaflet.", "page XX"),
    ("de", "Die Station liegt im Zimmer XX.", "Zimmer XX"),
    ("es", "La consulta está en la planta ??.", "planta ??"),
    ("es", "Hora: HH:MM", "HH:MM"),
    ("fr", "La conférence aura lieu le JJ mois AAAA.", "JJ mois AAAA"),
])
def test_a_mask_where_a_number_a_time_or_a_date_was_to_go(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Room X is on the left, past the lifts."),
    ("en", "Super Bowl XX was played in 1986, and chapter XX covers it."),
    ("en", "Enter the time as HH:MM, for example 14:30."),
])
def test_a_letter_a_roman_numeral_or_a_format_named_is_no_mask(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("de", "Sehr geehrte/r {Anrede}, Ihr Termin steht.", "{Anrede}"),
    ("en", "Hello {$name}, welcome to the clinic.", "{$name}"),
    ("en", "Dear <%= first_name %>, your appointment is confirmed.", "<%= first_name %>"),
    ("fr", "Témoignage de Monsieur Untel, 54 ans.", "Monsieur Untel"),
])
def test_slots_in_braces_and_server_tags_and_sample_names(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The set {a, b} has two members."),
    ("en", "In the letter template, {Name} is filled in from the booking."),
    ("en", "In the app, typing {Name} in a message inserts the person's name."),
    ("fr", "Un tel traitement existe depuis dix ans."),
])
def test_braces_on_a_page_about_templates_and_sets_are_no_slots(language, text):
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Coming Soon"),
    ("de", "Demnächst."),
    ("fr", "Prochainement"),
    ("es", "Próximamente."),
    ("en", "Read the thread [url=https://forum.example.net/t/42]here[/url] before you post."),
])
def test_a_notice_to_readers_and_a_closing_markup_tag_are_no_slots(language, text):
    """A site tells its readers "Coming soon" (wcxb-2838, a service page), and "[/url]" closes a
    bulletin board's link (wcxb-0653): neither is a value left unfilled."""
    assert placeholders(language, text) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Venue: coming soon", "coming soon"),
    ("fr", "Lieu : prochainement", "prochainement"),
])
def test_an_announcement_as_a_value_s_whole_label_is_still_a_slot(language, text, quote):
    assert [q for q, rule in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Dear {patientFirstName}, thank you for coming in.", "{patientFirstName}"),  # a camel-case slot's words
    ("de", "$(UEBERSCHRIFT)", "$(UEBERSCHRIFT)"),  # a shell's or a build tool's variable, spelled without umlauts
    ("es", "$(NOMBRE_PACIENTE), su cita es mañana.", "$(NOMBRE_PACIENTE)"),
])
def test_slots_in_camel_case_and_in_dollar_parentheses(language, text, quote):
    assert [q for q, _ in placeholders(language, text)] == [quote]


@pytest.mark.parametrize(("language", "heading"), [
    ("fr", "Titre de la section"), ("es", "Título de la sección"), ("en", "Your heading here"),
])
def test_a_heading_that_names_itself_as_a_heading_is_a_slot(language, heading):
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    flags = planted_flags(host, heading, "placeholder", language, CFG, block_type="heading", at=1)
    assert [f.quote for f in flags] == [heading]


@pytest.mark.parametrize(("language", "heading"), [
    ("en", "Date and venue"), ("de", "Ort und Zeit"), ("en", "Your doctor"), ("fr", "Le titre de séjour"),
])
def test_a_heading_naming_its_subject_in_slot_words_is_no_slot(language, heading):
    host = [Block("paragraph", HOST_PARAGRAPHS[language])] * 2
    assert planted_flags(host, heading, "placeholder", language, CFG, block_type="heading", at=1) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Click here to add your own text and edit me."),
    ("fr", "Remplacez ce paragraphe par votre contenu."),
    ("es", "Sustitúyalo por el contenido real."),
])
def test_a_templates_default_text_telling_the_writer_to_replace_it_is_a_placeholder(language, text):
    assert [r for _, r in placeholders(language, text)] == ["placeholder.edit-instruction"]
