"""Work markers (TODO, XXX, À VÉRIFIER, PENDIENTE) in German, French and Spanish copy: the
capitals writers type are the same in every language; a capitalised word of the text is none."""

from __future__ import annotations

import pytest

from ascurate.config import load_config

from .corpus_pages import CORPUS, ROOT, host_blocks, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


HOSTS = {"de": host_blocks(CORPUS / "bench" / "scrapinghub-57b4dafd18.gold.json"),
         "fr": host_blocks(CORPUS / "wcxb-dev" / "wcxb-0645.gold.json"),
         "es": host_blocks(ROOT / "bench" / "flagset" / "base" / "es-gripe.txt")}


def notes(language: str, extra: str) -> list:
    return planted_flags(HOSTS[language], extra, "editorial_note", language, CFG, "list_item")


@pytest.mark.parametrize(("language", "marker"), [
    ("de", "XXX Quelle nachtragen XXX"),
    ("fr", "TODO vérifier la posologie avec la pharmacienne"),
    ("es", "OJO: comprobar la dosis con farmacia antes de subirlo."),
])
def test_a_work_marker_in_german_french_or_spanish_copy_is_flagged(language, marker):
    assert len(notes(language, marker)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Ojo seco: síntomas y tratamiento."),
    ("de", "Der Zuschuss gilt bis Ende des Jahres (Betrag TBD)."),
])
def test_a_capitalised_word_of_the_text_is_no_marker(language, text):
    assert notes(language, text) == []
