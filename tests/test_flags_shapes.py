"""The shape detectors (missing_value, dangling_list, mixed_voice, garbled_text,
off_topic) on real article text from the corpora, with the template families of
bench/flagset/templates planted in it and on published pages with nothing planted."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, lexicon
from ascurate.flags.glued import repaired_encoding
from ascurate.flags.quantities import missing_value
from ascurate.flags.shape import _NEXT_SENTENCE, _closing_promise, _promise_score, _promises
from ascurate.model import Block, join_blocks

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("flagset_generate", ROOT / "bench" / "flagset" / "generate.py")
generate = importlib.util.module_from_spec(_spec)  # the planted set's own planting
sys.modules[_spec.name] = generate
_spec.loader.exec_module(generate)
KINDS = ["missing_value", "dangling_list", "mixed_voice", "garbled_text", "off_topic"]

CFG = load_config("/nonexistent/ascurate.toml")
CORPUS = ROOT.parent / "shared" / "corpus"


def blocks_of(gold: Path) -> list[Block]:
    d = json.loads(gold.read_text(encoding="utf-8"))
    return [Block("paragraph", ln.strip()) for ln in d["main_content"].split("\n") if ln.strip()]


HOST = blocks_of(CORPUS / "health-dev" / "readability-webmd-1.gold.json")
FRENCH = blocks_of(CORPUS / "wcxb-dev" / "wcxb-0644.gold.json")  # the corpora's French pages are shop pages


def flags_in(blocks: list[Block], language: str = "en"):
    text = join_blocks(blocks)
    flags = detect(text, blocks, CFG, language)
    for f in flags:
        assert text[f.start:f.end] == f.quote and f.rule and f.score is None or 0 <= f.score <= 1
    return text, flags


def planted(raw: str, position: str, seed: int = 1, host: list[Block] = HOST, language: str = "en"):
    plain, spans = generate.unmark(raw)
    spans = spans or [(0, len(plain))]
    raw_blocks, off = generate.plant([b.text for b in host], plain, position, random.Random(seed))
    blocks = [Block(b["type"], b["text"], b.get("level")) for b in raw_blocks]
    text, flags = flags_in(blocks, language)
    return text, flags, off + spans[0][0], off + spans[-1][1]


def found(kind: str, raw: str, position: str = "own", **kw) -> bool:
    _, flags, s, e = planted(raw, position, **kw)
    return any(f.kind == kind and f.start < e and s < f.end for f in flags)


def test_the_host_page_has_no_flag_of_these_kinds():
    _, flags = flags_in(HOST)
    assert [f for f in flags if f.kind in KINDS] == []


@pytest.mark.parametrize("raw,position", [
    ("Patients lost ⟦about  kilograms⟧ in the first year.", "inside"),
    ("A study from ⟦, about 75 percent⟧ of people reported relief.", "own"),
    ("Relapse happens ⟦in  of cases⟧, usually within a year.", "list"),
    ("Attacks usually last ⟦between  and  hours⟧.", "inside"),
    ("The risk is ⟦ times higher⟧ in smokers.", "own"),
])
def test_missing_value_in_english(raw, position):
    assert found("missing_value", raw, position)


@pytest.mark.parametrize("language,sentence", [
    ("de", "Betroffen sind etwa  Prozent der Erwachsenen."),
    ("de", "Die Beschwerden dauern meist zwischen  und  Tagen."),
    ("fr", "La maladie touche environ  % des adultes."),
    ("fr", "Une étude publiée en , portant sur 2 000 patients, l'a montré."),
    ("es", "La enfermedad afecta a alrededor del  % de los adultos."),
    ("es", "Los síntomas duran entre  y  días."),
])
def test_missing_value_in_other_languages(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize("sentence", [
    "Patients lost about 5 kilograms in the first year.", "About half of all people with gout have a second attack.",
    "Roughly a third of patients need no further treatment.", "Doses are given in mg per kilogram.",
    "Convert the dose from mg to mcg.", "We talked about hours of sleep and about calories.",
    "It can take weeks or months, and some years it does not come back.",
])
def test_missing_value_leaves_real_quantities_alone(sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], "en", CFG) == []


@pytest.mark.parametrize("language,sentence", [
    ("en", "It takes about  of a day for the drug to clear from the body."),
    ("de", "Die Tabletten  Minuten vor dem Frühstück einnehmen."),
    ("fr", "Le taux de réussite atteint  % à un an."),
    ("fr", "Près d'un  des patients ne présentent aucun symptôme."),
    ("es", "Tome  ml del jarabe después de cada comida."),
    ("es", "La mejoría llega en unas  semanas."),
])
def test_missing_value_where_the_number_left_its_place(language, sentence):
    """Two spaces beside a quantity word are the stripped number's place, in any language."""
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize("language,sentence", [
    ("en", "Research from , suggests that the risk is higher in winter."),
    ("en", "The tablet usually takes of an hour to start working."),
    ("de", "Bei von 100 Patienten treten Nebenwirkungen auf."),
    ("fr", "Depuis , le vaccin est recommandé aux plus de 65 ans."),
    ("en", "Rates have risen. Since , the number treated has almost doubled."),  # a sentence opening mid-block
    ("de", "Das ist neu. Seit , ist der Test eine Kassenleistung."),
    ("fr", "Un adulte a besoin de à heures de sommeil."),
    ("es", "Uno de cada adultos tiene la tensión alta."),
    ("es", "El efecto tarda unos de hora en aparecer."),
])
def test_missing_value_with_its_spaces_collapsed(language, sentence):
    """Extraction from HTML collapses the gap: the words left still make no quantity."""
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize("language,sentence", [
    ("en", "Take one tablet a quarter of an hour before meals, or within half of a day."),
    ("de", "Etwa zwei von 100 Patienten haben Nebenwirkungen, bei einer von zehn Frauen bleibt es."),
    ("fr", "Le médicament agit en un quart d'heure ; l'un des patients a réagi."),
    ("es", "Tome un comprimido cada día; uno de cada diez adultos y cada dos semanas."),
    ("en", "sudo  ufw  default  deny  incoming"),  # text set in columns holds gaps, no hole
])
def test_missing_value_leaves_real_quantities_and_columns_alone(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG) == []


@pytest.mark.parametrize("language,sentence", [
    ("en", "Keep fasting glucose under  mg/dl before breakfast."),  # a unit over another
    ("fr", "La glycémie doit rester sous  g/l à jeun."),
    ("en", "Most adults should eat no more than  g of salt a day."),  # a one-letter unit
    ("en", "Aim for a home reading of /85 or lower."),  # a reading over a number, the first gone
    ("de", "Der Zielwert liegt bei  /80 mmHg."),
])
def test_missing_value_compound_units_grams_and_readings(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize("language,sentence", [
    ("en", "Only G was left off the list of vitamins."),  # a letter, not the unit in its case
    ("en", "Values of 120/80 mmHg and 100 mg/dl are normal; the service runs 24 /7 and/or online."),
    ("de", "Werte zwischen 70 und 100 mg/dl gelten als normal."),
])
def test_missing_value_leaves_compound_units_letters_and_readings_with_values_alone(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG) == []


def test_dangling_list_promise_followed_by_prose_or_nothing():
    assert found("dangling_list", "⟦Common side effects include:⟧", "own")
    assert found("dangling_list", "⟦Zu den häufigsten Nebenwirkungen gehören:⟧", "own", language="de")
    end = [*HOST, Block("paragraph", "Risk factors for the condition include:")]
    assert [f.kind for f in flags_in(end)[1] if f.kind == "dangling_list"] == ["dangling_list"]
    # inside a paragraph: the lead-in followed by the paragraph's next sentence
    assert found("dangling_list", "⟦Typical warning signs include the following:⟧", "inside")


def _dangles_before_prose_not_before_its_list(language: str, lead: str, items: tuple[str, ...]) -> None:
    host = [Block("paragraph", CONTEXT_PARAGRAPH.get(language, CONTEXT_PARAGRAPH["en"]))] * 6
    before_prose = [*host[:3], Block("paragraph", lead), *host[3:]]
    assert [f.kind for f in flags_in(before_prose, language)[1] if f.kind == "dangling_list"] == ["dangling_list"]
    listed = [*host[:3], Block("paragraph", lead), *(Block("list_item", i) for i in items), *host[3:]]
    assert [f for f in flags_in(listed, language)[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Ask your pharmacist about these points:"),
    ("de", "Achten Sie auf diese Warnsignale:"),
    ("fr", "Consultez un médecin si vous présentez l'un de ces signes :"),
    ("es", "Vigile la aparición de estos síntomas:"),
])
def test_dangling_list_a_lead_in_ending_on_these_items(language, lead):
    """A lead-in that ends by pointing at items to come ("these points:") promises a
    list: before prose it dangles, before its list it does not."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Fever", "Rash"))


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "People at higher risk:"),
    ("de", "Besonders gefährdet sind:"),
    ("fr", "Sont particulièrement à risque :"),
    ("es", "Grupos de mayor riesgo:"),
])
def test_dangling_list_a_lead_in_naming_who_is_at_risk(language, lead):
    """A lead-in ending on who is at risk (or what to avoid) names a group to list: before
    prose it dangles, before its list it does not."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Babies", "Older people"))


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Drugs that can help with the flare-ups includes the following."),
    ("en", "Your nurse may suggest simple changes, such as —"),
    ("fr", "Les examens complémentaires comprennent."),
    ("es", "Las pruebas más habituales incluyen."),
])
def test_dangling_list_a_sentence_cut_after_its_promise(language, lead):
    """A block ending on a word that needs what it announces dangles, colon or not;
    before its list it does not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    cut = [*host[:3], Block("paragraph", lead), *host[3:]]
    assert [f.kind for f in flags_in(cut, language)[1] if f.kind == "dangling_list"] == ["dangling_list"]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Rest"), Block("list_item", "Fluids"), *host[3:]]
    assert [f for f in flags_in(listed, language)[1] if f.kind == "dangling_list"] == []
    ended = "Patients usually ask what the operation will include."
    assert [f for f in flags_in([*host[:3], Block("paragraph", ended), *host[3:]])[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize(("language", "lead", "steps"), [
    ("en", "The injections are given as follows.",
     "A nurse numbs the skin first. A week later you come back for the second dose."),
    ("de", "Die Therapie läuft wie folgt.",
     "Sie nehmen zuerst eine Woche lang eine Tablette. Danach steigern Sie die Dosis auf zwei Tabletten."),
    ("fr", "La rééducation se fait comme suit.",
     "Le kinésithérapeute vous fait d'abord travailler la marche. Vous passez ensuite aux escaliers."),
    ("es", "La vacunación se organiza como sigue.",
     "El niño recibe la primera dosis a los dos meses. Luego recibe la segunda a los cuatro meses."),
])
def test_dangling_list_a_pointer_before_steps_told_as_prose(language, lead, steps):
    """A block ending on a pointer ("as follows.") before a paragraph that tells steps in
    time, a first step's word and a next step's in a later sentence, announced those steps;
    before prose without them (or with the next step's word before the first's) it dangles."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6

    def dangles(after: str) -> bool:
        blocks = [*host[:3], Block("paragraph", lead), Block("paragraph", after), *host[3:]]
        return any(f.kind == "dangling_list" for f in flags_in(blocks, language)[1])

    assert not dangles(steps)
    assert dangles(CONTEXT_PARAGRAPH[language])
    first, then = _NEXT_SENTENCE.split(steps)
    assert dangles(f"{then} {first}")


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Read the tips below before your first session."),
    ("en", "You may be asked to do the following before the scan."),
    ("de", "Beachten Sie die folgenden Hinweise zur Einnahme."),
    ("fr", "Les examens suivants peuvent être prescrits."),
    ("es", "Siga las instrucciones que aparecen más abajo."),
])
def test_dangling_list_a_sentence_pointing_forward_at_items(language, lead):
    """A block that points forward at items with a full stop ("the tips below") dangles
    before prose; before its list it does not."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Rest", "Fluids"))


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Ways to ease a sore throat:"),
    ("en", "Foods that are high in potassium:"),
    ("fr", "Causes fréquentes de l'insomnie :"),
    ("es", "Complicaciones de la diabetes:"),
])
def test_dangling_list_a_phrase_opening_on_a_class_of_items(language, lead):
    """A lead-in phrase opening on a plural that names a class of items promises them:
    before prose it dangles, before its list it does not."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Rest", "Fluids"))


