"""mixed_voice on a real health article: a Roman numeral in a label is no "I"; a
first-person account spliced in is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

from .corpus_pages import CORPUS, ROOT, host_blocks, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")
GOLD = CORPUS / "health-dev" / "readability-webmd-1.gold.json"
HOST = host_blocks(GOLD)


def voice_flags(extra: str) -> list:
    blocks = HOST[:3] + [Block("paragraph", extra)] + HOST[3:]
    text = join_blocks(blocks)
    return [f for f in detect(text, blocks, CFG, "en") if f.kind == "mixed_voice"]


def test_a_roman_numeral_in_a_label_is_not_the_first_person():
    assert voice_flags("Belgium (Group I): Sixth appearance. Russia (Group I): 12th appearance.") == []


def test_a_capital_i_joined_by_a_hyphen_is_a_name_whatever_the_hyphen():
    """"I-95" and "I‑PRIMO" (a non-breaking hyphen, U+2011, as a published page writes its
    brand) are names; the same sentence with the pronoun is an aside."""
    for hyphen in ("-", "\u2010", "\u2011"):
        assert voice_flags(f"At I{hyphen}PRIMO, the rings are made to order. I{hyphen}95 runs past the workshop.") == []
    assert len(voice_flags("At the workshop I had the rings made to order. I remember the day well.")) == 1


def test_a_capital_me_or_my_after_a_capitalised_word_is_a_name():
    """A brand or a title ("Delete Me", a data-removal service on wcxb-4893; "Find My iPhone")
    is no first person; the same words in a sentence of the author's are."""
    assert voice_flags("You can use a data removal service like Surfshark Incogni, Delete Me, or Kanary. "
                       "Find My iPhone locates a lost phone.") == []
    assert len(voice_flags("You can use a data removal service, as I did. It deleted my old records.")) == 1


def test_a_first_person_account_in_reference_text_is_flagged():
    flags = voice_flags("I had this for years before anyone took me seriously. My doctor said it was stress.")
    assert len(flags) == 1 and flags[0].quote.startswith("I had this for years")


@pytest.mark.parametrize("aside", [
    "I always tell my friends to drink more water, and I should listen to myself.",
    "I'm not a fan of the taste, to be honest.",
    "Speaking as someone who has had shingles twice, I'd get the jab.",
])
def test_a_single_first_person_aside_with_a_tell_of_the_writers_own_view_is_flagged(aside):
    """One sentence alone needs a tell that the writer speaks of themselves (a habit, a taste, "as someone who")."""
    assert len(voice_flags(aside)) == 1


QUOTED = [Block("paragraph", t) for t in (
    "“Most people recover within a fortnight,” said Dr Ellen Shaw, a consultant at the hospital.",
    "“We see more cases every winter,” she added. “Rest and fluids are the first steps.”",
    "The charity's director, Tom Reed, said: “Nobody should wait weeks to be seen.”")]


def test_an_aside_in_a_paragraph_with_no_quotation_beside_it_is_flagged_on_a_page_that_quotes():
    """On a page that quotes people, an unmarked "I" may carry a quotation on, but only
    one left open: a paragraph far from any quotation, or after one closed at the end of
    the paragraph before (a speaker's next paragraph would open with a quotation mark
    again), is the writer's; after a quotation left open it may be the speaker's."""
    aside = "My husband swears by a warm bath before bed."
    blocks = [*QUOTED, *HOST[:4], Block("paragraph", aside), *HOST[4:]]
    found = [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"]
    assert [f.quote for f in found] == [aside]
    after_quote = [*HOST[:4], *QUOTED, Block("paragraph", aside), *HOST[4:]]
    found = [f for f in detect(join_blocks(after_quote), after_quote, CFG, "en") if f.kind == "mixed_voice"]
    assert [f.quote for f in found] == [aside]
    left_open = [*HOST[:4], *QUOTED[:2], Block("paragraph", QUOTED[2].text.removesuffix("”")),
                 Block("paragraph", aside), *HOST[4:]]
    assert [f for f in detect(join_blocks(left_open), left_open, CFG, "en") if f.kind == "mixed_voice"] == []


SPANISH = [Block("paragraph", p) for p in (
    "La gripe es una infección respiratoria causada por el virus de la influenza. Se transmite por el aire.",
    "Los síntomas más habituales son fiebre, tos, dolor de cabeza y cansancio. Suelen durar una semana.",
    "La vacuna se recomienda cada otoño a los mayores de 65 años. También a las embarazadas.",
    "El tratamiento consiste en reposo, líquidos y antitérmicos. Los antivirales se reservan para casos graves.",
    "Conviene lavarse las manos a menudo. Al toser, hay que cubrirse la boca con el codo.")]


@pytest.mark.parametrize("aside", [
    "Confieso que dejé los ejercicios a la semana.",  # the first person in the verb alone
    "Nosotros tardamos meses en conseguir una cita.",
    "Mi abuela siempre decía que el caldo lo cura todo.",
])
def test_a_spanish_aside_told_by_the_verb_or_a_relative_is_flagged(aside):
    blocks = SPANISH[:2] + [Block("paragraph", aside)] + SPANISH[2:]
    assert [f.kind for f in detect(join_blocks(blocks), blocks, CFG, "es") if f.kind == "mixed_voice"] == ["mixed_voice"]


def test_a_spanish_quotation_in_the_first_person_is_no_aside():
    blocks = SPANISH[:2] + [Block("paragraph", "«Confieso que dejé los ejercicios», explica Carmen, de 52 años.")] + SPANISH[2:]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "es") if f.kind == "mixed_voice"] == []


