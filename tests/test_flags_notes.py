"""Addressed notes, sentence language, made-up numbers and chatbot leftovers in four
languages, and the planted-leftover set's held-out figures for those kinds."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, notes
from ascurate.flags.sentences import spans
from ascurate.model import Block, join_blocks

from .conftest import ROOT

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
MY_KINDS = ("editorial_note", "placeholder", "foreign_text", "ai_leftover")

CONTEXT = {
    "en": ["Gout is a form of arthritis that causes sudden, severe pain in a joint, most often the big toe. "
           "It happens when uric acid builds up in the blood and forms crystals.",
           "Attacks usually start at night and last a few days. Between attacks most people have no symptoms, "
           "but without treatment the attacks tend to come back more often."],
    "de": ["Gicht ist eine Stoffwechselerkrankung, bei der sich Harnsäure im Blut anreichert. "
           "Die Kristalle lagern sich in den Gelenken ab und lösen dort schmerzhafte Entzündungen aus.",
           "Ein Anfall beginnt oft nachts und dauert einige Tage. Zwischen den Anfällen haben die meisten "
           "Betroffenen keine Beschwerden."],
    "fr": ["La goutte est une maladie inflammatoire des articulations due à un excès d'acide urique dans le sang. "
           "Elle touche le plus souvent le gros orteil.",
           "Les crises commencent souvent la nuit et durent quelques jours. Entre deux crises, la plupart des "
           "patients n'ont aucun symptôme."],
    "es": ["La gota es una enfermedad de las articulaciones causada por el exceso de ácido úrico en la sangre. "
           "Suele afectar al dedo gordo del pie.",
           "Las crisis empiezan a menudo por la noche y duran unos días. Entre una crisis y otra, la mayoría de "
           "los pacientes no tienen síntomas."],
}


def flags_in(lang: str, planted: str, block_type: str = "paragraph"):
    blocks = [Block("paragraph", CONTEXT[lang][0]), Block(block_type, planted), Block("paragraph", CONTEXT[lang][1])]
    text = join_blocks(blocks)
    flags = detect(text, blocks, CFG, lang)
    for f in flags:
        assert text[f.start:f.end] == f.quote and f.rule
    return [f for f in flags if f.start >= len(CONTEXT[lang][0])]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Priya: can you trim this paragraph to 80 words before we publish?"),
    ("en", "Do we have a source for this figure, Raj?"),
    ("en", "Legal team, are we OK to quote the hospital here?"),
    ("de", "Anna, kannst du den Absatz bitte kürzen?"),
    ("fr", "Julie, peux-tu vérifier la source de ce chiffre ?"),
    ("es", "Carlos, ¿puedes revisar la fuente de esta cita?"),
])
def test_addressed_notes_in_four_languages(lang, note):
    flags = flags_in(lang, note)
    assert [(f.kind, f.rule) for f in flags] == [("editorial_note", "editorial.addressed-note")]
    assert flags[0].quote == note and 0.7 < flags[0].score <= 1


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Query for author: which year was this survey done?"),
    ("de", "Frage an die Autorin: Aus welchem Jahr stammt diese Umfrage?"),
    ("fr", "Question pour l'auteur : de quelle année date ce sondage ?"),
    ("es", "Pregunta para la autora: ¿de qué año es esta encuesta?"),
    ("de", "Uwe – Zahl mit der Pressemitteilung abgleichen, sonst streichen."),
])
def test_a_query_to_the_author_and_an_instruction_set_as_an_infinitive(lang, note):
    """A role named with a word for a comment is a comment on the copy, and an infinitive
    closing a clause is an instruction (German, French)."""
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "note"), [
    ("fr", "Avis du relecteur médical : préciser qu'il s'agit d'adultes."),
    ("es", "Comentario de revisión: aclarar que la dosis es para adultos."),
])
def test_a_reviewers_comment_opening_its_instruction_on_an_infinitive(lang, note):
    """After a role's label ("Avis du relecteur :") an infinitive opening the clause is an
    instruction, as an imperative is."""
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "note"), [
    ("de", "@Jonas bitte die Quelle im zweiten Absatz ergänzen."),
    ("fr", "@Hugo tu peux vérifier la source de ce paragraphe ?"),
    ("es", "@Tomás ¿quitamos este párrafo?"),
])
def test_an_at_mention_opening_a_sentence_addresses_a_colleague_in_any_language(lang, note):
    """A comment tool's @mention is an address: the rule reads the request after it."""
    assert [f.rule for f in flags_in(lang, note)] == ["editorial.addressed-note"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Follow @NHSuk for the latest updates on vaccination clinics."),
    ("fr", "Suivez @SantePubliqueFrance sur les réseaux pour ne rien manquer."),
])
def test_an_at_mention_inside_a_sentence_is_no_address(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Avis du médecin : préciser ses symptômes aide au diagnostic."),
    ("es", "Consejo del farmacéutico: aclarar las dudas antes de tomar el medicamento."),
])
def test_advice_labelled_with_a_carer_and_an_infinitive_is_no_note(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Author: Jane Smith, senior health correspondent."),
    ("en", "Question for your doctor: which of these tests do I need?"),
    ("de", "Frage an den Arzt: Welche Untersuchungen brauche ich?"),
])
def test_a_byline_and_questions_for_a_doctor_are_not_notes(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Parents, check your child's temperature every four hours."),
    ("en", "Similarly, try not to leave much space between the lines of a label you print at home."),
    ("en", "Fact: You don't need to be active for long periods to see the benefit, a recent source says."),
    ("en", "\u201cAnna, can you hear me?\u201d the nurse asked, checking the line in her arm."),
    ("de", "Liebe Eltern, achten Sie bei Kindern auf Fieber \u00fcber 39 Grad."),
    ("fr", "Mesdames, n'oubliez pas votre d\u00e9pistage annuel."),
    ("es", "Padres, revisen la temperatura del ni\u00f1o cada cuatro horas."),
])
def test_reader_facing_vocatives_and_labels_are_not_notes(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


def test_foreign_sentence_inside_a_paragraph_is_flagged_alone():
    german = "Bitte wenden Sie sich bei Fragen an Ihren Hausarzt oder an Ihre Apotheke."
    para = f"Most attacks settle within a week. {german} Ice and rest help in the meantime."
    flags = flags_in("en", para)
    assert [(f.kind, f.quote) for f in flags] == [("foreign_text", german)]
    assert flags[0].score >= 0.95 and "(de)" in flags[0].message
    english = "Please talk to your doctor before you stop taking any of these medicines."
    assert [f.quote for f in flags_in("de", f"Die Schmerzen lassen oft nach. {english}")] == [english]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "[Nadia: is this headline too long for mobile?]"),
    ("en", "[Fiona, I'd cut this whole paragraph, it repeats the intro.]"),
    ("de", "[Stefan: Überschrift zu lang, bitte kürzen]"),
    ("es", "[Javier: el titular es demasiado largo, ¿lo acortamos?]"),
])
def test_a_bracketed_note_to_a_colleague_is_flagged(lang, note):
    assert [(f.kind, f.quote) for f in flags_in(lang, note)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "note", "block_type"), [
    ("en", "QUERY FOR SUBS: is the dose per day or per week?", "paragraph"),
    ("en", "CHART STILL PENDING LEGAL SIGN-OFF", "heading"),
    ("de", "FRAGE AN DIE SCHLUSSREDAKTION: Stimmt die Zahl im zweiten Absatz?", "paragraph"),
    ("fr", "À RELIRE PAR LA RÉDACTION : le chiffre du deuxième paragraphe.", "list_item"),
    ("es", "NOTA PARA LA REDACCIÓN: falta la fuente de esta cifra.", "paragraph"),
])
def test_an_opening_label_in_capitals_asking_the_desk_is_a_note(lang, note, block_type):
    assert [(f.kind, f.quote) for f in flags_in(lang, note, block_type)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "text", "block_type"), [
    ("en", "MEET OUR EDITORIAL TEAM", "heading"),
    ("en", "EDITOR'S NOTE: This article was updated in May 2026 with the latest guidance.", "paragraph"),
    ("en", "IMPORTANT SAFETY INFORMATION: stop taking it and call your doctor if you get a rash.", "paragraph"),
    ("de", "WICHTIGER HINWEIS: Dieser Artikel ersetzt keine ärztliche Beratung.", "paragraph"),
    ("fr", "PHOTOS ET SOURCES", "heading"),
])
def test_capitals_with_no_request_of_the_desk_are_no_note(lang, text, block_type):
    assert [f for f in flags_in(lang, text, block_type) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "[Shorter headline? Your call, Imogen]"),
    ("fr", "Margaux, je suggère de couper ce paragraphe, il répète l'introduction."),
    ("es", "Nuria, sugiero quitar esta frase, repite el párrafo anterior."),
])
def test_a_name_closing_an_aside_and_a_suggestion_address_a_colleague(lang, note):
    assert [(f.kind, f.quote) for f in flags_in(lang, note)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "note"), [
    ("fr", "Mathis, je te laisse relire la légende de la photo, elle me semble trop longue."),
    ("de", "Greta, deine Überschrift ist zu lang für die Spalte."),
    ("es", "Rocío, te dejo el titular a ti, el mío no convence."),
])
def test_the_informal_you_after_a_name_speaks_to_a_colleague(lang, note):
    # where readers are addressed formally (Sie, vous, usted), "tu", "du", "tú" is the one addressed
    assert [(f.kind, f.quote) for f in flags_in(lang, note)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Mathis, vous trouverez la légende de la photo en bas de la page."),
    ("en", "Parents, you may find the photo guide on this page useful."),
])
def test_the_formal_or_english_you_after_a_vocative_is_no_request(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "To legal: please confirm this before Friday."),
    ("es", "Para corrección: las tildes del bloque, por favor."),
    ("de", "An die Grafik: die Legende bitte größer setzen."),
])
def test_a_label_sent_to_a_desk_is_a_note(lang, note):
    assert [(f.kind, f.quote) for f in flags_in(lang, note)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "To the web team: please add alt text to the chart and check the link works."),
    ("fr", "Note pour l'équipe web : il manque le lien vers l'étude."),
    ("de", "Hinweis an die Online-Redaktion: Link zur Leitlinie fehlt noch."),
])
def test_a_role_qualified_or_in_a_compound_is_a_desk(lang, note):
    """A label sent to a role may qualify it ("web team", "équipe web"), and a compound may
    end on the role ("Online-Redaktion")."""
    w = notes.words_for(CFG, lang)
    assert w is not None
    assert notes.read(note, lambda word: False, w).address == notes.ADDRESS_ROLE
    assert [(f.kind, f.quote) for f in flags_in(lang, note)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Questions for your care team: ask how long the course lasts and check the dose."),
    ("en", "Our care team: please check in at the front desk on arrival."),
    ("de", "Hinweis für Ihr Praxisteam: Bitte prüfen Sie die Dosis."),
])
def test_a_role_the_reader_owns_or_a_team_presented_is_no_desk(lang, text):
    """Two words beside the role ("your care team"), a label not sent to the role ("Our care
    team:"), a role the reader owns ("Ihr Praxisteam": no compound split by a hyphen)."""
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Happy with this wording, Dr Khan? We can soften it if not."),
    ("de", "Schaffen wir das bis Donnerstag, Herr Roth? Die Seite soll Freitag online gehen."),
])
def test_a_title_may_stand_before_a_closing_name(lang, note):
    w = notes.words_for(CFG, lang)
    assert w is not None
    question = note[:note.index("?") + 1]
    assert notes.read(question, lambda word: False, w).address == notes.ADDRESS_NAME
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


