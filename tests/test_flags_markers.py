"""Work markers (TODO, XXX, À VÉRIFIER, PENDIENTE) in German, French and Spanish copy: the
capitals writers type are the same in every language; a capitalised word of the text is none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

CFG = load_config("/nonexistent/ascurate.toml")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _host(path: Path) -> list[Block]:
    lines = (json.loads(path.read_text(encoding="utf-8"))["main_content"] if path.suffix == ".json"
             else path.read_text(encoding="utf-8"))
    return [Block("paragraph", ln.strip()) for ln in lines.split("\n") if ln.strip()]


HOSTS = {"de": _host(CORPUS / "bench" / "scrapinghub-57b4dafd18.gold.json"),
         "fr": _host(CORPUS / "wcxb-dev" / "wcxb-0645.gold.json"),
         "es": _host(ROOT / "bench" / "flagset" / "base" / "es-gripe.txt")}


def notes(language: str, extra: str) -> list:
    host = HOSTS[language]
    blocks = host[:3] + [Block("list_item", extra)] + host[3:]
    return [f for f in detect(join_blocks(blocks), blocks, CFG, language) if f.kind == "editorial_note"]


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