def _gold(name: str) -> list[Block]:
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wcxb-dev" / f"{name}.gold.json"
    return [Block("paragraph", ln.strip()) for ln in json.loads(path.read_text(encoding="utf-8"))["main_content"].split("\n")
            if ln.strip()]


@pytest.mark.parametrize("page", [
    "wcxb-4339",  # opens in the author's voice ("One challenge I see when organizing anything ...")
    "wcxb-1651",  # a closing section told in the first person, a dozen sentences
    "wcxb-0212",  # a reviewer's "why trust us": "I've been reviewing live TV streaming services ..."
    "wcxb-4172",  # "In this article, I share eight ... rules"
])
def test_a_published_page_in_its_authors_voice_is_not_mixed(page: str):
    blocks = _gold(page)
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == []


def _voice_in(host: list[Block], extra: str, at: int = 3) -> list:
    blocks = host[:at] + [Block("paragraph", extra)] + host[at:]
    return [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"]


def test_on_a_page_not_about_health_a_long_run_or_an_opening_run_is_the_authors_voice():
    travel = _gold("wcxb-0149")  # a travel article: no first person, no word of care
    story = ("I had planned this trip for years. I went in late spring with my family. I was surprised by the crowds. "
             "I took the early ferry every day after that.")
    assert _voice_in(travel, story) == []  # four first-person sentences: a section of the author's
    two = "I had planned this trip for years. I went in late spring with my family."
    assert _voice_in(travel, two, at=0) == []  # the article opening in the author's voice
    assert _voice_in(travel, two)  # the same two sentences further in are an aside
    # on a health page the same account is a patient's story spliced in (seed 003)
    assert voice_flags(story) and voice_flags(two)
    one = [Block("paragraph", "I had this for years before anyone took me seriously. My doctor said it was stress."),
           *HOST]
    assert [f for f in detect(join_blocks(one), one, CFG, "en") if f.kind == "mixed_voice"]


@pytest.mark.parametrize(("label", "story"), [
    ("Living with it: Priya's experience",
     ["I was diagnosed at 41, and for months I told nobody.", "Now I check my levels before every meal."]),
    ("Erfahrungsbericht von Jörg",
     ["Ich habe die Schmerzen lange ignoriert.", "Heute gehe ich jede Woche zur Physiotherapie."]),
])
def test_a_story_under_a_label_naming_its_teller_is_no_aside(label, story):
    """A testimony set under a line that names its teller, a name the article uses nowhere
    else, is a section of the page; the same story under the page's own heading, or with
    no label, is spliced in (seed 003)."""
    language = "en" if label.startswith("Living") else "de"
    host = HOSTS[language]
    labelled = host[:3] + [Block("paragraph", label)] + [Block("paragraph", t) for t in story] + host[3:]
    assert [f for f in detect(join_blocks(labelled), labelled, CFG, language) if f.kind == "mixed_voice"] == []
    word = next(w for b in host[4:] for w in b.text.split() if w.isalpha() and w.istitle() and len(w) > 4)
    heading = f"{label.split(':')[0].split(' von ')[0]}: {word}"  # a capitalised word of the article's own
    own = host[:3] + [Block("paragraph", heading)] + [Block("paragraph", t) for t in story] + host[3:]
    assert [f for f in detect(join_blocks(own), own, CFG, language) if f.kind == "mixed_voice"]
    bare = host[:3] + [Block("paragraph", t) for t in story] + host[3:]
    assert [f for f in detect(join_blocks(bare), bare, CFG, language) if f.kind == "mixed_voice"]


def test_the_author_speaking_of_the_piece_is_no_aside():
    assert voice_flags("As I write this article, my own knee still aches after a long walk.") == []
    assert voice_flags("My own knee still aches after a long walk.")


def test_an_embedded_social_post_speaks_for_someone_else():
    """bench scrapinghub-921019755f (a football news story) embeds a player's tweet, set as
    a paragraph ending on its picture link."""
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench" / "scrapinghub-921019755f.gold.json"
    tweet = next(ln for ln in json.loads(path.read_text(encoding="utf-8"))["main_content"].split("\n")
                 if "pic.twitter.com/" in ln)
    assert tweet.startswith("I can") and voice_flags(tweet) == []
    assert voice_flags(tweet.split(" pic.twitter.com/")[0])  # the same words, unmarked, are an aside


def test_an_embedded_post_over_several_lines_speaks_for_its_author_from_its_first_line():
    """bench scrapinghub-6ebac05f63 embeds a politician's post of three lines, the link on
    the last: its first line ("Sharing my full letter ...") is hers, not the reporter's."""
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench" / "scrapinghub-6ebac05f63.gold.json"
    lines = json.loads(path.read_text(encoding="utf-8"))["main_content"].split("\n")
    last = next(i for i, ln in enumerate(lines) if "pic.twitter.com/" in ln)
    post = [Block("paragraph", ln) for ln in lines[last - 2:last + 1]]
    assert post[0].text.startswith("Sharing my full letter")
    blocks = HOST[:3] + post + HOST[3:]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == []
    assert voice_flags(post[0].text)  # the line alone, with no post under it, is an aside


@pytest.mark.parametrize("page", [
    "wcxb-4457",  # trail-shoe reviews: "If I had to recommend a pair of trail shoes to a new trail runner ..."
    "wcxb-0272",  # microphones: "Personally, I use them for recording live music on stage."
    "wcxb-0325",  # SEO how-to: "For example, when I search for the term ‘sustainable phone case’, ..."
    "wcxb-0127",  # invoicing software: "I like the optional line items. I like being able to ..."
])
def test_a_reviewers_own_use_on_a_page_that_addresses_its_reader_is_not_mixed(page: str):
    blocks = _gold(page)
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == []


def test_own_use_is_an_aside_in_reference_text_or_on_a_page_that_does_not_address_its_reader():
    use = "Personally, I use them for recording live music on stage."
    assert _voice_in(_gold("wcxb-0149"), use) == []  # a travel guide that speaks to "you": the author's voice
    assert voice_flags(use)  # a health page: an aside, whoever wrote it
    assert _voice_in(_gold("wcxb-0078"), use)  # a news report on deals, no "you" in it: an aside
    assert _voice_in(_gold("wcxb-0149"), "I had this for years before anyone took me seriously.")  # no own use


HOSTS = {"en": HOST, "es": host_blocks(ROOT / "bench" / "flagset" / "base" / "es-gripe.txt"),
         "fr": host_blocks(ROOT / "bench" / "flagset" / "base" / "fr-asthme.txt"),
         # (less the paragraph whose typo "ob und ich welchem Umfang" says "ich")
         "de": [b for b in host_blocks(GOLD.parents[1] / "bench" / "scrapinghub-57b4dafd18.gold.json") if " ich " not in b.text]}


def voice_flags_in(language: str, extra: str) -> list:
    return planted_flags(HOSTS[language], extra, "mixed_voice", language, CFG)


@pytest.mark.parametrize(("language", "story"), [
    ("en", "We went to the walk-in centre and waited four hours."),
    ("en", "Our daughter was rubbing her eyes all spring."),
    ("de", "Wir waren letztes Jahr deswegen dreimal in der Notaufnahme."),
    ("de", "Damals habe ich jeden Abend eine Stunde wach gelegen."),
    ("es", "En casa tuvimos que cambiar toda la forma de cocinar."),
    # the household's place with the plural ("at home", "à la maison", "en casa")
    ("en", "We followed the elimination diet at home for six weeks."),
    ("fr", "Nous avons testé ce régime à la maison pendant un mois."),
    ("es", "En casa lo probamos durante un mes y no notamos nada."),
])
def test_a_households_story_in_the_first_person_plural_or_with_the_verb_first_is_flagged(language, story):
    """The plural of a family's story ("we waited", "wir waren", "tuvimos") and a German
    "ich" after its verb are the first person of an aside as much as "I had"."""
    flags = voice_flags_in(language, story)
    assert len(flags) == 1 and flags[0].quote == story


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We recommend that patients bring a list of their medicines to every appointment."),
    ("en", "In our study, we found that symptoms improved within a week."),
    ("de", "Wir empfehlen, vor jedem Termin eine aktuelle Medikamentenliste mitzubringen."),
    ("es", "Recomendamos llevar a cada consulta una lista actualizada de los medicamentos."),
    ("en", "We recommend rest at home for two or three days."),
    ("es", "En casa recomendamos mantener al niño bien hidratado."),
])
def test_an_institutions_we_is_not_a_story(language, text):
    assert voice_flags_in(language, text) == []