def test_a_name_closing_a_question_keeps_its_question_mark():
    w = notes.words_for(CFG, "en")
    assert w is not None
    reading = notes.read("Worth a line on dosage in this section, what do you reckon, Tamsin?", lambda word: False, w)
    assert reading.address == notes.ADDRESS_NAME and reading.request == notes.QUESTION


def test_an_at_mention_after_a_stop_opens_a_sentence_of_its_own():
    text = "Die Kristalle lagern sich ab. @Imran bitte den Link zur Studie ergänzen. Der Schmerz klingt ab."
    note = "@Imran bitte den Link zur Studie ergänzen."
    assert [text[s:e] for s, e in spans(text)][1] == note
    assert [f.quote for f in flags_in("de", text) if f.kind == "editorial_note"] == [note]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Jenkins: Could you check your blood sugar at work? Patel: Yes, I keep a meter in my desk drawer."),
    ("en", "Readers, tell us your story: email us and we may publish your experience in a future issue."),
    ("fr", "Chers lecteurs, envoyez-nous vos questions : nous publierons les réponses dans notre prochain numéro."),
])
def test_interviews_and_calls_to_readers_are_not_notes(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize("sentence", [
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",  # "y", "de", "para": Spanish too
    "Faut-il arrêter le traitement pendant la grossesse ou pendant l'allaitement ?",
])
def test_foreign_sentence_whose_function_words_other_languages_share(sentence):
    assert [(f.kind, f.quote) for f in flags_in("en", sentence)] == [("foreign_text", sentence)]


@pytest.mark.parametrize("text", [
    "Deutsche Atemwegsliga. Leitlinie zur Diagnostik und Therapie von Patienten mit Asthma. Pneumologie 2017; 71: 849-919.",
    "The drug worked in vitro but not in vivo, and the effect was seen de novo in only a few patients.",
    "Müller K, Schmidt A. Diabetes mellitus Typ 2 bei älteren Patienten. Dtsch Arztebl Int. 2020;117:1-9.",
    "Igualdad salarial: el enfoque de la OIT",
    "The study was run by the Institut national de la santé et de la recherche médicale in Paris.",
])
def test_loanwords_citations_and_titles_are_not_foreign_text(text):
    """Judged by foreign_text alone: in a three-paragraph host a care-free paragraph is also
    off_topic's to weigh (`topic.care-free-outlier`), which is not what this pins."""
    assert [f for f in flags_in("en", text) if f.kind == "foreign_text"] == []


@pytest.mark.parametrize(("lang", "text", "quote"), [
    ("en", "Call our nurse helpline on 555-0100 for advice.", "555-0100"),
    ("en", "To book, call (000) 000-0000.", "(000) 000-0000"),
    ("en", "Use the code XXXX-XXXX to sign up.", "XXXX-XXXX"),
    ("fr", "Pour prendre rendez-vous, appelez le 01 00 00 00 00.", "01 00 00 00 00"),
    ("es", "Para pedir cita, llame al 900 000 000.", "900 000 000"),
    ("de", "Termine unter 0000 000000.", "0000 000000"),
    ("en", "Booking line: (555) 010-0123", "(555) 010-0123"),  # area code 555 is fictional
    ("en", "Call your doctor's surgery on +44 (0)20 7946 0321 to book a blood test.", "+44 (0)20 7946 0321"),  # Ofcom's drama range
    ("fr", "Le secrétariat répond au 01 99 00 45 12.", "01 99 00 45 12"),  # ARCEP's fictional range
    ("de", "Telefon: 01234 / 56 78 90", "01234 / 56 78 90"),  # digits counted up, grouped with a slash
    ("de", "Terminvereinbarung unter 0123 456789.", "0123 456789"),
    ("es", "Teléfono de citas: 912 345 678", "912 345 678"),  # counted up after the network's leading digit
    ("de", "Telefon der Praxis: 089 123456", "089 123456"),  # counted up from one after the area code
    ("fr", "Appelez le 07 98 76 54 32 pour un rendez-vous.", "07 98 76 54 32"),  # counted down from nine
    ("es", "Teléfono: +34 600 000 000", "+34 600 000 000"),  # nothing but zeros after the country's area code
    ("de", "Fax: +49 (0)30 0000000", "+49 (0)30 0000000"),
    ("de", "Ihre Versichertennummer: X000000000", "X000000000"),
    ("en", "Enter the code ABC-123-XYZ from your letter.", "ABC-123-XYZ"),
    ("de", "Ansprechpartnerin: Frau Mustermann, Zimmer 12", "Frau Mustermann"),
    ("es", "Pregunte por Fulano de Tal en recepción.", "Fulano de Tal"),
])
def test_made_up_phone_numbers_and_codes(lang, text, quote):
    assert [(f.kind, f.quote) for f in flags_in(lang, text)] == [("placeholder", quote)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "You can call the Samaritans free on 116 123, day or night, or NHS 111."),
    ("en", "More than 1 000 000 people took part in the 2000 to 2010 study."),
    ("fr", "Plus de 2 000 patients ont participé ; en cas d'urgence, appelez le 15."),
    ("en", "In a Jinja template, {{ user.name }} prints the user's name when the page renders."),
    ("de", "Die Telefonseelsorge erreichen Sie kostenlos unter 0800 111 0 111."),
    ("en", "Call the clinic on 020 7946 1123 to book an appointment."),  # next to Ofcom's range, not in it
    ("es", "Pida cita en el 913 456 789 o en el centro de salud."),  # counted up from its third digit only
    ("de", "Die Zentrale erreichen Sie unter +49 30 200000 oder per Mail."),  # zeros after a digit that is not
    ("fr", "Standard : +33 1 40 00 00 00, du lundi au vendredi."),  # zeros only after the area code's digits
    ("en", "The study ran from 12/05/2019 to 23/06/2020 and enrolled 1,234 people."),
    ("en", "Give the practice a personal name (e.g., John Doe Primary Care) so patients find it."),
])
def test_real_numbers_and_template_documentation_are_not_placeholders(lang, text):
    """Judged by the placeholder detectors alone (a Jinja sentence on a health page is off_topic's to weigh)."""
    assert [f for f in flags_in(lang, text) if f.kind == "placeholder"] == []


