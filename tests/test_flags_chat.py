"""ai_leftover from a chat turn's structure (flags/chat.py) on real article text: the
assistant as the agent of an operation on the text, the requester asked what they wish
or told to say so, the answer handed over, an opening interjection, a sign-off, in four
languages; an institution's "we", a reader told to act, a writer's sign-off on a blog
that speaks in the first person and articles about AI are no chatbot's."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.flags import ArticleView
from ascurate.flags.chat import chat_turns
from ascurate.model import Block

from .corpus_pages import language_hosts, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
HOSTS = language_hosts()


def ai_flags(language: str, extra: str) -> list:
    return planted_flags(HOSTS[language], extra, "ai_leftover", language, CFG)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Do you want me to condense the treatment section into five bullet points?"),
    ("en", "Here is the introduction rewritten for a younger audience:"),
    ("en", "Happy to help! If you need a shorter intro for social media, just ask."),
    ("de", "Wenn du möchtest, kann ich daraus auch eine Tabelle machen."),
    ("de", "Hier ist eine vereinfachte Fassung des zweiten Absatzes:"),
    ("de", "Lass mich wissen, ob ich den Ton noch anpassen soll."),
    ("fr", "Souhaitez-vous que j'ajoute un tableau des posologies ?"),
    ("fr", "Je peux aussi traduire cette section en anglais si besoin."),
    ("es", "¿Quieres que resuma el texto en cinco puntos?"),
    ("es", "Aquí tienes una versión más breve del primer párrafo:"),
    ("es", "Dime si prefieres un tono más cercano y lo reescribo."),
    # the assistant's own knowledge or its lack of access, and their currency
    ("en", "My training data may not be current, so double-check the dosage."),
    ("de", "Meine Daten sind womöglich nicht mehr aktuell, bitte prüfe die Leitlinie."),
    ("fr", "Je n'ai pas accès aux recommandations publiées après ma dernière mise à jour."),
    ("es", "No tengo acceso a las cifras más recientes del ministerio."),
    ("fr", "Souhaitez-vous que je modifie la conclusion ?"),
    # denying being a health professional, then offering what is generally done
    ("en", "I'm no doctor, but I can walk you through the usual first steps."),
    ("es", "No soy médica, pero puedo resumirte las pautas generales."),
    # an opener before a dash, an answer handed over for the requester's piece, a sentence-initial
    # capital on a cased entry ("Wenn Sie möchten"), the verb before its subject, the subjunctive
    ("en", "Of course — here's a version with simpler words for younger readers."),
    ("en", "Here's a more engaging opening paragraph for your post:"),
    ("en", "If you'd like, I can also suggest a catchy title for this article."),
    ("de", "Wenn Sie möchten, formuliere ich den Abschnitt noch etwas sachlicher."),
    ("de", "Ich hoffe, diese Version passt besser zu deinem Blog."),
    ("es", "¿Hay algo más que quieras que añada?"),
    ("fr", "Je peux rendre le ton plus chaleureux si tu veux."),
    # no browsing of the internet
    ("en", "I can't browse the internet, so these prices may be outdated."),
    ("fr", "Je ne peux pas naviguer sur internet, ces prix peuvent donc être dépassés."),
])
def test_a_chat_turn_is_flagged(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .!:?¿¡") == text.strip(" .!:?¿¡")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Let us know if you'd like a printed copy of this leaflet: call the clinic on the number below."),
    ("en", "If you want to add a section on allergies to your care plan, ask your nurse for the form."),
    ("en", "Below is a list of foods rich in iron:"),
    ("de", "Hier finden Sie eine kürzere Fassung des Ratgebers zum Ausdrucken."),
    ("de", "Sagen Sie uns Bescheid, wenn Sie den Termin verschieben möchten."),
    ("fr", "N'hésitez pas à nous contacter si vous souhaitez recevoir cette brochure en version imprimée."),
    ("es", "Si lo desea, puede solicitar una copia impresa de esta guía en recepción."),
    ("es", "Los asistentes de inteligencia artificial no sustituyen la consulta médica."),
    ("en", "My data plan ran out while I was travelling in Spain."),
    ("de", "Meine Daten liegen bei der Krankenkasse."),
    ("es", "Consulte a su médico si quiere cambiar la dosis."),
    ("fr", "Je ne suis pas médecin, mais je connais mon corps."),
    ("en", "Here is a summary of the main points from this page:"),
    ("en", "Would you like to receive our newsletter? Sign up below."),
    ("de", "Wenn Sie möchten, können Sie eine Begleitperson mitbringen."),
    ("fr", "Voici un résumé des principales recommandations :"),
    ("es", "Si lo desea, puede pedir una versión impresa de este folleto."),
])
def test_a_page_speaking_to_its_reader_is_no_chat_turn(language, text):
    assert ai_flags(language, text) == []


def _article(*paragraphs: str) -> ArticleView:
    blocks = [Block("paragraph", p) for p in paragraphs]
    return ArticleView("\n".join(paragraphs), blocks, "en", CFG)


def test_an_interjection_alone_lends_the_answer_it_opens_its_weight():
    """"Excellente question !" standing alone, then the answer handed over: a turn; the same
    lead-in without the interjection is the page's own."""
    turn = "Excellente question ! Voici les principaux points à retenir :"
    flags = ai_flags("fr", turn)
    assert len(flags) == 1 and flags[0].quote == turn
    assert ai_flags("fr", "Voici les principaux points à retenir :") == []


