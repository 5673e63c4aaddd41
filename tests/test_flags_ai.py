"""ai_leftover on real article text: the assistant speaking of itself to the one who asked
(an offer to write more, its own data, its hope that the answer helps, a disclaimer before
its answer), in four languages; a writer's own closing and a patient's words are no chatbot's."""

from __future__ import annotations

import pytest

from ascurate.config import load_config

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


HOSTS = language_hosts()


def ai_flags(language: str, extra: str) -> list:
    return planted_flags(HOSTS[language], extra, "ai_leftover", language, CFG)


def _flagged_whole(language: str, text: str) -> bool:
    """One ai_leftover flag, quoting the planted sentence whole."""
    flags = ai_flags(language, text)
    return len(flags) == 1 and flags[0].quote.strip(" .!:¡") == text.strip(" .!:¡")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "If you want, I can also draft a meta description and three title options."),
    ("en", "Keep in mind that my knowledge has a cutoff date and guidelines may have changed since."),
    ("en", "I hope this gives you a good starting point for your article!"),
    ("de", "Wenn du möchtest, kann ich noch eine Einleitung und ein Fazit ergänzen."),
    ("de", "Ich bin kein Arzt, aber hier sind einige allgemeine Hinweise."),
    ("de", "Bitte beachte, dass meine Daten nicht tagesaktuell sind."),
    ("fr", "Si vous le souhaitez, je peux aussi proposer un titre et une méta-description."),
    ("fr", "Je ne suis pas médecin, mais voici quelques informations générales."),
    ("es", "Si lo deseas, puedo redactar también una introducción y una conclusión."),
    ("es", "Ten en cuenta que mis datos tienen una fecha de corte y pueden no estar actualizados."),
    ("es", "No dudes en preguntarme si quieres más detalles."),
])
def test_the_assistant_speaking_of_itself_is_flagged(language, text):
    assert _flagged_whole(language, text)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I hope this guide helps you feel more confident about your first appointment."),
    ("en", "I can add a pinch of salt, but the recipe works without it."),
    ("de", "Ich bin keine Ärztin, aber ich kenne meinen Körper inzwischen sehr gut."),
    ("es", "Puedo caminar sin dolor desde la operación."),
])
def test_a_writers_closing_or_a_patients_words_are_not_a_chatbots(language, text):
    assert ai_flags(language, text) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I simplified the wording of each section so it reads at a lower grade."),
    ("de", "Ich habe Ihren Text gekürzt und die Fachbegriffe vereinfacht."),
    ("fr", "J'ai reformulé votre introduction pour la rendre plus directe."),
    ("es", "He acortado tu introducción y he suavizado el tono."),
    ("fr", "Indiquez-moi si vous préférez une version plus courte."),
    ("es", "Dime si prefieres que lo convierta en una lista."),
    ("de", "Ich bin kein Arzt, kann aber die gängigen Therapien kurz zusammenfassen."),
])
def test_the_assistant_reporting_its_edit_or_asking_what_the_requester_wants_is_flagged(language, text):
    """A chat turn's structure: the first person with a verb of editing and a part of the copy
    handed back, or the requester asked to say what they want; and a disclaimer followed by
    what the assistant can do."""
    assert _flagged_whole(language, text)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I've rewritten this article to include the 2024 guidance."),
    ("en", "I adjusted the dose with my doctor after the first week."),
    ("de", "Sagen Sie Ihrem Arzt Bescheid, wenn die Beschwerden zunehmen."),
    ("fr", "J'ai adapté mon alimentation après le diagnostic."),
    ("es", "He revisado mis análisis con el médico de cabecera."),
])
def test_a_writers_update_a_patients_own_changes_or_advice_to_tell_the_doctor_are_not_a_chatbots(language, text):
    assert ai_flags(language, text) == []


@pytest.mark.parametrize(("language", "text", "quoted"), [
    ("en", "Asked about the pills, one assistant answered “As an AI, I can't assess your symptoms” and stopped.",
     "As an AI, I can't assess your symptoms."),
    ("en", "Some chatbots end with lines like 'I hope this helps!' even after a wrong dose.", "I hope this helps!"),
    ("de", "Der Chatbot schrieb: „Als KI-Sprachmodell kann ich keine Diagnose stellen.“",
     "Als KI-Sprachmodell kann ich keine Diagnose stellen."),
    ("es", "El asistente contestó «Como modelo de lenguaje, no puedo dar consejos» y nada más.",
     "Como modelo de lenguaje, no puedo dar consejos."),
])
def test_an_article_quoting_a_chatbot_is_not_one(language, text, quoted):
    """Quoted speech reports what a chatbot said; the same words unquoted are its leftover."""
    assert ai_flags(language, text) == []
    assert ai_flags(language, quoted) != []