def test_a_published_overview_is_no_announced_rewrite():
    assert flags_in("en", "Here is a simplified overview: the joint swells, then the pain eases.") == []


def test_template_variable_in_prose_is_a_placeholder():
    assert [f.quote for f in flags_in("en", "Dear {{ first_name }}, thank you for joining.")] == ["{{ first_name }}"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "As of my last update in 2023, there is no cure for this condition."),
    ("en", "My training data only goes up to 2021, so check for newer guidance."),
    ("de", "Als KI-Sprachmodell kann ich keine medizinische Beratung geben."),
    ("fr", "Ma date limite de connaissances est septembre 2021."),
    ("es", "Como modelo de lenguaje, no puedo ofrecer consejo médico."),
    ("fr", "Je n'ai pas accès aux données en temps réel, vérifiez donc ces chiffres."),
    ("es", "No tengo acceso a datos en tiempo real, así que puede haber cambios."),
    ("es", "Mi conocimiento llega hasta 2023, por lo que puede haber estudios más recientes."),
    ("de", "Ich habe keinen Zugriff auf aktuelle Daten, bitte prüfen Sie die Zahlen."),
    ("fr", "Voici une version plus courte de votre texte :"),
])
def test_chatbot_cutoffs_in_four_languages(lang, text):
    assert [f.kind for f in flags_in(lang, text)] == ["ai_leftover"]


def test_a_name_the_article_writes_nowhere_else_is_a_colleague():
    """An address by a first name the article never uses again and a request: a note. The
    same sentence to someone the article names elsewhere is not enough."""
    note = "Yusuf: could you ring the clinic and ask them again?"
    assert [f.kind for f in flags_in("en", note)] == ["editorial_note"]
    named = [Block("paragraph", "Yusuf Demir, 54, has had gout for ten years."), Block("paragraph", note)]
    blocks = [Block("paragraph", CONTEXT["en"][0]), *named, Block("paragraph", CONTEXT["en"][1])]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Thanks Priya, the caption works now, it just needs the photographer's credit."),
    ("de", "Danke, Jonas – der Absatz ist jetzt besser, bitte noch die Quelle ergänzen."),
    ("en", "Question for Dmitri: is this figure from the 2021 report?"),
    ("fr", "Une question pour Karim : ce chiffre vient-il du rapport de 2021 ?"),
])
def test_thanks_before_a_name_and_a_label_for_a_name_are_addresses(lang, note):
    """A name after thanks or an apology ("Thanks Priya,", "Danke, Jonas –") and a label
    addressed to a name ("Question for Dmitri:") address a colleague as "Priya:" does."""
    flags = flags_in(lang, note)
    assert [(f.rule, f.quote) for f in flags] == [("editorial.addressed-note", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Thanks, everyone, for the kind messages after the last issue."),
    ("en", "A question for Dr Ahmed: is the dose the same for children?"),
    ("fr", "Merci, chers lecteurs, pour vos nombreux messages."),
])
def test_thanks_to_readers_and_a_question_for_a_doctor_are_not_notes(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


def test_a_two_sentence_block_is_read_as_one_note():
    note = "Ines, can we move this up? The quote from the consultant is the strongest line."
    assert [f.quote for f in flags_in("en", note)] == [note]


def test_an_interview_turn_is_no_note():
    turns = ["Morgan: Could you check your blood pressure at home before the visit?",
             "Adebayo: Yes, I write the numbers in a notebook every morning."]
    blocks = [Block("paragraph", CONTEXT["en"][0]), *(Block("paragraph", t) for t in turns),
              Block("paragraph", CONTEXT["en"][1])]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "editorial_note"] == []
    assert [f.kind for f in flags_in("en", turns[0])] == ["editorial_note"]  # alone, it is addressed to someone


