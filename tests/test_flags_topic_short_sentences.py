"""off_topic's care-free short sentences: on a health article a sentence of 10 to 14 words
inside a paragraph that shares none of the article's rare words, gives the reader no advice
and whose words do not lean towards health (care lift) is a line from elsewhere; a health
page's own aside in everyday words (advice, cost, a patient's day) and a sentence whose rare
word is of one family with a rare word of the article ("surinfection", "infection") are not.
Texts written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))

GOUT_EN = [
    ("heading", "Gout"),
    ("paragraph", "Gout is a form of inflammatory arthritis caused by crystals of uric acid building up in a joint. "
                  "An attack usually starts at night, most often in the big toe, and the joint becomes hot, swollen "
                  "and very painful within a few hours."),
    ("paragraph", "The condition is more common in men over forty and in people with kidney disease. Uric acid "
                  "levels rise when the kidneys clear too little of it. {aside} Being overweight, drinking beer or "
                  "spirits and some water tablets raise the risk."),
    ("paragraph", "A doctor can confirm the diagnosis by drawing fluid from the joint and looking for crystals under "
                  "a microscope. A blood test for uric acid helps, although levels can be normal during an attack."),
    ("paragraph", "Treatment of an attack relies on anti-inflammatory painkillers, colchicine or a short course of "
                  "steroids. People who have repeated attacks are offered allopurinol, which lowers uric acid over "
                  "months and prevents new crystals forming."),
]
VARICELLE_FR = [
    ("heading", "Varicelle"),
    ("paragraph", "La varicelle est une infection virale très contagieuse qui touche surtout les enfants. Elle se "
                  "transmet par la toux, les éternuements et le contact avec les vésicules."),
    ("paragraph", "Après deux semaines d'incubation apparaissent une fièvre modérée puis des boutons rouges qui "
                  "deviennent des vésicules et démangent beaucoup. L'éruption dure environ une semaine."),
    ("paragraph", "Le traitement vise à soulager les symptômes et à éviter les complications. Le paracétamol fait "
                  "baisser la fièvre ; l'ibuprofène est déconseillé. {aside} Un médecin doit être consulté si "
                  "l'enfant respire mal."),
    ("paragraph", "La maladie est plus sévère chez l'adulte, la femme enceinte et les personnes immunodéprimées. "
                  "Un vaccin existe et il est recommandé pour certains adolescents et adultes."),
]


def off_topic(spec: list[tuple[str, str]], aside: str, lang: str) -> list[tuple[str, str | None]]:
    blocks = [Block(t, x.replace("{aside}", aside), 2 if t == "heading" else None) for t, x in spec]
    return [(f.quote, f.rule) for f in detect(join_blocks(blocks), blocks, CFG, lang) if f.kind == "off_topic"]


@pytest.mark.parametrize("aside", [
    "The home side equalised in stoppage time with a header from a corner.",
    "The village fete raised enough money this summer to repaint the old bandstand.",
])
def test_a_short_line_from_elsewhere_inside_a_paragraph_is_flagged(aside):
    assert (aside, "topic.care-free-short-sentence") in off_topic(GOUT_EN, aside, "en")


@pytest.mark.parametrize("aside", [
    "On long flights, drink plenty of water and walk around the cabin.",  # advice to the reader
    "A prepayment certificate can cut the cost if you need several items each month.",  # the cost of treatment
])
def test_a_health_page_s_own_aside_in_everyday_words_is_not_flagged(aside):
    assert off_topic(GOUT_EN, aside, "en") == []


def test_a_short_sentence_sharing_a_rare_word_s_family_with_the_article_is_not_flagged():
    aside = "Des douches tièdes et des ongles coupés courts limitent le grattage et la surinfection."
    assert off_topic(VARICELLE_FR, aside, "fr") == []


def test_a_short_line_from_elsewhere_on_a_french_health_page_is_flagged():
    aside = "Le marché de Noël ouvre ses portes vendredi sur la place de la mairie."
    assert (aside, "topic.care-free-short-sentence") in off_topic(VARICELLE_FR, aside, "fr")


def as_list(spec: list[tuple[str, str]], at: int, aside: str) -> list[tuple[str, str]]:
    """The page with its paragraph `at` made a list of its sentences, `aside` among them."""
    text = spec[at][1].replace(" {aside}", "")
    items = [s if s.endswith(".") else s + "." for s in text.split(". ")]
    items.insert(1, aside)
    return spec[:at] + [("list_item", s) for s in items] + spec[at + 1:]


def test_a_line_from_elsewhere_among_a_list_of_sentences_is_flagged():
    aside = "The home side equalised in stoppage time with a header from a corner."
    spec = as_list(GOUT_EN, 2, aside)
    assert [q for q, _ in off_topic(spec, "", "en")] == [aside]


@pytest.mark.parametrize(("lang", "spec", "aside"), [
    ("en", GOUT_EN, "Ben keeps a spare inhaler in the glovebox of the car and another at work."),
    ("fr", VARICELLE_FR, "Le soir, Paul range les comprimés du lendemain dans une petite boîte près de l'évier."),
])
def test_a_patient_s_day_naming_the_form_of_a_medicine_is_not_flagged(lang, spec, aside):
    assert off_topic(spec, aside, lang) == []


def test_a_short_sentence_enumerating_the_page_s_own_examples_is_not_flagged():
    aside = "Anchovies, sardines, mussels, liver and game birds are best kept for rare occasions."
    assert off_topic(GOUT_EN, aside, "en") == []


def test_a_word_of_care_inside_a_longer_word_keeps_a_short_sentence_about_care():
    # the article never says "infection" (its first paragraph gone): "surinfection" alone tells
    aside = "Des douches tièdes et des ongles coupés courts limitent le grattage et la surinfection."
    spec = [VARICELLE_FR[0]] + VARICELLE_FR[2:]
    assert off_topic(spec, aside, "fr") == []


HAY_DE = [
    ("heading", "Pollenallergie"),
    ("paragraph", "Bei einer Pollenallergie reagiert das Immunsystem auf Blütenstaub, als wäre er ein Krankheitserreger. "
                  "Die Schleimhäute von Nase und Augen schwellen an, jucken und tränen."),
    ("paragraph", "Wann die Beschwerden beginnen, hängt von den Pflanzen ab, auf die man reagiert. {aside} "
                  "Ein Pollenkalender zeigt, wann welche Pollen fliegen."),
    ("paragraph", "Typische Symptome sind Niesattacken, eine verstopfte Nase und gerötete Augen. Viele Betroffene "
                  "fühlen sich zudem müde und schlafen schlecht."),
    ("paragraph", "Der Hausarzt oder ein Allergologe bestätigt die Diagnose mit einem Hauttest. Antihistaminika und "
                  "kortisonhaltige Nasensprays lindern die Beschwerden, eine Hyposensibilisierung behandelt die Ursache."),
]


def test_a_long_care_free_sentence_enumerating_the_page_s_examples_is_not_flagged():
    aside = ("Birke und Esche blühen schon im April, Roggen und Wiesengräser im Juni, Beifuß und Ambrosia erst im "
             "späten August.")
    assert off_topic(HAY_DE, aside, "de") == []


def test_a_long_line_from_elsewhere_that_lists_and_advises_is_still_flagged():
    aside = ("Vor dem Streichen sollten Sie die Wände gründlich abwaschen, Risse, Löcher und Dübel verspachteln und die "
             "Leisten abkleben.")
    assert [q for q, _ in off_topic(HAY_DE, aside, "de")] == [aside]