def _rules_of(language: str, text: str, block_type: str = "paragraph") -> set[str]:
    from .corpus_pages import planted_flags

    return {f.rule for f in planted_flags(HOSTS[language], text, "ai_leftover", language, CFG, block_type)}


@pytest.mark.parametrize(("language", "text", "block_type"), [
    ("en", "**Headline:** Seven small habits that protect your heart", "heading"),
    ("en", "Focus keyword: iron deficiency symptoms", "paragraph"),
    ("en", "Word count: roughly 720", "paragraph"),
    ("de", "**Überschrift:** So schützen Sie Ihre Gelenke im Winter", "heading"),
    ("de", "Eingebaute Keywords: Gelenkschmerzen, Arthrose, Bewegung", "paragraph"),
    ("fr", "Méta-titre : Comment soulager une entorse à la maison", "paragraph"),
    ("fr", "**Titre :** Dormir mieux quand on travaille de nuit", "heading"),
    ("es", "Número de palabras: 540", "paragraph"),
    ("es", "**Titular:** Cinco claves para cuidar la espalda", "heading"),
])
def test_a_content_briefs_label_left_around_the_copy_is_flagged(language, text, block_type):
    """The fields of the brief a chatbot answered (its title, meta description, keywords,
    word count), in markdown bold or as plain labels, in a heading or a paragraph."""
    assert "ai.copy-label" in _rules_of(language, text, block_type)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Keywords: asthma; children; inhaled corticosteroids"),
    ("en", "**Abstract:** We compared two inhalers in 300 children over a year."),
    ("fr", "Mots-clés : sommeil, adolescents, écrans"),
    ("de", "Schlüsselwörter: Diabetes, Fußpflege"),
    ("en", "The consent form's word count was cut by half after patients found it too long."),
])
def test_a_papers_keywords_or_abstract_are_no_brief(language, text):
    assert "ai.copy-label" not in _rules_of(language, text)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm not able to write content suggesting that vitamins replace chemotherapy."),
    ("de", "Ich kann leider keine Texte mit Heilversprechen verfassen."),
    ("fr", "Je ne peux pas produire un contenu qui déconseille la vaccination."),
    ("es", "No puedo escribir un texto que prometa curar la diabetes."),
    ("en", "I can't provide individual dosing recommendations for your patients."),
])
def test_the_assistant_declining_to_write_is_flagged(language, text):
    assert _flagged_whole(language, text)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I can't write this post without thanking the nurses who cared for me."),
    ("en", "I can't provide a urine sample without drinking a glass of water first."),
    ("fr", "Je ne peux pas écrire sans mes lunettes depuis l'opération."),
    ("es", "No puedo escribir con la mano derecha desde el ictus."),
    ("en", "As a GP, I can't recommend taking these two painkillers together."),
])
def test_a_writer_or_a_patient_unable_to_do_something_is_no_refusal(language, text):
    assert ai_flags(language, text) == []


@pytest.mark.parametrize(("language", "text", "rule"), [
    ("en", "(Word count: 642)", "ai.length-note"),
    ("en", "[Approx. 1,800 characters including spaces]", "ai.length-note"),
    ("de", "(ca. 900 Wörter)", "ai.length-note"),
    ("fr", "(Nombre de mots : 520)", "ai.length-note"),
    ("es", "(Unas 900 palabras)", "ai.length-note"),
    ("en", "[Output truncated due to length. Ask me to continue.]", "ai.cut-off"),
    ("de", "Die Antwort wurde wegen der Längenbegrenzung gekürzt.", "ai.cut-off"),
    ("fr", "[Réponse tronquée en raison de sa longueur. Tapez « continuer ».]", "ai.cut-off"),
    ("es", "La respuesta se cortó por el límite de longitud.", "ai.cut-off"),
    ("en", "Edits: removed the repetition in paragraph two and softened the tone.", "ai.edit-log"),
    ("de", "Änderungen: Einleitung gekürzt, Fachbegriffe erklärt.", "ai.edit-log"),
])
def test_a_chatbots_notes_on_its_answer_are_flagged(language, text, rule):
    assert rule in {f.rule for f in planted_flags(HOSTS[language], text, "ai_leftover", language, CFG)}


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Abstracts should be no longer than 250 words."),
    ("en", "Write a short summary (about 300 words) of how your symptoms started."),
    ("en", "The nerve's response was cut off by the tourniquet."),
    ("en", "Changes: added the 2025 vaccine schedule and updated the list of clinics."),
    ("de", "Leserbriefe sollten 400 Wörter nicht überschreiten."),
    ("fr", "Lire la suite : la page suivante explique le déroulement de l'examen."),
])
def test_a_pages_own_limits_and_changes_are_no_chatbot_notes(language, text):
    assert planted_flags(HOSTS[language], text, "ai_leftover", language, CFG) == []