def test_a_note_beside_a_short_label_line_and_a_bracketed_aside_inside_a_paragraph():
    """A "Word: two words" label is no turn of a dialogue, so the note beside it is read;
    a bracketed note with no stop of its own ends at its bracket."""
    blocks = [Block("paragraph", CONTEXT["de"][0]), Block("paragraph", "Unser Partner: eZ Systems"),
              Block("paragraph", "Lektorat: Satz ist zu lang, bitte teilen."), Block("paragraph", CONTEXT["de"][1])]
    found = [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "de") if f.kind == "editorial_note"]
    assert found == ["Lektorat: Satz ist zu lang, bitte teilen."]
    inside = CONTEXT["de"][0].replace(". ", ". [Stefan: Überschrift zu lang, bitte kürzen] ", 1)
    blocks = [Block("paragraph", inside), Block("paragraph", CONTEXT["de"][1])]
    found = [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "de") if f.kind == "editorial_note"]
    assert found == ["[Stefan: Überschrift zu lang, bitte kürzen]"]


def test_labelled_lines_are_no_addresses():
    """A run of "Word: ..." lines (a review's criteria, a glossary) names no colleague."""
    lines = ["Usability: Is the app easy to set up for a new user?", "Pricing: Can you try it before you pay?",
             "Support: How quickly can you reach a person about a question here?"]
    blocks = [Block("paragraph", CONTEXT["en"][0]), *(Block("paragraph", t) for t in lines)]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "editorial_note"] == []


def test_sentence_spans_keep_abbreviations_and_quotes():
    t = "Dr. Smith said so. Tom, could you check the source? \u201cYes!\u201d She agreed."
    assert [t[s:e] for s, e in spans(t)] == ["Dr. Smith said so.", "Tom, could you check the source?",
                                           "\u201cYes!\u201d", "She agreed."]


def _generator():
    spec = importlib.util.spec_from_file_location("flagset_generate", ROOT / "bench" / "flagset" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_planted_set_held_out_recall_and_traps(corpus):
    """The generator on a sample (one copy of each held-out template and trap of these
    kinds): held-out families found at 0.85 or more, no trap flagged as its kind, offsets
    exact."""
    gen = _generator()
    families = gen.load_families()
    held = gen.held_out_ids(families)
    # families marked held out in their file (written to measure, not to tune) are
    # bench/flags.py's (`--families -h3-`), not this test's bar
    sample = [f for f in families if f.kind in MY_KINDS and f.held_out is None and (f.trap or f.id in held)]
    docs = gen.generate(seed=7, copies=1, families=sample)
    for d in docs:
        d.held_out = d.family in held  # the split is the whole set's, not the sample's
    assert {d.kind for d in docs} == set(MY_KINDS) and any(d.held_out for d in docs)
    found: dict[str, list[int]] = {k: [0, 0] for k in MY_KINDS}
    trapped = []
    for d in docs:
        blocks = [Block(b["type"], b["text"], b.get("level")) for b in d.blocks]
        flags = detect(d.text, blocks, CFG, d.lang)
        assert all(d.text[f.start:f.end] == f.quote for f in flags)
        for s, e in d.spans:
            hit = any(f.kind == d.kind and f.start < e and s < f.end for f in flags)
            if d.trap:
                trapped += [d.id] if hit else []
            elif d.held_out:
                found[d.kind][0] += hit
                found[d.kind][1] += 1
    assert trapped == []
    for kind, (hit, n) in found.items():
        # editorial_note's held-out families include ones written apart from the detector
        # (bench/flags.py: 0.76 on them with the tune ones), a lower bar than the others'
        assert n and hit / n >= (0.7 if kind == "editorial_note" else 0.85), (kind, hit, n)


# recall on the families held out for good (`held_out = true`, ids *-h3-*), seed 20, one
# copy: the figures these detectors reach, so that a change cannot lose them unseen
H3_FLOOR = {"editorial_note": 0.45, "dangling_list": 0.55, "off_topic": 0.5}


@pytest.mark.slow
def test_families_held_out_for_good_and_their_traps():
    gen = _generator()
    sample = [f for f in gen.load_families() if "-h3-" in f.id]
    assert sample and all(f.held_out for f in sample)
    found = {k: [0, 0] for k in H3_FLOOR}
    trapped = []
    for d in gen.generate(seed=20, copies=1, families=sample):
        blocks = [Block(b["type"], b["text"], b.get("level")) for b in d.blocks]
        flags = detect(d.text, blocks, CFG, d.lang)
        hit = any(f.kind == d.kind and f.start < d.spans[0][1] and d.spans[0][0] < f.end for f in flags)
        if d.trap:
            trapped += [d.id] if hit else []
        else:
            found[d.kind][0] += hit
            found[d.kind][1] += 1
    assert trapped == []
    for kind, (hit, n) in found.items():
        assert n and hit / n >= H3_FLOOR[kind], (kind, hit, n)


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Clinical reviewer's note: the second bullet overstates the benefit, suggest 'may help'."),
    ("de", "Lena, kannst du die Einleitung noch etwas straffen?"),
])
def test_a_note_about_a_part_of_the_page_reads_it_as_words_about_the_copy(lang, note):
    """A bullet, an intro, a chart or a reference is part of the copy as a paragraph is: a
    reviewer's remark or a request naming one is a note."""
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "text", "note"), [
    ("en", "Dear Dr Ellis: “My wife says I should cut out coffee completely. Is that really necessary?”",
     "Dear Dr Ellis: can you cut this paragraph? Is that really necessary?"),
    ("fr", "Inès : « Faut-il vraiment couper ce passage du traitement ? »",
     "Inès : faut-il vraiment couper ce passage ?"),
])
def test_a_request_in_quotation_marks_after_an_address_is_someone_elses(lang, text, note):
    """What follows an address in quotation marks (a reader's letter to a columnist) is the
    quoted person's request, not one to the person addressed; the same words unquoted are."""
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


def test_a_name_closing_a_list_is_no_address():
    """"Sources : HAS, Inserm." ends a list with a name; a name closing a remark after a clause
    ("…, no rush though, Hamid.") or a request is addressed."""
    assert notes.read("Article rédigé par Claire Dubois. Sources : HAS, Inserm.", lambda w: False,
                      notes.words_for(CFG, "fr")) == notes.NOTHING
    remark = notes.read("This could do with a more recent reference, no rush though, Hamid.", lambda w: False,
                        notes.words_for(CFG, "en"), lambda name: 1)
    assert remark.address and remark.asks
    assert [f.kind for f in flags_in("fr", "Relecture : il manque la source de ce chiffre, Inès ?")] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "note"), [
    ("es", "Reformula este párrafo, Nuria, que suena a publicidad."),
    ("fr", "On garde cette citation, Dr Faure, ou vous préférez la reformuler ?"),
])
def test_a_name_between_commas_in_a_request_or_question_is_addressed(lang, note):
    """A name set off by commas inside a sentence that opens on a request or asks a question is
    the one spoken to; between commas in a statement a name is an apposition."""
    assert [(f.rule, f.quote) for f in flags_in(lang, note)] == [("editorial.addressed-note", note)]
    for text in ("The lead author, Dr Faure, said the quote in this paragraph was accurate.",
                 "Need captions in Spanish, Italian, or Thai?",
                 "Send us the files — photos, copy, booking links — to make the page easy to publish."):
        assert notes.read(text, lambda w: False, notes.words_for(CFG, "en")) == notes.NOTHING