@pytest.mark.parametrize(("language", "lead"), [
    ("de", "Es gibt verschiedene Formen der Erkrankung:"),
    ("en", "Some simple ways to cut down on salt:"),
    ("en", "The main side effects of this drug were:"),
])
def test_dangling_list_a_class_of_items_after_a_few_words(language, lead):
    """The class of items that a lead-in promises may follow up to three words ("Es gibt
    verschiedene Formen", "Some simple ways")."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Rest", "Fluids"))


@pytest.mark.parametrize(("language", "lead", "after"), [
    ("fr", "Les signes d'une déshydratation :", "La bonne technique d'inhalation est essentielle : le médecin ou le "
           "pharmacien peuvent la montrer et la vérifier régulièrement."),
    ("en", "Common triggers for asthma include:", "The most important thing to remember is simple: take your preventer "
           "inhaler every day, even when you feel well."),
])
def test_dangling_list_a_clause_with_a_colon_after_a_lead_in_is_prose_not_a_term(language, lead, after):
    """A paragraph opening on a clause with a copula before its colon is prose going on,
    not a "Term: ..." item set as a paragraph; a term line after the lead-in still is."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 4
    blocks = [*host[:2], Block("paragraph", lead), Block("paragraph", after), *host[2:]]
    assert [f.quote for f in flags_in(blocks, language)[1] if f.kind == "dangling_list"] == [lead]
    items = [Block("paragraph", "Cold air: breathing through a scarf warms it up."),
             Block("paragraph", "Pollen: keep windows shut on days when counts are high.")]
    blocks = [*host[:2], Block("paragraph", "Common triggers for asthma include:"), *items, *host[2:]]
    assert [f for f in flags_in(blocks)[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize(("language", "paragraph", "lead"), [
    ("en", "Most people recover within a few weeks. Other symptoms may include The rash usually fades on its own "
           "within a week or two.", "Other symptoms may include"),
    ("fr", "La plupart des patients guérissent en quelques semaines. Les soins possibles comprennent Des douches "
           "tièdes et des ongles coupés courts limitent le grattage.", "Les soins possibles comprennent"),
    ("de", "Die meisten Menschen erholen sich nach wenigen Wochen. Zu den Risikofaktoren gehören Die Krankheit "
           "beginnt oft schleichend und bleibt lange unbemerkt.", "Zu den Risikofaktoren gehören"),
])
def test_dangling_list_a_lead_in_that_runs_on_into_the_next_sentence(language, paragraph, lead):
    """A lead-in that lost its list and its stop runs on into the capitalised function word
    opening the next sentence."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 4
    flags = flags_in([*host[:2], Block("paragraph", paragraph), *host[2:]], language)[1]
    assert [f.quote for f in flags if f.kind == "dangling_list"] == [lead]


@pytest.mark.parametrize(("language", "paragraph"), [
    ("en", "Her best-known novels include The Remains of the Day, which won the Booker Prize in 1989."),
    ("en", "Common triggers include pollen, dust and The cold air of winter mornings for some people."),
    ("de", "Zu den Risikofaktoren gehören Rauchen, Übergewicht und ein hoher Blutdruck."),
])
def test_dangling_list_a_title_a_name_or_a_noun_after_include_is_no_run_on(language, paragraph):
    """A title capitalises the word after its article, and German capitalises its nouns: a
    capital after "include" there opens no sentence."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 4
    flags = flags_in([*host[:2], Block("paragraph", paragraph), *host[2:]], language)[1]
    assert [f for f in flags if f.kind == "dangling_list"] == []


@pytest.mark.parametrize("lead", ["Tips:", "Next steps:", "Benefits of Learning Music:", "The steps are straightforward:"])
def test_dangling_list_a_label_title_or_statement_on_a_class_of_items_is_no_promise(lead):
    """A label of three words or fewer, a section title in title case, or the class of items
    followed by a copula (a statement that explains on) heads its own text."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    blocks = [*host[:3], Block("paragraph", lead), *host[3:]]
    assert [f for f in flags_in(blocks)[1] if f.kind == "dangling_list" and f.rule == "shape.dangling-list"] == []


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "She was discharged the following morning and made a full recovery."),
    ("en", "Pain below the knee can come from the shin bone."),
    ("en", "I look at the bed below and see a lot of missed planting opportunities."),
    ("en", "Use the resources below to keep learning!"),
    ("en", "The table below compares the doses."),
    ("en", "It often spreads (see the pictures below)."),
    ("fr", "Inscrivez-vous ci-dessous."),
    ("de", "Am folgenden Tag konnte die Patientin wieder nach Hause gehen."),
    ("de", "Die Schmerzen strahlen nach unten aus."),
    ("fr", "Les jours suivants, la fièvre a baissé progressivement."),
    ("es", "Al día siguiente, el dolor había desaparecido."),
])
def test_dangling_list_pointing_words_of_time_place_pictures_or_the_author_are_no_promise(language, sentence):
    """A pointing word beside a word of time or place, a picture, a call to action, a
    cross-reference in brackets or the author's own aside promises no items."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH.get(language, CONTEXT_PARAGRAPH["en"]))] * 6
    blocks = [*host[:3], Block("paragraph", sentence), *host[3:]]
    assert [f for f in flags_in(blocks, language)[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize(("language", "lead"), [
    ("fr", "Les bons gestes en cas de coup de chaleur :"),
    ("fr", "Des exercices simples pour le dos —"),
    ("es", "Las personas con más riesgo de caídas:"),
    ("es", "Los errores más frecuentes con los antibióticos –"),
    ("de", "Häufige Fehler bei der Einnahme von Antibiotika –"),
])
def test_dangling_list_a_phrase_opening_on_a_plural_determiner(language, lead):
    """A phrase of more than three words opening on a plural determiner ("Les", "Las",
    "Algunos"), with no copula, names a class of items as "Causes of ...:" does: a strong
    promise, which before prose dangles and before its list does not."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Boire", "Reposo"))


@pytest.mark.parametrize(("language", "lead"), [
    ("fr", "Les traitements possibles"),  # a label of three words heads its own text
    ("fr", "Les résultats de l'étude sont encourageants"),  # a copula makes it a sentence
    ("de", "Häufige Fragen"),
    ("fr", "Les besoins en calcium figurent dans ce tableau"),  # a table announces one thing
    ("es", "Los médicos de familia son los primeros en verlo"),
    ("es", "Las Mejores Recetas De Verano"),  # title case heads a section
])
def test_dangling_list_a_plural_opening_is_no_strong_promise_in_a_label_or_a_sentence(language, lead):
    promise = _promises(lexicon.files(CFG), language)
    assert _closing_promise(lead, promise) < 0.6


def test_dangling_list_a_plural_subject_inside_a_paragraph_opens_a_clause():
    """Inside a paragraph a plural subject before a colon opens a clause that runs on into
    what it introduces: no strong promise there."""
    para = f"{CONTEXT_PARAGRAPH['de']} Viele Betroffene fragen sich: Muss ich mein Leben lang Tabletten nehmen?"
    host = [Block("paragraph", CONTEXT_PARAGRAPH["de"])] * 6
    assert _dangling([*host[:3], Block("paragraph", para), *host[3:]], "de") == []


def test_dangling_list_a_german_lead_in_ending_on_the_following_items():
    """"zu folgenden Schritten:" ends on the items' name after "folgenden", as English's
    "the following steps:" does: a strong promise, which before prose dangles."""
    _dangles_before_prose_not_before_its_list("de", "Wir raten Ihnen zu folgenden Schritten:", ("Ruhe", "Kühlen"))


def test_dangling_list_a_pointing_sentence_in_a_paragraph_of_others_is_a_road_map():
    """At the end of a paragraph of other sentences, "explained below" points at what the
    article says further on, not at a list."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    para = "Get started with this checklist, and refer back to it every time you teach. Each item is explained below."
    blocks = [*host[:3], Block("paragraph", para), *host[3:]]
    assert [f for f in flags_in(blocks)[1] if f.kind == "dangling_list"] == []


def test_dangling_list_a_weak_lead_in_naming_a_picture_is_no_promise_of_items():
    blocks = [*HOST, Block("paragraph", "The table can be seen below:")]
    assert [f for f in flags_in(blocks)[1] if f.kind == "dangling_list"] == []


def test_dangling_list_a_dash_closing_a_strong_promise_is_its_colon():
    """"include —" at a block's end is a list cut off; "risks —" after no promise is not."""
    lead = "Good sources of iron include —"
    assert [f.quote for f in flags_in([*HOST[:3], Block("paragraph", lead), *HOST[3:]])[1]
            if f.kind == "dangling_list"] == [lead]
    listed = [*HOST[:3], Block("paragraph", lead), Block("list_item", "Red meat"), Block("list_item", "Lentils"), *HOST[3:]]
    assert [f for f in flags_in(listed)[1] if f.kind == "dangling_list"] == []
    plain = [*HOST[:3], Block("paragraph", "Every treatment carries its own risks —"), *HOST[3:]]
    assert [f for f in flags_in(plain)[1] if f.kind == "dangling_list"] == []


def test_dangling_list_a_long_paragraph_opening_on_a_gerund_is_prose_unless_items_run():
    """A paragraph of prose that happens to open on a gerund ("Arguing that ...") follows
    a lost list as any prose does; gerund items set as paragraphs come in a run."""
    lead = Block("paragraph", "Risk factors for the condition include:")
    prose = Block("paragraph", "Arguing that " + HOST[1].text[0].lower() + HOST[1].text[1:] + " " + HOST[2].text)
    assert len(prose.text.split()) > 40
    assert [f.quote for f in flags_in([*HOST[:3], lead, prose, *HOST[3:]])[1] if f.kind == "dangling_list"] \
        == [lead.text]
    gerunds = [Block("paragraph", f"{g} is a risk of its own. {HOST[k].text} {HOST[k + 1].text}")
               for g, k in (("Smoking", 1), ("Drinking", 3))]
    assert all(len(b.text.split()) > 40 for b in gerunds)
    assert [f for f in flags_in([*HOST[:3], lead, *gerunds, *HOST[5:]])[1] if f.kind == "dangling_list"] == []


def test_dangling_list_a_weak_lead_in_between_two_sentences_it_has_nothing_to_do_with():
    """Inside a paragraph a weak promise ("There are several ...:") flags only between two
    sentences that share none of its words, once in the article: a lead-in the paragraph
    talks about, or a recurring label ("What we like:"), runs its explanation on."""
    stranger = "There are several things worth trying before you see a specialist:"
    assert found("dangling_list", f"⟦{stranger}⟧", "inside")
    paragraph = ("Parents have been told for years to avoid peanuts. There are several things the new peanut "
                 "study changes: Feeding babies snacks made with peanuts early appears to prevent the allergy.")
    assert [f for f in flags_in([*HOST[:3], Block("paragraph", paragraph), *HOST[3:]])[1]
            if f.kind == "dangling_list"] == []
    label = f"{HOST[1].text} {stranger} {HOST[2].text}"
    twice = [HOST[0], Block("paragraph", label), *HOST[3:6], Block("paragraph", label), *HOST[6:]]
    assert [f for f in flags_in(twice)[1] if f.kind == "dangling_list"] == []


CONTEXT_PARAGRAPH = {
    "de": "Die meisten Menschen erholen sich innerhalb weniger Wochen. Ruhe und regelmäßige Schmerzmittel "
          "helfen dem Gelenk, sich zu beruhigen.",
    "en": "Most people recover within a few weeks. Rest and regular pain relief help the joint settle down.",
    "fr": "La plupart des patients guérissent en quelques semaines. Le repos et les antalgiques pris "
          "régulièrement aident l'articulation à se calmer.",
    "es": "La mayoría de los pacientes se recupera en pocas semanas. El reposo y los analgésicos tomados "
          "con regularidad ayudan a calmar la articulación.",
}


def test_dangling_list_not_before_its_list():
    items = ["Nausea and vomiting", "Headache", "Dizziness when standing up"]
    as_items = [*HOST[:5], Block("paragraph", "Common side effects include:"), *(Block("list_item", t) for t in items),
                *HOST[5:]]
    assert [f for f in flags_in(as_items)[1] if f.kind == "dangling_list"] == []
    as_lines = [*HOST[:5], Block("paragraph", "Common side effects include:"), *(Block("paragraph", t) for t in items),
                *HOST[5:]]
    assert [f for f in flags_in(as_lines)[1] if f.kind == "dangling_list"] == []
    stripped = [*HOST[:5], Block("paragraph", "Common side effects include: ."), *(Block("list_item", t) for t in items),
                *HOST[5:]]
    assert [f for f in flags_in(stripped)[1] if f.kind == "dangling_list"] == []
    formula = [*HOST[:5], Block("paragraph", "The dose is worked out as follows:"),
               Block("paragraph", "Dose in mg = body weight in kg x 15, given every six hours."), *HOST[5:]]
    assert [f for f in flags_in(formula)[1] if f.kind == "dangling_list"] == []
    inline = "Common side effects include: nausea, headache and dizziness."
    assert not found("dangling_list", inline, "inside")


def test_dangling_list_a_stop_opening_a_name_is_no_bare_stop():
    """":." is a list cut out of its sentence, not "Example: .github/workflows/ci.yml" (a
    name opening on a stop), which a published page of repository notes set as list items."""
    for item in ("Example: .github/workflows/ci.yml", "Examples: .github/ISSUE_TEMPLATE/bug_report.md or .gitignore"):
        assert [f for f in flags_in([*HOST[:5], Block("list_item", item), *HOST[5:]])[1] if f.kind == "dangling_list"] == []
    assert found("dangling_list", "⟦Drugs used to treat it include:.⟧", "inside")


def test_dangling_list_a_run_in_list_of_names_after_the_colon_is_its_list():
    """Capitalised names or titles between commas after a promise are the list run into the
    paragraph ("such as: Leave No Trace, Trip Planning, ..."), not the prose after a lost one;
    a sentence's clauses after the same promise are."""
    names = ("Skills videos for backpackers of all levels, such as: Leave No Trace, Backpacking Trip Planning, "
             "How to Find and Fit the Right Backpack, How to Pack a Lightweight Backpack, and much more.")
    assert [f for f in flags_in([*HOST[:5], Block("paragraph", names), *HOST[5:]])[1] if f.kind == "dangling_list"] == []
    prose = ("Skills videos for backpackers of all levels, such as: Most hikers carry too much water, and the "
             "weight slows them down, so they tire long before the end of the day.")
    assert [f.quote for f in flags_in([*HOST[:5], Block("paragraph", prose), *HOST[5:]])[1]
            if f.kind == "dangling_list"] == ["Skills videos for backpackers of all levels, such as:"]


def test_mixed_voice_aside_in_reference_text_but_not_a_quoted_or_personal_one():
    assert found("mixed_voice", "⟦I had this for years before anyone took me seriously.⟧", "inside")
    assert found("mixed_voice", "⟦Mon médecin m'a simplement conseillé de me reposer.⟧", "own",
                 host=FRENCH, language="fr")
    assert not found("mixed_voice", "\"I had this for years before anyone took me seriously,\" says Maria, 54.", "own")
    assert not found("mixed_voice", "What should I do if I miss a dose?", "own")
    assert not found("mixed_voice", "People with type I diabetes need insulin every day.", "inside")
    blog = [Block("paragraph", f"I went to the clinic on day {k}. My knee was still sore and I felt tired.")
            for k in range(12)]
    assert [f for f in flags_in(blog)[1] if f.kind == "mixed_voice"] == []


def test_garbled_text_glued_words_not_names_or_code():
    assert found("garbled_text", "You should always tell ⟦theirdoctor⟧ about other medicines.", "inside")
    assert found("garbled_text", "Doctors may offer a ⟦biologicTreatment⟧ when other drugs fail.", "inside")
    assert found("garbled_text", "Read our guide to ⟦knee pain knee pain⟧ for more exercises.", "inside")
    for trap in ("Drugs that block IL-17A work well in people who carry HLA-B27.",
                 "Watch the video on YouTube or download the app from the iPhone store.",
                 "Call getElementById() to find the node, then set its innerHTML.",
                 "The hook useState returns the current value and a setter.",
                 "Die Blutzuckermessung sollte morgens erfolgen."):
        assert not found("garbled_text", trap, "inside"), trap


@pytest.mark.parametrize("language,host,raw", [
    ("en", None, "You can ⟦alsoask⟧ your pharmacist for advice."),
    ("de", "de", "Sie ⟦solltenviel⟧ trinken, vor allem im Sommer."),
    ("fr", "fr", "Ces symptômes ⟦peuventaussi⟧ apparaître la nuit."),
    ("es", "es", "Es importante ⟦bebermucha⟧ agua durante el día."),
])
def test_garbled_text_a_modal_or_adverb_glued_to_the_next_word(language, host, raw):
    """Modal verbs and adverbs open no compound: glued to the next word, they are damage."""
    blocks = FRENCH if host == "fr" else HOST
    assert found("garbled_text", raw, "inside", host=blocks, language=language)


def test_garbled_text_doubled_link_text_in_a_short_sentence():
    """A sentence of six or seven words can hold a doubled link text of two words (was eight words at least)."""
    raw = "Voir notre article ⟦allergies saisonnières allergies saisonnières⟧."
    assert found("garbled_text", raw, "own", host=FRENCH, language="fr")
    assert not found("garbled_text", "Voir notre article sur les allergies saisonnières.", "own", host=FRENCH, language="fr")


@pytest.mark.parametrize(("language", "raw"), [
    ("en", "Read the leaflet and ⟦Find out more Find out more⟧ about flu vaccines."),
    ("fr", "Lire aussi ⟦Le diabète Le diabète⟧ pour en savoir plus."),
    ("en", "Support is offered by ⟦Diabetes UK Diabetes UK⟧ and local groups."),
])
def test_garbled_text_a_titled_link_text_pasted_twice(language, raw):
    """A link's text copied verbatim with its capital inside the sentence is damage even when
    it holds short or linking words, which lower-case rhetoric would ("more and more")."""
    host = FRENCH if language == "fr" else HOST
    assert found("garbled_text", raw, "own", host=host, language=language)


@pytest.mark.parametrize("sentence", [
    "The installation, entitled Jewels after Jewels after Jewels, opens today.",
    "Prices rose more and more over the winter months.",
])
def test_garbled_text_rhetoric_and_titles_said_three_times_are_not_doubled(sentence):
    assert not found("garbled_text", sentence, "own")


@pytest.mark.parametrize("raw", [
    "⟦Itâ€™s⟧ best to avoid alcohol while taking this medicine.",
    "Eine ⟦GrÃ¶ÃŸe⟧ von mehr als zwei Zentimetern gilt als auffällig.",
    "La ⟦fiÃ¨vre⟧ disparaît en général en trois jours.",
])
def test_mojibake_left_in_the_text_is_garbled(raw):
    """Text that reaches the flags with mojibake in it (ingest did not see it as bytes) is damage."""
    _, flags, s, e = planted(raw, "inside")
    hits = [f for f in flags if f.kind == "garbled_text" and f.start < e and s < f.end]
    assert hits and hits[0].severity == "warning" and hits[0].rule == "glue.mojibake"


def test_mojibake_on_every_line_of_a_page_is_one_finding():
    blocks = [Block("paragraph", f"Section {k}: it doesnâ€™t matter, weâ€™ve said it before.") for k in range(6)]
    # (one flag, on the first line's damaged words: those of one line close together are one span)
    assert [f.quote for f in flags_in(blocks)[1] if f.rule == "glue.mojibake"] == ["doesnâ€™t matter, weâ€™ve"]


def test_garbled_text_a_function_word_before_a_capital_is_glue_only_where_nouns_take_capitals():
    # "theScore", "inReach", "YourName": names styled so in English (published pages hold
    # them); German writes nouns with a capital, so "dieGelenke" is a function word glued on
    for brand in ("Follow the scores on theScore, which sends alerts for every goal of the season.",
                  "Hikers carry an inReach messenger when they walk far from any phone signal.",
                  "Type YourName in the box before you send the form to the clinic."):
        assert not found("garbled_text", brand, "inside"), brand
    # a name that owns something: the moving-company review site of wcxb-0057
    owner = next(b.text for b in blocks_of(CORPUS / "wcxb-dev" / "wcxb-0057.gold.json") if "moveBuddha's" in b.text)
    assert not found("garbled_text", owner, "inside")
    assert found("garbled_text", "Regelmäßige Bewegung stärkt ⟦dieGelenke⟧ und die Muskeln.", "inside", language="de")
    assert found("garbled_text", "Fragen Sie ⟦IhremArzt⟧ nach den Nebenwirkungen.", "inside", language="de")


def test_garbled_text_the_same_doubled_words_twice_in_an_article_are_one_flag():
    card = "Returns are free for every order. Up to 45 days Up to 45 days to send an item back by post."
    blocks = HOST[:3] + [Block("paragraph", card)] + HOST[3:6] + [Block("paragraph", card)]
    text, flags = flags_in(blocks)
    doubled = [f for f in flags if f.rule == "shape.doubled-text"]
    assert len(doubled) == 1 and "2 times" in doubled[0].message
    assert text.index("Up to 45 days Up to 45 days") == doubled[0].start


def test_off_topic_passage_that_shares_generic_words():
    pets = ("Cats are famously independent, but they still need daily play. A simple feather wand or a cardboard box "
            "can keep an indoor cat busy for hours, and scratching posts save your sofa from damage.")
    assert found("off_topic", pets, "own")
    subtopic = ("Parents who are worried that their baby is allergic to peanuts should talk to a doctor before "
                "giving peanut foods, because children with severe eczema or an egg allergy may need a test first.")
    assert not found("off_topic", subtopic, "own")


@pytest.mark.parametrize(("tied", "alone"), [
    ("But the cat had other ideas: a feather wand and a cardboard box kept her busy for hours, and the scratching "
     "post saved the sofa from damage.",
     "A feather wand and a cardboard box keep an indoor cat busy for hours, and the scratching post saves the sofa "
     "from damage."),
    ("7. A feather wand and a cardboard box keep an indoor cat busy for hours, and the scratching post saves the "
     "sofa from damage.",
     "A feather wand and a cardboard box keep an indoor cat busy for hours, and the scratching post saves the sofa "
     "from damage."),
    ("Growing up, I used to ride my bicycle around the hills near my village, trying to reach the chapels I could "
     "see from the valley floor.",
     "Growing up in the valley means riding a bicycle around the hills near the village, trying to reach the "
     "chapels you can see from the valley floor."),
])
def test_off_topic_not_a_paragraph_tied_to_the_text_before_it(tied, alone):
    """A paragraph that opens by pointing back ("But", "This"), is one of the article's
    numbered items ("7. ...": a listicle's items may each be about something else) or
    speaks as "I" goes on with the article's own thread, whatever its words; the same
    words standing alone are a passage from elsewhere."""
    assert not found("off_topic", tied, "own")
    assert found("off_topic", alone, "own")


def test_off_topic_not_an_item_of_a_published_numbered_list():
    """wcxb-4326 (a brake job in 14 numbered steps) ends on "14. Crack open a cold beer ...":
    its own last item, whose words no other step uses."""
    blocks = blocks_of(CORPUS / "wcxb-dev" / "wcxb-4326.gold.json")
    assert any(b.text.startswith("14. Crack open") for b in blocks)
    assert [f for f in flags_in(blocks)[1] if f.kind == "off_topic"] == []


def test_off_topic_not_a_paragraph_of_names_but_a_named_place_on_another_subject_is():
    """wcxb-0444 (a machine-learning post) closes on its acknowledgements ("Many thanks to
    Tengyu Ma, Andrew Whitaker, ..."): people named, no subject. A passage on travel that
    names a city is still a passage from elsewhere."""
    blocks = blocks_of(CORPUS / "wcxb-dev" / "wcxb-0444.gold.json")
    assert any(b.text.startswith("Many thanks to") for b in blocks)
    assert [f for f in flags_in(blocks)[1] if f.kind == "off_topic"] == []
    assert found("off_topic", "Lisbon is one of the most affordable capitals in Europe for a long weekend. Wander "
                 "through the old town, ride the famous yellow tram up the hills and finish with grilled sardines.", "own")


def test_off_topic_in_an_article_of_few_paragraphs_by_its_cover_alone():
    """With fewer than three prose paragraphs there is no typical similarity to compare
    with: a passage none of whose rare words the article's other blocks (lists, headings,
    short lines) use is still off topic, when those blocks hold twice its words or more."""
    pets = ("Cats are famously independent, but they still need daily play. A simple feather wand or a cardboard box "
            "can keep an indoor cat busy for hours, and scratching posts save your sofa from damage.")
    prose = [b for b in HOST if len(b.text.split()) >= 20]
    items = [Block("list_item", s.strip() + ".") for b in prose[2:] for s in b.text.split(".") if len(s.split()) > 3]
    assert sum(len(b.text.split()) for b in items) >= 250
    blocks = [prose[0], Block("paragraph", pets), *items]  # two prose paragraphs, the passage one of them
    assert [f.quote for f in flags_in(blocks)[1] if f.kind == "off_topic"] == [pets]
    assert [f for f in flags_in(blocks[:2])[1] if f.kind == "off_topic"] == []  # too little text around it to tell


def test_off_topic_in_a_short_article():
    """Three prose paragraphs are enough to compare a fourth with."""
    pets = ("Cats are famously independent, but they still need daily play. A simple feather wand or a cardboard box "
            "can keep an indoor cat busy for hours, and scratching posts save your sofa from damage.")
    short = [b for b in HOST if len(b.text.split()) >= 20][:3]
    blocks = [*short[:2], Block("paragraph", pets), *short[2:]]
    text, flags = flags_in(blocks)
    assert [f.quote for f in flags if f.kind == "off_topic"] == [pets]


@pytest.mark.parametrize("related", [
    "Patient charities run free helplines staffed by nurses who can answer questions about medicines, tests and "
    "what to expect at the hospital.",
    "High blood pressure rarely causes symptoms, which is why it is worth having it checked at least once every "
    "five years after the age of forty, even if you feel well.",
])
def test_off_topic_not_a_related_health_subject(related):
    money = ("Mortgage rates fell again this month as lenders competed for buyers. A two-year fixed deal now costs "
             "less than it did in spring, but brokers warn that arrangement fees have crept up.")
    assert found("off_topic", money, "own")
    assert not found("off_topic", related, "own")


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Here are some steps you can take at home:"),
    ("en", "Doctors usually look for three things during the examination:"),
    ("es", "Hay tres tipos principales de diabetes:"),
])
def test_dangling_list_presenting_or_counted_lead_in_at_the_end(language, lead):
    blocks = [*HOST, Block("paragraph", lead)]
    assert [f.quote for f in flags_in(blocks, language)[1] if f.kind == "dangling_list"] == [lead]


def test_generator_plants_lines_as_paragraphs_and_lead_ins_before_prose():
    import importlib.util

    spec = importlib.util.spec_from_file_location("flagset_generate", ROOT / "bench" / "flagset" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = gen
    spec.loader.exec_module(gen)
    paras = [b.text for b in HOST]
    blocks, off = gen.plant(paras, "The main symptoms are:\nA dry cough\nTiredness", "own", random.Random(3))
    text = "\n".join(b["text"] for b in blocks)
    assert text[off:].startswith("The main symptoms are:\nA dry cough\nTiredness\n")
    for seed in range(20):
        blocks, off = gen.plant(paras, "Common side effects include:", "own", random.Random(seed), follows="prose")
        at = next(i for i, b in enumerate(blocks) if b["text"] == "Common side effects include:")
        assert at == len(blocks) - 1 or gen._is_prose(blocks[at + 1]["text"])


def test_repaired_mojibake_leaves_an_info_flag():
    from ascurate.ingest.decode import decode_noting_repairs

    text, how, repaired = decode_noting_repairs("<p>People who don’t sleep well — café owners</p>".encode()
                                                .decode("utf-8").encode("utf-8").decode("cp1252", "replace")
                                                .encode("utf-8"))
    assert "mojibake repaired" in how and "don’t" in text and "don’t" in repaired
    flags = repaired_encoding(text, repaired)
    assert flags and all(f.severity == "info" and text[f.start:f.end] == f.quote for f in flags)


def test_a_page_saved_as_mojibake_is_repaired_and_the_repair_flagged_for_an_editor():
    from ascurate.ingest import document_from_bytes
    from ascurate.pipeline import curate_document

    body = " ".join(["Gout is a painful form of arthritis that comes on suddenly, often at night."] * 8)
    page = f"<html><body><article><h1>Gout</h1><p>{body}</p><p>People who don’t drink enough water get it more.</p>" \
           f"<p>{body}</p></article></body></html>"
    data = page.encode("utf-8").decode("cp1252", "replace").encode("utf-8")  # saved once mis-decoded
    (doc,) = document_from_bytes("gout.html", data, "html", CFG)
    assert "mojibake repaired" in doc.encoding and "don’t" in doc.repaired
    art = curate_document(doc, CFG)
    info = [f for f in art.flags if f.rule == "ingest.mojibake-repaired"]
    assert info and info[0].severity == "info" and art.text[info[0].start:info[0].end] == "don’t"
    assert art.status == "clean"


def test_dangling_list_a_dash_inside_a_paragraph_after_a_strong_promise_is_its_colon():
    """"include — The next sentence": a strong promise and a spaced dash before a sentence
    of prose is a list cut out of the paragraph; a dash before the list run in, or after
    no promise, is not."""
    cut = Block("paragraph", f"{HOST[1].text} Common triggers include — {HOST[2].text}")
    assert [f.quote for f in flags_in([HOST[0], cut, *HOST[3:]])[1] if f.kind == "dangling_list"] \
        == ["Common triggers include —"]
    run_in = Block("paragraph", f"{HOST[1].text} Common triggers include — Stress, Alcohol, Cheese.")
    plain = Block("paragraph", f"{HOST[1].text} Every treatment carries its own risks — {HOST[2].text}")
    for b in (run_in, plain):
        assert [f for f in flags_in([HOST[0], b, *HOST[3:]])[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize("paragraph", [
    # questions run into the paragraph are the list (wcxb-0408)
    "Their practice encourages consideration of questions such as: Why are moths dusty? What determines the shape "
    "of snowflakes? How are thoughts like trees?",
    # an address run in, its last part a number (wcxb-4268)
    "The application should be mailed to the following address: New York Department of State, State Records, One "
    "Commerce Plaza, 99 Washington Avenue, Albany, NY 12231. Note that this address is different from the other one.",
])
def test_dangling_list_what_runs_into_the_paragraph_after_a_promise_is_its_list(paragraph):
    assert [f for f in flags_in([*HOST[:3], Block("paragraph", paragraph), *HOST[3:]])[1]
            if f.kind == "dangling_list"] == []


@pytest.mark.parametrize(("language", "paragraph", "lead"), [
    ("fr", "Le traitement dure quelques semaines. Les principaux traitements comprennent notamment : Ce temps est "
           "révolu. La plupart des patients se rétablissent sans séquelles.", "Les principaux traitements comprennent notamment :"),
    ("de", "Die Behandlung dauert einige Wochen. Zu den häufigsten Ursachen zählen: Bis 13. September bleibt die "
           "Praxis geschlossen, danach gelten die üblichen Sprechzeiten.", "Zu den häufigsten Ursachen zählen:"),
])
def test_dangling_list_a_short_sentence_or_a_date_after_the_colon_is_prose(language, paragraph, lead):
    """A sentence of four words ending on a full stop is a sentence ("Ce temps est
    révolu."), and a day's number before its month ("13. September") ends none."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 2
    assert [f.quote for f in flags_in([host[0], Block("paragraph", paragraph), host[1]], language)[1]
            if f.kind == "dangling_list"] == [lead]


def test_dangling_list_a_short_sentence_opening_a_paragraph_is_no_term():
    """"Term. ..." lines are items set as paragraphs ("Aspirin. Take it with food."); a
    paragraph opening on a short sentence that carries the text on ("It's a loop. You say
    something, ...") is prose, so a lead-in cut at ":." before it dangles (the code before
    read it as a term and the list as there)."""
    lead = "People at higher risk of complications:."
    story = ("It's a loop. You say something, the model answers, and if it asks for a tool you run it "
             "and the loop goes around again until the task is done.")
    blocks = [*HOST[:5], Block("heading", lead, 2), Block("paragraph", story), *HOST[5:]]
    assert [f.quote for f in flags_in(blocks)[1] if f.kind == "dangling_list"] == [lead]
    term = "Aspirin. Take it with food, and never on an empty stomach, since it can irritate the lining of the gut."
    blocks = [*HOST[:5], Block("heading", lead, 2), Block("paragraph", term), *HOST[5:]]
    assert [f for f in flags_in(blocks)[1] if f.kind == "dangling_list"] == []


def test_dangling_list_paragraphs_opening_on_ordinals_are_its_items():
    """"Two things matter most in practice:" before "First, ..." and "Second, ..." (two
    published pages, wcxb-4840 and wcxb-4863): items enumerated as paragraphs, or as the
    sentences of the paragraph, are the list the lead-in announced; the same lead-in before
    a paragraph of prose dangles."""
    cases = [
        ("en", "The main risk factors include:", "First, age matters most, since the joints wear with every decade of "
         "use and heal more slowly after an injury.", "Second, weight adds to the load on the knees with every step."),
        ("de", "Zu den häufigsten Ursachen zählen:", "Erstens spielt das Alter eine große Rolle, weil die Gelenke mit "
         "jedem Jahrzehnt stärker beansprucht werden.", "Zweitens belastet jedes Kilo mehr die Knie bei jedem Schritt."),
        ("fr", "Les principaux facteurs de risque comprennent :", "Premièrement, l'âge compte beaucoup, car les "
         "articulations s'usent avec les années et guérissent plus lentement.", "Deuxièmement, le poids charge les "
         "genoux à chaque pas."),
    ]
    for language, lead, first, second in cases:
        host = Block("paragraph", CONTEXT_PARAGRAPH[language])
        items = [host, Block("paragraph", lead), Block("paragraph", first), Block("paragraph", second), host]
        assert [f for f in flags_in(items, language)[1] if f.kind == "dangling_list"] == []
        inside = Block("paragraph", f"{host.text} {lead} {first} {second}")
        assert [f for f in flags_in([host, inside, host], language)[1] if f.kind == "dangling_list"] == []
        prose = [host, Block("paragraph", lead), host, host]
        assert [f.quote for f in flags_in(prose, language)[1] if f.kind == "dangling_list"] == [lead]


def test_dangling_list_a_sentence_whose_commas_part_adjectives_is_prose_after_the_colon():
    """Short parts between commas after a colon are a list run in ("include: nausea,
    headache and dizziness"); a sentence opening on a clause of five words or more whose
    commas part its adjectives is the prose after a lost list (the code before read it as
    the list: a planted "you'll need:" in a news page, wcxb-0480)."""
    lead = "For the home exercises, you'll need:"
    prose = "Enterprises are now demanding AI-native, real-time, context-aware services."
    host = CONTEXT_PARAGRAPH["en"]
    assert [f.quote for f in flags_in([Block("paragraph", f"{host} {lead} {prose} {host}")])[1]
            if f.kind == "dangling_list"] == [lead]
    run_in = "a mat, two light weights, a towel."
    assert [f for f in flags_in([Block("paragraph", f"{host} {lead} {run_in} {host}")])[1]
            if f.kind == "dangling_list"] == []


def test_dangling_list_a_gerund_that_is_a_sentence_subject_opens_no_item():
    """"Keeping a regular bedtime." opens an item set as a paragraph; "Paying attention to
    detail is important …" opens a sentence whose subject is a gerund: prose, so a promise
    before it dangles (a planted count on a party-planning page, wcxb-0269); a run of such
    paragraphs ("Smoking is …" / "Drinking is …") is items (test above)."""
    lead = Block("paragraph", "The guidance sets out two simple rules for parents:")
    prose = Block("paragraph", "Paying attention to detail is important but it is not helpful if every minute of the "
                               "day is scheduled.")
    host = Block("paragraph", CONTEXT_PARAGRAPH["en"])
    assert [f.quote for f in flags_in([host, lead, prose, host])[1] if f.kind == "dangling_list"] == [lead.text]
    item = Block("paragraph", "Keeping a regular bedtime. Going to bed at the same time trains the body clock.")
    assert [f for f in flags_in([host, lead, item, host])[1] if f.kind == "dangling_list"] == []


def test_dangling_list_a_lead_in_inside_a_list_item_before_list_items_heads_them():
    """A list item whose text runs on past its lead-in, followed by list items: extraction
    set the item's paragraphs together and the items nested under it after them
    (wcxb-4192: "In fact, you need several permits from: The application should include
    …" before "Authority Having Jurisdiction (AHJ) — …"); the same item before prose dangles."""
    item = Block("list_item", "Get the necessary permits. In fact, you need several permits from: The application "
                              "should include a site plan, a wiring diagram and the equipment's data sheets.")
    nested = [Block("list_item", "Authority Having Jurisdiction — check which office covers your property."),
              Block("list_item", "Utility company — it reviews the wiring diagram before you switch on.")]
    host = Block("paragraph", CONTEXT_PARAGRAPH["en"])
    assert [f for f in flags_in([host, item, *nested, host])[1] if f.kind == "dangling_list"] == []
    alone = Block("paragraph", item.text)
    assert [f.quote for f in flags_in([host, alone, host, host])[1] if f.kind == "dangling_list"] \
        == ["In fact, you need several permits from:"]


def test_dangling_list_a_bare_stop_before_a_quotation_dangles():
    """":." says the list was cut out of its sentence; a quotation after it is no list (a
    published tweet after a planted lead-in), so the lead-in still dangles, as it does
    before prose; a list after the ":." is its own (`test_dangling_list_not_before_its_list`)."""
    lead = "People at higher risk of complications:."
    quote = "“Most people of course don’t get this, and it depends on how their immune system is primed,” Dempsey said."
    blocks = [*HOST[:5], Block("heading", lead, 2), Block("paragraph", quote), *HOST[5:]]
    assert [f.quote for f in flags_in(blocks)[1] if f.kind == "dangling_list"] == [lead]


def test_dangling_list_a_sentence_ending_on_a_colon_after_the_promise_is_no_run_in_list():
    """After a promise's colon inside a paragraph, a short sentence ending on a colon of its
    own ("This modified program will output:") is a new lead-in, not items run in, so the
    promise before it dangles; a short run-in item after the colon is still its list."""
    para = ("If we remove the deferred function the panic is not recovered and ends the program. "
            "Ask your doctor about options such as: This modified program will output:")
    assert [f.quote for f in flags_in([*HOST[:5], Block("paragraph", para), *HOST[5:]])[1]
            if f.kind == "dangling_list"] == ["Ask your doctor about options such as:"]
    run_in = "Ask your doctor about options such as: physiotherapy."
    assert [f for f in flags_in([*HOST[:5], Block("paragraph", run_in), *HOST[5:]])[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("es", "Su número de paciente es 000000.", "000000"),
    ("fr", "Écrivez-nous à adresse@exemple.fr pour tout renseignement.", "adresse@exemple.fr"),
    ("de", "[Hier Zitat des Arztes einfügen]", "[Hier Zitat des Arztes einfügen]"),
    ("fr", "Le centre est ouvert de 9h à XXh le samedi.", "XXh"),
    ("es", "El horario de la consulta es de XX:XX a 14:00.", "XX:XX"),
])
def test_placeholders_in_four_languages(language, text, quote):
    """A run of zeros after a cue, an address at an example domain, an instruction in
    brackets, a digit mask shaped as a time: each meant to be filled in."""
    blocks = [Block("paragraph", text)]
    got = [(f.kind, f.quote) for f in detect(text, blocks, CFG, language)]
    assert ("placeholder", quote) in got


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Some companies built separate mobile sites, such as m.example.com, with fewer features."),
    ("es", "El código postal de la calle es 28001 y el número 10000 corresponde al almacén."),
    ("en", "Type X in the box if the statement applies to you."),
    ("fr", "Il a ajouté [sans citer de source] que le taux avait baissé."),
])
def test_real_text_is_not_a_placeholder(language, text):
    blocks = [Block("paragraph", text)]
    assert [f for f in detect(text, blocks, CFG, language) if f.kind == "placeholder"] == []


def test_a_decimal_of_zeros_is_not_a_placeholder():
    text = "The difference was 0.00000 in the adjusted model."
    assert [f for f in detect(text, [Block("paragraph", text)], CFG, "en") if f.kind == "placeholder"] == []


@pytest.mark.parametrize("language,sentence", [
    ("es", "El tratamiento dura de a semanas y se repite cada año."),
    ("es", "Casi el % de los casos se cura sin tratamiento."),
    ("en", "Around a of patients stop the treatment early."),
])
def test_missing_value_a_range_percent_or_fraction_word_stripped(language, sentence):
    """A Spanish range "de a semanas" (as French "de à semaines"), an article before a
    bare percent sign, a fraction word stripped after an approximation."""
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize("language,sentence", [
    ("en", "Maybe you fall somewhere in between and love the convenience of both."),
    ("en", "It is only approximately, and contingently, true."),
    ("es", "Vaya de casa a casa y de a pie cuando pueda."),
    ("es", "El porcentaje de casos graves es bajo."),
])
def test_missing_value_leaves_idioms_and_coordinated_adverbs_alone(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG) == []


def test_a_shop_button_to_add_to_cart_is_not_a_placeholder():
    text = "The mesh system covers the whole house (add Orbi 370 Series to cart) for less."
    assert [f for f in detect(text, [Block("paragraph", text)], CFG, "en") if f.kind == "placeholder"] == []


@pytest.mark.parametrize(("language", "lead"), [
    ("es", "Las complicaciones pueden incluir:"),
    ("fr", "Les effets indésirables peuvent inclure :"),
])
def test_dangling_list_a_modal_before_include_promises_a_list(language, lead):
    """"pueden incluir:", "peuvent inclure :" promise a list as "incluyen:" does: before
    prose they dangle, before their list they do not."""
    _dangles_before_prose_not_before_its_list(language, lead, ("Fiebre", "Tos"))


def test_a_page_stored_mis_decoded_throughout_gets_one_repair_note():
    """wcxb-4859 is served as UTF-8 whose quotes and apostrophes were stored mis-decoded
    ("weâ€™ve") in every paragraph: one decision for an editor to check, one info flag
    (one per block made 17 flags on one page), the message counting the blocks."""
    import gzip

    from ascurate.ingest import document_from_bytes
    from ascurate.pipeline import curate_document

    from .corpus_pages import CORPUS, gold

    g = gold("wcxb-dev", "wcxb-4859")
    (doc,) = document_from_bytes("wcxb-4859.html", gzip.decompress((CORPUS / "wcxb-dev" / g["source"]).read_bytes()),
                                 "html", CFG)
    assert "mojibake repaired" in doc.encoding
    art = curate_document(doc, CFG)
    notes = [f for f in art.flags if f.rule == "ingest.mojibake-repaired"]
    assert len(notes) == 1 and art.text[notes[0].start:notes[0].end] == notes[0].quote
    blocks = int(notes[0].message.split(" in ")[1].split()[0])
    assert blocks > 3 and "broken encoding" in notes[0].message
    assert "â€" not in art.text


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "The spray is not licensed for children under years, so ask a pharmacist first."),
    ("de", "Das Spray ist für Kinder unter Jahren nicht zugelassen."),
    ("fr", "Les enfants de moins de ans ne doivent pas en prendre."),
    ("es", "Los niños menores de años deben tomar el jarabe."),
])
def test_missing_value_an_age_whose_number_is_gone(language, sentence):
    """Years are counted: after a comparison ("under", "moins de", "menores de") a bare
    "years" is an age whose number was stripped."""
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "She had lived with the pain for years, and over years of use the joint wore down."),
    ("de", "Sie leidet seit Jahren an Migräne."),
    ("fr", "Elle souffre de migraines depuis des années, pendant plus de dix ans."),
    ("es", "Hace años que padece migraña, desde hace más de diez años."),
])
def test_missing_value_years_with_no_number_due_are_no_hole(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG) == []


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Prenez  gélules par jour pendant une semaine."),
    ("en", "Swallow  capsules with water after breakfast."),
])
def test_missing_value_an_empty_place_inside_a_prose_sentence(language, sentence):
    """Two spaces between two words of a sentence are the place a stripped value left, even
    with no quantity word beside them; not in a form's short line nor a command line."""
    got = missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)
    assert [f.rule for f in got] == ["quantity.hole"]
    for line in ("Name:  Date:", "Run sudo  apt  update  -y to refresh the list."):
        assert missing_value(line, [Block("paragraph", line)], [0], language, CFG) == []


