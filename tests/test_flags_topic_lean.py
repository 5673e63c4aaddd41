"""off_topic on pages leaning to health and on short paragraphs standing alone: a page where
3 in 10 prose paragraphs name a word of care and 2 in 10 name two (a health page just under
the health article's bar) has its short care-free lines weighed as a health article's, and on
such a page a paragraph of 10 to 19 words standing alone is weighed by the same limits and
gates as a short line inside a paragraph. A sentence opening with a verb that governs a
gerund ("Consider splitting …") advises the reader. Texts written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, lexicon
from ascurate.flags.topic import _advice
from ascurate.model import Block, join_blocks
from tests.test_flags_topic_short_sentences import GOUT_EN as GOUT_EN_INSIDE  # the aside inside a paragraph

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))

# five prose paragraphs: one names two words of care (blood, anaemia's "doctor"), one more names
# one: 2 in 5 name a word of care, 1 in 5 two (a health article needs 3 in 10 naming two)
IRON_EN = [
    ("heading", "Eating for iron"),
    ("paragraph", "Iron helps red cells carry oxygen around the body, and a diet short of it leaves many people "
                  "tired, pale and out of breath on the stairs. Women who lose blood every month need more."),
    ("paragraph", "Red meat, liver and oily fish hold the iron the body absorbs most easily. Lentils, beans, tofu, "
                  "dried apricots and dark green leaves hold a form that is taken up less well. {aside} Fortified "
                  "breakfast cereals add a useful amount."),
    ("paragraph", "Vitamin C taken with a meal helps the gut absorb iron from plants, so a glass of orange juice "
                  "with a bowl of lentils does more than either alone. Tea and coffee do the opposite and are best "
                  "kept between meals."),
    ("paragraph", "Vegetarians can meet their needs by eating iron-rich plants every day and pairing them with fruit "
                  "or peppers. Cooking in a cast-iron pan adds a little more to soups and stews."),
    ("paragraph", "A doctor may suggest a blood test if tiredness lasts for weeks despite a better diet, because iron "
                  "stores can run low long before anaemia shows."),
]
# the same page with no word of care at all: no page leaning to health
IRON_PLAIN = [(t, x.replace("Women who lose blood every month need more.", "Teenagers who grow fast need more.")
               .replace("A doctor may suggest a blood test if tiredness lasts for weeks despite a better diet, because",
                        "Keep a food diary for a few weeks if tiredness lasts despite a better diet, because"))
              for t, x in IRON_EN]


def off_topic(spec: list[tuple[str, str]], aside: str, lang: str = "en") -> list[tuple[str, str | None]]:
    blocks = [Block(t, x.replace("{aside}", aside), 2 if t == "heading" else None) for t, x in spec]
    return [(f.quote, f.rule) for f in detect(join_blocks(blocks), blocks, CFG, lang) if f.kind == "off_topic"]


def test_a_short_line_from_elsewhere_on_a_page_leaning_to_health_is_flagged():
    aside = "The leisure centre car park is closed for resurfacing until the fourteenth."
    assert (aside, "topic.care-free-short-sentence") in off_topic(IRON_EN, aside)


def test_without_a_word_of_care_the_page_does_not_lean_to_health():
    aside = "The leisure centre car park is closed for resurfacing until the fourteenth."
    assert off_topic(IRON_PLAIN, aside) == []


def test_a_page_leaning_to_health_keeps_its_own_advice_in_everyday_words():
    assert off_topic(IRON_EN, "Consider splitting an entrée or ordering a la carte at restaurants.") == []


@pytest.mark.parametrize("sentence", [
    "Consider splitting an entrée or ordering a la carte at restaurants.",
    "Try adding a handful of spinach to soups and sauces.",
])
def test_a_verb_governing_a_gerund_opens_advice(sentence):
    assert _advice(lexicon.files(CFG), "en", sentence) == 1.0


def test_a_statement_opening_with_a_gerund_s_subject_is_not_read_as_that_imperative():
    assert _advice(lexicon.files(CFG), "en", "Otters were spotted under the town bridge twice last week.") == 0.0


GOUT_EN = [
    ("heading", "Gout"),
    ("paragraph", "Gout is a form of inflammatory arthritis caused by crystals of uric acid building up in a joint. "
                  "An attack usually starts at night, most often in the big toe, and the joint becomes hot, swollen "
                  "and very painful within a few hours."),
    ("paragraph", "The condition is more common in men over forty and in people with kidney disease. Uric acid "
                  "levels rise when the kidneys clear too little of it."),
    ("paragraph", "{aside}"),
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
    ("paragraph", "{aside}"),
    ("paragraph", "Le traitement vise à soulager les symptômes et à éviter les complications. Le paracétamol fait "
                  "baisser la fièvre ; l'ibuprofène est déconseillé. Un médecin doit être consulté si l'enfant "
                  "respire mal."),
    ("paragraph", "La maladie est plus sévère chez l'adulte, la femme enceinte et les personnes immunodéprimées. "
                  "Un vaccin existe et il est recommandé pour certains adolescents et adultes."),
]


def test_a_short_paragraph_from_elsewhere_the_short_passage_model_lets_through_is_flagged():
    # (a line of the tuned family ot-t20-fr-bref: the model scores it under its threshold here)
    aside = "Le marché du samedi se tiendra exceptionnellement place de la Mairie."
    assert off_topic(VARICELLE_FR, aside, "fr") == [(aside, "topic.care-free-short-paragraph")]


def test_a_short_paragraph_from_elsewhere_the_model_flags_keeps_the_model_s_flag():
    aside = "La médiathèque prête désormais des jeux de société et des consoles."
    assert off_topic(VARICELLE_FR, aside, "fr") == [(aside, "topic.model:topic-short-v2")]


@pytest.mark.parametrize("aside", [
    "Wash your hands after stroking animals, especially before you eat.",  # advice to the reader
    "Most pharmacies will sort your tablets into a weekly pill box if you ask.",  # a form of medicine
])
def test_a_health_page_s_own_short_paragraph_in_everyday_words_is_not_flagged(aside):
    assert off_topic(GOUT_EN, aside) == []




def test_a_carer_s_day_at_a_recurring_hour_is_not_flagged():
    aside = "Every afternoon Priya drives over to her grandmother's house, makes her lunch and folds the laundry."
    assert off_topic(GOUT_EN_INSIDE, aside, "en") == []


def test_a_line_from_elsewhere_at_a_one_off_hour_is_still_flagged():
    aside = "On Saturday evening, the brass band plays its last concert of the season in the park."
    assert off_topic(GOUT_EN_INSIDE, aside, "en") != []


@pytest.mark.parametrize("aside", [
    "This season, the boutique's wide-leg jeans come in washed blue and pale grey denim.",
    "This weekend the garden centre sells rose bushes, bird baths and patio heaters at half price.",
])
def test_a_near_demonstrative_before_a_noun_of_time_does_not_tie_a_line_to_the_text_before(aside):
    assert [rule for quote, rule in off_topic(GOUT_EN_INSIDE, aside, "en") if quote == aside]


def test_a_near_demonstrative_before_another_noun_still_ties_a_line_to_the_text_before():
    aside = "This boutique sells wide-leg jeans in washed blue and pale grey denim at weekends."
    assert off_topic(GOUT_EN_INSIDE, aside, "en") == []


def test_a_line_from_elsewhere_closing_an_item_that_names_a_word_of_care_is_flagged():
    aside = "The remastered rally game runs at a steady 120 frames a second on the new console."
    spec = [("heading", "Gout"), *GOUT_EN_INSIDE[1:2], *GOUT_EN_INSIDE[3:],
            ("list_item", "An attack usually starts at night, most often in the big toe."),
            ("list_item", "The joint becomes hot, swollen and very painful within a few hours."),
            ("list_item", "Most attacks settle within a week or two, even without treatment. " + aside),
            ("paragraph", "Repeated attacks can damage the joint, so people who have them are offered treatment "
                          "that lowers uric acid for good.")]
    assert (aside, "topic.care-free-sentence") in off_topic(spec, "", "en")