def test_a_german_word_about_the_copy_may_close_a_compound():
    """"Zeichenzahl" is a word about the copy as "Zahl" is; "Einsatz" and "Kontext" close on one
    after a prefix, not a modifier, and are not."""
    w = notes.words_for(CFG, "de")
    note = "Katrin, bitte noch mal auf die Zeichenzahl schauen, wir sind drüber."
    assert notes.read(note, lambda x: False, w).copy > 0
    assert [(f.rule, f.quote) for f in flags_in("de", note)] == [("editorial.addressed-note", note)]
    assert notes.read("Katrin, bitte den Einsatz im Kontext erklären.", lambda x: False, w).copy == 0


def test_an_interjection_before_a_role_is_a_greeting():
    """"Ojo, redacción:" calls the desk's attention as "Hola, redacción:" greets it."""
    note = "Ojo, redacción: el titular supera los caracteres permitidos."
    assert [(f.rule, f.quote) for f in flags_in("es", note)] == [("editorial.addressed-note", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Correction: an earlier version of this article gave the wrong dose."),
    ("fr", "Rectificatif : une version précédente de cet article indiquait une mauvaise dose."),
])
def test_a_label_that_is_a_word_of_the_language_is_no_name(lang, text):
    """A label's word far more frequent in the article's language than in the others is the
    publication's label, not a colleague's name; a name travels between languages."""
    assert notes.own_word(text.split()[0].rstrip(":"), lang)
    assert flags_in(lang, text) == []


@pytest.mark.parametrize(("lang", "note"), [
    ("es", "Lucía: ¿puedes confirmar esta cifra con la fuente original?"),
    ("en", "Ifeoma: can you check this figure against the original source?"),
    ("fr", "Inès : peux-tu vérifier ce chiffre dans la source ?"),
])
def test_a_name_as_a_label_stays_an_address(lang, note):
    assert not notes.own_word(note.split()[0].rstrip(":"), lang)
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Photo: Getty Images. A nurse takes a blood sample from a patient's arm."),
    ("en", "Picture: a GP checks a toddler's ears (Alamy)"),
    ("de", "Foto: dpa / Anna Lenz. Ein Arzt misst bei einem Kind Fieber."),
    ("fr", "Image : le Dr Paul Morel, pneumologue, dans son service à Lille."),
    ("es", "Imagen: Europa Press. Una enfermera revisa la vacuna de un bebé."),
])
def test_a_caption_or_credit_is_no_note(lang, text):
    """A label naming a part of the page ("Photo:") over a name or a description, with nothing
    asked or pending, is the page's caption or credit: neither the rule nor the scorer reads it."""
    w = notes.words_for(CFG, lang)
    assert notes.read(text, lambda x: False, w).caption
    assert flags_in(lang, text) == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Photo: can we swap this for one without the hospital logo?"),
    ("en", "Photo: still waiting on the rights from the agency."),
    ("de", "Foto: Bitte austauschen, die Rechte fehlen noch."),
    ("es", "Ojo, redacción: el titular supera los caracteres permitidos."),
    ("en", "Picture desk: please swap this photo for one without the logo."),
])
def test_a_part_of_the_page_as_a_label_with_something_asked_is_a_note(lang, note):
    w = notes.words_for(CFG, lang)
    assert not notes.read(note, lambda x: False, w).caption
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "{Rob, please ask the press office to sign off this quote}"),
    ("en", "NB for subs – keep the British spelling of anaemia throughout."),
    ("en", "Health desk: please cut this section to 300 words."),
    ("de", "{Anja – bitte die Quelle für diese Zahl ergänzen}"),
])
def test_a_brace_aside_a_nota_bene_and_a_qualified_desk_are_addresses(lang, note):
    """A draft's comment in braces is an aside as one in brackets is; "NB" names a note as
    "Note" does; a desk named with one word that qualifies it ("Health desk:") is a desk."""
    assert [(f.kind, f.rule) for f in flags_in(lang, note)] == [("editorial_note", "editorial.addressed-note")]


def test_a_role_with_a_possessive_before_it_or_in_a_title_is_no_desk():
    """"Your care team:" is the reader's own team, as "Our care team:" is the page's; "Interior
    Design:" is a section's title."""
    assert flags_in("en", "Your care team: they will explain the results at your next visit.") == []
    w = notes.words_for(CFG, "en")
    assert notes.read("Interior Design: please check the photos and the layout of each room.", lambda x: False, w).address == 0
    assert notes.read("Interior design: please check the photos and the layout here.", lambda x: False, w).address
    assert notes.read("(Photo Credit: Melissa Zink Photography)", lambda x: False, w).address == 0


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Dear Professor Hughes, could you check this figure against the trial?"),
    ("de", "Hallo Frau Prof. Keller, könnten Sie die Quelle zur Dosierung noch ergänzen?"),
    ("fr", "Bonjour Monsieur Lambert, pourriez-vous relire ce paragraphe avant la publication ?"),
    ("es", "Hola, doctor Vidal, ¿puede revisar la cifra de este párrafo?"),
])
def test_a_greeting_with_titles_written_out_addresses_a_colleague(lang, note):
    """Titles written out ("Madame", "doctor", "Professor") and two of them ("Frau Prof.")
    stand before the name a greeting addresses: the rule reads the address, not only the learned scorer."""
    w = notes.words_for(CFG, lang)
    assert w is not None
    assert notes.read(note, lambda word: False, w).address == notes.ADDRESS_NAME
    assert [(f.kind, f.quote, f.rule) for f in flags_in(lang, note)] == [("editorial_note", note, "editorial.addressed-note")]


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Liebe Frau Doktor, mein Sohn hustet seit Wochen. Was kann ich tun?"),
    ("es", "Querida doctora, ¿es normal sangrar por la nariz tan a menudo?"),
    ("fr", "Chère Madame, ces douleurs doivent être examinées par votre médecin."),
])
def test_a_title_alone_after_a_greeting_is_no_name(lang, text):
    """A reader's letter to "Frau Doktor", a doctor's answer to "Madame": a title is nobody's name."""
    w = notes.words_for(CFG, lang)
    assert w is not None
    assert notes.read(text, lambda word: False, w).address == 0.0
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "[Comment by Jo Fraser]: can we cut this paragraph to two lines?"),
    ("de", "Anmerkung von Dr. Paul Weiß: Bitte die Zahl im zweiten Absatz prüfen."),
    ("fr", "Commentaire de Nina Roux : il manque la source de ce chiffre."),
    ("es", "Comentario de Ana Gil: ¿podemos acortar este apartado?"),
])
def test_a_comment_signed_by_its_author_is_a_note(lang, note):
    """A document editor's comment pasted with its author ("[Comment by …]:") is on the copy."""
    w = notes.words_for(CFG, lang)
    assert w is not None
    reading = notes.read(note, lambda word: False, w)
    assert (reading.address, reading.labelled) == (notes.ADDRESS_ROLE, notes.LABELLED)
    assert [(f.kind, f.quote) for f in flags_in(lang, note)] == [("editorial_note", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Comment by Dr Sarah Jones: most people recover within a week."),
    ("es", "Comentario de un lector: ¿esto vale también para los niños?"),
    ("fr", "Réponse du Dr Leroux : « Chère Madame, ces douleurs doivent être examinées. »"),
])
def test_an_experts_signed_comment_or_a_readers_question_is_no_note(lang, text):
    """A signed comment that asks nothing of the copy (an expert's view), a reader's (no name)
    and a doctor's answer in quotation marks are the page's own."""
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Web team: this needs to go out with the updated infographic, not the old one."),
    ("fr", "Maquette : à revoir avant le bouclage."),
    ("es", "Equipo web: publicar solo con la infografía nueva."),
])
def test_a_desk_told_what_is_still_to_do_is_a_note(lang, note):
    """An infinitive after "à" is what is still to do ("à raccourcir"), publishing is an
    instruction's infinitive, and an infographic is a part of the copy."""
    w = notes.words_for(CFG, lang)
    assert w is not None
    assert notes.read(note, lambda word: False, w).request == notes.REQUEST
    assert [(f.kind, f.quote, f.rule) for f in flags_in(lang, note)] == [("editorial_note", note, "editorial.addressed-note")]