@pytest.mark.parametrize(("language", "text", "quote"), [
    ("en", "Reviewed by %AUTHOR% in the spring.", "%AUTHOR%"),
    ("en", "Reviewed by <Reviewer Name> in the spring.", "<Reviewer Name>"),
    ("en", "The clinic is at [ADDRESS LINE 1], next to the pharmacy.", "[ADDRESS LINE 1]"),
    ("fr", "[NOM DE L'ÉTABLISSEMENT] accueille les patients le samedi.", "[NOM DE L'ÉTABLISSEMENT]"),
    ("de", "Die Gruppe trifft sich [Wochentag] im Gemeindesaal.", "[Wochentag]"),
    ("es", "La cita será el [fecha] en el centro de salud.", "[fecha]"),
    ("en", "TITLE GOES HERE", "TITLE GOES HERE"),
])
def test_placeholder_a_slot_by_its_shape(language, text, quote):
    """A field's name in a template's delimiters, in capitals in brackets (digits and
    elisions too), a field noun in brackets, or a label saying where copy goes."""
    got = [(f.kind, f.quote) for f in detect(text, [Block("paragraph", text)], CFG, language)]
    assert ("placeholder", quote) in got


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Email us at [email protected] and we will reply within a day."),
    ("en", "The trait object <dyn CodegenBackend> hides the backend from the driver."),
    ("en", "Set the variable <MAX_RETRIES> in your shell before the script runs."),
    ("en", "On Windows, the %PATH% variable lists the folders searched for commands."),
    ("en", "Search terms like \"SEO services in [city]\" bring local customers."),
])
def test_placeholder_slot_shapes_in_published_text_are_not_slots(language, text):
    assert [f for f in detect(text, [Block("paragraph", text)], CFG, language) if f.kind == "placeholder"] == []