def test_a_bloggers_sign_off_is_their_own():
    """The same sign-off closes a blog written in the first person (the writer's) and is
    flagged after third-person text (a chatbot's)."""
    sign_off = "I hope you find these tips useful for your next project."
    blog = _article("I started sanding the old dresser on a Sunday morning.",
                    "My first coat of paint went on far too thick, so I sanded it back.",
                    "After two more thin coats I was finally happy with the finish.", sign_off)
    reference = _article("Sanding removes the old finish and opens the grain of the wood.",
                         "Thin coats of paint dry faster and crack less than thick ones.",
                         "A final coat of varnish protects the surface from moisture.", sign_off)
    assert chat_turns(blog) == []
    assert [f.quote for f in chat_turns(reference)] == [sign_off]


def test_real_time_data_on_an_article_about_ai_is_no_assistant_speaking():
    view = _article("Edge computing lets factories act on real-time data from their sensors.",
                    "As an AI model improves, it needs more real-time information to stay accurate.")
    assert chat_turns(view) == []


def test_a_chat_turn_on_a_line_the_cleaning_would_remove_stays():
    """flags/spare.py reads the lines a cleaning model would remove with this detector too:
    a chatbot's line standing alone has the shape of furniture."""
    from ascurate.flags import spare

    from .corpus_pages import CORPUS, host_blocks

    host = host_blocks(CORPUS / "health-dev" / "readability-medicalnewstoday.gold.json")[:8]
    lines = [Block("paragraph", t) for t in ("Happy to help! If you need a meta description for this page, just ask.",
                                             "Read the full story in our weekly newsletter.")]
    # after the article, one beside the other: neither stands alone among kept prose
    assert spare.leftovers(list(enumerate(lines, len(host))), list(enumerate(host)), CFG) == {0}


def test_a_hope_that_says_i_again_is_the_writers():
    """A chatbot's sign-off hopes and stops; a writer hoping tells of their own doing too."""
    reference = ("Sanding removes the old finish and opens the grain of the wood.",
                 "Thin coats of paint dry faster and crack less than thick ones.")
    assert chat_turns(_article(*reference, "I hope that by sharing what I learned, you find these notes helpful.")) == []
    assert len(chat_turns(_article(*reference, "I hope this helps you, and good luck with the project!"))) == 1


