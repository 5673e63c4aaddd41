"""off_topic on German, French and Spanish health pages: the care vocabulary names as much
as the English one does (a side-effects line is about health in Spanish too), a sentence
opening with a demonstrative or pronoun pointing back goes on with the article's thread,
and a sentence inside a quoted testimony is the speaker's, as its paragraph is. Texts
written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, lexicon
from ascurate.flags.topic import _lower_words, _talks_of_care, _tied, _windows
from ascurate.model import Block, join_blocks

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
FILES = lexicon.files(CFG)


def page(spec: list[tuple[str, str]]) -> list[Block]:
    return [Block(t, x, 2 if t == "heading" else None) for t, x in spec]


BREAST_CANCER_ES = page([
    ("heading", "Vivir con cáncer de mama"),
    ("paragraph", "El cáncer de mama es el tumor más frecuente en las mujeres. El diagnóstico precoz, gracias a la "
                  "mamografía, permite un tratamiento menos agresivo y mejora el pronóstico."),
    ("paragraph", "El tratamiento combina cirugía, quimioterapia, radioterapia o terapia hormonal según el tipo de "
                  "tumor. Los efectos secundarios más comunes son el cansancio, las náuseas y la caída del pelo."),
    ("paragraph", "Las asociaciones de pacientes ofrecen apoyo psicológico, talleres y grupos de encuentro para las "
                  "mujeres en tratamiento y sus familias."),
    ("paragraph", "Tras el tratamiento, las revisiones periódicas con el oncólogo permiten detectar a tiempo una "
                  "recaída y tratar las secuelas."),
])


def test_a_side_effects_sentence_on_a_spanish_health_page_is_not_off_topic():
    text = join_blocks(BREAST_CANCER_ES)
    assert [f.quote for f in detect(text, BREAST_CANCER_ES, CFG, "es") if f.kind == "off_topic"] == []


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Cette perte osseuse progresse pendant des années sans aucun signe visible."),
    ("fr", "Lui qui n'avait jamais été malade a dû apprendre à vivre avec ce diagnostic."),
    ("de", "Sie betrifft vor allem ältere Menschen, deren Knochen über Jahre dünner werden."),
    ("de", "Dadurch steigt das Risiko für einen Bruch schon bei einem leichten Sturz."),
    ("es", "Dicho examen se repite cada dos años en las mujeres de más de cincuenta años."),
    ("es", "Su evolución es lenta y suele pasar desapercibida durante años."),
])
def test_a_sentence_opening_with_a_word_pointing_back_is_tied_to_the_text_before(lang, sentence):
    assert _tied(FILES, lang)(sentence)


@pytest.mark.parametrize(("sentence", "tied"), [
    ("Das verstärkt die Beschwerden oft noch über Wochen.", True),  # the pronoun points back
    ("Das Smartphone überzeugt im Test mit einer starken Kamera.", False),  # the article before a noun
    ("Das Immunsystem hält harmlose Eiweiße der Pollen für gefährlich.", False),
])
def test_german_das_points_back_as_a_pronoun_not_as_the_article_before_a_noun(sentence, tied):
    assert _tied(FILES, "de")(sentence) is tied


def test_a_sentence_inside_a_quoted_testimony_is_the_speaker_s_not_a_line_from_elsewhere():
    testimony = ("“Cuando el médico me dio el diagnóstico me quedé en blanco. Nadie en la familia lo esperaba, sobre "
                 "todo por la edad, porque la abuela siempre había cultivado tomates y girasoles en la huerta del "
                 "pueblo. Hoy sigo las revisiones y vivo con más calma.”")
    closed = ("“Cuando el médico me dio el diagnóstico me quedé en blanco”, cuenta Marta, de treinta y ocho años. La "
              "estación de autobuses reformada acoge ahora un mercadillo de antigüedades y libros viejos cada domingo "
              "por la mañana.")
    blocks = [Block("paragraph", testimony), Block("paragraph", closed)]
    sizes = {i: len(b.text.split()) for i, b in enumerate(blocks)}
    found = [blocks[i].text[a:b] for i, a, b, _ in _windows(blocks, [0, 1], sizes)[0]]
    assert not any("girasoles" in s for s in found)  # inside the quotation the paragraph opens with
    assert any(s.startswith("La estación de autobuses") for s in found)  # after the quotation closed: weighed


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Beschwerden beginnen schleichend: Betroffene sind müde, blass und kurzatmig, haben trockene Haut, "
           "leiden unter Schwindel und bekommen bei Treppensteigen schnell Herzrasen."),
    ("fr", "Les symptômes s'installent peu à peu : fatigue, pâleur, essoufflement au moindre effort, vertiges et "
           "peau sèche qui tiraille après la douche."),
    ("es", "Los síntomas aparecen poco a poco: cansancio, palidez, mareos al levantarse, piel seca y una sensación "
           "de falta de aire al subir escaleras."),
])
def test_a_line_of_complaints_with_one_word_of_care_talks_of_health(lang, text):
    words = _lower_words(text)
    care = lexicon.care_words(FILES, lang)
    assert len(set(care[0].findall(text.lower()))) == 1  # one word of care: the line alone is not about health outright
    assert _talks_of_care(words, 1, lang, FILES)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Das Ferienhaus liegt im Herzen des Dorfes, nur wenige Schritte vom See, mit Kamin, Sauna und "
           "großem Garten für Familien mit Kindern."),
    ("fr", "La maison d'hôtes se trouve au cœur du village, à deux pas du lac, avec cheminée, sauna et grand "
           "jardin pour les familles."),
])
def test_a_passage_from_elsewhere_with_a_figurative_word_of_care_does_not(lang, text):
    assert not _talks_of_care(_lower_words(text), 1, lang, FILES)