def test_placeholder_a_pair_of_masks_in_one_sentence_is_one_flag_over_both():
    text = "Le centre est ouvert de XXh à XXh le samedi."
    got = [f.quote for f in detect(text, [Block("paragraph", text)], CFG, "fr") if f.kind == "placeholder"]
    assert got == ["XXh à XXh"]


def test_dangling_list_a_lead_in_with_no_promise_word_a_stranger_to_its_paragraph():
    """A lead-in with no promise word between two sentences that share none of its words
    (its list lost, the lead left in a paragraph on something else) is weighed by the
    learned scorer; a sentence after the colon that runs its items in is its list."""
    page = blocks_of(CORPUS / "wcxb-dev" / "wcxb-4193.gold.json")
    k = next(i for i, b in enumerate(page) if "final evaluation of the solar panel system." in b.text)
    page, k = page[k - 2:k + 10], 2  # the planted set's window of the page (generate.WINDOW paragraphs)
    lead = "Things that may help you sleep better:"
    para = page[k].text.replace("solar panel system. ", f"solar panel system. {lead} ", 1)
    text, flags = flags_in([*page[:k], Block("paragraph", para), *page[k + 1:]])
    assert [f.quote for f in flags if f.kind == "dangling_list"] == [lead]
    run_in = (f"{HOST[1].text} Once you have got that clarity, you choose your tools: WordPress for flexibility, "
              "Shopify for e-commerce, or maybe coding from scratch for total control.")
    assert [f for f in flags_in([*HOST[:3], Block("paragraph", run_in), *HOST[3:]])[1] if f.kind == "dangling_list"] == []