def test_an_infinitive_after_a_that_is_advice_to_the_reader_is_no_note():
    assert [f for f in flags_in("fr", "Conseil : à prendre au cours du repas.") if f.kind == "editorial_note"] == []


def _thread(lang: str, lines: list[str]):
    blocks = [Block("paragraph", CONTEXT[lang][0]), *[Block("paragraph", t) for t in lines], Block("paragraph", CONTEXT[lang][1])]
    text = join_blocks(blocks)
    return [(f.rule, f.quote) for f in detect(text, blocks, CFG, lang) if f.kind == "editorial_note"]


def test_a_signed_reply_under_a_note_carries_its_thread_on():
    comment = "Kommentar von Eva Roth: Bitte die Quelle im zweiten Absatz ergänzen."
    reply = "Antwort von Jan Berg: Erledigt, Link ist drin."
    assert _thread("de", [comment, reply]) == [("editorial.addressed-note", comment), ("editorial.thread-reply", reply)]


def test_a_signed_answer_under_no_note_is_the_pages_own():
    """A doctor's answer and a reader's thanks, signed, are a published Q&A, not a thread of notes."""
    assert _thread("fr", ["Réponse du Dr Leroux : il faut consulter rapidement.", "Réponse de Marie Dupont : merci docteur."]) == []


@pytest.mark.parametrize(("lang", "note"), [
    ("es", "Nuria, acorta este bloque, se hace largo."),
    ("de", "@Schlussredaktion: Schreibweise der Dosierung vereinheitlichen"),
    ("fr", "Maquette : harmoniser les intertitres."),
])
def test_a_block_of_copy_and_making_it_consistent_are_editorial(lang, note):
    """"bloque" is a part of the copy; making spellings consistent is an instruction's infinitive."""
    assert [(f.kind, f.quote, f.rule) for f in flags_in(lang, note)] == [("editorial_note", note, "editorial.addressed-note")]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Suggestion from the reviewer: swap “sufferers” for “people with psoriasis”."),
    ("de", "[Kommentar Fachlektorat] Bitte ergänzen, dass das nicht bei Blutverdünnern gilt."),
    ("fr", "[Commentaire relecture médicale] Préciser que c'est déconseillé sous anticoagulants."),
    ("es", "Propuesta de la revisora: poner «personas con psoriasis» en vez de «enfermos»."),
])
def test_a_reviewers_suggestion_or_a_label_closed_by_its_bracket_is_a_note(lang, note):
    """A word for a suggestion names a comment as "Comment" does; a label a comment tool closes
    with its bracket is read as one closed by a colon; in German a role may close a compound."""
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "[Image] A nurse checks the blood pressure of a patient at the clinic."),
    ("de", "[Anzeige] Bitte beachten Sie unsere Hinweise zum Datenschutz."),
])
def test_a_bracketed_word_that_names_no_role_is_no_label_of_a_note(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "text", "block_type"), [
    ("en", "Diagnosis (to do: ask Ellie for the flowchart)", "heading"),
    ("en", "About 30 per cent of patients (check) have a second attack within a year.", "paragraph"),
    ("de", "Weltweit sind etwa 300 Millionen Menschen betroffen (noch nachschlagen).", "paragraph"),
    ("fr", "Diagnostic (à faire : récupérer le schéma auprès de Manon)", "list_item"),
    ("es", "Afectan a unos 300 millones de personas en el mundo (comprobar).", "paragraph"),
])
def test_a_writers_task_in_brackets_is_a_note(lang, text, block_type):
    """A bracket opening on a task's label before its colon, or holding nothing but an
    instruction and words of what is still pending, is a task left in the copy."""
    found = [f for f in flags_in(lang, text, block_type) if f.kind == "editorial_note"]
    assert [f.rule for f in found] == ["editorial.bracketed-task"]


@pytest.mark.parametrize(("lang", "text", "quote"), [
    ("en", "Up to 1 in 10 adults get shingles by the age of 60 [citation needed].", "[citation needed]"),
    ("en", "Flare-ups are worse in the winter months (ref needed – which cohort study?).", "(ref needed – which cohort study?)"),
    ("de", "Ein Drittel der Betroffenen hat keine Beschwerden [Nachweis erforderlich].", "[Nachweis erforderlich]"),
    ("fr", "Un tiers des patients n'a aucun symptôme [références ?].", "[références ?]"),
    ("es", "Un tercio de los pacientes no tiene síntomas [falta la referencia].", "[falta la referencia]"),
])
def test_a_bracket_asking_for_a_citation_is_a_note(lang, text, quote):
    """A bracket whose opening words name a citation and say it is lacking or asked for."""
    found = [f for f in flags_in(lang, text) if f.kind == "editorial_note"]
    assert [(f.rule, f.quote) for f in found] == [("editorial.citation-wanted", quote)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Up to 1 in 10 adults get shingles by the age of 60 [12]."),
    ("en", "Up to 1 in 10 adults get shingles by the age of 60 (Source: NHS England, 2023)."),
    ("de", "Ein Drittel der Betroffenen hat keine Beschwerden [Quelle: RKI]."),
    ("fr", "Un tiers des patients n'a aucun symptôme (source : HAS)."),
    ("es", "Un tercio de los pacientes no tiene síntomas (fuente: OMS, 2022)."),
])
def test_a_citation_given_in_brackets_is_no_note(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "If the rash spreads (see below), call your GP."),
    ("en", "Take the tablets with food (check with your pharmacist if you are unsure)."),
    ("de", "Messen Sie den Blutdruck morgens (prüfen Sie die Werte zweimal)."),
    ("fr", "Buvez beaucoup d'eau (vérifiez la couleur de vos urines)."),
])
def test_an_instruction_in_brackets_to_the_reader_is_the_pages_advice(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Is this the figure you had in your slides, Professor Adeyemi?"),
    ("en", "[Comment – medical reviewer] Please add that this isn't advised for people on blood thinners."),
])
def test_a_title_written_out_before_a_closing_name_and_a_bracketed_label_with_a_dash(lang, note):
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