@pytest.mark.parametrize(("language", "text", "rule"), [
    ("en", "I'm sorry, but I can't help with writing that.", "ai.refusal"),
    ("de", "Es tut mir leid, bei dieser Frage kann ich nicht weiterhelfen.", "ai.refusal"),
    ("fr", "Désolé, je ne peux pas t'aider sur ce point.", "ai.refusal"),
    ("es", "Lo siento, pero no puedo responder a esa pregunta.", "ai.refusal"),
    ("en", "Drafted with ChatGPT, so please check the numbers.", "ai.model-credit"),
    ("de", "Text geschrieben mit Copilot.", "ai.model-credit"),
    ("fr", "Brouillon rédigé avec GPT-4, à vérifier.", "ai.model-credit"),
    ("es", "Contenido generado por Gemini.", "ai.model-credit"),
    ("en", "Fancy a more casual version for the blog?", "ai.bare-offer-en"),
    ("de", "Noch eine einfachere Variante für Kinder?", "ai.bare-offer-de"),
    ("fr", "On poursuit avec la section sur les effets secondaires ?", "ai.bare-offer-fr"),
    ("es", "¿Seguimos con la parte de la dieta?", "ai.bare-offer-es"),
    ("en", "This draft sticks to your outline and trims the longer sentences.", "ai.answer-on-itself"),
    ("es", "Este borrador conserva tus ideas, pero ajusta el tono.", "ai.answer-on-itself"),
])
def test_a_refusal_a_models_credit_an_agentless_offer_or_the_answer_on_itself_is_flagged(language, text, rule):
    """A chatbot's turn with no "I" as the agent of an edit: an apology before "I can't help",
    the model named as the maker, a version offered or the next part asked for by intonation,
    the answer telling what it kept."""
    assert rule in {f.rule for f in planted_flags(HOSTS[language], text, "ai_leftover", language, CFG)}


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Sorry, we are unable to answer questions about individual prescriptions."),
    ("de", "Entschuldigung, unsere Hotline ist heute nicht erreichbar."),
    ("fr", "Désolé, ce service n'est pas disponible le dimanche."),
    ("es", "Lo sentimos, no podemos atender consultas por teléfono."),
    ("en", "In one trial, replies generated by ChatGPT were preferred to doctors' replies."),
    ("en", "Image created with Gemini for illustration."),
    ("en", "Would you like a copy of this leaflet in large print? Ask the pharmacist."),
    ("de", "Möchten Sie weiterlesen? Melden Sie sich an."),
    ("fr", "Cette page vous a-t-elle été utile ?"),
    ("es", "¿Hay una versión para niños? Pregunte en recepción."),
    ("en", "This version of the guidance replaces the 2019 edition."),
])
def test_a_sites_apology_an_article_on_chatbots_help_text_or_a_survey_is_no_chatbot_turn(language, text):
    assert planted_flags(HOSTS[language], text, "ai_leftover", language, CFG) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I can also reformat this as a numbered checklist."),
    ("en", "Let me know if anything needs tweaking!"),
    ("en", "My knowledge only extends to 2023, so newer research may be missing."),
    ("en", "*(Approx. 350 words)*"),
    ("de", "Hier eine überarbeitete, kürzere Fassung:"),
    ("de", "Gib mir Bescheid, falls du noch Änderungen brauchst."),
    ("fr", "Dis-moi si tu souhaites d'autres modifications."),
    ("es", "Puedo pasarlo a formato de tabla si lo prefieres."),
    ("es", "Hasta donde llega mi información, la dosis recomendada es de 10 mg."),
])
def test_the_turn_asking_what_to_change_offering_a_format_or_dating_its_data(language, text):
    """An ask on a condition ("Let me know if …", "Dis-moi si …") beside an edit, an edit of
    format offered by the first person, the assistant's knowledge with where it ends, a
    presenting phrase without its verb ("Hier eine … Fassung:"), and a length note in markdown
    italics."""
    assert ai_flags(language, text)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Let me know if you have any questions about the recipe."),
    ("en", "Let us know if you need this leaflet in large print."),
    ("en", "I changed my diet after the diagnosis and felt better within weeks."),
    ("de", "Sagen Sie uns Bescheid, falls Sie einen Termin absagen müssen."),
    ("fr", "Dites-nous si vous avez besoin d'un interprète."),
    ("es", "Avísenos si necesita cambiar su cita."),
])
def test_a_readers_question_invited_or_a_writers_change_is_no_turn(language, text):
    assert ai_flags(language, text) == []