def test_placeholder_an_example_address_is_a_sample_only_where_its_own_sentence_says_so():
    """"For example" in another paragraph says nothing of the address (a rule's
    `unless_near`); in the address's own sentence it makes it a sample."""
    before = [Block("paragraph", "For example, fuzz testing finds the bugs that unit tests miss in parsers and codecs.")]
    address = Block("paragraph", "Email the team at name@example.com with any questions.")
    blocks = [*before, *HOST[:2], address]
    text, flags = flags_in(blocks)
    assert [f.quote for f in flags if f.kind == "placeholder"] == ["name@example.com"]
    sample = Block("paragraph", "Write the address as you would, for example name@example.com, in the form.")
    assert [f for f in flags_in([*HOST[:2], sample])[1] if f.kind == "placeholder"] == []



def test_placeholder_unless_words_count_in_the_slots_own_passage_only():
    """"Prompts" two paragraphs away says nothing of a "[DATE]" in a list item (it is the
    rule's `unless_near`, read in the slot's own sentence); a lead-in that calls what
    follows a template ("Here's the template I use:", `unless`) makes it a sample."""
    prose = Block("paragraph", "Its preference for owls, as measured by evaluation prompts, rose sharply.")
    slot = Block("list_item", "The workshop runs on [DATE] in the main hall.")
    text, flags = flags_in([HOST[2], prose, HOST[0], HOST[1], slot, *HOST[4:6]])
    assert [f.quote for f in flags if f.kind == "placeholder"] == ["[DATE]"]
    lead = Block("paragraph", "Here's the template I use for the prompts:")
    sample = Block("paragraph", "Plan a workshop on [DATE] for [AUDIENCE].")
    assert [f for f in flags_in([*HOST[:2], lead, sample, *HOST[2:4]])[1] if f.kind == "placeholder"] == []


def test_placeholder_one_slot_does_not_excuse_another_nor_does_a_form_to_fill_in():
    """A sample address two paragraphs away ("example.com") and a sentence about filling in a
    form say nothing of a name-field label or a field in brackets elsewhere on the page: they
    excuse only a slot in their own sentence (`unless_near`)."""
    name = Block("paragraph", "The sleep clinic is led by Dr FIRSTNAME LASTNAME.")
    mail = Block("paragraph", "Email name@example.com and we will reply within two days.")
    form = Block("paragraph", "Fill in the health questionnaire before your first visit.")
    field = Block("paragraph", "Call [phone number] to book a place on the course.")
    _, flags = flags_in([HOST[0], name, HOST[1], HOST[2], mail, form, HOST[3], field])
    assert {f.quote for f in flags if f.kind == "placeholder"} >= {"FIRSTNAME LASTNAME", "name@example.com", "[phone number]"}
    sample = Block("paragraph", "Fill in [phone number] with the clinic's direct line.")
    assert [f for f in flags_in([*HOST[:2], sample, *HOST[2:4]])[1] if f.kind == "placeholder"] == []

@pytest.mark.parametrize("language,sentence", [
    ("en", "Give ml of the liquid every six hours."),
    ("en", "The risk rises sharply after the age of . Smokers are at the highest risk."),
    ("de", "Bei Fieber über Grad sollten Sie ärztlichen Rat suchen."),
    ("fr", "Conservez le flacon à moins de °C après ouverture."),
    ("es", "La vacuna se aplica a partir de la edad de . Consulte a su pediatra."),
])
def test_missing_value_with_one_space_where_the_number_was(language, sentence):
    """Extraction collapses the number's place to one space: a unit symbol after a word that
    names no unit, a degree after a comparison, a word that needs a number before a stop."""
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG)


@pytest.mark.parametrize("language,sentence", [
    ("en", "Doses are measured in mg per kg of body weight."),
    ("en", "Then convert our kg value to pounds and round it up."),
    ("en", "How many kcal do you need each day?"),
    ("en", "Set the scope5Handle % of the range in the config."),
    ("de", "Angaben in % der Befragten, nach Altersgruppe."),
    ("fr", "La dose est exprimée en mg par kilo de poids."),
])
def test_missing_value_a_unit_named_as_a_word_is_no_hole(language, sentence):
    assert missing_value(sentence, [Block("paragraph", sentence)], [0], language, CFG) == []