def test_a_closing_name_after_a_title_in_a_statement_is_no_note():
    assert "editorial_note" not in [f.kind for f in flags_in("en", "The study was led by a team at Leeds, Professor Adeyemi.")]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Quote from the consultant to come."),
    ("de", "Zitat des Chefarztes folgt."),
    ("fr", "Citation du chef de service à venir."),
    ("es", "Cita del jefe de servicio pendiente."),
])
def test_a_short_line_naming_a_part_of_the_copy_still_to_come_is_a_note(lang, note):
    found = [f for f in flags_in(lang, note) if f.kind == "editorial_note"]
    assert len(found) == 1


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "More details to follow."),
    ("en", "Your test results may take a week to come back, so ask when to call for them and what the next step is."),
    ("fr", "Les résultats de votre prise de sang sont à venir ?"),
])
def test_a_line_with_nothing_of_the_copy_or_addressed_to_the_reader_is_no_pending_copy(lang, text):
    assert "editorial.pending-copy" not in [f.rule for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note", "rule"), [
    ("en", "Swapped “most” for “many” in this line – Priya. Keep or undo?", "editorial.tracked-change"),
    ("en", "Removed the second example (KT) – ok?", "editorial.tracked-change"),
    ("de", "Entfernt von Jonas: der Satz zur Ernährung – so übernehmen?", "editorial.tracked-change"),
    ("fr", "Supprimé « souvent » dans le titre – Maëlle. On garde ou on annule ?", "editorial.tracked-change"),
    ("es", "Modificado el dato de la dosis – Lorena. ¿Lo aprobamos o lo deshacemos?", "editorial.tracked-change"),
])
def test_a_tracked_change_left_to_a_colleagues_decision_is_a_note(lang, note, rule):
    assert notes._desk_rule(note, notes.words_for(CFG, lang)) == rule
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "note"), [
    ("de", "Tabelle zu den Laborwerten nach unten verschoben – Petra"),
    ("de", "Zwei Beispiele aus dem Fazit gestrichen (KW)"),
    ("fr", "Intertitre sur le sommeil raccourci par Inès – on garde ?"),
    ("es", "Dato de la dosis actualizado por Marta, ¿lo aprobamos?"),
    ("en", "Second example trimmed by Jo – OK?"),
])
def test_a_change_named_after_what_was_changed_and_closed_by_its_participle_is_a_tracked_change(lang, note):
    """The clause closes on the change's participle (German sets it last; any language may name the thing
    changed first), with its author after a word of `by` or not, then a signature or a decision asked."""
    assert notes._desk_rule(note, notes.words_for(CFG, lang)) == "editorial.tracked-change"
    assert [f.rule for f in flags_in(lang, note)] == ["editorial.tracked-change"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Page last updated by the NHS website editorial team."),
    ("en", "Was your appointment moved?"),
    ("de", "Zuletzt aktualisiert – Juni 2024"),
    ("de", "Die Praxis ist umgezogen (neue Adresse siehe unten)."),
    ("fr", "Le traitement est-il modifié ?"),
])
def test_a_closing_participle_with_no_decision_or_signature_is_no_tracked_change(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Added sugar is any sugar put into food during processing. Should you keep it or cut it out?"),
    ("en", "Changed bowel habits – lasting more than three weeks – should be checked by a doctor."),
    ("de", "Ersetzt wird das Gelenk nur, wenn andere Behandlungen nicht mehr helfen."),
    ("fr", "Modifié par la chaleur, le médicament peut perdre de son efficacité."),
])
def test_an_opening_participle_with_no_decision_or_signature_is_no_tracked_change(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note", "rule"), [
    ("en", "Memo to self – chase the author for the revised chart.", "editorial.self-note"),
    ("de", "Erinnerung an mich: die neue Leitlinie nachschlagen.", "editorial.self-note"),
    ("es", "Recordatorio para mí: buscar el informe de sanidad de este año.", "editorial.self-note"),
    ("en", "Need to get sign-off from the clinical lead before Friday.", "editorial.reminder"),
    ("fr", "Ne pas oublier de demander la validation au service juridique.", "editorial.reminder"),
    ("es", "Tengo que confirmar la cita con el jefe de servicio.", "editorial.reminder"),
])
def test_a_note_to_self_and_a_reminder_about_the_copy_are_notes(lang, note, rule):
    assert notes._desk_rule(note, notes.words_for(CFG, lang)) == rule
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Remember to bring a list of your medicines and the photo of your rash."),
    ("en", "Must-have items for your hospital bag include a phone charger."),
    ("de", "Muss ich vor der Untersuchung nüchtern sein? Ja, sechs Stunden vorher."),
    ("fr", "Penser à boire régulièrement, même sans soif."),
    ("es", "Tengo que tomar la pastilla en ayunas, ¿verdad? Sí, media hora antes del desayuno."),
])
def test_a_reminder_to_the_reader_or_about_the_body_is_no_note(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note", "block_type"), [
    ("en", "Complications – insert the figures from the 2023 audit", "heading"),
    ("en", "Who is at risk – examples still missing", "list_item"),
    ("de", "Behandlung – aktuelle Daten der Fachgesellschaft nachtragen", "heading"),
    ("fr", "Prévention – il manque les chiffres de Santé publique France", "list_item"),
    ("fr", "Traitements – étoffer ce passage", "paragraph"),
    ("es", "Prevención – faltan los datos del ministerio", "heading"),
])
def test_a_sections_label_with_the_writers_task_after_a_dash_is_a_note(lang, note, block_type):
    assert notes._desk_rule(note, notes.words_for(CFG, lang)) == "editorial.label-task"
    assert [f.kind for f in flags_in(lang, note, block_type)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "text", "block_type"), [
    ("en", "Treatment – more research needed", "heading"),
    ("en", "Eating well – add more vegetables and whole grains to every meal", "list_item"),
    ("en", "Burns – cool the area under running water for 20 minutes", "list_item"),
    ("en", "Team culture – work is shaped by what the client needs", "list_item"),
    ("fr", "Bien s'hydrater – ajouter de l'eau à vos repas", "list_item"),
    ("es", "Ejercicio – añada un paseo diario a su rutina", "list_item"),
])
def test_a_label_over_advice_or_a_statement_is_no_task(lang, text, block_type):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text, block_type)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Fibre – add more vegetables, beans and oats to every meal"),
    ("en", "Salt – cut down on processed foods and ready meals"),
    ("en", "Caffeine – swap the afternoon coffee for water"),
])
def test_one_word_and_a_dash_over_advice_is_a_label_not_a_name_told_a_task(text, lang):
    """A word the article never writes in lower case, a dash, an imperative that names nothing of
    the copy but by its own verb ("cut down"): a list's label over its advice."""
    for block_type in ("list_item", "paragraph"):
        assert "editorial_note" not in [f.kind for f in flags_in(lang, text, block_type)]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Tom – trim the intro"),
    ("en", "Priya – cut this paragraph down to 80 words"),
    ("en", "Maria - is this quote cleared with legal?"),
])
def test_a_name_and_a_dash_over_a_task_on_the_copy_is_still_a_note(lang, note):
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Support services (phone numbers tbc)"),
    ("fr", "Associations de patients (liens à venir)"),
])
def test_a_bracket_naming_a_part_still_to_come_is_a_task(lang, note):
    assert notes._task(note[note.index("(") + 1:-1], notes.words_for(CFG, lang))
    assert "editorial_note" in [f.kind for f in flags_in(lang, note, "list_item")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Oh, and what about the side effects of the tablets?"),
    ("en", "Albert, 70, asks: Why do my knees ache in the morning?"),
    ("en", "Pregnant, or hoping to become pregnant soon?"),
])
def test_an_interjection_an_askers_age_or_a_word_of_the_language_opening_a_question_addresses_no_colleague(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note", "rule"), [
    ("en", "Priya Shah, 9:12 AM: Do we have the date of the trial?", "editorial.stamped-comment"),
    ("de", "Lena Vogt, 14:03: Stimmt die Dosis für Kinder?", "editorial.stamped-comment"),
    ("en", "Change: removed the line on vitamin C (AB) – accept?", "editorial.tracked-change"),
    ("en", "Need a photo of the inhaler for this section before it goes up.", "editorial.reminder"),
])
def test_a_comment_with_its_author_and_time_a_labelled_change_and_a_need_are_notes(lang, note, rule):
    assert notes._desk_rule(note, notes.words_for(CFG, lang)) == rule
    assert [f.kind for f in flags_in(lang, note)] == ["editorial_note"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Monday, 9:30 AM: Registration and coffee in the main hall."),
    ("en", "Need help paying for prescriptions? You may be able to get them free."),
])
def test_a_programmes_time_and_a_readers_need_are_no_notes(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Embargoed until Thursday's conference – not for publication"),
    ("de", "Einwilligung der Familie fehlt noch – nicht online stellen"),
    ("fr", "Accord de la famille pas encore reçu – ne pas mettre en ligne"),
    ("es", "Pendiente de la firma de la familia: no publicar la entrevista"),
    ("es", "Cita pendiente de confirmar, no publicar todavía."),  # (the learned scorer's before the rule)
])
def test_a_line_holding_the_copy_back_from_publication_is_a_note(lang, note):
    """Words holding the copy back from publication, closing the line or beside a word of what is
    pending or of the copy's making."""
    found = [f for f in flags_in(lang, note) if f.kind == "editorial_note"]
    assert [(f.rule, f.quote) for f in found] == [("editorial.hold", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Do not post photos of other patients on social media."),
    ("en", "Please don't publish your test results on forums without thinking it through."),
    ("fr", "Ne pas diffuser de photos d'enfants malades sur les réseaux sociaux."),
    ("es", "No publicar fotos de otros pacientes en redes sociales."),
])
def test_advice_not_to_share_something_is_no_hold(lang, text):
    assert "editorial_note" not in [f.kind for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Please double-check: was it 2019 or 2021?"),
    ("de", "Bitte noch prüfen: Stammt die Zahl aus der Studie von 2019?"),
    ("fr", "À vérifier : le chiffre vaut-il aussi pour les enfants ?"),
])
def test_a_check_asked_for_over_a_question_on_the_facts_is_a_note(lang, note):
    assert [f.rule for f in flags_in(lang, note)] == ["editorial.check-label"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Check: Is the swelling getting worse after a few days?"),
    ("en", "Please check: are you drinking enough water?"),
    ("fr", "À vérifier : votre tension est-elle stable le matin ?"),
])
def test_a_checklists_question_to_the_reader_is_no_check_label(lang, text):
    assert "editorial.check-label" not in [f.rule for f in flags_in(lang, text)]


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Crop the top photo so the patient's wristband is out of shot"),
    ("en", "Shrink the chart to a single column on mobile."),
    ("de", "Foto enger zuschneiden, das Praxisschild ist lesbar"),
    ("de", "Infokasten um drei Zeilen kürzen"),
    ("fr", "Photo à recadrer sur le visage du médecin"),
    ("fr", "Redimensionner le graphique sur deux colonnes."),
    ("es", "Recortar la entradilla a tres líneas"),
    ("es", "Gráfico: reducir a media página"),
])
def test_a_note_to_cut_crop_or_resize_a_part_of_the_page_is_flagged(lang, note):
    found = [f for f in flags_in(lang, note) if f.kind == "editorial_note"]
    assert [(f.rule, f.quote) for f in found] == [("editorial.layout", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Crop the photo of your rash so only the skin shows before you send it."),
    ("en", "Cut the gauze to size so it covers the whole wound."),
    ("en", "Surgeons cut the skin along the lines of the old scar."),
    ("de", "Schneiden Sie das Pflaster etwas größer als die Wunde zu."),
    ("fr", "Réduire les sucres aide à garder la ligne."),
    ("fr", "Coupez la compresse à la taille de la plaie."),
    ("es", "Reducir la sal ayuda a controlar el cuadro."),
    ("es", "Recorte el apósito un poco más grande que la herida."),
])
def test_advice_with_a_verb_of_cutting_or_a_word_of_the_page_is_no_layout_note(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "[b]Lisa Moreau, 14/03/2024 09:12: the link to the trial is dead"),
    ("de", "[c]Jonas Weber, 02.04.2024, 16:40: Tabelle ist veraltet"),
    ("es", "[AO2]Ana Ortega, 11:20 3 mayo 2024: este dato es de 2019"),
])
def test_a_comment_exported_with_its_anchor_author_date_and_time_is_flagged(lang, note):
    found = [f for f in flags_in(lang, note) if f.kind == "editorial_note"]
    assert [(f.rule, f.quote) for f in found] == [("editorial.stamped-comment", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "London, 12 March 2024 – The NHS has announced a new screening programme."),
    ("en", "Monday, 9:30: gentle yoga for beginners in the community hall."),
])
def test_a_dateline_or_a_timetable_is_no_exported_comment(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Check the child doses against the BNF before sign-off"),
    # (the learned scorer's before the rule: test_note_model had it)
    ("en", "Not sure this figure is still current, worth checking the latest report before it goes live."),
    ("fr", "Chiffres à vérifier avant le bouclage"),
    ("es", "Cifras pendientes de comprobar antes del cierre"),
])
def test_a_check_asked_before_the_desks_deadline_is_flagged(lang, note):
    found = [f for f in flags_in(lang, note) if f.kind == "editorial_note"]
    assert [(f.rule, f.quote) for f in found] == [("editorial.deadline-check", note)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "All doses were checked by two pharmacists before sign-off."),
    ("es", "Revisar el apósito antes del cierre de la herida."),
    ("fr", "Vérifiez vos réglages avant la mise en ligne de votre site."),
])
def test_a_check_told_done_or_a_readers_check_is_no_deadline_note(lang, text):
    """The rule's alone: the learned scorer flags the first two (on main too)."""
    assert [f for f in flags_in(lang, text) if f.rule == "editorial.deadline-check"] == []
