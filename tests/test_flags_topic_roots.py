"""off_topic's medical roots (`[[care_roots]]`): a word built on a Greek or Latin root of
medicine ("Hämatokrit", "Thrombozyten", "hépatique", "artritis") is a word of care in the
four languages, so a sentence of lab values or conditions that names no listed care word
is the article's own, while common words that merely start or end alike ("hemos",
"hämmern", "suite", "academia", "hypothesis") are not care. Texts written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.flags import detect, lexicon
from ascurate.flags.topic import _care, _cares
from ascurate.model import Block, join_blocks

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
FILES = lexicon.files(CFG)


def page(paragraphs: list[str]) -> list[Block]:
    return [Block("heading", "Blutarmut erkennen und behandeln", 2)] + [Block("paragraph", p) for p in paragraphs]


BLOOD_DE = [
    "Bei einer Blutarmut fehlen dem Körper rote Blutkörperchen, die Sauerstoff in die Gewebe bringen. Betroffene "
    "fühlen sich oft müde, sind blass und kommen bei Anstrengung schnell außer Atem.",
    "Die Ursachen reichen von einer einseitigen Ernährung über chronische Blutverluste bis zu seltenen Erkrankungen "
    "des Knochenmarks, die erst ein Facharzt erkennt.",
    "Der Arzt bestimmt die Werte mit einer Blutuntersuchung. Neben dem Hämatokrit gibt vor allem die Zahl der "
    "Thrombozyten Auskunft darüber, ob auch die Gerinnung gestört ist und wie es weitergeht.",
    "Die Behandlung richtet sich nach der Ursache. Häufig genügen Tabletten über einige Monate, in schweren Fällen "
    "ist eine Infusion in der Klinik nötig.",
    "Wer Medikamente zur Blutverdünnung nimmt, sollte die Werte regelmäßig kontrollieren lassen und Beschwerden "
    "wie Nasenbluten oder blaue Flecken dem Arzt melden.",
]
ELSEWHERE = ("Der Flohmarkt auf dem Schulhof findet am Samstag statt, Standplätze kosten fünf Euro und werden vorher "
             "im Sekretariat vergeben, solange der Vorrat reicht.")


def off_topic(paragraphs: list[str]) -> list[str]:
    blocks = page(paragraphs)
    return [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "de") if f.kind == "off_topic"]


def test_a_sentence_of_lab_values_named_by_their_roots_is_the_articles_own():
    assert off_topic(BLOOD_DE) == []


def test_a_line_from_elsewhere_on_the_same_page_is_still_flagged():
    paras = list(BLOOD_DE)
    paras[3] = paras[3] + " " + ELSEWHERE
    assert off_topic(paras) == [ELSEWHERE]


@pytest.mark.parametrize(("lang", "text", "roots"), [
    ("de", "Hämatokrit, Thrombozyten und eine Neurodermitis", 3),
    ("fr", "une atteinte hépatique et une leucémie", 2),
    ("es", "la artritis y la hipertensión", 2),
    ("en", "a hysterectomy after haemorrhage", 2),
    ("es", "hemos visto la academia", 0),
    ("de", "wir hämmern die Leuchten fest", 0),
    ("fr", "la suite de la visite", 0),
    ("en", "the hypothesis of sympathy in academia", 0),
])
def test_a_word_built_on_a_medical_root_counts_as_a_word_of_care(lang, text, roots):
    assert _cares(_care(FILES, lang), text) == roots