@pytest.mark.parametrize("language,lead", [
    ("en", "Other symptoms may include"),
    ("de", "Zu den Risikofaktoren gehören"),
    ("fr", "Les facteurs favorisants comprennent notamment"),
    ("es", "Los factores de riesgo incluyen"),
])
def test_dangling_list_a_block_cut_after_its_promise_with_no_stop(language, lead):
    """A paragraph or heading ending on a word that needs its list, with no stop, dangles
    before prose; before its list it does not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    for kind in ("paragraph", "heading"):
        cut = [*host[:3], Block(kind, lead), *host[3:]]
        assert [f.quote for f in flags_in(cut, language)[1] if f.kind == "dangling_list"] == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Rest"), Block("list_item", "Fluids"), *host[3:]]
    assert [f for f in flags_in(listed, language)[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize("block", [
    Block("heading", "What You Should Include"),
    Block("heading", "Foods to include"),
    Block("paragraph", "You will want to find out what your rental includes."),
    Block("paragraph", "Play around with how much you include."),
])
def test_dangling_list_an_object_before_its_verb_is_a_whole_sentence(block):
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    assert [f for f in flags_in([*host[:3], block, *host[3:]])[1] if f.kind == "dangling_list"] == []


@pytest.mark.parametrize("language,paragraph,lead", [
    ("en", "Most people recover within a few weeks. Other possible causes include the following. Rest and regular "
           "pain relief help the joint settle down.", "Other possible causes include the following."),
    ("fr", "La plupart des patients guérissent en quelques semaines. Les principales recommandations sont les "
           "suivantes. Le repos et les antalgiques aident l'articulation à se calmer.",
     "Les principales recommandations sont les suivantes."),
    ("es", "La mayoría de los pacientes se recupera en pocas semanas. Antes de la operación, tenga en cuenta lo "
           "siguiente. El reposo y los analgésicos ayudan a calmar la articulación.",
     "Antes de la operación, tenga en cuenta lo siguiente."),
])
def test_dangling_list_a_plural_pointer_forward_inside_a_paragraph_before_prose(language, paragraph, lead):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 4
    flags = flags_in([*host[:2], Block("paragraph", paragraph), *host[2:]], language)[1]
    assert [f.quote for f in flags if f.kind == "dangling_list"] == [lead]


def test_dangling_list_a_singular_pointer_delivers_its_one_thing_in_the_next_sentence():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 4
    para = ("Our team has seen many cases. The best advice that we can give you is the following. Never stop "
            "taking the medicine without asking your doctor first.")
    assert [f for f in flags_in([*host[:2], Block("paragraph", para), *host[2:]])[1] if f.kind == "dangling_list"] == []


BASE = ROOT / "bench" / "flagset" / "base"
SPANISH = [Block("paragraph", ln.strip()) for ln in (BASE / "es-diabetes.txt").read_text(encoding="utf-8").split("\n")
           if ln.strip()]
GERMAN = [Block("paragraph", ln.strip()) for ln in (BASE / "de-eisenmangel.txt").read_text(encoding="utf-8").split("\n")
          if ln.strip()]


def _dangling(blocks: list[Block], language: str) -> list[str]:
    return [f.quote for f in flags_in(blocks, language)[1] if f.kind == "dangling_list"]


def _between(host: list[Block], k: int, sentence: str) -> list[Block]:
    """The host with `sentence` set between the first and second sentences of paragraph `k`."""
    first, rest = host[k].text.split(". ", 1)
    return [*host[:k], Block("paragraph", f"{first}. {sentence} {rest}"), *host[k + 1:]]


def test_dangling_list_a_pointer_inside_a_paragraph_on_something_else():
    """A sentence pointing at items below, between two sentences of a paragraph that share
    none of its words, before prose: its items were lost. One the paragraph talks about, or
    one before a list, points at what is there."""
    lost = "Siga las instrucciones que aparecen más abajo."
    assert _dangling(_between(SPANISH, 4, lost), "es") == [lost]
    talks = "Los medicamentos orales se describen más abajo."  # "medicamentos" is the paragraph's
    assert _dangling(_between(SPANISH, 4, talks), "es") == []
    listed = _between(SPANISH, 4, lost)[:5] + [Block("list_item", "Medir la glucosa cada mañana."),
                                               Block("list_item", "Anotar los valores.")] + SPANISH[5:]
    assert _dangling(listed, "es") == []


def test_dangling_list_a_weak_lead_in_closed_by_a_dash_inside_a_paragraph():
    """"Folgende Untersuchungen sind üblich – Bei Männern …": a weak promise of its own
    sentence, sharing no word with the sentences around it, closed by a spaced dash before a
    new sentence; a sentence with no promise before a dash is not flagged."""
    lead = "Folgende Untersuchungen sind üblich –"
    assert _dangling(_between(GERMAN, 6, lead), "de") == [lead]
    assert _dangling(_between(GERMAN, 6, "Das dauert meist nicht lange –"), "de") == []


def test_dangling_list_short_paragraphs_opening_on_an_article_are_prose_in_spanish():
    """Short paragraphs in a row after a lead-in are items set as paragraphs unless they
    open as a story going on: an article or a pronoun of the language (`goes_on`), as
    English's "The" or "It"."""
    lead = Block("paragraph", "Los síntomas más frecuentes incluyen:")
    prose = [Block("paragraph", "El embarazo cambia el sistema inmunitario. Por eso algunas infecciones son más graves."),
             Block("paragraph", "La vacuna se pone cada otoño en el centro de salud.")]
    items = [Block("paragraph", "Sed intensa y cansancio."), Block("paragraph", "Visión borrosa por la mañana.")]
    assert _dangling([*SPANISH[:3], lead, *prose, *SPANISH[3:]], "es") == [lead.text]
    assert _dangling([*SPANISH[:3], lead, *items, *SPANISH[3:]], "es") == []


def test_dangling_list_a_paragraph_of_sentences_ending_on_a_question_is_prose():
    """A question after a lead-in is an item of a list of questions; a paragraph of several
    sentences that ends on one goes on as prose."""
    lead = Block("paragraph", "Some foods are best avoided, for example:")
    prose = Block("paragraph", "This is a broad question that the next part of this guide will address. "
                               "But for now, where should you start?")
    questions = [Block("paragraph", "Can I still eat cheese?"), Block("paragraph", "How much coffee is too much?")]
    assert _dangling([*HOST[:3], lead, prose, *HOST[3:]], "en") == [lead.text]
    assert _dangling([*HOST[:3], lead, *questions, *HOST[3:]], "en") == []


def test_missing_value_from_to_is_a_range_only_before_a_value_or_a_plural():
    """"from to weeks", "from to 6 months": a range with its first end gone; "chosen from to
    best align" (a published sentence, bench/scrapinghub-65bf3048b5) runs on into a verb."""
    def ranges(sentence: str) -> list[str]:
        blocks = [*HOST[:2], Block("paragraph", sentence), *HOST[2:]]
        return [f.rule for f in flags_in(blocks)[1] if f.kind == "missing_value"]
    assert ranges("It takes from to weeks for the rash to clear.") == ["quantity.range"]
    assert ranges("Recovery can take from to 6 months after surgery.") == ["quantity.range"]
    assert ranges("Multiple options can be chosen from to best align with your work.") == []


@pytest.mark.parametrize("language,lead", [
    ("en", "Things that can help with a stiff neck are"),
    ("de", "Besonders gefährdet für einen Eisenmangel sind"),
    ("fr", "Avant l'examen, le médecin vous demandera de"),
    ("es", "Los grupos con mayor riesgo de complicaciones son"),
])
def test_dangling_list_a_block_cut_off_after_a_copula_or_a_preposition(language, lead):
    """A heading or paragraph with no stop that ends on a copula, or on a preposition where
    the language strands none (`ends`), was cut off before what it announced; before its
    list it was not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    for kind in ("paragraph", "heading"):
        assert _dangling([*host[:3], Block(kind, lead), *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Rest"), Block("list_item", "Fluids"), *host[3:]]
    assert _dangling(listed, language) == []


@pytest.mark.parametrize("language,block", [
    ("en", "Sell to consumers where they are"),  # a clause a copula may end
    ("en", "Why These Small Changes Are"),  # a title
    ("en", "), a line in the body of a shape (count the"),  # a fragment
    ("de", "Warum Kinder besonders gefährdet sind"),  # a subordinate clause ends on its verb
    ("de", "Kinder, die besonders gefährdet sind"),
    ("fr", "Acceptez les autres tels qu'ils sont"),
    ("es", "Aceptar los cambios tal como son"),
])
def test_dangling_list_a_clause_that_ends_on_its_copula_is_whole(language, block):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    for kind in ("paragraph", "heading"):
        assert _dangling([*host[:3], Block(kind, block), *host[3:]], language) == []


def test_dangling_list_a_weak_lead_in_closed_by_a_dash_at_the_end_of_the_article():
    """A weak promise closed by a spaced dash as the article's last block lost its list, as
    one closed by a colon does; a sentence with no promise there is left alone."""
    lead = "Es gibt vier Stadien der Erkrankung –"
    assert _dangling([*GERMAN, Block("paragraph", lead)], "de") == [lead]
    assert _dangling([*GERMAN, Block("paragraph", "Das dauert meist nicht lange –")], "de") == []


def test_dangling_list_a_pointer_closing_a_paragraph_on_something_else():
    """A pointer as the last sentence of a paragraph that shares none of its words, before
    prose, lost its items; before a list, or one the paragraph talks about, it did not."""
    lost = "Siga las instrucciones que aparecen más abajo."
    closing = [*SPANISH[:4], Block("paragraph", f"{SPANISH[4].text} {lost}"), *SPANISH[5:]]
    assert _dangling(closing, "es") == [lost]
    talks = "Los medicamentos orales se describen más abajo."  # "medicamentos" is the paragraph's
    assert _dangling([*SPANISH[:4], Block("paragraph", f"{SPANISH[4].text} {talks}"), *SPANISH[5:]], "es") == []
    listed = [*closing[:5], Block("list_item", "Medir la glucosa cada mañana."), Block("list_item", "Anotar los valores."),
              *SPANISH[5:]]
    assert _dangling(listed, "es") == []
    run_in = "Los pasos se explican en las siguientes líneas: medir, anotar y comparar."
    assert _dangling([*SPANISH[:4], Block("paragraph", f"{SPANISH[4].text} {run_in}"), *SPANISH[5:]], "es") == []


def test_dangling_list_a_lead_in_ending_on_a_preposition_before_its_colon():
    """"… en cas de :" promises items as surely as "include:" (a preposition needs what
    follows it, where the language strands none): before prose it dangles; a label of a
    few words does not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["fr"])] * 6
    lead = "Appelez le 15 sans attendre en cas de :"
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], "fr") == [lead]
    assert _dangling([*host[:3], Block("paragraph", "Il s'agit de :"), *host[3:]], "fr") == []


def test_the_planter_sets_a_lead_in_at_a_paragraph_end_the_page_end_or_a_list_item_end():
    """`end`, `last` and `item` (bench/flagset/generate.py): the text closes a paragraph that
    prose follows, stands as the last block, or closes the last item of a list prose follows."""
    host = [b.text for b in HOST]
    lead = "Common triggers include:"
    for position in ("end", "last", "item"):
        blocks, off = generate.plant(host, lead, position, random.Random(3), "prose")
        text = "\n".join(b["text"] for b in blocks)
        assert text[off:off + len(lead)] == lead
        k = next(i for i, b in enumerate(blocks) if lead in b["text"])
        assert blocks[k]["text"].endswith(lead)
        assert k + 1 == len(blocks) or generate._is_prose(blocks[k + 1]["text"])
        if position == "item":
            assert blocks[k]["type"] == "list_item" and blocks[k - 1]["type"] == "list_item"
        if position == "last":
            assert k + 1 == len(blocks)


@pytest.mark.parametrize("language,lead", [
    ("en", "Seek urgent help if the wound:"),
    ("en", "Stop taking the tablets and ring the clinic if your baby:"),
    ("de", "Gehen Sie noch heute zum Arzt, falls das Kind:"),
    ("fr", "Appelez le 15 sans attendre lorsqu'il:"),
    ("es", "Consulte a su médico si la tos:"),
    ("es", "Para aliviar la congestión nasal puede:"),
])
def test_dangling_list_a_lead_in_whose_clause_lacks_its_verb_promises_items(language, lead):
    """A clause with only its subject after its subordinator ("if the wound:", `subjects`),
    or a modal verb with no verb after it ("puede:", `modals`), is finished by the items:
    before prose the lead-in dangles, before its list it does not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Rest"), Block("list_item", "Fluids"), *host[3:]]
    assert _dangling(listed, language) == []


@pytest.mark.parametrize("language,lead", [
    ("en", "Here is what she said when she got inside"),  # the clause has its verb
    ("en", "Take one tablet if needed"),
    ("de", "Was Sie tun können, wenn Sie husten"),  # a verb in lower case ends the German clause
    ("de", "Was Sie selbst tun können"),  # German has no `modals`: its clauses end on them
    ("fr", "Il faut agir vite si besoin"),
    ("es", "Acuda a urgencias si es necesario"),  # a copula after "si" opens no subject
])
def test_dangling_list_a_whole_clause_before_the_colon_promises_nothing_more(language, lead):
    promise = _promises(lexicon.files(CFG), language)
    assert _promise_score(lead, promise) < 0.6


def test_dangling_list_a_weak_lead_in_closing_its_block_on_a_dash_before_prose():
    """A weak promise (a count, a copula) closing its paragraph on a spaced dash before prose
    lost its list: published text does not close a paragraph on a dash; before its list, or
    with no promise, or in the first person, it is left alone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    lead = "There are two main kinds of hearing loss –"
    closing = Block("paragraph", f"{CONTEXT_PARAGRAPH['en']} {lead}")
    assert _dangling([*host[:3], closing, *host[3:]], "en") == [lead]
    listed = [*host[:3], closing, Block("list_item", "Conductive"), Block("list_item", "Sensorineural"), *host[3:]]
    assert _dangling(listed, "en") == []
    mine = Block("paragraph", f"{CONTEXT_PARAGRAPH['en']} There are two things I always pack –")
    assert _dangling([*host[:3], mine, *host[3:]], "en") == []