def test_a_story_in_the_plural_on_a_page_that_speaks_as_a_team_is_its_voice():
    """A review's "we" ("we tested", "our verdict") makes its "we took" the page's own voice."""
    assert voice_flags_in("en", "We tested the kit for a month and our verdict is below. We took it on two trips.") == []


def test_a_spanish_first_person_told_by_the_preterite_alone_is_flagged_and_a_noun_in_e_is_not():
    """"Pasé meses ..." says "I" by its ending alone; "el café", "el comité" end so too and are nouns."""
    story = "Pasé meses durmiendo mal sin saber por qué."
    flags = voice_flags_in("es", story)
    assert len(flags) == 1 and flags[0].quote == story
    assert voice_flags_in("es", "El comité recomienda evitar el café y el puré de patatas muy salado.") == []
    # the subjunctive "esté" is the third person as often as the first
    assert voice_flags_in("es", "Es importante que el paciente esté en reposo durante las primeras semanas.") == []


def test_an_aside_after_a_quotation_closed_and_attributed_in_its_paragraph_is_the_writers():
    """'"...," says Dr X. I had ...': the quotation has ended (a continued one opens its marks
    again), so the "I" is the writer's; inside a quotation left open, it is the speaker's."""
    aside = "I had this for years before anyone took me seriously."
    closed = Block("paragraph", f"“Rest is the first step,” said Dr Ellen Shaw. {aside} Most people recover within weeks.")
    blocks = [*QUOTED[:2], *HOST[:4], closed, *HOST[4:]]
    assert [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == [aside]
    still_open = Block("paragraph", f"Dr Ellen Shaw said: “Rest is the first step. {aside} Most people recover within weeks.")
    blocks = [*QUOTED[:2], *HOST[:4], still_open, *HOST[4:]]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == []


@pytest.mark.parametrize(("language", "aside"), [
    ("en", "I ignored the swelling for a whole summer."),
    ("en", "The nurse at the walk-in centre sent me home twice."),
    ("de", "Mir ist das erst beim dritten Termin aufgefallen."),
    ("es", "Nunca he tenido tanto dolor como aquella semana."),
    # a past perfect by its contracted subject, and an object pronoun before a clitic
    ("en", "I'd never been told the tablets could do that."),
    ("es", "Cuando me lo explicaron, ya era demasiado tarde."),
    # the first person carried by an irregular preterite or one of an -er or -ir verb alone
    ("es", "Estuve dos semanas sin poder dormir por la tos."),
    ("es", "Volví a la consulta tres veces aquel invierno."),
])
def test_a_first_person_sentence_whose_verb_narrates_is_an_aside_on_a_health_page(language, aside):
    """A past or perfect tense by the first person ("I ignored", "sent me", "mir ist ...
    aufgefallen", "he tenido") tells what happened to the writer, whatever the words:
    reference text states what is."""
    flags = voice_flags_in(language, aside)
    assert len(flags) == 1 and flags[0].quote == aside


def test_a_spanish_word_ending_in_i_that_is_no_verb_is_no_first_person():
    """"aquí", "así", a nationality ("israelí") end as a preterite of the first person does."""
    assert voice_flags_in("es", "Un estudio israelí publicado aquí en 2020 llegó así a la misma conclusión.") == []


@pytest.mark.parametrize(("language", "aside"), [
    ("en", "I think the new guidance is a lot clearer than the old one."),
    ("de", "Ich halte die neue Leitlinie für deutlich klarer als die alte."),
    ("es", "Yo creo que la nueva guía es mucho más clara que la anterior."),
])
def test_a_sentence_about_the_writer_in_the_present_is_an_aside_on_a_health_page_only(language, aside):
    """An opinion in the present ("I think") is no told experience, but a sentence that opens
    on its writer is out of place in reference text on health; on a page on anything else
    it stays below the threshold, as one with its "I" deep in a long sentence does."""
    flags = voice_flags_in(language, aside)
    assert len(flags) == 1 and flags[0].quote == aside
    assert _voice_in(_gold("wcxb-0149"), "I think the new guidance is a lot clearer than the old one.") == []
    late = ("Having read the new guidance twice, compared it line by line with the old leaflet and "
            "asked two pharmacists about it, I think it is a lot clearer than the old one.")
    assert voice_flags_in("en", late) == []


def test_a_capital_my_after_a_lower_case_word_is_a_name():
    """The pronoun takes a capital only opening a sentence: "Shop Simple with My Plate"
    (health-dev wcxb-0074, the USDA's MyPlate) names a programme."""
    assert voice_flags_in("en", "You can shop simple with My Plate, a free planning tool.") == []
    assert voice_flags_in("en", "My plate is always half vegetables, which keeps me full.")


def test_on_a_page_not_about_health_a_narrated_sentence_is_the_authors_voice():
    """A travel writer telling what they did is the page's voice; on it a narrated "I" is no aside."""
    assert _voice_in(_gold("wcxb-0149"), "I ignored the swelling for a whole summer.") == []


@pytest.mark.parametrize(("language", "question"), [
    ("en", "I woke up with a headache every morning last week. Could it be migraine?"),
    ("es", "Tuve fiebre tres días seguidos. ¿Debo ir a urgencias?"),
])
def test_a_short_paragraph_ending_in_a_question_is_the_readers_question(language, question):
    """A FAQ's question set as a paragraph speaks in the asker's first person ("J'ai souvent
    mal à la tête. Ai-je la migraine ?" on a published French page): no aside."""
    assert voice_flags_in(language, question) == []


def test_a_chatbots_line_is_not_the_pages_voice():
    """A chatbot's line left elsewhere on the page speaks in the assistant's "I"
    (ai_leftover's to flag): it is no sign that the page is in its author's voice, so the
    aside is still alone in third-person text."""
    aside = "I had this for years before anyone took me seriously."
    chat = "If you'd like, I can shorten this section for the newsletter."
    blocks = HOST[:3] + [Block("paragraph", aside)] + HOST[3:6] + [Block("paragraph", chat)] + HOST[6:]
    flags = [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"]
    assert [f.quote for f in flags] == [aside]


def test_a_first_person_sentence_set_apart_in_brackets_is_an_aside():
    """The writer sets a bracketed sentence apart from the text it interrupts: on a page not
    about health, where the same sentence unbracketed is the author's voice, it is an aside."""
    aside = "(Full disclosure: I take this supplement myself.)"
    flags = _voice_in(_gold("wcxb-0149"), aside)
    assert len(flags) == 1 and flags[0].quote == aside
    assert _voice_in(_gold("wcxb-0149"), aside.strip("()")) == []
    # a bracket closed before the sentence ends sets apart a label, not the sentence
    assert _voice_in(_gold("wcxb-0149"), "(See below) I take this supplement myself.") == []


@pytest.mark.parametrize("aside", [
    "Como farmacéutica, siempre reviso el prospecto dos veces.",
    "Aclaro que no tengo ninguna relación con el fabricante.",
])
def test_a_spanish_present_told_by_the_verb_alone_is_flagged(aside):
    """"siempre reviso", "no tengo", "Aclaro que" say "I" by the verb's ending alone; an
    adjective or a participle after "no" ("no invasivo", "no farmacológico") does not."""
    flags = voice_flags_in("es", aside)
    assert len(flags) == 1 and flags[0].quote == aside
    assert voice_flags_in("es", "El tratamiento no invasivo y no farmacológico es casi siempre el primero, "
                                "no solo porque el riesgo es casi nulo.") == []


def test_a_story_under_a_label_in_the_tellers_own_voice_is_a_testimony():
    """"My story: Tom, 54" names the teller as "Living with it: Tom's story" does, though it
    says "my" itself; the same account under a line that names no one is spliced in."""
    story = ["I had my heart attack on a Sunday morning while gardening.",
             "I was back at work after three months, and I walk every day now."]

    def found(label: str) -> list:
        blocks = HOST[:3] + [Block("paragraph", t) for t in (label, *story)] + HOST[3:]
        return [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"]

    assert found("My story: Tom, 54") == []
    assert len(found("My story so far")) == 1


def test_a_households_we_set_apart_in_brackets_on_a_page_with_a_teams_we():
    """A page that says "we" for its team is not read for a household's "we"; a bracketed
    "(We tried … with our son …)" is set apart from that voice."""
    team = [Block("paragraph", "We review this page every year. Our nurses answer questions by phone, "
                               "and we update the advice when the guidance changes.")]

    def found(aside: str) -> list:
        blocks = team + HOST[:4] + [Block("paragraph", aside)] + HOST[4:]
        return [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"]

    aside = "(We tried the elimination diet with our son; it took about six weeks to see a change.)"
    assert [f.quote for f in found(aside)] == [aside]
    assert found(aside[1:-2] + ".") == []


def test_a_readers_signed_letter_ending_in_a_question_is_the_askers():
    """An advice column prints a reader's letter with its signature after the question; its
    first person is the reader's, as an unsigned question's is. The same account with no
    question is an aside."""
    letter = "Dear Dr Ellis, my son is nine and still wets the bed at night. Is this normal? – Worried dad, Leeds"
    assert voice_flags(letter) == []
    assert len(voice_flags("Dear Dr Ellis, my son is nine and still wets the bed at night. "
                           "It worries me a lot. – Worried dad, Leeds")) == 1


def test_a_story_under_a_possessive_label_naming_its_teller_is_a_testimony():
    """"Kate's story" names the teller with its first word, a possessive; the same account
    under a line whose first word names no one is spliced in."""
    story = ["I found the lump in the shower one morning.",
             "My treatment finished last spring and I'm back to swimming twice a week."]

    def found(label: str) -> list:
        blocks = HOST[:3] + [Block("paragraph", t) for t in (label, *story)] + HOST[3:]
        return [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"]

    assert found("Kate's story") == []
    assert len(found("Living with it")) == 1


def heading_flags(language: str, heading: str) -> list:
    blocks = HOSTS[language][:3] + [Block("heading", heading)] + HOSTS[language][3:]
    text = join_blocks(blocks)
    return [f for f in detect(text, blocks, CFG, language) if f.kind == "mixed_voice"]


@pytest.mark.parametrize(("language", "heading"), [
    ("en", "What finally worked for me"),
    ("en", "My first year after the diagnosis"),
    ("de", "Wie ich wieder schlafen lernte"),
    ("fr", "Ce qui m'a aidé au quotidien"),
    ("es", "Lo que aprendí de mi primera crisis"),
])
def test_a_heading_that_tells_in_the_first_person_is_an_aside_on_a_health_page(language, heading):
    """A heading is a sentence of the page: one told in the first person on a page about health
    sets a writer's story as a section of reference text."""
    flags = heading_flags(language, heading)
    assert len(flags) == 1 and flags[0].quote == heading


@pytest.mark.parametrize(("language", "heading"), [
    ("en", "When should I see a doctor"),
    ("en", "What to do if I miss a dose"),
    ("en", "Can I drink alcohol while taking it?"),
    ("de", "Wann sollte ich zum Arzt gehen"),
    ("fr", "Est-ce que je peux faire du sport"),
    ("es", "¿Puedo tomar el sol después?"),
    ("en", "I. Causes and risk factors"),
])
def test_a_heading_that_asks_in_the_first_person_is_an_faq(language, heading):
    """An FAQ's heading says "I" for the reader who asks, with the verb before it or in a
    condition, and with or without its question mark; a Roman numeral numbers a section."""
    assert heading_flags(language, heading) == []


@pytest.mark.parametrize(("language", "line", "words"), [
    ("de", "Die Studienleiterin sagte nach der Vorstellung der Ergebnisse:",
     "Wir hatten nicht mit einem so großen Effekt gerechnet. Ich bin selbst überrascht, wie deutlich er ausfiel."),
    ("en", "The trial's lead author said after the results were presented:",
     "I had not expected the effect to be this large. My team will now test it in older patients."),
])
def test_a_block_under_a_line_that_gives_a_speaker_the_floor_is_the_speakers(language, line, words):
    """A line that attributes and ends on a colon introduces the speaker's words in the block
    under it, with no quotation marks; the same block under a line of the page's own is an aside."""
    host = HOSTS[language]
    blocks = host[:3] + [Block("paragraph", line), Block("paragraph", words)] + host[3:]
    text = join_blocks(blocks)
    assert [f for f in detect(text, blocks, CFG, language) if f.kind == "mixed_voice"] == []
    assert len(voice_flags_in(language, words)) == 1


@pytest.mark.parametrize(("language", "box", "aside"), [
    ("en", "About the author: I'm a dietitian with ten years' experience in diabetes care.",
     "I'm a dietitian, and my own readings came down within a month."),
    ("de", "Über die Autorin: Ich bin Ernährungsberaterin und habe zehn Jahre in einer Klinik gearbeitet.",
     "Ich bin Ernährungsberaterin und habe es selbst jahrelang ignoriert."),
])
def test_an_author_box_in_the_first_person_is_the_authors_voice(language, box, aside):
    """The author introduced in their own words under an author box's label speaks for the page."""
    assert voice_flags_in(language, box) == []
    assert len(voice_flags_in(language, aside)) == 1


def test_a_spanish_present_after_ahora_is_the_first_person():
    """"Ahora leo" says "I" by the verb as "ya leo" does, so a testimony of two lines under a
    label naming its teller is the teller's, and an aside so told is one."""
    host = HOSTS["es"]
    story = ["Historia de Marisa, 64 años", "Me operaron de la cadera en enero.", "Ahora duermo ocho horas cada noche."]
    labelled = host[:3] + [Block("paragraph", t) for t in story] + host[3:]
    assert [f for f in detect(join_blocks(labelled), labelled, CFG, "es") if f.kind == "mixed_voice"] == []
    assert len(voice_flags_in("es", "Ahora duermo ocho horas y me levanto mucho mejor.")) == 1


def test_a_story_under_a_label_of_nine_words_naming_its_teller_is_no_aside():
    """Spanish and French labels run longer ("Mi experiencia con la artrosis, por Luis, 70 años")."""
    host = HOSTS["es"]
    label = "Mi experiencia con la artrosis, por Luis, 70 años"
    story = ["Me operaron de la rodilla hace un año.", "Ahora camino cada mañana por el parque."]
    labelled = host[:3] + [Block("paragraph", label)] + [Block("paragraph", t) for t in story] + host[3:]
    assert [f for f in detect(join_blocks(labelled), labelled, CFG, "es") if f.kind == "mixed_voice"] == []
    bare = host[:3] + [Block("paragraph", t) for t in story] + host[3:]
    assert [f for f in detect(join_blocks(bare), bare, CFG, "es") if f.kind == "mixed_voice"]


def test_an_author_box_met_by_the_reader_is_the_authors_voice():
    assert voice_flags("Meet the author: I'm Dr Lena Fox, a paediatrician and a mum of three.") == []
    assert voice_flags("I'm a paediatrician and a mum of three, and my own son had this twice.")


def test_a_readers_words_after_a_lead_in_giving_the_floor_are_no_aside():
    """A reader's letter set inside a paragraph with no quotation marks ("A reader writes: I …")
    speaks for the reader up to its question; the same words without the lead-in are an aside."""
    around = ("Gallstones are common and often cause no symptoms at all.", "Keyhole surgery is the usual treatment.")
    letter = ("A reader writes: I had my gallbladder out last year and still get pain after fatty meals. "
              "Is that normal?")
    assert voice_flags(f"{around[0]} {letter} {around[1]}") == []
    aside = "I had my gallbladder out last year and still get pain after fatty meals."
    assert voice_flags(f"{around[0]} {aside} {around[1]}")


def test_a_heading_told_in_a_households_plural_is_a_story_spliced_in():
    told = planted_flags(HOST, "How we got our son to sleep through the night", "mixed_voice", "en", CFG, "heading")
    assert [f.quote for f in told] == ["How we got our son to sleep through the night"]
    assert planted_flags(HOST, "What we offer at our clinic", "mixed_voice", "en", CFG, "heading") == []


def test_a_speakers_we_in_quotation_marks_leaves_a_households_story_spliced_in():
    """The page's "we" words are counted outside quotation marks: a quoted doctor's "we" is
    hers, not a team's voice that would make a household's story the page's own."""
    quoted = [Block("paragraph", "“We see this every week in clinic,” says Dr Amy Lee. “We always tell parents to wait.”"),
              Block("paragraph", "“Our advice is simple: give it time,” she adds.")]
    story = Block("paragraph", "We tried the elimination diet at home and it took us six weeks.")
    blocks = HOST[:3] + quoted + [story] + HOST[3:]
    assert [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == [story.text]
    team = [Block("paragraph", "We see this every week in our clinic. We always tell parents to wait."),
            Block("paragraph", "Our advice is simple: give it time.")]
    blocks = HOST[:3] + team + [story] + HOST[3:]
    assert [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "mixed_voice"] == []


def test_one_sentence_under_a_label_giving_a_name_and_an_age_is_the_tellers():
    """A testimony cut to one sentence under "L'histoire de Paul, 61 ans" is still Paul's; the
    same sentence under a label with no age, or under none, is an aside."""
    host = HOSTS["fr"]
    story = "J'ai découvert mon diabète lors d'une prise de sang."

    def flags(label: str | None) -> list:
        blocks = host[:3] + ([Block("paragraph", label)] if label else []) + [Block("paragraph", story)] + host[3:]
        return [f for f in detect(join_blocks(blocks), blocks, CFG, "fr") if f.kind == "mixed_voice"]

    assert flags("L'histoire de Paul, 61 ans") == []
    assert flags("L'histoire de Paul") and flags(None)


@pytest.mark.parametrize(("lang", "aside"), [
    ("en", "Recovery usually takes six to eight weeks – I was back on my bike in five."),
    ("en", "Flare-ups are often triggered by stress (exam season was always my worst time)."),
    ("fr", "Les patchs peuvent laisser une rougeur – la mienne a duré une journée – qui disparaît seule."),
    ("es", "Los parches pueden dejar una rojez – la mía duró un día – que desaparece sola."),
])
def test_the_first_person_breaking_into_a_statement_after_a_bracket_or_a_dash_is_an_aside(lang, aside):
    """A statement in no person that the writer interrupts with an aside of their own, after an
    opening bracket or a spaced dash; "la mienne", "la mía" are the first person as "mine" is."""
    import dataclasses

    from .corpus_pages import language_hosts
    cfg = dataclasses.replace(CFG, languages=("en", "de", "fr", "es"))
    assert len(planted_flags(language_hosts()[lang], aside, "mixed_voice", lang, cfg)) == 1


def test_an_aside_giving_the_writers_advice_is_the_pages_advisory_voice():
    """"(I don't recommend …)" after a statement is how an adviser writes, not an account spliced in."""
    assert voice_flags("Cow's milk can be swapped for oat, almond or soy milk (I don't recommend coconut milk for drinking).") == []


@pytest.mark.parametrize(("lang", "habit"), [
    ("en", "I walk the dog each evening to keep my knees moving."),
    ("de", "Ich trinke jeden Abend einen Kräutertee gegen die Unruhe."),
    ("de", "Ohne Pflaster verlasse ich nie das Haus."),
    ("fr", "Je prends ma tension chaque soir avant le dîner."),
    ("es", "Cada noche me reviso los pies antes de acostarme."),
])
def test_a_habit_of_the_writers_own_in_reference_text_is_an_aside(lang, habit):
    """A first-person present tense with a time that recurs ("each evening", "jeden Abend", "chaque
    soir", "cada noche") or "nie"/"immer" by the first person tells the writer's own routine."""
    import dataclasses
    cfg = dataclasses.replace(CFG, languages=("en", "de", "fr", "es"))
    assert len(planted_flags(HOSTS[lang], habit, "mixed_voice", lang, cfg)) == 1


@pytest.mark.parametrize(("lang", "byline", "bio"), [
    ("en", "By Dr Sara Lind", "I'm a dermatologist in Leeds and every week I see children with eczema."),
    ("de", "Ein Beitrag von Dr. Jan Hofer", "Ich bin Hausarzt in Kassel und betreue viele Menschen mit Diabetes."),
    ("fr", "Par le Dr Claire Meunier", "Je suis pédiatre à Nantes et chaque hiver je vois des enfants avec une bronchiolite."),
    ("es", "Por la Dra. Ana Roldán", "Soy dermatóloga en Valencia y cada semana veo en mi consulta a niños con eccema."),
])
def test_an_authors_bio_under_a_byline_is_the_authors_voice(lang, byline, bio):
    """A first-person line right under a byline introduces the named author ("Je suis pédiatre");
    the same line under the name alone, with no word of a byline, is an aside in reference text."""
    import dataclasses
    cfg = dataclasses.replace(CFG, languages=("en", "de", "fr", "es"))
    host = HOSTS[lang]

    def flags(line: str) -> list:
        blocks = host[:3] + [Block("paragraph", line), Block("paragraph", bio)] + host[3:]
        return [f for f in detect(join_blocks(blocks), blocks, cfg, lang) if f.kind == "mixed_voice"]

    assert flags(byline) == []
    named = byline.split(" Dr", 1)[1]  # the same line without its byline's words: a name alone
    assert len(flags("Dr" + named)) == 1


@pytest.mark.parametrize(("lang", "aside"), [
    ("en", "Most sprains heal within a fortnight; mine took nearer two months."),
    ("fr", "La plupart des entorses guérissent en quinze jours ; moi, j'ai boité deux mois."),
    ("es", "La mayoría de los esguinces se curan en dos semanas; yo cojeé casi dos meses."),
])
def test_the_first_person_breaking_in_after_a_semicolon_is_an_aside(lang, aside):
    """A semicolon sets off the writer's aside from the statement before it as a dash does."""
    import dataclasses
    cfg = dataclasses.replace(CFG, languages=("en", "de", "fr", "es"))
    assert len(planted_flags(HOSTS[lang], aside, "mixed_voice", lang, cfg)) == 1


@pytest.mark.parametrize(("lang", "story"), [
    ("en", "The referral usually takes a few weeks; ours took four months."),
    ("de", "Wir haben über vier Monate gewartet, bis der Termin kam."),
])
def test_a_households_ours_or_a_longer_perfect_is_a_story(lang, story):
    import dataclasses
    cfg = dataclasses.replace(CFG, languages=("en", "de", "fr", "es"))
    assert len(planted_flags(HOSTS[lang], story, "mixed_voice", lang, cfg)) == 1


@pytest.mark.parametrize(("lang", "label", "bio"), [
    ("en", "About the writer", "I'm a physiotherapist and I have treated runners for twenty years."),
    ("en", "Meet me", "I'm a physiotherapist and I have treated runners for twenty years."),
    ("de", "Über mich", "Ich bin Physiotherapeutin und behandle seit zwanzig Jahren Läufer."),
    ("fr", "À propos de moi :", "Je suis kinésithérapeute et je soigne des coureurs depuis vingt ans."),
    ("es", "Acerca de mí", "Soy fisioterapeuta y en mi consulta trato a corredores desde hace veinte años."),
])
def test_an_authors_bio_under_its_boxs_label_is_the_authors_voice(lang, label, bio):
    """A first-person line right under a label of the author's box ("About the writer", "Über mich")
    introduces the author; under another short line it is an aside in reference text."""
    import dataclasses
    cfg = dataclasses.replace(CFG, languages=("en", "de", "fr", "es"))
    host = HOSTS[lang]

    def flags(line: str) -> list:
        blocks = host[:3] + [Block("paragraph", line), Block("paragraph", bio)] + host[3:]
        return [f for f in detect(join_blocks(blocks), blocks, cfg, lang) if f.kind == "mixed_voice"]

    assert flags(label) == []
    assert len(flags("Sports injuries")) == 1
