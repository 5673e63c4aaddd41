"""off_topic on German, French and Spanish pages, where no care-lift table is learned: a
word of care counts in a passage's share of health words as the English lift ranks it
(highest), and a passage naming a word of care the rest of the article uses too speaks of
the article's own condition (a paragraph of triggers: strawberries, wasps, icy wind). A
passage from elsewhere whose word of care is a figure of speech the article never uses
("en el corazón del casco antiguo") is still weighed. Texts written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, lexicon
from ascurate.flags.topic import _lower_words, _talks_of_care
from ascurate.model import Block, join_blocks

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
FILES = lexicon.files(CFG)

URTICARIA_ES = [
    ("heading", "Urticaria"),
    ("paragraph", "La urticaria es una erupción de ronchas rojas e hinchadas que pican, aparecen en pocos minutos y "
                  "desaparecen sin dejar marca. Uno de cada cinco pacientes la sufre alguna vez, casi siempre sin "
                  "gravedad."),
    ("paragraph", "Las ronchas se parecen a las picaduras de ortiga. Cambian de sitio de una hora a otra y pueden "
                  "acompañarse de hinchazón de los labios o los párpados, el angioedema."),
    ("paragraph", "Fresas, marisco, avispas, viento helado, un baño ardiente, un cinturón apretado o una simple "
                  "infección vírica bastan en algunos casos. En otros, el deporte intenso cumple ese papel."),
    ("paragraph", "Se habla de urticaria crónica cuando los brotes duran más de seis semanas. Casi nunca el médico "
                  "encuentra la causa pese a los análisis de sangre, y una infección o un medicamento rara vez son "
                  "responsables."),
    ("paragraph", "El tratamiento se basa en antihistamínicos tomados a diario mientras duran los brotes. Si cuesta "
                  "respirar o se hincha la lengua, hay que llamar al 112 de inmediato."),
]
FLAT_ES = ("El piso está en pleno corazón del casco antiguo, a cinco minutos de la estación de tren, con una terraza "
           "orientada al sur, trastero y plaza de garaje incluida en el precio.")


def off_topic_quotes(spec: list[tuple[str, str]], lang: str) -> list[str]:
    blocks = [Block(t, x, 2 if t == "heading" else None) for t, x in spec]
    return [f.quote for f in detect(join_blocks(blocks), blocks, CFG, lang) if f.kind == "off_topic"]


def test_a_paragraph_of_triggers_naming_the_article_s_word_of_care_is_not_off_topic():
    assert off_topic_quotes(URTICARIA_ES, "es") == []


def test_a_passage_from_elsewhere_whose_word_of_care_the_article_never_uses_is_still_weighed():
    spec = URTICARIA_ES[:3] + [("paragraph", FLAT_ES)] + URTICARIA_ES[4:]
    assert any(q.startswith("El piso está") for q in off_topic_quotes(spec, "es"))


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Muchas personas no notan síntomas durante años y lo descubren por casualidad en un análisis rutinario."),
    ("de", "Viele Menschen merken lange nichts von ihren Beschwerden und erfahren erst bei einer Routineuntersuchung "
           "davon."),
    ("fr", "Beaucoup de personnes ne remarquent aucun symptôme pendant des années et l'apprennent par hasard lors "
           "d'un contrôle de routine."),
])
def test_a_word_of_care_counts_in_the_share_of_health_words(lang, text):
    care = lexicon.care_words(FILES, lang)
    assert len(set(care[0].findall(text.lower()))) == 1  # one word of care, and no word of the neighbours' list
    assert _talks_of_care(_lower_words(text), 1, lang, FILES)