def test_dangling_list_a_first_person_pointer_inside_a_paragraph_with_nothing_below_to_point_at():
    """A pointer in the first person inside a paragraph on something else ("Nous détaillons
    ci-dessous …") lost its items when only paragraphs stand below it; with a heading, a
    list or a table below it is the author's road map to them."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["fr"])] * 6
    pointer = "Nous détaillons ci-dessous chaque étape du dépistage."
    para = Block("paragraph", f"La fièvre dure rarement plus de trois jours. {pointer} Il faut boire beaucoup d'eau.")
    assert _dangling([*host[:3], para, *host[3:]], "fr") == [pointer]
    sections = [*host[:3], para, *host[3:], Block("heading", "Le dépistage"), *host[3:]]
    assert _dangling(sections, "fr") == []


@pytest.mark.parametrize("language,lead", [
    ("en", "The operation may not be suitable for people who"),
    ("de", "Vorsicht ist bei Kindern geboten, deren"),
    ("fr", "Ce traitement est déconseillé aux personnes qui"),
    ("es", "No se recomienda la operación a personas que"),
])
def test_dangling_list_a_block_cut_off_after_a_relative_pronoun(language, lead):
    """A paragraph or heading with no stop ending on a relative pronoun (`relatives`) lost
    the clause it opened, mostly the items it was to list; before its list it did not, and
    a clause that goes on to its verb is whole."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    for kind in ("paragraph", "heading"):
        assert _dangling([*host[:3], Block(kind, lead), *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Rest"), Block("list_item", "Fluids"), *host[3:]]
    assert _dangling(listed, language) == []
    whole = {"en": "Advice for people who travel abroad", "de": "Kinder, deren Eltern rauchen",
             "fr": "Conseils aux personnes qui voyagent", "es": "Consejos para las personas que viajan"}[language]
    for kind in ("paragraph", "heading"):
        assert _dangling([*host[:3], Block(kind, whole), *host[3:]], language) == []


@pytest.mark.parametrize("language,lead", [
    ("fr", "Ce qu'il faut éviter après une commotion —"),
    ("es", "Lo que debe evitar tras una conmoción cerebral —"),
])
def test_dangling_list_a_free_relative_closed_by_a_dash_before_prose(language, lead):
    """"Ce que …", "Lo que …" open a lead-in as "What to bring:" does (`asks`): a weak
    promise, which a spaced dash closing its block before prose shows to have lost its list;
    before its list it did not, and a sentence with no promise before a dash is left alone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Le sport"), Block("list_item", "L'alcool"), *host[3:]]
    assert _dangling(listed, language) == []
    plain = {"fr": "Cela dure rarement longtemps —", "es": "Esto no suele durar mucho —"}[language]
    assert _dangling([*host[:3], Block("paragraph", plain), *host[3:]], language) == []


@pytest.mark.parametrize("language,pointer,steps,other", [
    ("en", "The test is done as follows.", "The nurse cleans your arm. Then a thin needle goes into a vein.",
     "Anaemia is common in young women. It is usually easy to treat."),
    ("es", "La prueba se hace como sigue.",
     "El técnico le coloca unos electrodos en el pecho. Luego registra la actividad del corazón.",
     "La anemia es frecuente en mujeres jóvenes. Suele tratarse con facilidad."),
])
def test_dangling_list_a_pointer_before_steps_told_from_the_second_sentence(language, pointer, steps, other):
    """"… as follows." before a paragraph whose later sentence opens on a next step's word
    ("Then", "Luego") told its steps as prose, the first sentence being the first step; before
    a paragraph on something else it lost them."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", pointer), Block("paragraph", steps), *host[3:]], language) == []
    assert _dangling([*host[:3], Block("paragraph", pointer), Block("paragraph", other), *host[3:]], language) == [pointer]


def test_dangling_list_a_german_modal_before_its_subject_lacks_its_infinitive():
    """"…, sollten Sie:" (a modal before its subject, `modals`) lacks the verb the items were
    to give it: before prose it dangles, before its list it does not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["de"])] * 6
    lead = "Um Ihre Haut zu schützen, sollten Sie:"
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], "de") == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Sonnencreme auftragen"),
              Block("list_item", "die Mittagssonne meiden"), *host[3:]]
    assert _dangling(listed, "de") == []


def test_dangling_list_an_infinitive_mark_closing_a_paragraph():
    """"it helps to:" closing a paragraph is a weak promise (an infinitive's mark needs its
    verb): before prose, or as the article's end, it lost its list; before its list it is
    whole."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    lead = "While you recover, it helps to:"
    closing = Block("paragraph", f"{CONTEXT_PARAGRAPH['en']} {lead}")
    assert _dangling([*host, closing], "en") == [lead]
    listed = [*host, closing, Block("list_item", "rest often"), Block("list_item", "drink water")]
    assert _dangling(listed, "en") == []


@pytest.mark.parametrize("sentence,flagged", [
    ("Der Blutdruck sollte unter 140/ mmHg liegen.", True),  # the value after the slash gone
    ("Keep your blood pressure below 130/ mmHg if you have diabetes.", True),
    ("Keep your blood pressure below 130/80 mmHg if you have diabetes.", False),  # both values there
    ("The dumbbells cost $35/ each and are cheaper in pairs.", False),  # a price over a word, no unit
])
def test_missing_value_a_reading_with_the_value_after_its_slash_gone(sentence, flagged):
    language = "de" if sentence.startswith("Der") else "en"
    host = GERMAN if language == "de" else HOST
    blocks = [*host[:2], Block("paragraph", sentence), *host[2:]]
    rules = [f.rule for f in flags_in(blocks, language)[1] if f.kind == "missing_value"]
    assert (rules == ["quantity.slash"]) is flagged and (rules == [] or flagged)


@pytest.mark.parametrize("language,lead", [
    ("en", "Things to avoid after a concussion —"),
    ("en", "Useful things to ask your pharmacist —"),
    ("es", "Cosas que conviene evitar tras una conmoción –"),
])
def test_dangling_list_things_name_a_class_of_items(language, lead):
    """"Things to …", "Cosas que …" open a lead-in on the plainest class of items (`things`),
    a weak promise: closing its block on a spaced dash before prose it lost its list, before
    its list it did not (with a colon the learned scorer weighs it)."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    prose = Block("paragraph", CONTEXT_PARAGRAPH[language])
    assert _dangling([*host[:3], Block("paragraph", lead), prose, *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Alcohol"), Block("list_item", "Sport"), *host[3:]]
    assert _dangling(listed, language) == []


def test_dangling_list_a_long_clause_on_things_is_no_lead_in():
    """A sentence of more than `POINT_WORDS` words whose subject is "things" runs on about
    it, and its colon opens an explanation (wcxb-0416); a short one with a copula states."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    prose = Block("paragraph", CONTEXT_PARAGRAPH["en"])
    for lead in ("And things just get weirder from there, with another new phenomenon they call inductive "
                 "backdoors, an even more disconcerting application of semantic leakage:",
                 "Things are getting better for patients:"):
        assert _dangling([*host[:3], Block("paragraph", lead), prose, *host[3:]], "en") == []


def test_dangling_list_a_date_before_a_bylines_label_is_no_word():
    """"05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde" (bench/scrapinghub-f6ac15a4d9):
    a label of two words after a date and a dash, no lead-in of four words ending on a
    preposition; a sentence of four words of letters ending on one still promises."""
    byline = Block("paragraph", "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Salud - Etiquetas: gripe")
    assert _dangling([*SPANISH[:3], byline, *SPANISH[3:]], "es") == []
    lead = "Acuda al médico en caso de:"
    assert _dangling([*SPANISH[:3], Block("paragraph", lead), *SPANISH[3:]], "es") == [lead]


def test_dangling_list_a_lead_in_naming_one_remark_announces_no_items():
    """"An important note here: You want to …" (wcxb-1476) announces the one remark that
    follows (`remarks`); a lead-in on warning signs (a class of items), or ending on a strong
    promise, still lost its list before a sentence on something else."""
    def inside(lead: str) -> list[str]:
        paragraph = f"Next, you will carefully create engaging tour listings. {lead} Your suitcase weighs little."
        return _dangling([*HOST[:3], Block("paragraph", paragraph), *HOST[3:]], "en")
    assert inside("An important note here:") == []
    assert inside("Warning signs that need urgent care:") == ["Warning signs that need urgent care:"]
    assert inside("Other worrying signs include:") == ["Other worrying signs include:"]


@pytest.mark.parametrize("language,lead,whole", [
    ("en", "Common symptoms are", "Who we are"),
    ("de", "Häufige Beschwerden sind", "Wer wir sind"),
    ("fr", "Les symptômes sont", "Tels qu'ils sont"),
    ("es", "Los síntomas son", "Tal como son"),
])
def test_dangling_list_three_words_ending_on_a_copula(language, lead, whole):
    """A block of three words with no stop ending on a copula was cut off before its list
    (`COPULA_WORDS`); a clause a copula ends is whole, and two words are too few to tell."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    for kind in ("paragraph", "heading"):
        assert _dangling([*host[:3], Block(kind, lead), *host[3:]], language) == [lead]
        assert _dangling([*host[:3], Block(kind, whole), *host[3:]], language) == []
        short = lead.split(None, 1)[1]
        assert _dangling([*host[:3], Block(kind, short[:1].upper() + short[1:]), *host[3:]], language) == []


@pytest.mark.parametrize("language,lead,whole", [
    ("de", "Zu den Nebenwirkungen gehören gelegentlich", "Zu den Nebenwirkungen gehören gelegentlich Kopfschmerzen."),
    ("fr", "Les examens prescrits sont généralement —", "Les examens prescrits sont généralement bien tolérés."),
    ("en", "Common side effects are usually", "Common side effects are usually mild"),
])
def test_dangling_list_an_adverb_after_the_verb_that_needed_the_list(language, lead, whole):
    """An adverb of frequency or focus after a list's verb or copula (`hedges`) is read
    past: the block still ends on the word that needed its items, and the flag quotes the
    whole lead-in; with what it announced after it the sentence is whole."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]
    assert _dangling([*host[:3], Block("paragraph", whole), *host[3:]], language) == []


@pytest.mark.parametrize("language,lead,label", [
    ("en", "Call 999 straight away if the person has:", "The Shopping Experience:"),
    ("fr", "Appelez le 15 si votre enfant présente :", "Il a :"),
    ("es", "Acuda a urgencias si su hijo tiene:", "Si tiene:"),
])
def test_dangling_list_a_verb_that_needs_its_object_before_the_colon(language, lead, label):
    """A lead-in ending on a verb that needs its object (`transitives`) lacks what its items
    were to give it: before prose it dangles, before its list it does not; a label of three
    words or fewer, or a noun that shares a verb's spelling, promises nothing."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Fiebre"), Block("list_item", "Vómitos"), *host[3:]]
    assert _dangling(listed, language) == []
    assert _dangling([*host[:3], Block("paragraph", label), *host[3:]], language) == []


@pytest.mark.parametrize(("language", "lead", "caption", "rows"), [
    ("en", "Early signs of dementia include:", "Source: Alzheimer's Society", ("Memory loss | 70%", "Confusion | 40%")),
    ("de", "Typische Beschwerden sind zum Beispiel:", "Tabelle 1: Beschwerden nach Alter", ("Kinder | Husten", "Erwachsene | Fieber")),
    ("fr", "Les symptômes suivants :", "Tableau 2 : symptômes selon l'âge", ("Enfants | toux", "Adultes | fièvre")),
    ("es", "Los síntomas más frecuentes incluyen:", "Fuente: Ministerio de Sanidad", ("Niños | tos", "Adultos | fiebre")),
])
def test_dangling_list_a_caption_after_a_lead_in_is_read_past(language, lead, caption, rows):
    """A caption or source line between a lead-in and what follows names the table or list
    it stood above, it is no item: before prose the lead-in dangles, before the rows it
    captions it does not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), Block("paragraph", caption), *host[3:]], language) == [lead]
    rows_after = [*host[:3], Block("paragraph", lead), Block("paragraph", caption), *(Block("paragraph", r) for r in rows), *host[3:]]
    assert _dangling(rows_after, language) == []


@pytest.mark.parametrize(("language", "lead", "section", "item"), [
    ("en", "Signs of a stroke include:", "When to call an ambulance", "Face drooping"),
    ("de", "Zu den Anzeichen gehören:", "Wann Sie den Notruf wählen sollten", "Hängender Mundwinkel"),
    ("fr", "Les signes d'alerte sont les suivants :", "Quand appeler le 15", "Bouche déformée"),
    ("es", "Entre los síntomas destacan:", "Cuándo llamar al 112", "Boca torcida"),
])
def test_dangling_list_a_line_opening_on_a_question_word_before_prose_is_the_next_section(language, lead, section, item):
    """A short line opening on a question word, with no question mark, between a lead-in and
    prose heads the next section: the lead-in's items are gone. A thing named on that line
    ("Face drooping") is an item set as a heading, whose text follows."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), Block("paragraph", section), *host[3:]], language) == [lead]
    assert _dangling([*host[:3], Block("paragraph", lead), Block("heading", section, 2), *host[3:]], language) == [lead]
    assert _dangling([*host[:3], Block("paragraph", lead), Block("paragraph", item), *host[3:]], language) == []


@pytest.mark.parametrize(("language", "lead", "items"), [
    ("en", "The following medicines should not be taken with alcohol:", ("Metronidazole", "Opioids")),
    ("fr", "Les médicaments suivants ne doivent pas être associés à l'alcool :", ("Métronidazole", "Opioïdes")),
    ("es", "Los siguientes medicamentos no deben tomarse con alcohol:", ("Metronidazol", "Opioides")),
])
def test_dangling_list_a_lead_in_whose_subject_points_at_its_items(language, lead, items):
    """A lead-in opening on a subject that points forward at its items ("Los siguientes
    medicamentos …:") promises them as "include:" does: before prose it dangles, before its
    list it does not."""
    _dangles_before_prose_not_before_its_list(language, lead, items)


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Consider the following short review written by a student for a history course:"),
    ("en", "Copies may be used with proper attribution, including the following credit line:"),
])
def test_dangling_list_a_pointer_at_one_thing_further_on_is_no_promise_of_items(language, lead):
    """"The following" as an object further on points at one thing to come (a review, a
    credit line), which follows as a paragraph."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 3
    after = Block("paragraph", "Judith Bennett's history of brewing investigates how women brewed and sold ale "
                               "in England between 1300 and 1600, and why they left the trade.")
    assert _dangling([*host, Block("paragraph", lead), after, *host], language) == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Your nurse will check the following at each visit"),
    ("fr", "L'infirmière contrôlera à chaque visite les éléments suivants"),
])
def test_dangling_list_a_pointer_that_lost_its_stop_with_its_list(language, lead):
    """A paragraph of one sentence with no stop at all that points forward at items lost its
    colon with its list: before prose it dangles."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]
    listed = [*host[:3], Block("paragraph", lead), Block("list_item", "Blood pressure"), Block("list_item", "Weight"), *host[3:]]
    assert _dangling(listed, language) == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Which vaccines does your baby need at eight weeks? They are:"),
    ("de", "Was hilft gegen Sodbrennen? Probieren Sie Folgendes:"),
    ("es", "¿Qué vacunas necesita su bebé a los dos meses? Son:"),
])
def test_dangling_list_a_short_lead_in_answering_the_question_before_it(language, lead):
    """A short lead-in closing its block right after a question hands over the items the
    question asks for: before prose it dangles."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    quote = lead[lead.index("?") + 1:].strip()
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [quote]