@pytest.mark.parametrize(("language", "text"), [
    # the requester's request named beside the speaker's "I" or the answer handed over
    ("en", "As you asked, I've trimmed the intro to two sentences."),
    ("de", "Wie gewünscht habe ich den Ton etwas lockerer gemacht."),
    ("fr", "Comme vous me l'avez demandé, voici la conclusion en trois phrases."),
    ("es", "Como me has pedido, te dejo el resumen en una sola frase."),
    # a wish of luck for the requester's piece
    ("en", "Good luck with your blog post!"),
    ("de", "Viel Erfolg mit deinem Newsletter!"),
    ("fr", "Bon courage pour la mise en ligne de ton article !"),
    ("es", "¡Mucha suerte con tu folleto!"),
    # the offer proper: a modal of ability as the agent of an operation on a part of the copy
    ("en", "I could also condense this into a checklist."),
    ("de", "Ich kann die Einleitung auch sachlicher gestalten."),
    ("fr", "Je peux reformuler la conclusion dans un style plus sobre."),
    ("es", "Puedo acortar la introducción a dos frases."),
    # an interjection of the turn's class, its lack of access to the web, its training data
    ("en", "Sure thing! Below is a simpler version of the dosage section."),
    ("fr", "Ne pouvant pas accéder au web, je n'ai pas vérifié ces chiffres."),
    ("fr", "Mes données d'apprentissage s'arrêtent en 2023."),
])
def test_more_parts_of_a_chat_turn_are_flagged(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .!:?¿¡") == text.strip(" .!:?¿¡")


@pytest.mark.parametrize(("language", "text"), [
    # a request named by the page, not answered by an "I" or an answer handed over
    ("en", "As you asked at your last visit, bring your inhaler to the appointment."),
    ("de", "Wie gewünscht erhalten Sie den Befund per Post."),
    # luck wished for the reader's recovery, not for a piece of copy
    ("en", "Good luck with your recovery!"),
    ("fr", "Bon courage pour votre rééducation !"),
    # a writer's promise of their own text: "will", not a modal of ability
    ("en", "I will elaborate on this in the treatment section below."),
    # a negated modal is no offer
    ("en", "I can't summarise the whole of the guidance here, but the main points are below."),
    # a page's lead-in that explains on after its colon in lower case
    ("en", "Here's a simplified overview: the virus spreads through droplets and dirty hands."),
])
def test_a_page_asking_wishing_or_promising_is_no_chat_turn(language, text):
    assert ai_flags(language, text) == []


def test_an_answer_announced_inside_a_paragraph_ends_on_its_colon():
    """Planted inside a paragraph, the line that hands the answer over runs on into the
    announced text's first sentence: its clause still ends on a colon before a capital."""
    turn = "Here is the paragraph rewritten in plain English: Most people recover within a week."
    assert len(ai_flags("en", turn)) == 1
    assert len(ai_flags("en", "Here's a simplified overview: The virus spreads through droplets.")) == 1


@pytest.mark.parametrize(("language", "text"), [
    # an apposition naming the speaker an AI, then the speaker
    ("en", "Being an AI, I can't tell you which of these clinics is nearest."),
    ("de", "Als KI-Modell kann ich keine Termine für dich buchen."),
    ("fr", "En tant que modèle d'IA, je ne connais pas les horaires de cette pharmacie."),
    ("es", "Como modelo de IA, no puedo recomendarte un especialista concreto."),
    # the offer put to the requester as a question
    ("en", "Shall I turn the dosage table into a checklist?"),
    ("de", "Soll ich die Einleitung noch etwas kürzen?"),
    ("es", "¿Resumo el apartado sobre la prevención?"),
])
def test_an_ai_apposition_and_an_offer_asked_are_chat_turns(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .!:?¿¡") == text.strip(" .!:?¿¡")


@pytest.mark.parametrize(("language", "text"), [
    # a human named by an AI noun's neighbour, a writer's own question, a reader's question
    ("en", "Being an AI researcher, I test many chatbots every week."),
    ("en", "As for other options for AI, I've seen people use it as a general chatbot."),
    ("en", "As a GP, I see many patients who stop their tablets too early."),
    ("en", "Where can I learn how to tailor content to each platform?"),
    ("en", "Should I add salt to my baby's food?"),
    ("de", "Als Hausärztin kann ich das nur bestätigen."),
    ("fr", "Est-ce que je peux ajouter du sel ?"),
])
def test_a_human_apposition_or_a_readers_question_is_no_chat_turn(language, text):
    assert ai_flags(language, text) == []


def _markdown_flags(lines: list[str]) -> list:
    host = HOSTS["en"]
    blocks = [*host[:3], *(Block("paragraph", t) for t in lines), *host[3:]]
    view = ArticleView("\n".join(b.text for b in blocks), blocks, "en", CFG)
    return [f for f in chat_turns(view) if f.rule == "ai.markdown-debris"]


@pytest.mark.parametrize("line", ["## Final Thoughts", "```markdown", "**Version B (shorter):**", "**Updated intro** :"])
def test_a_chatbots_markdown_left_in_a_block_of_its_own_is_flagged(line):
    flags = _markdown_flags([line])
    assert [f.quote for f in flags] == [line]


def test_markdown_on_a_page_written_in_it_or_a_code_comment_is_not():
    assert _markdown_flags(["## Install", "## Configure", "## Run"]) == []  # a README's headings
    assert _markdown_flags(["# Storage optimization for NVMe"]) == []  # a code comment
    assert _markdown_flags(["**picks up mic**"]) == []  # bold for emphasis, no label


@pytest.mark.parametrize(("language", "text"), [
    # a sign-off and an offer side by side, neither a turn alone
    ("en", "Hope that's useful! Let me know if the intro needs tweaking."),
    ("de", "Ich hoffe, das passt so! Sag mir, wenn ich den Schluss noch anpassen soll."),
    ("fr", "J'espère que ça te convient. Dis-moi s'il faut modifier le titre."),
    # the answer handed over, updated
    ("de", "Hier ist die aktualisierte Fassung mit deinen Änderungen."),
    ("es", "Aquí está la versión actualizada con tus cambios."),
])
def test_two_halves_of_a_turn_side_by_side_and_an_updated_version_are_flagged(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .!:?¿¡") == text.strip(" .!:?¿¡")


@pytest.mark.parametrize(("language", "text"), [
    # a writer telling their own work, sentence by sentence
    ("en", "Every morning, as I started my day, I would open the file and write the date on top. "
           "Then, as clients called, I would write a single bullet point for each task."),
    # a site hoping its page helps, and asking for feedback
    ("en", "We hope this page is useful. Let us know what you think."),
])
def test_a_writers_narration_or_a_sites_hope_is_no_pair_of_turn_halves(language, text):
    assert ai_flags(language, text) == []


@pytest.mark.parametrize(("text", "quote"), [
    ("Most hay fever is caused by grass pollen. ## Fazit Antihistamines help most people.", "## Fazit"),
    ("Drink plenty of water. **Key point:** Rest helps the body recover.", "**Key point:**"),
    ("Symptoms usually settle within a week. ***", "***"),
])
def test_a_chatbots_markdown_run_into_a_paragraph_is_flagged(text, quote):
    assert [f.quote for f in _markdown_flags([text])] == [quote]


def test_markdown_inside_a_sentence_framing_a_line_or_on_a_page_about_markdown_is_not():
    assert _markdown_flags(["The preprocessor pastes tokens with a ## b in a macro."]) == []
    assert _markdown_flags(["*** Follow me on Instagram for a daily dose of inspiration ***"]) == []
    assert _markdown_flags(["Headings in Markdown begin with hash signs:", "### Side effects",
                            "A third-level heading like this one appears in the table of contents."]) == []


@pytest.mark.parametrize(("language", "text"), [
    # an offer to go on with the answer
    ("en", "Want me to continue with the section on diet?"),
    ("en", "Let me know if I should go on to the recovery section."),
    ("de", "Soll ich mit dem nächsten Abschnitt weitermachen?"),
    ("fr", "Voulez-vous que je poursuive avec la partie sur l'alimentation ?"),
    ("es", "¿Quieres que continúe con la parte sobre la dieta?"),
    # a Spanish first person opening the question is no participle
    ("es", "¿Añado una sección sobre la prevención?"),
])
def test_an_offer_to_go_on_is_a_chat_turn(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .!:?¿¡") == text.strip(" .!:?¿¡")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I continue to take my tablets every morning with breakfast."),
    ("en", "If you want to carry on exercising, talk to your physiotherapist first."),
    ("es", "¿Cansado de sentirte cansado? Sigue leyendo."),
])
def test_going_on_with_ones_own_life_is_no_offer(language, text):
    assert ai_flags(language, text) == []


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Voici la version mise à jour avec les modifications demandées."),
    ("es", "Aquí está la versión actualizada con los cambios que pediste."),
    ("en", "Here is the updated leaflet with the changes you asked for."),
])
def test_the_answer_handed_over_with_the_changes_asked_for_is_a_chat_turn(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .") == text.strip(" .")


def test_changes_a_reader_asked_for_elsewhere_are_no_chat_turn():
    assert ai_flags("en", "Ask your GP about the changes you requested at your last visit.") == []