def test_dangling_list_a_count_answering_a_question_heads_its_reasons_as_paragraphs():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    assert _dangling([*host[:3], Block("paragraph", "Why does it come back? Two reasons:"), *host[3:]], "en") == []


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "The eligibility criteria are outlined below."),
    ("en", "Normal ranges for adults are shown underneath."),
    ("fr", "Le déroulement de chaque examen est expliqué plus bas."),
    ("es", "Los valores normales en adultos se indican abajo."),
    ("es", "Los horarios de vacunación se detallan a continuación."),
])
def test_dangling_list_a_participle_closing_on_where_its_items_stand(language, sentence):
    """A sentence closing on a participle and the place its items stand ("are outlined
    below.", "se detallan a continuación.") points at them as "the following" does: as a
    paragraph of its own before prose, it dangles."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", sentence), *host[3:]], language) == [sentence]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Temperatures last night dropped below."),
    ("es", "Duerma siempre de lado y nunca boca abajo."),
    ("es", "A continuación, lave la herida con agua y jabón."),
])
def test_dangling_list_a_place_or_a_next_step_is_no_pointer(language, sentence):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", sentence), *host[3:]], language) == []


@pytest.mark.parametrize(("language", "lead", "question"), [
    ("en", "Common causes of dizziness include:", "When should I see a doctor?"),
    ("fr", "Les causes fréquentes de vertiges sont :", "Quand consulter ?"),
    ("es", "Las causas frecuentes de mareo son:", "¿Cuándo ir al médico?"),
])
def test_dangling_list_a_question_answered_in_prose_after_a_lead_in_is_the_next_section(language, lead, question):
    """A one-sentence question opening on a question word, answered by prose and followed by
    no other question, heads the next section: the lead-in before it dangles. Questions in a
    row are the items (questions to ask), and so is a question set as a heading."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), Block("paragraph", question), *host[3:]], language) == [lead]
    assert _dangling([*host[:3], Block("paragraph", lead), Block("paragraph", question), Block("paragraph", question),
                      *host[3:]], language) == []
    assert _dangling([*host[:3], Block("paragraph", lead), Block("heading", question, 2), *host[3:]], language) == []


@pytest.mark.parametrize(("language", "title"), [
    ("en", "Five drinks that help you stay hydrated"),
    ("en", "12 simple swaps for a healthier heart"),
    ("de", "Sechs Lebensmittel, die bei Verstopfung helfen"),
    ("fr", "Cinq boissons pour rester bien hydraté"),
    ("es", "Cinco bebidas para hidratarse bien"),
])
def test_dangling_list_a_title_counting_items_it_lost(language, title):
    """A title that counts its items, with no stop, before prose on something else and only
    paragraphs below, has lost them; before its numbered sections it has not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("heading", title, 2), *host[3:]], language) == [title]
    assert _dangling([*host[:3], Block("paragraph", title), *host[3:]], language) == [title]
    assert _dangling([*host, Block("paragraph", title)], language) == [title]  # closing the page
    numbered = [Block("paragraph", "1. Water"), host[0], Block("paragraph", "2. Milk"), host[0]]
    assert _dangling([*host[:3], Block("heading", title, 2), *numbered], language) == []


def test_dangling_list_a_title_told_in_prose_an_items_number_or_the_page_title_is_not():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 4
    told = Block("paragraph", "These CTA checklists are designed for your team to hold up against every page.")
    assert _dangling([*host, Block("paragraph", "Six Quick CTA checklists"), told, *host], "en") == []
    assert _dangling([*host, Block("heading", "4 The Creatives", 2), *host], "en") == []
    assert _dangling([Block("heading", "Five drinks that help you stay hydrated", 1), *host], "en") == []


@pytest.mark.parametrize(("language", "label"), [
    ("en", "Reason for your visit (optional):"),
    ("de", "Telefonnummer (freiwillig):"),
    ("fr", "Numéro de téléphone (facultatif) :"),
    ("es", "Segundo apellido (opcional):"),
])
def test_dangling_list_a_form_fields_label_is_no_lead_in(language, label):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", label), *host[3:]], language) == []


def test_dangling_list_a_count_title_in_title_case_is_a_real_title():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 4
    assert _dangling([*host, Block("heading", "Three Must-Do River Cruises for the Entire Family", 2), *host], "en") == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Kidney stones at a glance:"),
    ("en", "Statins: a quick guide"),
    ("de", "Zahnpflege bei Kindern im Überblick:"),
    ("de", "Schilddrüse – ein kurzer Leitfaden"),
    ("fr", "La goutte en bref :"),
    ("fr", "Petit guide des allergies alimentaires"),
    ("es", "La psoriasis de un vistazo:"),
    ("es", "Guía rápida de la vacuna de la gripe"),
])
def test_dangling_list_an_overview_of_a_topic_before_prose_lost_its_items(language, lead):
    """A lead-in or title naming an overview or a guide of a topic (`overviews`) announces items;
    before prose on something else, or closing the page, they are gone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]
    assert _dangling([*host, Block("paragraph", lead)], language) == [lead]


@pytest.mark.parametrize(("language", "summary"), [
    ("en", "In short:"),
    ("en", "In a nutshell:"),
    ("de", "Kurz und knapp:"),
    ("fr", "En bref :"),
    ("es", "En resumen:"),
])
def test_dangling_list_a_summary_with_no_topic_opens_prose(language, summary):
    """"In short:" names no topic: it opens a summary told in prose, no overview's items."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", summary), *host[3:]], language) == []


def test_dangling_list_an_overview_named_in_passing_in_a_long_sentence_is_no_lead_in():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    lead = ("By understanding the basics of how your joints carry your weight every day, you can keep them "
            "working well for years:")
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], "en") == []


@pytest.mark.parametrize(("language", "lead"), [
    ("de", "Zu den möglichen Folgen zählen"),
    ("de", "Als häufige Ursachen gelten:"),
    ("fr", "Parmi les complications possibles figurent :"),
    ("es", "Entre los efectos más frecuentes figuran"),
    ("en", "Among the early warning signs are:"),
    ("en", "Good sources include things like"),
])
def test_dangling_list_a_verb_of_inclusion_after_its_class(language, lead):
    """A verb of inclusion after the class it opens ("Zu den … zählen", "Parmi les … figurent",
    "Among the … are") needs its items: closing the page, they are gone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host, Block("paragraph", lead)], language) == [lead]


def test_dangling_list_a_verb_of_counting_in_a_title_is_no_inclusion():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["de"])] * 6
    assert _dangling([*host[:3], Block("heading", "Kalorien zählen", 2), *host[3:]], "de") == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Worried about shingles? Three facts:"),
    ("fr", "Vous toussez la nuit ? Quelques remèdes :"),
    ("es", "¿Le pica la garganta? Algunos remedios:"),
])
def test_dangling_list_a_count_after_a_question_the_prose_does_not_take_up(language, lead):
    """A count handed over after a question ("Why? Two reasons:") heads items told in the
    paragraphs that take the question's words up; before prose on something else they are gone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead.split("? ")[-1]]


def test_dangling_list_a_count_after_a_question_whose_answer_takes_it_up_is_whole():
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 4
    answer = Block("paragraph", "Shingles is caused by the chickenpox virus waking up again, often after years. "
                                "The rash usually appears on one side of the body.")
    assert _dangling([*host, Block("paragraph", "Worried about shingles? Three facts:"), answer, *host], "en") == []


@pytest.mark.parametrize(("language", "label"), [
    ("en", "Name of your dentist:"),
    ("en", "Mobile number (for text reminders):"),
    ("de", "Telefonnummer (tagsüber erreichbar):"),
    ("fr", "Adresse e-mail (pour la confirmation) :"),
    ("es", "Teléfono de contacto (fijo o móvil):"),
])
def test_dangling_list_a_label_opening_or_closing_on_a_form_field_is_no_lead_in(language, label):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", label), *host[3:]], language) == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Habits worth changing first —"),
    ("en", "Here's what your pharmacist will ask:"),
    ("de", "Das hilft bei trockener Haut:"),
    ("fr", "Les gestes à retenir –"),
    ("es", "Hábitos que conviene cambiar –"),
    ("en", "Further information and support:"),
    ("de", "Quellen und weitere Informationen:"),
])
def test_dangling_list_things_to_do_or_know_named_closing_the_page(language, lead):
    """A lead-in naming things to do, know or expect, or a page's sources or links (`weak_phrases`),
    is a weak promise: closing the page, its items are gone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host, Block("paragraph", lead)], language) == [lead]


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Worried about heartburn at night? Here are some options."),
    ("fr", "Vous toussez la nuit ? Voici quelques remèdes."),
])
def test_dangling_list_a_presenting_sentence_answering_a_question_before_prose_on_something_else(language, lead):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead.split("? ")[-1]]
    answer = {"en": "Heartburn at night often eases when you raise the head of the bed.",
              "fr": "Si vous toussez la nuit, surélevez la tête du lit et buvez de l'eau."}[language]
    assert _dangling([*host[:3], Block("paragraph", lead), Block("paragraph", answer), *host[3:]], language) == []


def test_dangling_list_our_road_map_with_only_paragraphs_below_points_at_nothing():
    """"Nachfolgend stellen wir … vor." before prose and only paragraphs below points at nothing
    the article holds; before a heading or a list, the items may stand there."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["de"])] * 6
    lead = "Nachfolgend stellen wir Ihnen die wichtigsten Übungen vor."
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], "de") == [lead]
    items = [Block("heading", "Dehnen", 3), host[0], Block("heading", "Kräftigen", 3), host[0]]
    assert _dangling([*host[:3], Block("paragraph", lead), *items], "de") == []


@pytest.mark.parametrize(("language", "label"), [
    ("en", "Related pages:"),
    ("en", "Useful resources –"),
    ("de", "Weiterführende Links:"),
    ("fr", "Ressources utiles :"),
    ("es", "Recursos útiles:"),
])
def test_dangling_list_a_label_of_links_before_prose_lost_its_links(language, label):
    """A label of links or further pages (`link_labels`) heads no prose: before a paragraph on the
    topic its links are gone. Before its links, set as list items, it dangles not."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", label), *host[3:]], language) == [label]
    links = [Block("list_item", "Asthma UK"), Block("list_item", "British Lung Foundation")]
    assert _dangling([*host[:3], Block("paragraph", label), *links, *host[3:]], language) == []


@pytest.mark.parametrize(("language", "title"), [
    ("en", "Your checklist before a colonoscopy"),
    ("de", "Checkliste für die Darmspiegelung"),
    ("fr", "Liste de vérification avant la coloscopie"),
    ("es", "Datos clave sobre la varicela"),
])
def test_dangling_list_a_checklist_or_key_facts_title_before_prose_on_something_else(language, title):
    """A title naming a checklist or the key facts of a topic (`overviews`) before prose that does
    not take its topic up: its items are gone."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", title), *host[3:]], language) == [title]


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "It's basically a checklist:"),
    ("fr", "C'est un aperçu :"),
])
def test_dangling_list_a_clause_saying_what_something_is_names_no_overview(language, lead):
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == []


def test_dangling_list_im_folgenden_points_and_im_folgenden_jahr_does_not():
    """A pointing word with a capital inside a sentence is the noun "what follows" ("im
    Folgenden"), which the word before it does not make time; "im folgenden Jahr" is an
    adjective before a word of time."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["de"])] * 6
    lead = "Die einzelnen Schritte der Therapie werden im Folgenden erläutert."
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], "de") == [lead]
    year = "Die Klinik wurde im folgenden Jahr um eine Station erweitert."
    assert _dangling([*host[:3], Block("paragraph", year), *host[3:]], "de") == []


@pytest.mark.parametrize(("language", "lead"), [
    ("en", "Mistakes people often make with inhalers –"),
    ("de", "Typische Fehler beim Inhalieren –"),
    ("es", "Errores que se repiten con el inhalador –"),
])
def test_dangling_list_a_class_of_things_to_avoid_closed_by_a_dash_before_prose(language, lead):
    """Mistakes, habits, questions, reasons (`heads`) name a class of items as causes and
    symptoms do: closed by a spaced dash before prose, their list is lost."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH[language])] * 6
    assert _dangling([*host[:3], Block("paragraph", lead), *host[3:]], language) == [lead]


def test_dangling_list_items_run_in_after_the_colon_between_slashes_are_its_list():
    """"Common errors: Ambiguous value / unsupported value / reserved value" runs its items in,
    parted by spaced slashes as by commas."""
    host = [Block("paragraph", CONTEXT_PARAGRAPH["en"])] * 6
    para = "Common GTIN errors and how to solve them: Ambiguous value / unsupported value / reserved or restricted value"
    assert _dangling([*host[:3], Block("paragraph", para), *host[3:]], "en") == []
